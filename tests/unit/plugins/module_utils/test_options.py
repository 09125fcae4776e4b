# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Option table, resolution, validation and precedence (modules and lookups)."""


import json

import pytest

from ansible.module_utils import basic
from ansible.module_utils.common.text.converters import to_bytes

from ansible_collections.zoho.vault.plugins.module_utils._errors import ConfigError
from ansible_collections.zoho.vault.plugins.module_utils._options import (
    DATA_CENTERS, OPTIONS, ConnectionOptions, connection_argument_spec, env_name,
)

CREDS = dict(client_id='1000.ID', client_secret='sec', refresh_token='1000.rt')


def opts(**values):
    merged = dict(CREDS)
    merged.update(values)
    return ConnectionOptions.from_values(merged)


@pytest.mark.parametrize('dc,accounts,api', [
    ('com', 'https://accounts.zoho.com', 'https://vault.zoho.com'),
    ('eu', 'https://accounts.zoho.eu', 'https://vault.zoho.eu'),
    ('com.au', 'https://accounts.zoho.com.au', 'https://vault.zoho.com.au'),
    ('zohocloud.ca', 'https://accounts.zohocloud.ca', 'https://vault.zohocloud.ca'),
    ('com.cn', 'https://accounts.zoho.com.cn', 'https://vault.zoho.com.cn'),
    ('uk', 'https://accounts.zoho.uk', 'https://vault.zoho.uk'),
    ('jp', 'https://accounts.zoho.jp', 'https://vault.zoho.jp'),
    ('in', 'https://accounts.zoho.in', 'https://vault.zoho.in'),
])
def test_data_centers(dc, accounts, api):
    """Naming only a data center means production Zoho Vault: the zoho dialect at the vault host."""
    o = opts(data_center=dc)
    assert (o.accounts_url, o.api_url, o.dialect) == (accounts, api, 'zoho')


@pytest.mark.parametrize('given,url,dialect', [
    ({}, 'https://vault.zoho.com', 'zoho'),
    ({'api_url': 'https://vault.zoho.eu'}, 'https://vault.zoho.eu', 'zoho'),
    ({'api_url': 'https://vault.zoho.eu/api/json/'}, 'https://vault.zoho.eu', 'zoho'),
    ({'api_url': 'https://VAULT.zoho.com/api/rest/json/v1'}, 'https://VAULT.zoho.com', 'zoho'),
    ({'api_url': 'http://127.0.0.1:8200/api/json'}, 'http://127.0.0.1:8200/api/json', 'reference'),
    ({'api_url': 'https://vault.example.test/api/json'}, 'https://vault.example.test/api/json', 'reference'),
    ({'api_url': 'http://127.0.0.1:8200/zoho', 'dialect': 'zoho'}, 'http://127.0.0.1:8200/zoho', 'zoho'),
    ({'dialect': 'reference'}, 'https://vault.zoho.com/api/json', 'reference'),
])
def test_dialect_rule(given, url, dialect):
    o = opts(**given)
    assert (o.api_url, o.dialect) == (url, dialect)


def test_dialect_from_environment(monkeypatch):
    o = ConnectionOptions.from_env(dict(CREDS, api_url='http://127.0.0.1:9/zoho'),
                                   environ={'ZOHO_VAULT_DIALECT': 'zoho', 'ZOHO_VAULT_MASTER_PASSWORD': 'pw-from-env'})
    assert o.dialect == 'zoho' and o.master_password == 'pw-from-env' and 'pw-from-env' in o.secret_values()
    assert 'pw-from-env' not in repr(o)


@pytest.mark.parametrize('given,message', [
    ({'dialect': 'klingon'}, 'dialect must be one of auto, reference, zoho'),
    ({'master_password': 'a', 'master_key': '0' * 32}, 'either master_password or master_key'),
    ({'master_key': 'xyz'}, '32 hexadecimal characters'),
    ({'api_url': 'http://127.0.0.1:9/api/json', 'master_password': 'a'}, 'belong to the zoho dialect'),
])
def test_dialect_option_errors(given, message):
    with pytest.raises(ConfigError, match=message) as caught:
        opts(**given)
    assert '\n' not in str(caught.value)


def test_all_data_centers_known():
    assert set(DATA_CENTERS) == {'com', 'eu', 'in', 'com.au', 'jp', 'zohocloud.ca', 'sa', 'uk', 'com.cn'}
    with pytest.raises(ConfigError):
        opts(data_center='mars')


def test_url_overrides_win_over_data_center():
    o = opts(data_center='eu', api_url='https://vault.example.test/api/json/', accounts_url='https://acc.example.test/')
    assert o.api_url == 'https://vault.example.test/api/json'
    assert o.accounts_url == 'https://acc.example.test'


@pytest.mark.parametrize('url,allowed', [
    ('http://127.0.0.1:8080/api/json', True), ('http://localhost:1/api/json', True), ('http://[::1]:1/api/json', True),
    ('http://vault.example.com/api/json', False), ('ftp://x/api', False), ('https://user:pw@x/api', False),
])
def test_http_refused_unless_loopback(url, allowed):
    if allowed:
        assert opts(api_url=url).api_url == url
    else:
        with pytest.raises(ConfigError) as info:
            opts(api_url=url)
        assert 'api_url' in str(info.value) and 'pw' not in str(info.value)


def test_http_allowed_explicitly():
    assert opts(api_url='http://vault.lan/api/json', allow_http=True).api_url == 'http://vault.lan/api/json'


@pytest.mark.parametrize('values,needle', [
    ({}, 'missing: client_id, client_secret, refresh_token'),
    ({'client_id': 'a'}, 'missing: client_secret, refresh_token'),
])
def test_auth_validation_one_line(values, needle):
    with pytest.raises(ConfigError) as info:
        ConnectionOptions.from_values(values)
    text = str(info.value)
    assert needle in text and 'set either access_token or client_id, client_secret and refresh_token' in text
    assert '\n' not in text


def test_access_token_with_part_of_the_refresh_credentials_is_refused():
    with pytest.raises(ConfigError) as info:
        ConnectionOptions.from_values({'access_token': 'SECRET-AT', 'client_id': 'a'})
    text = str(info.value)
    assert 'with access_token, give all of client_id, client_secret and refresh_token' in text
    assert 'missing: client_secret, refresh_token; given: client_id' in text and 'SECRET-AT' not in text


def test_access_token_with_refresh_credentials_can_mint():
    o = ConnectionOptions.from_values({'access_token': 'SECRET-AT', 'client_id': 'a', 'client_secret': 'b', 'refresh_token': 'c'})
    assert o.uses_refresh_token and o.access_token == 'SECRET-AT'


def test_access_token_alone_is_enough():
    o = ConnectionOptions.from_values({'access_token': 'SECRET-AT'})
    assert not o.uses_refresh_token
    assert 'SECRET-AT' not in repr(o) and 'SECRET-AT' not in json.dumps(o.as_dict())


def test_secrets_not_in_repr():
    text = repr(opts())
    assert 'sec' not in text.replace('secret', '') and '1000.rt' not in text


def test_coercion_from_strings():
    o = ConnectionOptions.from_values(dict(CREDS, validate_certs='no', timeout='7', retries='0', token_cache='false',
                                           scopes='ZohoVault.secrets.READ, ZohoVault.chambers.READ'))
    assert (o.validate_certs, o.timeout, o.retries, o.token_cache) == (False, 7, 0, False)
    assert o.scopes == ('ZohoVault.chambers.READ', 'ZohoVault.secrets.READ')
    assert o.verify is False
    with pytest.raises(ConfigError):
        ConnectionOptions.from_values(dict(CREDS, timeout='soon'))
    with pytest.raises(ConfigError):
        ConnectionOptions.from_values(dict(CREDS, retries=-1))


def test_defaults():
    o = opts()
    assert (o.data_center, o.timeout, o.retries, o.retry_action, o.token_cache, o.validate_certs) == ('com', 30, 5, 'warn', True, True)
    assert o.token_cache_dir.endswith('zoho.vault/tokens')


def test_default_cache_dir_follows_xdg(monkeypatch):
    monkeypatch.setenv('XDG_CACHE_HOME', '/x/cache')
    assert opts().token_cache_dir == '/x/cache/zoho.vault/tokens'


def test_from_getter_adapter():
    values = dict(CREDS, api_url='https://a.example/api/json', retries=2)

    def get_option(name):
        if name == 'proxy':
            raise KeyError(name)  # a plugin that does not declare an option
        return values.get(name)
    o = ConnectionOptions.from_getter(get_option)
    assert (o.api_url, o.retries, o.proxy) == ('https://a.example/api/json', 2, None)


def test_from_env():
    env = {'ZOHO_VAULT_CLIENT_ID': 'env-id', 'ZOHO_VAULT_CLIENT_SECRET': 's', 'ZOHO_VAULT_REFRESH_TOKEN': 'r',
           'ZOHO_VAULT_DATA_CENTER': 'jp'}
    o = ConnectionOptions.from_env({'client_id': 'direct-id'}, environ=env)
    assert o.client_id == 'direct-id' and o.accounts_url == 'https://accounts.zoho.jp'


# -- argument spec and module precedence ----------------------------------------------------

def test_argument_spec_shape():
    spec = connection_argument_spec()
    assert set(spec) == set(OPTIONS)
    for name, entry in spec.items():
        assert entry['fallback'][1] == [env_name(name)]
        assert 'no_log' in entry  # explicit everywhere, validate-modules happy
    secret = {'access_token', 'client_secret', 'refresh_token', 'proxy', 'master_password', 'master_key'}
    assert {n for n, e in spec.items() if e['no_log']} == secret
    assert spec['token_cache']['no_log'] is False and spec['token_cache_dir']['no_log'] is False
    spec['api_url']['default'] = 'mutated'
    assert 'default' not in connection_argument_spec()['api_url']


def _module(monkeypatch, args):
    # ansible-core 2.19 offers patch_module_args; older cores read basic._ANSIBLE_ARGS.
    monkeypatch.setattr(basic, '_ANSIBLE_ARGS', to_bytes(json.dumps({'ANSIBLE_MODULE_ARGS': args})))
    try:
        from ansible.module_utils.testing import patch_module_args
    except ImportError:
        patch_module_args = None
    if patch_module_args is not None:
        with patch_module_args(args):
            return basic.AnsibleModule(argument_spec=connection_argument_spec())
    return basic.AnsibleModule(argument_spec=connection_argument_spec())


def test_module_precedence_task_arg_over_env_over_default(monkeypatch):
    monkeypatch.setenv('ZOHO_VAULT_API_URL', 'https://env.example/api/json')
    monkeypatch.setenv('ZOHO_VAULT_RETRIES', '9')
    monkeypatch.setenv('ZOHO_VAULT_CLIENT_ID', 'env-id')
    monkeypatch.setenv('ZOHO_VAULT_CLIENT_SECRET', 'env-secret')
    monkeypatch.setenv('ZOHO_VAULT_REFRESH_TOKEN', 'env-rt')
    module = _module(monkeypatch, {'api_url': 'https://task.example/api/json'})
    o = ConnectionOptions.from_module(module)
    assert o.api_url == 'https://task.example/api/json'  # task argument (or module_defaults, merged into it)
    assert o.retries == 9  # environment
    assert o.timeout == 30  # default
    assert o.client_secret == 'env-secret'
    assert 'env-secret' in module.no_log_values and 'env-rt' in module.no_log_values


PROXY = 'http://proxyuser:PROXY-PASSWORD@proxy.example.test:3128'


def test_the_proxy_is_no_log_and_its_password_is_a_secret_value():
    assert OPTIONS['proxy']['no_log'] is True
    assert connection_argument_spec()['proxy']['no_log'] is True
    o = ConnectionOptions.from_values(dict(CREDS, proxy=PROXY))
    assert 'PROXY-PASSWORD' in o.secret_values()
    assert 'PROXY-PASSWORD' not in repr(o) and 'PROXY-PASSWORD' not in json.dumps(o.as_dict())
