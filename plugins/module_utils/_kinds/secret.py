# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Secrets as desired state: the spec of the zoho.vault.secret module against the API object.

Spec (the module's option names): ``secret_id``, ``name``, ``chamber`` (name or id), ``url``,
``username``, ``password``, ``notes``, ``custom_fields``, ``purge_custom_fields``, ``secret_type``,
``owner``, ``update_password`` (always/on_create), ``generate_password``, ``password_policy``,
``regenerate_password``, ``on_exists`` (update/keep/fail) and ``state`` (present/absent).

Passwords:

- ``update_password: always`` with a declared ``password`` reads the stored password once
  (``GET /secrets/{id}/password``, audited by the vault as "Password Viewed") and writes only when
  it differs.
- ``update_password: on_create`` never reads nor writes the password of an existing secret.
- ``generate_password`` asks the API generator for a password, only when the secret is created;
  an existing secret is adopted as it is, unless ``regenerate_password`` asks for a new one on
  every run (a rotation, never idempotent).

Every password (declared, generated, read) is registered with the client's redaction and is
never part of a plan, a diff or a returned object.

Sensitive custom fields (``_redact.SensitiveFields``: the ``sensitive_custom_fields`` option, and the
fields the vault marks concealed) are compared on their real values but shown redacted in plans and
diffs, and in returned objects unless ``reveal`` (the module's switch that returns passwords) is set;
every value seen is registered with the client's redaction and handed to ``hide`` (the module's
``no_log_values``), the values read only when they are not revealed.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import time
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Set, Tuple

from ansible_collections.zoho.vault.plugins.module_utils._api._base import looks_like_id, same_name
from ansible_collections.zoho.vault.plugins.module_utils._errors import Conflict, NotFound, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._changes import Change, FieldChange, compare_fields, diff, merge_mapping
from ansible_collections.zoho.vault.plugins.module_utils._kinds import fields as _fields
from ansible_collections.zoho.vault.plugins.module_utils._kinds.interface import Kind, Obj
from ansible_collections.zoho.vault.plugins.module_utils._options import env_name
from ansible_collections.zoho.vault.plugins.module_utils._redact import SensitiveFields

KIND = 'secret'
SECRET_FIELDS = ('password',)
SHOWN = ('secretid', 'secretname', 'chamberid', 'secreturl', 'username', 'notes', 'customfields', 'secrettype', 'owner')
# How the read-only modules (secret_info, secret_share_info) select secrets: doc fragment zoho.vault.secret_selection.
SELECT_OPTIONS: Dict[str, Dict[str, Any]] = {
    'secret_id': {'type': 'str'}, 'name': {'type': 'str'}, 'chamber': {'type': 'str'}, 'search_text': {'type': 'str'},
    'secret_type': {'type': 'str', 'choices': list(_fields.SECRET_TYPES)}, 'username': {'type': 'str'}, 'url': {'type': 'str'},
    'owner': {'type': 'str'}, 'password_older_than_days': {'type': 'int', 'no_log': False}, 'shared_with_user': {'type': 'str'},
    'shared_with_group': {'type': 'str'},
}
SELECT_EXCLUSIVE = [('secret_id', 'name'), ('secret_id', 'chamber'), ('secret_id', 'search_text'), ('name', 'search_text')]
GENERATED = object()
"""Stands for a password the generator will make (check mode never calls the generator)."""


def _changed_before(secret: Dict[str, Any], cutoff: float) -> bool:
    """Whether the password was last set before ``cutoff`` (epoch seconds); a secret that does not say is left out."""
    stamp = secret.get('passwordmodifiedtime') or secret.get('modifiedtime') or secret.get('createdtime')
    if isinstance(stamp, (int, float)) or (isinstance(stamp, str) and stamp.isdigit()):
        return float(stamp) / 1000.0 < cutoff  # milliseconds, as production Zoho Vault gives them
    try:
        moment = datetime.datetime.strptime(str(stamp), '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=datetime.timezone.utc)
    except ValueError:
        return False
    return moment.timestamp() < cutoff


def public(obj: Optional[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    """A secret as returned to users: never with a password."""
    if obj is None:
        return None
    return {k: v for k, v in obj.items() if k != 'password'}


def custom_fields(value: Any) -> Optional[Dict[str, str]]:
    """Custom field values as the API wants them: a mapping of strings to strings."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValidationError('custom_fields must be a dictionary of field names to values, got %s' % type(value).__name__)
    out = {}
    for key, item in value.items():
        if isinstance(item, (dict, list, tuple, set)):
            raise ValidationError('custom field %r must be a string, number or boolean, got %s' % (key, type(item).__name__))
        if item is None:
            item = ''
        out[str(key)] = item if isinstance(item, str) else str(item)
    return out


def declared_sensitive_values(params: Mapping[str, Any], declared: Iterable[Any]) -> List[str]:
    """The sensitive values among the custom fields a task gives (``declared``: mappings), for a module's
    ``hidden_values``. ``params`` may still be the raw arguments, before Ansible applies the environment fallback."""
    patterns = params.get('sensitive_custom_fields')
    if patterns is None:
        patterns = os.environ.get(env_name('sensitive_custom_fields'), '').split(',')
    elif isinstance(patterns, str):
        patterns = patterns.split(',')
    sensitive = SensitiveFields.named(patterns if isinstance(patterns, list) else ())
    found: List[str] = []
    for fields in declared:
        if isinstance(fields, dict):
            found.extend(sensitive.values({'customfields': fields}))
    return found


class SecretState(Kind):
    kind = KIND
    shown_fields = SHOWN
    fields = _fields.SECRET
    id_field = 'secretid'
    secret_fields = SECRET_FIELDS

    def __init__(self, vault: Any, reveal: bool = False, hide: Optional[Callable[[Set[str]], None]] = None) -> None:
        super().__init__(vault)
        self._chambers: Dict[str, Optional[str]] = {}
        self._passwords: Dict[str, str] = {}
        self.password_written: Optional[str] = None
        self.sensitive = SensitiveFields.of(getattr(getattr(vault, 'client', None), 'options', None))
        self.reveal = reveal
        self.hide = hide
        """Called with the sensitive values no output may show (a module's ``no_log_values.update``): the declared
        ones always, the ones read unless ``reveal``."""

    def see(self, secret: Obj, *others: Obj, declared: bool = False) -> None:
        """Register the sensitive custom field values of ``secret`` for redaction (``others``: see ``SensitiveFields.values``)."""
        values = set(self.sensitive.values(secret, *others))
        if values:
            self.vault.client.add_secret_values(*values)
            if self.hide is not None and (declared or not self.reveal):
                self.hide(values)

    def conceal(self, secret: Obj) -> Obj:
        """A secret as returned: ``public``, its sensitive custom fields redacted unless ``reveal``."""
        self.see(secret)
        return public(secret) if self.reveal else self.sensitive.conceal(public(secret))

    # -- names → ids
    def chamber_id(self, chamber: Any) -> Optional[str]:
        """The id of a chamber given by id or name (cached). An all-digit value is taken as an id without a call."""
        if chamber is None or chamber == '':
            return None
        key = str(chamber)
        if key not in self._chambers:
            if looks_like_id(key):
                self._chambers[key] = key
            else:
                self._chambers[key] = str(self.vault.chambers.resolve(key)['chamberid'])
        return self._chambers[key]

    # -- spec → API
    def desired(self, spec: Dict[str, Any]) -> Dict[str, Any]:
        """API fields for the managed attributes (None = not managed); ``customfields`` as declared."""
        declared = custom_fields(spec.get('custom_fields'))
        self.see({'customfields': declared}, declared=True)  # first: any error below must not show them either
        name = spec.get('name')
        if name is not None and not str(name).strip():
            raise ValidationError('name must not be empty')
        _fields.check_choices(_fields.SECRET, spec)
        if spec.get('password') is not None and spec.get('generate_password'):
            raise ValidationError('password and generate_password are mutually exclusive')
        if spec.get('regenerate_password') and not spec.get('generate_password'):
            raise ValidationError('regenerate_password needs generate_password: true')
        if spec.get('regenerate_password') and spec.get('update_password') == 'on_create':
            raise ValidationError('regenerate_password contradicts update_password: on_create; use update_password: always')
        policy = spec.get('password_policy') or {}
        unknown = sorted(set(policy) - set(_fields.PASSWORD_POLICY_KEYS))
        if unknown:
            raise ValidationError('unknown password_policy key(s) %s; use %s' % (', '.join(unknown), ', '.join(_fields.PASSWORD_POLICY_KEYS)))
        if spec.get('password') is not None:
            self.vault.client.add_secret_values(spec['password'])
        out = {api: spec.get(opt) for api, opt in _fields.api_fields(_fields.SECRET)}
        try:
            out['chamberid'] = self.chamber_id(spec.get('chamber'))
        except NotFound:
            if (spec.get('state') or 'present') != 'absent':
                raise
            out['chamberid'] = None  # nothing to delete in a chamber that does not exist (read() says so)
        out['customfields'] = declared
        out['password'] = spec.get('password')
        out['owner'] = spec.get('owner')
        return out

    # -- read
    def find(self, name: str, chamber_id: Optional[str]) -> Optional[Dict[str, Any]]:
        """The secret called ``name`` (in the chamber, when given): one search call; AmbiguousName across chambers."""
        matches = self.vault.secrets.find(name, chamber_id)
        if len(matches) > 1:
            self.vault.secrets.resolve(name, chamber_id)  # raises AmbiguousName naming the chambers
        return matches[0] if matches else None

    def read(self, spec: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        """The current secret: by ``secret_id`` (None when it does not exist), else by ``name`` (+ ``chamber``)."""
        secret_id = spec.get('secret_id')
        if secret_id:
            try:
                return self.vault.secrets.get(str(secret_id))
            except NotFound:
                return None
        if not spec.get('name'):
            raise ValidationError('give secret_id, or name (and chamber) of the secret')
        try:
            chamber_id = self.chamber_id(spec.get('chamber'))
        except NotFound:
            if (spec.get('state') or 'present') == 'absent':
                return None  # no such chamber: the secret is absent already
            raise
        return self.find(spec['name'], chamber_id)

    def select(self, params: Dict[str, Any]) -> List[Dict[str, Any]]:
        """The secrets ``SELECT_OPTIONS`` select: by id, by name, by search filters, a chamber's, or all visible."""
        if params.get('secret_id'):
            try:
                return [self.vault.secrets.get(params['secret_id'])]
            except NotFound:
                return []
        chamber_id = self.chamber_id(params.get('chamber'))
        if params.get('name'):
            found = self.vault.secrets.find(params['name'], chamber_id)
        elif any(params.get(k) for k in ('search_text', 'secret_type', 'username', 'url')):
            found = self.vault.secrets.search(searchtext=params.get('search_text'), secrettype=params.get('secret_type'),
                                              chamberid=chamber_id, username=params.get('username'), secreturl=params.get('url'))
        elif chamber_id:
            found = self.vault.chambers.secrets(chamber_id)
        else:
            found = self.vault.secrets.list()
        filters = (('secrettype', params.get('secret_type')), ('chamberid', chamber_id))
        found = [s for s in found if all(value is None or str(s.get(key)) == str(value) for key, value in filters)]
        return self._filter(found, params)

    def _filter(self, found: List[Dict[str, Any]], params: Dict[str, Any]) -> List[Dict[str, Any]]:
        """The selection's filters that the API does not offer: owner, password age, shared with a user or group."""
        if params.get('owner'):
            found = [s for s in found if same_name(s.get('owner'), params['owner'])]
        days = params.get('password_older_than_days')
        if days is not None:
            if days < 0:
                raise ValidationError('password_older_than_days must be 0 or more, got %d' % days)
            cutoff = time.time() - days * 86400
            found = [s for s in found if _changed_before(s, cutoff)]
        user, group = params.get('shared_with_user'), params.get('shared_with_group')
        if user or group:
            group_id = str(self.vault.groups.resolve(group)['groupid']) if group else None
            found = [s for s in found if self._shared_with(str(s['secretid']), user, group_id)]
        return found

    def _shared_with(self, secret_id: str, email: Optional[str], group_id: Optional[str]) -> bool:
        info = self.vault.shares.get(secret_id) or {}
        if email and not any(same_name(u.get('emailid'), email) for u in info.get('users') or []):
            return False
        return not group_id or any(str(g.get('groupid')) == group_id for g in info.get('groups') or [])

    def lookup(self, spec: Dict[str, Any]) -> Dict[str, Any]:
        """Like ``read`` but the secret must exist (for modules that act on an existing secret)."""
        current = self.read(spec)
        if current is None:
            if spec.get('secret_id'):
                raise NotFound('no secret with id %s is visible to this user' % spec['secret_id'])
            where = ' in chamber %r' % spec['chamber'] if spec.get('chamber') else ''
            raise NotFound('no secret named %r%s is visible to this user' % (spec.get('name'), where))
        return current

    def password_of(self, secret_id: str) -> str:
        """The stored password (one audited GET, cached; registered for redaction)."""
        if secret_id not in self._passwords:
            password = self.vault.secrets.get_password(secret_id)
            self._passwords[secret_id] = password if password is not None else ''
        return self._passwords[secret_id]

    # -- plan
    def plan(self, current: Optional[Dict[str, Any]], desired: Dict[str, Any], spec: Dict[str, Any]) -> Optional[Change]:
        self.see(current)
        self.see(desired, current, declared=True)  # a field the vault marks concealed is sensitive in the task too
        state = spec.get('state') or 'present'
        if state == 'absent':
            if current is None:
                return None
            return Change('delete', KIND, current.get('secretname') or '', reason='state is absent', object_id=str(current['secretid']))
        if current is not None and not self._may_update(current, spec):
            return None
        fields = self._field_changes(current, desired, spec)
        if current is None:
            if spec.get('secret_id'):
                raise NotFound('no secret with id %s; leave secret_id out and give name (and chamber) to create a secret'
                               % spec['secret_id'])
            if not desired.get('secretname'):
                raise ValidationError('name is required to create a secret')
            return Change('create', KIND, desired['secretname'], fields=fields, reason='does not exist')
        if not fields:
            return None
        reasons = []
        names = [f.name for f in fields]
        if 'password' in names:
            reasons.append('regenerate_password is set' if spec.get('regenerate_password') else 'password differs')
        if len(names) > names.count('password'):
            reasons.append('differs')
        return Change('update', KIND, current.get('secretname') or '', fields=fields, reason='; '.join(reasons),
                      object_id=str(current['secretid']))

    @staticmethod
    def _may_update(current: Dict[str, Any], spec: Dict[str, Any]) -> bool:
        """``on_exists``: update (compare and write), keep (leave it as it is, not even read its password) or fail."""
        on_exists = spec.get('on_exists') or 'update'
        if on_exists == 'fail':
            raise Conflict('secret %r exists already (id %s) and on_exists is fail' % (current.get('secretname'), current.get('secretid')),
                           hint='Use on_exists: keep to leave an existing secret as it is, or update to manage it')
        return on_exists != 'keep'

    def _field_changes(self, current: Optional[Dict[str, Any]], desired: Dict[str, Any], spec: Dict[str, Any]) -> List[FieldChange]:
        plain = {k: v for k, v in desired.items() if k not in ('password', 'customfields', 'owner')}
        if current is None:
            plain['customfields'] = desired.get('customfields')
            fields = [f for f in compare_fields(None, plain) if f.after is not None]
            if desired.get('password') is not None:
                fields.append(FieldChange('password', None, desired['password'], secret=True))
            elif spec.get('generate_password'):
                fields.append(FieldChange('password', None, GENERATED, secret=True))
            if desired.get('owner'):
                fields.append(FieldChange('owner', None, desired['owner']))
            return self._hide_keys(fields, current, desired)
        if not spec.get('secret_id') and same_name(current.get('secretname'), plain.get('secretname')):
            plain['secretname'] = None  # found by this name, compared case-insensitively: not a rename
        declared = desired.get('customfields')
        if declared is not None or spec.get('purge_custom_fields'):
            plain['customfields'] = merge_mapping(current.get('customfields') or {}, declared or {}, bool(spec.get('purge_custom_fields')))
        fields = compare_fields(current, plain)
        owner = desired.get('owner')
        if owner and not same_name(current.get('owner'), owner):
            fields.append(FieldChange('owner', current.get('owner'), owner))
        if spec.get('update_password', 'always') != 'on_create':
            if desired.get('password') is not None:
                stored = self.password_of(str(current['secretid']))
                if stored != desired['password']:
                    fields.append(FieldChange('password', stored, desired['password'], secret=True))
            elif spec.get('generate_password') and spec.get('regenerate_password'):
                fields.append(FieldChange('password', None, GENERATED, secret=True))
        return self._hide_keys(fields, current, desired)

    def _hide_keys(self, fields: List[FieldChange], current: Obj, desired: Obj) -> List[FieldChange]:
        """The changes sorted, the custom fields change marking its sensitive keys (the plan shows them redacted)."""
        keys = self.secret_keys(current, desired).get('customfields', ())
        return sorted((dataclasses.replace(f, secret_keys=keys) if f.name == 'customfields' and keys else f for f in fields),
                      key=lambda f: f.name)

    def secret_keys(self, before: Obj, after: Obj) -> Dict[str, Tuple[str, ...]]:
        return {'customfields': self.sensitive.names(before, after)}

    # -- apply
    def predict(self, change: Optional[Change], current: Optional[Dict[str, Any]], desired: Dict[str, Any],
                spec: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        """The object as it will be after ``change`` (what check mode returns), without a password."""
        return public(super().predict(change, current, desired, spec))

    def _generate(self, spec: Dict[str, Any]) -> str:
        policy = {k: v for k, v in (spec.get('password_policy') or {}).items() if v is not None}
        password = self.vault.generator.generate(**policy)
        if not password:
            raise ValidationError('the password generator returned no password; check password_policy')
        self.vault.client.add_secret_values(password)
        return password

    def apply(self, change: Optional[Change], current: Optional[Dict[str, Any]], desired: Dict[str, Any],
              spec: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        """Make the writes of ``change``; returns the resulting secret (without password)."""
        if change is None:
            return public(current)
        if change.action == 'delete':
            self.vault.secrets.delete(change.object_id)
            return None
        data = {f.name: f.after for f in change.fields if f.name != 'owner'}
        if data.get('password') is GENERATED:
            data['password'] = self._generate(spec)
        if 'password' in data:
            self.password_written = data['password']
        owner = next((f.after for f in change.fields if f.name == 'owner'), None)
        if change.action == 'create':
            result = self.vault.secrets.create(data)
            self.writes_done += 1
        elif data:
            result = self.vault.secrets.update(change.object_id, data)
            self.writes_done += 1
        else:
            result = current
        result = dict(result or {})
        if 'password' in data and result.get('secretid'):
            self._passwords[str(result['secretid'])] = data['password']
        if owner and not same_name(result.get('owner'), owner):
            moved = self.vault.shares.transfer(str(result['secretid']), owner)
            self.writes_done += 1
            if isinstance(moved, dict) and moved.get('secretid'):
                result = dict(moved)
            else:
                result['owner'] = owner
        return public(result)

    # -- presentation
    def diff(self, before: Optional[Dict[str, Any]], after: Optional[Dict[str, Any]], change: Optional[Change], header: str = '') -> Dict[str, Any]:
        """``--diff`` before/after (API field names); a password change shows only as redacted and marked.

        The header is the secret's name (not ``header``), as it always was."""
        before_view, after_view = self.view(before), self.view(after)
        if change is not None and 'password' in change.field_names and after_view is not None:
            # Stand-ins, never the values: diff() shows them redacted and marks the change.
            after_view['password'] = 'new'
            if before_view is not None:
                before_view['password'] = 'old'
        return diff(before_view, after_view, SECRET_FIELDS, header=(after or before or {}).get('secretname'),
                    secret_keys=self.secret_keys(before, after))

    def shown(self, obj: Dict[str, Any]) -> Dict[str, Any]:
        return dict(self.conceal(obj) or {})

    def to_spec(self, obj: Dict[str, Any]) -> Dict[str, Any]:
        return dict(_fields.to_spec(_fields.SECRET, obj), chamber=obj.get('chamberid'))


__all__ = ['SecretState', 'GENERATED', 'SELECT_EXCLUSIVE', 'SELECT_OPTIONS', 'declared_sensitive_values', 'public']
