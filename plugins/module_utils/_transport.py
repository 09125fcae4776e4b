# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The only place that knows HTTP: one request out, one whole reply back, or a classified ``Failure``.

Nothing from the server is taken on trust: redirects are refused (following one would resend the
token or the request body to wherever it points), ``proxy``/``ca_path``/``validate_certs`` are
passed with every request so that the environment cannot override them, a reply is read within
one deadline (``timeout`` bounds the whole exchange, not each socket read) and up to
``MAX_REPLY_BYTES``, and a rate-limit header outside the contract is a one-line ``MalformedResponse``.

A connection that fails before anything was sent is retried by urllib3 on the adapter (up to
``retries`` times, paced by the client's ``Backoff``); what else failed is for ``_retry`` to judge.
"""

from __future__ import annotations

import json
import math
import time
import traceback
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, NamedTuple, Optional, Set

from ansible.module_utils.six.moves.urllib.parse import urljoin, urlsplit

try:
    import requests
    from requests import exceptions as rexc
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError:  # pragma: no cover - exercised by the import sanity test
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
    if not TYPE_CHECKING:
        # Stand-ins so that the module imports without requests; nothing reads them unless HAS_REQUESTS.
        # The type checker skips this block and types the names from the imports above.
        requests = None
        rexc = None
        HTTPAdapter = None
        Retry = object

from ansible_collections.zoho.vault.plugins.module_utils._errors import ConfigError, MalformedResponse, TransportError, VaultError
from ansible_collections.zoho.vault.plugins.module_utils._redact import redact_text
from ansible_collections.zoho.vault.plugins.module_utils._version import COLLECTION_NAME, COLLECTION_VERSION

API_HINT = 'Check api_url and data_center (for example https://vault.zoho.com/api/json)'
ACCOUNTS_HINT = 'Check accounts_url and data_center (for example https://accounts.zoho.com)'
NETWORK_HINT = 'Check %s/data_center, the network and proxies'  # % the URL option the request went to
USER_AGENT = 'ansible-collection-%s/%s' % (COLLECTION_NAME, COLLECTION_VERSION)
# Far above any list page (1000 secrets of metadata are a few MiB): a bigger reply is not the
# Zoho Vault API, and reading it whole would only exhaust the memory of the controller.
MAX_REPLY_BYTES = 32 * 1024 * 1024
READ_CHUNK = 64 * 1024
RATE_HEADERS = ('X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset')
NOT_JSON = object()


class Failure(Exception):
    """A failed attempt. ``sent``: the request may have reached the server; ``wait``: seconds a
    429 asks for (``None`` when its headers do not say), counted from ``wait_from``."""

    def __init__(self, error: VaultError, retryable: bool, sent: bool, wait: Optional[float] = None,
                 wait_from: Optional[float] = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.retryable = retryable
        self.sent = sent
        self.wait = wait
        self.wait_from = wait_from


class Reply(NamedTuple):
    status: int
    headers: Mapping[str, str]
    body: Any  # parsed JSON, or NOT_JSON
    rate: Dict[str, float]  # the X-RateLimit-* headers present


def finite(value: Any) -> Optional[float]:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def rate_headers(headers: Mapping[str, str], context: str) -> Dict[str, float]:
    """The ``X-RateLimit-*`` values present; a value that is not a number fails the attempt."""
    values = {}
    for name in RATE_HEADERS:
        value = headers.get(name)
        if value is None:
            continue
        number = finite(value)
        if number is None:
            raise Failure(MalformedResponse('the header %s is not a number (%r)' % (name, str(value)[:40]), context=context),
                          False, True)
        values[name] = number
    return values


class _ConnectRetry(Retry):
    """urllib3's retries, for connections that failed before the request was sent, and only those.

    The pause goes through the client's ``Backoff`` (counted in ``stats.retries``, announced by
    ``retry_action=warn``, injectable sleep) instead of urllib3's own ``time.sleep``.
    """

    def __init__(self, *args: Any, zv_backoff: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zv_backoff = zv_backoff

    def new(self, **kwargs: Any) -> _ConnectRetry:
        retry = super().new(**kwargs)
        retry.zv_backoff = self.zv_backoff
        return retry

    def sleep(self, response: Any = None) -> None:
        last = self.history[-1]
        # The path without its query string: a search term is nobody else's business.
        where = '%s %s: ' % (last.method, str(last.url or '').split('?', 1)[0]) if last.method else ''
        self.zv_backoff.pause(len(self.history), '%scould not connect (%s)' % (where, type(last.error).__name__))


def connect_retry(retries: int, backoff: Any) -> Any:
    """Connect errors only: every other count is zero or off, so urllib3 never repeats a request
    that may have been sent, never follows a redirect, and never waits out a 429 on its own.
    ``read=False`` (not 0) re-raises a read error as itself, so it stays a timeout or a reset."""
    return _ConnectRetry(total=retries, connect=retries, read=False, status=0, other=0, redirect=0,
                         status_forcelist=None, respect_retry_after_header=False, raise_on_status=False,
                         raise_on_redirect=False, zv_backoff=backoff)


def _no_constants(name: str) -> Any:
    raise ValueError('%s is not JSON' % name)


def _socket_of(raw: Any) -> Any:
    """The socket under a streamed urllib3 response, to bound each read by the time left."""
    connection = getattr(raw, 'connection', None) or getattr(raw, '_connection', None)
    sock = getattr(connection, 'sock', None)
    return sock if hasattr(sock, 'settimeout') else None


def _origin(url: str) -> str:
    """scheme://host[:port] of a URL: never its user info, path or query (they may carry a token)."""
    parts = urlsplit(url)
    host = parts.hostname or '?'
    if ':' in host:
        host = '[%s]' % host
    try:
        port = parts.port
    except ValueError:
        port = None
    return '%s://%s%s' % (parts.scheme or '?', host, ':%d' % port if port else '')


class Transport:
    """A requests session set up from ``ConnectionOptions``; ``exchange`` sends and reads one request.

    :param secrets: the client's set of values to redact (shared, it grows as the client learns them)
    :param backoff: the client's ``Backoff``, for the adapter's connect retries
    """

    def __init__(self, options: Any, session: Any, secrets: Set[str], backoff: Any) -> None:
        if session is None:
            if not HAS_REQUESTS:
                raise ConfigError('the Python library "requests" is required by zoho.vault; install it on the host that runs this task')
            session = requests.Session()
        self.session = session
        self.timeout = options.timeout
        self.secrets = secrets
        session.headers.update({'User-Agent': USER_AGENT, 'Accept': 'application/json'})
        session.verify = options.verify
        # Also passed with every request: requests lets HTTP(S)_PROXY and REQUESTS_CA_BUNDLE override
        # session settings, and the options are documented to win over the environment.
        self.fixed: Dict[str, Any] = {'verify': options.verify, 'allow_redirects': False, 'stream': True}
        if options.proxy:
            session.proxies.update({'http': options.proxy, 'https': options.proxy})
            self.fixed['proxies'] = {'http': options.proxy, 'https': options.proxy}
        self.retries_connects = self._retry_connects(session, connect_retry(options.retries, backoff))

    @staticmethod
    def _retry_connects(session: Any, retry: Any) -> bool:
        """Give requests' own adapters the connect retries; True when every scheme has them.

        An adapter someone else mounted (or a session that is no ``requests.Session``) is left as it
        is, and then the call loop repeats the connect failures itself.
        """
        if not HAS_REQUESTS or not isinstance(session, requests.Session):
            return False
        adapters = [session.get_adapter(prefix) for prefix in ('https://', 'http://')]
        for adapter in adapters:
            if type(adapter) is HTTPAdapter:  # pylint: disable=unidiomatic-typecheck
                adapter.max_retries = retry
        return all(type(adapter) is HTTPAdapter for adapter in adapters)  # pylint: disable=unidiomatic-typecheck

    def close(self) -> None:
        try:
            self.session.close()
        except Exception:  # pragma: no cover
            pass

    def exchange(self, method: str, url: str, context: str, url_option: str, **kwargs: Any) -> Reply:
        """Send one request and read its whole reply within ``timeout``.

        Raises ``Failure`` for a transport failure, a redirect, an oversized reply or malformed
        rate-limit headers.
        """
        deadline = time.monotonic() + self.timeout
        kwargs.update(self.fixed)
        try:
            resp = self.session.request(method, url, timeout=self.timeout, **kwargs)
        except Exception as exc:
            raise self.failure_of(exc, context, url_option) from None
        try:
            if 300 <= resp.status_code < 400:
                raise Failure(self._redirected(resp, url, context, url_option), False, True)
            rate = rate_headers(resp.headers, context)
            data = self._read_body(resp, deadline, context)
        except BaseException:
            resp.close()
            raise
        try:
            body = json.loads(data.decode('utf-8'), parse_constant=_no_constants)
        except ValueError:  # also UnicodeDecodeError
            body = NOT_JSON
        return Reply(resp.status_code, resp.headers, body, rate)

    def _read_body(self, resp: Any, deadline: float, context: str) -> bytes:
        """The reply body, read one socket read at a time so that the deadline bounds the whole of it."""
        length = finite(resp.headers.get('Content-Length'))
        if length is not None and length > MAX_REPLY_BYTES:
            raise Failure(self._too_large(resp.status_code, context), False, True)
        raw = resp.raw
        read = getattr(raw, 'read1', None) or raw.read
        sock = _socket_of(raw)
        chunks: List[bytes] = []
        size = 0
        while True:
            chunk = self._read_chunk(read, sock, deadline, resp.status_code, context)
            if not chunk:
                return b''.join(chunks)
            size += len(chunk)
            if size > MAX_REPLY_BYTES:
                raise Failure(self._too_large(resp.status_code, context), False, True)
            chunks.append(chunk)

    def _read_chunk(self, read: Any, sock: Any, deadline: float, status: int, context: str) -> bytes:
        left = deadline - time.monotonic()
        if left <= 0:
            raise Failure(self._timed_out(context), True, True)
        try:
            if sock is not None:
                sock.settimeout(left)
            return read(READ_CHUNK, decode_content=True)
        except Exception as exc:
            if time.monotonic() >= deadline or 'timeout' in type(exc).__name__.lower():
                raise Failure(self._timed_out(context), True, True) from None
            raise Failure(TransportError('the reply was cut short (%s)' % type(exc).__name__, status=status,
                                         context=context, hint='Check the network and proxies, or raise retries'), True, True) from None

    def _timed_out(self, context: str) -> VaultError:
        return TransportError('no complete reply within %ss' % self.timeout, context=context, hint='Raise timeout or retries')

    @staticmethod
    def _too_large(status: int, context: str) -> VaultError:
        return MalformedResponse('the reply is larger than %d bytes (%d MiB), more than any Zoho Vault reply'
                                 % (MAX_REPLY_BYTES, MAX_REPLY_BYTES // (1024 * 1024)), status=status, context=context)

    @staticmethod
    def _redirected(resp: Any, url: str, context: str, url_option: str) -> VaultError:
        location = resp.headers.get('Location')
        where = 'to %s' % _origin(urljoin(url, location)) if location else 'without a Location'
        hint = API_HINT if url_option == 'api_url' else ACCOUNTS_HINT
        return ConfigError('the server redirects %s; zoho.vault never follows a redirect (it would resend the token '
                           'or the request body there)' % where, status=resp.status_code, context=context,
                           hint=hint + '; it must be the final address, not one that redirects')

    def failure_of(self, exc: Exception, context: str, url_option: str = 'api_url') -> Failure:
        """Classify a requests exception: may the request have been sent, is it worth repeating?"""
        name = type(exc).__name__
        if rexc is None:  # pragma: no cover - no requests, no request
            return Failure(TransportError('request failed (%s)' % name, context=context), False, True)
        if isinstance(exc, rexc.SSLError):
            return Failure(TransportError('TLS error (%s)' % name, context=context,
                                          hint='Check ca_path or validate_certs; certificate verification failed or TLS could not be set up'),
                           False, False)
        if isinstance(exc, rexc.ProxyError):
            return Failure(TransportError('proxy error (%s)' % name, context=context,
                                          hint='Check the proxy option and the HTTP(S)_PROXY/NO_PROXY environment'), True, False)
        if isinstance(exc, rexc.ConnectTimeout):
            return Failure(TransportError('connection timed out', context=context, hint=NETWORK_HINT % url_option), not self.retries_connects, False)
        if isinstance(exc, rexc.Timeout):
            return Failure(TransportError('no reply within %ss' % self.timeout, context=context, hint='Raise timeout or retries'), True, True)
        if isinstance(exc, rexc.ConnectionError):
            return self._connection_failure(exc, context, url_option)
        if isinstance(exc, (rexc.InvalidURL, rexc.MissingSchema, rexc.InvalidSchema)):
            return Failure(ConfigError('invalid URL (%s)' % name, context=context), False, False)
        if isinstance(exc, rexc.RequestException):
            return Failure(TransportError('request failed (%s)' % name, context=context), True, True)
        return Failure(TransportError('request failed (%s: %s)' % (name, redact_text(str(exc), self.secrets)), context=context),
                       False, True)

    def _connection_failure(self, exc: Exception, context: str, url_option: str) -> Failure:
        if connect_failed(exc):
            # Not sent; the adapter has already spent its retries on it when it has one.
            return Failure(TransportError('could not connect', context=context, hint=NETWORK_HINT % url_option), not self.retries_connects, False)
        return Failure(TransportError('connection reset or closed', context=context, hint=NETWORK_HINT % url_option), True, True)


def connect_failed(exc: BaseException) -> bool:
    """True when a ConnectionError happened while connecting (the request was not sent)."""
    seen = set()
    stack: List[Any] = [exc]
    while stack:
        item = stack.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        name = type(item).__name__
        if name in ('NewConnectionError', 'ConnectTimeoutError', 'NameResolutionError', 'ConnectionRefusedError', 'gaierror'):
            return True
        if name in ('ProtocolError', 'RemoteDisconnected', 'ConnectionResetError', 'BrokenPipeError', 'IncompleteRead'):
            return False
        for attr in ('reason', '__cause__', '__context__'):
            stack.append(getattr(item, attr, None))
        stack.extend(a for a in getattr(item, 'args', ()) if isinstance(a, BaseException))
    return False
