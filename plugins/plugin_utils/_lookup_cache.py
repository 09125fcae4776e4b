# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The cross-process economy of the lookups, built on the agent (``_agent.py``).

``LookupCache.fetch(kind, args, producer)`` returns what ``producer()`` returns, calling it at
most once per key across every fork of one ansible-playbook run for ``ttl`` seconds:

* key = sha256(protocol, identity, run id, kind, args) where the identity covers the endpoint,
  the TLS/proxy settings and the credentials: two users, two credentials, two endpoints or two
  runs never share an entry, and the agent sees no name;
* NotFound, PermissionDenied and AmbiguousName are remembered like values (so that 750
  evaluations of a missing secret under ``on_missing=skip`` cost one search); transient errors
  are not: the lease is abandoned and the next waiter tries;
* without the agent (``cache=false``, or it cannot be reached/started) the same calls go to
  the API directly, memoised only inside one lookup call.

A hit also brings the other values of its run and identity (the agent's "group"), kept in the
process until they expire: a worker that evaluates five lookups asks the agent once, not five times.

The access token is not shared here: the client's token file cache already gives every fork the
one token of the run. This module imports neither an HTTP library nor the client: a lookup whose
answers all come from the agent compiles and loads nothing more.
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any, Callable, Dict, Optional, Set, Tuple

from ansible_collections.zoho.vault.plugins.module_utils import _errors
from ansible_collections.zoho.vault.plugins.plugin_utils._agent import PROTOCOL, AgentClient, AgentUnavailable

# Errors that are answers (the same call would get the same reply): cached like values.
CACHEABLE_ERRORS = ('NotFound', 'PermissionDenied', 'AmbiguousName')

# The options that can change an answer; transport details (timeout, retries) cannot.
IDENTITY_OPTIONS = ('data_center', 'api_url', 'accounts_url', 'validate_certs', 'ca_path', 'proxy', 'allow_http',
                    'access_token', 'client_id', 'client_secret', 'refresh_token', 'scopes', 'dialect', 'master_password', 'master_key')


class Received:
    """The values the agent sent along with a hit, kept by this process until they expire."""

    def __init__(self) -> None:
        self.entries: Dict[str, Tuple[float, Any]] = {}  # key -> (time.monotonic() of expiry, entry)
        self.groups: Set[str] = set()  # the groups already received (one request brought each)

    def entry(self, key: str) -> Any:
        found = self.entries.get(key)
        if found is None or found[0] <= time.monotonic():
            return None
        return found[1]

    def add(self, group: str, others: Dict[str, Any]) -> None:
        now = time.monotonic()
        for key, item in others.items():
            if isinstance(item, list) and len(item) == 2 and isinstance(item[0], (int, float)):
                self.entries[key] = (now + item[0], item[1])
        self.groups.add(group)

    def clear(self) -> None:
        self.entries.clear()
        self.groups.clear()


RECEIVED = Received()


def _sha(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, separators=(',', ':'), default=str).encode('utf-8')).hexdigest()


def identity(option: Callable[[str], Any]) -> str:
    """Everything of the connection that can change an answer, from the option getter, as one hash."""
    return _sha(['identity'] + [option(name) for name in IDENTITY_OPTIONS])


def pack_error(err: _errors.VaultError) -> Dict[str, Any]:
    return {'e': {'class': type(err).__name__, 'message': err.message, 'status': err.status, 'code': err.code,
                  'context': err.context, 'hint': err.hint, 'candidates': getattr(err, 'candidates', None)}}


def unpack(entry: Any) -> Any:
    """The value of a cache entry, or raise the error it records."""
    if isinstance(entry, dict) and 'v' in entry:
        return entry['v']
    if not isinstance(entry, dict) or not isinstance(entry.get('e'), dict):
        raise AgentUnavailable('malformed cache entry')
    data = entry['e']
    name = data.get('class')
    cls = getattr(_errors, name) if name in CACHEABLE_ERRORS else _errors.VaultError
    if cls is _errors.AmbiguousName:
        raise cls(data.get('message') or '', candidates=data.get('candidates') or (), hint=data.get('hint'))
    raise cls(data.get('message') or '', status=data.get('status'), code=data.get('code'), context=data.get('context'),
              hint=data.get('hint'))


class LookupCache:
    """Single-flight, TTL-bound sharing of lookup results across the forks of one run."""

    def __init__(self, agent: Optional[AgentClient], identity_hash: str, run: str, ttl: float, lease: float,
                 on_unavailable: Optional[Callable[[str], None]] = None) -> None:
        self.agent = agent
        self.identity = identity_hash
        self.run = run
        self.ttl = ttl
        self.lease = lease
        self.on_unavailable = on_unavailable
        self.memo: Dict[str, Any] = {}
        self.group = _sha([PROTOCOL, identity_hash, run])
        self.counters = {'hits': 0, 'misses': 0, 'direct': 0}

    @property
    def active(self) -> bool:
        return self.agent is not None

    def disable(self, reason: str) -> None:
        if self.agent is not None and self.on_unavailable is not None:
            self.on_unavailable(reason)
        self.agent = None

    def key(self, kind: str, args: Any) -> str:
        return _sha([PROTOCOL, self.identity, self.run, kind, args])

    def fetch(self, kind: str, args: Any, producer: Callable[[], Any]) -> Any:
        key = self.key(kind, args)
        if key in self.memo:
            return unpack(self.memo[key])
        if self.agent is not None and self.ttl > 0:
            received = RECEIVED.entry(key)
            if received is not None:
                self.counters['hits'] += 1
                self.memo[key] = received
                return unpack(received)
            try:
                hit, value, others = self.agent.get(key, self.lease, None if self.group in RECEIVED.groups else self.group)
            except AgentUnavailable as exc:
                self.disable(str(exc))
            else:
                if hit:
                    RECEIVED.add(self.group, others)
                    self.counters['hits'] += 1
                    self.memo[key] = value
                    return unpack(value)
                self.counters['misses'] += 1
                return self._produce(key, producer, self.ttl)
        self.counters['direct'] += 1
        return self._produce(key, producer, 0)

    def _produce(self, key: str, producer: Callable[[], Any], ttl: float) -> Any:
        """Call the API (we hold the lease when ``ttl`` > 0) and publish the answer or give the lease back."""
        try:
            value = producer()
        except _errors.VaultError as err:
            if type(err).__name__ in CACHEABLE_ERRORS:
                self._publish(key, pack_error(err), ttl)
            else:
                self._tell_agent(ttl, 'abandon', key)
            raise
        except BaseException:
            self._tell_agent(ttl, 'abandon', key)
            raise
        self._publish(key, {'v': value}, ttl)
        return value

    def _publish(self, key: str, entry: Dict[str, Any], ttl: float) -> None:
        self.memo[key] = entry
        self._tell_agent(ttl, 'put', key, entry, ttl, self.group)

    def _tell_agent(self, ttl: float, operation: str, *args: Any) -> None:
        if self.agent is not None and ttl > 0:
            try:
                getattr(self.agent, operation)(*args)
            except AgentUnavailable as exc:
                self.disable(str(exc))
