# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Emergency access to secrets."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ansible_collections.zoho.vault.plugins.module_utils._api._base import Resource, same_name, seg


class Emergency(Resource):

    def grant(self, secret_id: str, emailid: str, duration: int, reason: str) -> Dict[str, Any]:
        data = {'emailid': emailid, 'duration': duration, 'reason': reason}

        def find_existing() -> Optional[Dict[str, Any]]:
            for req in self.requests():
                if str(req.get('secretid')) == str(secret_id) and same_name(req.get('emailid'), emailid) and req.get('reason') == reason:
                    return req
            return None

        return self.client.create('/secrets/%s/emergency' % seg(secret_id), 'GRANT_EMERGENCY_ACCESS', data, find_existing=find_existing)

    def revoke(self, secret_id: str, emailid: str) -> Dict[str, Any]:
        return self.client.request('DELETE', '/secrets/%s/emergency' % seg(secret_id), operation='REVOKE_EMERGENCY_ACCESS',
                                   data={'emailid': emailid})

    def requests(self) -> List[Dict[str, Any]]:
        return self.client.list_all('/emergency/requests', 'requests')
