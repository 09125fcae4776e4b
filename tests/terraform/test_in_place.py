# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What changes in place (renames, a move between chambers, a new password, a user's new address), what forces
replacement (a share's secret), and what the plan refuses (a secret leaving its chamber for none)."""

from __future__ import annotations

from typing import Any

BEFORE = '''
provider "zohovault" {}
resource "zohovault_chamber" "a" { name = "ip-a" }
resource "zohovault_chamber" "b" { name = "ip-b" }
resource "zohovault_user" "u" { email = "ip-user@example.com" }
resource "zohovault_group" "g" {
  name    = "ip-group"
  members = [zohovault_user.u.email]
}
resource "zohovault_secret" "s" {
  name       = "ip-secret"
  chamber_id = zohovault_chamber.a.id
  password   = "ip-password-1"
}
resource "zohovault_secret" "t" {
  name     = "ip-other"
  password = "ip-password-9"
}
resource "zohovault_secret_share" "s" {
  secret_id = zohovault_secret.s.id
  users     = { (zohovault_user.u.email) = ["READ"] }
}
'''

AFTER = (BEFORE.replace('name       = "ip-secret"\n  chamber_id = zohovault_chamber.a.id\n  password   = "ip-password-1"',
                        'name       = "ip-secret-renamed"\n  chamber_id = zohovault_chamber.b.id\n  password   = "ip-password-2"')
         .replace('"ip-group"', '"ip-group-renamed"').replace('"ip-user@example.com"', '"ip-user2@example.com"')
         .replace('name = "ip-b"', 'name = "ip-b-renamed"'))


def test_in_place_and_replace(workspace: Any, vault: Any) -> None:
    ws = workspace
    ws.write(BEFORE)
    ws.apply()
    ids = {a: ws.attributes(a)['id'] for a in ('zohovault_secret.s', 'zohovault_group.g', 'zohovault_user.u', 'zohovault_chamber.b')}

    ws.write(AFTER)
    plan = ws.plan()
    assert plan.returncode == 2
    assert 'must be replaced' not in plan.stdout and 'Plan: 0 to add, 5 to change, 0 to destroy.' in plan.stdout, plan.stdout
    ws.apply()
    assert ws.plan().returncode == 0
    assert {a: ws.attributes(a)['id'] for a in ids} == ids
    secret = vault.secrets.get(ids['zohovault_secret.s'])
    assert (secret['secretname'], secret['chamberid']) == ('ip-secret-renamed', ids['zohovault_chamber.b'])
    assert vault.secrets.get_password(ids['zohovault_secret.s']) == 'ip-password-2'
    assert vault.groups.get(ids['zohovault_group.g'])['members'] == ['ip-user2@example.com']

    ws.write(AFTER.replace('secret_id = zohovault_secret.s.id', 'secret_id = zohovault_secret.t.id'))
    plan = ws.plan()
    assert 'zohovault_secret_share.s must be replaced' in plan.stdout and '# forces replacement' in plan.stdout
    ws.apply()
    assert vault.shares.get(ids['zohovault_secret.s'])['users'] == []
    assert [u['emailid'] for u in vault.shares.get(ws.attributes('zohovault_secret.t')['id'])['users']] == ['ip-user2@example.com']

    ws.write(AFTER.replace('  chamber_id = zohovault_chamber.b.id\n', ''))
    refused = ws.plan()
    assert refused.returncode == 1
    assert "secret 'ip-secret-renamed' cannot leave its chamber" in ' '.join(refused.stderr.split())
    ws.write(AFTER)  # terraform 1.0's destroy plans the configuration first
    ws.destroy()
