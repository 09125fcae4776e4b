# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The emulator in the test's own process: the unit tests' only vault.

``FlaskAdapter`` is a ``requests`` transport adapter that hands each prepared request to the
emulator's Flask app and wraps the reply in a streamed urllib3 response, so the real
``VaultClient`` (deadline, size cap, redirect refusal) and the real ``_api`` layer run unchanged,
with no subprocess, port or socket. ``InProcessEmulator`` is the emulator's own test helper with
its control plane reached through the same app.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import sys
import time
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import parse_qsl, urlsplit

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from urllib3 import HTTPResponse

from ansible_collections.zoho.vault.plugins.module_utils._api import Vault
from ansible_collections.zoho.vault.plugins.module_utils._client import VaultClient
from ansible_collections.zoho.vault.plugins.module_utils._options import ConnectionOptions

_EMULATOR_ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'emulator')
if _EMULATOR_ROOT not in sys.path:
    sys.path.insert(0, _EMULATOR_ROOT)

from zoho_vault_emulator.app import create_app, describe  # noqa: E402  # pylint: disable=wrong-import-position
from zoho_vault_emulator.store import ADMIN_EMAIL, Store  # noqa: E402  # pylint: disable=wrong-import-position
from zoho_vault_emulator.testing import Emulator, EmulatorError  # noqa: E402  # pylint: disable=wrong-import-position

BASE_URL = 'https://vault.emulator.test'
API_PATH = '/api/json'
API_URL = BASE_URL + API_PATH


class FlaskAdapter(BaseAdapter):
    """Serves a ``requests.Session`` from a WSGI app in-process; a reply is streamed like a socket's."""

    def __init__(self, app: Any, log: Optional[List[Tuple[str, str, Any]]] = None, queries: Optional[List[Dict[str, Any]]] = None) -> None:
        super().__init__()
        self.client = app.test_client()
        self.log = log
        self.queries = [] if queries is None else queries

    def send(self, request: Any, stream: bool = False, timeout: Any = None, verify: Any = True, cert: Any = None,
             proxies: Any = None) -> requests.Response:
        parts = urlsplit(request.url)
        body = request.body or b''
        if self.log is not None and parts.path.startswith(API_PATH):
            self.log.append((request.method, parts.path[len(API_PATH):], json.loads(body).get('data') if body else None))
            self.queries.append(dict(parse_qsl(parts.query)))
        try:
            reply = self.client.open(parts.path, base_url='%s://%s' % (parts.scheme, parts.netloc), method=request.method,
                                     query_string=parts.query, headers=dict(request.headers),
                                     data=body.encode('utf-8') if isinstance(body, str) else body)
            data = reply.get_data()
        except ConnectionError as exc:
            # The emulator's "reset" fault: a dropped connection, as the client would see it from a socket.
            raise requests.exceptions.ConnectionError(str(exc), request=request) from None
        raw = HTTPResponse(body=io.BytesIO(data), headers=list(reply.headers.items()), status=reply.status_code,
                           preload_content=False, decode_content=False)
        response = requests.Response()
        response.status_code = reply.status_code
        response.headers = CaseInsensitiveDict(reply.headers)
        response.raw = raw
        response.reason = reply.status.partition(' ')[2]
        response.url = request.url
        response.request = request
        response.connection = self
        response.encoding = requests.utils.get_encoding_from_headers(response.headers)
        return response

    def close(self) -> None:
        pass


def session_for(app: Any, log: Optional[List[Tuple[str, str, Any]]] = None,
                queries: Optional[List[Dict[str, Any]]] = None) -> requests.Session:
    """A real ``requests.Session`` whose every request goes to ``app`` (noted in ``log`` and ``queries`` when given)."""
    session = requests.Session()
    adapter = FlaskAdapter(app, log, queries)
    session.mount('https://', adapter)
    session.mount('http://', adapter)
    return session


_SHARED: Dict[str, Any] = {}


def _shared_app() -> Tuple[Store, Any]:
    """One store and app per process: building the app's routes costs more than most tests, and a reset is exact."""
    if not _SHARED:
        store = Store(plan='enterprise')
        store.base_url = BASE_URL
        _SHARED.update(store=store, app=create_app(store))
    return _SHARED['store'], _SHARED['app']


class InProcessEmulator(Emulator):
    """``Emulator``'s helpers (create_user, add_fault, counters, ...) over an app in this process, freshly reset."""

    def __init__(self) -> None:
        super().__init__()
        self.store, self.app = _shared_app()
        # The emulator's own reset: no objects, faults, counters or rate window; the default plan, clock and policy.
        self.store.reset()
        self.control_client = self.app.test_client()
        self.info = describe(self.store)
        # (method, path, data) of every API request the test's clients sent, in order.
        self.sent: List[Tuple[str, str, Any]] = []
        # The query parameters of each of them, in the same order.
        self.queries: List[Dict[str, Any]] = []

    def start(self, *args: Any, **kwargs: Any) -> 'InProcessEmulator':
        return self

    def stop(self, kill: bool = False) -> None:
        pass

    def control(self, method: str, path: str, body: Any = None) -> Any:
        reply = self.control_client.open('/_emulator' + path, method=method, json=body)
        if reply.status_code >= 400:
            raise EmulatorError('%s /_emulator%s -> %s: %s' % (method, path, reply.status_code, reply.get_data(as_text=True)))
        return reply.get_json()

    # -- what the unit tests need besides the emulator's own helpers ------------------------------
    def vault(self, email: str = ADMIN_EMAIL, role: str = 'User', scopes: Optional[List[str]] = None, retries: int = 0,
              **options: Any) -> Vault:
        """A real ``Vault`` over a real ``VaultClient`` acting as ``email`` (created with ``role`` unless it exists)."""
        if self.store.user_by_email(email) is None:
            self.create_user(email, role, scopes=scopes)
        token = self.access_token(email, scopes=scopes)['access_token']
        values = dict(access_token=token, api_url=API_URL, accounts_url=BASE_URL, retries=retries)
        values.update(options)
        client = VaultClient(ConnectionOptions.from_values(values), session=session_for(self.app, self.sent, self.queries), sleep=lambda seconds: None)
        return Vault(client)

    def mark(self) -> None:
        """Forget the calls so far (the test's seeding), so that what follows is counted alone."""
        self.reset_counters()
        del self.sent[:]
        del self.queries[:]

    def sent_writes(self) -> List[Tuple[str, str, Any]]:
        """(method, path, data) of every write the clients sent since ``mark``."""
        return [entry for entry in self.sent if entry[0] != 'GET']

    def calls(self) -> Dict[str, int]:
        """API calls per endpoint (``'GET /secrets'`` ...) since the last ``reset_counters``."""
        return self.counters()['calls']

    def writes(self) -> Dict[str, int]:
        return dict((key, n) for key, n in self.calls().items() if not key.startswith('GET '))

    def calls_total(self) -> int:
        return self.counters()['calls_total']

    # -- seeding through the API as the administrator; the seeding calls are forgotten ---------
    def seed_chamber(self, name: str, **fields: Any) -> Dict[str, Any]:
        made = self._seeder().chambers.create(dict(fields, chambername=name))
        self.mark()
        return made

    def seed_secret(self, name: str, chamber_id: Optional[str] = None, password: str = 'Initial-pw1', **fields: Any) -> str:
        data = dict(fields, secretname=name, password=password)
        if chamber_id:
            data['chamberid'] = chamber_id
        made = self._seeder().secrets.create(data)
        self.mark()
        return made['secretid']

    def seed_grant(self, secret_id: str, email: str, expirestime: str, reason: str = 'seeded') -> str:
        """An emergency grant ending at ``expirestime`` to the second, which the API (hours from now) cannot make."""
        user = self.store.user_by_email(email) or self.store.db['users'][self.create_user(email)['userid']]
        expires = datetime.datetime.strptime(expirestime, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=datetime.timezone.utc).timestamp()
        with self.store.lock:
            request_id = self.store.new_id()
            self.store.db['emergency'][request_id] = {
                'requestid': request_id, 'secretid': secret_id, 'emailid': email, 'userid': user['userid'], 'reason': reason,
                'expires': expires, 'expirestime': expirestime, 'createdtime': expirestime, 'granted_by': ADMIN_EMAIL,
                'status': 'active'}
        return request_id

    def set_now(self, moment: datetime.datetime) -> None:
        """Move the emulator's clock so that its now is ``moment``."""
        self.set_clock(moment.timestamp() - time.time())

    def _seeder(self) -> Vault:
        if getattr(self, '_admin', None) is None:
            self._admin = self.vault()
        return self._admin

    # -- direct reads of the store, for asserting what the vault now holds ------------------------
    def objects(self, kind: str) -> List[Dict[str, Any]]:
        return list(self.store.db[kind].values())

    def names(self, kind: str) -> List[str]:
        field = {'users': 'emailid', 'groups': 'groupname', 'chambers': 'chambername', 'secrets': 'secretname'}[kind]
        return sorted(obj[field] for obj in self.objects(kind))

    def password(self, secret_id: str) -> str:
        return self.store.db['secrets'][secret_id]['password']


__all__ = ['ADMIN_EMAIL', 'API_URL', 'FlaskAdapter', 'InProcessEmulator', 'session_for']
