# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A scope-or-role 403 names the scope its call needs (the contract's scope families)."""


import pytest

from ansible_collections.zoho.vault.plugins.module_utils._api.scopes import name_missing_scope, required_scopes
from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound, PermissionDenied


@pytest.mark.parametrize('method,path,scopes', [
    ('GET', '/users/current', ['ZohoVault.users.READ']),
    ('GET', '/groups', ['ZohoVault.users.READ']),
    ('POST', '/groups/7/users', ['ZohoVault.users.UPDATE']),
    ('DELETE', '/groups/7', ['ZohoVault.users.DELETE']),
    ('POST', '/secrets', ['ZohoVault.secrets.CREATE']),
    ('POST', '/secrets/1/share', ['ZohoVault.secrets.UPDATE']),
    ('POST', '/secrets/1/transferownership', ['ZohoVault.secrets.UPDATE']),
    ('DELETE', '/secrets/1/emergency', ['ZohoVault.secrets.UPDATE']),
    ('GET', '/emergency/requests', ['ZohoVault.secrets.READ']),
    ('GET', '/secrets/1/audit', ['ZohoVault.audit.READ']),
    ('PUT', '/chambers/3', ['ZohoVault.chambers.UPDATE']),
    ('GET', '/export/secrets', ['ZohoVault.audit.READ', 'ZohoVault.secrets.READ']),
    ('GET', '/password/generate', []),
])
def test_required_scopes(method, path, scopes):
    assert required_scopes(method, path) == scopes


def test_a_scope_denial_names_the_scope_in_one_line():
    err = PermissionDenied('Access Denied', status=403, code=7003, context='GET /users/current')
    text = str(name_missing_scope(err))
    assert 'GET /users/current needs the ZohoVault.users.READ scope (ZohoVault.users.ALL includes it)' in text
    assert '\n' not in text


def test_other_errors_are_left_alone():
    chamber = PermissionDenied('chamber access denied', status=403, code=7008, context='GET /chambers/1')
    missing = NotFound('gone', status=404, code=7004, context='GET /users/current')
    assert 'needs the' not in str(name_missing_scope(chamber)) and 'needs the' not in str(name_missing_scope(missing))
