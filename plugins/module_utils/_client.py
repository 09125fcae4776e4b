# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The call loop: ``VaultClient`` speaks the Zoho Vault envelope over ``_transport``.

It maps error envelopes to typed exceptions and carries out what ``_retry.decide`` says after a
failed attempt: back off (exponential, jittered), wait out a 429 within bounds (or fail at once
when the quota resets later than that), refresh the access token once on a 401, look a create up
before repeating it, and never repeat blindly what may have been applied. Between calls it paces
itself on the ``X-RateLimit-*`` headers. The token endpoint is ``_oauth``; the tokens, ``_auth``.
"""

from __future__ import annotations

import random
import time
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Set

from ansible_collections.zoho.vault.plugins.module_utils._auth import RefreshTokenProvider, StaticTokenProvider, TokenProvider
from ansible_collections.zoho.vault.plugins.module_utils._errors import (
    MalformedResponse, RateLimited, ServerError, AuthError, VaultError, json_kind, map_error,
)
from ansible_collections.zoho.vault.plugins.module_utils._oauth import TokenEndpoint
from ansible_collections.zoho.vault.plugins.module_utils._redact import SENSITIVE_KEYS, collect_secrets, redact_text
from ansible_collections.zoho.vault.plugins.module_utils._retry import (
    Action, Backoff, Budget, ClientStats, Mode, Outcome, Verdict, Why, decide,
)
from ansible_collections.zoho.vault.plugins.module_utils._transport import (
    HAS_REQUESTS, NOT_JSON, REQUESTS_IMPORT_ERROR, Failure, Transport, finite,
)

__all__ = ['HAS_REQUESTS', 'REQUESTS_IMPORT_ERROR', 'ClientStats', 'VaultClient']

PER_PAGE = 1000
MAX_PAGES = 10000
AMBIGUOUS_HINT = 'The request may or may not have been applied; check the object before repeating'
STATIC_TOKEN_HINT = ('The access_token was rejected (expired or revoked); use client_id, client_secret and refresh_token '
                     'so that the collection can refresh it')


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


def _retry_after(headers: Mapping[str, str], now: float) -> Optional[float]:
    """Seconds to wait per ``Retry-After`` (seconds or an HTTP date), ``None`` when absent or unusable."""
    value = headers.get('Retry-After')
    if value is None:
        return None
    seconds = finite(value)
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


def _mode(method: str, idempotent: Optional[bool]) -> Mode:
    if method == 'DELETE' and idempotent is not False:
        return Mode.DELETE
    if idempotent or (idempotent is None and method in ('GET', 'PUT', 'HEAD')):
        return Mode.SAFE
    return Mode.ONCE


class ReferenceCodec:
    """The reference dialect's request body and envelope (``operation.details``, numeric ``code``)."""

    name = 'reference'

    @staticmethod
    def body(operation: str, data: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
        return {'json': {'operation': {'name': operation}, 'data': dict(data or {})}}

    @staticmethod
    def details(operation: Mapping[str, Any]) -> Any:
        details = operation.get('details')
        return {} if details is None else details

    @staticmethod
    def error(status: int, result: Mapping[str, Any], message: str, context: str) -> VaultError:
        code = result.get('code')
        try:
            code = int(code) if code is not None else None
        except (TypeError, ValueError):
            code = None
        err = map_error(status if status >= 400 else None, code, message, context)
        err.status = status
        return err


class VaultClient:
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
                 max_total_wait: float = 300.0, codec: Any = None) -> None:
        self.options = options
        # Notices for the user that are not errors (a module's warn, the lookups' display.warning).
        self.warn = warn
        # How bodies are encoded and envelopes read: the reference dialect's, unless a dialect brings its own.
        self.codec = codec if codec is not None else ReferenceCodec()
        # Headers a dialect adds to every API call (zoho: the passphrase timestamps).
        self.headers: Dict[str, str] = {}
        self.api_url = options.api_url.rstrip('/')
        self.retries = options.retries
        self.clock = clock
        self.max_rate_wait = max_rate_wait
        self.max_total_wait = max_total_wait
        self.stats = ClientStats()
        # The HTTP status of the last reply (the raw calls of zoho.vault.api report it).
        self.last_status: Optional[int] = None
        # Last seen X-RateLimit-* values (this process's view of the shared budget).
        self.rate_limit: Optional[float] = None
        self.rate_remaining: Optional[float] = None
        self.rate_reset: Optional[float] = None
        self._secrets: Set[str] = set(options.secret_values())
        self.backoff = Backoff(options.retries, self.stats, sleep, rand, warn if options.retry_action == 'warn' else None,
                               backoff_base, backoff_cap)
        self.transport = Transport(options, session, self._secrets, self.backoff)
        self.session = self.transport.session
        self.token_endpoint = TokenEndpoint(self.transport, options.accounts_url, self.backoff, self._secrets)
        self.token_provider = self._provider(token_provider)

    def _provider(self, given: Optional[TokenProvider]) -> TokenProvider:
        if given is None and not self.options.uses_refresh_token:
            return StaticTokenProvider(self.options.access_token)
        if given is None:
            return RefreshTokenProvider.from_options(self.options, mint=self.mint_token)
        if isinstance(given, RefreshTokenProvider) and given.mint is None:
            given.mint = self.mint_token
        return given

    # Randomness and backoff live in ``Backoff``; these keep the client's knobs where tests reach them.
    @property
    def rand(self) -> Callable[[], float]:
        return self.backoff.rand

    @rand.setter
    def rand(self, value: Callable[[], float]) -> None:
        self.backoff.rand = value

    @property
    def backoff_cap(self) -> float:
        return self.backoff.cap

    def _backoff_delay(self, attempt: int) -> float:
        return self.backoff.delay(attempt)

    # ------------------------------------------------------------------ public API

    def request(self, method: str, path: str, *, params: Optional[Mapping[str, Any]] = None, operation: Optional[str] = None,
                data: Optional[Mapping[str, Any]] = None, idempotent: Optional[bool] = None) -> Any:
        """One API call; returns ``operation.details`` (``{}`` when absent).

        ``idempotent`` (default: True for GET/PUT/DELETE, False for POST) decides whether a call
        that may have reached the server is repeated after a failure.
        """
        method = method.upper()
        return self._call(method, path, params, operation, data, _mode(method, idempotent))

    def create(self, path: str, operation: str, data: Mapping[str, Any], *, find_existing: Callable[[], Any]) -> Any:
        """POST a create. After an ambiguous failure (timeout, reset, 5xx after sending, or a 409 on a
        repeat) ``find_existing()`` is asked first; what it returns (not ``None``) is the result.
        The object is never created twice by this client.
        """
        return self._call('POST', path, None, operation, data, Mode.CREATE, find_existing=find_existing)

    def list_all(self, path: str, key: str, params: Optional[Mapping[str, Any]] = None) -> List[Any]:
        """GET every page (``page``/``per_page``/``total``) and return the items under ``details[key]``."""
        items: List[Any] = []
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
        base = dict(params or {})
        for page in range(1, MAX_PAGES + 1):
            details = self.request('GET', path, params=dict(base, page=page, per_page=PER_PAGE))
            chunk = self._page_items(details, key, seen, context)
            total = _count(details, 'total', context)
            per_page = _count(details, 'per_page', context) or PER_PAGE
            yield details
            seen += len(chunk)
            if total is None or not chunk or seen >= total or len(chunk) < per_page:
                return

    @staticmethod
    def _page_items(details: Any, key: str, seen: int, context: str) -> List[Any]:
        if not isinstance(details, dict):
            raise MalformedResponse('expected an object with a "%s" list in operation.details, not %s' % (key, json_kind(details)),
                                    context=context)
        chunk = details.get(key)
        if not isinstance(chunk, list):
            raise MalformedResponse('"%s" in operation.details is not a list (%s)' % (key, json_kind(chunk)), context=context)
        for number, item in enumerate(chunk, seen + 1):
            if not isinstance(item, dict):
                raise MalformedResponse('item %d of "%s" is %s, not an object' % (number, key, json_kind(item)), context=context)
        return chunk

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
        self.transport.close()

    def mint_token(self, client_id: str, client_secret: str, refresh_token: str) -> Dict[str, Any]:
        """POST the refresh-token grant (form body, never the query string); returns the JSON reply."""
        return self.token_endpoint.mint(client_id, client_secret, refresh_token)

    # ------------------------------------------------------------------ the loop

    def _call(self, method: str, path: str, params: Optional[Mapping[str, Any]], operation: Optional[str],
              data: Optional[Mapping[str, Any]], mode: Mode, find_existing: Optional[Callable[[], Any]] = None) -> Any:
        context = '%s %s' % (method, path)
        kwargs: Dict[str, Any] = {'params': _norm_params(params)}
        if operation is not None:
            kwargs.update(self.codec.body(operation, data))
            self._secrets.update(collect_secrets(data, SENSITIVE_KEYS))
        budget = Budget(mode, self.retries, self.token_provider.can_refresh, self.max_rate_wait, self.max_total_wait)
        while True:
            if budget.ambiguous and mode is Mode.CREATE:
                # Before repeating a create that may have been applied: is it there already?
                found = self._recover(find_existing)
                if found is not None:
                    return found
            self._pace(context)
            token = self.token_provider.token()
            try:
                return self._attempt(method, self.api_url + path, kwargs, token, context)
            except Failure as failure:
                outcome = self._outcome(failure, budget)
                verdict = decide(outcome, budget)
                budget = budget.after(outcome, verdict)
                if verdict.action is Action.RECOVER:
                    found = self._recover(find_existing)
                    if found is not None:
                        return found
                if verdict.action in (Action.RECOVER, Action.RAISE):
                    raise self._explained(failure, verdict) from None
                if verdict.action is Action.DELETED:
                    return {}  # the earlier attempt deleted it
                self._carry_out(verdict, budget, token, context, failure.error)

    def _outcome(self, failure: Failure, budget: Budget) -> Outcome:
        """The failure as the decision table sees it; a 429 without usable headers waits one backoff delay."""
        if isinstance(failure.error, RateLimited):
            self.stats.rate_limited += 1
            if failure.wait is None:
                return Outcome.of(failure.error, failure.retryable, failure.sent, self.backoff.delay(max(budget.attempt, 1)))
            return Outcome.of(failure.error, failure.retryable, failure.sent, failure.wait, from_headers=True)
        return Outcome.of(failure.error, failure.retryable, failure.sent)

    def _carry_out(self, verdict: Verdict, budget: Budget, token: str, context: str, error: VaultError) -> None:
        """The side of a verdict that repeats the call: refresh the token, wait, or back off."""
        if verdict.action is Action.REFRESH:
            # Expired or revoked: drop it; only a token minted since this request was sent is trusted.
            self.stats.refreshes += 1
            self.token_provider.invalidate(token)
        elif verdict.action is Action.WAIT:
            self.backoff.wait(verdict.wait, context, 'rate limited (HTTP 429)')
        else:
            self.backoff.pause(budget.attempt, error)

    def _recover(self, find_existing: Optional[Callable[[], Any]]) -> Any:
        found = find_existing() if find_existing is not None else None
        if found is not None:
            self.stats.recovered += 1
        return found

    def _explained(self, failure: Failure, verdict: Verdict) -> VaultError:
        """The error to raise, with the hint the verdict calls for."""
        err = failure.error
        if verdict.why is Why.AMBIGUOUS:
            err.hint = AMBIGUOUS_HINT + ('. ' + err.hint if err.hint else '')
        elif verdict.why is Why.STATIC_TOKEN:
            err.hint = STATIC_TOKEN_HINT
        elif verdict.why is Why.QUOTA:
            # The wait counts from when the 429 arrived (always known for a 429; else from now).
            since = failure.wait_from if failure.wait_from is not None else self.clock()
            self._quota_spent(err, since + verdict.wait, verdict.wait)
        return err

    # ------------------------------------------------------------------ one attempt

    def _attempt(self, method: str, url: str, kwargs: Dict[str, Any], token: str, context: str) -> Any:
        """Send once and unwrap the envelope: ``operation.details``, or a ``Failure``."""
        self.stats.calls += 1
        headers = dict(self.headers, **kwargs.get('headers', {}))
        headers['Authorization'] = 'Zoho-oauthtoken %s' % token
        reply = self.transport.exchange(method, url, context, 'api_url', **dict(kwargs, headers=headers))
        self.last_status = reply.status
        self._note_rate(reply.rate)
        if reply.body is NOT_JSON:
            raise self._not_json(reply, context)
        operation = reply.body.get('operation') if isinstance(reply.body, dict) else None
        if not isinstance(operation, dict):
            operation = {}
        result = operation.get('result')
        if not isinstance(result, dict):
            if reply.status >= 500:
                raise Failure(ServerError('server error', status=reply.status, context=context), True, True)
            raise Failure(MalformedResponse('the reply lacks operation.result', status=reply.status, context=context), False, True)
        if str(result.get('status', '')).lower() == 'success' and reply.status < 400:
            return self.codec.details(operation)
        raise self._refused(reply, result, context)

    def _not_json(self, reply: Any, context: str) -> Failure:
        status = reply.status
        if status >= 500:
            return Failure(ServerError('the server replied with a non-JSON body', status=status, context=context), True, True)
        if status == 429:
            return self._rate_limited(RateLimited('rate limit exceeded', status=status, context=context), reply.headers)
        if status == 401:
            return Failure(AuthError('authentication failed', status=status, context=context), False, False)
        ctype = reply.headers.get('Content-Type') or 'unknown content type'
        return Failure(MalformedResponse('the reply is not JSON (%s)' % ctype.split(';')[0], status=status, context=context),
                       False, True)

    def _refused(self, reply: Any, result: Mapping[str, Any], context: str) -> Failure:
        """An error envelope as a typed error; an "error" inside a 200 is judged by its code alone."""
        message = redact_text(str(result.get('message') or ''), self._secrets)
        err = self.codec.error(reply.status, result, message, context)
        if isinstance(err, RateLimited):
            return self._rate_limited(err, reply.headers)
        return Failure(err, isinstance(err, ServerError), True)

    # ------------------------------------------------------------------ rate limits

    def _rate_limited(self, err: VaultError, headers: Mapping[str, str]) -> Failure:
        """A 429 to wait out: as long as the later of ``Retry-After`` and ``X-RateLimit-Reset`` says."""
        now = self.clock()
        waits = [w for w in (_retry_after(headers, now), self._reset_in(headers, now)) if w is not None]
        return Failure(err, True, False, wait=max(waits) if waits else None, wait_from=now)

    def _reset_in(self, headers: Mapping[str, str], now: float) -> Optional[float]:
        reset = finite(headers.get('X-RateLimit-Reset'))
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

    def _note_rate(self, values: Mapping[str, float]) -> None:
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
        wait = self._pace_wait(remaining, left)
        if wait <= 0.01:
            return
        self.stats.paced += 1
        self.backoff.wait(wait, context, 'pacing: %d API calls left in this rate-limit window' % remaining, warn=False)
        self.rate_remaining = None if remaining <= 0 else remaining - 1

    def _pace_wait(self, remaining: float, left: float) -> float:
        """0 while more than a tenth of the window's calls are left; then the rest of the window, spread."""
        if remaining > max(2.0, (self.rate_limit or 0) * 0.1):
            return 0.0
        wait = left + 0.25 + 0.5 * self.rand() if remaining <= 0 else left / (remaining + 1.0)
        return min(wait, self.max_rate_wait)
