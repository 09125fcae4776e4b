# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""zoho.vault.secret, secret_info and secret_share in-process: results, redaction, malformed API replies, partial applies."""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._errors import ServerError
from ansible_collections.zoho.vault.plugins.modules import secret as secret_module
from ansible_collections.zoho.vault.plugins.modules import secret_info as secret_info_module
from ansible_collections.zoho.vault.plugins.modules import secret_share as secret_share_module
from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.state.fake_secrets import FakeVault
from ansible_collections.zoho.vault.tests.unit.plugins.modules.secret_harness import CONNECTION, Reply, http_vault, ok, run_module

CANARY = 'Canary-Module-Pw-77!'


def test_create_check_apply_check_apply_without_password_in_output():
    fake = FakeVault()
    args = dict(CONNECTION, name='db', password=CANARY, notes='n')
    results = []
    for check in (True, False, True, False):
        failed, result, text = run_module(secret_module.main, fake.facade(), check_mode=check, diff=True, **args)
        assert not failed
        assert CANARY not in text
        results.append(result)
    assert [r['changed'] for r in results] == [True, True, False, False]
    assert results[0]['diff']['after']['password'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
    assert 'password' not in results[1]['secret']
    assert len([w for w in fake.writes if w[0] == 'secrets.create']) == 1


def test_return_password_of_a_generated_password():
    fake = FakeVault()
    args = dict(CONNECTION, name='gen', generate_password=True, password_policy={'length': 14}, return_password=True)
    failed, result, dummy = run_module(secret_module.main, fake.facade(), **args)
    assert not failed
    sid = result['secret']['secretid']
    assert result['secret']['password'] == fake.db[sid]['password'] and len(result['secret']['password']) == 14


def test_secret_info_password_only_when_asked():
    fake = FakeVault()
    fake.add_secret('db', password=CANARY)
    failed, result, text = run_module(secret_info_module.main, fake.facade(), **dict(CONNECTION, name='db'))
    assert not failed and CANARY not in text and result['secret']['secretname'] == 'db'
    failed, result, text = run_module(secret_info_module.main, fake.facade(), **dict(CONNECTION, name='db', include_password=True))
    assert result['secrets'][0]['password'] == CANARY


@pytest.mark.parametrize('reply, expect', [
    (Reply(200, None, text='<html>gateway</html>'), 'not JSON'),
    (Reply(200, {'unexpected': True}), 'lacks operation.result'),
    (Reply(200, ['a', 'list']), 'lacks operation.result'),
    (ok({'secrets': 'not a list', 'total': 1}), 'is not a list'),
    (ok('a string'), 'expected an object'),
])
def test_malformed_replies_fail_in_one_line(reply, expect):
    vault, session = http_vault(lambda method, url, kwargs: reply)
    failed, result, text = run_module(secret_module.main, vault, **dict(CONNECTION, name='db', notes='x'))
    assert failed
    assert expect in result['msg']
    assert len(result['msg'].splitlines()) == 1
    assert 'Traceback' not in text
    assert result['changed'] is False
    assert all(call[0] == 'GET' for call in session.calls)


def test_malformed_create_reply_does_not_duplicate():
    calls = []

    def handler(method, url, kwargs):
        calls.append(method)
        if method == 'GET':
            return ok({'secrets': [], 'total': 0, 'page': 1, 'per_page': 100})
        return Reply(201, None, text='garbage')

    vault, dummy = http_vault(handler)
    failed, result, text = run_module(secret_module.main, vault, **dict(CONNECTION, name='db', password=CANARY))
    assert failed and calls.count('POST') == 1
    assert CANARY not in text and len(result['msg'].splitlines()) == 1


def test_server_error_reply_is_one_line_without_request_body():
    def handler(method, url, kwargs):
        if method == 'GET':
            return ok({'secrets': [], 'total': 0, 'page': 1, 'per_page': 100})
        return Reply(500, {'operation': {'result': {'status': 'error', 'code': 500, 'message': 'boom %s' % CANARY}}})

    vault, dummy = http_vault(handler)
    failed, result, text = run_module(secret_module.main, vault, **dict(CONNECTION, name='db', password=CANARY))
    assert failed and CANARY not in text
    assert 'HTTP 500' in result['msg'] and len(result['msg'].splitlines()) == 1


def _fail_after(fake, part, method):
    """Make ``fake.<part>.<method>`` record its write, then fail with a 500 (as after an earlier write succeeded)."""
    original = getattr(part, method)

    def failing(*args, **kwargs):
        fake.write('%s (failed)' % method, *args)
        raise ServerError('server fault', status=500, context='POST /secrets')
    setattr(part, method, failing)
    return original


def test_secret_failure_after_a_first_write_reports_changed():
    fake = FakeVault()
    sid = fake.add_secret('db', notes='old')
    _fail_after(fake, fake.shares_api, 'transfer')
    failed, result, text = run_module(secret_module.main, fake.facade(), name='db', notes='new', owner='bob@example.test', **CONNECTION)
    assert failed and result['changed'] is True, result
    assert fake.db[sid]['notes'] == 'new' and 'HTTP 500' in result['msg'] and 'Traceback' not in text


def test_secret_failure_at_the_only_write_reports_unchanged():
    fake = FakeVault()
    fake.add_secret('db', notes='old')
    _fail_after(fake, fake.secrets, 'update')
    failed, result, dummy = run_module(secret_module.main, fake.facade(), name='db', notes='new', **CONNECTION)
    assert failed and result['changed'] is False


def test_share_failure_after_a_first_write_reports_changed():
    fake = FakeVault()
    sid = fake.add_secret('db')
    fake.shares[sid] = {'users': {'old@example.test': ['READ']}, 'groups': {}}
    _fail_after(fake, fake.shares_api, 'revoke')
    failed, result, text = run_module(secret_share_module.main, fake.facade(), secret='db', purge=True,
                                      users=[{'email': 'new@example.test', 'permissions': ['READ']}], **CONNECTION)
    assert failed and result['changed'] is True, result
    assert 'new@example.test' in fake.shares[sid]['users'] and 'Traceback' not in text


LOOSE = [{'secretid': '123456000000000001', 'secretname': 'loose', 'chamberid': None, 'secrettype': 'Login', 'owner': 'a@x.test'},
         {'secretid': '123456000000000002', 'secretname': 'db', 'chamberid': '123456000000000010', 'secrettype': 'Login',
          'owner': 'a@x.test'}]


def _contract_secrets_server(method, url, kwargs):
    """Secrets as the contract allows them: one in no chamber (chamberid null)."""
    path = url.split('/api/json', 1)[1]
    if path in ('/secrets', '/secrets/search'):
        text = (kwargs.get('params') or {}).get('searchtext')
        found = [s for s in LOOSE if not text or text.lower() in s['secretname'].lower()]
        return ok({'secrets': found, 'page': 1, 'per_page': 1000, 'total': len(found)})
    if path == '/chambers':
        return ok({'chambers': [{'chamberid': '123456000000000010', 'chambername': 'Prod', 'chambertype': 'Shared'}],
                   'page': 1, 'per_page': 1000, 'total': 1})
    if path == '/chambers/123456000000000010/secrets':
        return ok({'secrets': [LOOSE[1]], 'page': 1, 'per_page': 1000, 'total': 1})
    return Reply(404, {'operation': {'result': {'status': 'error', 'code': 7004, 'message': 'not found: %s' % path}}})


@pytest.mark.parametrize('args, names', [
    ({}, ['loose', 'db']),
    ({'name': 'loose'}, ['loose']),
    ({'search_text': 'o'}, ['loose']),
    ({'name': 'db', 'chamber': 'Prod'}, ['db']),
    ({'chamber': 'Prod'}, ['db']),
])
def test_secret_info_copes_with_a_secret_in_no_chamber(args, names):
    vault, dummy = http_vault(_contract_secrets_server)
    failed, result, text = run_module(secret_info_module.main, vault, **dict(CONNECTION, **args))
    assert not failed, result.get('msg')
    assert [s['secretname'] for s in result['secrets']] == names


def test_secret_module_finds_a_secret_in_no_chamber():
    vault, session = http_vault(_contract_secrets_server)
    failed, result, text = run_module(secret_module.main, vault, check_mode=True, diff=True, **dict(CONNECTION, name='loose', notes='n'))
    assert not failed, result.get('msg')
    assert result['changed'] and result['plan'][0]['action'] == 'update' and result['secret']['chamberid'] is None


def test_share_with_one_of_two_groups_of_one_name():
    fake = FakeVault()
    sid = fake.add_secret('db')
    first, second = fake.add_group('Ops'), fake.add_group('OPS')
    failed, result, text = run_module(secret_share_module.main, fake.facade(), secret='db',
                                      groups=[{'name': 'ops', 'permissions': ['READ']}], **CONNECTION)
    assert failed and first in result['msg'] and second in result['msg'] and not result['changed'] and fake.writes == []
    failed, result, text = run_module(secret_share_module.main, fake.facade(), secret='db',
                                      groups=[{'name': second, 'permissions': ['READ']}], **CONNECTION)
    assert not failed and result['changed'] and list(fake.shares[sid]['groups']) == [second]
