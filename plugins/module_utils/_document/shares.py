# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The shares of one declared secret, as the engine plans them.

Spec: ``users`` ([{email, permissions}]), ``groups`` ([{name, permissions}]), ``purge`` (revoke
the principals not listed), ``secret`` (name) and ``chamber`` (id or name). The current object is
the secret's share info (``GET /secrets/{id}/shareinfo``) with its ``secretid``.
"""

from __future__ import (absolute_import, division, print_function)
from __future__ import annotations
__metaclass__ = type

from typing import Any, Dict, List, Optional

from ansible_collections.zoho.vault.plugins.module_utils._document.model import KNOWN_AFTER_APPLY, Model
from ansible_collections.zoho.vault.plugins.module_utils._errors import ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._reconcile import Change, FieldChange, reconcile_members

KIND = 'share'
PERMISSIONS = ('READ', 'WRITE', 'SHARE', 'OWNER')


def _fold(text: Any) -> str:
    return str(text or '').strip().casefold()


def _perms(values: Any) -> List[str]:
    return [p for p in PERMISSIONS if p in set(str(v).upper() for v in values or [])]


def view(obj: Optional[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    """Who a secret is shared with, sorted, for diffs."""
    if obj is None:
        return None
    users = sorted(({'emailid': u.get('emailid'), 'permissions': _perms(u.get('permissions'))} for u in obj.get('users') or []),
                   key=lambda u: _fold(u['emailid']))
    groups = sorted(({'groupname': g.get('groupname') or g.get('groupid'), 'permissions': _perms(g.get('permissions'))}
                     for g in obj.get('groups') or []), key=lambda g: _fold(g['groupname']))
    return {'users': users, 'groups': groups}


def current(model: Model, secret: Optional[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    """The share info of an existing secret (one call the first time), None for a secret not yet created."""
    if secret is None or secret.get('secretid') in (None, KNOWN_AFTER_APPLY):
        return None
    info = dict(model.load_share(str(secret['secretid'])))
    info['secretid'] = str(secret['secretid'])
    return info


def record(model: Model, before: Optional[Dict[str, Any]], after: Optional[Dict[str, Any]]) -> None:
    if after is not None and after.get('secretid') not in (None, KNOWN_AFTER_APPLY):
        model.put_share(str(after['secretid']), after)


class ShareState(object):
    kind = KIND

    def __init__(self, vault: Any, check_mode: bool = False) -> None:
        self.vault = vault
        self.check_mode = check_mode

    def desired(self, spec: Dict[str, Any]) -> Dict[str, Any]:
        known = dict((_fold(u.get('emailid')), u.get('emailid')) for u in self.vault.users.list()) if spec.get('users') else {}
        users, missing = [], []
        for entry in spec.get('users') or []:
            email = known.get(_fold(entry['email']))
            if email is None:
                missing.append(entry['email'])
            users.append({'emailid': email or entry['email'], 'permissions': _perms(entry['permissions'])})
        if missing:
            raise ValidationError('shares name %d user(s) that are not users of the vault: %s' % (len(missing), ', '.join(missing)))
        groups = []
        for entry in spec.get('groups') or []:
            group = self.vault.groups.resolve(entry['name'])
            groups.append({'groupid': str(group['groupid']), 'groupname': group.get('groupname'), 'permissions': _perms(entry['permissions'])})
        return {'users': users, 'groups': groups, 'purge': bool(spec.get('purge'))}

    def _delta(self, current: Optional[Dict[str, Any]], desired: Dict[str, Any], purge: bool) -> Dict[str, List[Dict[str, Any]]]:
        have = current or {'users': [], 'groups': []}
        out = {}  # type: Dict[str, List[Dict[str, Any]]]
        for what, key in (('users', lambda e: _fold(e.get('emailid'))), ('groups', lambda e: str(e.get('groupid')))):
            have_by = dict((key(e), e) for e in have.get(what) or [])
            to_set = [e for e in desired[what] if key(e) not in have_by or _perms(have_by[key(e)].get('permissions')) != e['permissions']]
            _add, to_revoke = reconcile_members(have.get(what) or [], desired[what], purge=purge, key=key)
            out[what + '_set'] = to_set
            out[what + '_revoke'] = to_revoke
        return out

    def _after(self, current: Optional[Dict[str, Any]], delta: Dict[str, List[Dict[str, Any]]]) -> Dict[str, Any]:
        have = dict(current or {'users': [], 'groups': []})
        after = {}
        for what, key in (('users', lambda e: _fold(e.get('emailid'))), ('groups', lambda e: str(e.get('groupid')))):
            gone = set(key(e) for e in delta[what + '_revoke'])
            setting = dict((key(e), e) for e in delta[what + '_set'])
            kept = [e for e in have.get(what) or [] if key(e) not in gone and key(e) not in setting]
            after[what] = kept + list(setting.values())
        have.update(after)
        return have

    def plan(self, current: Optional[Dict[str, Any]], desired: Dict[str, Any], spec: Dict[str, Any]) -> Optional[Change]:
        delta = self._delta(current, desired, desired['purge'])
        if not any(delta.values()):
            return None
        before_view, after_view = view(current or {}), view(self._after(current, delta))
        fields = [FieldChange(what, before_view[what], after_view[what]) for what in ('groups', 'users')
                  if before_view[what] != after_view[what]]
        reasons = []
        if delta['users_set'] or delta['groups_set']:
            reasons.append('shares differ' if current else 'secret is new')
        if delta['users_revoke'] or delta['groups_revoke']:
            reasons.append('not in the document (prune)')
        name = spec.get('secret') or ''
        action = 'update' if (current or {}).get('users') or (current or {}).get('groups') else 'create'
        return Change(action, KIND, name, fields=fields, reason='; '.join(reasons), object_id=(current or {}).get('secretid') or '')

    def predict(self, change: Optional[Change], current: Optional[Dict[str, Any]], desired: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        if change is None:
            return current
        return self._after(current, self._delta(current, desired, desired['purge']))

    def apply(self, change: Optional[Change], current: Optional[Dict[str, Any]], desired: Dict[str, Any],
              spec: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        if change is None:
            return current
        if current is None or not current.get('secretid'):
            raise ValidationError('the secret %r does not exist; its shares cannot be set' % (spec.get('secret'),))
        secret_id = str(current['secretid'])
        delta = self._delta(current, desired, desired['purge'])
        shares = self.vault.shares
        if delta['users_set'] or delta['groups_set']:
            shares.share(secret_id, users=[{'emailid': e['emailid'], 'permissions': e['permissions']} for e in delta['users_set']] or None,
                         groups=[{'groupid': e['groupid'], 'permissions': e['permissions']} for e in delta['groups_set']] or None)
        for entry in delta['users_revoke']:
            shares.revoke(secret_id, emailid=entry.get('emailid'))
        for entry in delta['groups_revoke']:
            shares.revoke(secret_id, groupid=str(entry.get('groupid')))
        after = self._after(current, delta)
        after['secretid'] = secret_id
        return after


__all__ = ['ShareState', 'view', 'current', 'record']
