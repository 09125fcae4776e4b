# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The shared client against the emulator: tokens, 401 refresh, faults without duplicates, rate limits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._errors import AmbiguousName, AuthError, Conflict, NotFound, RateLimited, TokenMintLimit

from conftest import collection_pythonpath


def test_round_trip(new_user, make_vault):
    vault = make_vault(new_user())
    me = vault.users.current()
    chamber = vault.chambers.create({'chambername': 'RT', 'chambertype': 'Shared'})
    secret = vault.secrets.create({'secretname': 'rt-db', 'password': 'Sup3r-Secret!', 'chamberid': chamber['chamberid'],
                                   'secrettype': 'Database'})
    assert vault.secrets.get_password(secret['secretid']) == 'Sup3r-Secret!'
    assert vault.secrets.resolve('RT-DB')['secretid'] == secret['secretid']
    assert vault.chambers.resolve('rt')['chamberid'] == chamber['chamberid']
    assert vault.users.resolve(me['emailid'].upper())['userid'] == me['userid']
    vault.secrets.update(secret['secretid'], {'notes': 'changed'})
    assert vault.secrets.get(secret['secretid'])['notes'] == 'changed'
    with pytest.raises(Conflict):
        vault.secrets.create({'secretname': 'RT-db', 'password': 'Another-1!', 'chamberid': chamber['chamberid']})
    password = vault.generator.generate(length=20, symbols=False)
    assert len(password) == 20
    assert [a['event'] for a in vault.audit.list(secret_id=secret['secretid'])][:1] == ['Secret Created']
    vault.secrets.delete(secret['secretid'])
    with pytest.raises(NotFound):
        vault.secrets.get(secret['secretid'])
    vault.chambers.delete(chamber['chamberid'])


def test_ambiguous_secret_name_lists_candidates(new_user, make_vault):
    vault = make_vault(new_user())
    a = vault.chambers.create({'chambername': 'AmbA'})
    b = vault.chambers.create({'chambername': 'AmbB'})
    for chamber in (a, b):
        vault.secrets.create({'secretname': 'twin', 'password': 'Twin-Pass-1', 'chamberid': chamber['chamberid']})
    with pytest.raises(AmbiguousName) as info:
        vault.secrets.resolve('twin')
    text = str(info.value)
    assert 'AmbA' in text and 'AmbB' in text and a['chamberid'] in text
    assert len(info.value.candidates) == 2
    assert vault.secrets.resolve('twin', chamber_id=b['chamberid'])['chamberid'] == b['chamberid']


def test_token_is_minted_once_and_cached(emu, new_user, make_vault):
    creds = new_user()
    before = emu.counters()['tokens_minted']
    for _unused in range(3):
        make_vault(creds).users.current()  # three clients, as three processes would be
    assert emu.counters()['tokens_minted'] - before == 1


def test_token_refreshed_ahead_of_expiry(emu, new_user, make_vault):
    creds = new_user()
    emu.set_token_ttl(4)
    try:
        vault = make_vault(creds)
        before = emu.counters()['tokens_minted']
        vault.users.current()
        time.sleep(3.2)  # less than a quarter of the lifetime left: refresh before using it
        vault.users.current()
        assert emu.counters()['tokens_minted'] - before == 2
        assert vault.stats.refreshes == 0  # no 401 was needed
    finally:
        emu.set_token_ttl(3600)


def test_401_refreshes_once_and_retries(emu, new_user, make_vault):
    creds = new_user()
    vault = make_vault(creds)
    vault.users.current()
    before = emu.counters()['tokens_minted']
    emu.set_clock(2 * 3600)  # the cached token expired server-side; the client still believes in it
    assert vault.users.current()['emailid'] == creds['email']
    assert vault.stats.refreshes == 1
    assert emu.counters()['tokens_minted'] - before == 1


def test_expire_token_fault_is_survived(emu, new_user, make_vault):
    vault = make_vault(new_user())
    vault.users.current()
    emu.add_fault(kind='expire_token', count=1)
    vault.users.current()
    assert vault.stats.refreshes == 1


def test_a_handed_over_token_is_used_first_then_replaced_when_it_expires(emu, new_user, make_vault):
    """AWX's control plane hands a job its token; the job mints its own only when that one has expired."""
    creds = new_user()
    handed = make_vault(creds, token_cache=False).client.token_provider.token()
    before = emu.counters()['tokens_minted']
    vault = make_vault(creds, access_token=handed, token_cache=False)
    for _unused in range(3):
        assert vault.users.current()['emailid'] == creds['email']
    assert emu.counters()['tokens_minted'] == before and vault.stats.refreshes == 0
    emu.set_clock(2 * 3600)  # the handed-over token expired server-side
    assert vault.users.current()['emailid'] == creds['email']
    assert vault.stats.refreshes == 1 and emu.counters()['tokens_minted'] - before == 1


def test_a_token_alone_is_never_refreshed(emu, new_user, make_vault):
    creds = new_user()
    handed = make_vault(creds, token_cache=False).client.token_provider.token()
    vault = make_vault({'client_id': '', 'client_secret': '', 'refresh_token': ''}, access_token=handed)
    assert vault.users.current()['emailid'] == creds['email']
    emu.set_clock(2 * 3600)
    with pytest.raises(AuthError) as info:
        vault.users.current()
    assert handed not in str(info.value)


WORKER = textwrap.dedent('''
    import json, sys, time
    from ansible_collections.zoho.vault.plugins.module_utils._api import Vault
    from ansible_collections.zoho.vault.plugins.module_utils._options import ConnectionOptions
    from ansible_collections.zoho.vault.plugins.module_utils._errors import VaultError
    start_at = float(sys.argv[1])
    options = ConnectionOptions.from_env()
    vault = Vault.from_options(options, backoff_base=0.05)
    while time.time() < start_at:
        time.sleep(0.002)
    try:
        vault.users.current()
        print(json.dumps({"ok": True, "minted": vault.client.token_provider.minted}))
    except VaultError as err:
        print(json.dumps({"ok": False, "error": str(err), "type": type(err).__name__}))
''')


def run_processes(emu, creds, count, token_cache, cache_dir):
    env = dict(os.environ, PYTHONPATH=collection_pythonpath(), ZOHO_VAULT_API_URL=emu.api_url,
               ZOHO_VAULT_ACCOUNTS_URL=emu.accounts_url, ZOHO_VAULT_CLIENT_ID=creds['client_id'],
               ZOHO_VAULT_CLIENT_SECRET=creds['client_secret'], ZOHO_VAULT_REFRESH_TOKEN=creds['refresh_token'],
               ZOHO_VAULT_TOKEN_CACHE='true' if token_cache else 'false', ZOHO_VAULT_TOKEN_CACHE_DIR=cache_dir)
    start_at = time.time() + 2.0 + count * 0.03
    procs = [subprocess.Popen([sys.executable, '-c', WORKER, str(start_at)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE) for _unused in range(count)]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
        results.append(json.loads(out.decode().strip().splitlines()[-1]))
    return results


def test_30_processes_at_once_mint_one_token(emu, new_user, tmp_path):
    creds = new_user()
    before = emu.counters()['tokens_minted']
    results = run_processes(emu, creds, 30, True, str(tmp_path / 'shared-cache'))
    assert all(r['ok'] for r in results), results
    assert sum(r['minted'] for r in results) == 1
    assert emu.counters()['tokens_minted'] - before == 1


def test_without_cache_the_mint_limit_is_explained(emu, new_user, tmp_path):
    creds = new_user()
    results = run_processes(emu, creds, 12, False, str(tmp_path / 'unused'))
    failures = [r for r in results if not r['ok']]
    assert len(failures) == 2
    assert all(r['type'] == TokenMintLimit.__name__ and 'token_cache' in r['error'] for r in failures)
    assert creds['refresh_token'] not in json.dumps(results) and creds['client_secret'] not in json.dumps(results)


def test_faults_every_call_succeeds_and_nothing_is_duplicated(emu, new_user, make_vault):
    creds = new_user()
    vault = make_vault(creds)
    vault.users.current()
    emu.reset_counters()
    # About 20% of API requests fail, before or after the server applied them, as 5xx or connection resets.
    emu.add_fault(kind='status', status=503, rate=0.06, phase='before')
    emu.add_fault(kind='reset', rate=0.05, phase='before')
    emu.add_fault(kind='status', status=500, rate=0.06, phase='after')
    emu.add_fault(kind='reset', rate=0.05, phase='after')
    chamber = vault.chambers.create({'chambername': 'Faulty', 'chambertype': 'Shared'})
    created = {}
    for i in range(40):
        name = 'faulty-%02d' % i
        created[name] = vault.secrets.create({'secretname': name, 'password': 'Faulty-Pass-%02d' % i,
                                              'chamberid': chamber['chamberid'], 'username': 'u%d' % i})
    group = vault.groups.create({'groupname': 'faulty-group', 'members': [creds['email']]})
    for i, (name, secret) in enumerate(sorted(created.items())):
        vault.secrets.update(secret['secretid'], {'notes': 'n%d' % i})
        assert vault.secrets.get_password(secret['secretid']) == 'Faulty-Pass-%02d' % i
    for name in sorted(created)[:5]:
        vault.secrets.delete(created[name]['secretid'])
    counters = emu.counters()
    emu.clear_faults()
    # ~20% of requests were faulted (a loose lower bound: the rate is random)
    assert counters['faults_injected'] >= 0.1 * counters['calls_total'], counters
    names = [s['secretname'] for s in vault.secrets.list(chamber_id=chamber['chamberid'])]
    assert sorted(names) == sorted(created)[5:]  # no duplicates, deletes done
    assert [c['chambername'] for c in vault.chambers.list()].count('Faulty') == 1
    assert [g['groupname'] for g in vault.groups.list()].count('faulty-group') == 1
    assert group['groupname'] == 'faulty-group'
    assert vault.stats.retries > 0


@pytest.mark.parametrize('kind', ['status', 'reset'])
def test_create_applied_but_reply_lost_is_not_repeated(emu, new_user, make_vault, kind):
    vault = make_vault(new_user())
    chamber = vault.chambers.create({'chambername': 'Lost-%s' % kind})
    emu.reset_counters()
    emu.add_fault(kind=kind, status=500 if kind == 'status' else None, phase='after', method='POST', path='^/secrets$', count=1)
    secret = vault.secrets.create({'secretname': 'lost-reply', 'password': 'Lost-Reply-1', 'chamberid': chamber['chamberid']})
    assert secret['secretname'] == 'lost-reply'
    assert emu.counters()['calls']['POST /secrets'] == 1
    assert vault.stats.recovered == 1
    assert len(vault.secrets.list(chamber_id=chamber['chamberid'])) == 1


def test_burst_past_the_plan_limit_surfaces_no_429(emu, new_user, make_vault, sim_time):
    creds = new_user()
    vault = make_vault(creds, client_kwargs={'sleep': sim_time.sleep, 'clock': sim_time.time})
    vault.users.current()
    emu.set_plan(per_minute=10)
    emu.reset_counters()
    for _unused in range(35):  # 3.5 windows' worth
        vault.users.current()
    counters = emu.counters()
    assert counters['calls']['GET /users/current'] >= 35
    assert sim_time.slept >= 120  # it waited for windows instead of failing
    assert counters['rate_limited'] <= 1  # paced: it hardly ever ran into the wall
    assert vault.stats.paced > 0


def test_429_from_another_consumer_is_waited_out(emu, new_user, make_vault, sim_time):
    vault = make_vault(new_user(), client_kwargs={'sleep': sim_time.sleep, 'clock': sim_time.time})
    vault.users.current()
    emu.add_fault(kind='rate_limit', count=2)
    assert vault.users.current()
    assert vault.stats.rate_limited == 2 and sim_time.slept > 0


@pytest.mark.skipif(not os.environ.get('ZOHO_VAULT_SLOW_TESTS'), reason='real-time rate-limit burst (up to 60 s); set ZOHO_VAULT_SLOW_TESTS=1')
def test_burst_in_real_time(emu, new_user, make_vault):
    vault = make_vault(new_user())
    emu.set_plan(per_minute=8)
    emu.reset_counters()
    for _unused in range(12):
        vault.users.current()
    assert emu.counters()['rate_limited'] <= 1


@pytest.mark.parametrize('spent_by', ['this client', 'another consumer'])
def test_a_spent_daily_quota_fails_at_once_saying_when_it_resets(emu, new_user, make_vault, spent_by):
    vault = make_vault(new_user())
    vault.users.current()
    emu.set_plan(per_minute=500, per_day=1)
    if spent_by == 'this client':
        vault.users.current()  # the last call of the day: its reply says none is left until the reset
    else:
        other = make_vault(new_user())
        other.users.current()
    started = time.monotonic()
    with pytest.raises(RateLimited) as info:
        vault.users.current()
    assert time.monotonic() - started < 5  # no window waited out first
    assert 'quota resets at' in str(info.value) and 'UTC' in str(info.value)
