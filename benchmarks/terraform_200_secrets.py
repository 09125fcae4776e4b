# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Terraform provider over 200 secrets in 10 chambers, against vault_state on the same layout.

    python benchmarks/terraform_200_secrets.py [--secrets 200] [--chambers 10] [--json FILE]

Starts the emulator (plan "unlimited") and measures, with the API calls the emulator counts (token
mints left out) and the wall time: terraform apply (creates everything), a no-change
``terraform plan -detailed-exitcode`` (Terraform refreshes every resource), terraform destroy; then
vault_state's first apply and no-change run of the same layout (benchmarks/vault_state_500.py's
playbooks); and the provider's start-up time (process start to the go-plugin handshake line), which
every terraform command pays once per provider process it starts. Needs terraform on PATH (the
bootstrap installs Terraform 1.0.3 into the venv) and the installed terraform-provider-zohovault.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))
sys.path.insert(0, os.path.join(ROOT, 'benchmarks'))

from zoho_vault_emulator.testing import Emulator  # noqa: E402
from vault_state_500 import collections_parent, layout, playbook_runner, table  # noqa: E402

SOURCE = 'terraform.local/zoho/zohovault'
CONFIG = '''terraform {
  required_providers {
    zohovault = { source = "%s" }
  }
}
provider "zohovault" {}

variable "chambers" { type = list(string) }
variable "secrets" {
  type = map(object({ chamber = string, secret_type = string, url = string, username = string, notes = string }))
}

resource "zohovault_chamber" "c" {
  for_each     = toset(var.chambers)
  name         = each.key
  chamber_type = "Shared"
}

resource "zohovault_secret" "s" {
  for_each    = var.secrets
  name        = each.key
  chamber_id  = zohovault_chamber.c[each.value.chamber].id
  secret_type = each.value.secret_type
  url         = each.value.url
  username    = each.value.username
  notes       = each.value.notes
}
''' % SOURCE


def provider_bin() -> str:
    found = shutil.which('terraform-provider-zohovault') or os.path.join(os.path.dirname(sys.executable), 'terraform-provider-zohovault')
    if not os.path.exists(found):
        raise SystemExit('terraform-provider-zohovault is not installed (scripts/bootstrap.sh installs it)')
    return found


def workspace(emu: Emulator, items: list, scratch: str) -> tuple:
    """(directory, environment) of a Terraform working directory for the layout."""
    path = os.path.join(scratch, 'tf')
    os.makedirs(path)
    with open(os.path.join(path, 'main.tf'), 'w') as handle:
        handle.write(CONFIG)
    variables = {'chambers': sorted({item['chamber'] for item in items}),
                 'secrets': {item['name']: {k: item[k] for k in ('chamber', 'secret_type', 'url', 'username', 'notes')} for item in items}}
    with open(os.path.join(path, 'terraform.tfvars.json'), 'w') as handle:
        json.dump(variables, handle)
    cli = os.path.join(path, 'cli.tfrc')
    with open(cli, 'w') as handle:
        handle.write('provider_installation {\n  dev_overrides {\n    "%s" = "%s"\n  }\n  direct {}\n}\n'
                     % (SOURCE, os.path.dirname(os.path.abspath(provider_bin()))))
    admin = emu.admin
    env = dict(os.environ, TF_CLI_CONFIG_FILE=cli, TF_IN_AUTOMATION='1', CHECKPOINT_DISABLE='1',
               ZOHO_VAULT_API_URL=emu.api_url, ZOHO_VAULT_ACCOUNTS_URL=emu.accounts_url,
               ZOHO_VAULT_CLIENT_ID=admin['client_id'], ZOHO_VAULT_CLIENT_SECRET=admin['client_secret'],
               ZOHO_VAULT_REFRESH_TOKEN=admin['refresh_token'], ZOHO_VAULT_TOKEN_CACHE_DIR=os.path.join(scratch, 'tokens'))
    return path, env


def terraform_runner(emu: Emulator, path: str, env: dict):
    terraform = shutil.which('terraform', path=env.get('PATH')) or shutil.which('terraform')
    if not terraform:
        raise SystemExit('no terraform on PATH (scripts/bootstrap.sh installs Terraform 1.0.3 into the venv)')

    def run(name: str, *args: str, expect: tuple = (0,)) -> dict:
        emu.reset_counters()
        started = time.monotonic()
        proc = subprocess.run([terraform] + list(args) + ['-input=false', '-no-color'], cwd=path, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
        seconds = time.monotonic() - started
        if proc.returncode not in expect:
            sys.stderr.write(proc.stdout.decode()[-3000:])
            raise SystemExit('%s failed (exit %d)' % (name, proc.returncode))
        counters = emu.counters()
        calls = {k: v for k, v in counters['calls'].items() if not k.startswith('POST /oauth')}
        return {'scenario': name, 'seconds': seconds, 'api_calls': sum(calls.values()), 'calls': calls,
                'tokens_minted': counters['tokens_minted'], 'exit': proc.returncode}

    return run


def startup_seconds(env: dict, runs: int = 5) -> float:
    """Median time from starting the provider to its handshake line on stdout (Python, gRPC and TLS set-up)."""
    times = []
    for _run in range(runs):
        started = time.monotonic()
        proc = subprocess.Popen([provider_bin()], env=dict(env, TF_PLUGIN_MAGIC_COOKIE='benchmark'), stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        line = proc.stdout.readline()
        times.append(time.monotonic() - started)
        proc.terminate()
        proc.wait(timeout=10)
        if not line.startswith(b'1|6|'):
            raise SystemExit('the provider printed no go-plugin handshake line')
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--secrets', type=int, default=200)
    parser.add_argument('--chambers', type=int, default=10)
    parser.add_argument('--json', help='also write the figures to this file')
    args = parser.parse_args()

    document, items = layout(args.secrets, args.chambers)
    for item in items:
        item['name'] = item['name'].replace(' ', '-')  # for_each keys read better without blanks
    scratch = tempfile.mkdtemp(prefix='zoho-vault-bench-tf-')
    doc_vars = os.path.join(scratch, 'document.json')
    with open(doc_vars, 'w') as handle:
        json.dump({'document': document}, handle)

    rows = []
    with Emulator().start(plan='unlimited') as emu:
        path, env = workspace(emu, items, scratch)
        tf = terraform_runner(emu, path, env)
        rows.append(tf('terraform apply (creates %d + %d chambers)' % (args.secrets, args.chambers), 'apply', '-auto-approve'))
        plan = tf('terraform plan -detailed-exitcode, no change', 'plan', '-detailed-exitcode', expect=(0, 2))
        rows.append(plan)
        rows.append(tf('terraform destroy', 'destroy', '-auto-approve'))
        run = playbook_runner(emu, collections_parent(), scratch)
        rows.append(run('vault_state, first apply (creates %d)' % args.secrets, 'apply.yml', doc_vars))
        rows.append(run('vault_state, no change', 'apply.yml', doc_vars))
        startup = startup_seconds(env)

    print('%d secrets in %d chambers, emulator plan "unlimited", Terraform with the zohovault provider; vault_state with '
          'ansible-playbook and a local connection' % (args.secrets, args.chambers))
    print(table(rows))
    print('no-change plan exit code: %d (0 = converged)' % plan['exit'])
    print('provider start-up (process start to handshake, median of 5): %.2f s' % startup)
    if args.json:
        with open(args.json, 'w') as handle:
            json.dump({'rows': rows, 'provider_startup_seconds': startup}, handle, indent=2)
    return 0 if plan['exit'] == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
