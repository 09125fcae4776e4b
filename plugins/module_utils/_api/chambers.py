# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Chambers (folders of secrets)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ansible_collections.zoho.vault.plugins.module_utils._api._base import Resource, compact, describe, looks_like_id, named, pick_one, same_name, seg
from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound


class Chambers(Resource):

    def list(self) -> List[Dict[str, Any]]:
        return self.client.list_all('/chambers', 'chambers')

    def get(self, chamber_id: str) -> Dict[str, Any]:
        return self.client.request('GET', '/chambers/%s' % seg(chamber_id))

    def create(self, data: Dict[str, Any]) -> Dict[str, Any]:
        data = compact(dict(data))

        def find_existing() -> Optional[Dict[str, Any]]:
            # Chamber names are unique per owner only: a same-named chamber of someone else is
            # not the one our lost reply created.
            matches = self.find(data.get('chambername', ''))
            if not matches:
                return None
            me = self.client.request('GET', '/users/current').get('emailid')
            mine = [c for c in matches if same_name(c.get('owner'), me)]
            return mine[-1] if mine else None

        return self.client.create('/chambers', 'ADD_CHAMBER', data, find_existing=find_existing)

    def update(self, chamber_id: str, data: Dict[str, Any]) -> Dict[str, Any]:
        return self.client.request('PUT', '/chambers/%s' % seg(chamber_id), operation='UPDATE_CHAMBER', data=data)

    def delete(self, chamber_id: str, force: bool = False) -> Dict[str, Any]:
        params = {'force': True} if force else None
        return self.client.request('DELETE', '/chambers/%s' % seg(chamber_id), params=params, operation='DELETE_CHAMBER', data={})

    def secrets(self, chamber_id: str) -> List[Dict[str, Any]]:
        return self.client.list_all('/chambers/%s/secrets' % seg(chamber_id), 'secrets')

    def find(self, name: str) -> List[Dict[str, Any]]:
        if not name:
            return []
        return named(self.list(), 'chambername', name)

    def resolve(self, name_or_id: str) -> Dict[str, Any]:
        """A chamber by id (all digits) or by name (case-insensitive); NotFound or AmbiguousName."""
        text = str(name_or_id)
        if looks_like_id(text):
            try:
                return self.get(text)
            except NotFound:
                pass  # a chamber may be named with digits
        return pick_one('chamber', text, self.find(text), describe('chamber'), hint='Use the chamber id to choose one')
