# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The only place that knows HTTP.

``VaultClient`` speaks the Zoho Vault envelope (``{"operation": {"name", "result", "details"}}``),
maps error envelopes to typed exceptions, retries transient failures with exponential backoff and
jitter, paces itself on ``X-RateLimit-*`` headers, waits out 429s within a bound, refreshes the
access token once on a 401, and never repeats a create blindly after an ambiguous failure.
"""

from __future__ import (absolute_import, division, print_function)
from __future__ import annotations
__metaclass__ = type

import random
import time
import traceback
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional

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
    TransportError, VaultError, map_error,
)
from ansible_collections.zoho.vault.plugins.module_utils._redact import SENSITIVE_KEYS, collect_secrets, redact_text
from ansible_collections.zoho.vault.plugins.module_utils._version import COLLECTION_NAME, COLLECTION_VERSION

USER_AGENT = 'ansible-collection-%s/%s' % (COLLECTION_NAME, COLLECTION_VERSION)
TOKEN_PATH = '/oauth/v2/token'
PER_PAGE = 1000
MAX_PAGES = 10000
MAX_RATE_WAITS = 10  # 429s waited out per call (besides the time bounds)

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


def _header_float(headers: Mapping[str, str], name: str) -> Optional[float]:
    value = headers.get(name)
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


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
        if options.proxy:
            self.session.proxies.update({'http': options.proxy, 'https': options.proxy})
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
            items.extend(details if isinstance(details, list) else details.get(key) or [])
        return items

    def pages(self, path: str, key: str, params: Optional[Mapping[str, Any]] = None) -> Iterator[Any]:
        """Yield the ``details`` of each page of a list, validated, until ``total`` items were seen."""
        seen = 0
        page = 1
        base = dict(params or {})
        while page <= MAX_PAGES:
            query = dict(base, page=page, per_page=PER_PAGE)
            details = self.request('GET', path, params=query)
            if isinstance(details, list):  # tolerate a bare list
                yield details
                return
            if not isinstance(details, dict):
                raise MalformedResponse('expected an object with "%s"' % key, context='GET %s' % path)
            chunk = details.get(key) or []
            if not isinstance(chunk, list):
                raise MalformedResponse('"%s" is not a list' % key, context='GET %s' % path)
            yield details
            seen += len(chunk)
            total = details.get('total')
            per_page = details.get('per_page') or PER_PAGE
            if total is None or not chunk or seen >= int(total) or len(chunk) < int(per_page):
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
                resp = self.session.request('POST', url, data=form, timeout=self.timeout,
                                            headers={'Content-Type': 'application/x-www-form-urlencoded'})
            except Exception as exc:
                failure = self._transport_failure(exc, context)
                # Repeating a mint is harmless (at worst one more token is counted).
                failure.retryable = failure.retryable or failure.sent
            else:
                body = self._json(resp)
                if isinstance(body, dict) and body.get('error'):
                    raise self._token_error(resp.status_code, body, context)
                if resp.status_code >= 500:
                    failure = _Failure(ServerError('token endpoint failed', status=resp.status_code, context=context), True, True)
                elif not isinstance(body, dict) or not body.get('access_token'):
                    raise MalformedResponse('the token endpoint did not return an access_token', status=resp.status_code,
                                            context=context, hint='Check accounts_url (for example https://accounts.zoho.com)')
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
        headers = {'Authorization': 'Zoho-oauthtoken %s' % token}
        kwargs = {'params': query, 'headers': headers, 'timeout': self.timeout}
        if body is not None:
            kwargs['json'] = body
        self.stats.calls += 1
        try:
            resp = self.session.request(method, url, **kwargs)
        except Exception as exc:
            raise self._transport_failure(exc, context)
        self._note_rate_headers(resp.headers)
        status = resp.status_code
        payload = self._json(resp)
        if payload is None:
            if status >= 500:
                raise _Failure(ServerError('the server replied with a non-JSON body', status=status, context=context), True, True)
            if status == 429:
                raise _Failure(RateLimited('rate limit exceeded', status=status, context=context), True, False,
                               wait=self._reset_wait(resp.headers))
            if status == 401:
                raise _Failure(AuthError('authentication failed', status=status, context=context), False, False)
            ctype = resp.headers.get('Content-Type', 'unknown content type')
            raise _Failure(MalformedResponse('the reply is not JSON (%s)' % ctype.split(';')[0], status=status, context=context), False, True)
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
            raise _Failure(err, True, False, wait=self._reset_wait(resp.headers))
        if isinstance(err, ServerError):
            raise _Failure(err, True, True)
        raise _Failure(err, False, True)

    # ------------------------------------------------------------------ helpers

    def _json(self, resp: Any) -> Any:
        try:
            return resp.json()
        except Exception:
            return None

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

    def _note_rate_headers(self, headers: Mapping[str, str]) -> None:
        limit = _header_float(headers, 'X-RateLimit-Limit')
        remaining = _header_float(headers, 'X-RateLimit-Remaining')
        reset = _header_float(headers, 'X-RateLimit-Reset')
        if remaining is not None:
            self.rate_limit = limit
            self.rate_remaining = remaining
            self.rate_reset = reset

    def _reset_wait(self, headers: Mapping[str, str]) -> Optional[float]:
        retry_after = _header_float(headers, 'Retry-After')
        if retry_after is not None:
            return max(0.5, retry_after)
        reset = _header_float(headers, 'X-RateLimit-Reset')
        if reset is None:
            return None
        # A little jitter so that processes waiting for the same window do not all hit it at once.
        return max(0.5, reset - self.clock()) + 0.5 * self.rand()

    def _pace(self, context: str) -> None:
        """Spread the remaining budget over the rest of the window when it runs low."""
        remaining, reset = self.rate_remaining, self.rate_reset
        if remaining is None or reset is None:
            return
        left = reset - self.clock()
        if left <= 0:
            self.rate_remaining = None  # a new window has begun
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
