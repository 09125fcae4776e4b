# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the client does after a failed attempt: a decision table, and the backoff that times it.

``decide(outcome, budget)`` is pure: from what failed (``Outcome``), what the call may repeat
(``Mode``) and what it has used so far (``Budget``) it returns one ``Verdict``. The loop in
``_client`` only carries the verdict out. Rows, first match wins:

====================================  ======================================  ==============
outcome                               condition                               verdict
====================================  ======================================  ==============
401                                   the token cannot be refreshed           RAISE static
401                                   not refreshed yet in this call          REFRESH
429 (wait from the headers)           the wait is beyond ``max_rate_wait``    RAISE quota
429                                   within every wait bound                 WAIT
429                                   a bound is spent                        RAISE
404                                   DELETE after an ambiguous attempt       DELETED
409                                   CREATE after an ambiguous attempt       RECOVER
not retryable                                                                 RAISE
possibly applied (sent)               ONCE                                    RAISE ambiguous
retryable                             retries spent                           RAISE
retryable                                                                     RETRY
====================================  ======================================  ==============

Never-sent connection failures are retried by urllib3 on the adapter (see ``_transport``): when
one reaches this table the transport has already spent its retries on it, unless the session is
not a ``requests.Session`` (tests), in which case it arrives retryable and is repeated here.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Callable, ClassVar, Dict, Optional, Tuple

from ansible_collections.zoho.vault.plugins.module_utils._errors import AuthError, Conflict, NotFound, RateLimited, VaultError

MAX_RATE_WAITS = 10  # 429s waited out per call (besides the time bounds)


class Mode(enum.Enum):
    """What may be repeated after a failure that may have been applied server-side."""

    SAFE = 'safe'      # GET/PUT and idempotent POSTs: repeat freely
    DELETE = 'delete'  # repeat; a 404 after an ambiguous attempt means it was deleted
    ONCE = 'once'      # non-idempotent without a lookup: never repeat after an ambiguous failure
    CREATE = 'create'  # non-idempotent with a lookup: find_existing() before repeating


class Kind(enum.Enum):
    """The failures the table tells apart; everything else is OTHER."""

    UNAUTHORIZED = '401'
    RATE_LIMITED = '429'
    NOT_FOUND = '404'
    CONFLICT = '409'
    OTHER = 'other'


class Action(enum.Enum):
    RETRY = 'retry'      # back off, then repeat (a create is looked up first when ambiguous)
    WAIT = 'wait'        # wait out the rate limit, then repeat
    REFRESH = 'refresh'  # drop the token, mint or read a newer one, repeat
    RECOVER = 'recover'  # ask find_existing(); its answer is the result, else raise
    DELETED = 'deleted'  # an earlier attempt deleted it: success
    RAISE = 'raise'


class Why(enum.Enum):
    """Why a call gives up, when the error needs a hint for it."""

    PLAIN = 'plain'
    AMBIGUOUS = 'ambiguous'        # may have been applied: the user must look before repeating
    STATIC_TOKEN = 'static_token'  # a 401 on a token the collection cannot refresh
    QUOTA = 'quota'                # the quota resets later than this client waits


@dataclasses.dataclass(frozen=True)
class Outcome:
    """A failed attempt. ``sent``: it may have reached the server; ``wait``: seconds a 429 asks
    for (``from_headers`` when the server said so, else a backoff delay chosen by the caller)."""

    kind: Kind
    retryable: bool
    sent: bool
    wait: float = 0.0
    from_headers: bool = False

    @classmethod
    def of(cls, error: VaultError, retryable: bool, sent: bool, wait: float = 0.0, from_headers: bool = False) -> Outcome:
        return cls(kind_of(error), retryable, sent, wait, from_headers)


@dataclasses.dataclass(frozen=True)
class Budget:
    """What one call has used; ``after`` gives the budget once a verdict was carried out."""

    mode: Mode
    retries: int
    can_refresh: bool
    max_rate_wait: float
    max_total_wait: float
    attempt: int = 0          # retries used (each one backed off)
    ambiguous: bool = False   # an earlier attempt may have been applied
    refreshed: bool = False
    waited: float = 0.0
    rate_waits: int = 0

    def after(self, outcome: Outcome, verdict: Verdict) -> Budget:
        if verdict.action is Action.RETRY:
            return dataclasses.replace(self, attempt=self.attempt + 1, ambiguous=self.ambiguous or outcome.sent)
        if verdict.action is Action.WAIT:
            return dataclasses.replace(self, waited=self.waited + verdict.wait, rate_waits=self.rate_waits + 1)
        if verdict.action is Action.REFRESH:
            return dataclasses.replace(self, refreshed=True)
        return self


@dataclasses.dataclass(frozen=True)
class Verdict:
    action: Action
    why: Why = Why.PLAIN
    wait: float = 0.0


def kind_of(error: VaultError) -> Kind:
    if isinstance(error, AuthError) and error.status == 401:
        return Kind.UNAUTHORIZED
    for cls, kind in ((RateLimited, Kind.RATE_LIMITED), (NotFound, Kind.NOT_FOUND), (Conflict, Kind.CONFLICT)):
        if isinstance(error, cls):
            return kind
    return Kind.OTHER


def decide(outcome: Outcome, budget: Budget) -> Verdict:
    """The next step after a failed attempt (the table in the module docstring)."""
    if outcome.kind is Kind.UNAUTHORIZED and not budget.can_refresh:
        return Verdict(Action.RAISE, Why.STATIC_TOKEN)
    if outcome.kind is Kind.UNAUTHORIZED and not budget.refreshed:
        return Verdict(Action.REFRESH)
    if outcome.kind is Kind.RATE_LIMITED:
        return _rate_limited(outcome, budget)
    if outcome.kind is Kind.NOT_FOUND and budget.mode is Mode.DELETE and budget.ambiguous:
        return Verdict(Action.DELETED)
    if outcome.kind is Kind.CONFLICT and budget.mode is Mode.CREATE and budget.ambiguous:
        return Verdict(Action.RECOVER)
    if not outcome.retryable:
        return Verdict(Action.RAISE)
    if outcome.sent and budget.mode is Mode.ONCE:
        return Verdict(Action.RAISE, Why.AMBIGUOUS)
    if budget.attempt >= budget.retries:
        return Verdict(Action.RAISE)
    return Verdict(Action.RETRY)


def _rate_limited(outcome: Outcome, budget: Budget) -> Verdict:
    wait = outcome.wait
    if outcome.from_headers and wait > budget.max_rate_wait:
        # Waiting cannot help: this is the per-day quota, fail now with the time it resets.
        return Verdict(Action.RAISE, Why.QUOTA, wait)
    if wait <= budget.max_rate_wait and budget.waited + wait <= budget.max_total_wait and budget.rate_waits < MAX_RATE_WAITS:
        return Verdict(Action.WAIT, wait=wait)
    return Verdict(Action.RAISE)


@dataclasses.dataclass(repr=False)
class ClientStats:
    """Counters of one client: calls (HTTP requests sent to the API), retries, waits, ..."""

    calls: int = 0
    token_calls: int = 0
    retries: int = 0
    waits: int = 0
    # Starts as the int 0 like the other counters, so an idle client reports ``wait_seconds=0``.
    wait_seconds: float = 0
    rate_limited: int = 0
    paced: int = 0
    refreshes: int = 0
    recovered: int = 0

    # The counter names in declaration order; filled in below from the fields themselves.
    FIELDS: ClassVar[Tuple[str, ...]] = ()

    def as_dict(self) -> Dict[str, float]:
        return {name: getattr(self, name) for name in self.FIELDS}

    def __repr__(self) -> str:
        return 'ClientStats(%s)' % ', '.join('%s=%s' % kv for kv in self.as_dict().items())


ClientStats.FIELDS = tuple(field.name for field in dataclasses.fields(ClientStats))


@dataclasses.dataclass
class Backoff:
    """Exponential backoff with "equal jitter", and the waits it and the rate limit cause.

    Shared by the call loop, the token endpoint and the adapter's connect retries, so that
    every pause is counted in ``stats`` and announced through ``warn`` alike.
    """

    retries: int
    stats: ClientStats
    sleep: Callable[[float], None]
    rand: Callable[[], float]
    warn: Optional[Callable[[str], None]] = None
    base: float = 0.5
    cap: float = 20.0

    def delay(self, attempt: int) -> float:
        ceiling = min(self.cap, self.base * (2 ** (attempt - 1)))
        return ceiling / 2.0 + ceiling / 2.0 * self.rand()

    def pause(self, attempt: int, error: object) -> None:
        """Before retry number ``attempt`` (1-based)."""
        delay = self.delay(attempt)
        self.stats.retries += 1
        if self.warn:
            self.warn('zoho.vault: %s; retry %d of %d in %.1fs' % (error, attempt, self.retries, delay))
        self.stats.wait_seconds += delay
        self.sleep(delay)

    def wait(self, seconds: float, context: str, why: str, warn: bool = True) -> None:
        self.stats.waits += 1
        self.stats.wait_seconds += seconds
        if warn and self.warn:
            self.warn('zoho.vault: %s: %s; waiting %.1fs' % (context, why, seconds))
        self.sleep(seconds)
