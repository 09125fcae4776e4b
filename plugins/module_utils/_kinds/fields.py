# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""One table of fields per kind, and the vocabularies of the API, declared once.

A field is an option of the kind's module (and the same key in the vault_state document) and, for
most, an attribute of the API object. From the table come: the module's argument spec and the
document's (``argument_spec``), the plain option → API field mapping of ``desired`` (``api_fields``),
what a new object looks like in check mode (``new_object``) and the spec an existing object exports
as (``to_spec``). DOCUMENTATION stays static text for ansible-doc; a unit test holds it to the table.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Dict, Optional, Tuple

from ansible_collections.zoho.vault.plugins.module_utils._errors import ValidationError

# The vocabularies of the API (reference: secret types, user roles, chamber types, share permissions).
SECRET_TYPES = ('Login', 'Server', 'Database', 'Document', 'Note', 'Credit Card', 'Bank Account', 'SSH Key', 'Custom')
ROLES = ('Administrator', 'Manager', 'User', 'Read-Only')
CHAMBER_TYPES = ('Shared', 'Custom')
PERMISSIONS = ('READ', 'WRITE', 'SHARE', 'OWNER')
PASSWORD_POLICY_KEYS = ('length', 'uppercase', 'lowercase', 'numbers', 'symbols')
# What a create-or-update does to a secret that exists already (create-only writes: keep, fail).
ON_EXISTS = ('update', 'keep', 'fail')

# ``Field.required``: where the option must be given.
MODULE_AND_DOCUMENT, DOCUMENT = 'module and document', 'document'


@dataclass(frozen=True)
class Field:
    option: str
    api: Optional[str] = None
    """The API field it sets; None for an option that steers the module (``purge_custom_fields``)."""
    type: str = 'str'
    choices: Optional[Tuple[str, ...]] = None
    elements: Optional[str] = None
    default: Any = None
    """The module's default (the document gives none: the engine fills in what it needs)."""
    required: Optional[str] = None
    no_log: Optional[bool] = None
    options: Optional[Tuple[Field, ...]] = None
    """The fields of a mapping (or of each mapping of a list)."""
    new: Any = None
    """What Zoho Vault gives a new object that does not set the field (None: nothing)."""
    choice_hint: str = ''
    """Said after the choices when a value is not one of them."""

    def spec(self, document: bool = False) -> Dict[str, Any]:
        """The argument spec entry of the option, in the module or in the document."""
        out: Dict[str, Any] = {'type': self.type}
        for key in ('choices', 'elements', 'no_log'):
            value = getattr(self, key)
            if value is not None:
                out[key] = list(value) if key == 'choices' else value
        if self.options is not None:
            out['options'] = argument_spec(self.options, document)
        if self.required == MODULE_AND_DOCUMENT or (document and self.required == DOCUMENT):
            out['required'] = True
        if self.default is not None and not document:
            out['default'] = copy.copy(self.default)
        return out


def _text(option: str, api: str) -> Field:
    """A text attribute: a new object has it empty."""
    return Field(option, api, new='')


USER = (
    Field('email', 'emailid', required=MODULE_AND_DOCUMENT),
    Field('role', 'role', choices=ROLES, new='User'),
    _text('first_name', 'firstname'),
    _text('last_name', 'lastname'),
)

GROUP = (
    Field('name', 'groupname', required=MODULE_AND_DOCUMENT),
    _text('description', 'description'),
    Field('members', 'members', type='list', elements='str', new=[]),
)

CHAMBER = (
    Field('name', 'chambername', required=DOCUMENT),
    Field('chamber_type', 'chambertype', choices=CHAMBER_TYPES, new='Custom',
          choice_hint=' (Personal chambers are made by the vault itself)'),
    _text('description', 'description'),
)

SECRET = (
    Field('name', 'secretname', required=DOCUMENT),
    _text('url', 'secreturl'),
    _text('username', 'username'),
    Field('password', 'password', no_log=True),
    Field('generate_password', type='bool', default=False, no_log=False),
    Field('password_policy', type='dict', no_log=False,
          options=tuple(Field(key, type='int' if key == 'length' else 'bool') for key in PASSWORD_POLICY_KEYS)),
    _text('notes', 'notes'),
    Field('custom_fields', 'customfields', type='dict', new={}),
    Field('purge_custom_fields', type='bool', default=False),
    Field('secret_type', 'secrettype', choices=SECRET_TYPES, new='Login'),
    Field('owner', 'owner'),
    Field('on_exists', choices=ON_EXISTS, default='update'),
)


def _grantees(option: str, key: str) -> Field:
    """Users or groups of a share; a module revoking a share (state absent) needs no permissions."""
    permissions = Field('permissions', type='list', elements='str', choices=PERMISSIONS, required=DOCUMENT)
    return Field(option, type='list', elements='dict', default=[], options=(Field(key, required=MODULE_AND_DOCUMENT), permissions))


SHARE = (_grantees('users', 'email'), _grantees('groups', 'name'))


def argument_spec(fields: Tuple[Field, ...], document: bool = False) -> Dict[str, Dict[str, Any]]:
    return {f.option: f.spec(document) for f in fields}


def api_fields(fields: Tuple[Field, ...]) -> Tuple[Tuple[str, str], ...]:
    """(API field, option) of the plain attributes: the scalar fields that ``desired`` copies as given."""
    return tuple((f.api, f.option) for f in fields if f.api and f.type == 'str' and not f.no_log and f.api != 'owner')


def new_object(fields: Tuple[Field, ...], id_field: str) -> Dict[str, Any]:
    """A new object as check mode predicts it, before the planned fields are laid over it."""
    out: Dict[str, Any] = {id_field: None}
    out.update((f.api, copy.copy(f.new)) for f in fields if f.api and f.new is not None)
    return out


def check_choices(fields: Tuple[Field, ...], spec: Dict[str, Any]) -> None:
    """ValidationError for a value outside its vocabulary (the document and callers other than Ansible's own check)."""
    for f in fields:
        value = spec.get(f.option)
        if f.choices and f.type == 'str' and value is not None and value not in f.choices:
            raise ValidationError('%s must be one of %s, got %r%s' % (f.option, ', '.join(f.choices), value, f.choice_hint))


def to_spec(fields: Tuple[Field, ...], obj: Dict[str, Any]) -> Dict[str, Any]:
    """The options that declare ``obj`` as it is (export); no secret values, no steering options."""
    out = {}
    for f in fields:
        if not f.api or f.no_log:
            continue
        value = obj.get(f.api)
        if value in (None, '') and f.new is not None:
            value = f.new  # as a new object would have it
        out[f.option] = copy.copy(value)
    return out
