# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The access-token plugin: one mint per lifetime per identity, in memory, from many threads; jobs use the token."""

from __future__ import annotations

import threading

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._api import Vault
from ansible_collections.zoho.vault.plugins.module_utils._client import VaultClient
from ansible_collections.zoho.vault.plugins.module_utils._options import ConnectionOptions
from zoho_vault_awx import _tokens
from zoho_vault_awx._common import ZohoVaultError

from conftest import call, mints


def job_reads_with(emu, token):
    """What a job does with the injected ZOHO_VAULT_ACCESS_TOKEN: the collection's options from the environment."""
    environ = {'ZOHO_VAULT_ACCESS_TOKEN': token, 'ZOHO_VAULT_API_URL': emu.api_url, 'ZOHO_VAULT_ACCOUNTS_URL': emu.accounts_url,
               'ZOHO_VAULT_CLIENT_ID': '', 'ZOHO_VAULT_CLIENT_SECRET': '', 'ZOHO_VAULT_REFRESH_TOKEN': ''}
    vault = Vault(VaultClient(ConnectionOptions.from_env(environ=environ)))
    return vault.users.current()


def test_many_jobs_one_mint_and_the_token_works(emu, source):
    inputs = source()
    emu.reset_counters()
    tokens = {call('zoho_vault_token', inputs, {'description': 'job %d' % n}) for n in range(50)}
    assert len(tokens) == 1 and mints(emu) == 1
    job_reads_with(emu, tokens.pop())
    assert mints(emu) == 1


def test_threads_share_one_mint(emu, source):
    inputs = source()
    emu.reset_counters()
    got, errors = [], []

    def worker():
        try:
            got.append(call('zoho_vault_token', inputs))
        except Exception as exc:  # pylint: disable=broad-except
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _thread in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(set(got)) == 1 and len(got) == 16
    assert mints(emu) == 1


def test_identities_are_apart(emu, source):
    first, second = source(), source()
    emu.reset_counters()
    assert call('zoho_vault_token', first) != call('zoho_vault_token', second)
    # A wrong client secret with a right refresh token is another identity: it never rides on the good token.
    with pytest.raises(ZohoVaultError, match='refused the refresh token grant'):
        call('zoho_vault_token', dict(first, client_secret=first['client_secret'] + 'x'))
    assert mints(emu) == 3


@pytest.mark.parametrize('minutes,refreshed_after', [('15', 46 * 60), ('', 46 * 60), ('40', 21 * 60), ('50', 11 * 60), ('0', 56 * 60)])
def test_refreshed_before_the_minimum_lifetime_is_reached(emu, source, minutes, refreshed_after):
    # 0: the collection's own margin (5 minutes) still applies.
    inputs = source(min_lifetime=minutes)
    emu.reset_counters()
    first = call('zoho_vault_token', inputs)
    emu.clock.advance(refreshed_after - 120)
    assert call('zoho_vault_token', inputs) == first and mints(emu) == 1
    emu.clock.advance(120)
    second = call('zoho_vault_token', inputs)
    assert second != first and mints(emu) == 2
    job_reads_with(emu, second)


def test_an_expired_token_is_never_handed_out(emu, source):
    inputs = source()
    token = call('zoho_vault_token', inputs)
    emu.clock.advance(3700)  # the emulator expired it; the plugin's clock agrees
    assert call('zoho_vault_token', inputs) != token


def test_bad_inputs_and_limit_are_one_line(emu, source):
    inputs = source()
    with pytest.raises(ZohoVaultError, match='min_lifetime must be a number of minutes from 0 to 50'):
        call('zoho_vault_token', dict(inputs, min_lifetime='an hour'))
    with pytest.raises(ZohoVaultError, match=r'set either access_token or client_id, client_secret and refresh_token \(missing: refresh_token'):
        call('zoho_vault_token', dict(inputs, refresh_token=''))
    for _restart in range(10):  # ten control-plane restarts in ten minutes: ten mints
        _tokens.REGISTRY.clear()
        call('zoho_vault_token', inputs)
    _tokens.REGISTRY.clear()
    with pytest.raises(ZohoVaultError) as info:
        call('zoho_vault_token', inputs)
    message = str(info.value)
    assert 'Zoho refused to mint an access token' in message and '\n' not in message
    assert inputs['refresh_token'] not in message and inputs['client_secret'] not in message


def test_the_collections_credential_type_with_the_token_linked(emu, source):
    """The job's environment as AWX renders the credential type's injectors, access_token linked to the plugin."""
    import os

    import yaml
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from conftest import ROOT
    with open(os.path.join(ROOT, 'extensions', 'awx', 'credential_type_zoho_vault.yml'), encoding='utf-8') as handle:
        definition = yaml.safe_load(handle)
    inputs = source()
    emu.reset_counters()
    # The job's credential: connection fields typed in, the access token from the plugin, no refresh token.
    job_credential = {'data_center': 'com', 'api_url': emu.api_url, 'accounts_url': emu.accounts_url, 'dialect': 'reference',
                      'skip_tls_verify': False, 'access_token': call('zoho_vault_token', inputs)}
    sandbox = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    fields = {f['id']: (False if f.get('type') == 'boolean' else '') for f in definition['inputs']['fields']}
    environ = {name: sandbox.from_string(template).render(dict(fields, **job_credential))
               for name, template in definition['injectors']['env'].items()}
    for _job in range(3):
        assert Vault(VaultClient(ConnectionOptions.from_env(environ=environ))).users.current().get('role') == 'Administrator'
    assert mints(emu) == 1
