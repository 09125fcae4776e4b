# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Make the zoho.vault collection's ``module_utils`` importable as Ansible imports them.

The provider carries no copy of the client: it runs the collection's own ``module_utils``
(``ansible_collections.zoho.vault.plugins.module_utils``), found in this order:

1. already importable (the collection installed where Python looks, or a test put it there);
2. ``ZOHO_VAULT_COLLECTION_PATH``: the collection's root directory (the one holding ``galaxy.yml``);
3. the checkout this package sits in (``pip install -e terraform-provider``);
4. Ansible's collection paths (``ANSIBLE_COLLECTIONS_PATH``, ``~/.ansible/collections``,
   ``/usr/share/ansible/collections``), where ``ansible-galaxy collection install`` puts it.

For 2 and 3 the package modules ``ansible_collections``, ``.zoho`` and ``.zoho.vault`` are made in
memory with ``__path__`` pointing at the collection root, so nothing is written to disk.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from typing import List, Optional

NAMESPACE, NAME = 'zoho', 'vault'
PROBE = 'ansible_collections.zoho.vault.plugins.module_utils._api'


class CollectionNotFound(RuntimeError):
    pass


def _is_collection_root(path: str) -> bool:
    galaxy = os.path.join(path, 'galaxy.yml')
    if not os.path.isfile(galaxy) or not os.path.isdir(os.path.join(path, 'plugins', 'module_utils')):
        return False
    with open(galaxy, encoding='utf-8') as handle:
        text = handle.read()
    return 'namespace: %s' % NAMESPACE in text and 'name: %s' % NAME in text


def _checkout_root() -> Optional[str]:
    here = os.path.dirname(os.path.abspath(__file__))
    candidate = os.path.dirname(os.path.dirname(here))
    return candidate if _is_collection_root(candidate) else None


def _ansible_paths() -> List[str]:
    configured = os.environ.get('ANSIBLE_COLLECTIONS_PATH') or os.environ.get('ANSIBLE_COLLECTIONS_PATHS') or ''
    paths = [p for p in configured.split(os.pathsep) if p]
    paths += [os.path.expanduser('~/.ansible/collections'), '/usr/share/ansible/collections']
    return [os.path.join(p, 'ansible_collections', NAMESPACE, NAME) for p in paths]


def find_root() -> str:
    """The collection root to import from (ZOHO_VAULT_COLLECTION_PATH, the checkout, Ansible's paths)."""
    given = os.environ.get('ZOHO_VAULT_COLLECTION_PATH')
    if given:
        if _is_collection_root(given):
            return os.path.abspath(given)
        raise CollectionNotFound('ZOHO_VAULT_COLLECTION_PATH=%s is not the zoho.vault collection (no galaxy.yml naming zoho.vault '
                                 'next to plugins/module_utils)' % given)
    for candidate in [_checkout_root()] + _ansible_paths():
        if candidate and _is_collection_root(candidate):
            return os.path.abspath(candidate)
    raise CollectionNotFound('the zoho.vault collection was not found; install it (ansible-galaxy collection install zoho.vault), '
                             'or set ZOHO_VAULT_COLLECTION_PATH to its root directory')


def _package(name: str, path: List[str]) -> types.ModuleType:
    module = sys.modules.get(name)
    if module is None:
        module = types.ModuleType(name)
        module.__path__ = path
        sys.modules[name] = module
    return module


def ensure_importable() -> None:
    """Make ``ansible_collections.zoho.vault`` importable (no-op when it already is)."""
    try:
        importlib.import_module(PROBE)
        return
    except ImportError:
        pass
    root = find_root()
    top = _package('ansible_collections', [])
    zoho = _package('ansible_collections.zoho', [])
    vault = types.ModuleType('ansible_collections.zoho.vault')
    vault.__path__ = [root]
    sys.modules['ansible_collections.zoho.vault'] = vault
    setattr(top, 'zoho', zoho)
    setattr(zoho, 'vault', vault)
    importlib.invalidate_caches()
    importlib.import_module(PROBE)
