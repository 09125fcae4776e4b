# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures and requests-level fakes for the module_utils unit tests (no network).

``tests/unit/conftest.py`` makes the collection importable under plain pytest.
"""


import io
import json

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._client import VaultClient
from ansible_collections.zoho.vault.plugins.module_utils._options import ConnectionOptions


class FakeRaw(io.BytesIO):
    """The urllib3 response body a streamed ``requests`` reply reads from."""

    def read1(self, amt=-1, decode_content=None):  # pylint: disable=arguments-differ
        return super(FakeRaw, self).read1(amt)


class FakeResponse:
    def __init__(self, status=200, body=None, headers=None, text=None):
        self.status_code = status
        self._body = body
        self.headers = dict(headers or {})
        if body is not None:
            self.headers.setdefault('Content-Type', 'application/json')
        self.text = text if text is not None else ''
        self.closed = False

    @property
    def raw(self):
        # A fresh stream at each use: the tests serve one fake reply several times.
        return FakeRaw(json.dumps(self._body).encode('utf-8') if self._body is not None else self.text.encode('utf-8'))

    def close(self):
        self.closed = True


class FakeSession:
    """Routes every request to ``handler(method, url, kwargs)``; an Exception result is raised."""

    def __init__(self, handler):
        self.handler = handler
        self.headers = {}
        self.proxies = {}
        self.verify = True
        self.calls = []

    def request(self, method, url, **kwargs):
        self.calls.append((method, url, kwargs))
        result = self.handler(method, url, kwargs)
        if isinstance(result, BaseException):
            raise result
        return result

    def api_calls(self):
        return [c for c in self.calls if '/oauth/v2/token' not in c[1]]

    def close(self):
        pass


def ok(details=None, status=200, op='OP', headers=None):
    body = {'operation': {'name': op, 'result': {'status': 'success'}, 'details': details if details is not None else {}}}
    return FakeResponse(status, body, headers)


def err(status, code=None, message='failed', headers=None):
    result = {'status': 'error', 'message': message}
    if code is not None:
        result['code'] = code
    return FakeResponse(status, {'operation': {'result': result}}, headers)


def token_reply(token='tok-1', expires_in=3600):
    return FakeResponse(200, {'access_token': token, 'api_domain': 'https://www.zohoapis.com', 'token_type': 'Bearer',
                              'expires_in': expires_in})


class Clock:
    """A fake clock whose sleep advances time."""

    def __init__(self, start=1700000000.0):
        self.now = start
        self.sleeps = []

    def time(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


class Fakes:
    FakeResponse = FakeResponse
    FakeSession = FakeSession
    Clock = Clock
    ok = staticmethod(ok)
    err = staticmethod(err)
    token_reply = staticmethod(token_reply)


@pytest.fixture
def fakes():
    return Fakes


@pytest.fixture
def make_client(tmp_path):
    """make_client(handler, **options) → (client, session, clock); refresh-token auth by default."""

    def factory(handler, token_provider=None, client_kwargs=None, **overrides):
        values = dict(client_id='1000.CLIENT', client_secret='client-secret-value', refresh_token='1000.refresh-token-value',
                      api_url='https://vault.example.test/api/json', accounts_url='https://accounts.example.test',
                      token_cache_dir=str(tmp_path / 'tokens'), retries=3)
        values.update(overrides)
        if values.get('access_token'):
            for key in ('client_id', 'client_secret', 'refresh_token'):
                values.pop(key, None)
        options = ConnectionOptions.from_values(values)
        session = FakeSession(handler)
        clock = Clock()
        kwargs = dict(session=session, sleep=clock.sleep, clock=clock.time, rand=lambda: 0.5)
        kwargs.update(client_kwargs or {})
        client = VaultClient(options, token_provider=token_provider, **kwargs)
        if getattr(client.token_provider, 'clock', None) is not None:
            client.token_provider.clock = clock.time
            if client.token_provider.cache is not None:
                client.token_provider.cache.clock = clock.time
        return client, session, clock

    return factory
