# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Chambers (folders), users and groups in the zoho dialect: reads only.

Production documents the writes of all three but not their payloads, so they are refused before
any request. Rows become the reference shapes; production-only keys go under ``zoho_*``.
"""

from __future__ import annotations

from typing import Any, Dict, List, Sequence

from ansible_collections.zoho.vault.plugins.module_utils._api._base import fold, seg
from ansible_collections.zoho.vault.plugins.module_utils._api.chambers import Chambers as ReferenceChambers
from ansible_collections.zoho.vault.plugins.module_utils._api.groups import Groups as ReferenceGroups
from ansible_collections.zoho.vault.plugins.module_utils._api.users import Users as ReferenceUsers
from ansible_collections.zoho.vault.plugins.module_utils._errors import MalformedResponse, NotFound, json_kind


def _rows_of(found: Any, context: str) -> List[Any]:
    if not isinstance(found, list):
        raise MalformedResponse('expected a list in Details, not %s' % json_kind(found), context=context)
    return found


def _owner(row: Dict[str, Any]) -> str:
    details = row.get('ownerdetails')
    if isinstance(details, dict):
        return str(details.get('EMAIL') or details.get('email') or '')
    return str(row.get('owner') or row.get('chamberowner') or '')


def chamber_row(row: Any) -> Dict[str, Any]:
    if not isinstance(row, dict) or row.get('chamberid') in (None, ''):
        raise MalformedResponse('a chamber in the reply is %s without a chamberid' % json_kind(row))
    return {'chamberid': str(row['chamberid']), 'chambername': str(row.get('chambername') or ''),
            'chambertype': str(row.get('chambertype') or 'Shared'), 'description': str(row.get('chamberdescription') or row.get('description') or ''),
            'owner': _owner(row), 'createdtime': row.get('creationtime', row.get('createdtime')),
            'zoho_sharinglevel': row.get('sharinglevel')}


def _role(roles: Any) -> str:
    """The reference role of production's role names (``SuperAdmin,Admin,User`` is an Administrator)."""
    words = {fold(w) for w in (roles if isinstance(roles, list) else str(roles or '').split(','))}
    for names, role in (({'superadmin', 'admin', 'administrator'}, 'Administrator'), ({'manager'}, 'Manager'),
                        ({'readonly', 'read-only', 'read only'}, 'Read-Only')):
        if words & names:
            return role
    return 'User'


def user_row(row: Any) -> Dict[str, Any]:
    if not isinstance(row, dict):
        raise MalformedResponse('a user in the reply is %s, not an object' % json_kind(row))
    zuid = row.get('unique-id', row.get('ZUID', row.get('zuid')))
    name = str(row.get('username', row.get('USERNAME')) or '')
    first, _blank, last = name.partition(' ')
    roles = row.get('role', row.get('ROLES'))
    return {'userid': str(zuid or ''), 'emailid': str(row.get('email', row.get('EMAIL')) or ''), 'firstname': first, 'lastname': last,
            'role': _role(roles), 'zoho_role': ','.join(roles) if isinstance(roles, list) else str(roles or ''),
            'zoho_user_auto_id': None if row.get('user_auto_id', row.get('USERID')) is None else str(row.get('user_auto_id', row.get('USERID'))),
            'zoho_enabled': row.get('enabled', True)}


def group_row(row: Any) -> Dict[str, Any]:
    if not isinstance(row, dict):
        raise MalformedResponse('a group in the reply is %s, not an object' % json_kind(row))
    group_id = row.get('usergroup_auto_id', row.get('usergroupid', row.get('groupid')))
    members = row.get('members')
    return {'groupid': str(group_id or ''), 'groupname': str(row.get('usergroupname', row.get('groupname')) or ''),
            'description': str(row.get('description') or ''),
            'members': [str(m) for m in members] if isinstance(members, list) else [],
            'zoho_members_known': isinstance(members, list)}


class Chambers(ReferenceChambers):

    def __init__(self, session: Any) -> None:
        super().__init__(session.client)
        self.session = session

    def list(self) -> List[Dict[str, Any]]:
        return [chamber_row(row) for row in self.session.list_all('/chambers', count='chambercount')]

    def get(self, chamber_id: str) -> Dict[str, Any]:
        return chamber_row(self.session.details('/chambers/%s' % seg(chamber_id)))

    def secrets(self, chamber_id: str) -> List[Dict[str, Any]]:
        return self.session.vault.secrets.list(chamber_id)

    def create(self, data: Dict[str, Any]) -> Dict[str, Any]:
        raise self.session.refused_write('chamber', 'create')

    def update(self, chamber_id: str, data: Dict[str, Any]) -> Dict[str, Any]:
        raise self.session.refused_write('chamber', 'update')

    def delete(self, chamber_id: str, force: bool = False) -> Dict[str, Any]:
        raise self.session.refused_write('chamber', 'delete')


class Users(ReferenceUsers):

    def __init__(self, session: Any) -> None:
        super().__init__(session.client)
        self.session = session

    def list(self) -> List[Dict[str, Any]]:
        return [user_row(row) for row in self.session.list_all('/user', count='usercount')]

    def get(self, user_id: str) -> Dict[str, Any]:
        return user_row(self.session.details('/user/%s' % seg(user_id)))

    def current(self) -> Dict[str, Any]:
        """The token's user, from ``GET_LOGIN`` (production has no ``/users/current``)."""
        return user_row(self.session.login().get('USER') or {})

    def create(self, data: Dict[str, Any]) -> Dict[str, Any]:
        raise self.session.refused_write('user', 'create')

    def update(self, user_id: str, data: Dict[str, Any]) -> Dict[str, Any]:
        raise self.session.refused_write('user', 'update')

    def delete(self, user_id: str) -> Dict[str, Any]:
        raise self.session.refused_write('user', 'delete')


class Groups(ReferenceGroups):

    def __init__(self, session: Any) -> None:
        super().__init__(session.client)
        self.session = session

    def list(self) -> List[Dict[str, Any]]:
        # Production's group list takes no paging parameters (and no others).
        return [group_row(row) for row in _rows_of(self.session.details('/usergroup'), 'GET /usergroup')]

    def get(self, group_id: str) -> Dict[str, Any]:
        # The path of one group is not documented: the list answers, without a guessed call.
        found = [g for g in self.list() if g['groupid'] == str(group_id)]
        if not found:
            raise NotFound('no group with id %s' % group_id)
        return found[0]

    def create(self, data: Dict[str, Any]) -> Dict[str, Any]:
        raise self.session.refused_write('group', 'create')

    def update(self, group_id: str, data: Dict[str, Any]) -> Dict[str, Any]:
        raise self.session.refused_write('group', 'update')

    def delete(self, group_id: str) -> Dict[str, Any]:
        raise self.session.refused_write('group', 'delete')

    def add_members(self, group_id: str, emails: Sequence[str]) -> Dict[str, Any]:
        raise self.session.refused_write('group', 'members')

    def remove_members(self, group_id: str, emails: Sequence[str]) -> Dict[str, Any]:
        raise self.session.refused_write('group', 'members')


__all__ = ['Chambers', 'Users', 'Groups', 'chamber_row', 'user_row', 'group_row']
