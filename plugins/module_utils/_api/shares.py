# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Sharing of secrets with users and groups, and ownership transfer."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ansible_collections.zoho.vault.plugins.module_utils._api._base import Resource, same_name, seg
from ansible_collections.zoho.vault.plugins.module_utils._errors import ValidationError


class Shares(Resource):

    def get(self, secret_id: str) -> Dict[str, Any]:
        """``{"owner", "users": [{emailid, permissions}], "groups": [{groupid, permissions}]}``."""
        return self.client.request('GET', '/secrets/%s/shareinfo' % seg(secret_id))

    def share(self, secret_id: str, users: Optional[List[Dict[str, Any]]] = None,
              groups: Optional[List[Dict[str, Any]]] = None) -> Dict[str, Any]:
        """Set exactly these principals' permissions (others untouched); idempotent, so safely repeated."""
        data: Dict[str, Any] = {}
        if users:
            data['users'] = users
        if groups:
            data['groups'] = groups
        if not data:
            raise ValidationError('share needs users or groups')
        return self.client.request('POST', '/secrets/%s/share' % seg(secret_id), operation='SHARE_SECRET', data=data, idempotent=True)

    def revoke(self, secret_id: str, emailid: Optional[str] = None, groupid: Optional[str] = None) -> Dict[str, Any]:
        if bool(emailid) == bool(groupid):
            raise ValidationError('revoke needs exactly one of emailid or groupid')
        data = {'emailid': emailid} if emailid else {'groupid': groupid}
        return self.client.request('DELETE', '/secrets/%s/share' % seg(secret_id), operation='REVOKE_SHARE', data=data)

    def transfer(self, secret_id: str, emailid: str) -> Dict[str, Any]:
        """Transfer ownership; after an ambiguous failure the share info tells whether it happened."""

        def find_existing() -> Optional[Dict[str, Any]]:
            info = self.get(secret_id)
            return info if same_name(info.get('owner'), emailid) else None

        return self.client.create('/secrets/%s/transferownership' % seg(secret_id), 'TRANSFER_OWNERSHIP', {'emailid': emailid},
                                  find_existing=find_existing)
