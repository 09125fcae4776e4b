# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Sharing in the zoho dialect: production's share levels as the reference's share info.

Production names four levels per principal (manage, modify, view, login); the reference names
permissions. Manage maps to READ, WRITE and SHARE; modify to READ and WRITE; view and login to READ
(the level itself is kept as ``zoho_level``). Ownership transfer has no production API.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ansible_collections.zoho.vault.plugins.module_utils._api._base import seg
from ansible_collections.zoho.vault.plugins.module_utils._api.shares import Shares as ReferenceShares
from ansible_collections.zoho.vault.plugins.module_utils._api_zoho.session import TRANSFER

# The reference's permission words (declared for the kinds in _kinds/fields.py; this layer sits below it).
READ = 'READ'
WRITE = 'WRITE'
SHARE = 'SHARE'
LEVELS = (('manageusers', 'manage', [READ, WRITE, SHARE]), ('modifyusers', 'modify', [READ, WRITE]),
          ('viewusers', 'view', [READ]), ('logonusers', 'login', [READ]))


def _principals(details: Any, id_key: str, name_key: str, out_key: str) -> List[Dict[str, Any]]:
    found: List[Dict[str, Any]] = []
    if not isinstance(details, dict):
        return found
    for field, level, permissions in LEVELS:
        for who in details.get(field) or []:
            if isinstance(who, dict):
                found.append({out_key: str(who.get(name_key) or who.get(id_key) or ''), 'permissions': list(permissions),
                              'zoho_level': level, 'zoho_id': str(who.get(id_key) or '')})
    return found


class Shares(ReferenceShares):

    def __init__(self, session: Any) -> None:
        super().__init__(session.client)
        self.session = session

    def get(self, secret_id: str) -> Dict[str, Any]:
        owner = (self.session.vault.secrets.raw(secret_id).get('ownerdetails') or {}).get('EMAIL')
        users = self.session.details('/sharing/secret/user/%s' % seg(secret_id))
        groups = self.session.details('/sharing/secret/usergroup/%s' % seg(secret_id))
        return {'owner': owner, 'users': _principals(users, 'user_auto_id', 'email', 'emailid'),
                'groups': _principals(groups, 'usergroup_auto_id', 'usergroup_auto_id', 'groupid')}

    def share(self, secret_id: str, users: Optional[List[Dict[str, Any]]] = None,
              groups: Optional[List[Dict[str, Any]]] = None) -> Dict[str, Any]:
        from ansible_collections.zoho.vault.plugins.module_utils._api_zoho.writes import share_secret
        return share_secret(self, secret_id, users or [], groups or [])

    def revoke(self, secret_id: str, emailid: Optional[str] = None, groupid: Optional[str] = None) -> Dict[str, Any]:
        from ansible_collections.zoho.vault.plugins.module_utils._api_zoho.writes import revoke_share
        return revoke_share(self, secret_id, emailid, groupid)

    def transfer(self, secret_id: str, emailid: str) -> Dict[str, Any]:
        raise self.session.refuse(TRANSFER)
