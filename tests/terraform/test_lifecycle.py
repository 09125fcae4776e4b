# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""apply → no-change plan → change outside Terraform → plan shows it → apply repairs → import into an empty
state → no-change plan → destroy → nothing left; every resource type in one configuration."""

from __future__ import annotations

from typing import Any

from ansible_collections.zoho.vault.plugins.module_utils._api._base import named

CONFIG = '''
provider "zohovault" {}

resource "zohovault_chamber" "ops" {
  name        = "lc-ops"
  description = "operations"
}

resource "zohovault_user" "dev" {
  email      = "lc-dev@example.com"
  role       = "User"
  first_name = "Dee"
}

resource "zohovault_group" "team" {
  name        = "lc-team"
  description = "the team"
  members     = [zohovault_user.dev.email]
}

resource "zohovault_secret" "db" {
  name          = "lc-db"
  chamber_id    = zohovault_chamber.ops.id
  url           = "https://db.example.com"
  username      = "app"
  password      = "lc-password-1"
  notes         = "primary"
  custom_fields = { env = "prod" }
}

resource "zohovault_secret" "api" {
  name       = "lc-api"
  chamber_id = zohovault_chamber.ops.id
  password   = "lc-password-2"
  secret_type = "Custom"
}

resource "zohovault_secret_share" "db" {
  secret_id = zohovault_secret.db.id
  users     = { (zohovault_user.dev.email) = ["READ"] }
  groups    = { (zohovault_group.team.name) = ["READ", "WRITE"] }
}
'''

IMPORTS = [
    ('zohovault_chamber.ops', 'lc-ops'),
    ('zohovault_user.dev', 'lc-dev@example.com'),
    ('zohovault_group.team', 'lc-team'),
    ('zohovault_secret.db', 'lc-ops/lc-db'),
    ('zohovault_secret.api', 'lc-ops/lc-api'),
    ('zohovault_secret_share.db', 'lc-ops/lc-db'),
]


def _ours(vault: Any) -> dict:
    return {
        'chambers': named(vault.chambers.list(), 'chambername', 'lc-ops'),
        'secrets': [s for s in vault.secrets.list() if str(s.get('secretname')).startswith('lc-')],
        'users': named(vault.users.list(), 'emailid', 'lc-dev@example.com'),
        'groups': named(vault.groups.list(), 'groupname', 'lc-team'),
    }


def _change_outside(vault: Any, ws: Any) -> None:
    db = ws.attributes('zohovault_secret.db')
    vault.secrets.update(db['id'], {'notes': 'changed by hand', 'customfields': {'env': 'prod', 'extra': 'x'}})
    vault.secrets.delete(ws.attributes('zohovault_secret.api')['id'])
    vault.shares.revoke(db['id'], groupid=ws.attributes('zohovault_group.team')['id'])
    vault.groups.update(ws.attributes('zohovault_group.team')['id'], {'description': 'edited'})
    vault.users.update(ws.attributes('zohovault_user.dev')['id'], {'role': 'Manager'})


def test_lifecycle(workspace: Any, vault: Any, emu: Any) -> None:
    ws = workspace
    ws.write(CONFIG)
    ws.apply()
    assert ws.plan().returncode == 0

    db = ws.attributes('zohovault_secret.db')
    assert vault.secrets.get_password(db['id']) == 'lc-password-1'
    info = vault.shares.get(db['id'])
    assert [(u['emailid'], u['permissions']) for u in info['users']] == [('lc-dev@example.com', ['READ'])]
    assert sorted(info['groups'][0]['permissions']) == ['READ', 'WRITE']

    _change_outside(vault, ws)
    plan = ws.plan()
    assert plan.returncode == 2, plan.stdout + plan.stderr
    for drift in ('"changed by hand" -> "primary"', '"edited" -> "the team"', '"Manager" -> "User"',
                  'zohovault_secret.api will be created', '- "extra" = "x"', 'lc-team'):
        assert drift in plan.stdout, drift

    ws.apply()
    assert ws.plan().returncode == 0
    db = ws.attributes('zohovault_secret.db')
    assert vault.secrets.get(db['id'])['notes'] == 'primary'
    assert len(vault.shares.get(db['id'])['groups']) == 1

    ws.forget()
    for address, import_id in IMPORTS:
        ws.run('import', address, import_id)
    plan = ws.plan()
    assert plan.returncode == 0, plan.stdout + plan.stderr

    ws.destroy()
    assert _ours(vault) == {'chambers': [], 'secrets': [], 'users': [], 'groups': []}


def test_gone_before_destroy_and_import_errors(workspace: Any, vault: Any) -> None:
    ws = workspace
    ws.write('''
provider "zohovault" {}
resource "zohovault_secret" "lone" {
  name     = "lc-lone"
  password = "lc-password-3"
}
''')
    ws.apply()
    vault.secrets.delete(ws.attributes('zohovault_secret.lone')['id'])
    ws.destroy()  # Read finds it gone: nothing to destroy, no error

    ws.forget()
    failed = ws.run('import', 'zohovault_secret.lone', 'no-such-chamber/lc-lone', check=False)
    assert failed.returncode == 1
    assert "Error: no chamber named 'no-such-chamber'" in ' '.join(failed.stderr.split())
    assert 'Traceback' not in failed.stderr
