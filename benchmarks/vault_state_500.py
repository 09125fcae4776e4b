# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""vault_state over 500 secrets: one task against a loop of zoho.vault.secret, API calls and seconds.

    python benchmarks/vault_state_500.py [--secrets 500] [--chambers 5] [--skip-loop]

Starts the emulator (plan "unlimited"), creates the secrets with vault_state (the first apply),
then measures a no-change run of vault_state and a no-change loop of zoho.vault.secret over the
same items (ansible-playbook, local connection), and prints a table with the API calls counted
by the emulator, the seconds, and the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
HERE = os.path.join(ROOT, 'benchmarks', 'vault_state')
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))

from zoho_vault_emulator.testing import Emulator  # noqa: E402

TYPES = ('Login', 'Server', 'Database')


def layout(secrets: int, chambers: int) -> tuple:
    """(document, items): the same secrets as a vault_state document and as a loop's items."""
    items = []
    for index in range(secrets):
        chamber = 'Bench %02d' % (index % chambers)
        items.append({'name': 'secret %04d' % index, 'chamber': chamber, 'secret_type': TYPES[index % len(TYPES)],
                      'url': 'https://host%04d.bench.test' % index, 'username': 'user%04d' % index, 'notes': 'benchmark item %d' % index})
    document = {'chambers': []}
    for number in range(chambers):
        name = 'Bench %02d' % number
        document['chambers'].append({'name': name, 'chamber_type': 'Shared', 'secrets': [
            dict((k, v) for k, v in item.items() if k != 'chamber') for item in items if item['chamber'] == name]})
    return document, items


def collections_parent() -> str:
    parent = tempfile.mkdtemp(prefix='zoho-vault-bench-')
    os.makedirs(os.path.join(parent, 'ansible_collections', 'zoho'))
    os.symlink(ROOT, os.path.join(parent, 'ansible_collections', 'zoho', 'vault'))
    return parent


def playbook_runner(emu: Emulator, parent: str, scratch: str):
    admin = emu.admin
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=parent, ANSIBLE_LOCALHOST_WARNING='false',
               ANSIBLE_INVENTORY_UNPARSED_WARNING='false', ANSIBLE_NOCOLOR='1',
               ZOHO_VAULT_API_URL=emu.api_url, ZOHO_VAULT_ACCOUNTS_URL=emu.accounts_url,
               ZOHO_VAULT_CLIENT_ID=admin['client_id'], ZOHO_VAULT_CLIENT_SECRET=admin['client_secret'],
               ZOHO_VAULT_REFRESH_TOKEN=admin['refresh_token'], ZOHO_VAULT_TOKEN_CACHE_DIR=os.path.join(scratch, 'tokens'))
    playbook_bin = os.path.join(os.path.dirname(sys.executable), 'ansible-playbook')

    def run(name: str, playbook: str, extra_vars: str) -> dict:
        emu.reset_counters()
        started = time.monotonic()
        proc = subprocess.run([playbook_bin, '-i', 'localhost,', '-c', 'local', '-e', 'ansible_python_interpreter=' + sys.executable,
                               '-e', '@' + extra_vars, os.path.join(HERE, playbook)],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
        seconds = time.monotonic() - started
        if proc.returncode != 0:
            sys.stderr.write(proc.stdout.decode()[-3000:])
            raise SystemExit('%s failed (exit %d)' % (name, proc.returncode))
        counters = emu.counters()
        calls = dict((k, v) for k, v in counters['calls'].items() if not k.startswith('POST /oauth'))
        return {'scenario': name, 'seconds': seconds, 'api_calls': sum(calls.values()), 'calls': calls,
                'tokens_minted': counters['tokens_minted']}

    return run


def table(rows: list) -> str:
    head = '%-46s %10s %9s  %s' % ('scenario', 'API calls', 'seconds', 'calls by endpoint')
    lines = [head, '-' * len(head)]
    for row in rows:
        detail = ', '.join('%s %d' % (k, v) for k, v in sorted(row['calls'].items(), key=lambda kv: -kv[1]))
        lines.append('%-46s %10d %9.1f  %s' % (row['scenario'], row['api_calls'], row['seconds'], detail))
    return '\n'.join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--secrets', type=int, default=500)
    parser.add_argument('--chambers', type=int, default=5)
    parser.add_argument('--skip-loop', action='store_true', help='do not run the (slow) loop of zoho.vault.secret')
    parser.add_argument('--json', help='also write the figures to this file')
    args = parser.parse_args()

    document, items = layout(args.secrets, args.chambers)
    scratch = tempfile.mkdtemp(prefix='zoho-vault-bench-vars-')
    doc_vars, item_vars = os.path.join(scratch, 'document.json'), os.path.join(scratch, 'items.json')
    with open(doc_vars, 'w') as handle:
        json.dump({'document': document}, handle)
    with open(item_vars, 'w') as handle:
        json.dump({'items': items}, handle)

    rows = []
    with Emulator().start(plan='unlimited') as emu:
        run = playbook_runner(emu, collections_parent(), scratch)
        rows.append(run('vault_state, first apply (creates %d)' % args.secrets, 'apply.yml', doc_vars))
        rows.append(run('vault_state, no change', 'apply.yml', doc_vars))
        if not args.skip_loop:
            rows.append(run('loop of zoho.vault.secret, no change', 'loop.yml', item_vars))

    print('%d secrets in %d chambers, emulator plan "unlimited", ansible-playbook with a local connection' % (args.secrets, args.chambers))
    print(table(rows))
    if not args.skip_loop:
        state, loop = rows[1], rows[2]
        print('no-change run: vault_state %.1f s / %d calls; loop %.1f s / %d calls; vault_state is %.0fx faster and makes %.0fx fewer calls'
              % (state['seconds'], state['api_calls'], loop['seconds'], loop['api_calls'], loop['seconds'] / state['seconds'],
                 loop['api_calls'] / max(1, state['api_calls'])))
    if args.json:
        with open(args.json, 'w') as handle:
            json.dump(rows, handle, indent=2)
    return 0


if __name__ == '__main__':
    sys.exit(main())
