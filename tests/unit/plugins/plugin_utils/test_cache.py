# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""LookupCache keys and error caching, the shared token provider (no agent process: an in-memory double)."""


import pytest

from ansible_collections.zoho.vault.plugins.module_utils._errors import AmbiguousName, NotFound, PermissionDenied, ServerError
from ansible_collections.zoho.vault.plugins.module_utils._options import ConnectionOptions
from ansible_collections.zoho.vault.plugins.plugin_utils._agent import AgentUnavailable
from ansible_collections.zoho.vault.plugins.plugin_utils._agent_server import Store
from ansible_collections.zoho.vault.plugins.plugin_utils._cache import AgentTokenProvider, LookupCache, identity, token_key


class FakeAgent:
    """AgentClient's interface over an in-process Store (one 'connection')."""

    def __init__(self, store=None, owner='conn'):
        self.store = store or Store()
        self.owner = owner
        self.broken = False

    def _check(self):
        if self.broken:
            raise AgentUnavailable('broken on purpose')

    def get(self, key, lease):
        self._check()
        status, value = self.store.get(key, self.owner, lease)
        return status == 'hit', value

    def put(self, key, value, ttl):
        self._check()
        self.store.put(key, self.owner, value, ttl)

    def abandon(self, key):
        self._check()
        self.store.abandon(key, self.owner)

    def drop(self, key, if_value=None):
        self._check()
        return self.store.drop(key, if_value)


def options(**overrides):
    values = dict(api_url='https://vault.example.test/api/json', accounts_url='https://accounts.example.test',
                  client_id='1000.ID', client_secret='client-secret', refresh_token='1000.refresh', token_cache=False)
    values.update(overrides)
    return ConnectionOptions.from_values(values)


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
    text = identity(options()) + token_key(options())
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


class FakeInner:
    can_refresh = True

    def __init__(self):
        self.minted = 0
        self.invalidated = []
        self._current = None
        self.mint = None

    def token(self):
        self.minted += 1
        self._current = {'access_token': 'tok-%d' % self.minted, 'expires_at': 1e12}
        return self._current['access_token']

    def invalidate(self, token, since=None):
        self.invalidated.append(token)

    def secret_values(self):
        return ('client-secret',)


def test_the_token_is_minted_once_for_all_forks():
    store = Store()
    inners = [FakeInner() for _dummy in range(3)]
    tokens = [AgentTokenProvider(inner, cache(FakeAgent(store, 'fork%d' % i)), 'tokkey').token() for i, inner in enumerate(inners)]
    assert tokens == ['tok-1'] * 3
    assert sum(inner.minted for inner in inners) == 1


def test_invalidate_drops_the_shared_token_only_if_unchanged():
    store = Store()
    first = AgentTokenProvider(FakeInner(), cache(FakeAgent(store, 'a')), 'tokkey')
    assert first.token() == 'tok-1'
    first.invalidate('tok-1')
    assert store.get('tokkey', 'probe', 5)[0] == 'miss'
    store.abandon('tokkey', 'probe')
    second = AgentTokenProvider(FakeInner(), cache(FakeAgent(store, 'b')), 'tokkey')
    second.inner.minted = 1
    assert second.token() == 'tok-2'
    first.invalidate('tok-1')  # a late 401 of the old token must not drop the new one
    assert store.get('tokkey', 'probe2', 5) == ('hit', second._current)


class StaleInner(FakeInner):
    """An inner provider whose token file still holds the refused token once (another fork's race)."""

    def __init__(self, stale):
        super(StaleInner, self).__init__()
        self.stale = stale

    def token(self):
        if self.stale and self.stale not in self.invalidated:
            return self.stale
        return super(StaleInner, self).token()


def test_a_refused_token_parked_again_by_another_fork_is_never_reused():
    store = Store()
    first = AgentTokenProvider(StaleInner('old'), cache(FakeAgent(store, 'a')), 'tokkey')
    assert first.token() == 'old'
    first.invalidate('old')
    # Another fork read 'old' from the token file before it was deleted, and parks it again.
    racer = AgentTokenProvider(StaleInner('old'), cache(FakeAgent(store, 'b')), 'tokkey')
    assert racer.token() == 'old'
    assert first.token() == 'tok-1'
    assert 'old' in first.inner.invalidated


def test_the_inner_provider_is_made_to_mint_when_it_returns_a_refused_token():
    provider = AgentTokenProvider(StaleInner('old'), cache(None), 'tokkey')
    assert provider.token() == 'old'
    provider.invalidate('old')
    provider.inner.invalidated.remove('old')  # the inner provider forgot nothing (file rewritten by a racer)
    assert provider.token() == 'tok-1'


def test_after_a_reset_neither_the_agent_token_nor_an_older_file_token_is_retried(tmp_path):
    # The emulator's reset (or a real revocation) voids the token parked in the agent AND the one
    # another process cached in the token file before it: the single retry must use a new token.
    from ansible_collections.zoho.vault.plugins.module_utils._auth import RefreshTokenProvider, TokenCache
    now = [1000.0]
    minted = []

    def mint(client_id, client_secret, refresh_token):
        minted.append(now[0])
        return {'access_token': 'new-%d' % len(minted), 'expires_in': 3600}

    files = TokenCache(str(tmp_path / 'tokens'), clock=lambda: now[0])
    files.write('k', 'file-old', 4600.0, 3600.0, 1000.0)
    store = Store()
    store.put('tokkey', 'seed', {'access_token': 'agent-old', 'expires_at': 4000.0, 'minted_at': 400.0}, 60)
    inner = RefreshTokenProvider('id', 'secret', 'refresh', 'https://accounts.example.test', cache=files, mint=mint,
                                 clock=lambda: now[0])
    inner.key = 'k'
    provider = AgentTokenProvider(inner, cache(FakeAgent(store, 'fork')), 'tokkey', clock=lambda: now[0])
    now[0] = 1010.0
    assert provider.token() == 'agent-old'
    now[0] = 1011.0
    provider.invalidate('agent-old')
    assert provider.token() == 'new-1' and minted == [1011.0]


def test_a_token_no_http_header_can_carry_is_never_taken_from_the_agent():
    store = Store()
    store.get('tokkey', 'planter', 5)
    store.put('tokkey', 'planter', {'access_token': 'tok\r\nX-Injected: 1', 'expires_at': 1e12}, 600)
    provider = AgentTokenProvider(FakeInner(), cache(FakeAgent(store, 'a')), 'tokkey')
    assert provider.token() == 'tok-1'
