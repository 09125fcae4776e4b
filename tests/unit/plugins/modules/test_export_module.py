# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""zoho.vault.export, emergency_access and audit_info in-process against the fake vault."""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import json
import os
import stat

import pytest

from ansible_collections.zoho.vault.plugins.modules import audit_info as audit_info_module
from ansible_collections.zoho.vault.plugins.modules import emergency_access as emergency_module
from ansible_collections.zoho.vault.plugins.modules import emergency_access_info as emergency_info_module
from ansible_collections.zoho.vault.plugins.modules import export as export_module
from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.state.fake_secrets import FakeVault
from ansible_collections.zoho.vault.tests.unit.plugins.modules.secret_harness import CONNECTION, http_vault, ok, run_module

CANARY = 'Canary-Export-Pw-55!'


def test_export_check_apply_check_apply_mode_0600_and_no_passwords(tmp_path):
    fake = FakeVault()
    fake.add_secret('db', password=CANARY)
    path = str(tmp_path / 'export.json')
    changed = []
    for check in (True, False, True, False):
        failed, result, text = run_module(export_module.main, fake.facade(), check_mode=check, diff=True, path=path, **CONNECTION)
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


def test_export_with_passwords_warns_and_fixes_mode(tmp_path, capsys):
    fake = FakeVault()
    fake.add_secret('db', password=CANARY)
    path = str(tmp_path / 'export.json')
    failed, result, text = run_module(export_module.main, fake.facade(), path=path, include_passwords=True, **CONNECTION)
    assert not failed and CANARY not in text
    # ansible-core before 2.19 returns warnings in the result; later ones also write them to stderr in-process.
    assert 'plaintext passwords' in json.dumps(result.get('warnings', [])) + capsys.readouterr().err
    with open(path) as handle:
        assert CANARY in handle.read()
    os.chmod(path, 0o644)
    failed, result, dummy = run_module(export_module.main, fake.facade(), path=path, include_passwords=True, **CONNECTION)
    assert result['changed'] and stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_export_refuses_a_partial_page(tmp_path):
    fake = FakeVault()
    fake.add_secret('db')
    original = fake.export.secrets
    fake.export.secrets = lambda include_passwords=False: dict(original(include_passwords), total=150)
    path = str(tmp_path / 'export.json')
    failed, result, dummy = run_module(export_module.main, fake.facade(), path=path, **CONNECTION)
    assert failed and 'partial backup' in result['msg'] and not os.path.exists(path)


def _contract_export_server(calls):
    """The contract's exports: the secrets export is one reply that accepts no page/per_page; the audit export is a
    list of two pages of one entry each."""
    def handler(method, url, kwargs):
        params = dict(kwargs.get('params') or {})
        calls.append((method, url.split('/api/json', 1)[1], params))
        if url.endswith('/export/secrets'):
            if 'page' in params or 'per_page' in params:
                return ok({})  # a body without the list: the module fails if it paginates
            return ok({'secrets': [{'secretid': '1', 'secretname': 'db', 'chamberid': None}], 'exportedtime': '2026-01-01T00:00:00Z'})
        if url.endswith('/export/audit'):
            page = int(params.get('page', 1))
            return ok({'auditlogs': [{'auditid': str(page), 'event': 'Secret Added'}], 'page': page, 'per_page': 1, 'total': 2})
        return ok({})
    return handler


def test_the_secrets_export_is_the_contracts_one_unpaginated_call(tmp_path):
    calls = []
    vault, dummy = http_vault(_contract_export_server(calls))
    failed, result, dummy = run_module(export_module.main, vault, path=str(tmp_path / 'export.json'), content='secrets', **CONNECTION)
    assert not failed, result['msg']
    assert result['count'] == 1
    assert calls == [('GET', '/export/secrets', {'format': 'json', 'include_passwords': 'false'})]


def test_the_audit_export_follows_every_page(tmp_path):
    calls = []
    vault, dummy = http_vault(_contract_export_server(calls))
    failed, result, dummy = run_module(export_module.main, vault, path=str(tmp_path / 'export.json'), content='audit', **CONNECTION)
    assert not failed, result['msg']
    assert result['count'] == 2
    assert [(c[0], c[1], c[2].get('page')) for c in calls] == [('GET', '/export/audit', 1), ('GET', '/export/audit', 2)]


def test_export_bad_directory(tmp_path):
    failed, result, dummy = run_module(export_module.main, FakeVault().facade(), path=str(tmp_path / 'no' / 'x.json'), **CONNECTION)
    assert failed and 'does not exist' in result['msg']


def test_emergency_module_grant_and_list():
    fake = FakeVault()
    fake.add_secret('db')
    args = dict(CONNECTION, secret='db', email='oncall@example.test', reason='INC-2', duration=2)
    failed, result, dummy = run_module(emergency_module.main, fake.facade(), diff=True, **args)
    assert not failed and result['changed'] and result['grant']['status'] == 'active'
    assert result['diff']['before'] == {} and result['diff']['after']['emailid'] == 'oncall@example.test'
    failed, result, dummy = run_module(emergency_module.main, fake.facade(), **args)
    assert not result['changed'] and len(result['requests']) == 1
    failed, result, dummy = run_module(emergency_info_module.main, fake.facade(), status='active', **CONNECTION)
    assert not failed and len(result['requests']) == 1


def test_audit_info_filters_events():
    fake = FakeVault()
    fake.audit_logs = [{'event': 'Password Viewed', 'user_email': 'a@x', 'timestamp': '2026-01-02T00:00:00Z'},
                       {'event': 'Secret Created', 'user_email': 'a@x', 'timestamp': '2026-01-02T00:00:00Z'}]
    failed, result, dummy = run_module(audit_info_module.main, fake.facade(), events=['Password Viewed'], **CONNECTION)
    assert not failed and result['count'] == 1
    failed, result, dummy = run_module(audit_info_module.main, fake.facade(), from_date='yesterday', **CONNECTION)
    assert failed and 'YYYY-MM-DD' in result['msg']
