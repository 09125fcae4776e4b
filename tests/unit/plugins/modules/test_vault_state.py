# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""vault_state and vault_state_info main() in-process against the emulator: options, result, failure, no leaks."""


import json

import pytest

from ansible_collections.zoho.vault.plugins.modules import vault_state, vault_state_info
from ansible_collections.zoho.vault.tests.unit.plugins.modules.harness import CONNECTION, run_module

CANARY = 'Canary-Module-01!'
# The reference's example scopes: secrets and chambers, no users.
NO_USERS_SCOPE = ['ZohoVault.secrets.ALL', 'ZohoVault.chambers.ALL']
DOC = {'chambers': [{'name': 'C', 'secrets': [{'name': 's', 'password': CANARY}, {'name': 't'}]}]}


def test_check_mode_then_apply_then_no_change(emulator, vault):
    failed, planned, text = run_module(vault_state.main, vault, check_mode=True, diff=True, definition=DOC, **CONNECTION)
    assert not failed and planned['changed'] and emulator.writes() == {}
    assert planned['msg'] == '3 change(s) planned: create 1 chamber, create 2 secret'
    assert planned['summary']['total'] == 3 and len(planned['diff']) == 3
    assert CANARY not in text
    failed, applied, text = run_module(vault_state.main, vault, definition=DOC, **CONNECTION)
    assert not failed and applied['changed'] and len(applied['applied']) == 3 and applied['failures'] == []
    assert CANARY not in text
    failed, again, _text = run_module(vault_state.main, vault, definition=DOC, update_password='on_create', **CONNECTION)
    assert not failed and not again['changed'] and again['msg'] == '0 change(s) applied'


def test_sensitive_custom_fields_hidden_in_plans_diffs_and_import_but_compared(emulator):
    vault = emulator.vault(sensitive_custom_fields=['pin'])
    hidden = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'

    def doc(value):
        return {'chambers': [{'name': 'C', 'secrets': [{'name': 's', 'custom_fields': {'PIN': value, 'env': 'qa'}}]}]}

    for value, check, changed in ((CANARY, True, True), (CANARY, False, True), (CANARY, False, False), (CANARY + 'x', True, True)):
        failed, result, text = run_module(vault_state.main, vault, check_mode=check, diff=True, definition=doc(value),
                                          sensitive_custom_fields=['pin'], **CONNECTION)
        assert not failed and result['changed'] is changed and CANARY not in text
    assert result['plan'][0]['fields'] == [{'field': 'customfields', 'before': {'PIN': hidden, 'env': 'qa'},
                                            'after': {'PIN': hidden + ' (changed)', 'env': 'qa'}}]
    assert 'PIN: %s (changed)' % hidden in result['diff'][0]['after']
    failed, result, text = run_module(vault_state_info.main, vault, include=['chambers'], sensitive_custom_fields=['pin'], **CONNECTION)
    assert not failed and CANARY not in text
    assert result['definition']['chambers'][0]['secrets'][0]['custom_fields'] == {'env': 'qa'}  # left out, as passwords are


def test_a_document_error_before_any_secret_is_planned_does_not_show_sensitive_values(emulator, vault):
    doc = {'groups': [{'name': 'g', 'members': ['x@y.test']}],
           'chambers': [{'name': 'C', 'secrets': [{'name': 's', 'custom_fields': {'pin': CANARY}}]}]}
    failed, result, text = run_module(vault_state.main, vault, definition=doc, sensitive_custom_fields=['pin'], **CONNECTION)
    assert failed and CANARY not in text and 'groups[0]' in result['msg']


def test_a_failed_write_fails_the_task_with_what_was_and_was_not_applied(emulator, vault):
    # The plan creates C, then s, then t: the first secret create fails.
    emulator.add_fault(kind='status', status=500, count=1, method='POST', path='^/secrets$')
    failed, result, text = run_module(vault_state.main, vault, definition=DOC, on_error='continue', **CONNECTION)
    assert failed and result['changed'] is True
    assert result['msg'].startswith("1 of 3 change(s) failed, 2 applied, 0 not applied; first failure: create secret 'C/s'")
    assert 'run again' in result['msg'] and '\n' not in result['msg'] and 'Traceback' not in text
    assert [p['status'] for p in result['plan']] == ['applied', 'failed', 'applied']
    assert emulator.names('secrets') == ['t']


def test_a_document_error_fails_before_any_write(emulator, vault):
    failed, result, _text = run_module(vault_state.main, vault, definition={'groups': [{'name': 'g', 'members': ['x@y.test']}]},
                                       **CONNECTION)
    assert failed and result['changed'] is False and emulator.writes() == {}
    assert "groups[0] (group 'g')" in result['msg']


def test_info_exports_and_never_changes(emulator, vault):
    emulator.seed_secret('s', emulator.seed_chamber('C')['chamberid'], password=CANARY)
    failed, result, text = run_module(vault_state_info.main, vault, include=['chambers'], **CONNECTION)
    assert not failed and result['changed'] is False and emulator.writes() == {}
    assert result['definition'] == {'chambers': [{'name': 'C', 'chamber_type': 'Custom', 'description': '', 'secrets': [
        {'name': 's', 'url': '', 'username': '', 'notes': '', 'custom_fields': {}, 'secret_type': 'Login'}]}]}
    assert CANARY not in text


def scoped_vault(emulator, chamber=None, secret=None):
    """An administrator with the reference's example scopes, owning ``chamber`` (holding ``secret``)."""
    vault = emulator.vault('ops@vault.example', role='Administrator', scopes=NO_USERS_SCOPE)
    if chamber:
        made = vault.chambers.create({'chambername': chamber})
        if secret:
            vault.secrets.create({'secretname': secret, 'password': 'Initial-pw1', 'chamberid': made['chamberid']})
    emulator.mark()
    return vault


def test_a_chambers_document_needs_no_users_scope(emulator):
    """With the reference's example scopes (secrets and chambers), GET /users/current is refused: not called unless needed."""
    vault = scoped_vault(emulator, 'Other', 'kept')
    doc = {'chambers': [{'name': 'C', 'secrets': [{'name': 's', 'notes': 'n', 'owner': 'ops@vault.example'}, {'name': 't'}]}]}
    for check in (True, False, True, False):
        failed, result, dummy = run_module(vault_state.main, vault, check_mode=check, definition=doc, prune=True,
                                           prune_scope=['secrets'], **CONNECTION)
        assert not failed, result['msg']
    assert not result['changed']
    assert 'GET /users/current' not in emulator.calls() and 'GET /users' not in emulator.calls()
    # The export omits owners equal to the caller; not knowing the caller, it gives every owner (harmless to apply).
    failed, result, dummy = run_module(vault_state_info.main, vault, include=['chambers'], **CONNECTION)
    assert not failed, result['msg']
    chambers = result['definition']['chambers']
    assert [c['name'] for c in chambers] == ['C', 'Other']
    assert set(s.get('owner') for c in chambers for s in c['secrets']) == {'ops@vault.example'}
    failed, result, dummy = run_module(vault_state.main, vault, definition=result['definition'], **CONNECTION)
    assert not failed and not result['changed']


def test_work_that_needs_the_caller_names_the_missing_scope(emulator):
    vault = scoped_vault(emulator, 'Old')
    failed, result, text = run_module(vault_state.main, vault, definition={'chambers': []}, prune=True,
                                      prune_scope=['chambers'], **CONNECTION)
    assert failed and 'needs the ZohoVault.users.READ scope' in result['msg'] and 'Traceback' not in text
    assert emulator.writes() == {}


@pytest.mark.parametrize('definition', [
    5, 'not a document', '{"chambers": 5', ['chambers'], True, None, {'chambers': 5}, {'chambers': [5]}, {'chambers': ['Prod']},
    {'chambers': [{'name': 'C', 'secrets': 'x'}]}, {'chambers': [{'name': 'C', 'secrets': [7]}]}, {'groups': [{'name': 'g', 'members': {'a': 1}}]},
    {'users': {'email': 'a@b.test'}}, {'chambers': [{'name': 'C', 'secrets': [{'name': 's', 'shares': ['x']}]}]},
    {'chambers': [{'name': ['C']}]}, {5: []},
])
def test_a_definition_that_is_not_a_document_fails_in_one_line(emulator, vault, definition):
    failed, result, text = run_module(vault_state.main, vault, definition=definition, **CONNECTION)
    assert failed and 'Traceback' not in text and 'exception' not in result, result
    assert result['msg'] and '\n' not in result['msg'] and 'definition' in result['msg']
    assert emulator.writes() == {}


@pytest.fixture
def loose(emulator):
    """Secrets s-A and s-B in chambers A and B, and one in no chamber: its id."""
    for name in ('A', 'B'):
        emulator.seed_secret('s-' + name, emulator.seed_chamber(name)['chamberid'])
    return emulator.seed_secret('loose')


def test_a_secret_in_no_chamber_is_left_alone(emulator, vault, loose):
    """The contract lets a secret have ``chamberid: null``: export and plan around it, never touch it."""
    failed, result, dummy = run_module(vault_state_info.main, vault, include=['chambers'], **CONNECTION)
    assert not failed, result['msg']
    exported = result['definition']
    assert [[s['name'] for s in c['secrets']] for c in exported['chambers']] == [['s-A'], ['s-B']]
    assert result['counts']['secrets'] == 2
    for check in (True, False):
        failed, result, dummy = run_module(vault_state.main, vault, check_mode=check, definition=exported, prune=True,
                                           prune_scope=['secrets', 'chambers'], **CONNECTION)
        assert not failed and not result['changed'], result['msg']
    doc = {'chambers': [{'name': 'A', 'secrets': [{'name': 'loose'}]}]}
    failed, result, dummy = run_module(vault_state.main, vault, definition=doc, **CONNECTION)
    assert not failed and [p['action'] for p in result['plan']] == ['create'], result['msg']
    assert vault.secrets.get(loose)['chamberid'] is None and emulator.names('secrets') == ['loose', 'loose', 's-A', 's-B']


def test_two_groups_with_one_name(emulator, vault):
    emulator.create_user('ann@x.test')
    first, second = vault.groups.create({'groupname': 'Ops'}), vault.groups.create({'groupname': 'ops'})
    emulator.seed_secret('s', emulator.seed_chamber('C')['chamberid'])
    doc = {'chambers': [{'name': 'C', 'secrets': [{'name': 's', 'shares': {'groups': [{'name': 'Ops', 'permissions': ['READ']}]}}]}]}
    failed, result, text = run_module(vault_state.main, vault, definition=doc, **CONNECTION)
    assert failed and 'Traceback' not in text and emulator.writes() == {}
    assert first['groupid'] in result['msg'] and second['groupid'] in result['msg'] and '\n' not in result['msg']


def test_shapes_ansible_converts_are_still_accepted(emulator, vault):
    emulator.create_user('ann@x.test')
    doc = {'chambers': [{'name': 'C', 'secrets': [{'name': 's', 'shares': {'users': [{'email': 'ann@x.test', 'permissions': 'READ'}]}}]}]}
    failed, result, dummy = run_module(vault_state.main, vault, definition=json.dumps(doc), **CONNECTION)
    assert not failed and result['summary']['total'] == 3, result['msg']
