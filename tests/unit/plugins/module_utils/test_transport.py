# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Connect retries on the adapter, through real sockets: only what was never sent, paced by the client."""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._client import VaultClient
from ansible_collections.zoho.vault.plugins.module_utils._errors import RateLimited, ServerError, TransportError
from ansible_collections.zoho.vault.plugins.module_utils._options import ConnectionOptions

OK = {'operation': {'name': 'OP', 'result': {'status': 'success'}, 'details': {'x': 1}}}
LIMITED = {'operation': {'result': {'status': 'error', 'code': 7007, 'message': 'Rate Limit Exceeded'}}}


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class Server:
    """Replies ``replies`` in turn (the last one again and again) on ``port``; counts requests."""

    def __init__(self, port, replies):
        self.requests = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = 'HTTP/1.1'

            def log_message(self, *args):
                pass

            def _serve(self):
                self.rfile.read(int(self.headers.get('Content-Length') or 0))
                server.requests += 1
                status, headers, body = replies.pop(0) if len(replies) > 1 else replies[0]
                data = json.dumps(body).encode('utf-8')
                self.send_response(status)
                for name, value in dict(headers, **{'Content-Type': 'application/json'}).items():
                    self.send_header(name, value)
                self.send_header('Content-Length', str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _serve

        self.httpd = ThreadingHTTPServer(('127.0.0.1', port), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def servers():
    started = []
    yield started
    for server in started:
        server.close()


def client_for(port, sleep, retries=2, warn=None):
    options = ConnectionOptions.from_values(dict(access_token='static-token', api_url='http://127.0.0.1:%d/api/json' % port,
                                                 accounts_url='http://127.0.0.1:%d' % port, retries=retries, timeout=2))
    return VaultClient(options, sleep=sleep, rand=lambda: 0.5, warn=warn)


def test_a_refused_connection_is_retried_on_the_adapter_within_retries():
    sleeps, warnings = [], []
    client = client_for(free_port(), sleeps.append, retries=2, warn=warnings.append)
    with pytest.raises(TransportError) as info:
        client.request('GET', '/secrets', params={'searchtext': 'db-prod'})
    assert len(warnings) == 2 and 'retry 2 of 2' in warnings[1]
    assert 'GET /api/json/secrets: could not connect' in warnings[0] and 'db-prod' not in warnings[0]
    assert 'could not connect' in str(info.value)
    # retries=2: two pauses in all, not two per attempt of the loop as well (that would be 2 + 2 * 3).
    assert len(sleeps) == 2 and client.stats.retries == 2 and client.stats.wait_seconds == sum(sleeps)
    assert client.stats.calls == 1


def test_a_post_that_never_left_is_sent_once_the_server_listens(servers):
    port = free_port()

    def sleep(seconds):
        if not servers:
            servers.append(Server(port, [(200, {}, OK)]))
    client = client_for(port, sleep)
    assert client.request('POST', '/secrets/1/emergency', operation='GRANT_EMERGENCY_ACCESS', data={}) == {'x': 1}
    assert servers[0].requests == 1 and client.stats.retries == 1


def test_the_adapter_never_repeats_what_reached_the_server(servers):
    # A 503 and a 429 with Retry-After on a GET are the loop's to judge (urllib3 would repeat them itself).
    port = free_port()
    servers.append(Server(port, [(503, {}, {}), (429, {'Retry-After': '1'}, LIMITED), (200, {}, OK)]))
    sleeps = []
    client = client_for(port, sleeps.append)
    assert client.request('GET', '/secrets') == {'x': 1}
    assert servers[0].requests == 3 and client.stats.retries == 1 and client.stats.rate_limited == 1
    assert client.stats.calls == 3 and len(sleeps) == 2


def test_a_429_that_asks_too_long_is_not_waited_for_by_the_adapter(servers):
    port = free_port()
    servers.append(Server(port, [(429, {'Retry-After': '3600'}, LIMITED)]))
    client = client_for(port, lambda seconds: pytest.fail('slept %s' % seconds))
    with pytest.raises(RateLimited):
        client.request('GET', '/secrets')
    assert servers[0].requests == 1


def test_a_5xx_post_is_not_repeated_by_the_adapter(servers):
    port = free_port()
    servers.append(Server(port, [(500, {}, {})]))
    client = client_for(port, lambda seconds: None)
    with pytest.raises(ServerError):
        client.request('POST', '/secrets/1/emergency', operation='GRANT_EMERGENCY_ACCESS', data={})
    assert servers[0].requests == 1


def test_an_unreachable_token_endpoint_names_accounts_url_not_api_url():
    options = ConnectionOptions.from_values(dict(client_id='id', client_secret='client-secret', refresh_token='refresh-token',
                                                 api_url='http://127.0.0.1:%d/api/json' % free_port(), token_cache=False,
                                                 accounts_url='http://127.0.0.1:%d' % free_port(), retries=0, timeout=2))
    client = VaultClient(options, sleep=lambda _: None, rand=lambda: 0.5)
    with pytest.raises(TransportError) as info:
        client.request('GET', '/secrets')
    message = str(info.value)
    assert 'could not connect' in message and 'Check accounts_url/data_center' in message and 'api_url' not in message
    assert 'client-secret' not in message and 'refresh-token' not in message
