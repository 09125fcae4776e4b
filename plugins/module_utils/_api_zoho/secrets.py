# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Secrets in the zoho dialect: the reference class's interface over production's REST API.

Production has no search: every search lists the secrets (of one chamber when asked) and filters
here, with the reference's rules. Names are resolved by the reference class's rule, unchanged.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ansible_collections.zoho.vault.plugins.module_utils._api._base import seg
from ansible_collections.zoho.vault.plugins.module_utils._api.secrets import Secrets as ReferenceSecrets
from ansible_collections.zoho.vault.plugins.module_utils._api_zoho import rows as _rows
from ansible_collections.zoho.vault.plugins.module_utils._errors import MalformedResponse, MasterKeyError, NotFound, json_kind


def _contains(needle: Optional[str], *haystack: Any) -> bool:
    return not needle or any(needle.casefold() in str(part or '').casefold() for part in haystack)


class Secrets(ReferenceSecrets):
    """``secrets.*`` of the zoho dialect (reads decrypt; writes live in ``writes.py``)."""

    def __init__(self, session: Any) -> None:
        super().__init__(session.client)
        self.session = session
        self._org_key_checked = False
        self._org_key_error: Optional[MasterKeyError] = None
        self._warned = False

    def _listed(self, chamber_id: Optional[str] = None) -> List[Dict[str, Any]]:
        # Every name the lookups resolve needs the same list: the run's key store shares it between forks.
        return self.session.keys.stored('zoho-secrets', [chamber_id], lambda: self._read_list(chamber_id))

    def _read_list(self, chamber_id: Optional[str]) -> List[Dict[str, Any]]:
        params = {'chamberId': chamber_id} if chamber_id else None
        found = [row for row in self.session.list_all('/secrets', params) if not row.get('istrashed')]
        readable = [row for row in found if not self._needs_missing_org_key(row)]
        problem = self._org_key_error
        if problem is not None and len(readable) < len(found) and self.client.warn is not None and not self._warned:
            self._warned = True
            self.client.warn('%d secret(s) shared with this user were left out: %s. %s'
                             % (len(found) - len(readable), problem.message, problem.hint))
        return [_rows.normalise_secret(self.session, row, chamber_id) for row in readable]

    def _needs_missing_org_key(self, row: Dict[str, Any]) -> bool:
        """A shared secret while this user has no organisation key (sharing not approved yet): it cannot be
        decrypted, but the user's own secrets still can, so it is left out of lists instead of failing them."""
        return str(row.get('isshared') or '').upper() == 'YES' and self._org_key_problem() is not None

    def _org_key_problem(self) -> Optional[MasterKeyError]:
        """Why shared secrets cannot be decrypted (checked once), or None."""
        if not self._org_key_checked:
            self._org_key_checked = True
            try:
                self.session.org_key()
            except MasterKeyError as err:
                self._org_key_error = err
        return self._org_key_error

    def list(self, chamber_id: Optional[str] = None) -> List[Dict[str, Any]]:
        return self._listed(chamber_id)

    def resolve(self, name: str, chamber_id: Optional[str] = None) -> Dict[str, Any]:
        try:
            return super().resolve(name, chamber_id)
        except NotFound as missing:
            # Not among the readable secrets: it may be one of those shared with this user, which cannot be read yet.
            problem = self._org_key_problem()
            if problem is None:
                raise
            raise MasterKeyError('%s among this user\'s own secrets, and the secrets shared with it cannot be read: %s'
                                 % (missing.message, problem.message), hint=problem.hint) from None

    def raw(self, secret_id: str) -> Dict[str, Any]:
        """The production row of one secret (ciphertext and all); NotFound for a trashed one."""
        path = '/secrets/%s' % seg(secret_id)
        row = self.session.details(path)
        if not isinstance(row, dict):
            raise MalformedResponse('the secret is %s, not an object' % json_kind(row), context='GET %s' % path)
        if row.get('istrashed') is True or str(row.get('istrashed')).lower() == 'true':
            raise NotFound('secret %s is in the trash' % secret_id, context='GET %s' % path)
        return row

    def get(self, secret_id: str) -> Dict[str, Any]:
        return _rows.normalise_secret(self.session, self.raw(secret_id))

    def get_password(self, secret_id: str) -> str:
        return _rows.password_of(self.session, self.raw(secret_id))

    def search(self, searchtext: Optional[str] = None, secrettype: Optional[str] = None, chamberid: Optional[str] = None,
               username: Optional[str] = None, secreturl: Optional[str] = None) -> List[Dict[str, Any]]:
        """The reference's search, done here: production has none (a name filter was never shown to work)."""
        return [s for s in self._listed(chamberid)
                if _contains(searchtext, s['secretname'], s['secreturl'], s['username'], s['notes'])
                and (not secrettype or s['secrettype'].casefold() == secrettype.casefold())
                and _contains(username, s['username']) and _contains(secreturl, s['secreturl'])]

    def _chambers(self) -> List[Any]:
        return self.session.list_all('/chambers', count='chambercount')

    def create(self, data: Dict[str, Any]) -> Dict[str, Any]:
        from ansible_collections.zoho.vault.plugins.module_utils._api_zoho.writes import create_secret
        return create_secret(self, data)

    def update(self, secret_id: str, data: Dict[str, Any]) -> Dict[str, Any]:
        from ansible_collections.zoho.vault.plugins.module_utils._api_zoho.writes import update_secret
        return update_secret(self, secret_id, data)

    def delete(self, secret_id: str) -> Dict[str, Any]:
        from ansible_collections.zoho.vault.plugins.module_utils._api_zoho.writes import delete_secret
        return delete_secret(self, secret_id)
