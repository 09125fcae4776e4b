# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""VaultClient: envelopes, retry decisions and bounds, 401 refresh, 429 and pacing, creates without duplicates."""


import pytest
import requests

from ansible_collections.zoho.vault.plugins.module_utils import _transport
from ansible_collections.zoho.vault.plugins.module_utils._errors import (
    AuthError, Conflict, MalformedResponse, NotFound, PermissionDenied, RateLimited, ServerError, TokenMintLimit,
    TransportError, ValidationError, VaultError,
)
from ansible_collections.zoho.vault.plugins.module_utils._auth import StaticTokenProvider
from ansible_collections.zoho.vault.plugins.module_utils._version import COLLECTION_VERSION

TOKEN_URL = 'https://accounts.example.test/oauth/v2/token'


def router(fakes, api, tokens=None):
    """A handler: token endpoint → successive tokens; API → ``api(method, url, kwargs)``."""
    state = {'minted': 0}

    def handler(method, url, kwargs):
        if url == TOKEN_URL:
            state['minted'] += 1
            if tokens is not None:
                return tokens(state['minted'], kwargs)
            return fakes.token_reply('tok-%d' % state['minted'])
        return api(method, url, kwargs)

    handler.state = state
    return handler


def seq(*results):
    items = list(results)

    def api(method, url, kwargs):
        return items.pop(0) if len(items) > 1 else items[0]
    return api


def test_envelope_and_headers(fakes, make_client):
    client, session, _unused = make_client(router(fakes, seq(fakes.ok({'secretid': '1'}, op='ADD_SECRET', status=201))))
    details = client.request('POST', '/secrets', operation='ADD_SECRET', data={'secretname': 'x', 'password': 'p4ss'})
    assert details == {'secretid': '1'}
    method, url, kwargs = session.api_calls()[0]
    assert (method, url) == ('POST', 'https://vault.example.test/api/json/secrets')
    assert kwargs['json'] == {'operation': {'name': 'ADD_SECRET'}, 'data': {'secretname': 'x', 'password': 'p4ss'}}
    assert kwargs['headers']['Authorization'] == 'Zoho-oauthtoken tok-1'
    assert kwargs['timeout'] == 30
    assert session.headers['User-Agent'] == 'ansible-collection-zoho.vault/%s' % COLLECTION_VERSION
    token_call = session.calls[0]
    assert token_call[2]['data']['grant_type'] == 'refresh_token'
    assert 'params' not in token_call[2]  # secrets go in the form body, never in the URL


def test_params_normalised(fakes, make_client):
    client, session, _unused = make_client(router(fakes, seq(fakes.ok({'password': 'x'}))))
    client.request('GET', '/password/generate', params={'length': 16, 'symbols': False, 'numbers': True, 'uppercase': None})
    assert session.api_calls()[0][2]['params'] == {'length': 16, 'symbols': 'false', 'numbers': 'true'}


@pytest.mark.parametrize('status,code,cls', [
    (400, 7001, ValidationError), (401, 7002, AuthError), (403, 7003, PermissionDenied), (404, 7004, NotFound),
    (409, 7005, Conflict), (400, 7006, ValidationError), (403, 7008, PermissionDenied), (400, None, ValidationError),
    (418, None, VaultError),
])
def test_error_mapping(fakes, make_client, status, code, cls):
    client, session, _unused = make_client(router(fakes, seq(fakes.err(status, code, 'Validation Failed: secretname is required'))),
                                           access_token='static-token')
    with pytest.raises(Exception) as info:
        client.request('GET', '/secrets/1')
    assert info.value.__class__ is cls
    assert info.value.status == status
    assert info.value.code == code
    assert 'GET /secrets/1' in str(info.value)
    assert '\n' not in str(info.value)
    assert len(session.api_calls()) == 1  # 4xx is never retried


def test_error_never_contains_body_or_secrets(fakes, make_client):
    # A (hypothetical) server message echoing the password and the token must come out masked.
    client, _unused, _unused = make_client(router(fakes, seq(fakes.err(400, 7010, 'Weak Password: hunter2 with tok-1'))))
    with pytest.raises(Exception) as info:
        client.request('POST', '/secrets', operation='ADD_SECRET', data={'secretname': 'n', 'password': 'hunter2'})
    text = str(info.value)
    assert 'hunter2' not in text and 'tok-1' not in text and 'secretname' not in text
    assert 'Weak Password' in text


def test_5xx_retried_with_backoff_then_succeeds(fakes, make_client):
    client, session, clock = make_client(router(fakes, seq(fakes.err(503), fakes.err(500), fakes.ok({'a': 1}))))
    assert client.request('GET', '/secrets/1') == {'a': 1}
    assert len(session.api_calls()) == 3
    assert client.stats.retries == 2
    # equal jitter with rand()=0.5: attempt n waits 0.75 * base * 2**(n-1)
    assert clock.sleeps == [0.375, 0.75]


def test_retries_are_bounded(fakes, make_client):
    client, session, _unused = make_client(router(fakes, seq(fakes.err(503))), retries=2)
    with pytest.raises(ServerError) as info:
        client.request('GET', '/secrets/1')
    assert len(session.api_calls()) == 3
    assert info.value.status == 503


def test_backoff_is_capped_and_jittered(fakes, make_client):
    client, _unused, _unused = make_client(router(fakes, seq(fakes.ok())))
    client.rand = lambda: 0.0
    assert client._backoff_delay(1) == 0.25
    client.rand = lambda: 0.999999
    assert client._backoff_delay(30) <= client.backoff_cap
    assert client._backoff_delay(30) >= client.backoff_cap / 2


def test_non_json_5xx_is_retried_and_non_json_200_is_malformed(fakes, make_client):
    client, session, _unused = make_client(router(fakes, seq(fakes.FakeResponse(502, None, {'Content-Type': 'text/html'}),
                                                             fakes.FakeResponse(200, None, {'Content-Type': 'text/html'}))))
    with pytest.raises(MalformedResponse) as info:
        client.request('GET', '/secrets')
    assert 'text/html' in str(info.value)
    assert len(session.api_calls()) == 2


def test_ambiguous_connection_error_post_not_repeated(fakes, make_client):
    calls = []

    def api(method, url, kwargs):
        calls.append(1)
        if len(calls) == 1:
            return requests.exceptions.ConnectionError(OSError('NewConnectionError placeholder'))
        return fakes.ok({'x': 1})
    client, _unused, _unused = make_client(router(fakes, api))
    # A generic ConnectionError is ambiguous; POST without lookup must NOT be repeated.
    with pytest.raises(TransportError) as info:
        client.request('POST', '/secrets/1/emergency', operation='GRANT_EMERGENCY_ACCESS', data={})
    assert 'may or may not have been applied' in str(info.value)
    assert len(calls) == 1


def test_connect_timeout_is_not_ambiguous(fakes, make_client):
    results = [requests.exceptions.ConnectTimeout('connect timeout'), fakes.ok({'x': 1})]
    client, session, _unused = make_client(router(fakes, lambda m, u, k: results.pop(0)))
    assert client.request('POST', '/secrets/1/emergency', operation='GRANT_EMERGENCY_ACCESS', data={}) == {'x': 1}


def test_read_timeout_get_retried(fakes, make_client):
    results = [requests.exceptions.ReadTimeout('read timeout'), fakes.ok({'x': 1})]
    client, _unused, _unused = make_client(router(fakes, lambda m, u, k: results.pop(0)))
    assert client.request('GET', '/secrets/1') == {'x': 1}


def test_tls_error_not_retried(fakes, make_client):
    client, session, _unused = make_client(router(fakes, lambda m, u, k: requests.exceptions.SSLError('bad cert')))
    client.token_provider = StaticTokenProvider('t')
    with pytest.raises(TransportError) as info:
        client.request('GET', '/secrets')
    assert 'ca_path' in str(info.value)
    assert len(session.api_calls()) == 1


class TestCreate:

    def test_ambiguous_failure_then_found(self, fakes, make_client):
        # The POST was applied but the reply was lost: the lookup finds it, no second POST.
        posts = []

        def api(method, url, kwargs):
            posts.append(method)
            return fakes.err(500, None, 'Internal Server Error')
        client, session, _unused = make_client(router(fakes, api))
        found = client.create('/secrets', 'ADD_SECRET', {'secretname': 'db'}, find_existing=lambda: {'secretid': '42'})
        assert found == {'secretid': '42'}
        assert posts == ['POST']
        assert client.stats.recovered == 1

    def test_ambiguous_failure_not_found_is_retried(self, fakes, make_client):
        results = [requests.exceptions.ReadTimeout('t'), fakes.ok({'secretid': '7'}, status=201)]
        lookups = []
        client, session, _unused = make_client(router(fakes, lambda m, u, k: results.pop(0)))
        out = client.create('/secrets', 'ADD_SECRET', {'secretname': 'db'}, find_existing=lambda: lookups.append(1))
        assert out == {'secretid': '7'}
        assert lookups == [1]

    def test_conflict_after_ambiguous_attempt_is_resolved_by_lookup(self, fakes, make_client):
        results = [requests.exceptions.ReadTimeout('t'), fakes.err(409, 7005, 'Duplicate Entry')]
        answers = [None, {'secretid': '9'}]
        client, _unused, _unused = make_client(router(fakes, lambda m, u, k: results.pop(0)))
        assert client.create('/secrets', 'ADD_SECRET', {'secretname': 'db'}, find_existing=lambda: answers.pop(0)) == {'secretid': '9'}

    def test_plain_conflict_raises(self, fakes, make_client):
        client, _unused, _unused = make_client(router(fakes, seq(fakes.err(409, 7005, 'Duplicate Entry'))))
        with pytest.raises(Conflict):
            client.create('/secrets', 'ADD_SECRET', {'secretname': 'db'}, find_existing=lambda: {'never': 'asked'})

    def test_rate_limited_create_is_simply_repeated(self, fakes, make_client):
        results = [fakes.err(429, 7007, 'Rate Limit Exceeded', headers={'X-RateLimit-Reset': '1700000002'}),
                   fakes.ok({'secretid': '1'}, status=201)]
        client, _unused, clock = make_client(router(fakes, lambda m, u, k: results.pop(0)))

        def never():
            raise AssertionError('a 429 is not ambiguous')
        assert client.create('/secrets', 'ADD_SECRET', {'secretname': 'db'}, find_existing=never) == {'secretid': '1'}


def test_delete_404_after_ambiguous_attempt_is_success(fakes, make_client):
    results = [fakes.err(503), fakes.err(404, 7004, 'Resource Not Found')]
    client, _unused, _unused = make_client(router(fakes, lambda m, u, k: results.pop(0)))
    assert client.request('DELETE', '/secrets/1') == {}


def test_delete_404_first_time_is_not_found(fakes, make_client):
    client, _unused, _unused = make_client(router(fakes, seq(fakes.err(404, 7004, 'Resource Not Found'))))
    with pytest.raises(NotFound):
        client.request('DELETE', '/secrets/1')


class TestAuth:

    def test_401_refreshes_once_and_retries(self, fakes, make_client):
        def api(method, url, kwargs):
            if kwargs['headers']['Authorization'].endswith('tok-1'):
                return fakes.err(401, 7002, 'Authentication Failed')
            return fakes.ok({'ok': True})
        handler = router(fakes, api)
        client, session, _unused = make_client(handler)
        assert client.request('GET', '/users/current') == {'ok': True}
        assert handler.state['minted'] == 2
        assert client.stats.refreshes == 1

    def test_second_401_raises(self, fakes, make_client):
        handler = router(fakes, seq(fakes.err(401, 7002, 'Authentication Failed')))
        client, session, _unused = make_client(handler)
        with pytest.raises(AuthError) as info:
            client.request('GET', '/users/current')
        assert handler.state['minted'] == 2
        assert len(session.api_calls()) == 2
        assert 'refresh_token' in str(info.value)

    def test_static_token_401_says_what_to_do(self, fakes, make_client):
        client, session, _unused = make_client(router(fakes, seq(fakes.err(401, 7002, 'Authentication Failed'))), access_token='static')
        with pytest.raises(AuthError) as info:
            client.request('GET', '/users/current')
        assert 'client_id, client_secret and refresh_token' in str(info.value)
        assert 'static' not in str(info.value)

    def test_token_mint_limit_message(self, fakes, make_client):
        reply = fakes.FakeResponse(400, {'error': 'Access Denied', 'status': 'failure', 'error_description':
                                         'You have made too many requests continuously. Please try again after some time.'})
        client, _unused, _unused = make_client(router(fakes, seq(fakes.ok()), tokens=lambda n, k: reply))
        with pytest.raises(TokenMintLimit) as info:
            client.request('GET', '/users/current')
        text = str(info.value)
        assert '10 access tokens' in text and 'token_cache' in text and 'wait' in text
        assert 'client-secret-value' not in text and 'refresh-token-value' not in text

    @pytest.mark.parametrize('status', [200, 400])
    def test_token_error_any_status(self, fakes, make_client, status):
        reply = fakes.FakeResponse(status, {'error': 'invalid_client'})
        client, _unused, _unused = make_client(router(fakes, seq(fakes.ok()), tokens=lambda n, k: reply))
        with pytest.raises(AuthError) as info:
            client.request('GET', '/users/current')
        assert 'invalid_client' in str(info.value) and 'client_secret' in str(info.value)

    def test_token_endpoint_5xx_retried(self, fakes, make_client):
        replies = [fakes.FakeResponse(503, None), fakes.token_reply('tok-x')]
        client, _unused, _unused = make_client(router(fakes, seq(fakes.ok({'a': 1})), tokens=lambda n, k: replies.pop(0)))
        assert client.request('GET', '/users/current') == {'a': 1}


class TestRateLimit:

    def test_429_waits_for_reset_and_retries(self, fakes, make_client):
        results = [fakes.err(429, 7007, 'Rate Limit Exceeded', headers={'X-RateLimit-Reset': '1700000010', 'X-RateLimit-Remaining': '0'}),
                   fakes.ok({'a': 1})]
        client, session, clock = make_client(router(fakes, lambda m, u, k: results.pop(0)))
        assert client.request('GET', '/secrets') == {'a': 1}
        assert clock.sleeps and 10 <= clock.sleeps[0] <= 11
        assert client.stats.rate_limited == 1 and client.stats.retries == 0

    def test_429_beyond_bound_raises(self, fakes, make_client):
        # A reset an hour away (the daily limit) is not waited for.
        reply = fakes.err(429, 7007, 'Rate Limit Exceeded', headers={'X-RateLimit-Reset': '1700003600'})
        client, _unused, _unused = make_client(router(fakes, seq(reply)))
        with pytest.raises(RateLimited) as info:
            client.request('GET', '/secrets')
        assert 'limit' in str(info.value)

    def test_429_total_wait_bounded(self, fakes, make_client):
        client, session, clock = make_client(router(fakes, seq(fakes.err(429, 7007, 'x', headers={'Retry-After': '60'}))),
                                             client_kwargs={'max_total_wait': 150})
        with pytest.raises(RateLimited):
            client.request('GET', '/secrets')
        assert len(session.api_calls()) == 3 and sum(clock.sleeps) <= 150

    def test_429_without_headers_is_bounded_by_count(self, fakes, make_client):
        client, session, _unused = make_client(router(fakes, seq(fakes.err(429, 7007, 'x'))))
        with pytest.raises(RateLimited):
            client.request('GET', '/secrets')
        assert len(session.api_calls()) == 11

    def test_pacing_when_remaining_low(self, fakes, make_client):
        state = {'remaining': 5}

        def api(method, url, kwargs):
            state['remaining'] -= 1
            return fakes.ok({}, headers={'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': str(state['remaining']),
                                         'X-RateLimit-Reset': '1700000030'})
        client, session, clock = make_client(router(fakes, api))
        client.request('GET', '/a')  # remaining 4 → below low water (10)
        assert clock.sleeps == []
        client.request('GET', '/a')
        assert client.stats.paced == 1
        assert 5.0 < clock.sleeps[0] < 7.0  # 30 s left spread over 4 remaining calls

    def test_pacing_waits_for_window_when_exhausted(self, fakes, make_client):
        client, session, clock = make_client(router(fakes, seq(fakes.ok({}, headers={
            'X-RateLimit-Limit': '50', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1700000020'}))))
        client.request('GET', '/a')
        client.request('GET', '/a')
        assert clock.sleeps and clock.sleeps[0] >= 20


def test_list_all_follows_pages(fakes, make_client):
    def api(method, url, kwargs):
        page = kwargs['params']['page']
        assert kwargs['params']['per_page'] == 1000
        items = [{'id': i} for i in range((page - 1) * 1000, min(page * 1000, 2500))]
        return fakes.ok({'secrets': items, 'page': page, 'per_page': 1000, 'total': 2500})
    client, session, _unused = make_client(router(fakes, api))
    items = client.list_all('/secrets', 'secrets', params={'chamberid': '5'})
    assert len(items) == 2500 and items[-1] == {'id': 2499}
    assert len(session.api_calls()) == 3
    assert session.api_calls()[0][2]['params']['chamberid'] == '5'


def test_secrets_export_is_one_unpaginated_call(fakes, make_client):
    """The contract's export is one reply: only format and include_passwords are sent."""
    from ansible_collections.zoho.vault.plugins.module_utils._api import Vault

    def api(method, url, kwargs):
        assert kwargs['params'] == {'format': 'json', 'include_passwords': 'false'}
        return fakes.ok({'secrets': [{'secretid': str(i)} for i in range(1500)], 'exportedtime': 't1'})
    client, session, _unused = make_client(router(fakes, api))
    export = Vault(client).export.secrets()
    assert len(export['secrets']) == 1500 and export['exportedtime'] == 't1'
    assert len(session.api_calls()) == 1


def test_retry_warnings_follow_retry_action(fakes, make_client):
    warnings = []
    client, _unused, _unused = make_client(router(fakes, seq(fakes.err(503), fakes.ok())), client_kwargs={'warn': warnings.append})
    client.request('GET', '/x')
    assert len(warnings) == 1 and 'retry 1 of 3' in warnings[0] and '\n' not in warnings[0]
    warnings[:] = []
    client, _unused, _unused = make_client(router(fakes, seq(fakes.err(503), fakes.ok())), client_kwargs={'warn': warnings.append},
                                           retry_action='ignore')
    client.request('GET', '/x')
    assert warnings == []


def test_connect_failed_classification():
    from urllib3.exceptions import MaxRetryError, NewConnectionError, ProtocolError
    refused = requests.exceptions.ConnectionError(MaxRetryError(None, '/x', NewConnectionError(None, 'refused')))
    reset = requests.exceptions.ConnectionError(ProtocolError('Connection aborted.', ConnectionResetError(104, 'reset')))
    assert _transport.connect_failed(refused) is True
    assert _transport.connect_failed(reset) is False


def test_session_tls_and_proxy_settings(fakes, make_client, tmp_path):
    bundle = tmp_path / 'ca.pem'
    bundle.write_text('not really a bundle')
    client, session, _unused = make_client(router(fakes, seq(fakes.ok())), ca_path=str(bundle), proxy='http://proxy.example:3128')
    assert session.verify == str(bundle)
    assert session.proxies == {'http': 'http://proxy.example:3128', 'https': 'http://proxy.example:3128'}
    client, session, _unused = make_client(router(fakes, seq(fakes.ok())), validate_certs=False)
    assert session.verify is False and session.proxies == {}


def test_secret_values_cover_credentials_and_tokens(fakes, make_client):
    client, _unused, _unused = make_client(router(fakes, seq(fakes.ok({'password': 'from-server'}))))
    client.request('GET', '/secrets/1/password')
    client.add_secret_values('from-server')
    values = client.secret_values()
    for expected in ('client-secret-value', '1000.refresh-token-value', 'tok-1', 'from-server'):
        assert expected in values
