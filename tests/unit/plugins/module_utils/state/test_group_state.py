# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._errors import AmbiguousName, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._state.group import GroupState, view
from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.state.fake_directory import FakeVault, vault_facade


def spec(**kw):
    base = dict(name='DevOps', description=None, members=None, purge_members=False, state='present')
    base.update(kw)
    return base


def run(fake, check_mode=False, **kw):
    state = GroupState(vault_facade(fake))
    s = spec(**kw)
    desired = state.desired(s)
    current = state.read(s)
    change = state.plan(current, desired, s)
    if change is None or check_mode:
        return change, state.predict(change, current, desired, s)
    return change, state.apply(change, current, desired, s)


@pytest.fixture
def fake():
    vault = FakeVault()
    for email in ('alice@example.com', 'bob@example.com', 'carol@example.com'):
        vault.add_user(email)
    return vault


def test_create_with_members_in_the_vaults_spelling(fake):
    change, after = run(fake, description='ops', members=['ALICE@example.com', 'bob@example.com', 'alice@example.com'])
    assert change.action == 'create'
    assert fake.writes == [('groups.create', {'groupname': 'DevOps', 'description': 'ops',
                                              'members': ['alice@example.com', 'bob@example.com']})]
    change = run(fake, description='ops', members=['bob@example.com', 'Alice@Example.com'])[0]
    assert change is None and len(fake.writes) == 1


def test_members_are_added_and_none_removed_without_purge(fake):
    group = fake.add_group('DevOps', members=['alice@example.com', 'carol@example.com'])
    change, after = run(fake, members=['bob@example.com'])
    assert change.field_names == ['members']
    assert fake.writes == [('groups.add_members', group['groupid'], ['bob@example.com'])]
    assert sorted(after['members']) == ['alice@example.com', 'bob@example.com', 'carol@example.com']


def test_purge_makes_the_list_exact(fake):
    group = fake.add_group('DevOps', members=['alice@example.com', 'carol@example.com'])
    change, after = run(fake, members=['alice@example.com', 'bob@example.com'], purge_members=True)
    fields = change.as_dict()['fields']
    assert fields == [{'field': 'members', 'before': ['alice@example.com', 'carol@example.com'],
                       'after': ['alice@example.com', 'bob@example.com']}]
    assert fake.writes == [('groups.remove_members', group['groupid'], ['carol@example.com']),
                           ('groups.add_members', group['groupid'], ['bob@example.com'])]
    assert sorted(after['members']) == ['alice@example.com', 'bob@example.com']


def test_purge_with_empty_list_removes_everyone(fake):
    group = fake.add_group('DevOps', members=['alice@example.com'])
    change, after = run(fake, members=[], purge_members=True)
    assert change is not None and after['members'] == []
    assert fake.writes == [('groups.remove_members', group['groupid'], ['alice@example.com'])]


def test_members_not_given_are_not_managed(fake):
    fake.add_group('DevOps', members=['alice@example.com'], description='d')
    change = run(fake, purge_members=True)[0]
    assert change is None and fake.writes == []


def test_check_mode_predicts_members(fake):
    fake.add_group('DevOps', members=['alice@example.com'])
    change, after = run(fake, check_mode=True, members=['bob@example.com'], description='new')
    assert sorted(change.field_names) == ['description', 'members']
    assert after['members'] == ['alice@example.com', 'bob@example.com'] and after['description'] == 'new'
    assert fake.writes == []


def test_members_that_are_not_users_are_all_named(fake):
    with pytest.raises(ValidationError) as err:
        run(fake, members=['alice@example.com', 'ghost@example.com', 'nobody@example.com'])
    assert 'ghost@example.com, nobody@example.com' in str(err.value) and '2 member(s)' in str(err.value)
    assert fake.writes == []


def test_description_update_only(fake):
    group = fake.add_group('DevOps', description='old')
    change = run(fake, description='new')[0]
    assert fake.writes == [('groups.update', group['groupid'], {'description': 'new'})]


def test_delete_and_absent_missing(fake):
    group = fake.add_group('DevOps')
    change, after = run(fake, state='absent', members=['ghost@example.com'])
    assert change.action == 'delete' and after is None
    assert fake.writes == [('groups.delete', group['groupid'])]
    change = run(fake, state='absent')[0]
    assert change is None


def test_ambiguous_and_bad_name(fake):
    fake.add_group('Ops')
    fake.add_group('ops')
    with pytest.raises(AmbiguousName):
        run(fake, name='OPS')
    with pytest.raises(ValidationError, match='name must be a non-empty string'):
        run(fake, name=' ')


def test_view_sorts_members_and_to_spec(fake):
    group = fake.add_group('DevOps', members=['bob@example.com', 'Alice@example.com'])
    assert view(group)['members'] == ['Alice@example.com', 'bob@example.com']
    state = GroupState(vault_facade(fake))
    s = spec(purge_members=True, **state.to_spec(group))
    assert state.plan(group, state.desired(s), s) is None
