# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""vault_state and vault_state_info main() in-process against the in-memory vault: options, result, failure, no leaks."""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import json

import pytest

from ansible_collections.zoho.vault.plugins.modules import vault_state, vault_state_info
from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.document.fake_vault import FakeVault
from ansible_collections.zoho.vault.tests.unit.plugins.modules.secret_harness import CONNECTION, run_module

CANARY = 'Canary-Module-01!'
DOC = {'chambers': [{'name': 'C', 'secrets': [{'name': 's', 'password': CANARY}, {'name': 't'}]}]}


def test_check_mode_then_apply_then_no_change():
    fake = FakeVault()
    failed, planned, text = run_module(vault_state.main, fake.facade(), check_mode=True, diff=True, definition=DOC, **CONNECTION)
    assert not failed and planned['changed'] and fake.writes == []
    assert planned['msg'] == '3 change(s) planned: create 1 chamber, create 2 secret'
    assert planned['summary']['total'] == 3 and len(planned['diff']) == 3
    assert CANARY not in text
    failed, applied, text = run_module(vault_state.main, fake.facade(), definition=DOC, **CONNECTION)
    assert not failed and applied['changed'] and len(applied['applied']) == 3 and applied['failures'] == []
    assert CANARY not in text
    failed, again, _text = run_module(vault_state.main, fake.facade(), definition=DOC, update_password='on_create', **CONNECTION)
    assert not failed and not again['changed'] and again['msg'] == '0 change(s) applied'


def test_a_failed_write_fails_the_task_with_what_was_and_was_not_applied():
    fake = FakeVault()
    fake.fail('secrets.create', name='s')
    failed, result, text = run_module(vault_state.main, fake.facade(), definition=DOC, on_error='continue', **CONNECTION)
    assert failed and result['changed'] is True
    assert result['msg'].startswith("1 of 3 change(s) failed, 2 applied, 0 not applied; first failure: create secret 'C/s'")
    assert 'run again' in result['msg'] and '\n' not in result['msg'] and 'Traceback' not in text
    assert [p['status'] for p in result['plan']] == ['applied', 'failed', 'applied']


def test_a_document_error_fails_before_any_write():
    fake = FakeVault()
    failed, result, _text = run_module(vault_state.main, fake.facade(), definition={'groups': [{'name': 'g', 'members': ['x@y.test']}]},
                                       **CONNECTION)
    assert failed and result['changed'] is False and fake.writes == []
    assert "groups[0] (group 'g')" in result['msg']


def test_info_exports_and_never_changes():
    fake = FakeVault()
    chamber = fake.add_chamber('C')
    fake.add_secret(chamber, 's', password=CANARY)
    failed, result, text = run_module(vault_state_info.main, fake.facade(), include=['chambers'], **CONNECTION)
    assert not failed and result['changed'] is False and fake.writes == []
    assert result['definition'] == {'chambers': [{'name': 'C', 'chamber_type': 'Custom', 'description': '', 'secrets': [
        {'name': 's', 'url': '', 'username': '', 'notes': '', 'custom_fields': {}, 'secret_type': 'Login'}]}]}
    assert CANARY not in text


def test_a_chambers_document_needs_no_users_scope():
    """With the reference's example scopes (secrets and chambers), GET /users/current is refused: not called unless needed."""
    fake = FakeVault(users_scope=False)
    other = fake.add_chamber('Other')
    fake.add_secret(other, 'kept')
    doc = {'chambers': [{'name': 'C', 'secrets': [{'name': 's', 'notes': 'n', 'owner': 'admin@vault.test'}, {'name': 't'}]}]}
    for check in (True, False, True, False):
        failed, result, dummy = run_module(vault_state.main, fake.facade(), check_mode=check, definition=doc, prune=True,
                                           prune_scope=['secrets'], **CONNECTION)
        assert not failed, result['msg']
    assert not result['changed']
    assert ('users.current',) not in fake.reads and ('users.list',) not in fake.reads
    # The export omits owners equal to the caller; not knowing the caller, it gives every owner (harmless to apply).
    failed, result, dummy = run_module(vault_state_info.main, fake.facade(), include=['chambers'], **CONNECTION)
    assert not failed, result['msg']
    chambers = result['definition']['chambers']
    assert [c['name'] for c in chambers] == ['C', 'Other']
    assert set(s.get('owner') for c in chambers for s in c['secrets']) == {'admin@vault.test'}
    failed, result, dummy = run_module(vault_state.main, fake.facade(), definition=result['definition'], **CONNECTION)
    assert not failed and not result['changed']


def test_work_that_needs_the_caller_names_the_missing_scope():
    fake = FakeVault(users_scope=False)
    fake.add_chamber('Old')
    failed, result, text = run_module(vault_state.main, fake.facade(), definition={'chambers': []}, prune=True,
                                      prune_scope=['chambers'], **CONNECTION)
    assert failed and 'needs the ZohoVault.users.READ scope' in result['msg'] and 'Traceback' not in text
    assert fake.writes == []


@pytest.mark.parametrize('definition', [
    5, 'not a document', '{"chambers": 5', ['chambers'], True, None, {'chambers': 5}, {'chambers': [5]}, {'chambers': ['Prod']},
    {'chambers': [{'name': 'C', 'secrets': 'x'}]}, {'chambers': [{'name': 'C', 'secrets': [7]}]}, {'groups': [{'name': 'g', 'members': {'a': 1}}]},
    {'users': {'email': 'a@b.test'}}, {'chambers': [{'name': 'C', 'secrets': [{'name': 's', 'shares': ['x']}]}]},
    {'chambers': [{'name': ['C']}]}, {5: []},
])
def test_a_definition_that_is_not_a_document_fails_in_one_line(definition):
    fake = FakeVault()
    failed, result, text = run_module(vault_state.main, fake.facade(), definition=definition, **CONNECTION)
    assert failed and 'Traceback' not in text and 'exception' not in result, result
    assert result['msg'] and '\n' not in result['msg'] and 'definition' in result['msg']
    assert fake.writes == []


def _vault_with_a_secret_in_no_chamber():
    fake = FakeVault()
    for name in ('A', 'B'):
        fake.add_secret(fake.add_chamber(name), 's-' + name)
    loose = fake.add_secret({'chamberid': None}, 'loose')
    return fake, loose


def test_a_secret_in_no_chamber_is_left_alone():
    """The contract lets a secret have ``chamberid: null``: export and plan around it, never touch it."""
    fake, loose = _vault_with_a_secret_in_no_chamber()
    failed, result, dummy = run_module(vault_state_info.main, fake.facade(), include=['chambers'], **CONNECTION)
    assert not failed, result['msg']
    exported = result['definition']
    assert [[s['name'] for s in c['secrets']] for c in exported['chambers']] == [['s-A'], ['s-B']]
    assert result['counts']['secrets'] == 2
    for check in (True, False):
        failed, result, dummy = run_module(vault_state.main, fake.facade(), check_mode=check, definition=exported, prune=True,
                                           prune_scope=['secrets', 'chambers'], **CONNECTION)
        assert not failed and not result['changed'], result['msg']
    doc = {'chambers': [{'name': 'A', 'secrets': [{'name': 'loose'}]}]}
    failed, result, dummy = run_module(vault_state.main, fake.facade(), definition=doc, **CONNECTION)
    assert not failed and [p['action'] for p in result['plan']] == ['create'], result['msg']
    assert fake.secrets[loose['secretid']]['chamberid'] is None and 'loose' in fake.names('secrets')


def test_two_groups_with_one_name():
    fake = FakeVault()
    fake.add_user('ann@x.test')
    first, second = fake.add_group('Ops'), fake.add_group('ops')
    chamber = fake.add_chamber('C')
    fake.add_secret(chamber, 's')
    doc = {'chambers': [{'name': 'C', 'secrets': [{'name': 's', 'shares': {'groups': [{'name': 'Ops', 'permissions': ['READ']}]}}]}]}
    failed, result, text = run_module(vault_state.main, fake.facade(), definition=doc, **CONNECTION)
    assert failed and 'Traceback' not in text and fake.writes == []
    assert first['groupid'] in result['msg'] and second['groupid'] in result['msg'] and '\n' not in result['msg']


def test_shapes_ansible_converts_are_still_accepted():
    fake = FakeVault()
    fake.add_user('ann@x.test')
    doc = {'chambers': [{'name': 'C', 'secrets': [{'name': 's', 'shares': {'users': [{'email': 'ann@x.test', 'permissions': 'READ'}]}}]}]}
    failed, result, dummy = run_module(vault_state.main, fake.facade(), definition=json.dumps(doc), **CONNECTION)
    assert not failed and result['summary']['total'] == 3, result['msg']
