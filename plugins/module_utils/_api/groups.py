# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Groups and their members."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

from ansible_collections.zoho.vault.plugins.module_utils._api._base import Resource, compact, describe, named, pick_one, seg


class Groups(Resource):

    def list(self) -> List[Dict[str, Any]]:
        return self.client.list_all('/groups', 'groups')

    def get(self, group_id: str) -> Dict[str, Any]:
        return self.client.request('GET', '/groups/%s' % seg(group_id))

    def create(self, data: Dict[str, Any]) -> Dict[str, Any]:
        data = compact(dict(data))

        def find_existing() -> Optional[Dict[str, Any]]:
            matches = self.find(data.get('groupname', ''))
            return matches[-1] if matches else None

        return self.client.create('/groups', 'ADD_GROUP', data, find_existing=find_existing)

    def update(self, group_id: str, data: Dict[str, Any]) -> Dict[str, Any]:
        return self.client.request('PUT', '/groups/%s' % seg(group_id), operation='UPDATE_GROUP', data=data)

    def delete(self, group_id: str) -> Dict[str, Any]:
        return self.client.request('DELETE', '/groups/%s' % seg(group_id), operation='DELETE_GROUP', data={})

    def add_members(self, group_id: str, emails: Sequence[str]) -> Dict[str, Any]:
        # Adding members is idempotent: repeating after a failure is safe.
        return self.client.request('POST', '/groups/%s/users' % seg(group_id), operation='ADD_GROUP_MEMBERS',
                                   data={'members': list(emails)}, idempotent=True)

    def remove_members(self, group_id: str, emails: Sequence[str]) -> Dict[str, Any]:
        return self.client.request('DELETE', '/groups/%s/users' % seg(group_id), operation='REMOVE_GROUP_MEMBERS',
                                   data={'members': list(emails)})

    def find(self, name: str) -> List[Dict[str, Any]]:
        if not name:
            return []
        return named(self.list(), 'groupname', name)

    def resolve(self, name: str) -> Dict[str, Any]:
        return pick_one('group', name, self.find(name), describe('group'), hint='Use the group id to choose one')
