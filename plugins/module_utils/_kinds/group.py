# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Groups as desired state: the spec of the zoho.vault.group module against the API object.

Spec (the module's option names): ``name``, ``description``, ``members`` (emails; None = not
managed), ``purge_members`` (members not listed are removed) and ``state`` (present/absent).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ansible_collections.zoho.vault.plugins.module_utils._api._base import describe, fold, named, pick_optional
from ansible_collections.zoho.vault.plugins.module_utils._errors import ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._changes import Change, FieldChange, compare_fields, reconcile_members
from ansible_collections.zoho.vault.plugins.module_utils._kinds import fields as _fields
from ansible_collections.zoho.vault.plugins.module_utils._kinds.interface import Kind, pick_fields

KIND = 'group'
SHOWN = ('groupid', 'groupname', 'description', 'members')


def view(obj: Optional[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    """The part of a group shown in diffs; members sorted so that order never shows as a change."""
    shown = pick_fields(obj, SHOWN)
    if shown is not None and shown.get('members') is not None:
        shown['members'] = sorted(shown['members'], key=fold)
    return shown


class GroupState(Kind):
    kind = KIND
    shown_fields = SHOWN
    fields = _fields.GROUP
    id_field = 'groupid'
    view = staticmethod(view)

    def __init__(self, vault: Any) -> None:
        super().__init__(vault)
        self._users: Optional[List[Dict[str, Any]]] = None

    def users(self) -> List[Dict[str, Any]]:
        if self._users is None:
            self._users = self.vault.users.list()
        return self._users

    def canonical_members(self, emails: List[str]) -> List[str]:
        """The vault's spelling of each member's email; every one that is not a user is named in one error."""
        known = {fold(u['emailid']): u['emailid'] for u in self.users() if u.get('emailid')}
        found: List[str] = []
        missing: List[str] = []
        seen = set()
        for email in emails:
            if not isinstance(email, str) or not email.strip():
                raise ValidationError('members must be a list of email addresses, got %r' % (email,))
            key = fold(email)
            if key in seen:
                continue
            seen.add(key)
            if key in known:
                found.append(known[key])
            else:
                missing.append(email)
        if missing:
            raise ValidationError('%d member(s) are not users of the vault: %s; add them first (zoho.vault.user) or remove them from members'
                                  % (len(missing), ', '.join(missing)))
        return found

    # -- spec → API
    def desired(self, spec: Dict[str, Any]) -> Dict[str, Any]:
        name = spec.get('name')
        if not isinstance(name, str) or not name.strip():
            raise ValidationError('name must be a non-empty string')
        members = spec.get('members')
        if members is not None and (spec.get('state') or 'present') == 'present':
            members = self.canonical_members(list(members))
        return {'groupname': name, 'description': spec.get('description'), 'members': members}

    def pick(self, name: str, groups: List[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
        return pick_optional(KIND, name, named(groups, 'groupname', name), describe(KIND), hint='Use the group id to choose one')

    def read(self, spec: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        return self.pick(spec['name'], self.vault.groups.list())

    # -- plan
    def members_after(self, current: Optional[Dict[str, Any]], desired: Dict[str, Any], spec: Dict[str, Any]) -> Optional[List[str]]:
        """The member list after the change, or None when members are not managed."""
        want = desired.get('members')
        have = list((current or {}).get('members') or [])
        if want is None:
            return None
        to_add, to_remove = reconcile_members(have, want, purge=bool(spec.get('purge_members')), key=fold)
        dropping = {fold(m) for m in to_remove}
        return [m for m in have if fold(m) not in dropping] + to_add

    def plan(self, current: Optional[Dict[str, Any]], desired: Dict[str, Any], spec: Dict[str, Any]) -> Optional[Change]:
        state = spec.get('state') or 'present'
        if state == 'absent':
            if current is None:
                return None
            return Change('delete', KIND, current.get('groupname') or desired['groupname'], reason='state is absent',
                          object_id=current['groupid'])
        plain = {'groupname': desired['groupname'], 'description': desired.get('description')}
        if current is None:
            fields = [f for f in compare_fields(None, plain) if f.after is not None]
            if desired.get('members'):
                fields.append(FieldChange('members', [], list(desired['members'])))
            return Change('create', KIND, desired['groupname'], fields=fields, reason='does not exist')
        # The name is the key (matched case-insensitively), never an attribute to change.
        fields = compare_fields(current, {'description': desired.get('description')})
        after = self.members_after(current, desired, spec)
        have = list(current.get('members') or [])
        if after is not None and sorted(map(fold, after)) != sorted(map(fold, have)):
            fields.append(FieldChange('members', have, after))
        if not fields:
            return None
        return Change('update', KIND, current['groupname'], fields=fields, reason='differs', object_id=current['groupid'])

    # -- apply
    def apply(self, change: Optional[Change], current: Optional[Dict[str, Any]], desired: Dict[str, Any],
              spec: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        if change is None:
            return current
        groups = self.vault.groups
        if change.action == 'delete':
            groups.delete(change.object_id)
            return None
        changed = {f.name: f.after for f in change.fields}
        if change.action == 'create':
            return groups.create(changed)
        result = current
        members = changed.pop('members', None)
        if changed:
            result = groups.update(change.object_id, changed)
            self.writes_done += 1
        if members is not None:
            have = list((current or {}).get('members') or [])
            to_add, to_remove = reconcile_members(have, members, purge=True, key=fold)
            if to_remove:
                result = groups.remove_members(change.object_id, to_remove)
                self.writes_done += 1
            if to_add:
                result = groups.add_members(change.object_id, to_add)
                self.writes_done += 1
        return result

    def to_spec(self, obj: Dict[str, Any]) -> Dict[str, Any]:
        return _fields.to_spec(_fields.GROUP, obj)


__all__ = ['GroupState', 'view']
