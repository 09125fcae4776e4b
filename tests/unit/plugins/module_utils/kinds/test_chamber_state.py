# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


import pytest

from ansible_collections.zoho.vault.plugins.module_utils._errors import AmbiguousName, NotFound, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._kinds.chamber import ChamberState, view
from ansible_collections.zoho.vault.tests.unit.emulator import ADMIN_EMAIL
from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.kinds.walk import new_state, run as run_kind


def spec(**kw):
    base = dict(name=None, chamber_id=None, chamber_type=None, description=None, force=False, state='present')
    base.update(kw)
    return base


def run(vault, check_mode=False, **kw):
    return run_kind(ChamberState, vault, spec(**kw), check_mode)


def chamber(emulator, vault, name, chambertype='Custom', description=''):
    made = vault.chambers.create({'chambername': name, 'chambertype': chambertype, 'description': description})
    emulator.mark()
    return made


def test_create_then_nothing_to_do(emulator, vault):
    change, after = run(vault, name='Prod', chamber_type='Shared', description='servers')
    assert change.action == 'create' and change.kind == 'chamber'
    assert sorted(change.field_names) == ['chambername', 'chambertype', 'description']
    assert after['chambername'] == 'Prod' and after['chamberid']
    assert emulator.sent_writes() == [('POST', '/chambers', {'chambername': 'Prod', 'chambertype': 'Shared', 'description': 'servers'})]
    change, after = run(vault, name='prod', chamber_type='Shared', description='servers')
    assert change is None
    assert len(emulator.sent_writes()) == 1


def test_check_mode_predicts_and_writes_nothing(emulator, vault):
    change, after = run(vault, check_mode=True, name='Prod', description='x')
    assert change.action == 'create'
    assert after == {'chamberid': None, 'chambertype': 'Custom', 'chambername': 'Prod', 'description': 'x'}
    assert emulator.sent_writes() == []


def test_unmanaged_fields_are_left_alone(emulator, vault):
    chamber(emulator, vault, 'Prod', chambertype='Shared', description='keep me')
    change = run(vault, name='Prod')[0]
    assert change is None and emulator.sent_writes() == []


def test_update_sends_only_changed_fields(emulator, vault):
    made = chamber(emulator, vault, 'Prod', chambertype='Custom', description='old')
    change, after = run(vault, name='Prod', chamber_type='Custom', description='new')
    assert change.action == 'update' and change.field_names == ['description']
    assert emulator.sent_writes() == [('PUT', '/chambers/%s' % made['chamberid'], {'description': 'new'})]
    assert after['description'] == 'new'


def test_rename_by_id(emulator, vault):
    made = chamber(emulator, vault, 'Prod')
    change, after = run(vault, chamber_id=made['chamberid'], name='Production')
    assert change.action == 'update' and change.field_names == ['chambername']
    assert change.object_id == made['chamberid']
    assert after['chambername'] == 'Production'


def test_unknown_id_is_an_error_for_present_and_nothing_for_absent(emulator, vault):
    with pytest.raises(NotFound, match='no chamber with id 123456789012345678'):
        run(vault, chamber_id='123456789012345678', name='X')
    change = run(vault, chamber_id='123456789012345678', state='absent')[0]
    assert change is None and emulator.sent_writes() == []


def test_delete_refused_with_secrets_and_says_how_many(emulator, vault):
    made = vault.chambers.create({'chambername': 'Prod'})
    for n in range(3):
        vault.secrets.create({'secretname': 's%d' % n, 'password': 'Initial-pw1', 'chamberid': made['chamberid']})
    emulator.mark()
    with pytest.raises(ValidationError) as err:
        run(vault, name='Prod', state='absent')
    assert 'holds 3 secret(s)' in str(err.value) and 'force: true' in str(err.value)
    assert emulator.sent_writes() == []


def test_delete_with_force_reports_the_secrets(emulator, vault):
    made = vault.chambers.create({'chambername': 'Prod'})
    vault.secrets.create({'secretname': 'db', 'password': 'Initial-pw1', 'chamberid': made['chamberid']})
    emulator.mark()
    change, after = run(vault, name='Prod', state='absent', force=True)
    assert change.action == 'delete' and '1 secret(s)' in change.reason
    assert after is None
    assert emulator.calls() == {'GET /chambers': 1, 'GET /chambers/{chamber_id}/secrets': 1, 'DELETE /chambers/{chamber_id}': 1}
    assert emulator.names('chambers') == [] and emulator.names('secrets') == []


def test_delete_when_secrets_cannot_be_listed_leaves_it_to_the_api(emulator):
    # Without the secrets scope the chamber's secrets cannot be counted: the API decides at delete time.
    vault = emulator.vault('ops@example.com', role='Administrator', scopes=['ZohoVault.chambers.ALL'])
    vault.chambers.create({'chambername': 'Prod'})
    emulator.mark()
    change = run(vault, name='Prod', state='absent', check_mode=True)[0]
    assert change.action == 'delete' and emulator.sent_writes() == []


def test_absent_and_missing_is_no_change(vault):
    change, after = run(vault, name='Nope', state='absent')
    assert change is None and after is None


def test_same_name_prefers_the_callers_own(emulator, vault):
    emulator.vault('bob@example.com').chambers.create({'chambername': 'Team', 'chambertype': 'Shared'})
    mine = chamber(emulator, vault, 'Team')
    change, after = run(vault, name='team', check_mode=True)
    assert change is None and after['chamberid'] == mine['chamberid']


def test_same_name_of_others_is_ambiguous(emulator, vault):
    emulator.vault('bob@example.com').chambers.create({'chambername': 'Team'})
    emulator.vault('carol@example.com').chambers.create({'chambername': 'Team'})
    with pytest.raises(AmbiguousName, match='2 chambers are named'):
        run(vault, name='Team')


@pytest.mark.parametrize('kw, message', [
    (dict(name='X', chamber_type='Personal'), 'chamber_type must be one of Shared, Custom'),
    (dict(name='  '), 'name must not be empty'),
])
def test_bad_input(vault, kw, message):
    with pytest.raises(ValidationError, match=message):
        run(vault, **kw)


def test_plan_works_on_a_listed_object_and_to_spec_round_trips(emulator, vault):
    made = chamber(emulator, vault, 'Prod', chambertype='Shared', description='d')
    state = new_state(ChamberState, vault)
    listed = vault.chambers.list()[0]
    s = spec(**state.to_spec(listed))
    assert s['name'] == 'Prod' and s['chamber_type'] == 'Shared'
    assert state.plan(listed, state.desired(s), s) is None
    assert view(made) == {'chamberid': made['chamberid'], 'chambername': 'Prod', 'chambertype': 'Shared', 'description': 'd',
                          'owner': ADMIN_EMAIL}
