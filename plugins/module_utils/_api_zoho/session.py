# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""``ZohoSession``: what every resource of the zoho dialect shares over one ``VaultClient``.

The first call of a run is ``GET_LOGIN``: it names the user, gives the key-derivation parameters and
the passphrase timestamps that every later call carries as headers. When a master password or key
is configured it is verified right then, before any other request. Lists are read page by page
(0-based ``pageNum``, the total in ``meta``); the vault metadata (secret types, the wrapped
organisation key) is read once, when first needed.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

from ansible_collections.zoho.vault.plugins.module_utils._api_zoho.codec import FORM_FIELDS
from ansible_collections.zoho.vault.plugins.module_utils._api_zoho.keyring import KeyRing
from ansible_collections.zoho.vault.plugins.module_utils._errors import (
    MalformedResponse, NotFound, PermissionDenied, UnsupportedByDialect, ValidationError, VaultError, json_kind,
)

REST = '/api/rest/json/v1'
LEGACY_LOGIN = '/api/json/login'
ROWS_PER_PAGE = 500
MAX_PAGES = 10000


# The writes of each object kind in this dialect: refused (production has no API for them) or a preview
# (refused unless zoho_preview_writes), with what the one-line error calls them.
WRITES: Dict[str, Tuple[str, Dict[str, str]]] = {
    'chamber': ('refused', {'create': 'creating a chamber', 'update': 'changing a chamber', 'delete': 'deleting a chamber'}),
    'user': ('refused', {'create': 'inviting a user', 'update': 'changing a user', 'delete': 'removing a user'}),
    'group': ('refused', {'create': 'creating a group', 'update': 'changing a group', 'delete': 'deleting a group',
                          'members': 'changing group members'}),
    'emergency_access': ('refused', {'update': 'emergency access'}),
    'secret': ('preview', {'create': 'creating a secret', 'update': 'changing a secret', 'delete': 'deleting a secret'}),
    'share': ('preview', {'update': 'sharing a secret', 'delete': 'revoking a share'}),
}
TRANSFER = 'transferring the ownership of a secret'


class ZohoSession:
    """One account's view of production Zoho Vault: login, keys, paging, vault metadata."""

    def __init__(self, client: Any, key_store: Any = None) -> None:
        self.client = client
        self.options = client.options
        self.keys = KeyRing(client.options, client.add_secret_values, key_store)
        self._login: Optional[Dict[str, Any]] = None
        self._vault_info: Optional[Dict[str, Any]] = None
        self.vault: Any = None  # the facade, set by ``attach``: resources reach each other through it

    # -- the first call
    def login(self) -> Dict[str, Any]:
        """``GET_LOGIN`` details, once; the master key is verified here when one is configured."""
        if self._login is None:
            # Shared with the run's other forks through the key store (the lookups' agent), like the keys.
            reply = self.keys.stored('zoho-login', [], lambda: self._legacy('GET_LOGIN'))
            if not isinstance(reply, dict):
                raise MalformedResponse('GET_LOGIN details are %s, not an object' % json_kind(reply), context='GET ' + LEGACY_LOGIN)
            self._login = reply
            stamps = (('PassphraseCreated', 'CREATIONTIME'), ('LastPassphraseChange', 'LASTMODFIEDTIME'))
            self.client.headers.update({header: str(reply[field]) for header, field in stamps if reply.get(field) not in (None, '')})
            if self.keys.configured:
                self.keys.unlock(reply, self._valid_authpass)
        return self._login

    def _valid_authpass(self, auth_pass: str) -> bool:
        """A legacy SHA account's password check, done by the server (``IS_VALID_AUTHPASS``, a form field)."""
        reply = self.client.request('POST', LEGACY_LOGIN, params={'OPERATION_NAME': 'IS_VALID_AUTHPASS'}, operation=FORM_FIELDS,
                                    data={'authPass': auth_pass}, idempotent=True)['details']
        return isinstance(reply, dict) and reply.get('IS_VALID_AUTHPASS') is True

    def call(self, method: str, path: str, params: Optional[Mapping[str, Any]] = None, operation: Optional[str] = None,
             data: Optional[Mapping[str, Any]] = None, idempotent: Optional[bool] = None) -> Dict[str, Any]:
        """One REST call after the login; ``{"details", "meta"}``."""
        self.login()
        return self.client.request(method, REST + path, params=params, operation=operation, data=data, idempotent=idempotent)

    def details(self, path: str, params: Optional[Mapping[str, Any]] = None) -> Any:
        return self.call('GET', path, params=params)['details']

    # -- keys
    def master_key(self) -> str:
        return self.keys.unlock(self.login(), self._valid_authpass)

    def org_key(self) -> str:
        return self.keys.org_key(self._wrapped_org_key, self.login())

    def _wrapped_org_key(self) -> Any:
        """``(privateKey, sharedKey)``: from the vault metadata when already read, else ``/user/orgkey``, else the metadata."""
        if self._vault_info is not None and self._vault_info.get('SHARINGKEY'):
            return self._vault_info.get('PRIVATEKEY'), self._vault_info.get('SHARINGKEY')
        try:
            found = self.details('/user/orgkey')
            if isinstance(found, dict) and found.get('privateKey') is not None:
                return found.get('privateKey'), found.get('sharedKey')
        except (NotFound, ValidationError, PermissionDenied):
            pass
        info = self.vault_info()
        return info.get('PRIVATEKEY'), info.get('SHARINGKEY')

    def key_for(self, row: Mapping[str, Any]) -> str:
        """The key of a secret: the organisation key when it is shared (``isshared``), else the master key."""
        return self.org_key() if str(row.get('isshared') or '').upper() == 'YES' else self.master_key()

    # -- metadata
    def vault_info(self) -> Dict[str, Any]:
        """``OPEN_VAULT`` with ``limit=0``: secret types, the wrapped organisation key, user settings."""
        if self._vault_info is None:
            self.login()
            info = self.keys.stored('zoho-vault-info', [], lambda: self._legacy('OPEN_VAULT', limit=0))
            self._vault_info = info if isinstance(info, dict) else {}
        return self._vault_info

    def _legacy(self, operation: str, **params: Any) -> Any:
        return self.client.request('GET', LEGACY_LOGIN, params=dict(params, OPERATION_NAME=operation))['details']

    def secret_types(self) -> Dict[str, Dict[str, Any]]:
        types = self.vault_info().get('SECRETTYPECOLUMNS')
        return {str(k): v for k, v in types.items() if isinstance(v, dict)} if isinstance(types, dict) else {}

    # -- lists
    def pages(self, path: str, params: Optional[Mapping[str, Any]] = None, count: str = 'secretcount') -> Iterator[List[Dict[str, Any]]]:
        """Each page of a list: ``pageNum`` from 0, until ``meta[count]`` rows (or a short page) were seen."""
        seen, size = 0, 0
        for page in range(MAX_PAGES):
            reply = self.call('GET', path, params=dict(params or {}, isAsc='true', pageNum=page, rowPerPage=ROWS_PER_PAGE))
            rows = reply['details']
            if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
                raise MalformedResponse('the list in Details is %s, not a list of objects' % json_kind(rows), context='GET ' + REST + path)
            yield rows
            seen, size = seen + len(rows), size or len(rows)
            total = reply['meta'].get(count)
            # A server may serve fewer rows than asked on every page: a page is short only against the first one.
            if not rows or (isinstance(total, int) and seen >= total) or (not isinstance(total, int) and len(rows) < size):
                return

    def list_all(self, path: str, params: Optional[Mapping[str, Any]] = None, count: str = 'secretcount') -> List[Dict[str, Any]]:
        return [row for rows in self.pages(path, params, count) for row in rows]

    # -- capabilities
    def write_refusal(self, kind: str, action: str, fields: Sequence[str] = ()) -> Optional[VaultError]:
        """What a planned write of ``kind`` (``create``, ``update``, ``delete``; the names of the ``fields`` it changes)
        meets in this dialect, or None.

        Asked by every plan before anything is written (check mode included), and raised by the resources
        themselves, so that a plan never shows a write the apply would refuse.
        """
        rule = WRITES.get(kind)
        if rule is None:
            return None
        if kind == 'secret' and 'owner' in fields:
            return self.refuse(TRANSFER)
        mode, names = rule
        what = names.get(action) or names['update']
        if mode == 'refused':
            return self.refuse(what)
        return None if self.options.zoho_preview_writes else self._preview_refusal(what)

    def require_write(self, kind: str, action: str) -> None:
        """Raise the refusal of a preview write (see ``write_refusal``); nothing when the user opted in."""
        refusal = self.write_refusal(kind, action)
        if refusal is not None:
            raise refusal

    def refused_write(self, kind: str, action: str) -> UnsupportedByDialect:
        """The error of a write production has no API for (``WRITES`` says ``refused``)."""
        return self.refuse(WRITES[kind][1][action])

    def refuse(self, what: str) -> UnsupportedByDialect:
        return UnsupportedByDialect('%s is not available with dialect zoho (production Zoho Vault has no API for it)' % what)

    @staticmethod
    def validation(message: str) -> ValidationError:
        return ValidationError(message)

    @staticmethod
    def _preview_refusal(what: str) -> UnsupportedByDialect:
        """Writes are a preview until confirmed against a live vault: refused before any request unless opted in."""
        return UnsupportedByDialect('%s with dialect zoho is a preview, off by default' % what,
                                    hint='Set zoho_preview_writes=true (ZOHO_VAULT_ZOHO_PREVIEW_WRITES) to use it, '
                                         'and see the production guide for what is confirmed')
