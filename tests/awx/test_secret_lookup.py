# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The secret lookup against the emulator, in both dialects, called as AWX calls it."""

from __future__ import annotations

import socket

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._api import Vault
from ansible_collections.zoho.vault.plugins.module_utils._client import VaultClient
from ansible_collections.zoho.vault.plugins.module_utils._options import ConnectionOptions
from zoho_vault_awx._common import ZohoVaultError

from conftest import call, mints

PASSWORD = 'Db-Pass-7f3a91c2'
OTHER = 'Other-Pass-55e1d0b4'


@pytest.fixture
def seeded(source):
    """A source credential and its secrets: 'Database' (custom field, notes) in chamber 'Prod', and 'Database' outside it."""
    inputs = source()
    values = {k: inputs[k] for k in ('api_url', 'accounts_url', 'client_id', 'client_secret', 'refresh_token')}
    vault = Vault(VaultClient(ConnectionOptions.from_values(dict(values, token_cache=False))))
    chamber = vault.chambers.create({'chambername': 'Prod'})
    inside = vault.secrets.create({'secretname': 'Database', 'username': 'app', 'password': PASSWORD, 'notes': 'primary',
                                   'customfields': {'Port': '5432'}, 'chamberid': chamber['chamberid']})
    vault.secrets.create({'secretname': 'Database', 'username': 'other', 'password': OTHER})
    vault.secrets.create({'secretname': 'Web/Front', 'username': 'web', 'password': 'slash-name'})
    return inputs, str(inside['secretid'])


@pytest.mark.parametrize('metadata,expected', [
    ({'secret': 'Prod/Database'}, PASSWORD),
    ({'secret': 'Prod/Database', 'field': 'username'}, 'app'),
    ({'secret': 'Prod/Database', 'field': 'notes'}, 'primary'),
    ({'secret': 'Prod/Database', 'field': 'port'}, '5432'),  # custom fields match case-insensitively, as in the lookup
    ({'secret': 'Database', 'chamber': 'Prod', 'field': 'password'}, PASSWORD),
    ({'secret': 'Web/Front'}, 'slash-name'),  # no chamber "Web": the slash is part of the name
])
def test_reference_dialect(seeded, metadata, expected):
    inputs, _secret_id = seeded
    assert call('zoho_vault_secret', inputs, metadata) == expected


def test_by_id_and_one_token_for_many_lookups(emu, seeded):
    inputs, secret_id = seeded
    emu.reset_counters()
    for _lookup in range(5):
        assert call('zoho_vault_secret', inputs, {'secret': secret_id}) == PASSWORD
    assert call('zoho_vault_token', inputs) and mints(emu) == 1


@pytest.mark.parametrize('label,metadata,expected', [
    ('v1', {'secret': 'Abbott, Hamill and Upton'}, 'vqnjBS5KKHesQsb'),  # a real Zoho ciphertext, master password
    ('v3', {'secret': 'Facebook'}, 'zuckerberg'),  # a real shared item, master key only
    ('v4', {'secret': 'blah.com'}, 'pass'),
])
def test_zoho_dialect(zoho_source, label, metadata, expected):
    assert call('zoho_vault_secret', zoho_source(label), metadata) == expected


def test_zoho_dialect_fields_of_an_emulator_secret(emu, zoho_source):
    emu.zoho_secret('own@zoho.vault.example', 'AWX Zoho', fields={'username': 'zu', 'password': 'zoho-pw-1'},
                    notes='zoho notes', custom={'Tier': 'gold'}, chamber='AWX Folder')
    inputs = zoho_source('own')
    assert call('zoho_vault_secret', inputs, {'secret': 'AWX Folder/AWX Zoho'}) == 'zoho-pw-1'
    assert call('zoho_vault_secret', inputs, {'secret': 'AWX Zoho', 'field': 'username'}) == 'zu'
    assert call('zoho_vault_secret', inputs, {'secret': 'AWX Zoho', 'field': 'notes'}) == 'zoho notes'
    assert call('zoho_vault_secret', inputs, {'secret': 'AWX Zoho', 'field': 'Tier'}) == 'gold'


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def failure(inputs, metadata):
    with pytest.raises(ZohoVaultError) as info:
        call('zoho_vault_secret', inputs, metadata)
    message = str(info.value)
    assert '\n' not in message and info.value.__cause__ is None and (info.value.__context__ is None or info.value.__suppress_context__)
    for name in ('client_secret', 'refresh_token', 'master_password', 'master_key'):
        assert not inputs.get(name) or inputs[name] not in message, name
    assert PASSWORD not in message and OTHER not in message
    return message


def test_errors_are_one_line_without_secrets(seeded, zoho_source):
    inputs, _secret_id = seeded
    assert failure(inputs, {'secret': 'No Such Secret'}) == "no secret named 'No Such Secret'"
    assert "has no field 'colour'" in failure(inputs, {'secret': 'Prod/Database', 'field': 'colour'})
    assert failure(inputs, {'secret': 'Database'}).startswith("2 secrets are named 'Database': ")
    assert 'secret is required' in failure(inputs, {})
    bad = dict(inputs, client_secret=inputs['client_secret'] + 'x')
    assert 'refused the refresh token grant' in failure(bad, {'secret': 'Prod/Database'})
    assert 'master_password does not open' in failure(zoho_source('v1', master_password='not the passphrase'),
                                                      {'secret': 'Abbott, Hamill and Upton'})
    assert 'master_key must be' in failure(zoho_source('v3', master_key='0' * 31), {'secret': 'Facebook'})


def test_emulator_down(seeded):
    inputs, _secret_id = seeded
    port = closed_port()
    down = dict(inputs, api_url='http://127.0.0.1:%d/api/json' % port, accounts_url='http://127.0.0.1:%d' % port)
    message = failure(dict(down, retries=0), {'secret': 'Prod/Database'})
    assert message.startswith('POST /oauth/v2/token: could not connect.')
