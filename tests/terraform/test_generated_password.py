# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A password made by Zoho Vault's generator: created once, kept by later plans, rotated in place when
``password_version`` changes, never shown by a plan; the settings that contradict each other are refused."""

from __future__ import annotations

from typing import Any

CONFIG = '''
provider "zohovault" {}
resource "zohovault_secret" "gen" {
  name              = "gp-db"
  username          = "app"
  generate_password = true
  password_length   = 20
  password_version  = "%s"
}
output "password_length" {
  value = nonsensitive(length(zohovault_secret.gen.password))
}
'''


def test_generated_then_kept_then_rotated_in_place(workspace: Any, vault: Any) -> None:
    ws = workspace
    ws.write(CONFIG % '1')
    ws.apply()
    first = ws.attributes('zohovault_secret.gen')
    assert len(first['password']) == 20 and ws.outputs()['password_length'] == 20
    assert vault.secrets.get_password(first['id']) == first['password']

    unchanged = ws.plan()
    assert unchanged.returncode == 0, unchanged.stdout
    ws.apply()
    assert ws.attributes('zohovault_secret.gen')['password'] == first['password']

    ws.write(CONFIG % '2')
    plan = ws.plan()
    assert plan.returncode == 2 and '1 to change' in plan.stdout and 'must be replaced' not in plan.stdout, plan.stdout
    assert first['password'] not in plan.stdout + plan.stderr
    applied = ws.apply()
    rotated = ws.attributes('zohovault_secret.gen')
    assert rotated['id'] == first['id'] and len(rotated['password']) == 20 and rotated['password'] != first['password']
    assert vault.secrets.get_password(rotated['id']) == rotated['password']
    assert rotated['password'] not in applied.stdout + applied.stderr
    assert ws.plan().returncode == 0

    # Imported, the secret keeps its password: the first apply only records the settings in the state.
    ws.forget()
    ws.run('import', 'zohovault_secret.gen', 'gp-db')
    assert ws.plan().returncode == 2
    ws.apply()
    assert ws.attributes('zohovault_secret.gen')['password'] == rotated['password']
    assert vault.secrets.get_password(rotated['id']) == rotated['password']
    assert ws.plan().returncode == 0
    ws.destroy()


def test_contradicting_settings_are_refused(workspace: Any) -> None:
    ws = workspace
    for body, message in (
        ('password = "x-1"\n  generate_password = true', 'password and generate_password are mutually exclusive'),
        ('generate_password = true\n  password_length = 5', 'password_length must be a whole number from 8 to 128'),
        ('password_version = "2"', 'password_length and password_version need generate_password = true'),
    ):
        ws.write('provider "zohovault" {}\nresource "zohovault_secret" "bad" {\n  name = "gp-bad"\n  %s\n}\n' % body)
        result = ws.plan()
        assert result.returncode == 1 and message in ' '.join((result.stdout + result.stderr).split()), result.stdout + result.stderr
