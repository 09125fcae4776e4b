# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Token economy: N processes started at once (as Ansible forks them), each doing a few API calls,
with the shared token cache on and off. Prints tokens minted and API calls beside the minimum.

    python benchmarks/token_economy.py [--processes 30] [--calls 3] [--plan enterprise]

Zoho mints at most 10 access tokens per refresh token in 10 minutes: without the cache the
11th process fails; with it, all N share one token.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))

from zoho_vault_emulator.testing import Emulator  # noqa: E402

from _table import print_table  # noqa: E402  (beside this script)

WORKER = textwrap.dedent('''
    import json, sys, time
    from ansible_collections.zoho.vault.plugins.module_utils._api import Vault
    from ansible_collections.zoho.vault.plugins.module_utils._options import ConnectionOptions
    from ansible_collections.zoho.vault.plugins.module_utils._errors import VaultError
    start_at, calls = float(sys.argv[1]), int(sys.argv[2])
    vault = Vault.from_options(ConnectionOptions.from_env())
    while time.time() < start_at:
        time.sleep(0.002)
    try:
        for i in range(calls):
            (vault.users.current, vault.secrets.list, lambda: vault.generator.generate(length=16))[i % 3]()
        print(json.dumps({"ok": True}))
    except VaultError as err:
        print(json.dumps({"ok": False, "error": type(err).__name__}))
''')


def collections_parent() -> str:
    parent = tempfile.mkdtemp(prefix='zoho-vault-bench-')
    os.makedirs(os.path.join(parent, 'ansible_collections', 'zoho'))
    os.symlink(ROOT, os.path.join(parent, 'ansible_collections', 'zoho', 'vault'))
    return parent


def scenario(emu: Emulator, parent: str, name: str, processes: int, calls: int, token_cache: bool) -> dict:
    email = 'bench-%s-%d@example.com' % (name.replace(' ', '-'), int(time.time() * 1000))
    creds = emu.create_user(email, 'Administrator')
    cache_dir = tempfile.mkdtemp(prefix='zoho-vault-bench-cache-')
    env = dict(os.environ, PYTHONPATH=parent, ZOHO_VAULT_API_URL=emu.api_url, ZOHO_VAULT_ACCOUNTS_URL=emu.accounts_url,
               ZOHO_VAULT_CLIENT_ID=creds['client_id'], ZOHO_VAULT_CLIENT_SECRET=creds['client_secret'],
               ZOHO_VAULT_REFRESH_TOKEN=creds['refresh_token'], ZOHO_VAULT_TOKEN_CACHE='true' if token_cache else 'false',
               ZOHO_VAULT_TOKEN_CACHE_DIR=cache_dir, ZOHO_VAULT_RETRY_ACTION='ignore')
    emu.reset_counters()
    start_at = time.time() + 1.5 + processes * 0.03
    procs = [subprocess.Popen([sys.executable, '-c', WORKER, str(start_at), str(calls)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _unused in range(processes)]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        try:
            results.append(json.loads(out.decode().strip().splitlines()[-1]))
        except (ValueError, IndexError):
            results.append({'ok': False, 'error': err.decode().strip().splitlines()[-1:] or 'crash'})
    seconds = time.time() - start_at
    counters = emu.counters()
    errors = sorted(set(str(r.get('error')) for r in results if not r['ok']))
    return {
        'scenario': name, 'processes': processes, 'ok': sum(1 for r in results if r['ok']),
        'failed': sum(1 for r in results if not r['ok']), 'errors': ', '.join(errors),
        'tokens_minted': counters['tokens_minted'], 'token_requests': counters.get('token_requests', counters['tokens_minted']),
        'api_calls': counters['calls_total'], 'seconds': round(seconds, 2),
        'min_tokens': 1, 'min_api_calls': processes * calls,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n', maxsplit=1)[0])
    parser.add_argument('--processes', type=int, default=30)
    parser.add_argument('--calls', type=int, default=3, help='API calls per process')
    parser.add_argument('--plan', default='enterprise')
    parser.add_argument('--json', action='store_true', help='print JSON instead of a table')
    args = parser.parse_args()
    parent = collections_parent()
    rows = []
    with Emulator().start(plan=args.plan) as emu:
        rows.append(scenario(emu, parent, 'token cache on', args.processes, args.calls, True))
        rows.append(scenario(emu, parent, 'token cache off', args.processes, args.calls, False))
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    cols = [('scenario', 16), ('processes', 9), ('ok', 4), ('failed', 6), ('tokens_minted', 13), ('token_requests', 14),
            ('api_calls', 9), ('seconds', 7), ('min_tokens', 10), ('min_api_calls', 13)]
    print_table(rows, cols)
    return 0


if __name__ == '__main__':
    sys.exit(main())
