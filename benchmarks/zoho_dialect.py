#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The zoho dialect's figures: key derivations, API calls and wall time of lookups, and decryption speed.

    python benchmarks/zoho_dialect.py [--hosts 50] [--forks 30] [--iterations 100000] [--fields 1000]

1. Decrypting ``--fields`` fields (20-character passwords) under one key: seconds per 1,000 fields.
2. ``--hosts`` hosts x 3 tasks x 5 password lookups (benchmarks/lookups/lookups.yml, 750 evaluations at 50
   hosts) against the emulator, in the zoho dialect (an account whose master key takes ``--iterations``
   PBKDF2 rounds) and in the reference dialect with the same secrets: PBKDF2 key derivations of the run
   (counted in every process through a ``sitecustomize`` that wraps ``hashlib.pbkdf2_hmac``), API calls
   (token requests included) against the minimum, and wall seconds.

The minimum of the zoho dialect is 1 token + GET_LOGIN + the list of secrets + the secret types
(OPEN_VAULT) + 5 secret reads = 9 calls (the five names resolve from one list).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import string
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))
sys.path.insert(0, os.path.join(ROOT, 'benchmarks'))

from lookup_50_hosts import SECRETS, TASKS, ansible_bin, collections_parent, write_inventory  # noqa: E402
from zoho_vault_emulator.testing import Emulator  # noqa: E402  pylint: disable=wrong-import-position

ZOHO_MINIMUM = 1 + 1 + 1 + 1 + SECRETS
COUNTER = '''
import hashlib, os
_real = hashlib.pbkdf2_hmac
def _counted(*args, **kwargs):
    with open(os.environ["ZV_BENCH_PBKDF2_LOG"], "a") as handle:
        handle.write("%d\\n" % os.getpid())
    return _real(*args, **kwargs)
hashlib.pbkdf2_hmac = _counted
'''


def decrypt_speed(fields: int) -> float:
    """Seconds per 1,000 fields, through the collection's own decrypt with the per-key counter key cached."""
    sys.path.insert(0, collections_parent(tempfile.mkdtemp(prefix='zv-bench-coll-')))
    from ansible_collections.zoho.vault.plugins.module_utils import _zoho_crypto as zc  # pylint: disable=import-outside-toplevel
    key = secrets.token_hex(16)
    counter_key = zc.ctr_key(key)
    blobs = [zc.encrypt_field(''.join(secrets.choice(string.ascii_letters) for _index in range(20)), key) for _row in range(fields)]
    started = time.perf_counter()
    for blob in blobs:
        zc.decrypt_field(blob, key, counter_key)
    return (time.perf_counter() - started) / fields * 1000


def seed(emu: Emulator, iterations: int) -> dict:
    """A zoho account with five secrets, and the same five in the reference dialect; the connection of each."""
    email = 'bench-%d@zoho.vault.example' % int(time.time() * 1000)
    master = secrets.token_urlsafe(16)
    account = emu.zoho_account(email, master, iterations=iterations)
    token = emu.access_token(emu.admin['email'])['access_token']
    import requests  # pylint: disable=import-outside-toplevel
    for index in range(1, SECRETS + 1):
        password = ''.join(secrets.choice(string.ascii_letters + string.digits) for _index in range(20))
        emu.zoho_secret(email, 'Bench secret %d' % index, fields={'username': 'user%d' % index, 'password': password})
        body = {'operation': {'name': 'ADD_SECRET'}, 'data': {'secretname': 'Bench secret %d' % index, 'password': password}}
        requests.post(emu.api_url + '/secrets', json=body, timeout=30, headers={'Authorization': 'Zoho-oauthtoken ' + token}).raise_for_status()
    ref = emu.create_user('bench-ref-%d@example.com' % int(time.time() * 1000), 'Administrator')
    common = {'zoho_vault_accounts_url': emu.accounts_url, 'zoho_vault_retry_action': 'ignore'}
    return {
        'zoho': dict(common, zoho_vault_api_url=emu.zoho_url, zoho_vault_dialect='zoho', zoho_vault_master_password=master,
                     zoho_vault_client_id=account['client_id'], zoho_vault_client_secret=account['client_secret'],
                     zoho_vault_refresh_token=account['refresh_token']),
        'reference': dict(common, zoho_vault_api_url=emu.api_url, zoho_vault_client_id=ref['client_id'],
                          zoho_vault_client_secret=ref['client_secret'], zoho_vault_refresh_token=ref['refresh_token']),
    }


def run(emu: Emulator, scratch: str, parent: str, inventory: str, forks: int, name: str, values: dict) -> dict:
    values = dict(values, zoho_vault_token_cache_dir=tempfile.mkdtemp(prefix='tokens-', dir=scratch))
    varfile = os.path.join(scratch, 'vars-%s.json' % name)
    with open(varfile, 'w', encoding='utf-8') as handle:
        json.dump(values, handle)
    os.chmod(varfile, 0o600)
    hook = tempfile.mkdtemp(prefix='hook-', dir=scratch)
    with open(os.path.join(hook, 'sitecustomize.py'), 'w', encoding='utf-8') as handle:
        handle.write(COUNTER)
    log = os.path.join(scratch, 'pbkdf2-%s.log' % name)
    open(log, 'w', encoding='utf-8').close()
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=parent, ANSIBLE_FORKS=str(forks), ANSIBLE_NOCOLOR='1',
               ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_RETRY_FILES_ENABLED='false', PYTHONPATH=hook, ZV_BENCH_PBKDF2_LOG=log)
    emu.reset_counters()
    started = time.monotonic()
    proc = subprocess.run([ansible_bin('ansible-playbook'), '-i', inventory, '-e', '@' + varfile,
                           os.path.join(ROOT, 'benchmarks', 'lookups', 'lookups.yml')],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=1800, check=False)
    seconds = time.monotonic() - started
    counters = emu.counters()
    with open(log, encoding='utf-8') as handle:
        derivations = len(handle.read().split())
    output = proc.stdout.decode('utf-8', 'replace')
    return {'dialect': name, 'rc': proc.returncode, 'seconds': seconds, 'derivations': derivations,
            'calls': counters['calls_total'] + counters['token_requests'],
            'failed': len(set(re.findall(r'^(host\d+)\s+:.*failed=[1-9]', output, re.M))), 'tail': output[-2000:]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--hosts', type=int, default=50)
    parser.add_argument('--forks', type=int, default=30)
    parser.add_argument('--iterations', type=int, default=100000)
    parser.add_argument('--fields', type=int, default=1000)
    args = parser.parse_args()
    print('Decrypting %d fields: %.3f s per 1,000 fields' % (args.fields, decrypt_speed(args.fields)))
    with tempfile.TemporaryDirectory(prefix='zoho-vault-zoho-bench-') as scratch:
        parent = collections_parent(os.path.join(scratch, 'collections'))
        inventory = write_inventory(os.path.join(scratch, 'inv'), args.hosts)
        with Emulator() as emu:
            emu.set_plan(per_minute=1000000, per_day=10000000)
            connections = seed(emu, args.iterations)
            rows = [run(emu, scratch, parent, inventory, args.forks, name, connections[name]) for name in ('zoho', 'reference')]
    print('\n%d hosts x %d tasks x %d password lookups = %d evaluations, forks=%d, PBKDF2 rounds %d'
          % (args.hosts, TASKS, SECRETS, args.hosts * TASKS * SECRETS, args.forks, args.iterations))
    print('| dialect | key derivations | API calls | minimum | failed hosts | wall s |\n|---|---|---|---|---|---|')
    for row in rows:
        minimum = ZOHO_MINIMUM if row['dialect'] == 'zoho' else 1 + 2 * SECRETS
        cells = (row['dialect'], row['derivations'], row['calls'], minimum, row['failed'], args.hosts, row['seconds'])
        print('| %s | %d | %d | %d | %d/%d | %.1f |' % cells)
    for row in rows:
        if row['rc'] != 0:
            print('\n%s failed (rc %d):\n%s' % (row['dialect'], row['rc'], row['tail']))
    return max(row['rc'] for row in rows)


if __name__ == '__main__':
    sys.exit(main())
