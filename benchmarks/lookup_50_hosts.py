#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Lookup economy and wall time: N hosts x 3 tasks x 5 secrets against the emulator.

    python benchmarks/lookup_50_hosts.py [--hosts 50 300] [--forks 30] [--repeat 2] [--all]

By default, for each host count: the literal-values play and the lookups play back to back (so that
a busy machine slows both alike), repeated --repeat times; prints the API calls of the lookups (the
minimum is 11), the wall seconds of both and the ratio lookups / literal (best of the repeats).
With --all, also the other scenarios below for the first host count.

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
import resource
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


def write_inventory(directory: str, hosts: int) -> str:
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, 'inventory.ini')
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write('[bench]\n')
        for index in range(1, hosts + 1):
            handle.write('host%03d ansible_connection=local ansible_python_interpreter=%s\n' % (index, sys.executable))
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
    # Python's default is to keep bytecode; a machine-wide PYTHONDONTWRITEBYTECODE would make every worker compile
    # the collection's shared code again (what _bytecode.py spares it), which users do not normally set.
    env = {k: v for k, v in os.environ.items() if k != 'PYTHONDONTWRITEBYTECODE'}
    env = dict(env, ANSIBLE_COLLECTIONS_PATH=parent, ANSIBLE_FORKS=str(forks), ANSIBLE_HOST_KEY_CHECKING='false',
               ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_NOCOLOR='1', ANSIBLE_RETRY_FILES_ENABLED='false')
    emu.reset_counters()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    proc = subprocess.run([ansible_bin('ansible-playbook'), '-i', inventory, '-e', '@' + varfile] + extra
                          + [os.path.join(HERE, playbook)],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=1800, check=False)
    seconds = time.monotonic() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    counters = emu.counters()
    output = proc.stdout.decode('utf-8', 'replace')
    failed = len(set(re.findall(r'^(host\d+)\s+:.*failed=[1-9]', output, re.M)))
    calls = counters['calls_total'] + counters['token_requests']
    return {'scenario': name, 'rc': proc.returncode, 'calls': calls, 'tokens': counters['tokens_minted'],
            'token_requests': counters['token_requests'], 'failed_hosts': failed, 'seconds': seconds, 'cpu': cpu,
            'ratio': calls / float(MINIMUM), 'calls_by_endpoint': counters['calls'], 'tail': output[-3000:]}


def ratio_rows(emu: Emulator, scratch: str, parent: str, hosts: int, forks: int, repeat: int) -> dict:
    """Best-of-``repeat`` wall seconds of the literal and the lookups plays, run back to back."""
    inventory = write_inventory(os.path.join(scratch, 'inv-%d' % hosts), hosts)
    literal, lookups = [], []
    for _attempt in range(repeat):
        literal.append(run(emu, scratch, parent, inventory, forks, 'literal %d' % hosts, 'literal.yml', []))
        lookups.append(run(emu, scratch, parent, inventory, forks, 'lookups %d' % hosts, 'lookups.yml', []))
    best_literal = min(r['seconds'] for r in literal)
    best_lookups = min(r['seconds'] for r in lookups)
    cpu_literal = min(r['cpu'] for r in literal)
    cpu_lookups = min(r['cpu'] for r in lookups)
    return {'hosts': hosts, 'literal': best_literal, 'lookups': best_lookups, 'ratio': best_lookups / best_literal,
            'cpu_literal': cpu_literal, 'cpu_lookups': cpu_lookups, 'cpu_ratio': cpu_lookups / cpu_literal,
            'calls': max(r['calls'] for r in lookups), 'tokens': max(r['tokens'] for r in lookups),
            'failed': max(r['failed_hosts'] for r in lookups + literal),
            'rc': max(r['rc'] for r in lookups), 'tail': lookups[-1]['tail'],
            'all': [round(r['seconds'], 1) for r in literal + lookups]}


def ratio_table(rows: list, forks: int) -> str:
    head = ('hosts', 'evaluations', 'API calls', 'tokens', 'failed hosts', 'literal s', 'lookups s', 'lookups / literal',
            'literal CPU s', 'lookups CPU s', 'CPU ratio')
    lines = ['Wall and CPU time of ansible-playbook and its workers (best of the repeats), forks=%d' % forks,
             '| ' + ' | '.join(head) + ' |', '|' + '---|' * len(head)]
    for row in rows:
        lines.append('| %d | %d | %d | %d | %d | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f |' % (
            row['hosts'], row['hosts'] * TASKS * SECRETS, row['calls'], row['tokens'], row['failed'],
            row['literal'], row['lookups'], row['ratio'], row['cpu_literal'], row['cpu_lookups'], row['cpu_ratio']))
    return '\n'.join(lines)


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
    parser.add_argument('--hosts', type=int, nargs='+', default=[50, 300])
    parser.add_argument('--forks', type=int, default=30)
    parser.add_argument('--repeat', type=int, default=2, help='runs of each play per host count (best is kept)')
    parser.add_argument('--all', action='store_true', help='also cache off and the uri plays, for the first host count')
    parser.add_argument('--skip-uri', action='store_true', help='with --all: not the uri plays')
    parser.add_argument('--json', help='also write the results here')
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix='zoho-vault-lookup-bench-') as scratch:
        parent = collections_parent(os.path.join(scratch, 'collections'))
        with Emulator() as emu:
            emu.set_plan(per_minute=1000000, per_day=10000000)
            seed(emu)
            ratios = [ratio_rows(emu, scratch, parent, hosts, args.forks, args.repeat) for hosts in args.hosts]
            rows = scenarios(emu, scratch, parent, args) if args.all else []
    print(ratio_table(ratios, args.forks))
    for row in ratios:
        print('  %d hosts, every run (literal..., lookups...): %s' % (row['hosts'], row['all']))
        if row['rc'] != 0:
            print('\nlookups at %d hosts failed (rc %d):\n%s' % (row['hosts'], row['rc'], row['tail']))
    if rows:
        print('\nLookup economy: %d hosts x %d tasks x %d secrets = %d lookup evaluations, forks=%d'
              % (args.hosts[0], TASKS, SECRETS, args.hosts[0] * TASKS * SECRETS, args.forks))
        print(table(rows, args.hosts[0]))
    for row in rows:
        if row['rc'] != 0 and row['scenario'].startswith('lookups'):
            print('\n%s failed (rc %d):\n%s' % (row['scenario'], row['rc'], row['tail']))
    if args.json:
        with open(args.json, 'w', encoding='utf-8') as handle:
            json.dump({'ratios': [dict(r, tail=None) for r in ratios], 'scenarios': [dict(r, tail=None) for r in rows]},
                      handle, indent=2)
    failed = any(r['rc'] != 0 for r in ratios) or any(r['rc'] != 0 for r in rows if r['scenario'].startswith('lookups'))
    return 1 if failed else 0


def scenarios(emu: Emulator, scratch: str, parent: str, args: argparse.Namespace) -> list:
    """The economy table: lookups with and without the cache, literal values, and the uri plays."""
    rows = []
    inventory = write_inventory(os.path.join(scratch, 'inv-all'), args.hosts[0])
    rows.append(run(emu, scratch, parent, inventory, args.forks, 'lookups, cache on', 'lookups.yml', []))
    rows.append(run(emu, scratch, parent, inventory, args.forks, 'lookups, cache off', 'lookups.yml',
                    ['-e', 'zoho_vault_cache=false']))
    rows.append(run(emu, scratch, parent, inventory, args.forks, 'no lookups (literal values)', 'literal.yml', []))
    if not args.skip_uri:
        rows.append(run(emu, scratch, parent, inventory, args.forks, 'uri, token per host', 'uri.yml', []))
        rows.append(run(emu, scratch, parent, inventory, args.forks, 'uri, one token (run_once)', 'uri.yml',
                        ['-e', 'uri_token_once=true']))
    return rows


if __name__ == '__main__':
    sys.exit(main())
