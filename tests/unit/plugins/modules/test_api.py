# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The zoho.vault.api module over the in-process emulator (the lookup: tests/unit/plugins/lookup/test_api_lookup.py)."""


import json

from ansible_collections.zoho.vault.plugins.modules import api
from ansible_collections.zoho.vault.tests.unit.plugins.modules.harness import run_module

CANARY = 'Canary-raw-Pw-314159'


def warned(result, capsys):
    """The warnings of a run: ansible-core before 2.19 returns them in the result; later ones write them to stderr in-process."""
    return json.dumps(result.get('warnings', [])) + capsys.readouterr().err


def test_get_is_read_only_and_runs_in_check_mode(emulator, vault):
    emulator.seed_chamber('Prod')
    for check_mode in (True, False):
        failed, result, dummy = run_module(api.main, vault, check_mode=check_mode, path='/chambers')
        assert not failed and not result['changed'] and result['status'] == 200
        assert [c['chambername'] for c in result['details']['chambers']] == ['Prod']
        assert result['request'] == {'method': 'GET', 'path': '/chambers', 'params': {}}
    assert emulator.calls() == {'GET /chambers': 2}


def test_check_mode_sends_no_write(emulator, vault, capsys):
    args = dict(method='POST', path='/secrets', operation='ADD_SECRET', data={'secretname': 'db', 'password': CANARY})
    failed, result, text = run_module(api.main, vault, check_mode=True, **args)
    assert not failed and result['changed'] and result['msg'] == 'check mode: POST /secrets was not sent'
    assert 'cannot be predicted' in warned(result, capsys)
    assert emulator.sent == [] and emulator.objects('secrets') == [] and CANARY not in text
    failed, result, text = run_module(api.main, vault, **args)
    assert not failed and result['changed'] and result['status'] == 201 and result['details']['secretname'] == 'db'
    assert emulator.password(result['details']['secretid']) == CANARY and CANARY not in text
    assert result['request']['data'] == {'secretname': 'db', 'password': '********'}


def test_password_in_data_is_masked_in_the_invocation(emulator, vault):
    failed, result, text = run_module(api.main, vault, method='POST', path='/secrets', operation='ADD_SECRET',
                                      data={'secretname': 'db', 'notes': 'x', 'password': CANARY})
    assert not failed and CANARY not in text
    assert result['invocation']['module_args']['data']['notes'] == 'x'


def test_an_argument_error_does_not_show_the_password_either(emulator, vault):
    failed, result, text = run_module(api.main, vault, method='PATCH', path='/secrets', operation='ADD_SECRET',
                                      data={'secretname': 'db', 'password': CANARY})
    assert failed and 'method' in result['msg'] and CANARY not in text and emulator.sent == []


def test_replies_are_redacted_unless_asked(emulator, vault, capsys):
    secret_id = emulator.seed_secret('db', password=CANARY)
    path = '/secrets/%s/password' % secret_id
    failed, result, text = run_module(api.main, vault, path=path)
    assert not failed and result['details'] == {'password': '********'} and CANARY not in text and 'no_log' not in warned(result, capsys)
    failed, result, text = run_module(api.main, vault, path=path, redact=False)
    assert result['details'] == {'password': CANARY} and 'no_log: true' in warned(result, capsys)


def test_errors_are_one_line(emulator, vault):
    cases = [(dict(path='https://evil.example/secrets'), 'without scheme or host'), (dict(path='/nothing'), 'HTTP 404'),
             (dict(method='POST', path='/secrets', data={'password': CANARY}), 'data needs operation'),
             (dict(method='POST', path='/secrets', operation='ADD_SECRET', data={'password': CANARY}), 'HTTP 400')]
    for args, words in cases:
        failed, result, text = run_module(api.main, vault, **args)
        assert failed and not result['changed'] and words in result['msg'] and '\n' not in result['msg'] and CANARY not in text
    assert emulator.writes() == {'POST /secrets': 1} and emulator.objects('secrets') == []


def test_a_post_whose_reply_was_lost_fails_saying_so(emulator):
    vault = emulator.vault(retries=3)
    emulator.add_fault(kind='status', status=500, count=1, method='POST', path='^/chambers$', phase='after')
    failed, result, dummy = run_module(api.main, vault, method='POST', path='/chambers', operation='ADD_CHAMBER',
                                       data={'chambername': 'Once'})
    assert failed and 'may or may not have been applied' in result['msg'] and emulator.writes() == {'POST /chambers': 1}
