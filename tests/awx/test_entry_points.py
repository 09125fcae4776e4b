# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The install: the entry points AWX scans for, the plugins' shape, and the collection the wheel carries."""

from __future__ import annotations

import os
import sysconfig

import pytest
import yaml
from awx_plugins.credentials.plugin import CredentialPlugin

from conftest import NAMES, ROOT, plugin

SECRET_IDS = {'client_secret', 'refresh_token', 'master_password', 'master_key'}


@pytest.mark.parametrize('name', NAMES)
def test_plugin_is_awx_credential_plugin(name):
    found = plugin(name)
    assert isinstance(found, CredentialPlugin)
    assert found.name.startswith('Zoho Vault ') and callable(found.backend)


@pytest.mark.parametrize('name', NAMES)
def test_inputs_follow_awx_rules(name):
    inputs = plugin(name).inputs
    assert set(inputs) == {'fields', 'metadata', 'required'}
    ids = [f['id'] for f in inputs['fields'] + inputs['metadata']]
    assert len(ids) == len(set(ids))
    assert set(inputs['required']) <= set(ids)
    for item in inputs['fields'] + inputs['metadata']:
        assert item['type'] in ('string', 'boolean') and item['label'] and item['help_text']
        assert bool(item.get('secret')) == (item['id'] in SECRET_IDS)
        if 'choices' in item:
            assert item['default'] in item['choices']


def test_source_fields_are_those_of_the_collections_credential_type():
    with open(os.path.join(ROOT, 'extensions', 'awx', 'credential_type_zoho_vault.yml'), encoding='utf-8') as handle:
        definition = yaml.safe_load(handle)
    ours = {f['id']: f for f in definition['inputs']['fields']}
    for item in plugin('zoho_vault_secret').inputs['fields']:
        assert item['id'] in ours
        assert item.get('choices') == ours[item['id']].get('choices')
        assert bool(item.get('secret')) == bool(ours[item['id']].get('secret'))


def test_the_collection_is_the_wheels_copy():
    import ansible_collections.zoho.vault.plugins.module_utils._client as client
    site = os.path.realpath(sysconfig.get_paths()['purelib'])
    collection = os.path.join(site, 'ansible_collections', 'zoho', 'vault')
    assert os.path.realpath(client.__file__).startswith(collection + os.sep)
    for part in ('galaxy.yml', 'meta/runtime.yml', 'plugins/lookup/password.py', 'plugins/plugin_utils/_lookup.py'):
        assert os.path.isfile(os.path.join(collection, part)), part
