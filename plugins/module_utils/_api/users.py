# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Users."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ansible_collections.zoho.vault.plugins.module_utils._api._base import Resource, compact, describe, named, pick_one, seg


class Users(Resource):

    def list(self) -> List[Dict[str, Any]]:
        return self.client.list_all('/users', 'users')

    def get(self, user_id: str) -> Dict[str, Any]:
        return self.client.request('GET', '/users/%s' % seg(user_id))

    def current(self) -> Dict[str, Any]:
        return self.client.request('GET', '/users/current')

    def create(self, data: Dict[str, Any]) -> Dict[str, Any]:
        data = compact(dict(data))

        def find_existing() -> Optional[Dict[str, Any]]:
            matches = self.find(data.get('emailid', ''))
            return matches[0] if matches else None

        return self.client.create('/users', 'ADD_USER', data, find_existing=find_existing)

    def update(self, user_id: str, data: Dict[str, Any]) -> Dict[str, Any]:
        return self.client.request('PUT', '/users/%s' % seg(user_id), operation='UPDATE_USER', data=data)

    def delete(self, user_id: str) -> Dict[str, Any]:
        return self.client.request('DELETE', '/users/%s' % seg(user_id), operation='DELETE_USER', data={})

    def find(self, email: str) -> List[Dict[str, Any]]:
        if not email:
            return []
        return named(self.list(), 'emailid', email)

    def resolve(self, email: str) -> Dict[str, Any]:
        return pick_one('user', email, self.find(email), describe('user'))
