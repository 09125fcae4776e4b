# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._errors import AmbiguousName, NotFound, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._state.chamber import ChamberState, view
from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.state.fake_directory import FakeVault, vault_facade


def spec(**kw):
    base = dict(name=None, chamber_id=None, chamber_type=None, description=None, force=False, state='present')
    base.update(kw)
    return base


def run(fake, check_mode=False, **kw):
    state = ChamberState(vault_facade(fake))
    s = spec(**kw)
    desired = state.desired(s)
    current = state.read(s)
    change = state.plan(current, desired, s)
    if change is None or check_mode:
        return change, state.predict(change, current, desired, s)
    return change, state.apply(change, current, desired, s)


def test_create_then_nothing_to_do():
    fake = FakeVault()
    change, after = run(fake, name='Prod', chamber_type='Shared', description='servers')
    assert change.action == 'create' and change.kind == 'chamber'
    assert sorted(change.field_names) == ['chambername', 'chambertype', 'description']
    assert after['chambername'] == 'Prod' and after['chamberid']
    assert [w[0] for w in fake.writes] == ['chambers.create']
    assert fake.writes[0][1] == {'chambername': 'Prod', 'chambertype': 'Shared', 'description': 'servers'}
    change, after = run(fake, name='prod', chamber_type='Shared', description='servers')
    assert change is None
    assert len(fake.writes) == 1


def test_check_mode_predicts_and_writes_nothing():
    fake = FakeVault()
    change, after = run(fake, check_mode=True, name='Prod', description='x')
    assert change.action == 'create'
    assert after == {'chamberid': None, 'chambertype': 'Custom', 'chambername': 'Prod', 'description': 'x'}
    assert fake.writes == []


def test_unmanaged_fields_are_left_alone():
    fake = FakeVault()
    fake.add_chamber('Prod', chambertype='Shared', description='keep me')
    change = run(fake, name='Prod')[0]
    assert change is None and fake.writes == []


def test_update_sends_only_changed_fields():
    fake = FakeVault()
    chamber = fake.add_chamber('Prod', chambertype='Custom', description='old')
    change, after = run(fake, name='Prod', chamber_type='Custom', description='new')
    assert change.action == 'update' and change.field_names == ['description']
    assert fake.writes == [('chambers.update', chamber['chamberid'], {'description': 'new'})]
    assert after['description'] == 'new'


def test_rename_by_id():
    fake = FakeVault()
    chamber = fake.add_chamber('Prod')
    change, after = run(fake, chamber_id=chamber['chamberid'], name='Production')
    assert change.action == 'update' and change.field_names == ['chambername']
    assert change.object_id == chamber['chamberid']
    assert after['chambername'] == 'Production'


def test_unknown_id_is_an_error_for_present_and_nothing_for_absent():
    fake = FakeVault()
    with pytest.raises(NotFound, match='no chamber with id 123456789012345678'):
        run(fake, chamber_id='123456789012345678', name='X')
    change = run(fake, chamber_id='123456789012345678', state='absent')[0]
    assert change is None and fake.writes == []


def test_delete_refused_with_secrets_and_says_how_many():
    fake = FakeVault()
    chamber = fake.add_chamber('Prod')
    for n in range(3):
        fake.add_secret(chamber['chamberid'], 's%d' % n)
    with pytest.raises(ValidationError) as err:
        run(fake, name='Prod', state='absent')
    assert 'holds 3 secret(s)' in str(err.value) and 'force: true' in str(err.value)
    assert fake.writes == []


def test_delete_with_force_reports_the_secrets():
    fake = FakeVault()
    chamber = fake.add_chamber('Prod')
    fake.add_secret(chamber['chamberid'], 'db')
    change, after = run(fake, name='Prod', state='absent', force=True)
    assert change.action == 'delete' and '1 secret(s)' in change.reason
    assert after is None
    assert fake.writes == [('chambers.delete', chamber['chamberid'], True)]


def test_delete_when_secrets_cannot_be_listed_leaves_it_to_the_api():
    fake = FakeVault()
    fake.add_chamber('Prod')
    fake.deny_secret_listing = True
    change = run(fake, name='Prod', state='absent', check_mode=True)[0]
    assert change.action == 'delete' and fake.writes == []


def test_absent_and_missing_is_no_change():
    fake = FakeVault()
    change, after = run(fake, name='Nope', state='absent')
    assert change is None and after is None


def test_same_name_prefers_the_callers_own():
    fake = FakeVault()
    fake.add_user('bob@example.com')
    fake.add_chamber('Team', owner='bob@example.com', chambertype='Shared')
    mine = fake.add_chamber('Team')
    change, after = run(fake, name='team', check_mode=True)
    assert change is None and after['chamberid'] == mine['chamberid']


def test_same_name_of_others_is_ambiguous():
    fake = FakeVault()
    fake.add_chamber('Team', owner='bob@example.com')
    fake.add_chamber('Team', owner='carol@example.com')
    with pytest.raises(AmbiguousName, match='2 chambers are named'):
        run(fake, name='Team')


@pytest.mark.parametrize('kw, message', [
    (dict(name='X', chamber_type='Personal'), 'chamber_type must be one of Shared, Custom'),
    (dict(name='  '), 'name must not be empty'),
])
def test_bad_input(kw, message):
    with pytest.raises(ValidationError, match=message):
        run(FakeVault(), **kw)


def test_plan_works_on_a_listed_object_and_to_spec_round_trips():
    fake = FakeVault()
    chamber = fake.add_chamber('Prod', chambertype='Shared', description='d')
    state = ChamberState(vault_facade(fake))
    listed = vault_facade(fake).chambers.list()[0]
    s = spec(**state.to_spec(listed))
    assert s['name'] == 'Prod' and s['chamber_type'] == 'Shared'
    assert state.plan(listed, state.desired(s), s) is None
    assert view(chamber) == {'chamberid': chamber['chamberid'], 'chambername': 'Prod', 'chambertype': 'Shared', 'description': 'd',
                             'owner': 'admin@vault.example'}
