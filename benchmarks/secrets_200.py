#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Secrets at scale: create, then re-converge, N (200) secrets with zoho.vault.secret and with ansible.builtin.uri.

    python benchmarks/secrets_200.py [--count 200] [--skip-uri] [--json FILE]

Each way gets fresh Administrator credentials, a token cache of its own and an empty chamber (by id, so no
chamber lookup is counted). Phases:
  module, create            benchmarks/secrets/module.yml: zoho.vault.secret in a loop (update_password: always)
  module, re-converge       the same again: nothing changes (each item: one search + one password read to compare)
  module, re-converge (on_create)  update_password: on_create: the stored password is not read (one search per item)
  uri, create               benchmarks/secrets/uri.yml: one token, a search per item, a create per missing item
  uri, re-converge          the same again (searches only; it never compares nor updates an existing secret)
Prints API calls (token requests included, from the emulator's counters), wall seconds, changed items and the
minimum possible: create = 1 token + N creates (+1 listing of the chamber to know what exists);
re-converge = 1 token + 1 listing of the chamber, plus N password reads when passwords are compared.
The emulator's per-minute limit is raised so that throttling does not hide the call counts.
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
HERE = os.path.join(ROOT, 'benchmarks', 'secrets')
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))

from zoho_vault_emulator.testing import Emulator  # noqa: E402  pylint: disable=wrong-import-position


def ansible_bin(name: str) -> str:
    candidate = os.path.join(os.path.dirname(sys.executable), name)
    return candidate if os.path.exists(candidate) else name


def collections_parent(scratch: str) -> str:
    os.makedirs(os.path.join(scratch, 'ansible_collections', 'zoho'))
    os.symlink(ROOT, os.path.join(scratch, 'ansible_collections', 'zoho', 'vault'))
    return scratch


def api(emu: Emulator, token: str, method: str, path: str, operation: str | None = None, data: dict | None = None) -> dict:
    import urllib.request
    body = None if operation is None else json.dumps({'operation': {'name': operation}, 'data': data or {}}).encode()
    req = urllib.request.Request(emu.api_url + path, data=body, method=method,
                                 headers={'Authorization': 'Zoho-oauthtoken ' + token, 'Content-Type': 'application/json'})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())['operation'].get('details') or {}


def prepare(emu: Emulator, scratch: str, way: str, count: int) -> dict:
    """Credentials, token cache, an empty chamber and the items of one way; returns the extra-vars file path and chamber id."""
    email = 'bench-%s-%d@example.com' % (way, int(time.time() * 1000))
    creds = emu.create_user(email, 'Administrator')
    token = emu.access_token(email)['access_token']
    chamber = api(emu, token, 'POST', '/chambers', 'ADD_CHAMBER', {'chambername': 'Bench %s' % way, 'chambertype': 'Shared'})
    alphabet = string.ascii_letters + string.digits
    items = [{'name': 'bench-%s-%03d' % (way, index), 'username': 'user%03d' % index,
              'password': ''.join(secrets.choice(alphabet) for dummy in range(20))} for index in range(1, count + 1)]
    values = {
        'zoho_vault_api_url': emu.api_url, 'zoho_vault_accounts_url': emu.accounts_url,
        'zoho_vault_client_id': creds['client_id'], 'zoho_vault_client_secret': creds['client_secret'],
        'zoho_vault_refresh_token': creds['refresh_token'],
        'zoho_vault_token_cache_dir': tempfile.mkdtemp(prefix='tokens-', dir=scratch),
        'bench_chamber_id': chamber['chamberid'], 'bench_items': items,
    }
    path = os.path.join(scratch, 'vars-%s.json' % way)
    with open(path, 'w', encoding='utf-8') as handle:
        json.dump(values, handle)
    os.chmod(path, 0o600)
    return {'varfile': path, 'chamber_id': chamber['chamberid'], 'token': token}


def run(emu: Emulator, parent: str, name: str, playbook: str, varfile: str, extra: list) -> dict:
    inventory = 'localhost ansible_connection=local ansible_python_interpreter=%s' % sys.executable
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=parent, ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_NOCOLOR='1',
               ANSIBLE_RETRY_FILES_ENABLED='false', ANSIBLE_PIPELINING='1', ANSIBLE_INVENTORY_UNPARSED_WARNING='false')
    with tempfile.NamedTemporaryFile('w', suffix='.ini', delete=False) as handle:
        handle.write(inventory + '\n')
    emu.reset_counters()
    started = time.monotonic()
    try:
        proc = subprocess.run([ansible_bin('ansible-playbook'), '-i', handle.name, '-e', '@' + varfile] + extra
                              + [os.path.join(HERE, playbook)],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=7200, check=False)
    finally:
        os.unlink(handle.name)
    seconds = time.monotonic() - started
    counters = emu.counters()
    output = proc.stdout.decode('utf-8', 'replace')
    recap = re.search(r'^localhost\s+:.*changed=(\d+)', output, re.M)
    changed_items = len(re.findall(r'^changed: \[localhost\]', output, re.M))
    return {'phase': name, 'rc': proc.returncode, 'calls': counters['calls_total'] + counters['token_requests'],
            'token_requests': counters['token_requests'], 'seconds': seconds, 'changed_items': changed_items,
            'changed_tasks': int(recap.group(1)) if recap else None, 'calls_by_endpoint': counters['calls'], 'tail': output[-3000:]}


def count_secrets(emu: Emulator, token: str, chamber_id: str) -> int:
    details = api(emu, token, 'GET', '/chambers/%s/secrets?per_page=1000' % chamber_id)
    return int(details.get('total', len(details.get('secrets') or [])))


def table(rows: list, count: int) -> str:
    head = ('phase', 'API calls', 'calls/item', 'changed items', 'wall s', 's/item')
    lines = ['| ' + ' | '.join(head) + ' |', '|' + '---|' * len(head)]
    for row in rows:
        values = (row['phase'], row['calls'], row['calls'] / float(count), row['changed_items'], row['seconds'], row['seconds'] / count)
        lines.append('| %s | %d | %.2f | %s | %.1f | %.2f |' % values)
    lines.append('| minimum possible, create | %d | %.2f | %d | - | - |' % (count + 2, (count + 2) / float(count), count))
    lines.append('| minimum possible, re-converge comparing passwords | %d | %.2f | 0 | - | - |' % (count + 2, (count + 2) / float(count)))
    lines.append('| minimum possible, re-converge without passwords | 2 | %.2f | 0 | - | - |' % (2.0 / count))
    return '\n'.join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--count', type=int, default=200)
    parser.add_argument('--skip-uri', action='store_true', help='only the zoho.vault.secret phases')
    parser.add_argument('--json', help='also write the results here')
    args = parser.parse_args()

    rows = []
    problems = []
    with tempfile.TemporaryDirectory(prefix='zoho-vault-secrets-bench-') as scratch:
        parent = collections_parent(os.path.join(scratch, 'collections'))
        with Emulator() as emu:
            emu.set_plan(per_minute=1000000, per_day=10000000)
            mod = prepare(emu, scratch, 'module', args.count)
            rows.append(run(emu, parent, 'module, create', 'module.yml', mod['varfile'], []))
            rows.append(run(emu, parent, 'module, re-converge', 'module.yml', mod['varfile'], []))
            rows.append(run(emu, parent, 'module, re-converge (update_password: on_create)', 'module.yml', mod['varfile'],
                            ['-e', 'bench_update_password=on_create']))
            held = count_secrets(emu, mod['token'], mod['chamber_id'])
            if held != args.count:
                problems.append('zoho.vault.secret left %d secrets, expected %d' % (held, args.count))
            if not args.skip_uri:
                uri = prepare(emu, scratch, 'uri', args.count)
                rows.append(run(emu, parent, 'uri, create', 'uri.yml', uri['varfile'], []))
                rows.append(run(emu, parent, 'uri, re-converge', 'uri.yml', uri['varfile'], []))
                held = count_secrets(emu, uri['token'], uri['chamber_id'])
                if held != args.count:
                    problems.append('the uri way left %d secrets, expected %d' % (held, args.count))
    print('Secrets at scale: create, then re-converge, %d secrets (one chamber, given by id)' % args.count)
    print(table(rows, args.count))
    for row in rows:
        if row['rc'] != 0:
            problems.append('%s failed (rc %d):\n%s' % (row['phase'], row['rc'], row['tail']))
    reconverge = [r for r in rows if 're-converge' in r['phase'] and r['phase'].startswith('module') and r['changed_items']]
    if reconverge:
        problems.append('a module re-converge changed something: %s' % ', '.join(r['phase'] for r in reconverge))
    for problem in problems:
        print('\nPROBLEM: ' + problem)
    if args.json:
        with open(args.json, 'w', encoding='utf-8') as handle:
            json.dump([dict(r, tail=None) for r in rows], handle, indent=2)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
