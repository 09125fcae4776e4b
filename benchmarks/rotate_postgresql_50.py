#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Rotation of N PostgreSQL roles with zoho.vault.rotate: wall time and API calls against the minimum.

    sudo python benchmarks/rotate_postgresql_50.py [--roles 50] [--forks 10] [--json FILE]

Starts a throwaway PostgreSQL server (Debian's postgresql package, run as the postgres user on a free local
port in a temporary directory, removed at the end) with N login roles and a rotating user that has CREATEROLE
only, and the emulator with N secrets 100 days old. Then runs the role (method postgresql, one inventory host
per role) three times: every role due (rotated), nothing due (skipped as fresh), and check mode. After the
first run every role is opened with the password the vault holds (psycopg2), so the figures are of a run that
worked. Prints, per run, the wall seconds and the API calls (token requests included) by endpoint beside the
minimum:
  rotated role  7 calls: find the secret (1 search), read its password (it becomes the previous one), generate
                a password, store it as the pending secret, write the previous secret, update the main secret,
                delete the pending secret;
  fresh role    1 call: the search (the age is in its metadata);
  plus one token for the run, and one read of the rotating user's password when anything is rotated.
Needs root (to run the server as postgres), community.postgresql beside the collection (scripts/test_collections.py
puts it there) and psycopg2.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import psycopg2
import requests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))

from zoho_vault_emulator.testing import Emulator  # noqa: E402  pylint: disable=wrong-import-position

ROTATED_MINIMUM = 7
CHAMBER = 'Bench Databases'
PLAYBOOK = """
- name: Rotate the PostgreSQL roles
  hosts: roles
  gather_facts: false
  vars:
    rotate_method: postgresql
    rotate_chamber: %(chamber)s
    rotate_max_age_days: 30
    rotate_password_policy: {length: 24, symbols: false}
    rotate_postgresql_login_host: 127.0.0.1
    rotate_postgresql_port: %(port)d
    rotate_postgresql_login_user: zvb_rotator
    rotate_postgresql_login_password: "{{ lookup('zoho.vault.password', 'db zvb_rotator', chamber='%(chamber)s') }}"
  roles:
    - role: zoho.vault.rotate
"""


def random_password() -> str:
    return 'Pw' + secrets.token_hex(12)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def as_postgres(*command: str) -> None:
    subprocess.run(['runuser', '-u', 'postgres', '--'] + list(command), check=True, cwd='/',
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Server:
    """A throwaway PostgreSQL cluster, owned by the postgres user, listening on 127.0.0.1 only."""

    def __init__(self, scratch: str) -> None:
        bins = sorted(d for d in (os.path.join('/usr/lib/postgresql', v, 'bin') for v in os.listdir('/usr/lib/postgresql'))
                      if os.path.isdir(d))
        self.bin, self.port = bins[-1], free_port()
        self.data = os.path.join(scratch, 'pgdata')
        self.superuser = random_password()
        os.chmod(scratch, 0o711)
        os.mkdir(self.data, 0o700)
        shutil.chown(self.data, 'postgres', 'postgres')
        pwfile = os.path.join(self.data, '..', 'pwfile')
        with open(pwfile, 'w', encoding='utf-8') as handle:
            handle.write(self.superuser + '\n')
        shutil.chown(pwfile, 'postgres')
        as_postgres(os.path.join(self.bin, 'initdb'), '-D', self.data, '-U', 'postgres', '--pwfile=' + pwfile,
                    '--auth-local=peer', '--auth-host=scram-sha-256')
        os.remove(pwfile)
        as_postgres(os.path.join(self.bin, 'pg_ctl'), '-D', self.data, '-l', os.path.join(self.data, 'server.log'), '-w',
                    '-o', '-p %d -k %s -c listen_addresses=127.0.0.1 -c max_connections=200' % (self.port, self.data), 'start')

    def connect(self, user: str, password: str):
        return psycopg2.connect(host='127.0.0.1', port=self.port, dbname='postgres', user=user, password=password,
                                connect_timeout=10)

    def stop(self) -> None:
        as_postgres(os.path.join(self.bin, 'pg_ctl'), '-D', self.data, '-m', 'immediate', 'stop')


def create_roles(server: Server, names: list, rotator: str) -> dict:
    passwords = {name: random_password() for name in names}
    conn = server.connect('postgres', server.superuser)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute('CREATE ROLE zvb_rotator LOGIN CREATEROLE PASSWORD %s', (rotator,))
        for name, password in passwords.items():
            cur.execute('CREATE ROLE %s LOGIN PASSWORD %%s' % name, (password,))
    conn.close()
    return passwords


def seed_vault(emu: Emulator, passwords: dict, rotator: str) -> None:
    """The rotating user's secret and one Database secret per role, written 100 days ago (the clock set back)."""
    token = emu.access_token(emu.admin['email'])['access_token']
    headers = {'Authorization': 'Zoho-oauthtoken ' + token}
    chamber = requests.post(emu.api_url + '/chambers', headers=headers, timeout=30, json={
        'operation': {'name': 'ADD_CHAMBER'}, 'data': {'chambername': CHAMBER, 'chambertype': 'Shared'}})
    chamber.raise_for_status()
    chamber_id = chamber.json()['operation']['details']['chamberid']
    emu.set_clock(-100 * 86400)
    entries = [('db zvb_rotator', 'zvb_rotator', rotator)] + [
        ('%s %s' % (name, name), name, password) for name, password in passwords.items()]
    for secretname, username, password in entries:
        reply = requests.post(emu.api_url + '/secrets', headers=headers, timeout=30, json={
            'operation': {'name': 'ADD_SECRET'},
            'data': {'secretname': secretname, 'username': username, 'password': password, 'chamberid': chamber_id,
                     'secrettype': 'Database'}})
        reply.raise_for_status()
    emu.set_clock(0)


def collections_parent(scratch: str) -> str:
    parent = os.path.join(scratch, 'collections')
    os.makedirs(os.path.join(parent, 'ansible_collections', 'zoho'))
    os.symlink(ROOT, os.path.join(parent, 'ansible_collections', 'zoho', 'vault'))
    subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'test_collections.py'),
                    os.path.join(parent, 'ansible_collections', 'zoho', 'vault')], check=True)
    return parent


def run(emu: Emulator, scratch: str, parent: str, inventory: str, forks: int, label: str, extra: list) -> dict:
    config = {'zoho_vault_api_url': emu.api_url, 'zoho_vault_accounts_url': emu.accounts_url,
              'zoho_vault_client_id': emu.admin['client_id'], 'zoho_vault_client_secret': emu.admin['client_secret'],
              'zoho_vault_refresh_token': emu.admin['refresh_token'],
              'zoho_vault_token_cache_dir': tempfile.mkdtemp(prefix='tokens-', dir=scratch)}
    varfile = os.path.join(scratch, 'connection.json')
    with open(varfile, 'w', encoding='utf-8') as handle:
        json.dump(config, handle)
    os.chmod(varfile, 0o600)
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=parent, ANSIBLE_FORKS=str(forks), ANSIBLE_NOCOLOR='1',
               ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_RETRY_FILES_ENABLED='false', ANSIBLE_PIPELINING='true')
    emu.reset_counters()
    started = time.monotonic()
    ansible_playbook = os.path.join(os.path.dirname(sys.executable), 'ansible-playbook')
    proc = subprocess.run([ansible_playbook if os.path.exists(ansible_playbook) else 'ansible-playbook', '-i', inventory,
                           '-e', '@' + varfile, os.path.join(scratch, 'rotate.yml')] + extra,
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=3600, check=False)
    seconds = time.monotonic() - started
    counters = emu.counters()
    output = proc.stdout.decode('utf-8', 'replace')
    headline = re.findall(r'zoho\.vault\.rotate: [^"]*', output)
    return {'run': label, 'rc': proc.returncode, 'seconds': seconds,
            'calls': counters['calls_total'] + counters['token_requests'], 'tokens': counters['tokens_minted'],
            'by_endpoint': dict(sorted(counters['calls'].items())), 'summary': headline[-1] if headline else '',
            'tail': output[-3000:]}


def opened(server: Server, names: list, emu: Emulator) -> int:
    """How many roles the password the vault now holds opens (a real login each)."""
    token = emu.access_token(emu.admin['email'])['access_token']
    headers = {'Authorization': 'Zoho-oauthtoken ' + token}
    listing = requests.get(emu.api_url + '/secrets', params={'per_page': 1000}, headers=headers, timeout=30)
    by_name = {s['secretname']: s for s in listing.json()['operation']['details']['secrets']}
    count = 0
    for name in names:
        secret_id = by_name['%s %s' % (name, name)]['secretid']
        reply = requests.get(emu.api_url + '/secrets/%s/password' % secret_id, headers=headers, timeout=30)
        try:
            server.connect(name, reply.json()['operation']['details']['password']).close()
            count += 1
        except psycopg2.OperationalError:
            pass
    return count


def table(rows: list, roles: int) -> str:
    head = ('run', 'wall s', 'API calls', 'minimum', 'x minimum', 'tokens minted', 'role summary')
    lines = ['| ' + ' | '.join(head) + ' |', '|' + '---|' * len(head)]
    for row in rows:
        lines.append('| %s | %.1f | %d | %d | %.2f | %d | %s |' % (
            row['run'], row['seconds'], row['calls'], row['minimum'], row['calls'] / float(row['minimum']),
            row['tokens'], row['summary'] or 'rc %d' % row['rc']))
    return '\n'.join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--roles', type=int, default=50)
    parser.add_argument('--forks', type=int, default=10)
    parser.add_argument('--json', help='also write the results here')
    args = parser.parse_args()
    if os.geteuid() != 0 or not os.path.isdir('/usr/lib/postgresql'):
        print('needs root and the postgresql package (scripts/bootstrap.sh installs it)', file=sys.stderr)
        return 2
    names = ['zvb_role%03d' % index for index in range(1, args.roles + 1)]
    rows = []
    with tempfile.TemporaryDirectory(prefix='zoho-vault-rotate-bench-') as scratch:
        parent = collections_parent(scratch)
        server = Server(scratch)
        try:
            rotator = random_password()
            passwords = create_roles(server, names, rotator)
            with Emulator() as emu:
                emu.set_plan(per_minute=1000000, per_day=10000000)
                seed_vault(emu, passwords, rotator)
                inventory = os.path.join(scratch, 'inventory.ini')
                with open(inventory, 'w', encoding='utf-8') as handle:
                    handle.write('[roles]\n' + ''.join('%s rotate_user=%s\n' % (name, name) for name in names))
                    handle.write('[roles:vars]\nansible_connection=local\nansible_python_interpreter=%s\n' % sys.executable)
                with open(os.path.join(scratch, 'rotate.yml'), 'w', encoding='utf-8') as handle:
                    handle.write(PLAYBOOK % {'chamber': CHAMBER, 'port': server.port})
                # One token, the rotating user's password once, then 7 calls per role.
                rotate_min = 2 + args.roles * ROTATED_MINIMUM
                rows.append(dict(run(emu, scratch, parent, inventory, args.forks, 'all %d due (rotated)' % args.roles, []),
                                 minimum=rotate_min))
                rows[-1]['opened'] = opened(server, names, emu)
                rows.append(dict(run(emu, scratch, parent, inventory, args.forks, 'none due (skipped as fresh)', []),
                                 minimum=1 + args.roles))
                rows.append(dict(run(emu, scratch, parent, inventory, args.forks, 'check mode (none due)', ['--check']),
                                 minimum=1 + args.roles))
        finally:
            server.stop()
    print('zoho.vault.rotate, method postgresql: %d roles, forks=%d, PostgreSQL on this machine, the emulator as the vault'
          % (args.roles, args.forks))
    print(table(rows, args.roles))
    print('after the rotation, the vault\'s password opens %d of %d roles (a login each)' % (rows[0]['opened'], args.roles))
    for row in rows:
        print('%s: calls by endpoint: %s' % (row['run'], json.dumps(row['by_endpoint'])))
        if row['rc'] != 0:
            print('\n%s failed (rc %d):\n%s' % (row['run'], row['rc'], row['tail']))
    if args.json:
        with open(args.json, 'w', encoding='utf-8') as handle:
            json.dump([dict(r, tail=None) for r in rows], handle, indent=2)
    return 0 if all(r['rc'] == 0 for r in rows) and rows[0]['opened'] == args.roles else 1


if __name__ == '__main__':
    sys.exit(main())
