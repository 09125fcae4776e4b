# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The api layer on a recording fake client: paths, operation names, name resolution."""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._api import Vault
from ansible_collections.zoho.vault.plugins.module_utils._errors import AmbiguousName, NotFound, ValidationError


class FakeClient(object):
    def __init__(self, lists=None, details=None):
        self.lists = lists or {}
        self.details = details or {}
        self.calls = []
        self.secret_values = []

    def request(self, method, path, params=None, operation=None, data=None, idempotent=None):
        self.calls.append((method, path, params, operation, data, idempotent))
        return self.details.get((method, path), {})

    def list_all(self, path, key, params=None):
        self.calls.append(('LIST', path, params, key))
        return list(self.lists.get(path, []))

    def pages(self, path, key, params=None):
        yield self.request('GET', path, params=params)

    def create(self, path, operation, data, find_existing):
        self.calls.append(('CREATE', path, operation, data))
        self.find_existing = find_existing
        return dict(data, created=True)

    def add_secret_values(self, *values):
        self.secret_values.extend(values)


SECRETS = [
    {'secretid': '1', 'secretname': 'DB', 'chamberid': '10'},
    {'secretid': '2', 'secretname': 'db', 'chamberid': '20'},
    {'secretid': '3', 'secretname': 'db-old', 'chamberid': '10'},
]
CHAMBERS = [{'chamberid': '10', 'chambername': 'Prod'}, {'chamberid': '20', 'chambername': 'Stage'}]


def test_secret_resolve_ambiguous_names_candidates():
    client = FakeClient(lists={'/secrets/search': SECRETS, '/chambers': CHAMBERS})
    with pytest.raises(AmbiguousName) as info:
        Vault(client).secrets.resolve('db')
    text = str(info.value)
    assert 'Prod' in text and 'Stage' in text and 'chamber_id=10' in text and 'id=2' in text
    assert {c['chamber'] for c in info.value.candidates} == {'Prod', 'Stage'}
    assert client.calls[0] == ('LIST', '/secrets/search', {'searchtext': 'db'}, 'secrets')


def test_secret_resolve_in_chamber_and_not_found():
    client = FakeClient(lists={'/secrets/search': SECRETS})
    assert Vault(client).secrets.resolve('db', chamber_id='20')['secretid'] == '2'
    with pytest.raises(NotFound) as info:
        Vault(client).secrets.resolve('nope')
    assert "'nope'" in str(info.value)


def test_secret_create_find_existing_matches_name_chamber_and_fields():
    client = FakeClient(lists={'/secrets/search': SECRETS})
    vault = Vault(client)
    vault.secrets.create({'secretname': 'db', 'chamberid': '20', 'password': 'x', 'username': None})
    assert client.calls[0] == ('CREATE', '/secrets', 'ADD_SECRET', {'secretname': 'db', 'chamberid': '20', 'password': 'x'})
    assert client.find_existing()['secretid'] == '2'
    vault.secrets.create({'secretname': 'db', 'chamberid': '30'})
    assert client.find_existing() is None


def test_chamber_create_find_existing_only_takes_the_callers_chamber():
    others = [{'chamberid': '40', 'chambername': 'Team', 'owner': 'other@example.com'}]
    client = FakeClient(lists={'/chambers': others}, details={('GET', '/users/current'): {'emailid': 'Me@example.com'}})
    vault = Vault(client)
    vault.chambers.create({'chambername': 'team'})
    assert client.find_existing() is None
    client.lists['/chambers'] = others + [{'chamberid': '41', 'chambername': 'TEAM', 'owner': 'me@example.com'}]
    assert client.find_existing()['chamberid'] == '41'


def test_ids_are_quoted_into_one_segment():
    client = FakeClient()
    Vault(client).secrets.delete('../users/1')
    assert client.calls[0][1] == '/secrets/..%2Fusers%2F1'


def test_password_is_registered_for_redaction():
    client = FakeClient(details={('GET', '/secrets/5/password'): {'password': 'pw!'}, ('GET', '/password/generate'): {'password': 'g3n'}})
    vault = Vault(client)
    assert vault.secrets.get_password('5') == 'pw!'
    assert vault.generator.generate(length=10, symbols=True) == 'g3n'
    assert client.secret_values == ['pw!', 'g3n']
    assert client.calls[-1][2] == {'length': 10, 'symbols': True}


@pytest.mark.parametrize('call,expected', [
    (lambda v: v.secrets.update('1', {'notes': 'n'}), ('PUT', '/secrets/1', None, 'UPDATE_SECRET')),
    (lambda v: v.secrets.delete('1'), ('DELETE', '/secrets/1', None, 'DELETE_SECRET')),
    (lambda v: v.chambers.delete('9', force=True), ('DELETE', '/chambers/9', {'force': True}, 'DELETE_CHAMBER')),
    (lambda v: v.chambers.update('9', {}), ('PUT', '/chambers/9', None, 'UPDATE_CHAMBER')),
    (lambda v: v.users.current(), ('GET', '/users/current', None, None)),
    (lambda v: v.users.update('4', {}), ('PUT', '/users/4', None, 'UPDATE_USER')),
    (lambda v: v.users.delete('4'), ('DELETE', '/users/4', None, 'DELETE_USER')),
    (lambda v: v.groups.add_members('7', ['a@x']), ('POST', '/groups/7/users', None, 'ADD_GROUP_MEMBERS')),
    (lambda v: v.groups.remove_members('7', ['a@x']), ('DELETE', '/groups/7/users', None, 'REMOVE_GROUP_MEMBERS')),
    (lambda v: v.groups.update('7', {}), ('PUT', '/groups/7', None, 'UPDATE_GROUP')),
    (lambda v: v.groups.delete('7'), ('DELETE', '/groups/7', None, 'DELETE_GROUP')),
    (lambda v: v.shares.get('1'), ('GET', '/secrets/1/shareinfo', None, None)),
    (lambda v: v.shares.share('1', users=[{'emailid': 'a', 'permissions': ['READ']}]), ('POST', '/secrets/1/share', None, 'SHARE_SECRET')),
    (lambda v: v.shares.revoke('1', emailid='a'), ('DELETE', '/secrets/1/share', None, 'REVOKE_SHARE')),
    (lambda v: v.emergency.revoke('1', 'a'), ('DELETE', '/secrets/1/emergency', None, 'REVOKE_EMERGENCY_ACCESS')),
    (lambda v: v.export.secrets(), ('GET', '/export/secrets', {'format': 'json', 'include_passwords': False}, None)),
    (lambda v: v.export.audit(), ('LIST', '/export/audit', None, 'auditlogs')),
])
def test_paths_and_operations(call, expected):
    client = FakeClient()
    call(Vault(client))
    assert client.calls[0][:4] == expected


@pytest.mark.parametrize('call,expected', [
    (lambda v: v.chambers.create({'chambername': 'c'}), ('CREATE', '/chambers', 'ADD_CHAMBER')),
    (lambda v: v.users.create({'emailid': 'e'}), ('CREATE', '/users', 'ADD_USER')),
    (lambda v: v.groups.create({'groupname': 'g'}), ('CREATE', '/groups', 'ADD_GROUP')),
    (lambda v: v.shares.transfer('1', 'e'), ('CREATE', '/secrets/1/transferownership', 'TRANSFER_OWNERSHIP')),
    (lambda v: v.emergency.grant('1', 'e', 24, 'why'), ('CREATE', '/secrets/1/emergency', 'GRANT_EMERGENCY_ACCESS')),
])
def test_creates_go_through_client_create(call, expected):
    client = FakeClient()
    call(Vault(client))
    assert client.calls[0][:3] == expected


def test_lists_and_resolution():
    client = FakeClient(lists={'/chambers': CHAMBERS + [{'chamberid': '30', 'chambername': 'PROD'}],
                               '/users': [{'userid': '1', 'emailid': 'A@x.com'}],
                               '/groups': [{'groupid': '5', 'groupname': 'Ops'}],
                               '/secrets/9/audit': [{'auditid': '1'}]})
    vault = Vault(client)
    with pytest.raises(AmbiguousName) as info:
        vault.chambers.resolve('prod')
    assert {c['id'] for c in info.value.candidates} == {'10', '30'}
    assert vault.users.resolve('a@X.com')['userid'] == '1'
    assert vault.groups.resolve('ops')['groupid'] == '5'
    with pytest.raises(NotFound):
        vault.groups.resolve('dev')
    assert vault.audit.list(secret_id='9', from_date='2025-01-01') == [{'auditid': '1'}]
    assert client.calls[-1] == ('LIST', '/secrets/9/audit', {'from_date': '2025-01-01'}, 'auditlogs')


def test_chamber_resolve_by_id():
    client = FakeClient(details={('GET', '/chambers/123456000000000001'): {'chamberid': '123456000000000001'}})
    assert Vault(client).chambers.resolve('123456000000000001')['chamberid'] == '123456000000000001'


def test_revoke_needs_one_principal():
    with pytest.raises(ValidationError):
        Vault(FakeClient()).shares.revoke('1')
