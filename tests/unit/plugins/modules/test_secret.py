# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""zoho.vault.secret, secret_info and secret_share in-process: results, redaction, malformed API replies, partial applies."""


import contextlib
import io
import json

import pytest

from ansible_collections.zoho.vault.plugins.modules import secret as secret_module
from ansible_collections.zoho.vault.plugins.modules import secret_info as secret_info_module
from ansible_collections.zoho.vault.plugins.modules import secret_share as secret_share_module
from ansible_collections.zoho.vault.tests.unit.plugins.modules.harness import CONNECTION, patch_module_args, run_module

CANARY = 'Canary-Module-Pw-77!'


def envelope(details):
    return json.dumps({'operation': {'name': 'OP', 'result': {'status': 'success'}, 'details': details}})


def test_create_check_apply_check_apply_without_password_in_output(emulator, vault):
    args = dict(CONNECTION, name='db', password=CANARY, notes='n')
    results = []
    for check in (True, False, True, False):
        failed, result, text = run_module(secret_module.main, vault, check_mode=check, diff=True, **args)
        assert not failed
        assert CANARY not in text
        results.append(result)
    assert [r['changed'] for r in results] == [True, True, False, False]
    assert results[0]['diff']['after']['password'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
    assert 'password' not in results[1]['secret']
    assert emulator.writes() == {'POST /secrets': 1}


def test_sensitive_custom_field_four_steps_with_diff_never_shows_the_value(emulator):
    vault = emulator.vault(sensitive_custom_fields=['*_token'])
    results = []
    for value, check in ((CANARY, True), (CANARY, False), (CANARY, True), (CANARY, False), (CANARY + '2', False)):
        args = dict(CONNECTION, name='db', custom_fields={'api_token': value, 'env': 'qa'}, sensitive_custom_fields=['*_token'])
        failed, result, text = run_module(secret_module.main, vault, check_mode=check, diff=True, **args)
        assert not failed and CANARY not in text
        results.append(result)
    assert [r['changed'] for r in results] == [True, True, False, False, True]
    assert results[1]['secret']['customfields'] == {'api_token': 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER', 'env': 'qa'}
    assert results[4]['diff']['after']['customfields']['api_token'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER (changed)'
    assert vault.secrets.get(results[1]['secret']['secretid'])['customfields']['api_token'] == CANARY + '2'  # the real value is written
    failed, result, text = run_module(secret_info_module.main, vault, **dict(CONNECTION, name='db'))
    assert not failed and CANARY not in text
    failed, result, text = run_module(secret_info_module.main, vault, **dict(CONNECTION, name='db', include_password=True))
    assert result['secret']['customfields']['api_token'] == CANARY + '2'


def test_a_connection_error_does_not_show_sensitive_values_given_in_the_task():
    args = dict(CONNECTION, name='db', custom_fields={'api_token': CANARY}, sensitive_custom_fields=['api_token'], timeout=0)
    with pytest.raises(SystemExit), contextlib.redirect_stdout(io.StringIO()) as out, patch_module_args(args):
        secret_module.main()
    assert 'timeout must be a positive number' in out.getvalue() and CANARY not in out.getvalue()


def test_return_password_of_a_generated_password(emulator, vault):
    args = dict(CONNECTION, name='gen', generate_password=True, password_policy={'length': 14}, return_password=True)
    failed, result, dummy = run_module(secret_module.main, vault, **args)
    assert not failed
    sid = result['secret']['secretid']
    assert result['secret']['password'] == emulator.password(sid) and len(result['secret']['password']) == 14


def test_secret_info_password_only_when_asked(emulator, vault):
    emulator.seed_secret('db', password=CANARY)
    failed, result, text = run_module(secret_info_module.main, vault, **dict(CONNECTION, name='db'))
    assert not failed and CANARY not in text and result['secret']['secretname'] == 'db'
    failed, result, text = run_module(secret_info_module.main, vault, **dict(CONNECTION, name='db', include_password=True))
    assert result['secrets'][0]['password'] == CANARY


@pytest.mark.parametrize('content_type, body, expect', [
    ('text/html', '<html>gateway</html>', 'not JSON'),
    ('application/json', json.dumps({'unexpected': True}), 'lacks operation.result'),
    ('application/json', json.dumps(['a', 'list']), 'lacks operation.result'),
    ('application/json', envelope({'secrets': 'not a list', 'total': 1}), 'is not a list'),
    ('application/json', envelope('a string'), 'expected an object'),
])
def test_malformed_replies_fail_in_one_line(emulator, vault, content_type, body, expect):
    emulator.add_fault(kind='reply', status=200, content_type=content_type, body=body, method='GET')
    failed, result, text = run_module(secret_module.main, vault, **dict(CONNECTION, name='db', notes='x'))
    assert failed
    assert expect in result['msg']
    assert len(result['msg'].splitlines()) == 1
    assert 'Traceback' not in text
    assert result['changed'] is False
    assert emulator.writes() == {}


def test_malformed_create_reply_does_not_duplicate(emulator, vault):
    # The create is applied, then its reply is garbage: the module must not send it again.
    emulator.add_fault(kind='reply', status=201, content_type='text/plain', body='garbage', method='POST', path='^/secrets$',
                       phase='after')
    failed, result, text = run_module(secret_module.main, vault, **dict(CONNECTION, name='db', password=CANARY))
    assert failed and emulator.writes() == {'POST /secrets': 1}
    assert CANARY not in text and len(result['msg'].splitlines()) == 1


def test_server_error_reply_is_one_line_without_request_body(emulator, vault):
    body = json.dumps({'operation': {'result': {'status': 'error', 'code': 500, 'message': 'boom %s' % CANARY}}})
    emulator.add_fault(kind='reply', status=500, content_type='application/json', body=body, method='POST', path='^/secrets$')
    failed, result, text = run_module(secret_module.main, vault, **dict(CONNECTION, name='db', password=CANARY))
    assert failed and CANARY not in text
    assert 'HTTP 500' in result['msg'] and len(result['msg'].splitlines()) == 1


def fail_next(emulator, method, path):
    """The next ``method`` on ``path`` (a regex) fails with a 500, whatever came before it."""
    emulator.add_fault(kind='status', status=500, count=1, method=method, path=path)


def test_secret_failure_after_a_first_write_reports_changed(emulator, vault):
    emulator.create_user('bob@example.test')
    sid = emulator.seed_secret('db', notes='old')
    fail_next(emulator, 'POST', '/transferownership$')
    failed, result, text = run_module(secret_module.main, vault, name='db', notes='new', owner='bob@example.test', **CONNECTION)
    assert failed and result['changed'] is True, result
    assert vault.secrets.get(sid)['notes'] == 'new' and 'HTTP 500' in result['msg'] and 'Traceback' not in text


def test_secret_failure_at_the_only_write_reports_unchanged(emulator, vault):
    emulator.seed_secret('db', notes='old')
    fail_next(emulator, 'PUT', '^/secrets/[0-9]+$')
    failed, result, dummy = run_module(secret_module.main, vault, name='db', notes='new', **CONNECTION)
    assert failed and result['changed'] is False


def test_share_failure_after_a_first_write_reports_changed(emulator, vault):
    for email in ('old@example.test', 'new@example.test'):
        emulator.create_user(email)
    sid = emulator.seed_secret('db')
    vault.shares.share(sid, users=[{'emailid': 'old@example.test', 'permissions': ['READ']}])
    fail_next(emulator, 'DELETE', '/share$')
    failed, result, text = run_module(secret_share_module.main, vault, secret='db', purge=True,
                                      users=[{'email': 'new@example.test', 'permissions': ['READ']}], **CONNECTION)
    assert failed and result['changed'] is True, result
    assert 'new@example.test' in [u['emailid'] for u in vault.shares.get(sid)['users']] and 'Traceback' not in text


@pytest.fixture
def loose(emulator):
    """Secrets as the contract allows them: one in no chamber (chamberid null), one in the chamber Prod."""
    emulator.seed_secret('loose')
    emulator.seed_secret('db', emulator.seed_chamber('Prod')['chamberid'])


@pytest.mark.parametrize('args, names', [
    ({}, ['loose', 'db']),
    ({'name': 'loose'}, ['loose']),
    ({'search_text': 'o'}, ['loose']),
    ({'name': 'db', 'chamber': 'Prod'}, ['db']),
    ({'chamber': 'Prod'}, ['db']),
])
def test_secret_info_copes_with_a_secret_in_no_chamber(vault, loose, args, names):
    failed, result, text = run_module(secret_info_module.main, vault, **dict(CONNECTION, **args))
    assert not failed, result.get('msg')
    assert [s['secretname'] for s in result['secrets']] == names


def test_secret_module_finds_a_secret_in_no_chamber(vault, loose):
    failed, result, text = run_module(secret_module.main, vault, check_mode=True, diff=True, **dict(CONNECTION, name='loose', notes='n'))
    assert not failed, result.get('msg')
    assert result['changed'] and result['plan'][0]['action'] == 'update' and result['secret']['chamberid'] is None


def test_share_with_one_of_two_groups_of_one_name(emulator, vault):
    sid = emulator.seed_secret('db')
    first, second = vault.groups.create({'groupname': 'Ops'})['groupid'], vault.groups.create({'groupname': 'OPS'})['groupid']
    emulator.mark()
    failed, result, text = run_module(secret_share_module.main, vault, secret='db',
                                      groups=[{'name': 'ops', 'permissions': ['READ']}], **CONNECTION)
    assert failed and first in result['msg'] and second in result['msg'] and not result['changed'] and emulator.writes() == {}
    failed, result, text = run_module(secret_share_module.main, vault, secret='db',
                                      groups=[{'name': second, 'permissions': ['READ']}], **CONNECTION)
    assert not failed and result['changed'] and [g['groupid'] for g in vault.shares.get(sid)['groups']] == [second]
