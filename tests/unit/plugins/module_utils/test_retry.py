# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The retry decision as a matrix: outcome × mode × budget → verdict, with no HTTP and no clock."""

import itertools

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._errors import (
    AuthError, Conflict, NotFound, RateLimited, ServerError, TokenMintLimit, TransportError, ValidationError,
)
from ansible_collections.zoho.vault.plugins.module_utils._retry import (
    MAX_RATE_WAITS, Action, Budget, ClientStats, Kind, Mode, Outcome, Verdict, Why, decide, kind_of,
)

RETRIES = 3
MAX_RATE_WAIT = 75.0
MAX_TOTAL_WAIT = 300.0

VERDICTS = {
    'retry': Verdict(Action.RETRY),
    'raise': Verdict(Action.RAISE),
    'ambiguous': Verdict(Action.RAISE, Why.AMBIGUOUS),
    'refresh': Verdict(Action.REFRESH),
    'static': Verdict(Action.RAISE, Why.STATIC_TOKEN),
    'deleted': Verdict(Action.DELETED),
    'recover': Verdict(Action.RECOVER),
}
MODES = {'SAFE': Mode.SAFE, 'DELETE': Mode.DELETE, 'ONCE': Mode.ONCE, 'CREATE': Mode.CREATE}


def budget(mode, attempt=0, ambiguous=False, refreshed=False, can_refresh=True, waited=0.0, rate_waits=0):
    return Budget(mode, RETRIES, can_refresh, MAX_RATE_WAIT, MAX_TOTAL_WAIT, attempt=attempt, ambiguous=ambiguous,
                  refreshed=refreshed, waited=waited, rate_waits=rate_waits)


def rows(table):
    """(condition words..., mode, verdict) per line and mode of a table whose header names the modes after "|"."""
    lines = [line.split() for line in table.strip().splitlines()]
    modes = lines[0][lines[0].index('|') + 1:]
    for words in lines[1:]:
        split = words.index('|')
        for mode, verdict in zip(modes, words[split + 1:]):
            yield tuple(words[:split]) + (mode, verdict)


# A failure that is none of 401/404/409/429 (5xx, timeouts, resets, malformed replies, 4xx).
OTHER = """
retryable  sent  retries  |  SAFE   DELETE  ONCE       CREATE
no         no    left     |  raise  raise   raise      raise
no         yes   left     |  raise  raise   raise      raise
yes        no    left     |  retry  retry   retry      retry
yes        yes   left     |  retry  retry   ambiguous  retry
no         no    spent    |  raise  raise   raise      raise
no         yes   spent    |  raise  raise   raise      raise
yes        no    spent    |  raise  raise   raise      raise
yes        yes   spent    |  raise  raise   ambiguous  raise
"""


@pytest.mark.parametrize('retryable, sent, retries, mode, expected', list(rows(OTHER)))
def test_other_failures(retryable, sent, retries, mode, expected):
    outcome = Outcome(Kind.OTHER, retryable == 'yes', sent == 'yes')
    assert decide(outcome, budget(MODES[mode], attempt=0 if retries == 'left' else RETRIES)) == VERDICTS[expected]


# 401: one refresh per call, and only when the collection can mint tokens.
UNAUTHORIZED = """
can_refresh  refreshed  |  SAFE     DELETE   ONCE     CREATE
yes          no         |  refresh  refresh  refresh  refresh
yes          yes        |  raise    raise    raise    raise
no           no         |  static   static   static   static
no           yes        |  static   static   static   static
"""


@pytest.mark.parametrize('can_refresh, refreshed, mode, expected', list(rows(UNAUTHORIZED)))
@pytest.mark.parametrize('sent', [False, True])
def test_401(can_refresh, refreshed, mode, expected, sent):
    outcome = Outcome(Kind.UNAUTHORIZED, False, sent)
    state = budget(MODES[mode], refreshed=refreshed == 'yes', can_refresh=can_refresh == 'yes')
    assert decide(outcome, state) == VERDICTS[expected]


# 404 and 409 (never retryable in themselves) after an attempt that may have been applied.
AFTER_AMBIGUOUS = """
kind  ambiguous  |  SAFE   DELETE   ONCE   CREATE
404   yes        |  raise  deleted  raise  raise
404   no         |  raise  raise    raise  raise
409   yes        |  raise  raise    raise  recover
409   no         |  raise  raise    raise  raise
"""


@pytest.mark.parametrize('kind, ambiguous, mode, expected', list(rows(AFTER_AMBIGUOUS)))
def test_404_and_409(kind, ambiguous, mode, expected):
    outcome = Outcome(Kind.NOT_FOUND if kind == '404' else Kind.CONFLICT, False, True)
    assert decide(outcome, budget(MODES[mode], attempt=1, ambiguous=ambiguous == 'yes')) == VERDICTS[expected]


# 429: the same in every mode (a 429 was not applied); bounds on one wait, on all waits, on their count.
@pytest.mark.parametrize('mode', list(Mode))
@pytest.mark.parametrize('wait, from_headers, waited, rate_waits, expected', [
    (10.0, True, 0.0, 0, Verdict(Action.WAIT, wait=10.0)),
    (MAX_RATE_WAIT, True, 0.0, 0, Verdict(Action.WAIT, wait=MAX_RATE_WAIT)),
    (MAX_RATE_WAIT + 1, True, 0.0, 0, Verdict(Action.RAISE, Why.QUOTA, MAX_RATE_WAIT + 1)),  # the daily quota: fail now
    (3600.0, True, 0.0, 0, Verdict(Action.RAISE, Why.QUOTA, 3600.0)),
    (MAX_RATE_WAIT + 1, False, 0.0, 0, Verdict(Action.RAISE)),  # a backoff guess, not a reset time
    (60.0, True, 240.0, 4, Verdict(Action.WAIT, wait=60.0)),    # exactly the total bound
    (60.0, True, 241.0, 4, Verdict(Action.RAISE)),
    (0.5, False, 0.0, MAX_RATE_WAITS - 1, Verdict(Action.WAIT, wait=0.5)),
    (0.5, False, 0.0, MAX_RATE_WAITS, Verdict(Action.RAISE)),
])
def test_429(mode, wait, from_headers, waited, rate_waits, expected):
    outcome = Outcome(Kind.RATE_LIMITED, True, False, wait, from_headers)
    # Retries spent or not, ambiguous or not: a 429 is waited out by its own bounds.
    for attempt, ambiguous in itertools.product((0, RETRIES), (False, True)):
        state = budget(mode, attempt=attempt, ambiguous=ambiguous, waited=waited, rate_waits=rate_waits)
        assert decide(outcome, state) == expected


@pytest.mark.parametrize('error, kind', [
    (AuthError('x', status=401), Kind.UNAUTHORIZED),
    (AuthError('x', status=403), Kind.OTHER),
    (TokenMintLimit('x', status=400), Kind.OTHER),
    (RateLimited('x', status=429), Kind.RATE_LIMITED),
    (NotFound('x', status=404), Kind.NOT_FOUND),
    (Conflict('x', status=409), Kind.CONFLICT),
    (ServerError('x', status=503), Kind.OTHER),
    (TransportError('x'), Kind.OTHER),
    (ValidationError('x', status=400), Kind.OTHER),
])
def test_kind_of(error, kind):
    assert kind_of(error) is kind


def test_budget_after_each_verdict():
    start = budget(Mode.SAFE)
    sent = Outcome(Kind.OTHER, True, True)
    not_sent = Outcome(Kind.OTHER, True, False)
    assert start.after(not_sent, Verdict(Action.RETRY)) == budget(Mode.SAFE, attempt=1)
    assert start.after(sent, Verdict(Action.RETRY)) == budget(Mode.SAFE, attempt=1, ambiguous=True)
    assert start.after(sent, Verdict(Action.WAIT, wait=7.0)) == budget(Mode.SAFE, waited=7.0, rate_waits=1)
    assert start.after(sent, Verdict(Action.REFRESH)) == budget(Mode.SAFE, refreshed=True)
    for action in (Action.RAISE, Action.RECOVER, Action.DELETED):
        assert start.after(sent, Verdict(action)) == start


def walk(mode, outcomes, **state):
    """Apply decide/after over successive failures; the actions taken, up to the first that ends the call."""
    current, actions = budget(mode, **state), []
    for outcome in outcomes:
        verdict = decide(outcome, current)
        actions.append(verdict.action)
        if verdict.action not in (Action.RETRY, Action.WAIT, Action.REFRESH):
            break
        current = current.after(outcome, verdict)
    return actions


def test_retries_are_spent_then_the_call_fails():
    assert walk(Mode.SAFE, [Outcome(Kind.OTHER, True, True)] * 10) == [Action.RETRY] * RETRIES + [Action.RAISE]


def test_a_second_401_is_not_refreshed_again():
    assert walk(Mode.SAFE, [Outcome(Kind.UNAUTHORIZED, False, True)] * 3) == [Action.REFRESH, Action.RAISE]


def test_429_without_headers_is_waited_out_a_bounded_number_of_times():
    actions = walk(Mode.SAFE, [Outcome(Kind.RATE_LIMITED, True, False, 1.0)] * 20)
    assert actions == [Action.WAIT] * MAX_RATE_WAITS + [Action.RAISE]


def test_a_reset_delete_then_404_counts_as_deleted():
    outcomes = [Outcome(Kind.OTHER, True, True), Outcome(Kind.NOT_FOUND, False, True)]
    assert walk(Mode.DELETE, outcomes) == [Action.RETRY, Action.DELETED]
    # A connection that never reached the server deleted nothing: the 404 is real.
    outcomes = [Outcome(Kind.OTHER, True, False), Outcome(Kind.NOT_FOUND, False, True)]
    assert walk(Mode.DELETE, outcomes) == [Action.RETRY, Action.RAISE]


def test_a_create_repeated_after_a_reset_recovers_on_409():
    outcomes = [Outcome(Kind.OTHER, True, True), Outcome(Kind.CONFLICT, False, True)]
    assert walk(Mode.CREATE, outcomes) == [Action.RETRY, Action.RECOVER]


def test_once_is_never_repeated_after_a_possibly_applied_failure():
    # Not even after a refresh or a rate-limit wait made earlier in the call.
    outcomes = [Outcome(Kind.UNAUTHORIZED, False, True), Outcome(Kind.RATE_LIMITED, True, False, 1.0),
                Outcome(Kind.OTHER, True, True)]
    assert walk(Mode.ONCE, outcomes) == [Action.REFRESH, Action.WAIT, Action.RAISE]


def test_client_stats_counters_order_and_repr():
    stats = ClientStats()
    assert ClientStats.FIELDS == ('calls', 'token_calls', 'retries', 'waits', 'wait_seconds', 'rate_limited', 'paced',
                                  'refreshes', 'recovered')
    assert stats.as_dict() == dict.fromkeys(ClientStats.FIELDS, 0)
    stats.calls += 2
    stats.wait_seconds += 1.5
    assert stats.as_dict()['calls'] == 2 and stats.as_dict()['wait_seconds'] == 1.5
    assert repr(stats) == ('ClientStats(calls=2, token_calls=0, retries=0, waits=0, wait_seconds=1.5, rate_limited=0, paced=0, '
                           'refreshes=0, recovered=0)')
