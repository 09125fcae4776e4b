# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""One schema: the doc fragment and the option table in _options.py agree; lookups get Ansible's precedence.

Controller context (it needs ansible.config), hence here and not under module_utils/.
"""


import os
import re

import pytest
import yaml

from ansible_collections.zoho.vault.plugins.doc_fragments.connection import ModuleDocFragment
from ansible_collections.zoho.vault.plugins.module_utils._options import OPTIONS, connection_argument_spec, env_name
from ansible_collections.zoho.vault.plugins.module_utils._version import COLLECTION_VERSION

DOC = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)['options']


def _lookup_options():
    """The connection options of a lookup as Ansible assembles them from both fragments."""
    from ansible.plugins.loader import fragment_loader
    from ansible.utils.plugin_docs import get_docstring

    path = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'plugins', 'lookup', 'secret.py')
    options = get_docstring(path, fragment_loader, collection_name='zoho.vault')[0]['options']
    return dict((name, options[name]) for name in OPTIONS)


PLUGINS = _lookup_options()
SOURCES = yaml.safe_load(ModuleDocFragment.PLUGINS)['options']
NO_LOG_MARK = 'never logged or shown (no_log)'


@pytest.mark.parametrize('docs', [DOC, PLUGINS], ids=['DOCUMENTATION', 'PLUGINS'])
def test_fragment_agrees_with_table(docs):
    assert list(docs) == list(OPTIONS)
    for name, spec in OPTIONS.items():
        doc = docs[name]
        assert doc['type'] == spec['type'], name
        assert doc.get('default') == spec.get('default'), name
        assert doc.get('choices') == spec.get('choices'), name
        assert doc.get('elements') == spec.get('elements'), name
        text = ' '.join(doc['description'])
        assert (NO_LOG_MARK in text) == bool(spec['no_log']), name


def test_argspec_is_the_table():
    spec = connection_argument_spec()
    for name, entry in spec.items():
        for key in ('type', 'default', 'choices', 'no_log', 'elements'):
            assert entry.get(key) == OPTIONS[name].get(key)


def test_module_docs_name_the_environment_variable():
    for name, doc in DOC.items():
        assert 'C(%s)' % env_name(name) in ' '.join(doc['description']), name
        assert not set(doc) & {'env', 'ini', 'vars'}


def test_plugin_sources():
    assert all(set(doc) == {'env', 'ini', 'vars'} for doc in SOURCES.values())  # the rest comes from DOCUMENTATION
    for name, doc in PLUGINS.items():
        assert doc['env'] == [{'name': env_name(name)}]
        assert doc['ini'] == [{'section': 'zoho_vault', 'key': name}]
        assert doc['vars'] == [{'name': 'zoho_vault_%s' % name}]


def test_version_matches_galaxy_yml():
    path = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'galaxy.yml')
    if not os.path.exists(path):
        pytest.skip('galaxy.yml not present')
    with open(path) as handle:
        match = re.search(r'^version:\s*(\S+)', handle.read(), re.M)
    assert match and match.group(1).strip('\'"') == COLLECTION_VERSION


# -- lookup precedence, through Ansible's own config manager ---------------------------------

def test_lookup_precedence_matches_the_docs(monkeypatch, tmp_path):
    from ansible.config.manager import ConfigManager

    cfg = tmp_path / 'ansible.cfg'
    cfg.write_text('[zoho_vault]\napi_url = https://ini.example/api/json\ntimeout = 11\nretries = 4\nretry_action = ignore\n')
    manager = ConfigManager(conf_file=str(cfg))
    defs = PLUGINS
    manager.initialize_plugin_configuration_definitions('lookup', 'zoho_vault_precedence_probe', defs)
    monkeypatch.setenv('ZOHO_VAULT_API_URL', 'https://env.example/api/json')
    monkeypatch.setenv('ZOHO_VAULT_TIMEOUT', '12')
    monkeypatch.setenv('ZOHO_VAULT_RETRIES', '5')
    variables = {'zoho_vault_api_url': 'https://vars.example/api/json', 'zoho_vault_timeout': 13}
    direct = {'api_url': 'https://direct.example/api/json'}

    def get(name):
        value, origin = manager.get_config_value_and_origin(name, plugin_type='lookup', plugin_name='zoho_vault_precedence_probe',
                                                            variables=variables, direct=direct)
        return value, origin.split(':')[0]

    assert get('api_url') == ('https://direct.example/api/json', 'Direct')  # lookup keyword
    assert get('timeout')[0] == 13 and get('timeout')[1] == 'var'  # variables
    assert get('retries')[0] == 5 and get('retries')[1] == 'env'  # environment
    assert get('retry_action')[0] == 'ignore'  # ansible.cfg
    assert get('data_center') == ('com', 'default')
