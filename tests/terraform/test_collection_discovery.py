# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The provider package installed away from the checkout finds the collection where the README says."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import Any

from conftest import ROOT

PROBE = ('from terraform_provider_zohovault._collection import ensure_importable; ensure_importable(); '
         'import ansible_collections.zoho.vault.plugins.module_utils._api as api; print(api.__file__)')


def _run(package_parent: str, cwd: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ('ZOHO_VAULT_COLLECTION_PATH', 'ANSIBLE_COLLECTIONS_PATH', 'PYTHONPATH')}
    clean.update(env, PYTHONPATH=package_parent)
    # -S -I would drop the venv; -P keeps the working directory off sys.path so the checkout's editable install is not what runs.
    return subprocess.run([sys.executable, '-P', '-c', PROBE], cwd=cwd, env=clean, capture_output=True, text=True, check=False)


def _copy_package(tmp_path: Any) -> str:
    parent = tmp_path / 'site'
    shutil.copytree(os.path.join(ROOT, 'terraform-provider', 'terraform_provider_zohovault'), parent / 'terraform_provider_zohovault')
    return str(parent)


def test_found_in_ansible_collections_path(tmp_path: Any) -> None:
    parent = _copy_package(tmp_path)
    collections = tmp_path / 'collections' / 'ansible_collections' / 'zoho'
    collections.mkdir(parents=True)
    os.symlink(ROOT, collections / 'vault')
    found = _run(parent, str(tmp_path), ANSIBLE_COLLECTIONS_PATH=str(tmp_path / 'collections'), HOME=str(tmp_path))
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip().endswith(os.path.join('plugins', 'module_utils', '_api', '__init__.py'))


def test_found_by_environment_variable_and_refused_when_wrong(tmp_path: Any) -> None:
    parent = _copy_package(tmp_path)
    found = _run(parent, str(tmp_path), ZOHO_VAULT_COLLECTION_PATH=ROOT, HOME=str(tmp_path))
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip().startswith(ROOT)
    wrong = _run(parent, str(tmp_path), ZOHO_VAULT_COLLECTION_PATH=str(tmp_path), HOME=str(tmp_path))
    assert 'is not the zoho.vault collection' in wrong.stderr


def test_not_found_is_one_line(tmp_path: Any) -> None:
    parent = _copy_package(tmp_path)
    missing = _run(parent, str(tmp_path), HOME=str(tmp_path))
    assert missing.returncode != 0
    assert 'the zoho.vault collection was not found; install it (ansible-galaxy collection install zoho.vault)' in missing.stderr
