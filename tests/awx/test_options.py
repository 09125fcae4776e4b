# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What AWX passes becomes the collection's options (no emulator needed)."""

from __future__ import annotations

import pytest

from zoho_vault_awx._common import ZohoVaultError, connection_options

from conftest import call

BASE = {'client_id': '1000.CLIENT', 'client_secret': 'cs-not-shown-71', 'refresh_token': 'rt-not-shown-93'}


def test_data_center_and_defaults():
    options = connection_options(dict(BASE, data_center='eu'))
    assert (options.accounts_url, options.api_url, options.dialect) == ('https://accounts.zoho.eu', 'https://vault.zoho.eu', 'zoho')
    assert options.validate_certs and not options.token_cache


def test_cleared_fields_are_unset_and_tls_skip_is_honoured():
    # AWX passes '' for a field cleared in the UI, and the boolean only when set.
    options = connection_options(dict(BASE, data_center='com', api_url='', accounts_url='', dialect='', master_password='',
                                      master_key='', skip_tls_verify=True))
    assert options.api_url == 'https://vault.zoho.com' and options.master_password is None and not options.validate_certs


@pytest.mark.parametrize('name,inputs,message', [
    ('zoho_vault_secret', dict(BASE, data_center='mars'), 'data_center must be one of com, eu'),
    ('zoho_vault_secret', dict(BASE, api_url='http://vault.example.com/api/json', dialect='reference'), 'api_url uses plain http://'),
    ('zoho_vault_token', dict(BASE, client_id=''), 'set either access_token or client_id, client_secret and refresh_token (missing: client_id'),
    ('zoho_vault_secret', dict(BASE, dialect='reference', api_url='https://vault.example.com/api/json', master_password='pw-not-shown-55'),
     'master_password and master_key belong to the zoho dialect'),
])
def test_configuration_errors_before_any_call(name, inputs, message):
    with pytest.raises(ZohoVaultError) as info:
        call(name, inputs, {'secret': 'x'})
    text = str(info.value)
    assert message in text and '\n' not in text
    assert not any(value in text for value in ('cs-not-shown-71', 'rt-not-shown-93', 'pw-not-shown-55'))
