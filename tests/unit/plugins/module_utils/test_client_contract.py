# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""VaultClient and the api layer against replies outside the contract: spent quotas, redirects,
environment settings, malformed bodies and headers, trickled and oversized replies.

Each failure must be one line naming the endpoint and what was wrong, never a traceback, never a
value of the wrong type handed on, never a credential in the text.
"""


import io
import threading
import time

import pytest
import requests
import urllib3

from ansible_collections.zoho.vault.plugins.module_utils._api import Vault
from ansible_collections.zoho.vault.plugins.module_utils._client import VaultClient
from ansible_collections.zoho.vault.plugins.module_utils._errors import (
    MalformedResponse, RateLimited, TransportError, VaultError,
)
from ansible_collections.zoho.vault.plugins.module_utils._options import ConnectionOptions

TOKEN_URL = 'https://accounts.example.test/oauth/v2/token'


def api_only(fakes, *results):
    """Token endpoint → a token; API → the results in turn (the last one repeats)."""
    items = list(results)

    def handler(method, url, kwargs):
        if url == TOKEN_URL:
            return fakes.token_reply('tok-1')
        return items.pop(0) if len(items) > 1 else items[0]
    return handler


def one_line(err):
    text = str(err)
    assert '\n' not in text and 'Traceback' not in text
    return text


# -- 1. a spent quota ---------------------------------------------------------------------------

def test_429_with_a_far_reset_fails_at_once_naming_when_the_quota_resets(fakes, make_client):
    # Only X-RateLimit-Reset, no Retry-After: the reset (midnight UTC, 1h46m away) is beyond the wait bound.
    reply = fakes.err(429, 7007, 'Rate Limit Exceeded', headers={
        'X-RateLimit-Limit': '500', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1700006400'})
    client, session, clock = make_client(api_only(fakes, reply))
    with pytest.raises(RateLimited) as info:
        client.request('GET', '/secrets')
    text = one_line(info.value)
    assert clock.sleeps == [] and len(session.api_calls()) == 1
    assert 'GET /secrets' in text and '2023-11-15 00:00:00 UTC' in text


def test_pacing_does_not_sleep_into_a_spent_quota(fakes, make_client):
    # The last call of the day said "0 left until midnight": the next call fails at once, no sleep, no call.
    spent = fakes.ok({}, headers={'X-RateLimit-Limit': '500', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1700006400'})
    client, session, clock = make_client(api_only(fakes, spent))
    client.request('GET', '/a')
    with pytest.raises(RateLimited) as info:
        client.request('GET', '/b')
    assert clock.sleeps == [] and len(session.api_calls()) == 1
    assert 'GET /b' in one_line(info.value) and '2023-11-15 00:00:00 UTC' in str(info.value)


def test_a_spent_minute_window_is_still_waited_out(fakes, make_client):
    client, session, clock = make_client(api_only(fakes, fakes.ok({}, headers={
        'X-RateLimit-Limit': '50', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1700000020'})))
    client.request('GET', '/a')
    client.request('GET', '/a')
    assert clock.sleeps and 20 <= clock.sleeps[0] <= 21


# -- 3. redirects -------------------------------------------------------------------------------

def test_an_api_redirect_is_refused_naming_the_origin_only(fakes, make_client):
    moved = fakes.FakeResponse(302, None, {'Location': 'https://elsewhere.example:8443/collect?token=tok-1&x=1'})
    client, session, _unused = make_client(api_only(fakes, moved))
    with pytest.raises(VaultError) as info:
        client.request('GET', '/secrets/1/password')
    text = one_line(info.value)
    assert 'GET /secrets/1/password' in text and 'https://elsewhere.example:8443' in text and 'api_url' in text
    assert 'tok-1' not in text and 'collect' not in text
    assert all(kwargs.get('allow_redirects') is False for _m, _u, kwargs in session.calls)
    assert len(session.api_calls()) == 1


def test_a_token_endpoint_redirect_is_refused(fakes, make_client):
    def handler(method, url, kwargs):
        return fakes.FakeResponse(307, None, {'Location': '/elsewhere'})
    client, session, _unused = make_client(handler)
    with pytest.raises(VaultError) as info:
        client.request('GET', '/secrets')
    text = one_line(info.value)
    assert 'POST /oauth/v2/token' in text and 'https://accounts.example.test' in text and 'accounts_url' in text
    assert 'client-secret-value' not in text and 'refresh-token-value' not in text
    assert len(session.calls) == 1


def test_a_307_never_resends_the_token_grant_to_another_origin(http_server):
    # Through real requests and sockets: the accounts server answers 307 towards another server.
    other = type(http_server)()
    try:
        other.route('POST', '/steal', lambda h: http_server.send(h, 200, {'access_token': 'x', 'expires_in': 3600}))
        http_server.route('POST', '/oauth/v2/token', lambda h: http_server.send(
            h, 307, raw=b'', headers={'Location': other.url + '/steal'}))
        options = ConnectionOptions.from_values(dict(
            client_id='1000.ID', client_secret='client-secret-value', refresh_token='1000.refresh-token-value',
            api_url=http_server.url + '/api/json', accounts_url=http_server.url, token_cache=False, retries=0))
        client = VaultClient(options)
        with pytest.raises(VaultError) as info:
            client.request('GET', '/secrets')
        assert other.requests == []
        assert 'accounts_url' in one_line(info.value) and 'client-secret-value' not in str(info.value)
    finally:
        other.close()


# -- 5. explicit options win over the environment ---------------------------------------------------

class CaptureAdapter(requests.adapters.BaseAdapter):
    """Records what requests finally hands the transport (after merging the environment)."""

    def __init__(self):
        super(CaptureAdapter, self).__init__()
        self.sent = []

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        self.sent.append({'verify': verify, 'proxy': requests.utils.select_proxy(request.url, proxies)})
        resp = requests.models.Response()
        resp.status_code = 200
        resp.headers['Content-Type'] = 'application/json'
        resp.raw = urllib3.response.HTTPResponse(io.BytesIO(b'{"operation": {"result": {"status": "success"}, "details": {}}}'),
                                                 preload_content=False)
        resp.url = request.url
        resp.request = request
        return resp

    def close(self):
        pass


def client_with_capture(tmp_path, **values):
    base = dict(access_token='static-token', api_url='https://vault.example.test/api/json',
                accounts_url='https://accounts.example.test', retries=0)
    base.update(values)
    session = requests.Session()
    adapter = CaptureAdapter()
    session.mount('https://', adapter)
    return VaultClient(ConnectionOptions.from_values(base), session=session), adapter


@pytest.mark.parametrize('env_name', ['REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE'])
def test_ca_path_and_validate_certs_win_over_the_ca_bundle_environment(tmp_path, monkeypatch, env_name):
    bundle = tmp_path / 'ca.pem'
    bundle.write_text('our bundle')
    monkeypatch.setenv(env_name, str(tmp_path / 'environment-bundle.pem'))
    client, adapter = client_with_capture(tmp_path, ca_path=str(bundle))
    client.request('GET', '/secrets/1')
    client, adapter2 = client_with_capture(tmp_path, validate_certs=False)
    client.request('GET', '/secrets/1')
    assert adapter.sent[0]['verify'] == str(bundle)
    assert adapter2.sent[0]['verify'] is False


def test_the_proxy_option_wins_over_the_proxy_environment(tmp_path, monkeypatch):
    monkeypatch.setenv('HTTPS_PROXY', 'http://environment-proxy.example:3128')
    client, adapter = client_with_capture(tmp_path, proxy='http://option-proxy.example:3128')
    client.request('GET', '/secrets/1')
    assert adapter.sent[0]['proxy'] == 'http://option-proxy.example:3128'


def test_without_the_option_the_proxy_environment_and_no_proxy_still_apply(tmp_path, monkeypatch):
    monkeypatch.setenv('HTTPS_PROXY', 'http://environment-proxy.example:3128')
    monkeypatch.delenv('NO_PROXY', raising=False)
    monkeypatch.delenv('no_proxy', raising=False)
    client, adapter = client_with_capture(tmp_path)
    client.request('GET', '/secrets/1')
    assert adapter.sent[0]['proxy'] == 'http://environment-proxy.example:3128'
    monkeypatch.setenv('NO_PROXY', 'vault.example.test')
    client, adapter = client_with_capture(tmp_path)
    client.request('GET', '/secrets/1')
    assert adapter.sent[0]['proxy'] is None


# -- 6. malformed replies -------------------------------------------------------------------------

def raw_reply(fakes, text, ctype='application/json', status=200):
    return fakes.FakeResponse(status, None, {'Content-Type': ctype}, text=text)


@pytest.mark.parametrize('reply,needle', [
    (lambda f: raw_reply(f, '<html><body>Sign in to the proxy</body></html>', 'text/html'), 'not JSON'),
    (lambda f: raw_reply(f, '{"operation": {"name": "GET_SECRET", "result": {"sta'), 'not JSON'),
    (lambda f: raw_reply(f, '{"operation": {"result": {"status": "success"}, "details": {"total": NaN}}}'), 'not JSON'),
    (lambda f: f.FakeResponse(200, {'result': {'status': 'success'}, 'details': {}}), 'operation.result'),
    (lambda f: f.FakeResponse(200, ['not', 'an', 'envelope']), 'operation.result'),
])
def test_malformed_bodies_are_one_line_errors(fakes, make_client, reply, needle):
    client, _unused, _unused = make_client(api_only(fakes, reply(fakes)))
    with pytest.raises(MalformedResponse) as info:
        client.request('GET', '/secrets/1')
    text = one_line(info.value)
    assert 'GET /secrets/1' in text and needle in text


@pytest.mark.parametrize('details,needle', [
    ({'secrets': [{'secretid': '1', 'secretname': 'a', 'chamberid': None}, None], 'page': 1, 'per_page': 1000, 'total': 2},
     'item 2'),
    ({'secrets': [], 'page': 1, 'per_page': 1000, 'total': 'many'}, 'total'),
    ({'secrets': [{'secretid': '1', 'secretname': 'a', 'chamberid': None}], 'page': 1, 'per_page': 1000, 'total': 1.5}, 'total'),
    ({'secrets': [], 'page': 1, 'per_page': 'x', 'total': 0}, 'per_page'),
    ({'secret': [], 'page': 1, 'per_page': 1000, 'total': 0}, '"secrets"'),
    ([{'secretid': '1'}], 'object'),
])
def test_malformed_lists_are_one_line_errors(fakes, make_client, details, needle):
    client, _unused, _unused = make_client(api_only(fakes, fakes.ok(details)))
    with pytest.raises(MalformedResponse) as info:
        client.list_all('/secrets', 'secrets')
    text = one_line(info.value)
    assert 'GET /secrets' in text and needle in text


@pytest.mark.parametrize('header', ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'])
@pytest.mark.parametrize('value', ['nan', 'inf', '-inf', 'soon'])
def test_non_numeric_rate_limit_headers_are_one_line_errors(fakes, make_client, header, value):
    headers = {'X-RateLimit-Limit': '500', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1700000030'}
    headers[header] = value
    client, _unused, clock = make_client(api_only(fakes, fakes.ok({'a': 1}, headers=headers)))
    with pytest.raises(MalformedResponse) as info:
        client.request('GET', '/secrets/1')
    text = one_line(info.value)
    assert 'GET /secrets/1' in text and header in text
    assert clock.sleeps == []


def test_a_nan_retry_after_falls_back_to_the_reset_header(fakes, make_client):
    limited = fakes.err(429, 7007, 'Rate Limit Exceeded', headers={'Retry-After': 'nan', 'X-RateLimit-Reset': '1700000010'})
    client, _unused, clock = make_client(api_only(fakes, limited, fakes.ok({'a': 1})))
    assert client.request('GET', '/secrets/1') == {'a': 1}
    assert len(clock.sleeps) == 1 and 10 <= clock.sleeps[0] <= 11


def vault_over(fakes, make_client, *results):
    client, session, _unused = make_client(api_only(fakes, *results))
    return Vault(client), session


@pytest.mark.parametrize('details', [{}, {'password': None}, {'password': 12345678}, {'password': {'value': 'x'}}, ['x']])
def test_a_password_reply_without_a_string_password_is_malformed(fakes, make_client, details):
    vault, _unused = vault_over(fakes, make_client, fakes.ok(details))
    with pytest.raises(MalformedResponse) as info:
        vault.secrets.get_password('2000001')
    text = one_line(info.value)
    assert 'GET /secrets/2000001/password' in text and 'password' in text


def test_an_empty_password_is_a_password(fakes, make_client):
    vault, _unused = vault_over(fakes, make_client, fakes.ok({'password': ''}))
    assert vault.secrets.get_password('2000001') == ''


@pytest.mark.parametrize('details', [{}, {'password': None}, {'password': 5}])
def test_a_generator_reply_without_a_password_is_malformed(fakes, make_client, details):
    vault, _unused = vault_over(fakes, make_client, fakes.ok(details))
    with pytest.raises(MalformedResponse) as info:
        vault.generator.generate(length=12)
    assert 'GET /password/generate' in one_line(info.value)


GOOD = {'secretid': '2000001', 'secretname': 'db', 'chamberid': None, 'secrettype': 'Login'}


@pytest.mark.parametrize('row,needle', [
    ({'secretid': '2000001', 'secretname': 'db'}, 'chamberid'),
    ({'secretname': 'db', 'chamberid': None}, 'secretid'),
    ({'secretid': 2000001, 'secretname': 'db', 'chamberid': None}, 'secretid'),
    ({'secretid': '2000001', 'chamberid': '1'}, 'secretname'),
    ({'secretid': '2000001', 'secretname': 'db', 'chamberid': 7}, 'chamberid'),
])
def test_a_secret_row_outside_the_contract_is_malformed(fakes, make_client, row, needle):
    vault, _unused = vault_over(fakes, make_client, fakes.ok(row))
    with pytest.raises(MalformedResponse) as info:
        vault.secrets.get('2000001')
    assert 'GET /secrets/2000001' in one_line(info.value) and needle in str(info.value)
    listing = {'secrets': [GOOD, row], 'page': 1, 'per_page': 1000, 'total': 2}
    vault, _unused = vault_over(fakes, make_client, fakes.ok(listing))
    with pytest.raises(MalformedResponse) as info:
        vault.secrets.search(searchtext='db')
    assert 'GET /secrets/search' in one_line(info.value) and needle in str(info.value)


def test_a_secret_outside_any_chamber_is_fine(fakes, make_client):
    vault, _unused = vault_over(fakes, make_client, fakes.ok(GOOD))
    assert vault.secrets.get('2000001')['chamberid'] is None


# -- 7. the whole request within timeout, and a size cap ---------------------------------------------

def trickle(http_server, pause, total=200):
    def reply(handler):
        handler.send_response(200)
        handler.send_header('Content-Type', 'application/json')
        handler.send_header('Content-Length', str(total))
        handler.end_headers()
        for _unused in range(total):
            handler.wfile.write(b' ')
            handler.wfile.flush()
            time.sleep(pause)
    return reply


def static_client(http_server, **values):
    base = dict(access_token='static-token', api_url=http_server.url + '/api/json', accounts_url=http_server.url,
                retries=0, timeout=1)
    base.update(values)
    return VaultClient(ConnectionOptions.from_values(base))


def test_a_trickling_server_is_cut_off_at_timeout(http_server):
    # One byte every 0.2 s: no single read waits a second, the whole reply would take 40 s.
    http_server.route('GET', '/api/json/secrets/1', trickle(http_server, 0.2))
    client = static_client(http_server)
    started = time.monotonic()
    with pytest.raises(TransportError) as info:
        client.request('GET', '/secrets/1')
    elapsed = time.monotonic() - started
    assert elapsed < 3.0
    text = one_line(info.value)
    assert 'GET /secrets/1' in text and '1s' in text


def test_an_oversized_reply_is_refused(http_server, monkeypatch):
    from ansible_collections.zoho.vault.plugins.module_utils import _transport
    monkeypatch.setattr(_transport, 'MAX_REPLY_BYTES', 4096)
    details = {'secrets': [dict(GOOD, notes='n' * 100) for _unused in range(100)], 'page': 1, 'per_page': 1000, 'total': 100}
    http_server.route('GET', '/api/json/secrets', lambda h: http_server.send(h, 200, http_server.envelope(details)))
    with pytest.raises(MalformedResponse) as info:
        static_client(http_server).request('GET', '/secrets')
    text = one_line(info.value)
    assert 'GET /secrets' in text and '4096' in text


def test_an_oversized_chunked_reply_is_refused_while_reading(http_server, monkeypatch):
    from ansible_collections.zoho.vault.plugins.module_utils import _transport
    monkeypatch.setattr(_transport, 'MAX_REPLY_BYTES', 4096)
    stop = threading.Event()

    def endless(handler):
        handler.send_response(200)
        handler.send_header('Content-Type', 'application/json')
        handler.send_header('Transfer-Encoding', 'chunked')
        handler.end_headers()
        while not stop.is_set():
            handler.wfile.write(b'400\r\n' + b' ' * 1024 + b'\r\n')
    http_server.route('GET', '/api/json/secrets', endless)
    try:
        with pytest.raises(MalformedResponse) as info:
            static_client(http_server, timeout=5).request('GET', '/secrets')
    finally:
        stop.set()
    assert 'larger than' in one_line(info.value)


def test_a_normal_reply_through_real_sockets(http_server):
    http_server.route('GET', '/api/json/secrets/1', lambda h: http_server.send(h, 200, http_server.envelope(GOOD)))
    assert static_client(http_server).request('GET', '/secrets/1') == GOOD


# -- 4. the proxy's password ------------------------------------------------------------------------

PROXY = 'http://proxyuser:PROXY-PASSWORD@proxy.example.test:3128'


@pytest.mark.parametrize('error', [
    requests.exceptions.ProxyError('Cannot connect to proxy %s: Tunnel connection failed: 407' % PROXY),
    requests.exceptions.RequestException('failed through %s' % PROXY),
    RuntimeError('unexpected failure through %s' % PROXY),
    requests.exceptions.InvalidURL('bad proxy URL %s' % PROXY.replace('3128', '31x8')),
])
def test_a_proxy_password_never_shows_in_an_error(fakes, make_client, error):
    client, _unused, _unused = make_client(lambda m, u, k: error, proxy=PROXY, retries=0)
    with pytest.raises(VaultError) as info:
        client.request('GET', '/secrets')
    assert 'PROXY-PASSWORD' not in one_line(info.value)


def test_a_url_with_credentials_is_masked_in_any_error_message():
    err = VaultError('could not reach https://someone:hunter2@vault.example.test/api/json', context='GET /secrets',
                     hint='Check socks5h://u:p4ss@proxy:1080')
    assert 'hunter2' not in str(err) and 'p4ss' not in str(err) and 'vault.example.test' in str(err)


def test_streamed_replies_keep_the_connection_alive(http_server):
    # Reading the reply ourselves must still hand the connection back to the pool.
    ports = []

    def reply(handler):
        ports.append(handler.client_address[1])
        http_server.send(handler, 200, http_server.envelope(GOOD))
    http_server.route('GET', '/api/json/secrets/1', reply)
    client = static_client(http_server)
    for _unused in range(3):
        assert client.request('GET', '/secrets/1') == GOOD
    assert len(set(ports)) == 1
