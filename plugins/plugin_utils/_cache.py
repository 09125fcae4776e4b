# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The cross-process economy of the lookups, built on the agent (``_agent.py``).

``LookupCache.fetch(kind, args, producer)`` returns what ``producer()`` returns, calling it at
most once per key across every fork of one ansible-playbook run for ``ttl`` seconds:

* key = sha256(protocol, identity, run id, kind, args) where the identity covers the endpoint,
  the TLS/proxy settings and the credentials (secret ones as their sha256): two users, two
  credentials, two endpoints or two runs never share an entry, and the agent sees no name;
* NotFound, PermissionDenied and AmbiguousName are remembered like values (so that 750
  evaluations of a missing secret under ``on_missing=skip`` cost one search); transient errors
  are not: the lease is abandoned and the next waiter tries;
* without the agent (``cache=false``, or it cannot be reached/started) the same calls go to
  the API directly, memoised only inside one lookup call.

``AgentTokenProvider`` shares the access token through the agent (on top of the client's token
file cache); ``_paced.PacedSession`` shares the rate-limit window between forks.

This module imports no HTTP library: a lookup whose answers all come from the agent never loads
``requests`` (about 0.1 to 0.4 s per worker process).
"""

from __future__ import (absolute_import, division, print_function)
from __future__ import annotations
__metaclass__ = type

import hashlib
import json
import time
from typing import Any, Callable, Dict, Optional

from ansible_collections.zoho.vault.plugins.module_utils import _errors
from ansible_collections.zoho.vault.plugins.module_utils._auth import REFRESH_MARGIN, TokenProvider, minted_at, minted_since, valid_token
from ansible_collections.zoho.vault.plugins.module_utils._errors import VaultError
from ansible_collections.zoho.vault.plugins.plugin_utils._agent import PROTOCOL, AgentClient, AgentUnavailable

# Errors that are answers (the same call would get the same reply): cached like values.
CACHEABLE_ERRORS = ('NotFound', 'PermissionDenied', 'AmbiguousName')


def _sha(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, separators=(',', ':'), default=str).encode('utf-8')).hexdigest()


def _secret_hash(value: Optional[str]) -> str:
    return hashlib.sha256(value.encode('utf-8')).hexdigest() if value else ''


def identity(options: Any) -> str:
    """Everything of the connection that can change an answer: endpoint, trust settings, credentials."""
    return _sha([
        'identity', options.api_url, options.accounts_url, options.validate_certs, options.ca_path, options.proxy,
        options.client_id, _secret_hash(options.client_secret), _secret_hash(options.refresh_token),
        _secret_hash(options.access_token), list(options.scopes),
    ])


def token_key(options: Any) -> str:
    """The access token depends on the accounts endpoint and the OAuth client, not on the run."""
    return _sha(['token', PROTOCOL, options.accounts_url, options.client_id, _secret_hash(options.client_secret),
                 _secret_hash(options.refresh_token), list(options.scopes)])


def pack_error(err: VaultError) -> Dict[str, Any]:
    return {'e': {'class': type(err).__name__, 'message': err.message, 'status': err.status, 'code': err.code,
                  'context': err.context, 'hint': err.hint, 'candidates': getattr(err, 'candidates', None)}}


def unpack(entry: Any) -> Any:
    """The value of a cache entry, or raise the error it records."""
    if isinstance(entry, dict) and 'e' in entry:
        data = entry['e'] or {}
        name = data.get('class')
        cls = getattr(_errors, name, None) if name in CACHEABLE_ERRORS else None
        if cls is None:
            cls = VaultError
        if cls is _errors.AmbiguousName:
            raise cls(data.get('message') or '', candidates=data.get('candidates') or (), hint=data.get('hint'))
        raise cls(data.get('message') or '', status=data.get('status'), code=data.get('code'), context=data.get('context'),
                  hint=data.get('hint'))
    if isinstance(entry, dict) and 'v' in entry:
        return entry['v']
    raise AgentUnavailable('malformed cache entry')


class LookupCache(object):
    """Single-flight, TTL-bound sharing of lookup results across the forks of one run."""

    def __init__(self, agent: Optional[AgentClient], identity_hash: str, run: str, ttl: float, lease: float,
                 on_unavailable: Optional[Callable[[str], None]] = None) -> None:
        self.agent = agent
        self.identity = identity_hash
        self.run = run
        self.ttl = ttl
        self.lease = lease
        self.on_unavailable = on_unavailable
        self.memo = {}  # type: Dict[str, Any]
        self.counters = dict(hits=0, misses=0, direct=0)

    @property
    def active(self) -> bool:
        return self.agent is not None

    def disable(self, reason: str) -> None:
        if self.agent is not None and self.on_unavailable is not None:
            self.on_unavailable(reason)
        self.agent = None

    def key(self, kind: str, args: Any) -> str:
        return _sha([PROTOCOL, self.identity, self.run, kind, args])

    def fetch(self, kind: str, args: Any, producer: Callable[[], Any], ttl: Optional[float] = None) -> Any:
        key = self.key(kind, args)
        if key in self.memo:
            return unpack(self.memo[key])
        ttl = self.ttl if ttl is None else ttl
        if self.agent is not None and ttl > 0:
            try:
                hit, value = self.agent.get(key, self.lease)
            except AgentUnavailable as exc:
                self.disable(str(exc))
            else:
                if hit:
                    self.counters['hits'] += 1
                    self.memo[key] = value
                    return unpack(value)
                self.counters['misses'] += 1
                return self._produce(key, producer, ttl)
        self.counters['direct'] += 1
        return self._produce(key, producer, 0)

    def _produce(self, key: str, producer: Callable[[], Any], ttl: float) -> Any:
        """Call the API (we hold the lease when ``ttl`` > 0) and publish the answer or give the lease back."""
        try:
            value = producer()
        except VaultError as err:
            if type(err).__name__ in CACHEABLE_ERRORS:
                self._publish(key, pack_error(err), ttl)
            else:
                self._abandon(key, ttl)
            raise
        except BaseException:
            self._abandon(key, ttl)
            raise
        self._publish(key, {'v': value}, ttl)
        return value

    def _publish(self, key: str, entry: Dict[str, Any], ttl: float) -> None:
        self.memo[key] = entry
        if self.agent is not None and ttl > 0:
            try:
                self.agent.put(key, entry, ttl)
            except AgentUnavailable as exc:
                self.disable(str(exc))

    def _abandon(self, key: str, ttl: float) -> None:
        if self.agent is not None and ttl > 0:
            try:
                self.agent.abandon(key)
            except AgentUnavailable as exc:
                self.disable(str(exc))


class AgentTokenProvider(TokenProvider):
    """Shares the access token through the agent; ``inner`` (the client's provider) mints it.

    With the agent, N forks cost one token-cache read (or one mint) per run instead of N; it also
    keeps the token shared when the user switched the token file cache off.
    """

    can_refresh = True

    def __init__(self, inner: TokenProvider, cache: LookupCache, key: str, clock: Callable[[], float] = time.time) -> None:
        self.inner = inner
        self.cache = cache
        self.key = key
        self.clock = clock
        self._current = None  # type: Optional[Dict[str, Any]]
        # Tokens this process saw refused (401). Another fork can park a refused token in the
        # agent again (it read it from the token file just before we dropped it there), so
        # never take one of these back from the agent or from the inner provider.
        self._refused = set()  # type: set
        # Like the inner provider: after a 401 only a token minted since the refused request was
        # sent is trusted (a server reset voids every older one, wherever it is parked).
        self._not_before = None  # type: Optional[float]
        self._handed_out = None  # type: Optional[float]

    @property
    def mint(self) -> Any:  # VaultClient sets the mint function on providers that lack one
        return getattr(self.inner, 'mint', None)

    @mint.setter
    def mint(self, value: Any) -> None:
        self.inner.mint = value

    def secret_values(self) -> Any:
        values = list(self.inner.secret_values())
        if self._current:
            values.append(self._current['access_token'])
        return tuple(values)

    def _usable(self, entry: Any) -> bool:
        return isinstance(entry, dict) and valid_token(entry.get('access_token')) and \
            entry['access_token'] not in self._refused and minted_since(entry, self._not_before) and \
            float(entry.get('expires_at') or 0) - self.clock() > REFRESH_MARGIN

    def _from_inner(self) -> Dict[str, Any]:
        token = self.inner.token()
        if token in self._refused:  # the inner provider still held it (memory or token file): make it mint
            self.inner.invalidate(token, since=self._not_before)
            token = self.inner.token()
        current = getattr(self.inner, '_current', None)
        current = current if isinstance(current, dict) else {}
        entry = {'access_token': token, 'expires_at': float(current.get('expires_at') or self.clock() + REFRESH_MARGIN + 60)}
        when = minted_at(current)
        if when is not None:
            entry['minted_at'] = when
        return entry

    def token(self) -> str:
        self._handed_out = self.clock()
        if self._usable(self._current):
            return self._current['access_token']
        agent = self.cache.agent
        entry = None
        if agent is not None:
            try:
                hit, value = agent.get(self.key, self.cache.lease)
                if hit and self._usable(value):
                    entry = value
                elif hit:  # stale: drop it and take the lease
                    agent.drop(self.key)
                    hit, value = agent.get(self.key, self.cache.lease)
                    entry = value if hit and self._usable(value) else None
            except AgentUnavailable as exc:
                self.cache.disable(str(exc))
                agent = None
            if entry is None and agent is not None:
                try:
                    entry = self._from_inner()
                except BaseException:
                    self._quietly(agent.abandon, self.key)
                    raise
                ttl = entry['expires_at'] - self.clock() - REFRESH_MARGIN
                self._quietly(agent.put, self.key, entry, max(ttl, 0))
        if entry is None:
            entry = self._from_inner()
        self._current = entry
        return entry['access_token']

    def invalidate(self, token: str, since: Optional[float] = None) -> None:
        since = since if since is not None else self._handed_out
        if since is not None:
            self._not_before = max(self._not_before or since, since)
        self._refused.add(token)
        held = self._current
        if held and held.get('access_token') == token:
            self._current = None
            if self.cache.agent is not None:
                # Only while the agent still holds that very token: N forks seeing the same 401
                # drop it once, and a replacement another fork already parked stays.
                self._quietly(self.cache.agent.drop, self.key, held)
        self.inner.invalidate(token, since=self._not_before)

    def _quietly(self, func: Callable[..., Any], *args: Any) -> None:
        try:
            func(*args)
        except AgentUnavailable as exc:
            self.cache.disable(str(exc))
