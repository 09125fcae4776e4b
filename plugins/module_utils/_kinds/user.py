# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Users as desired state: the spec of the zoho.vault.user module against the API object.

Spec (the module's option names): ``email``, ``role``, ``first_name``, ``last_name`` and
``state`` (present/absent).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ansible_collections.zoho.vault.plugins.module_utils._api._base import named
from ansible_collections.zoho.vault.plugins.module_utils._errors import ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._changes import Change, compare_fields
from ansible_collections.zoho.vault.plugins.module_utils._kinds import fields as _fields
from ansible_collections.zoho.vault.plugins.module_utils._kinds.interface import Kind, pick_fields

KIND = 'user'
SHOWN = ('userid', 'emailid', 'role', 'firstname', 'lastname')


def view(obj: Optional[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    return pick_fields(obj, SHOWN)


def find_user(email: str, users: List[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    """The user with ``email`` (case-insensitive) among ``users`` (a list call's result)."""
    return next(iter(named(users, 'emailid', email)), None)


class UserState(Kind):
    kind = KIND
    shown_fields = SHOWN
    fields = _fields.USER
    id_field = 'userid'

    def desired(self, spec: Dict[str, Any]) -> Dict[str, Any]:
        email = spec.get('email')
        if not isinstance(email, str) or '@' not in email or email.strip() != email or email.startswith('@') or email.endswith('@'):
            raise ValidationError('email must be an email address such as alice@example.com, got %r' % (email,))
        _fields.check_choices(_fields.USER, spec)
        return {api: spec.get(opt) for api, opt in _fields.api_fields(_fields.USER)}

    def read(self, spec: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        return find_user(spec['email'], self.vault.users.list())

    def plan(self, current: Optional[Dict[str, Any]], desired: Dict[str, Any], spec: Dict[str, Any]) -> Optional[Change]:
        state = spec.get('state') or 'present'
        if state == 'absent':
            if current is None:
                return None
            return Change('delete', KIND, current['emailid'], reason='state is absent', object_id=current['userid'])
        if current is None:
            fields = [f for f in compare_fields(None, desired) if f.after is not None]
            return Change('create', KIND, desired['emailid'], fields=fields, reason='does not exist')
        # The email is the key (matched case-insensitively); it is never changed by this module.
        managed = {k: v for k, v in desired.items() if k != 'emailid'}
        fields = compare_fields(current, managed)
        if not fields:
            return None
        return Change('update', KIND, current['emailid'], fields=fields, reason='differs', object_id=current['userid'])

    def apply(self, change: Optional[Change], current: Optional[Dict[str, Any]], desired: Dict[str, Any],
              spec: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        if change is None:
            return current
        users = self.vault.users
        if change.action == 'create':
            return users.create({f.name: f.after for f in change.fields})
        if change.action == 'update':
            return users.update(change.object_id, {f.name: f.after for f in change.fields})
        users.delete(change.object_id)
        return None

    def to_spec(self, obj: Dict[str, Any]) -> Dict[str, Any]:
        return _fields.to_spec(_fields.USER, obj)


__all__ = ['UserState', 'find_user', 'view']
