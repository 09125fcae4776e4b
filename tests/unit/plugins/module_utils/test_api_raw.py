# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Raw calls (``vault.raw``, behind zoho.vault.api): path checks, the envelope, the retry kind per method, the zoho refusal."""


import pytest

from ansible_collections.zoho.vault.plugins.module_utils._api import Vault
from ansible_collections.zoho.vault.plugins.module_utils._api.raw import check_path, retries_as_idempotent
from ansible_collections.zoho.vault.plugins.module_utils._client import _mode
from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound, ServerError, UnsupportedByDialect, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._retry import Mode


@pytest.mark.parametrize('path,expected', [
    ('/secrets', '/secrets'), ('secrets/search', '/secrets/search'), ('/secrets/123/password', '/secrets/123/password'),
    ('/users/current', '/users/current'), ('/a..b/c', '/a..b/c'),
])
def test_paths_below_the_api_base_are_kept(path, expected):
    assert check_path(path) == expected


@pytest.mark.parametrize('path,words', [
    ('https://evil.example/api/json/secrets', 'without scheme or host'), ('http:secrets', 'without scheme or host'),
    ('//evil.example/secrets', 'without scheme or host'), ('/secrets/../users', '".."'), ('../secrets', '".."'),
    ('/secrets/%2e%2E/users', '".."'), ('/secrets/./x', '".."'), ('/secrets?searchtext=db', 'params'),
    ('/secrets#x', 'params'), ('/secrets\\..\\users', 'without scheme or host'), ('/secrets /x', 'blanks'),
    ('/secrets\n/x', 'blanks'), ('', 'non-empty'), ('  ', 'non-empty'), (None, 'non-empty'), (12, 'non-empty'),
])
def test_paths_that_could_leave_the_api_are_refused_in_one_line(path, words):
    with pytest.raises(ValidationError) as info:
        check_path(path)
    assert words in str(info.value) and '\n' not in str(info.value)


def test_a_refused_path_sends_nothing(emulator, vault):
    for path in ('https://evil.example/secrets', '/secrets/../users', '/secrets?x=1'):
        with pytest.raises(ValidationError):
            vault.raw.send(vault.raw.prepare('GET', path))
    assert emulator.sent == []


@pytest.mark.parametrize('kwargs,words', [
    (dict(method='GET', operation='GET_SECRETS'), 'a GET sends no body'),
    (dict(method='GET', data={'a': 1}), 'a GET sends no body'),
    (dict(method='POST'), 'a POST needs operation'),
    (dict(method='PUT', data={}), 'data needs operation'),
    (dict(method='DELETE', data={'emailid': 'a@x.com'}), 'data needs operation'),
    (dict(method='POST', operation='add secret'), 'in capitals'),
    (dict(method='POST', operation='ADD_SECRET', data=['x']), 'data must be a mapping'),
    (dict(method='PATCH'), 'method must be one of'),
    (dict(method='GET', params={'a': {'b': 1}}), 'params.a must be a single value'),
    (dict(method='GET', params='a=1'), 'params must be a mapping'),
])
def test_bodies_follow_the_reference_envelope(vault, kwargs, words):
    method = kwargs.pop('method')
    with pytest.raises(ValidationError) as info:
        vault.raw.prepare(method, '/secrets', **kwargs)
    assert words in str(info.value)


def test_retry_kind_per_method():
    kinds = {method: _mode(method, retries_as_idempotent(method)) for method in ('GET', 'PUT', 'DELETE', 'POST')}
    assert kinds == {'GET': Mode.SAFE, 'PUT': Mode.SAFE, 'DELETE': Mode.DELETE, 'POST': Mode.ONCE}


def test_get_with_params_and_status(emulator, vault):
    db = emulator.seed_secret('db')
    emulator.seed_secret('web')
    reply = vault.raw.send(vault.raw.prepare('get', 'secrets/search', params={'searchtext': 'DB'}))
    assert reply.status == 200 and [s['secretid'] for s in reply.details['secrets']] == [db]
    assert emulator.sent == [('GET', '/secrets/search', None)] and emulator.queries[0] == {'searchtext': 'DB'}


def test_post_sends_the_operation_and_data_once(emulator, vault):
    request = vault.raw.prepare('POST', '/chambers', operation='ADD_CHAMBER', data={'chambername': 'Raw'})
    assert request.writes and not request.fresh
    reply = vault.raw.send(request)
    assert reply.status == 201 and reply.details['chambername'] == 'Raw'
    assert emulator.sent_writes() == [('POST', '/chambers', {'chambername': 'Raw'})] and emulator.names('chambers') == ['Raw']


def test_a_post_whose_reply_was_lost_is_not_repeated(emulator):
    vault = emulator.vault(retries=3)
    emulator.add_fault(kind='status', status=500, count=1, method='POST', path='^/chambers$', phase='after')
    with pytest.raises(ServerError) as info:
        vault.raw.send(vault.raw.prepare('POST', '/chambers', operation='ADD_CHAMBER', data={'chambername': 'Once'}))
    assert 'may or may not have been applied' in str(info.value)
    assert emulator.writes() == {'POST /chambers': 1} and emulator.names('chambers') == ['Once']


def test_get_put_and_delete_are_repeated_after_a_lost_reply(emulator):
    secret_id = emulator.seed_secret('db')
    vault = emulator.vault(retries=3)
    for method in ('GET', 'PUT', 'DELETE'):
        emulator.add_fault(kind='status', status=500, count=1, method=method, path='^/secrets/%s$' % secret_id, phase='after')
    assert vault.raw.get('/secrets/%s' % secret_id)['secretname'] == 'db'
    vault.raw.send(vault.raw.prepare('PUT', '/secrets/%s' % secret_id, operation='UPDATE_SECRET', data={'notes': 'n'}))
    deleted = vault.raw.send(vault.raw.prepare('DELETE', '/secrets/%s' % secret_id, operation='DELETE_SECRET'))
    assert deleted.details == {} and deleted.status == 404 and emulator.objects('secrets') == []
    assert emulator.calls()['PUT /secrets/{secret_id}'] == 2 and emulator.calls()['DELETE /secrets/{secret_id}'] == 2


def test_unknown_endpoint_is_not_found(emulator, vault):
    with pytest.raises(NotFound) as info:
        vault.raw.get('/nothing/here')
    assert 'GET /nothing/here' in str(info.value) and 'HTTP 404' in str(info.value)


def test_a_password_sent_in_data_is_masked_in_errors(emulator, vault):
    with pytest.raises(ValidationError) as info:
        vault.raw.send(vault.raw.prepare('POST', '/secrets', operation='ADD_SECRET', data={'password': 'Canary-pw-12345'}))
    assert 'Canary-pw-12345' not in str(info.value) and 'Canary-pw-12345' in vault.client.secret_values()


def test_describe_masks_secret_keys():
    from ansible_collections.zoho.vault.plugins.module_utils._api.raw import RawRequest
    shown = RawRequest('POST', '/secrets', {'token': 't-1'}, 'ADD_SECRET', {'secretname': 'x', 'password': 'pw-1'}).describe()
    assert shown == {'method': 'POST', 'path': '/secrets', 'params': {'token': '********'}, 'operation': 'ADD_SECRET',
                     'data': {'secretname': 'x', 'password': '********'}}


def test_the_generator_is_fresh():
    from ansible_collections.zoho.vault.plugins.module_utils._api.raw import RawRequest
    assert RawRequest('GET', '/password/generate', {}).fresh and not RawRequest('GET', '/secrets', {}).fresh


def test_zoho_dialect_refuses_before_any_request(make_client):
    sent = []
    client, dummy_session, dummy_clock = make_client(lambda *args: sent.append(args), api_url='https://vault.zoho.com', dialect='zoho',
                                                     master_password='master-pw-value')
    vault = Vault(client)
    for call in (lambda: vault.raw.prepare('GET', '/secrets'), lambda: vault.raw.get('/secrets'),
                 lambda: vault.raw.prepare('POST', '/secrets', operation='ADD_SECRET', data={'secretname': 'x'})):
        with pytest.raises(UnsupportedByDialect) as info:
            call()
        assert str(info.value).startswith('zoho.vault.api speaks the reference API; with dialect zoho') and '\n' not in str(info.value)
    assert sent == []
