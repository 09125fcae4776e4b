# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Secrets: CRUD, password, search, name resolution."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ansible_collections.zoho.vault.plugins.module_utils._api._base import (
    Resource, compact, pick_one, same_name, seg, string_field,
)
from ansible_collections.zoho.vault.plugins.module_utils._errors import MalformedResponse, json_kind

# Fields compared when deciding whether an existing secret is the one a failed create made.
_IDENTITY_FIELDS = ('secreturl', 'username', 'secrettype', 'chamberid')


def checked(row: Any, context: str, number: Optional[int] = None) -> Dict[str, Any]:
    """A secret as the contract shapes it, or MalformedResponse: callers rely on its id, name and chamber."""
    what = 'secret %d of the reply' % number if number else 'the secret in the reply'
    if not isinstance(row, dict):
        raise MalformedResponse('%s is %s, not an object' % (what, json_kind(row)), context=context)
    for key in ('secretid', 'secretname'):
        value = row.get(key)
        if not isinstance(value, str) or (key == 'secretid' and not value):
            raise MalformedResponse('%s has no "%s" string (%s)' % (what, key, json_kind(value) if key in row else 'missing'),
                                    context=context)
    if 'chamberid' not in row:
        raise MalformedResponse('%s has no "chamberid" (null stands for a secret outside any chamber)' % what, context=context)
    if row['chamberid'] is not None and not isinstance(row['chamberid'], str):
        raise MalformedResponse('"chamberid" of %s is %s, not a string or null' % (what, json_kind(row['chamberid'])), context=context)
    return row


class Secrets(Resource):

    def _rows(self, path: str, params: Optional[Dict[str, Any]] = None) -> List[Dict[str, Any]]:
        rows = self.client.list_all(path, 'secrets', params=params)
        return [checked(row, 'GET %s' % path, number) for number, row in enumerate(rows, 1)]

    def list(self, chamber_id: Optional[str] = None) -> List[Dict[str, Any]]:
        if chamber_id:
            return self._rows('/chambers/%s/secrets' % seg(chamber_id))
        return self._rows('/secrets')

    def get(self, secret_id: str) -> Dict[str, Any]:
        path = '/secrets/%s' % seg(secret_id)
        return checked(self.client.request('GET', path), 'GET %s' % path)

    def get_password(self, secret_id: str) -> str:
        path = '/secrets/%s/password' % seg(secret_id)
        password = string_field(self.client.request('GET', path), 'password', 'GET %s' % path)
        self.client.add_secret_values(password)
        return password

    def search(self, searchtext: Optional[str] = None, secrettype: Optional[str] = None, chamberid: Optional[str] = None,
               username: Optional[str] = None, secreturl: Optional[str] = None) -> List[Dict[str, Any]]:
        params = compact({'searchtext': searchtext, 'secrettype': secrettype, 'chamberid': chamberid, 'username': username, 'secreturl': secreturl})
        return self._rows('/secrets/search', params=params)

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

    def _chambers(self) -> List[Any]:
        return self.client.list_all('/chambers', 'chambers')

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
        chamber_names: Dict[str, str] = {}
        if len(matches) > 1:
            try:
                chamber_names = {str(c.get('chamberid')): c.get('chambername') for c in self._chambers()}
            except Exception:  # the names only decorate the message
                chamber_names = {}

        def describe(s: Dict[str, Any]) -> Dict[str, Any]:
            cid = s.get('chamberid')
            return {'name': s.get('secretname'), 'id': s.get('secretid'), 'chamber': chamber_names.get(str(cid)), 'chamber_id': cid}

        where = ' in chamber %s' % chamber_id if chamber_id else ''
        return pick_one('secret', name, matches, describe, where, hint='Name the chamber (or use the secret id) to choose one')
