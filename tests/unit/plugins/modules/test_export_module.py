# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""zoho.vault.export, emergency_access and audit_info in-process against the emulator."""


import json
import os
import stat


from ansible_collections.zoho.vault.plugins.modules import audit_info as audit_info_module
from ansible_collections.zoho.vault.plugins.modules import emergency_access as emergency_module
from ansible_collections.zoho.vault.plugins.modules import emergency_access_info as emergency_info_module
from ansible_collections.zoho.vault.plugins.modules import export as export_module
from ansible_collections.zoho.vault.tests.unit.plugins.modules.harness import CONNECTION, run_module

CANARY = 'Canary-Export-Pw-55!'


def test_export_check_apply_check_apply_mode_0600_and_no_passwords(tmp_path, emulator, vault):
    emulator.seed_secret('db', password=CANARY)
    path = str(tmp_path / 'export.json')
    changed = []
    for check in (True, False, True, False):
        failed, result, text = run_module(export_module.main, vault, check_mode=check, diff=True, path=path, **CONNECTION)
        assert not failed and CANARY not in text
        changed.append(result['changed'])
        if check and not os.path.exists(path):
            assert result['diff']['before'] == {}
    assert changed == [True, True, False, False]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with open(path) as handle:
        text = handle.read()
    assert CANARY not in text and json.loads(text)['items'][0]['secretname'] == 'db'
    assert [n for n in os.listdir(str(tmp_path)) if n != 'export.json'] == []


def test_export_hides_sensitive_custom_fields_unless_passwords_are_included(tmp_path, emulator, vault):
    emulator.seed_secret('db', customfields={'api_token': CANARY, 'env': 'qa'})
    path = str(tmp_path / 'export.json')
    args = dict(CONNECTION, path=path, sensitive_custom_fields=['*_TOKEN'])
    failed, result, text = run_module(export_module.main, vault, diff=True, **args)
    with open(path) as handle:
        written = handle.read()
    assert not failed and CANARY not in text and CANARY not in written
    assert json.loads(written)['items'][0]['customfields'] == {'api_token': 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER', 'env': 'qa'}
    failed, result, text = run_module(export_module.main, vault, include_passwords=True, **args)
    with open(path) as handle:
        assert json.loads(handle.read())['items'][0]['customfields']['api_token'] == CANARY


def test_export_with_passwords_warns_and_fixes_mode(tmp_path, capsys, emulator, vault):
    emulator.seed_secret('db', password=CANARY)
    path = str(tmp_path / 'export.json')
    failed, result, text = run_module(export_module.main, vault, path=path, include_passwords=True, **CONNECTION)
    assert not failed and CANARY not in text
    # ansible-core before 2.19 returns warnings in the result; later ones also write them to stderr in-process.
    assert 'plaintext passwords' in json.dumps(result.get('warnings', [])) + capsys.readouterr().err
    with open(path) as handle:
        assert CANARY in handle.read()
    os.chmod(path, 0o644)
    failed, result, dummy = run_module(export_module.main, vault, path=path, include_passwords=True, **CONNECTION)
    assert result['changed'] and stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_export_refuses_a_partial_page(tmp_path, emulator, vault):
    # An export that says it holds more than it carries (a server that paginated after all).
    body = {'operation': {'name': 'EXPORT_SECRETS', 'result': {'status': 'success'},
                          'details': {'secrets': [{'secretid': '123456000000000001', 'secretname': 'db', 'chamberid': None}],
                                      'exportedtime': '2026-01-01T00:00:00Z', 'total': 150}}}
    emulator.add_fault(kind='reply', status=200, content_type='application/json', body=json.dumps(body), path='^/export/secrets$')
    path = str(tmp_path / 'export.json')
    failed, result, dummy = run_module(export_module.main, vault, path=path, **CONNECTION)
    assert failed and 'partial backup' in result['msg'] and not os.path.exists(path)


def test_the_secrets_export_is_the_contracts_one_unpaginated_call(tmp_path, emulator, vault):
    # The emulator refuses page/per_page on the secrets export (unknown query parameters): it is one reply.
    sid = emulator.seed_secret('db')
    vault.secrets.delete(sid)
    emulator.seed_secret('web')
    failed, result, dummy = run_module(export_module.main, vault, path=str(tmp_path / 'export.json'), content='secrets', **CONNECTION)
    assert not failed, result['msg']
    assert result['count'] == 1
    assert emulator.calls() == {'GET /export/secrets': 1}


def test_the_audit_export_follows_every_page(tmp_path, emulator, vault):
    # The audit export is a list like any other: with one entry a page, every page is read into the backup.
    sid = emulator.seed_secret('db')
    vault.secrets.delete(sid)
    emulator.seed_secret('web')
    emulator.set_page_cap(1)
    failed, result, dummy = run_module(export_module.main, vault, path=str(tmp_path / 'export.json'), content='audit', **CONNECTION)
    assert not failed, result['msg']
    assert result['count'] == 3
    assert emulator.calls() == {'GET /export/audit': 3}


def test_export_bad_directory(tmp_path, vault):
    failed, result, dummy = run_module(export_module.main, vault, path=str(tmp_path / 'no' / 'x.json'), **CONNECTION)
    assert failed and 'does not exist' in result['msg']


def test_emergency_module_grant_and_list(emulator, vault):
    emulator.create_user('oncall@example.test')
    emulator.seed_secret('db')
    args = dict(CONNECTION, secret='db', email='oncall@example.test', reason='INC-2', duration=2)
    failed, result, dummy = run_module(emergency_module.main, vault, diff=True, **args)
    assert not failed and result['changed'] and result['grant']['status'] == 'active'
    assert result['diff']['before'] == {} and result['diff']['after']['emailid'] == 'oncall@example.test'
    failed, result, dummy = run_module(emergency_module.main, vault, **args)
    assert not result['changed'] and len(result['requests']) == 1
    failed, result, dummy = run_module(emergency_info_module.main, vault, status='active', **CONNECTION)
    assert not failed and len(result['requests']) == 1
    assert emulator.writes() == {'POST /secrets/{secret_id}/emergency': 1}


def test_audit_info_filters_events(emulator, vault):
    sid = emulator.seed_secret('db')
    vault.secrets.get_password(sid)
    failed, result, dummy = run_module(audit_info_module.main, vault, events=['Password Viewed'], **CONNECTION)
    assert not failed and result['count'] == 1
    failed, result, dummy = run_module(audit_info_module.main, vault, from_date='yesterday', **CONNECTION)
    assert failed and 'YYYY-MM-DD' in result['msg']
