# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The README's Terraform section as a user follows it: the provider's launcher in Terraform's implied local
mirror (``--install-mirror``), ``terraform init`` without a registry, then apply, a no-change plan, destroy."""

from __future__ import annotations

import os
import re
import subprocess
from typing import Any

from conftest import ROOT, provider_dir


def test_readme_flow(workspace: Any, tmp_path: Any, vault: Any) -> None:
    with open(os.path.join(ROOT, 'README.md'), encoding='utf-8') as handle:
        readme = handle.read()
    section = readme.split('## Terraform\n', 1)[1].split('\n## ', 1)[0]
    config = re.findall(r'^```terraform\n(.*?)^```', section, flags=re.S | re.M)[0]
    assert '--install-mirror' in section and 'terraform init' in section

    home = tmp_path / 'home'
    home.mkdir()
    env = dict(workspace.env, HOME=str(home))
    del env['TF_CLI_CONFIG_FILE']  # no dev_overrides: the provider comes from the local mirror, as for users
    launcher = subprocess.run([os.path.join(provider_dir(), 'terraform-provider-zohovault'), '--install-mirror'], env=env,
                              capture_output=True, text=True, check=True).stdout.strip()
    assert launcher.startswith(str(home / '.terraform.d' / 'plugins' / 'terraform.local' / 'zoho' / 'zohovault'))

    with open(os.path.join(workspace.path, 'main.tf'), 'w', encoding='utf-8') as handle:
        handle.write(config)
    workspace.env = env
    init = workspace.run('init', '-no-color', '-input=false')
    assert 'Terraform has been successfully initialized' in init.stdout
    apply = workspace.apply()
    assert 'Provider development overrides' not in apply.stdout + apply.stderr
    secret = workspace.attributes('zohovault_secret.db')
    assert vault.secrets.get_password(secret['id']) == 'change-me-please'
    assert workspace.plan().returncode == 0
    workspace.destroy()
