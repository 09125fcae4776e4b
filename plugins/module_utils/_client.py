# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The only place that knows HTTP.

``VaultClient`` speaks the Zoho Vault envelope (``{"operation": {"name", "result", "details"}}``),
maps error envelopes to typed exceptions, retries transient failures with exponential backoff and
jitter, paces itself on ``X-RateLimit-*`` headers, waits out 429s within a bound (and fails at once
when the quota resets later than that), refreshes the access token once on a 401, and never repeats
a create blindly after an ambiguous failure.

Nothing from the server is taken on trust: redirects are refused (following one would resend the
token or the request body to wherever it points), ``proxy``/``ca_path``/``validate_certs`` are
passed with every request so that the environment cannot override them, a reply is read within
one deadline (``timeout`` bounds the whole exchange, not each socket read) and up to
``MAX_REPLY_BYTES``, and a body or header outside the contract is a one-line ``MalformedResponse``.
"""

from __future__ import (absolute_import, division, print_function)
from __future__ import annotations
__metaclass__ = type

import json
import math
import random
import time
import traceback
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Tuple

from ansible.module_utils.six.moves.urllib.parse import urljoin, urlsplit

try:
    import requests
    from requests import exceptions as rexc
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError:  # pragma: no cover - exercised by the import sanity test
    requests = None
    rexc = None
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

from ansible_collections.zoho.vault.plugins.module_utils._auth import RefreshTokenProvider, StaticTokenProvider, TokenProvider
from ansible_collections.zoho.vault.plugins.module_utils._errors import (
    AuthError, Conflict, ConfigError, MalformedResponse, NotFound, RateLimited, ServerError, TokenMintLimit,
    TransportError, VaultError, json_kind, map_error,
)
from ansible_collections.zoho.vault.plugins.module_utils._redact import SENSITIVE_KEYS, collect_secrets, redact_text
from ansible_collections.zoho.vault.plugins.module_utils._version import COLLECTION_NAME, COLLECTION_VERSION

API_HINT = 'Check api_url and data_center (for example https://vault.zoho.com/api/json)'
ACCOUNTS_HINT = 'Check accounts_url and data_center (for example https://accounts.zoho.com)'
USER_AGENT = 'ansible-collection-%s/%s' % (COLLECTION_NAME, COLLECTION_VERSION)
TOKEN_PATH = '/oauth/v2/token'
PER_PAGE = 1000
MAX_PAGES = 10000
MAX_RATE_WAITS = 10  # 429s waited out per call (besides the time bounds)
# Far above any list page (1000 secrets of metadata are a few MiB): a bigger reply is not the
# Zoho Vault API, and reading it whole would only exhaust the memory of the controller.
MAX_REPLY_BYTES = 32 * 1024 * 1024
READ_CHUNK = 64 * 1024
RATE_HEADERS = ('X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset')
_NOT_JSON = object()

# Call modes: what may be repeated after a failure that may have been applied server-side.
SAFE = 'safe'          # GET/PUT and idempotent POSTs: repeat freely
DELETE = 'delete'      # repeat; a 404 after an ambiguous attempt means it was deleted
ONCE = 'once'          # non-idempotent without a lookup: never repeat after an ambiguous failure
CREATE = 'create'      # non-idempotent with a lookup: find_existing() before repeating


class ClientStats(object):
    """Counters of one client: calls (HTTP requests sent to the API), retries, waits, ..."""

    FIELDS = ('calls', 'token_calls', 'retries', 'waits', 'wait_seconds', 'rate_limited', 'paced', 'refreshes', 'recovered')

    def __init__(self) -> None:
        for name in self.FIELDS:
            setattr(self, name, 0)

    def as_dict(self) -> Dict[str, Any]:
        return dict((name, getattr(self, name)) for name in self.FIELDS)

    def __repr__(self) -> str:
        return 'ClientStats(%s)' % ', '.join('%s=%s' % kv for kv in self.as_dict().items())


class _Failure(Exception):
    """Internal: a failed attempt. ``sent`` - the request may have reached the server."""

    def __init__(self, error: VaultError, retryable: bool, sent: bool, wait: Optional[float] = None) -> None:
        super(_Failure, self).__init__(str(error))
        self.error = error
        self.retryable = retryable
        self.sent = sent
        self.wait = wait
        self.wait_from = None  # type: Optional[float]


def _norm_params(params: Optional[Mapping[str, Any]]) -> Optional[Dict[str, Any]]:
    if not params:
        return None
    out = {}
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, bool):
            value = 'true' if value else 'false'
        out[key] = value
    return out or None


def _count(details: Mapping[str, Any], name: str, context: str) -> Optional[int]:
    value = details.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise MalformedResponse('"%s" is %s, not a count' % (name, json_kind(value) if not isinstance(value, int) else 'negative'),
                                context=context)
    return value


def _finite(value: Any) -> Optional[float]:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _retry_after(headers: Mapping[str, str], now: float) -> Optional[float]:
    """Seconds to wait per ``Retry-After`` (seconds or an HTTP date), ``None`` when absent or unusable."""
    value = headers.get('Retry-After')
    if value is None:
        return None
    seconds = _finite(value)
    if seconds is None:
        try:
            seconds = parsedate_to_datetime(str(value)).timestamp() - now
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    return seconds if seconds >= 0 else None


def _utc(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).strftime('%Y-%m-%d %H:%M:%S UTC')


def _duration(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes >= 60:
        return '%dh %02dm' % (minutes // 60, minutes % 60)
    return '%dm %02ds' % (minutes, int(seconds % 60)) if minutes else '%ds' % int(seconds)


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


def _no_constants(name: str) -> Any:
    raise ValueError('%s is not JSON' % name)


def _socket_of(raw: Any) -> Any:
    """The socket under a streamed urllib3 response, to bound each read by the time left."""
    connection = getattr(raw, 'connection', None) or getattr(raw, '_connection', None)
    sock = getattr(connection, 'sock', None)
    return sock if hasattr(sock, 'settimeout') else None


class VaultClient(object):
    """HTTP client of the Zoho Vault API.

    :param options: ``ConnectionOptions``
    :param token_provider: a ``TokenProvider``; built from ``options`` when ``None``
    :param session: a ``requests.Session``-like object (tests pass fakes)
    :param warn: callable(str) for retry warnings (``retry_action=warn``); ``None`` → silent
    :param sleep, clock, rand: injectable time and randomness (tests, simulations)
    :param backoff_base, backoff_cap: exponential backoff in seconds (delay n = min(cap, base*2**(n-1)), jittered)
    :param max_rate_wait: the longest single wait for a rate-limit window; longer → RateLimited
    :param max_total_wait: the bound on all rate-limit waits of one call
    """

    def __init__(self, options: Any, token_provider: Optional[TokenProvider] = None, session: Any = None,
                 warn: Optional[Callable[[str], None]] = None, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.time, rand: Callable[[], float] = random.random,
                 backoff_base: float = 0.5, backoff_cap: float = 20.0, max_rate_wait: float = 75.0,
                 max_total_wait: float = 300.0) -> None:
        self.options = options
        self.api_url = options.api_url.rstrip('/')
        self.accounts_url = options.accounts_url.rstrip('/')
        self.retries = options.retries
        self.timeout = options.timeout
        self.warn = warn if options.retry_action == 'warn' else None
        self.sleep = sleep
        self.clock = clock
        self.rand = rand
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.max_rate_wait = max_rate_wait
        self.max_total_wait = max_total_wait
        self.stats = ClientStats()
        # Last seen X-RateLimit-* values (this process's view of the shared budget).
        self.rate_limit = None  # type: Optional[float]
        self.rate_remaining = None  # type: Optional[float]
        self.rate_reset = None  # type: Optional[float]
        self._secrets = set(options.secret_values())
        if session is None:
            if not HAS_REQUESTS:
                raise ConfigError('the Python library "requests" is required by zoho.vault; install it on the host that runs this task')
            session = requests.Session()
        self.session = session
        self.session.headers.update({'User-Agent': USER_AGENT, 'Accept': 'application/json'})
        self.session.verify = options.verify
        # Also passed with every request: requests lets HTTP(S)_PROXY and REQUESTS_CA_BUNDLE override
        # session settings, and the options are documented to win over the environment.
        self._transport = {'verify': options.verify, 'allow_redirects': False, 'stream': True}  # type: Dict[str, Any]
        if options.proxy:
            self.session.proxies.update({'http': options.proxy, 'https': options.proxy})
            self._transport['proxies'] = {'http': options.proxy, 'https': options.proxy}
        if token_provider is None:
            if options.access_token:
                token_provider = StaticTokenProvider(options.access_token)
            else:
                token_provider = RefreshTokenProvider.from_options(options, mint=self.mint_token)
        elif getattr(token_provider, 'mint', False) is None:
            token_provider.mint = self.mint_token
        self.token_provider = token_provider

    # ------------------------------------------------------------------ public API

    def request(self, method: str, path: str, *, params: Optional[Mapping[str, Any]] = None, operation: Optional[str] = None,
                data: Optional[Mapping[str, Any]] = None, idempotent: Optional[bool] = None) -> Any:
        """One API call; returns ``operation.details`` (``{}`` when absent).

        ``idempotent`` (default: True for GET/PUT/DELETE, False for POST) decides whether a call
        that may have reached the server is repeated after a failure.
        """
        method = method.upper()
        if method == 'DELETE' and idempotent is not False:
            mode = DELETE
        elif idempotent or (idempotent is None and method in ('GET', 'PUT', 'HEAD')):
            mode = SAFE
        else:
            mode = ONCE
        return self._call(method, path, params, operation, data, mode)

    def create(self, path: str, operation: str, data: Mapping[str, Any], *, find_existing: Callable[[], Any]) -> Any:
        """POST a create. After an ambiguous failure (timeout, reset, 5xx after sending, or a 409 on a
        repeat) ``find_existing()`` is asked first; what it returns (not ``None``) is the result.
        The object is never created twice by this client.
        """
        return self._call('POST', path, None, operation, data, CREATE, find_existing=find_existing)

    def list_all(self, path: str, key: str, params: Optional[Mapping[str, Any]] = None) -> List[Any]:
        """GET every page (``page``/``per_page``/``total``) and return the items under ``details[key]``."""
        items = []  # type: List[Any]
        for details in self.pages(path, key, params):
            items.extend(details[key])
        return items

    def pages(self, path: str, key: str, params: Optional[Mapping[str, Any]] = None) -> Iterator[Dict[str, Any]]:
        """Yield the ``details`` of each page of a list, validated, until ``total`` items were seen.

        Each page is an object whose ``key`` is a list of objects, with integer ``total`` and
        ``per_page`` (a page without ``total`` is taken as the last one).
        """
        context = 'GET %s' % path
        seen = 0
        page = 1
        base = dict(params or {})
        while page <= MAX_PAGES:
            query = dict(base, page=page, per_page=PER_PAGE)
            details = self.request('GET', path, params=query)
            if not isinstance(details, dict):
                raise MalformedResponse('expected an object with a "%s" list in operation.details, not %s' % (key, json_kind(details)),
                                        context=context)
            chunk = details.get(key)
            if not isinstance(chunk, list):
                raise MalformedResponse('"%s" in operation.details is not a list (%s)' % (key, json_kind(chunk)), context=context)
            for number, item in enumerate(chunk, seen + 1):
                if not isinstance(item, dict):
                    raise MalformedResponse('item %d of "%s" is %s, not an object' % (number, key, json_kind(item)), context=context)
            total = _count(details, 'total', context)
            per_page = _count(details, 'per_page', context) or PER_PAGE
            yield details
            seen += len(chunk)
            if total is None or not chunk or seen >= total or len(chunk) < per_page:
                return
            page += 1

    def add_secret_values(self, *values: Any) -> None:
        """Values to mask in every error message of this client (e.g. passwords being written)."""
        for value in values:
            if value:
                self._secrets.add(str(value))

    def secret_values(self) -> List[str]:
        """Every secret value this client knows (credentials, tokens, passwords sent or received), for redaction."""
        values = set(self._secrets)
        values.update(v for v in self.token_provider.secret_values() if v)
        return sorted(values)

    def close(self) -> None:
        try:
            self.session.close()
        except Exception:  # pragma: no cover
            pass

    # ------------------------------------------------------------------ token endpoint

    def mint_token(self, client_id: str, client_secret: str, refresh_token: str) -> Dict[str, Any]:
        """POST the refresh-token grant (form body, never the query string); returns the JSON reply."""
        url = self.accounts_url + TOKEN_PATH
        form = {'grant_type': 'refresh_token', 'client_id': client_id, 'client_secret': client_secret,
                'refresh_token': refresh_token}
        self._secrets.update([client_secret, refresh_token])
        context = 'POST %s' % TOKEN_PATH
        attempt = 0
        while True:
            try:
                self.stats.token_calls += 1
                resp, body = self._exchange('POST', url, context, 'accounts_url', data=form,
                                            headers={'Content-Type': 'application/x-www-form-urlencoded'})
            except _Failure as exc:
                failure = exc
                if isinstance(failure.error, TransportError):
                    # Repeating a mint is harmless (at worst one more token is counted).
                    failure.retryable = failure.retryable or failure.sent
            else:
                if isinstance(body, dict) and body.get('error'):
                    raise self._token_error(resp.status_code, body, context)
                if resp.status_code >= 500:
                    failure = _Failure(ServerError('token endpoint failed', status=resp.status_code, context=context), True, True)
                elif not isinstance(body, dict) or not body.get('access_token'):
                    raise MalformedResponse('the token endpoint did not return an access_token', status=resp.status_code,
                                            context=context, hint=ACCOUNTS_HINT)
                else:
                    self._secrets.add(body['access_token'])
                    return body
            if not failure.retryable or attempt >= self.retries:
                raise failure.error
            attempt += 1
            self._backoff(attempt, context, failure.error)

    def _token_error(self, status: int, body: Dict[str, Any], context: str) -> VaultError:
        error = str(body.get('error') or '')
        description = str(body.get('error_description') or '')
        text = redact_text(' '.join([error, description]).strip(), self._secrets)
        if 'too many requests' in (error + ' ' + description).lower():
            return TokenMintLimit('Zoho refused to mint an access token: %s' % text, status=status, context=context)
        hint = None
        if error in ('invalid_client', 'invalid_client_secret'):
            hint = 'Check client_id and client_secret, and that data_center/accounts_url is where the client was registered'
        elif error in ('invalid_code', 'invalid_token', 'invalid_grant'):
            hint = 'The refresh token is invalid or revoked: generate a new one (see the connection guide)'
        return AuthError('the token endpoint refused the refresh token grant: %s' % text, status=status, context=context, hint=hint)

    # ------------------------------------------------------------------ core loop

    def _call(self, method: str, path: str, params: Optional[Mapping[str, Any]], operation: Optional[str],
              data: Optional[Mapping[str, Any]], mode: str, find_existing: Optional[Callable[[], Any]] = None) -> Any:
        context = '%s %s' % (method, path)
        url = self.api_url + path
        body = None
        if operation is not None:
            body = {'operation': {'name': operation}, 'data': dict(data or {})}
            self._secrets.update(collect_secrets(data, SENSITIVE_KEYS))
        query = _norm_params(params)
        attempt = 0            # retries used (backoff-counted)
        ambiguous = False      # an earlier attempt may have been applied
        refreshed = False
        waited = 0.0
        rate_waits = 0
        while True:
            if ambiguous and mode == CREATE:
                found = find_existing()
                if found is not None:
                    self.stats.recovered += 1
                    return found
            self._pace(context)
            token = self.token_provider.token()
            try:
                return self._attempt(method, url, query, body, token, context)
            except _Failure as failure:
                err = failure.error
                if isinstance(err, AuthError) and err.status == 401 and not refreshed and self.token_provider.can_refresh:
                    # Expired or revoked token: refresh once and repeat (a 401 was not applied).
                    refreshed = True
                    self.stats.refreshes += 1
                    self.token_provider.invalidate(token)
                    continue
                if isinstance(err, AuthError) and err.status == 401 and not self.token_provider.can_refresh:
                    err.hint = 'The access_token was rejected (expired or revoked); use client_id, client_secret and refresh_token ' \
                               'so that the collection can refresh it'
                    raise err
                if isinstance(err, RateLimited):
                    self.stats.rate_limited += 1
                    wait = failure.wait
                    if wait is None:
                        wait = self._backoff_delay(max(attempt, 1))
                    elif wait > self.max_rate_wait:
                        raise self._quota_spent(err, failure.wait_from + wait, wait)
                    if wait <= self.max_rate_wait and waited + wait <= self.max_total_wait and rate_waits < MAX_RATE_WAITS:
                        waited += wait
                        rate_waits += 1
                        self._wait(wait, context, 'rate limited (HTTP 429)')
                        continue
                    raise err
                if isinstance(err, NotFound) and mode == DELETE and ambiguous:
                    return {}  # the earlier attempt deleted it
                if isinstance(err, Conflict) and mode == CREATE and ambiguous:
                    found = find_existing()
                    if found is not None:
                        self.stats.recovered += 1
                        return found
                    raise err
                if not failure.retryable:
                    raise err
                if failure.sent and mode == ONCE:
                    err.hint = ('The request may or may not have been applied; check the object before repeating'
                                + ('. ' + err.hint if err.hint else ''))
                    raise err
                if attempt >= self.retries:
                    raise err
                attempt += 1
                ambiguous = ambiguous or failure.sent
                self._backoff(attempt, context, err)

    def _attempt(self, method: str, url: str, query: Optional[Dict[str, Any]], body: Optional[Dict[str, Any]],
                 token: str, context: str) -> Any:
        kwargs = {'params': query, 'headers': {'Authorization': 'Zoho-oauthtoken %s' % token}}  # type: Dict[str, Any]
        if body is not None:
            kwargs['json'] = body
        self.stats.calls += 1
        resp, payload = self._exchange(method, url, context, 'api_url', **kwargs)
        status = resp.status_code
        if payload is _NOT_JSON:
            if status >= 500:
                raise _Failure(ServerError('the server replied with a non-JSON body', status=status, context=context), True, True)
            if status == 429:
                raise self._rate_limited(RateLimited('rate limit exceeded', status=status, context=context), resp.headers)
            if status == 401:
                raise _Failure(AuthError('authentication failed', status=status, context=context), False, False)
            ctype = resp.headers.get('Content-Type') or 'unknown content type'
            raise _Failure(MalformedResponse('the reply is not JSON (%s)' % ctype.split(';')[0], status=status, context=context),
                           False, True)
        operation = payload.get('operation') if isinstance(payload, dict) else None
        result = operation.get('result') if isinstance(operation, dict) else None
        if not isinstance(result, dict):
            if status >= 500:
                raise _Failure(ServerError('server error', status=status, context=context), True, True)
            raise _Failure(MalformedResponse('the reply lacks operation.result', status=status, context=context), False, True)
        if str(result.get('status', '')).lower() == 'success' and status < 400:
            details = operation.get('details')
            return {} if details is None else details
        code = result.get('code')
        try:
            code = int(code) if code is not None else None
        except (TypeError, ValueError):
            code = None
        message = redact_text(str(result.get('message') or ''), self._secrets)
        if status < 400:  # "error" inside a 200: trust the code
            status_for_map = None
        else:
            status_for_map = status
        err = map_error(status_for_map, code, message, context)
        if status_for_map is None:
            err.status = status
        if isinstance(err, RateLimited):
            raise self._rate_limited(err, resp.headers)
        if isinstance(err, ServerError):
            raise _Failure(err, True, True)
        raise _Failure(err, False, True)

    def _exchange(self, method: str, url: str, context: str, url_option: str, **kwargs: Any) -> Tuple[Any, Any]:
        """Send one request and read its whole reply within ``timeout``: (response, parsed JSON or ``_NOT_JSON``).

        Raises ``_Failure`` for a transport failure, a redirect, an oversized reply or malformed
        rate-limit headers.
        """
        deadline = time.monotonic() + self.timeout
        kwargs.update(self._transport)
        try:
            resp = self.session.request(method, url, timeout=self.timeout, **kwargs)
        except Exception as exc:
            raise self._transport_failure(exc, context)
        try:
            if 300 <= resp.status_code < 400:
                raise _Failure(self._redirect_error(resp, url, context, url_option), False, True)
            self._note_rate_headers(resp.headers, context)
            data = self._read_body(resp, deadline, context)
        except BaseException:
            resp.close()
            raise
        try:
            return resp, json.loads(data.decode('utf-8'), parse_constant=_no_constants)
        except ValueError:  # also UnicodeDecodeError
            return resp, _NOT_JSON

    def _read_body(self, resp: Any, deadline: float, context: str) -> bytes:
        """The reply body, read one socket read at a time so that the deadline bounds the whole of it."""
        length = _finite(resp.headers.get('Content-Length'))
        if length is not None and length > MAX_REPLY_BYTES:
            raise _Failure(self._too_large(resp.status_code, context), False, True)
        raw = resp.raw
        read = getattr(raw, 'read1', None) or raw.read
        sock = _socket_of(raw)
        chunks = []  # type: List[bytes]
        size = 0
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise _Failure(self._timed_out(context), True, True)
            try:
                if sock is not None:
                    sock.settimeout(left)
                chunk = read(READ_CHUNK, decode_content=True)
            except Exception as exc:
                if time.monotonic() >= deadline or 'timeout' in type(exc).__name__.lower():
                    raise _Failure(self._timed_out(context), True, True)
                raise _Failure(TransportError('the reply was cut short (%s)' % type(exc).__name__, status=resp.status_code,
                                              context=context, hint='Check the network and proxies, or raise retries'), True, True)
            if not chunk:
                return b''.join(chunks)
            size += len(chunk)
            if size > MAX_REPLY_BYTES:
                raise _Failure(self._too_large(resp.status_code, context), False, True)
            chunks.append(chunk)

    def _timed_out(self, context: str) -> VaultError:
        return TransportError('no complete reply within %ss' % self.timeout, context=context, hint='Raise timeout or retries')

    def _too_large(self, status: int, context: str) -> VaultError:
        return MalformedResponse('the reply is larger than %d bytes (%d MiB), more than any Zoho Vault reply'
                                 % (MAX_REPLY_BYTES, MAX_REPLY_BYTES // (1024 * 1024)), status=status, context=context)

    def _redirect_error(self, resp: Any, url: str, context: str, url_option: str) -> VaultError:
        location = resp.headers.get('Location')
        where = 'to %s' % _origin(urljoin(url, location)) if location else 'without a Location'
        hint = API_HINT if url_option == 'api_url' else ACCOUNTS_HINT
        return ConfigError('the server redirects %s; zoho.vault never follows a redirect (it would resend the token '
                           'or the request body there)' % where, status=resp.status_code, context=context,
                           hint=hint + '; it must be the final address, not one that redirects')

    def _rate_limited(self, err: VaultError, headers: Mapping[str, str]) -> _Failure:
        """A 429 to wait out: as long as the later of ``Retry-After`` and ``X-RateLimit-Reset`` says."""
        now = self.clock()
        waits = [w for w in (_retry_after(headers, now), self._reset_in(headers, now)) if w is not None]
        failure = _Failure(err, True, False, wait=max(waits) if waits else None)
        failure.wait_from = now
        return failure

    def _reset_in(self, headers: Mapping[str, str], now: float) -> Optional[float]:
        reset = _finite(headers.get('X-RateLimit-Reset'))
        if reset is None:
            return None
        # A little jitter so that processes waiting for the same window do not all hit it at once.
        return max(0.5, reset - now) + 0.5 * self.rand()

    def _quota_spent(self, err: VaultError, reset: float, wait: float) -> VaultError:
        """Fail at once when the quota comes back later than this client waits (the per-day limit)."""
        err.message = ('%s; the API call quota resets at %s (in %s), later than the %ds this client waits'
                       % (err.message.rstrip('.'), _utc(reset), _duration(wait), self.max_rate_wait))
        err.hint = ('Retry after that time, or spread the calls over more time (fewer forks, fewer hosts per run); '
                    'a quota that far away is the per-day limit of the plan')
        return err

    # ------------------------------------------------------------------ helpers

    def _transport_failure(self, exc: Exception, context: str) -> _Failure:
        """Classify a requests exception: was the request possibly sent?"""
        name = type(exc).__name__
        if rexc is not None and isinstance(exc, rexc.SSLError):
            return _Failure(TransportError('TLS error (%s)' % name, context=context,
                                           hint='Check ca_path or validate_certs; certificate verification failed or TLS could not be set up'),
                            False, False)
        if rexc is not None and isinstance(exc, rexc.ProxyError):
            return _Failure(TransportError('proxy error (%s)' % name, context=context,
                                           hint='Check the proxy option and the HTTP(S)_PROXY/NO_PROXY environment'), True, False)
        if rexc is not None and isinstance(exc, rexc.ConnectTimeout):
            return _Failure(TransportError('connection timed out', context=context,
                                           hint='Check api_url/data_center, the network and proxies'), True, False)
        if rexc is not None and isinstance(exc, rexc.Timeout):
            return _Failure(TransportError('no reply within %ss' % self.timeout, context=context,
                                           hint='Raise timeout or retries'), True, True)
        if rexc is not None and isinstance(exc, rexc.ConnectionError):
            sent = not _connect_failed(exc)
            what = 'connection reset or closed' if sent else 'could not connect'
            return _Failure(TransportError(what, context=context, hint='Check api_url/data_center, the network and proxies'), True, sent)
        if rexc is not None and isinstance(exc, (rexc.InvalidURL, rexc.MissingSchema, rexc.InvalidSchema)):
            return _Failure(ConfigError('invalid URL (%s)' % name, context=context), False, False)
        if rexc is not None and isinstance(exc, rexc.RequestException):
            return _Failure(TransportError('request failed (%s)' % name, context=context), True, True)
        return _Failure(TransportError('request failed (%s: %s)' % (name, redact_text(str(exc), self._secrets)), context=context),
                        False, True)

    def _note_rate_headers(self, headers: Mapping[str, str], context: str) -> None:
        values = {}
        for name in RATE_HEADERS:
            value = headers.get(name)
            if value is None:
                continue
            values[name] = _finite(value)
            if values[name] is None:
                raise _Failure(MalformedResponse('the header %s is not a number (%r)' % (name, str(value)[:40]), context=context),
                               False, True)
        remaining = values.get('X-RateLimit-Remaining')
        if remaining is not None:
            self.rate_limit = values.get('X-RateLimit-Limit')
            self.rate_remaining = remaining
            self.rate_reset = values.get('X-RateLimit-Reset')

    def _pace(self, context: str) -> None:
        """Spread the remaining budget over the rest of the window when it runs low."""
        remaining, reset = self.rate_remaining, self.rate_reset
        if remaining is None or reset is None:
            return
        left = reset - self.clock()
        if left <= 0:
            self.rate_remaining = None  # a new window has begun
            return
        if left > self.max_rate_wait:
            # Not the per-minute window (the per-day quota): spreading calls over hours helps nobody,
            # and when none is left the next call can only fail, so say so now rather than after a wait.
            if remaining <= 0:
                raise self._quota_spent(RateLimited('no API call left', context=context), reset, left)
            return
        limit = self.rate_limit or 0
        low_water = max(2.0, limit * 0.1)
        if remaining > low_water:
            return
        if remaining <= 0:
            wait = left + 0.25 + 0.5 * self.rand()
        else:
            wait = left / (remaining + 1.0)
        wait = min(wait, self.max_rate_wait)
        if wait <= 0.01:
            return
        self.stats.paced += 1
        self._wait(wait, context, 'pacing: %d API calls left in this rate-limit window' % remaining, warn=False)
        if remaining <= 0:
            self.rate_remaining = None
        else:
            self.rate_remaining = remaining - 1

    def _backoff_delay(self, attempt: int) -> float:
        ceiling = min(self.backoff_cap, self.backoff_base * (2 ** (attempt - 1)))
        return ceiling / 2.0 + ceiling / 2.0 * self.rand()  # "equal jitter"

    def _backoff(self, attempt: int, context: str, err: VaultError) -> None:
        delay = self._backoff_delay(attempt)
        self.stats.retries += 1
        if self.warn:
            self.warn('zoho.vault: %s; retry %d of %d in %.1fs' % (err, attempt, self.retries, delay))
        self.stats.wait_seconds += delay
        self.sleep(delay)

    def _wait(self, seconds: float, context: str, why: str, warn: bool = True) -> None:
        self.stats.waits += 1
        self.stats.wait_seconds += seconds
        if warn and self.warn:
            self.warn('zoho.vault: %s: %s; waiting %.1fs' % (context, why, seconds))
        self.sleep(seconds)


def _connect_failed(exc: Exception) -> bool:
    """True when a ConnectionError happened while connecting (the request was not sent)."""
    seen = set()
    stack = [exc]
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
