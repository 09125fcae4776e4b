# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""LookupCache keys and error caching (no agent process: an in-memory double)."""

import time

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._errors import AmbiguousName, NotFound, PermissionDenied, ServerError
from ansible_collections.zoho.vault.plugins.plugin_utils._agent import AgentUnavailable
from ansible_collections.zoho.vault.plugins.plugin_utils._agent_server import Store
from ansible_collections.zoho.vault.plugins.plugin_utils._lookup_cache import RECEIVED, LookupCache, identity


@pytest.fixture(autouse=True)
def fresh_process():
    """Each test is a new worker process: nothing received from the agent yet."""
    RECEIVED.clear()
    yield
    RECEIVED.clear()


class FakeAgent:
    """AgentClient's interface over an in-process Store (one 'connection')."""

    def __init__(self, store=None, owner='conn'):
        self.store = store or Store()
        self.owner = owner
        self.broken = False
        self.gets = 0

    def _check(self):
        if self.broken:
            raise AgentUnavailable('broken on purpose')

    def get(self, key, lease, group=None):
        self._check()
        self.gets += 1
        status, value, others = self.store.get(key, self.owner, lease, group)
        return status == 'hit', value, others

    def put(self, key, value, ttl, group=None):
        self._check()
        self.store.put(key, self.owner, value, ttl, group)

    def abandon(self, key):
        self._check()
        self.store.abandon(key, self.owner)


def options(**overrides):
    values = dict(api_url='https://vault.example.test/api/json', accounts_url='https://accounts.example.test',
                  client_id='1000.ID', client_secret='client-secret', refresh_token='1000.refresh', token_cache=False)
    values.update(overrides)
    return values.get  # what the lookups pass: their option getter


def cache(agent=None, run='run-1', opts=None, unavailable=None):
    return LookupCache(agent, identity(opts or options()), run, ttl=60, lease=30, on_unavailable=unavailable)


class Counter:
    def __init__(self, result=None, error=None):
        self.calls = 0
        self.result = result
        self.error = error

    def __call__(self):
        self.calls += 1
        if self.error is not None:
            raise self.error
        return self.result


def test_processes_of_one_run_share_a_value():
    store = Store()
    producer = Counter('value')
    for owner in ('fork1', 'fork2', 'fork3'):
        assert cache(FakeAgent(store, owner)).fetch('password', ['1'], producer) == 'value'
    assert producer.calls == 1


def test_keys_separate_runs_identities_endpoints_kinds_and_args():
    base = cache()
    assert base.key('password', ['1']) != cache(run='run-2').key('password', ['1'])
    assert base.key('password', ['1']) != cache(opts=options(refresh_token='1000.other')).key('password', ['1'])
    assert base.key('password', ['1']) != cache(opts=options(client_secret='other')).key('password', ['1'])
    assert base.key('password', ['1']) != cache(opts=options(api_url='https://vault.other.test/api/json')).key('password', ['1'])
    assert base.key('password', ['1']) != cache(opts=options(validate_certs=False)).key('password', ['1'])
    assert base.key('password', ['1']) != base.key('secret_id', ['1'])
    assert base.key('password', ['1']) != base.key('password', ['2'])
    # Transport details that cannot change an answer do not split the cache.
    assert base.key('password', ['1']) == cache(opts=options(timeout=5, retries=1)).key('password', ['1'])


def test_the_identity_never_contains_a_credential():
    text = identity(options())
    for secret in ('client-secret', '1000.refresh'):
        assert secret not in text


@pytest.mark.parametrize('error', [NotFound('no secret named x'), PermissionDenied('denied', status=403, code=7003),
                                   AmbiguousName('2 secrets', candidates=[{'name': 'x', 'id': '1'}, {'name': 'x', 'id': '2'}])])
def test_answers_that_are_errors_are_shared_too(error):
    store = Store()
    producer = Counter(error=error)
    for owner in ('fork1', 'fork2'):
        with pytest.raises(type(error)) as info:
            cache(FakeAgent(store, owner)).fetch('resolve', ['x'], producer)
        assert info.value.message == error.message
    assert producer.calls == 1
    if isinstance(error, AmbiguousName):
        assert info.value.candidates == error.candidates


def test_transient_errors_are_not_shared_and_release_the_lease():
    store = Store()
    failing = Counter(error=ServerError('boom', status=503))
    with pytest.raises(ServerError):
        cache(FakeAgent(store, 'fork1')).fetch('password', ['1'], failing)
    assert store.leases == {}
    assert cache(FakeAgent(store, 'fork2')).fetch('password', ['1'], Counter('ok')) == 'ok'


def test_without_an_agent_calls_are_direct_but_memoised_within_one_lookup():
    direct = cache(None)
    producer = Counter('value')
    assert direct.fetch('password', ['1'], producer) == 'value'
    assert direct.fetch('password', ['1'], producer) == 'value'
    assert producer.calls == 1 and direct.counters['direct'] == 1 and not direct.active


def test_a_broken_agent_falls_back_to_direct_calls_and_says_so():
    reasons = []
    agent = FakeAgent()
    agent.broken = True
    broken = cache(agent, unavailable=reasons.append)
    assert broken.fetch('password', ['1'], Counter('value')) == 'value'
    assert reasons == ['broken on purpose'] and not broken.active


def test_one_hit_brings_the_other_values_of_the_run_so_a_worker_asks_once():
    store = Store()
    first = cache(FakeAgent(store, 'fork1'))
    for index in range(5):
        first.fetch('password', [str(index)], Counter('value %d' % index))
    RECEIVED.clear()  # another worker
    agent = FakeAgent(store, 'fork2')
    values = [cache(agent).fetch('password', [str(index)], Counter('never called')) for index in range(5)]
    assert values == ['value %d' % index for index in range(5)]
    assert agent.gets == 1


def test_values_received_expire_with_their_ttl(monkeypatch):
    store = Store()
    cache(FakeAgent(store, 'fork1')).fetch('password', ['1'], Counter('one'))
    cache(FakeAgent(store, 'fork1')).fetch('password', ['2'], Counter('two'))
    agent = FakeAgent(store, 'fork2')
    assert cache(agent).fetch('password', ['1'], Counter('never called')) == 'one'
    clock = time.monotonic() + 61
    monkeypatch.setattr(time, 'monotonic', lambda: clock)
    assert RECEIVED.entry(cache(agent).key('password', ['2'])) is None


def test_another_run_or_identity_receives_nothing_of_this_one():
    store = Store()
    cache(FakeAgent(store, 'fork1')).fetch('password', ['1'], Counter('one'))
    cache(FakeAgent(store, 'fork1')).fetch('password', ['2'], Counter('two'))
    other_run = FakeAgent(store, 'fork2')
    assert cache(other_run, run='run-2').fetch('password', ['1'], Counter('fresh')) == 'fresh'
    other_identity = cache(FakeAgent(store, 'fork3'), opts=options(refresh_token='1000.other'))
    assert other_identity.fetch('password', ['2'], Counter('mine')) == 'mine'
    assert RECEIVED.entries == {}
