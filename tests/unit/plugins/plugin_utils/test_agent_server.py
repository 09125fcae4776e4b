# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The agent's store: values with TTL, single-flight leases, wiping what it forgets; the protocol's dispatch."""

import threading
import time

from ansible_collections.zoho.vault.plugins.plugin_utils import _agent_server
from ansible_collections.zoho.vault.plugins.plugin_utils._agent_server import Store, dispatch


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def make_store():
    clock = Clock()
    return Store(clock=clock), clock


def test_miss_grants_the_lease_then_put_makes_a_hit():
    store, _clock = make_store()
    assert store.get('k', 'a', 30) == ('miss', None, {})
    store.put('k', 'a', {'v': 'x'}, 60)
    assert store.get('k', 'b', 30) == ('hit', {'v': 'x'}, {})
    assert store.counters['hits'] == 1 and store.counters['misses'] == 1


def test_values_expire_after_their_ttl():
    store, clock = make_store()
    store.get('k', 'a', 30)
    store.put('k', 'a', {'v': 'x'}, 60)
    clock.now += 61
    assert store.get('k', 'b', 30) == ('miss', None, {})
    assert store.counters['expired'] == 1
    assert store.stats()['entries'] == 0


def test_ttl_zero_stores_nothing_but_releases_the_lease():
    store, _clock = make_store()
    store.get('k', 'a', 30)
    store.put('k', 'a', {'v': 'x'}, 0)
    assert store.get('k', 'b', 30) == ('miss', None, {})


def test_a_second_asker_waits_for_the_lease_holder():
    store = Store()
    assert store.get('k', 'holder', 30)[0] == 'miss'
    result = {}

    def waiter():
        result['reply'] = store.get('k', 'waiter', 30)

    thread = threading.Thread(target=waiter)
    thread.start()
    time.sleep(0.2)
    assert thread.is_alive(), 'the waiter must block while the holder fetches'
    store.put('k', 'holder', {'v': 1}, 60)
    thread.join(5)
    assert result['reply'] == ('hit', {'v': 1}, {})
    assert store.counters['waits'] == 1 and store.counters['misses'] == 1


def test_abandon_hands_the_lease_to_a_waiter():
    store = Store()
    store.get('k', 'holder', 30)
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault('reply', store.get('k', 'waiter', 30)))
    thread.start()
    time.sleep(0.1)
    store.abandon('k', 'holder')
    thread.join(5)
    assert result['reply'] == ('miss', None, {})
    assert store.leases['k'][0] == 'waiter'


def test_a_dead_connection_releases_its_leases():
    store = Store()
    store.get('a', 'conn1', 30)
    store.get('b', 'conn1', 30)
    store.release_all('conn1')
    assert store.leases == {}


def test_an_expired_lease_goes_to_the_next_asker():
    store, clock = make_store()
    store.get('k', 'stuck', 5)
    clock.now += 6
    assert store.get('k', 'next', 5) == ('miss', None, {})


def test_stats_carry_no_values():
    store, _clock = make_store()
    store.put('k', 'a', {'v': 'CANARY-value'}, 60)
    assert 'CANARY-value' not in repr(store.stats())


def _held(store, key):
    """The object the store keeps for ``key``: what stays in the agent's memory."""
    return store.values[key][1]


def _still_holds(held, canary):
    data = bytes(held) if isinstance(held, (bytes, bytearray)) else repr(held).encode('utf-8')
    return canary.encode('utf-8') in data


def test_an_expired_value_is_wiped_from_memory_without_a_request():
    store, clock = make_store()
    store.get('k', 'a', 30)
    store.put('k', 'a', {'v': 'CANARY-expired'}, 60)
    held = _held(store, 'k')
    clock.now += 61
    store.sweep()  # what the agent does every second, whether or not anyone asks
    assert 'k' not in store.values
    assert not _still_holds(held, 'CANARY-expired')
    assert store.counters['expired'] == 1


def test_an_expired_value_is_refused_then_wiped_from_memory():
    store, clock = make_store()
    store.put('token', 'a', {'access_token': 'CANARY-token', 'expires_at': 5000.0}, 300)
    held = _held(store, 'token')
    clock.now += 299
    assert store.get('token', 'b', 30) == ('hit', {'access_token': 'CANARY-token', 'expires_at': 5000.0}, {})
    clock.now += 2
    assert store.get('token', 'b', 30) == ('miss', None, {})
    assert not _still_holds(held, 'CANARY-token')


def test_replaced_and_evicted_values_are_wiped(monkeypatch):
    store, _clock = make_store()
    store.put('k', 'a', {'v': 'CANARY-replaced'}, 60)
    replaced = _held(store, 'k')
    store.put('k', 'a', {'v': 'new'}, 60)
    assert not _still_holds(replaced, 'CANARY-replaced')
    assert store.get('k', 'b', 30) == ('hit', {'v': 'new'}, {})

    monkeypatch.setattr('ansible_collections.zoho.vault.plugins.plugin_utils._agent_server.MAX_ENTRIES', 1)
    evicted = _held(store, 'k')
    store.put('other', 'a', {'v': 'x'}, 600)
    assert 'k' not in store.values and not _still_holds(evicted, 'new')


def test_clear_wipes_everything_when_the_agent_stops():
    store, _clock = make_store()
    store.put('k', 'a', {'v': 'CANARY-left'}, 60)
    held = _held(store, 'k')
    store.clear()
    assert store.values == {} and not _still_holds(held, 'CANARY-left')


def test_dispatch_answers_each_operation_and_refuses_the_rest():
    store, _clock = make_store()
    assert dispatch(store, 'a', {'op': 'get', 'key': 'k', 'lease': 5}) == {'status': 'miss', 'value': None, 'others': {}}
    assert dispatch(store, 'a', {'op': 'put', 'key': 'k', 'value': {'v': 1}, 'ttl': 60}) == {'status': 'ok'}
    assert dispatch(store, 'b', {'op': 'get', 'key': 'k'}) == {'status': 'hit', 'value': {'v': 1}, 'others': {}}
    assert dispatch(store, 'b', {'op': 'abandon', 'key': 'k'}) == {'status': 'ok'}
    assert dispatch(store, 'b', {'op': 'stats'})['stats']['entries'] == 1
    assert dispatch(store, 'b', {'op': 'get'}) == {'status': 'error', 'error': 'bad request'}
    assert dispatch(store, 'b', {'op': 'permit', 'bucket': 'x'}) == {'status': 'error', 'error': 'unknown operation'}
    assert dispatch(store, 'b', ['get']) == {'status': 'error', 'error': 'unknown operation'}


def test_a_hit_with_its_group_carries_the_groups_other_values_and_nothing_else():
    store, clock = make_store()
    store.put('a', 'w', {'v': 'A'}, 60, 'run-1')
    store.put('b', 'w', {'v': 'B'}, 30, 'run-1')
    store.put('c', 'w', {'v': 'C'}, 60, 'run-2')
    store.put('d', 'w', {'v': 'D'}, 60)
    clock.now += 10
    status, value, others = store.get('a', 'x', 30, 'run-1')
    assert (status, value) == ('hit', {'v': 'A'})
    assert others == {'b': [20.0, {'v': 'B'}]}
    assert store.get('a', 'x', 30) == ('hit', {'v': 'A'}, {})  # without a group: the value alone


def test_what_a_hit_carries_is_bounded(monkeypatch):
    monkeypatch.setattr(_agent_server, 'MAX_GROUP_ENTRIES', 3)
    store, _clock = make_store()
    for index in range(10):
        store.put('k%d' % index, 'w', {'v': index}, 60, 'run')
    assert len(store.get('k0', 'x', 30, 'run')[2]) == 3
