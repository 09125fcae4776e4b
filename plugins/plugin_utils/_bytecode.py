# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Importing this module makes the collection's shared code load from cached bytecode in this process.

Ansible's collection loader compiles a collection module from source in every process that imports it and
never keeps the bytecode. Every forked worker that evaluates a lookup imports the lookups' shared code anew:
about 9 ms of compiling per worker on a cache hit, 40% of what a lookup adds to a task (profiled with
benchmarks/lookup_50_hosts.py). Plugin files themselves do not pay it: Ansible loads them with Python's own
file loader, which reads and writes ``__pycache__``.

This gives the collection's ``plugin_utils`` and ``module_utils`` the same treatment on the controller: a
finder placed just before Ansible's collection finder, for those two packages of this collection only, that hands each file to
Python's ``SourceFileLoader``. Python checks the cached bytecode against the source's size and time as for
any file; a directory it may not write to (or ``PYTHONDONTWRITEBYTECODE``) only means compiling as before.
Modules sent to managed hosts are packed by Ansible from the sources and are not affected.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from importlib.machinery import ModuleSpec
from typing import Optional, Sequence

PREFIX = 'ansible_collections.zoho.vault.plugins.'
PACKAGES = ('plugin_utils', 'module_utils')
ANSIBLE_FINDER = '_AnsibleCollectionFinder'  # ansible.utils.collection_loader's meta path finder
PLUGINS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class CachedBytecodeFinder:
    """Finds ``ansible_collections.zoho.vault.plugins.{plugin_utils,module_utils}.*`` in this collection's tree."""

    def __init__(self, plugins_dir: str) -> None:
        self.plugins_dir = plugins_dir

    def find_spec(self, fullname: str, path: Optional[Sequence[str]] = None, target: object = None) -> Optional[ModuleSpec]:
        if not fullname.startswith(PREFIX):
            return None
        parts = fullname[len(PREFIX):].split('.')
        if len(parts) < 2 or parts[0] not in PACKAGES:
            return None
        base = os.path.join(self.plugins_dir, *parts)
        if os.path.isfile(base + '.py'):
            return importlib.util.spec_from_file_location(fullname, base + '.py')
        package_init = os.path.join(base, '__init__.py')
        if os.path.isfile(package_init):
            return importlib.util.spec_from_file_location(fullname, package_init, submodule_search_locations=[base])
        return None  # not ours to find: Ansible's loader answers (and reports what is missing)


def install(plugins_dir: str = PLUGINS_DIR) -> None:
    """Put the finder just before Ansible's collection finder, once per process.

    Only there does it matter (the collection finder would answer first), and everything before it keeps
    its place: ansible-test's import sanity check, for one, requires the first finder to stay first.
    Without Ansible's collection finder (not in an Ansible process) there is nothing to do.
    """
    names = [type(finder).__name__ for finder in sys.meta_path]
    if CachedBytecodeFinder.__name__ in names or ANSIBLE_FINDER not in names:
        return
    sys.meta_path.insert(names.index(ANSIBLE_FINDER), CachedBytecodeFinder(plugins_dir))


install()
