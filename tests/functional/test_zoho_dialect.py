# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The zoho dialect against the emulator's production mode, which has its own crypto implementation.

The ``v1``, ``v3`` and ``v4`` accounts carry real Zoho ciphertexts (data from
detunized/password-manager-access, MIT); ``own`` holds secrets the emulator encrypted itself.
"""

from __future__ import annotations

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._api import Vault
from ansible_collections.zoho.vault.plugins.module_utils._client import VaultClient
from ansible_collections.zoho.vault.plugins.module_utils._errors import MasterKeyError
from ansible_collections.zoho.vault.plugins.module_utils._options import ConnectionOptions


@pytest.fixture
def zoho(emu, tmp_path):
    """zoho(label or account dict, **overrides) → Vault in the zoho dialect for that account."""

    def factory(account, **overrides):
        creds = emu.zoho_accounts[account] if isinstance(account, str) else account
        values = dict(api_url=emu.zoho_url, accounts_url=emu.accounts_url, dialect='zoho', client_id=creds['client_id'],
                      client_secret=creds['client_secret'], refresh_token=creds['refresh_token'],
                      token_cache_dir=str(tmp_path / 'tokens'), timeout=10)
        if creds.get('master_password'):
            values['master_password'] = creds['master_password']
        else:
            values['master_key'] = creds.get('master_key')
        values.update(overrides)
        return Vault(VaultClient(ConnectionOptions.from_values(values), backoff_base=0.02, backoff_cap=0.5))
    return factory


def passwords(vault):
    return {s['secretname']: vault.secrets.get_password(s['secretid']) for s in vault.secrets.list()}


@pytest.mark.parametrize('label,name,password', [
    ('v1', 'Abbott, Hamill and Upton', 'vqnjBS5KKHesQsb'),  # the real 2016 personal item
    ('v3', 'Facebook', 'zuckerberg'),  # the real 2019 shared item (org key A)
    ('v4', 'blah.com', 'pass'),  # the real 2025 shared item (org key B, encrypted name)
])
def test_real_zoho_ciphertexts(zoho, label, name, password):
    assert passwords(zoho(label))[name] == password


def test_emulator_encrypted_secrets_personal_shared_and_astral(zoho):
    vault = zoho('own')
    found = passwords(vault)
    assert found['Shared Database'] and found['Own Personal Login']
    note = vault.secrets.resolve('Emoji Note')
    assert any(ord(c) > 0xFFFF for c in note['notes'])  # an astral character, stored as CESU-8


def test_wrong_master_password_sends_nothing_after_get_login(emu, zoho):
    emu.reset_counters()
    with pytest.raises(MasterKeyError, match='master_password does not open'):
        zoho('v1', master_password='Not really a passphrase').secrets.list()
    calls = emu.counters()['calls']
    assert set(calls) <= {'GET /api/json/login?OPERATION_NAME=GET_LOGIN', 'POST /oauth/v2/token'}


@pytest.mark.parametrize('label,message', [('nopass', 'no master password yet'), ('unregistered', 'not a Zoho Vault user')])
def test_account_states(zoho, label, message):
    with pytest.raises(MasterKeyError, match=message):
        zoho(label, master_password='whatever').secrets.list()


def test_unapproved_then_approved(emu, zoho):
    email = 'late-%s@zoho.vault.example' % id(emu)
    account = emu.zoho_account(email, 'late-pass-1', sharing_approved=False)
    emu.zoho_secret('own@zoho.vault.example', 'For late', shared=True, fields={'username': 'u', 'password': 'late-secret'},
                    share_users={email: 'view'})
    unapproved = zoho(dict(account, master_password='late-pass-1'))
    # The shared secret it cannot decrypt yet is left out of its list; asked for by name, it names the approval step.
    assert 'For late' not in passwords(unapproved)
    with pytest.raises(MasterKeyError, match='must approve this user'):
        unapproved.secrets.resolve('For late')
    emu.control('POST', '/zoho/approve', {'emailid': email})
    assert passwords(zoho(dict(account, master_password='late-pass-1')))['For late'] == 'late-secret'


def test_paging_under_a_page_cap(emu, zoho):
    emu.set_page_cap(1)
    assert len(zoho('own').secrets.list()) >= 4


def test_legacy_sha_login(emu, zoho):
    """A legacy SHA account: the key is a SHA-256 of the password, and the server checks the password."""
    assert passwords(zoho('sha'))['Shared Database'] == passwords(zoho('own'))['Shared Database']
    emu.reset_counters()
    with pytest.raises(MasterKeyError, match='master_password does not open .*legacy login'):
        zoho('sha', master_password='not the password').secrets.list()
    assert 'POST /api/json/login?OPERATION_NAME=IS_VALID_AUTHPASS' in emu.counters()['calls']


def test_writes_read_back_by_the_emulators_own_crypto(emu, zoho):
    vault = zoho('own', zoho_preview_writes=True)
    made = vault.secrets.create({'secretname': 'Functional write', 'username': 'fw', 'password': 'Fw-secret-1',
                                 'notes': 'a\r\nb', 'customfields': {'env': 'qa'}})
    stored = emu.zoho_plaintext(made['secretid'])
    assert (stored['fields']['username'], stored['fields']['password'], stored['notes'], stored['custom']) == (
        'fw', 'Fw-secret-1', 'a\r\nb', {'env': 'qa'})
    vault.secrets.update(made['secretid'], {'password': 'Fw-secret-2'})
    assert emu.zoho_plaintext(made['secretid'])['fields']['password'] == 'Fw-secret-2'
    vault.secrets.delete(made['secretid'])
    assert emu.zoho_plaintext(made['secretid'])['istrashed']


def test_sharing_a_personal_secret_re_encrypts_it(emu, zoho):
    owner = zoho('own', zoho_preview_writes=True)
    made = emu.zoho_secret('own@zoho.vault.example', 'Personal to share', fields={'username': 'p', 'password': 'share-me-1'})
    owner.shares.share(made['secretid'], users=[{'emailid': 'v1@zoho.vault.example', 'permissions': ['READ']}])
    assert emu.zoho_plaintext(made['secretid'])['isshared'] == 'YES'
    assert zoho('v1').secrets.get_password(made['secretid']) == 'share-me-1'


def test_stale_passphrase_headers_are_one_line(emu, zoho):
    vault = zoho('own')
    vault.secrets.list()
    emu.control('POST', '/zoho/passphrase_change', {'emailid': 'own@zoho.vault.example'})
    with pytest.raises(MasterKeyError, match='run again'):
        vault.secrets.list()


def test_group_share_and_revoke(emu, zoho):
    owner = zoho('own', zoho_preview_writes=True)
    made = emu.zoho_secret('own@zoho.vault.example', 'For the team', shared=True, fields={'username': 't', 'password': 'team-pw-1'})
    team = owner.groups.resolve('Emulator Team')
    info = owner.shares.share(made['secretid'], groups=[{'groupid': team['groupid'], 'permissions': ['READ', 'WRITE']}])
    assert [(g['groupid'], g['zoho_level']) for g in info['groups']] == [(team['groupid'], 'modify')]
    assert owner.shares.revoke(made['secretid'], groupid=team['groupid'])['groups'] == []
