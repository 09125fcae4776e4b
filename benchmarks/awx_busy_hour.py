# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A busy AWX hour: N jobs on one Zoho Vault credential, each a fresh process with an empty home (as an
execution-environment container starts), each reading a password with the collection's client.

    <venv with zoho-vault-awx>/bin/python benchmarks/awx_busy_hour.py [--jobs 200] [--hours 1] [--min-lifetime 15]

Two ways to give the jobs their token, on the same simulated time line (the emulator's clock and the
plugin's move together, jobs evenly spread):

* control plane: this process plays AWX's control plane. It loads the ``zoho_vault_token`` plugin through
  its entry point and calls its backend for every job launch, as AWX resolves a linked credential field;
  the job gets ``ZOHO_VAULT_ACCESS_TOKEN`` only (the collection's credential type with the field linked).
* self-minting: the job gets the client id, client secret and refresh token (the credential type as before)
  and mints its own token, its token cache being as empty as its container.

Zoho mints at most 10 access tokens per refresh token in 10 minutes (the emulator enforces it). Printed: jobs
ok and failed, mints, the most mints in any 10 minutes. Needs the package installed (``pip install
./awx-plugins``); the emulator runs with ``ZOHO_VAULT_EMULATOR_PYTHON`` or ``.venv/bin/python`` (Flask).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from importlib.metadata import entry_points
from typing import Any, Dict, List

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))

from zoho_vault_emulator.testing import Emulator  # noqa: E402

from _table import print_table  # noqa: E402  (beside this script)

JOB = textwrap.dedent('''
    import json
    from ansible_collections.zoho.vault.plugins.module_utils._api import Vault
    from ansible_collections.zoho.vault.plugins.module_utils._errors import VaultError
    from ansible_collections.zoho.vault.plugins.module_utils._options import ConnectionOptions
    try:
        vault = Vault.from_options(ConnectionOptions.from_env())
        vault.secrets.get_password(vault.secrets.resolve("Busy Hour")["secretid"])
        print(json.dumps({"ok": True}))
    except VaultError as err:
        print(json.dumps({"ok": False, "error": type(err).__name__}))
''')


class Clock:
    """The plugin's clock: real time plus the simulated offset the emulator also gets."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


def emulator_python() -> str:
    given = os.environ.get('ZOHO_VAULT_EMULATOR_PYTHON')
    local = os.path.join(ROOT, '.venv', 'bin', 'python')
    return given or (local if os.path.exists(local) else sys.executable)


def token_plugin() -> Any:
    found = [ep for ep in entry_points(group='awx_plugins.credentials') if ep.name == 'zoho_vault_token']
    if not found:
        sys.exit('zoho-vault-awx is not installed in this interpreter: pip install ./awx-plugins, then run this with it')
    return found[0].load()


def run_job(env: Dict[str, str]) -> Dict[str, Any]:
    home = tempfile.mkdtemp(prefix='zoho-vault-awx-job-')
    try:
        job_env = {k: v for k, v in env.items() if not k.startswith(('ZOHO_VAULT_', 'XDG_'))}
        job_env.update({k: v for k, v in env.items() if k.startswith('ZOHO_VAULT_')}, HOME=home)
        out = subprocess.run([sys.executable, '-c', JOB], env=job_env, capture_output=True, timeout=120, check=False)
        try:
            return json.loads(out.stdout.decode().strip().splitlines()[-1])
        except (ValueError, IndexError):
            return {'ok': False, 'error': (out.stderr.decode().strip().splitlines() or ['crash'])[-1]}
    finally:
        shutil.rmtree(home, ignore_errors=True)


def seed(emu: Emulator, email: str) -> None:
    """The secret every job reads, written with a token from the emulator's control plane (not a mint)."""
    from ansible_collections.zoho.vault.plugins.module_utils._api import Vault
    from ansible_collections.zoho.vault.plugins.module_utils._options import ConnectionOptions
    token = emu.access_token(email)['access_token']
    options = ConnectionOptions.from_values({'api_url': emu.api_url, 'accounts_url': emu.accounts_url, 'access_token': token})
    Vault.from_options(options).secrets.create({'secretname': 'Busy Hour', 'username': 'job', 'password': 'Busy-Hour-4c1e'})


def launch(plugin: Any, inputs: Dict[str, Any], env: Dict[str, str], n: int) -> Dict[str, Any]:
    """Job n with its token from the plugin (AWX resolving the linked field), or minting its own without one."""
    if plugin is None:
        env.update(ZOHO_VAULT_CLIENT_ID=inputs['client_id'], ZOHO_VAULT_CLIENT_SECRET=inputs['client_secret'],
                   ZOHO_VAULT_REFRESH_TOKEN=inputs['refresh_token'])
        return run_job(env)
    try:
        # AWX at launch: the backend gets the source credential's inputs and the linked field's metadata.
        env['ZOHO_VAULT_ACCESS_TOKEN'] = plugin.backend(**dict(inputs, description='job %d' % n))
    except RuntimeError as err:
        return {'ok': False, 'error': str(err).split(':', maxsplit=1)[0]}
    return run_job(env)


def most_in_ten_minutes(times: List[float]) -> int:
    return max((sum(1 for u in times if t <= u < t + 600) for t in times), default=0)


def scenario(emu: Emulator, name: str, jobs: int, hours: float, min_lifetime: int) -> Dict[str, Any]:
    from zoho_vault_awx import _tokens
    emu.reset()  # a vault of its own: the other scenario's secret would make the name ambiguous
    email = 'busy-%s-%d@example.com' % (name.split()[0], int(time.time() * 1000))
    creds = emu.create_user(email, 'Administrator')
    seed(emu, email)
    inputs = {'data_center': 'com', 'accounts_url': emu.accounts_url, 'client_id': creds['client_id'],
              'client_secret': creds['client_secret'], 'refresh_token': creds['refresh_token'], 'min_lifetime': str(min_lifetime)}
    base = dict(os.environ, ZOHO_VAULT_API_URL=emu.api_url, ZOHO_VAULT_ACCOUNTS_URL=emu.accounts_url, ZOHO_VAULT_DIALECT='reference',
                ZOHO_VAULT_RETRY_ACTION='ignore', ZOHO_VAULT_RETRIES='1')
    clock = Clock()
    _tokens.clock = clock
    _tokens.REGISTRY.clear()
    plugin = token_plugin()
    step = hours * 3600.0 / jobs
    results, mint_times, seen = [], [], 0
    emu.reset_counters()
    start = time.time()
    for n in range(jobs):
        # Job n starts n * step simulated seconds after the first, whatever the real time the run has taken.
        clock.offset = start + n * step - time.time()
        emu.set_clock(clock.offset)
        results.append(launch(plugin if name.startswith('control') else None, inputs, dict(base), n))
        minted = int(emu.counters()['tokens_minted'])  # counters were reset after the seed's control-plane token
        mint_times += [n * step] * (minted - seen)
        seen = minted
    emu.set_clock(0)
    errors = sorted({str(r.get('error')) for r in results if not r['ok']})
    return {'scenario': name, 'jobs': jobs, 'ok': sum(1 for r in results if r['ok']),
            'failed': sum(1 for r in results if not r['ok']), 'mints': seen, 'mints_per_hour': round(seen / hours, 2),
            'max_mints_10min': most_in_ten_minutes(mint_times), 'errors': ', '.join(errors)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n', maxsplit=1)[0])
    parser.add_argument('--jobs', type=int, default=200)
    parser.add_argument('--hours', type=float, default=1.0, help='simulated hours the jobs are spread over')
    parser.add_argument('--min-lifetime', type=int, default=15, help="the token credential's minimum lifetime (minutes)")
    parser.add_argument('--json', action='store_true', help='print JSON instead of a table')
    args = parser.parse_args()
    token_plugin()
    started = time.time()
    with Emulator(python=emulator_python()).start(plan='enterprise') as emu:
        rows = [scenario(emu, 'control plane (token plugin)', args.jobs, args.hours, args.min_lifetime),
                scenario(emu, 'self-minting jobs', args.jobs, args.hours, args.min_lifetime)]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print('%d jobs over %g simulated hour(s), one credential, min_lifetime %d minutes (%.0f s real)'
          % (args.jobs, args.hours, args.min_lifetime, time.time() - started))
    cols = [('scenario', 29), ('jobs', 5), ('ok', 5), ('failed', 6), ('mints', 6), ('mints_per_hour', 14), ('max_mints_10min', 15)]
    print_table(rows, cols)
    return 0


if __name__ == '__main__':
    sys.exit(main())
