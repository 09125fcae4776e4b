# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Injected faults (no duplicates), wrong or missing credentials (one clear diagnostic), and one token for
Terraform and the collection between them."""

from __future__ import annotations

import os
from typing import Any

from ansible_collections.zoho.vault.plugins.module_utils._api import Vault
from ansible_collections.zoho.vault.plugins.module_utils._options import ConnectionOptions

SECRETS = '''
provider "zohovault" {}

resource "zohovault_chamber" "f" {
  name = "fault-chamber"
}

resource "zohovault_secret" "s" {
  count      = 6
  name       = "fault-${count.index}"
  chamber_id = zohovault_chamber.f.id
  password   = "fault-password-${count.index}"
}
'''


def test_faults_leave_no_duplicates(workspace: Any, vault: Any, emu: Any) -> None:
    ws = workspace
    ws.write(SECRETS)
    # Creates that succeed but whose reply is lost, a reset connection, and server errors on reads.
    emu.add_fault(kind='status', status=503, method='POST', path='^/secrets$', phase='after', count=2)
    emu.add_fault(kind='reset', method='POST', path='^/chambers$', phase='after', count=1)
    emu.add_fault(kind='status', status=500, method='GET', count=3)
    ws.apply()
    assert sum(f['fired'] for f in emu.faults()) == 6
    emu.clear_faults()

    chamber_id = ws.attributes('zohovault_chamber.f')['id']
    in_chamber = sorted(s['secretname'] for s in vault.secrets.list(chamber_id))
    assert in_chamber == ['fault-%d' % i for i in range(6)]
    assert len([c for c in vault.chambers.list() if c['chambername'] == 'fault-chamber']) == 1
    assert ws.plan().returncode == 0

    emu.add_fault(kind='status', status=503, method='DELETE', count=2)
    ws.destroy()
    emu.clear_faults()
    assert not [c for c in vault.chambers.list() if c['chambername'] == 'fault-chamber']


def test_wrong_credential_is_one_clear_diagnostic(workspace: Any, tmp_path: Any) -> None:
    ws = workspace
    ws.write(SECRETS)
    wrong = 'wrong-client-secret-value'
    result = ws.run('plan', env={'ZOHO_VAULT_CLIENT_SECRET': wrong, 'ZOHO_VAULT_TOKEN_CACHE_DIR': str(tmp_path / 'cache')}, check=False)
    assert result.returncode == 1
    said = ' '.join(result.stderr.split())  # Terraform wraps long diagnostics
    assert 'Error: POST /oauth/v2/token: HTTP 400 - the token endpoint refused the refresh token grant: invalid_client' in said
    assert 'Check client_id and client_secret' in said
    assert wrong not in result.stdout + result.stderr
    assert 'Traceback' not in result.stderr


def test_missing_credential_names_what_is_missing(workspace: Any) -> None:
    ws = workspace
    ws.write(SECRETS)
    result = ws.run('plan', env={'ZOHO_VAULT_REFRESH_TOKEN': ''}, check=False)
    assert result.returncode == 1
    said = ' '.join(result.stderr.split())
    assert 'Error: set either access_token or client_id, client_secret and refresh_token (missing: refresh_token' in said
    assert 'Traceback' not in result.stderr


def test_terraform_and_the_collection_share_one_token(workspace: Any, connection: Any, emu: Any, tmp_path: Any) -> None:
    ws = workspace
    ws.write('''
provider "zohovault" {}
data "zohovault_secrets" "all" {}
''')
    cache = str(tmp_path / 'shared-cache')
    before = emu.counters()['tokens_minted']
    ws.run('plan', env={'ZOHO_VAULT_TOKEN_CACHE_DIR': cache})
    # An Ansible run on this machine: the collection's client with the same options and the default cache.
    options = ConnectionOptions.from_env(overrides=dict(connection, token_cache_dir=cache), environ={})
    Vault.from_options(options).chambers.list()
    assert emu.counters()['tokens_minted'] - before == 1
    assert os.listdir(cache)
