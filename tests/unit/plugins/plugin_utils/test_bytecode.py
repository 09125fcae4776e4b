# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The finder that loads the collection's shared code with Python's file loader (and so from cached bytecode)."""

import importlib.util
import os
import sys

from importlib.machinery import SourceFileLoader

from ansible_collections.zoho.vault.plugins.plugin_utils import _bytecode
from ansible_collections.zoho.vault.plugins.plugin_utils._bytecode import CachedBytecodeFinder, install

PREFIX = 'ansible_collections.zoho.vault.plugins.'


class _AnsibleCollectionFinder:
    """Stands for Ansible's collection finder: only its class name matters to install()."""

    def find_spec(self, fullname, path=None, target=None):
        return None


class First:
    def find_spec(self, fullname, path=None, target=None):
        return None


def test_the_shared_code_is_found_as_plain_files_with_their_bytecode_cache():
    finder = CachedBytecodeFinder(_bytecode.PLUGINS_DIR)
    spec = finder.find_spec(PREFIX + 'plugin_utils._agent_server')
    assert isinstance(spec.loader, SourceFileLoader)
    assert spec.origin == os.path.join(_bytecode.PLUGINS_DIR, 'plugin_utils', '_agent_server.py')
    assert importlib.util.cache_from_source(spec.origin) == spec.cached
    package = finder.find_spec(PREFIX + 'module_utils._api')
    assert package.submodule_search_locations == [os.path.join(_bytecode.PLUGINS_DIR, 'module_utils', '_api')]


def test_a_module_loaded_through_it_is_the_module_of_the_source():
    spec = CachedBytecodeFinder(_bytecode.PLUGINS_DIR).find_spec(PREFIX + 'plugin_utils._agent_server')
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.PROTOCOL == 3 and callable(module.dispatch)


def test_everything_else_is_left_to_ansible():
    finder = CachedBytecodeFinder(_bytecode.PLUGINS_DIR)
    for name in ('ansible_collections.zoho.vault', PREFIX + 'plugin_utils', PREFIX + 'modules.secret',
                 PREFIX + 'lookup.password', 'ansible_collections.other.coll.plugins.module_utils.x',
                 PREFIX + 'module_utils._no_such_file', 'json'):
        assert finder.find_spec(name) is None, name


def test_it_goes_just_before_ansibles_finder_once_and_nowhere_without_it(monkeypatch):
    first, ansible = First(), _AnsibleCollectionFinder()
    monkeypatch.setattr(sys, 'meta_path', [first, ansible])
    install('/plugins')
    install('/plugins')
    assert sys.meta_path[0] is first and sys.meta_path[2] is ansible
    assert isinstance(sys.meta_path[1], CachedBytecodeFinder) and len(sys.meta_path) == 3
    monkeypatch.setattr(sys, 'meta_path', [first])
    install('/plugins')
    assert sys.meta_path == [first]
