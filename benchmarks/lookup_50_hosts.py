#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Lookup economy: 50 hosts x 3 tasks x 5 secrets (750 lookup evaluations) against the emulator.

    python benchmarks/lookup_50_hosts.py [--hosts 50] [--forks 10] [--skip-uri]

Scenarios (each with fresh OAuth credentials, so no token is inherited from another):
  lookups, cache on     benchmarks/lookups/lookups.yml (the agent shares token and values)
  lookups, cache off    the same play with zoho_vault_cache=false (the token file cache still shares the token)
  uri, token per host   benchmarks/lookups/uri.yml as the API reference's examples lead one to write it
  uri, one token        the same with the token fetched once (run_once)
  no lookups            benchmarks/lookups/literal.yml: literal values, the wall-time floor of the play
Prints API calls (token requests included), tokens minted, failed hosts, wall seconds and the
ratio to the minimum (1 token + 5 name resolutions + 5 passwords = 11). The emulator's per-minute
limit is raised for the run so that throttling does not hide the call counts (the table says how
many calls per minute each way needs). Exits 0 unless a lookup scenario fails.
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

import requests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
HERE = os.path.join(ROOT, 'benchmarks', 'lookups')
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))

from zoho_vault_emulator.testing import Emulator  # noqa: E402  pylint: disable=wrong-import-position

SECRETS = 5
TASKS = 3
MINIMUM = 1 + SECRETS + SECRETS


def ansible_bin(name: str) -> str:
    candidate = os.path.join(os.path.dirname(sys.executable), name)
    return candidate if os.path.exists(candidate) else name


def collections_parent(scratch: str) -> str:
    os.makedirs(os.path.join(scratch, 'ansible_collections', 'zoho'))
    os.symlink(ROOT, os.path.join(scratch, 'ansible_collections', 'zoho', 'vault'))
    return scratch


def write_inventory(scratch: str, hosts: int) -> str:
    path = os.path.join(scratch, 'inventory.ini')
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write('[bench]\n')
        for index in range(1, hosts + 1):
            handle.write('host%02d ansible_connection=local ansible_python_interpreter=%s\n' % (index, sys.executable))
    return path


def seed(emu: Emulator) -> None:
    """Five secrets with 20-character passwords, created through the API as the admin."""
    admin = emu.admin
    token = emu.access_token(admin['email'])['access_token']
    alphabet = string.ascii_letters + string.digits
    for index in range(1, SECRETS + 1):
        password = ''.join(secrets.choice(alphabet) for dummy in range(20))
        body = {'operation': {'name': 'ADD_SECRET'},
                'data': {'secretname': 'Bench secret %d' % index, 'username': 'user%d' % index, 'password': password}}
        reply = requests.post(emu.api_url + '/secrets', json=body, timeout=30,
                              headers={'Authorization': 'Zoho-oauthtoken ' + token})
        reply.raise_for_status()


def connection(emu: Emulator, scratch: str, name: str) -> str:
    """Fresh credentials (an Administrator of its own) and token cache for one scenario, as extra vars."""
    email = 'bench-%s-%d@example.com' % (re.sub(r'\W+', '-', name), int(time.time() * 1000))
    creds = emu.create_user(email, 'Administrator')
    values = {
        'zoho_vault_api_url': emu.api_url, 'zoho_vault_accounts_url': emu.accounts_url,
        'zoho_vault_client_id': creds['client_id'], 'zoho_vault_client_secret': creds['client_secret'],
        'zoho_vault_refresh_token': creds['refresh_token'],
        'zoho_vault_token_cache_dir': tempfile.mkdtemp(prefix='tokens-', dir=scratch),
        'zoho_vault_retry_action': 'ignore',
    }
    path = os.path.join(scratch, 'vars-%s.json' % re.sub(r'\W+', '-', name))
    with open(path, 'w', encoding='utf-8') as handle:
        json.dump(values, handle)
    os.chmod(path, 0o600)
    return path


def run(emu: Emulator, scratch: str, parent: str, inventory: str, forks: int, name: str, playbook: str,
        extra: list) -> dict:
    varfile = connection(emu, scratch, name)
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=parent, ANSIBLE_FORKS=str(forks), ANSIBLE_HOST_KEY_CHECKING='false',
               ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_NOCOLOR='1', ANSIBLE_RETRY_FILES_ENABLED='false')
    emu.reset_counters()
    started = time.monotonic()
    proc = subprocess.run([ansible_bin('ansible-playbook'), '-i', inventory, '-e', '@' + varfile] + extra
                          + [os.path.join(HERE, playbook)],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=1800, check=False)
    seconds = time.monotonic() - started
    counters = emu.counters()
    output = proc.stdout.decode('utf-8', 'replace')
    failed = len(set(re.findall(r'^(host\d+)\s+:.*failed=[1-9]', output, re.M)))
    calls = counters['calls_total'] + counters['token_requests']
    return {'scenario': name, 'rc': proc.returncode, 'calls': calls, 'tokens': counters['tokens_minted'],
            'token_requests': counters['token_requests'], 'failed_hosts': failed, 'seconds': seconds,
            'ratio': calls / float(MINIMUM), 'calls_by_endpoint': counters['calls'], 'tail': output[-3000:]}


def table(rows: list, hosts: int) -> str:
    head = ('scenario', 'API calls', 'tokens minted', 'failed hosts', 'wall s', 'x minimum', 'calls/min needed')
    lines = ['| ' + ' | '.join(head) + ' |', '|' + '---|' * len(head)]
    for row in rows:
        per_minute = row['calls'] / max(row['seconds'], 1e-9) * 60
        lines.append('| %s | %d | %d | %d/%d | %.1f | %.1f | %.0f |' % (
            row['scenario'], row['calls'], row['tokens'], row['failed_hosts'], hosts, row['seconds'], row['ratio'], per_minute))
    lines.append('| minimum possible | %d | 1 | 0/%d | (no lookups) | 1.0 | - |' % (MINIMUM, hosts))
    return '\n'.join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--hosts', type=int, default=50)
    parser.add_argument('--forks', type=int, default=10)
    parser.add_argument('--skip-uri', action='store_true', help='only the lookup scenarios')
    parser.add_argument('--json', help='also write the results here')
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory(prefix='zoho-vault-lookup-bench-') as scratch:
        parent = collections_parent(os.path.join(scratch, 'collections'))
        inventory = write_inventory(scratch, args.hosts)
        with Emulator() as emu:
            emu.set_plan(per_minute=1000000, per_day=10000000)
            seed(emu)
            rows.append(run(emu, scratch, parent, inventory, args.forks, 'lookups, cache on', 'lookups.yml', []))
            rows.append(run(emu, scratch, parent, inventory, args.forks, 'lookups, cache off', 'lookups.yml',
                            ['-e', 'zoho_vault_cache=false']))
            rows.append(run(emu, scratch, parent, inventory, args.forks, 'no lookups (literal values)', 'literal.yml', []))
            if not args.skip_uri:
                rows.append(run(emu, scratch, parent, inventory, args.forks, 'uri, token per host', 'uri.yml', []))
                rows.append(run(emu, scratch, parent, inventory, args.forks, 'uri, one token (run_once)', 'uri.yml',
                                ['-e', 'uri_token_once=true']))
    print('Lookup economy: %d hosts x %d tasks x %d secrets = %d lookup evaluations, forks=%d'
          % (args.hosts, TASKS, SECRETS, args.hosts * TASKS * SECRETS, args.forks))
    print(table(rows, args.hosts))
    for row in rows:
        if row['rc'] != 0 and row['scenario'].startswith('lookups'):
            print('\n%s failed (rc %d):\n%s' % (row['scenario'], row['rc'], row['tail']))
    if args.json:
        with open(args.json, 'w', encoding='utf-8') as handle:
            json.dump([dict(r, tail=None) for r in rows], handle, indent=2)
    return 1 if any(r['rc'] != 0 for r in rows if r['scenario'].startswith('lookups')) else 0


if __name__ == '__main__':
    sys.exit(main())
