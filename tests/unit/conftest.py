# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Make ``ansible_collections.zoho.vault`` importable under plain pytest (ansible-test already does).

One bootstrap for every unit test folder, through Ansible's collection loader rather than plain
sys.path: the lookups are loaded by ``lookup_loader``, which must hand out the same module objects
the tests import, in every folder of one pytest run.
"""


import os
import sys
import tempfile


def _collection_loader_installed():
    return any(type(finder).__name__ == '_AnsibleCollectionFinder' for finder in sys.meta_path)


def _ensure_collection_loader():
    if _collection_loader_installed():
        return
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
    base = tempfile.mkdtemp(prefix='zoho-vault-units-')
    os.makedirs(os.path.join(base, 'ansible_collections', 'zoho'))
    os.symlink(root, os.path.join(base, 'ansible_collections', 'zoho', 'vault'))
    for name in list(sys.modules):
        if name == 'ansible_collections' or name.startswith('ansible_collections.'):
            del sys.modules[name]
    from ansible.plugins.loader import init_plugin_loader
    init_plugin_loader([base])


_ensure_collection_loader()


import pytest  # noqa: E402  # pylint: disable=wrong-import-position


@pytest.fixture
def emulator():
    """A fresh emulator in this process (see ``tests/unit/emulator.py``): no subprocess, no port."""
    from ansible_collections.zoho.vault.tests.unit.emulator import InProcessEmulator
    return InProcessEmulator()


@pytest.fixture
def vault(emulator):
    """A real ``Vault`` over a real ``VaultClient`` acting as the emulator's administrator."""
    vault = emulator.vault()
    yield vault
    vault.client.close()
