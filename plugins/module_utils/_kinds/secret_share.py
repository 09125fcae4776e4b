# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The sharing of one secret as desired state: the spec of the zoho.vault.secret_share module.

Spec (the module's option names): ``secret`` (name) with ``chamber``, or ``secret_id``;
``users`` (``[{email, permissions}]``), ``groups`` (``[{name, permissions}]``), ``purge`` and
``state`` (present/absent).

- ``present`` gives each listed principal exactly the listed permissions (one SHARE_SECRET
  call for all that differ); with ``purge`` every other principal's share is revoked.
- ``absent`` revokes the listed principals' shares (their permissions are not looked at).

The current state comes from one ``shareinfo`` call; group names are resolved with one list call.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from ansible_collections.zoho.vault.plugins.module_utils._api._base import describe, fold, named, pick_one, same_name
from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._changes import Change, FieldChange
from ansible_collections.zoho.vault.plugins.module_utils._kinds import fields as _fields
from ansible_collections.zoho.vault.plugins.module_utils._kinds.interface import Kind
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret import SecretState

KIND = 'share'


def _perms(values: Any, who: str) -> List[str]:
    if not isinstance(values, (list, tuple)):
        raise ValidationError('permissions of %s must be a list of %s' % (who, ', '.join(_fields.PERMISSIONS)))
    wanted = [str(v).upper() for v in values]
    bad = [v for v in wanted if v not in _fields.PERMISSIONS]
    if bad:
        raise ValidationError('unknown permission(s) %s for %s; use %s' % (', '.join(bad), who, ', '.join(_fields.PERMISSIONS)))
    return [p for p in _fields.PERMISSIONS if p in wanted]


def _existing(current: Optional[Dict[str, Any]]) -> Dict[str, Any]:
    """The share to plan against: ``read`` and vault_state's engine only produce one for a secret that exists or is planned."""
    if current is None:
        raise NotFound('the secret to share is neither in the vault nor planned')
    return current


def secret_ref(spec: Dict[str, Any]) -> Dict[str, Any]:
    """The secret-finding part of a spec, in zoho.vault.secret's option names."""
    return {'secret_id': spec.get('secret_id'), 'name': spec.get('secret'), 'chamber': spec.get('chamber')}


class ShareState(Kind):
    """The ``Kind`` interface with one difference of shape, not of signature: the object is not an API object
    but ``{"secret", "owner", "users": {folded email: ...}, "groups": {groupid: ...}}`` (``from_shareinfo``),
    since a share has no object of its own; ``read`` never returns None (the secret must exist), ``view`` and
    ``shown`` turn it into what a diff and the module show."""

    kind = KIND

    def __init__(self, vault: Any) -> None:
        super().__init__(vault)
        self.secrets = SecretState(vault)
        self._groups: Optional[List[Dict[str, Any]]] = None

    # -- names → ids
    def groups(self) -> List[Dict[str, Any]]:
        if self._groups is None:
            self._groups = self.vault.groups.list()
        return self._groups

    def group(self, name: str) -> Dict[str, Any]:
        matches = [g for g in self.groups() if str(g.get('groupid')) == str(name)] or named(self.groups(), 'groupname', name)
        if not matches:
            raise ValidationError('no group named %r; create it first (zoho.vault.group)' % name)
        return pick_one('group', name, matches, describe('group'), hint='Give the group id as name to choose one')

    def group_name(self, group_id: str, fallback: Optional[str] = None) -> str:
        for group in self._groups or []:
            if str(group.get('groupid')) == str(group_id):
                return group.get('groupname') or fallback or str(group_id)
        return fallback or str(group_id)

    # -- spec → desired
    def desired(self, spec: Dict[str, Any]) -> Dict[str, Any]:
        """``{"users": {email_folded: {emailid, permissions}}, "groups": {groupid: {groupid, groupname, permissions}}}``."""
        present = (spec.get('state') or 'present') == 'present'
        users: Dict[str, Dict[str, Any]] = {}
        for entry in spec.get('users') or []:
            email = (entry or {}).get('email')
            if not email or not isinstance(email, str):
                raise ValidationError('each entry of users needs an email')
            key = fold(email)
            if key in users:
                raise ValidationError('user %s is listed twice' % email)
            perms = _perms(entry.get('permissions') or [], email) if present else []
            if present and not perms:
                raise ValidationError('user %s needs at least one permission; use state: absent to revoke a share' % email)
            users[key] = {'emailid': email, 'permissions': perms}
        groups: Dict[str, Dict[str, Any]] = {}
        for entry in spec.get('groups') or []:
            name = (entry or {}).get('name')
            if not name or not isinstance(name, str):
                raise ValidationError('each entry of groups needs a name')
            group = self.group(name)
            gid = str(group['groupid'])
            if gid in groups:
                raise ValidationError('group %s is listed twice' % name)
            perms = _perms(entry.get('permissions') or [], 'group %s' % name) if present else []
            if present and not perms:
                raise ValidationError('group %s needs at least one permission; use state: absent to revoke a share' % name)
            groups[gid] = {'groupid': gid, 'groupname': group.get('groupname') or name, 'permissions': perms}
        return {'users': users, 'groups': groups}

    # -- read
    def read(self, spec: Dict[str, Any]) -> Dict[str, Any]:
        """The secret and its share info (the secret must exist)."""
        secret = self.secrets.lookup(secret_ref(spec))
        return self.from_shareinfo(secret, self.vault.shares.get(str(secret['secretid'])))

    def from_shareinfo(self, secret: Dict[str, Any], info: Dict[str, Any]) -> Dict[str, Any]:
        info = info if isinstance(info, dict) else {}
        users = {}
        for entry in info.get('users') or []:
            email = entry.get('emailid') or ''
            users[fold(email)] = {'emailid': email, 'permissions': _perms(entry.get('permissions') or [], email)}
        groups = {}
        for entry in info.get('groups') or []:
            gid = str(entry.get('groupid'))
            groups[gid] = {'groupid': gid, 'groupname': entry.get('groupname') or self.group_name(gid),
                           'permissions': _perms(entry.get('permissions') or [], 'group %s' % gid)}
        return {'secret': secret, 'owner': info.get('owner') or secret.get('owner'), 'users': users, 'groups': groups}

    # -- plan
    def operations(self, current: Dict[str, Any], desired: Dict[str, Any], spec: Dict[str, Any]) -> Tuple[list, list, list, list]:
        """(users to set, groups to set, user emails to revoke, group ids to revoke)."""
        state = spec.get('state') or 'present'
        set_users: List[Dict[str, Any]] = []
        set_groups: List[Dict[str, Any]] = []
        revoke_users: List[str] = []
        revoke_groups: List[str] = []
        if state == 'absent':
            revoke_users = [current['users'][k]['emailid'] for k in desired['users'] if k in current['users']]
            revoke_groups = [gid for gid in desired['groups'] if gid in current['groups']]
            return set_users, set_groups, revoke_users, revoke_groups
        owner = current.get('owner')
        for key, want in desired['users'].items():
            if owner and same_name(want['emailid'], owner):
                raise ValidationError('%s owns the secret; change the owner with zoho.vault.secret (owner) instead' % want['emailid'])
            have = current['users'].get(key)
            if have is None or set(have['permissions']) != set(want['permissions']):
                set_users.append({'emailid': want['emailid'], 'permissions': want['permissions']})
        for gid, want in desired['groups'].items():
            have = current['groups'].get(gid)
            if have is None or set(have['permissions']) != set(want['permissions']):
                set_groups.append({'groupid': gid, 'permissions': want['permissions']})
        if spec.get('purge'):
            revoke_users = [have['emailid'] for key, have in current['users'].items() if key not in desired['users']]
            revoke_groups = [gid for gid in current['groups'] if gid not in desired['groups']]
        return set_users, set_groups, revoke_users, revoke_groups

    def plan(self, current: Optional[Dict[str, Any]], desired: Dict[str, Any], spec: Dict[str, Any]) -> Optional[Change]:
        current = _existing(current)
        set_users, set_groups, revoke_users, revoke_groups = self.operations(current, desired, spec)
        if not (set_users or set_groups or revoke_users or revoke_groups):
            return None
        after = self.predict_view(current, set_users, set_groups, revoke_users, revoke_groups)
        before = self.share_view(current)
        fields = []
        for name in ('users', 'groups'):
            if before[name] != after[name]:
                fields.append(FieldChange(name, before[name], after[name]))
        reasons = []
        if set_users or set_groups:
            reasons.append('share %s' % ', '.join([u['emailid'] for u in set_users] + [self.group_name(g['groupid']) for g in set_groups]))
        if revoke_users or revoke_groups:
            reasons.append('revoke %s' % ', '.join(revoke_users + [self.group_name(g) for g in revoke_groups]))
        secret = current['secret']
        return Change('update', KIND, secret.get('secretname') or '', fields=fields, reason='; '.join(reasons),
                      object_id=str(secret['secretid']))

    # -- apply
    def apply(self, change: Optional[Change], current: Optional[Dict[str, Any]], desired: Dict[str, Any],
              spec: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        if change is None:
            return current
        current = _existing(current)
        set_users, set_groups, revoke_users, revoke_groups = self.operations(current, desired, spec)
        secret_id = str(current['secret']['secretid'])
        info = None
        if set_users or set_groups:
            info = self.vault.shares.share(secret_id, users=set_users, groups=set_groups)
            self.writes_done += 1
        for email in revoke_users:
            info = self.vault.shares.revoke(secret_id, emailid=email)
            self.writes_done += 1
        for gid in revoke_groups:
            info = self.vault.shares.revoke(secret_id, groupid=gid)
            self.writes_done += 1
        if not isinstance(info, dict) or 'users' not in info:
            info = self.vault.shares.get(secret_id)
        return self.from_shareinfo(current['secret'], info)

    def predict(self, change: Optional[Change], current: Optional[Dict[str, Any]], desired: Dict[str, Any],
                spec: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        if change is None:
            return current
        current = _existing(current)
        set_users, set_groups, revoke_users, revoke_groups = self.operations(current, desired, spec)
        users = dict(current['users'])
        groups = dict(current['groups'])
        for entry in set_users:
            users[fold(entry['emailid'])] = dict(entry)
        for entry in set_groups:
            groups[entry['groupid']] = dict(entry, groupname=self.group_name(entry['groupid']))
        for email in revoke_users:
            users.pop(fold(email), None)
        for gid in revoke_groups:
            groups.pop(gid, None)
        return dict(current, users=users, groups=groups)

    def predict_view(self, current, set_users, set_groups, revoke_users, revoke_groups):
        users = {v['emailid']: v['permissions'] for v in current['users'].values()}
        groups = {v['groupname']: v['permissions'] for v in current['groups'].values()}
        for entry in set_users:
            for key in [k for k in users if same_name(k, entry['emailid'])]:
                del users[key]
            users[entry['emailid']] = entry['permissions']
        for entry in set_groups:
            groups[self.group_name(entry['groupid'])] = entry['permissions']
        for email in revoke_users:
            for key in [k for k in users if same_name(k, email)]:
                del users[key]
        for gid in revoke_groups:
            groups.pop(self.group_name(gid, current['groups'].get(gid, {}).get('groupname')), None)
        return {'users': users, 'groups': groups}

    # -- presentation
    def view(self, obj: Optional[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
        return None if obj is None else self.share_view(obj)

    @staticmethod
    def share_view(obj: Dict[str, Any]) -> Dict[str, Any]:
        """``{"owner", "users": {email: [perms]}, "groups": {name: [perms]}}`` (diffs and results)."""
        return {'owner': obj.get('owner'),
                'users': {v['emailid']: list(v['permissions']) for v in obj['users'].values()},
                'groups': {v['groupname']: list(v['permissions']) for v in obj['groups'].values()}}

    def shown(self, obj: Dict[str, Any]) -> Dict[str, Any]:
        """The share list as returned by the module."""
        secret = obj['secret']
        return {'secretid': secret.get('secretid'), 'secretname': secret.get('secretname'), 'owner': obj.get('owner'),
                'users': [{'email': v['emailid'], 'permissions': list(v['permissions'])} for v in obj['users'].values()],
                'groups': [{'name': v['groupname'], 'id': v['groupid'], 'permissions': list(v['permissions'])} for v in obj['groups'].values()]}

    def access(self, obj: Dict[str, Any]) -> List[Dict[str, Any]]:
        """Who can use the secret and why: its owner, its direct shares and the members of the groups it is shared with,
        each user once with the union of the permissions and every reason (``owner``, ``direct``, ``group <name>``)."""
        found: Dict[str, Dict[str, Any]] = {}

        def grant(email: str, permissions: Any, via: str) -> None:
            entry = found.setdefault(fold(email), {'email': email, 'permissions': set(), 'via': []})
            entry['permissions'].update(permissions)
            entry['via'].append(via)

        if obj.get('owner'):
            grant(obj['owner'], _fields.PERMISSIONS, 'owner')
        for user in obj['users'].values():
            grant(user['emailid'], user['permissions'], 'direct')
        members = {str(g.get('groupid')): g.get('members') or [] for g in self.groups()} if obj['groups'] else {}
        for group in obj['groups'].values():
            for email in members.get(group['groupid'], []):
                grant(email, group['permissions'], 'group %s' % group['groupname'])
        return [{'email': e['email'], 'permissions': [p for p in _fields.PERMISSIONS if p in e['permissions']], 'via': e['via']}
                for _key, e in sorted(found.items())]

    def info(self, secret: Dict[str, Any]) -> Dict[str, Any]:
        """What secret_share_info returns for one secret: its shares and who has access through them (one shareinfo call)."""
        obj = self.from_shareinfo(secret, self.vault.shares.get(str(secret['secretid'])))
        return dict(self.shown(obj), chamberid=secret.get('chamberid'), access=self.access(obj))

    def to_spec(self, obj: Dict[str, Any]) -> Dict[str, Any]:
        secret = obj['secret']
        return {'secret_id': secret.get('secretid'),
                'users': [{'email': v['emailid'], 'permissions': list(v['permissions'])} for v in obj['users'].values()],
                'groups': [{'name': v['groupname'], 'permissions': list(v['permissions'])} for v in obj['groups'].values()]}


__all__ = ['ShareState', 'secret_ref']
