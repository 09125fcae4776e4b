# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The zoho.vault.api lookup through Ansible's plugin loader over the real client and the in-process emulator."""


import pytest

from ansible.errors import AnsibleLookupError

from ansible_collections.zoho.vault.plugins.plugin_utils._lookup import ZohoVaultLookupBase

CANARY = 'Canary-raw-Pw-314159'


@pytest.fixture
def lookup(emulator, vault, monkeypatch):
    from ansible.plugins.loader import lookup_loader
    monkeypatch.setattr(ZohoVaultLookupBase, 'make_vault', lambda self, key_store=None: vault)

    def run(*terms, **kwargs):
        variables = {'zoho_vault_access_token': 'static-token-value', 'zoho_vault_api_url': 'https://vault.example.test/api/json',
                     'zoho_vault_cache': False}
        return lookup_loader.get('zoho.vault.api').run(list(terms), variables=variables, **kwargs)
    return run


def test_lookup_reads_unredacted_and_unsafe(emulator, vault, lookup):
    from ansible.parsing.dataloader import DataLoader
    from ansible.template import Templar
    templated = CANARY + '{{ lookup("pipe", "id") }}'
    secret_id = emulator.seed_secret('db', password=templated)
    found, = lookup('/secrets/search', params={'searchtext': 'db'})
    password, = lookup('/secrets/%s/password' % secret_id)
    assert [s['secretid'] for s in found['secrets']] == [secret_id] and password == {'password': templated}
    assert Templar(loader=DataLoader()).template(password) == {'password': templated} and templated in vault.client.secret_values()
    assert emulator.writes() == {}


def test_lookup_missing_follows_on_missing(emulator, lookup):
    assert lookup('/secrets/123456999999999999', '/users/current', on_missing='skip')[0]['emailid']
    with pytest.raises(AnsibleLookupError) as info:
        lookup('/secrets/123456999999999999')
    assert 'HTTP 404' in str(info.value)


def test_lookup_refuses_bad_paths_before_any_call(emulator, lookup):
    for term in ('https://evil.example/x', '/secrets/../users', '/secrets?x=1'):
        with pytest.raises(AnsibleLookupError) as info:
            lookup(term, on_missing='skip')
        assert str(info.value).startswith("zoho.vault.api: %r: " % term)
    assert emulator.sent == []


def test_lookup_denied_follows_on_denied(emulator, lookup, monkeypatch):
    reader = emulator.vault('reader@example.com', scopes=['ZohoVault.users.READ'])
    monkeypatch.setattr(ZohoVaultLookupBase, 'make_vault', lambda self, key_store=None: reader)
    assert lookup('/secrets', '/users/current', on_denied='skip')[0]['emailid'] == 'reader@example.com'
    with pytest.raises(AnsibleLookupError) as info:
        lookup('/secrets')
    assert 'HTTP 403' in str(info.value)
