# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A tiny local HTTP server for the tests that need real sockets (redirects, trickled or oversized replies).

The emulator speaks the contract; this server speaks whatever a test scripts, including what no
well-behaved server would send.
"""


import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class ScriptedServer:
    """Routes ``(method, path)`` to ``reply(handler)``; records every request (method, path, headers, body)."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = 'HTTP/1.1'

            def log_message(self, *args):
                pass

            def _serve(self):
                length = int(self.headers.get('Content-Length') or 0)
                body = self.rfile.read(length) if length else b''
                path = self.path.split('?', 1)[0]
                server.requests.append((self.command, path, dict(self.headers), body))
                reply = server.routes.get((self.command, path))
                if reply is None:
                    send(self, 404, {'operation': {'result': {'status': 'error', 'code': 7004, 'message': 'no route'}}})
                    return
                try:
                    reply(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST = do_PUT = do_DELETE = _serve

        self.httpd = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return 'http://127.0.0.1:%d' % self.httpd.server_address[1]

    def route(self, method, path, reply):
        self.routes[(method, path)] = reply

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def send(handler, status, body=None, headers=None, raw=None):
    """Write one complete reply: ``body`` as JSON, or ``raw`` bytes as they are."""
    data = raw if raw is not None else json.dumps(body).encode('utf-8')
    handler.send_response(status)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    if raw is None:
        handler.send_header('Content-Type', 'application/json')
    handler.send_header('Content-Length', str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def envelope(details, op='OP'):
    return {'operation': {'name': op, 'result': {'status': 'success'}, 'details': details}}


@pytest.fixture
def http_server():
    server = ScriptedServer()
    server.send = send
    server.envelope = envelope
    yield server
    server.close()
