"""werkzeug's threaded server with a request handler that lets a fault reset the connection cleanly."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server


class EmulatorRequestHandler(WSGIRequestHandler):
    """Exposes itself in the WSGI environ so a "reset" fault can end the keep-alive loop after killing the socket."""

    connection_was_reset = False

    def make_environ(self) -> Any:
        environ = super().make_environ()
        environ["emulator.handler"] = self
        return environ

    def handle(self) -> None:
        try:
            super().handle()
        except OSError:
            # After a deliberate reset the socket is gone; anything else is a real error worth seeing.
            if not self.connection_was_reset:
                raise

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        # One line per request on stderr is noise for benchmarks of thousands of calls; errors are still logged.
        return None


def build_server(app: Flask, host: str, port: int) -> BaseWSGIServer:
    return make_server(host, port, app, threaded=True, request_handler=EmulatorRequestHandler)
