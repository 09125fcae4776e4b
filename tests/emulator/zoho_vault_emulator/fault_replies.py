"""Replies that stand in for a real one when a fault fires: server errors, 429s, resets and delays."""

from __future__ import annotations

import os
import socket
import struct
import time
from typing import Any, Iterator

from flask import Response, jsonify, request

from .errors import rate_limited, server_fault
from .ratelimit import Verdict


def sleep_if_slow(fault: Any) -> None:
    time.sleep(fault.delay)


def reset_connection() -> Response:
    """Abort the TCP connection with an RST so the client sees ECONNRESET, as with a dropped load balancer.

    SO_LINGER (1, 0) makes the last close of the connection send RST. The server's file objects keep the socket
    object alive, so its descriptor is closed by dup2-ing a dead placeholder (one end of a closed socketpair)
    over it: the connection goes away now, and werkzeug's remaining reads and writes hit EOF instead of a
    closed or reused descriptor number.
    """
    sock = request.environ.get("werkzeug.socket")
    handler = request.environ.get("emulator.handler")
    if handler is not None:
        handler.close_connection = True
        handler.connection_was_reset = True
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        placeholder, peer = socket.socketpair()
        try:
            os.dup2(placeholder.fileno(), sock.fileno())
        finally:
            placeholder.close()
            peer.close()

    def body() -> Iterator[bytes]:
        # Raising a ConnectionError while werkzeug iterates the body makes it drop the request quietly.
        raise ConnectionResetError("connection reset by fault injection")
        yield b""  # pylint: disable=unreachable

    return Response(body())


def expire_presented_token(store: Any) -> None:
    """The expire_token fault: the access token of the request stops working now."""
    with store.lock:
        entry = store.db["access_tokens"].get(request.headers.get("Authorization", "").partition(" ")[2].strip())
        if entry is not None:
            entry["expires"] = store.now()
            store.save()


def transport_reply(fault: Any) -> Response | None:
    """The reply of a reset, reply or redirect fault, the same in both dialects; None for the other kinds."""
    if fault.kind == "reset":
        return reset_connection()
    if fault.kind == "reply":
        resp = Response(fault.body.encode("utf-8"), status=fault.status, content_type=fault.content_type)
        resp.headers.update(fault.headers)
        return resp
    if fault.kind == "redirect":
        resp = Response(b"", status=fault.status)
        resp.headers["Location"] = fault.location
        return resp
    return None


def fault_reply(fault: Any, verdict: Verdict | None, now: float) -> Response:
    """The reply that replaces a request when a status, rate_limit, reply, redirect or reset fault fires."""
    raw = transport_reply(fault)
    if raw is not None:
        return raw
    err = server_fault(fault.status or 500) if fault.kind == "status" else rate_limited("injected fault")
    resp = jsonify(err.body())
    resp.status_code = err.status
    if verdict is not None:
        resp.headers.update({"X-RateLimit-Limit": str(verdict.limit), "X-RateLimit-Remaining": str(verdict.remaining),
                             "X-RateLimit-Reset": str(verdict.reset)})
        if fault.kind == "rate_limit":
            resp.headers["X-RateLimit-Remaining"] = "0"
            if fault.retry_after:
                resp.headers["Retry-After"] = str(max(1, verdict.reset - int(now)))
    return resp
