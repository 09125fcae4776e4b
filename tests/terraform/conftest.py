# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Acceptance tests of the Terraform provider: real ``terraform`` commands against the emulator.

The emulator is the one ``scripts/with_emulator.py`` started (its ``ZOHO_VAULT_*`` variables), or one
started here when run alone. Terraform is ``$ZOHO_VAULT_TERRAFORM`` or ``terraform`` on PATH (the
bootstrap puts Terraform 1.0.3 into the venv); it finds the provider through ``dev_overrides`` pointing
at the directory of the installed ``terraform-provider-zohovault`` executable.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from typing import Any, Dict, List, Optional

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))

from zoho_vault_emulator.testing import Emulator  # noqa: E402

from terraform_provider_zohovault._collection import ensure_importable  # noqa: E402

ensure_importable()

from ansible_collections.zoho.vault.plugins.module_utils._api import Vault  # noqa: E402
from ansible_collections.zoho.vault.plugins.module_utils._options import ConnectionOptions  # noqa: E402

SOURCE = 'terraform.local/zoho/zohovault'
HEADER = '''terraform {
  required_providers {
    zohovault = { source = "%s" }
  }
}
''' % SOURCE
CONNECTION = ('api_url', 'accounts_url', 'client_id', 'client_secret', 'refresh_token', 'token_cache_dir')


def terraform_binary() -> str:
    found = os.environ.get('ZOHO_VAULT_TERRAFORM') or shutil.which('terraform')
    if not found:
        pytest.fail('no terraform binary: run scripts/bootstrap.sh (it installs Terraform 1.0.3 for the tests) or set ZOHO_VAULT_TERRAFORM')
    return found


def provider_dir() -> str:
    found = shutil.which('terraform-provider-zohovault') or os.path.join(os.path.dirname(sys.executable), 'terraform-provider-zohovault')
    if not os.path.exists(found):
        pytest.fail('terraform-provider-zohovault is not installed: pip install -e terraform-provider')
    return os.path.dirname(os.path.abspath(found))


@pytest.fixture(scope='session')
def emulator(tmp_path_factory: Any) -> Any:
    url = os.environ.get('ZOHO_VAULT_EMULATOR_URL')
    if url:
        emu = Emulator()
        emu.info = {'url': url}
        emu.info = emu.control('GET', '/info')
        yield emu
        return
    emu = Emulator().start(plan='enterprise')
    try:
        yield emu
    finally:
        emu.stop()


@pytest.fixture(scope='session')
def connection(emulator: Any, tmp_path_factory: Any) -> Dict[str, str]:
    admin = emulator.admin
    cache = os.environ.get('ZOHO_VAULT_TOKEN_CACHE_DIR') or str(tmp_path_factory.mktemp('tokens'))
    return {'api_url': emulator.api_url, 'accounts_url': emulator.accounts_url, 'client_id': admin['client_id'],
            'client_secret': admin['client_secret'], 'refresh_token': admin['refresh_token'], 'token_cache_dir': cache}


@pytest.fixture(scope='session')
def vault(connection: Dict[str, str]) -> Vault:
    """The collection's own client, for changes made outside Terraform and for checking the vault."""
    return Vault.from_options(ConnectionOptions.from_env(overrides=connection, environ={}))


@pytest.fixture
def emu(emulator: Any) -> Any:
    """The emulator, with faults cleared after each test."""
    yield emulator
    emulator.clear_faults()


class Workspace:
    """One Terraform working directory with its own state, running real terraform commands."""

    def __init__(self, path: str, connection: Dict[str, str]) -> None:
        self.path = path
        cli = os.path.join(path, 'cli.tfrc')
        with open(cli, 'w', encoding='utf-8') as handle:
            handle.write('provider_installation {\n  dev_overrides {\n    "%s" = "%s"\n  }\n  direct {}\n}\n' % (SOURCE, provider_dir()))
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(('ZOHO_VAULT_', 'TF_'))}
        self.env.update({'ZOHO_VAULT_' + k.upper(): v for k, v in connection.items()})
        self.env.update(TF_CLI_CONFIG_FILE=cli, TF_IN_AUTOMATION='1', CHECKPOINT_DISABLE='1')

    def write(self, config: str) -> None:
        with open(os.path.join(self.path, 'main.tf'), 'w', encoding='utf-8') as handle:
            handle.write(HEADER + config)

    def run(self, *args: str, env: Optional[Dict[str, str]] = None, check: bool = True) -> subprocess.CompletedProcess:
        command = [terraform_binary()] + list(args)
        if args[0] in ('apply', 'destroy', 'plan', 'import', 'refresh'):
            command.insert(2, '-no-color')
            command.insert(2, '-input=false')
        result = subprocess.run(command, cwd=self.path, env=dict(self.env, **(env or {})), capture_output=True, text=True,
                                timeout=300, check=False)
        if check and result.returncode != 0:
            raise AssertionError('terraform %s exited %d:\n%s\n%s' % (' '.join(args), result.returncode, result.stdout, result.stderr))
        return result

    def apply(self, **kw: Any) -> subprocess.CompletedProcess:
        return self.run('apply', '-auto-approve', **kw)

    def destroy(self, **kw: Any) -> subprocess.CompletedProcess:
        return self.run('destroy', '-auto-approve', **kw)

    def plan(self) -> subprocess.CompletedProcess:
        """``plan -detailed-exitcode``: 0 no changes, 2 changes, 1 error."""
        return self.run('plan', '-detailed-exitcode', check=False)

    def state(self) -> Dict[str, Any]:
        with open(os.path.join(self.path, 'terraform.tfstate'), encoding='utf-8') as handle:
            return json.load(handle)

    def attributes(self, address: str) -> Dict[str, Any]:
        kind, name = address.split('.', 1)
        for res in self.state()['resources']:
            if res['mode'] == 'managed' and res['type'] == kind and res['name'] == name:
                return res['instances'][0]['attributes']
        raise KeyError(address)

    def outputs(self) -> Dict[str, Any]:
        return {k: v['value'] for k, v in self.state().get('outputs', {}).items()}

    def forget(self) -> None:
        for name in ('terraform.tfstate', 'terraform.tfstate.backup'):
            if os.path.exists(os.path.join(self.path, name)):
                os.remove(os.path.join(self.path, name))


@pytest.fixture
def workspace(tmp_path: Any, connection: Dict[str, str]) -> Workspace:
    return Workspace(str(tmp_path), connection)


def names(objects: List[Dict[str, Any]], field: str) -> List[str]:
    return sorted(str(o.get(field)) for o in objects)
