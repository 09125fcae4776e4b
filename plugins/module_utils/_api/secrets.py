# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Secrets: CRUD, password, search, name resolution."""

from __future__ import (absolute_import, division, print_function)
from __future__ import annotations
__metaclass__ = type

from typing import Any, Dict, List, Optional

from ansible_collections.zoho.vault.plugins.module_utils._api._base import Resource, compact, first, pick_one, same_name, seg

# Fields compared when deciding whether an existing secret is the one a failed create made.
_IDENTITY_FIELDS = ('secreturl', 'username', 'secrettype', 'chamberid')


class Secrets(Resource):

    def list(self, chamber_id: Optional[str] = None) -> List[Dict[str, Any]]:
        if chamber_id:
            return self.client.list_all('/chambers/%s/secrets' % seg(chamber_id), 'secrets')
        return self.client.list_all('/secrets', 'secrets')

    def get(self, secret_id: str) -> Dict[str, Any]:
        return self.client.request('GET', '/secrets/%s' % seg(secret_id))

    def get_password(self, secret_id: str) -> str:
        details = self.client.request('GET', '/secrets/%s/password' % seg(secret_id))
        password = details.get('password') if isinstance(details, dict) else None
        if password is not None:
            self.client.add_secret_values(password)
        return password

    def search(self, searchtext: Optional[str] = None, secrettype: Optional[str] = None, chamberid: Optional[str] = None,
               username: Optional[str] = None, secreturl: Optional[str] = None) -> List[Dict[str, Any]]:
        params = compact(dict(searchtext=searchtext, secrettype=secrettype, chamberid=chamberid, username=username, secreturl=secreturl))
        return self.client.list_all('/secrets/search', 'secrets', params=params)

    def create(self, data: Dict[str, Any]) -> Dict[str, Any]:
        data = compact(dict(data))

        def find_existing() -> Optional[Dict[str, Any]]:
            for match in self.find(data.get('secretname', ''), data.get('chamberid')):
                if all(data.get(k) in (None, '') or match.get(k) == data.get(k) for k in _IDENTITY_FIELDS):
                    return match
            return None

        return self.client.create('/secrets', 'ADD_SECRET', data, find_existing=find_existing)

    def update(self, secret_id: str, data: Dict[str, Any]) -> Dict[str, Any]:
        return self.client.request('PUT', '/secrets/%s' % seg(secret_id), operation='UPDATE_SECRET', data=data)

    def delete(self, secret_id: str) -> Dict[str, Any]:
        return self.client.request('DELETE', '/secrets/%s' % seg(secret_id), operation='DELETE_SECRET', data={})

    def find(self, name: str, chamber_id: Optional[str] = None) -> List[Dict[str, Any]]:
        """Secrets whose name equals ``name`` (case-insensitive), optionally within one chamber."""
        if not name:
            return []
        found = self.search(searchtext=name, chamberid=chamber_id)
        return [s for s in found if same_name(s.get('secretname'), name)
                and (not chamber_id or str(s.get('chamberid')) == str(chamber_id))]

    def resolve(self, name: str, chamber_id: Optional[str] = None) -> Dict[str, Any]:
        """The one secret named ``name``; NotFound, or AmbiguousName listing chambers and ids."""
        matches = self.find(name, chamber_id)
        chamber_names = {}  # type: Dict[str, str]
        if len(matches) > 1:
            try:
                chamber_names = dict((str(c.get('chamberid')), c.get('chambername')) for c in self.client.list_all('/chambers', 'chambers'))
            except Exception:  # the names only decorate the message
                chamber_names = {}

        def describe(s: Dict[str, Any]) -> Dict[str, Any]:
            cid = s.get('chamberid')
            return {'name': s.get('secretname'), 'id': s.get('secretid'), 'chamber': chamber_names.get(str(cid)), 'chamber_id': cid}

        where = ' in chamber %s' % chamber_id if chamber_id else ''
        return pick_one('secret', name, matches, describe, where, hint='Name the chamber (or use the secret id) to choose one')

    def first_match(self, name: str, chamber_id: Optional[str] = None) -> Optional[Dict[str, Any]]:
        return first(self.find(name, chamber_id))
