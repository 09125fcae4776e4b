# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Option definitions saved by one process and registered by the next instead of parsing the documentation."""

import json
import os

import pytest

from ansible import constants as C

from ansible_collections.zoho.vault.plugins.plugin_utils import _definitions

NAME = 'ansible_collections.zoho.vault.plugins.lookup.password'


def fresh_process(monkeypatch):
    """The config registry of a worker that has not seen the plugin yet."""
    plugins = dict((kind, dict(entries)) for kind, entries in C.config._plugins.items())
    plugins.setdefault('lookup', {}).pop(NAME, None)
    monkeypatch.setattr(C.config, '_plugins', plugins)


@pytest.fixture
def parsed(monkeypatch, tmp_path):
    """Ansible's own parse of the password lookup's definitions, and a private directory for the saved copy."""
    from ansible.plugins.loader import lookup_loader
    plugin = lookup_loader.get('zoho.vault.password')
    module = __import__(NAME, fromlist=['DOCUMENTATION'])
    fresh_process(monkeypatch)
    lookup_loader._load_config_defs(NAME, module, module.__file__)  # what Ansible does in a worker
    directory = tmp_path / 'agent'
    directory.mkdir(mode=0o700)
    monkeypatch.setattr(_definitions, 'default_directory', lambda: str(directory))
    return plugin, C.config.get_configuration_definitions('lookup', NAME), module.DOCUMENTATION


def test_what_the_next_process_registers_is_what_ansible_parsed(parsed, monkeypatch):
    _plugin, definitions, documentation = parsed
    assert definitions and definitions['api_url']['vars'] == [{'name': 'zoho_vault_api_url'}]
    _definitions.save(NAME, documentation)
    path = _definitions.definitions_path(NAME, documentation)
    assert os.stat(path).st_mode & 0o777 == 0o600
    fresh_process(monkeypatch)
    assert _definitions.preload(NAME, documentation) is True
    assert C.config.get_configuration_definitions('lookup', NAME) == json.loads(json.dumps(definitions)) == definitions


def test_changed_documentation_is_parsed_again_and_replaces_the_old_file(parsed, monkeypatch):
    _plugin, definitions, documentation = parsed
    _definitions.save(NAME, documentation)
    old = _definitions.definitions_path(NAME, documentation)
    fresh_process(monkeypatch)
    newer = documentation + '\n# another version'
    assert _definitions.preload(NAME, newer) is False
    assert not C.config.has_configuration_definition('lookup', NAME)
    C.config.initialize_plugin_configuration_definitions('lookup', NAME, definitions)  # Ansible parses it
    _definitions.save(NAME, newer)  # and run() saves it
    assert os.path.exists(_definitions.definitions_path(NAME, newer)) and not os.path.exists(old)


@pytest.mark.parametrize('damage', ['open to others', 'empty', 'not json'])
def test_a_file_that_cannot_be_trusted_is_ignored(parsed, monkeypatch, damage):
    _plugin, _definitions_parsed, documentation = parsed
    _definitions.save(NAME, documentation)
    path = _definitions.definitions_path(NAME, documentation)
    if damage == 'open to others':
        os.chmod(path, 0o644)
    else:
        with open(path, 'w', encoding='utf-8') as handle:
            handle.write('{}' if damage == 'empty' else '{"api_url": ')
    fresh_process(monkeypatch)
    assert _definitions.preload(NAME, documentation) is False
    assert not C.config.has_configuration_definition('lookup', NAME)
