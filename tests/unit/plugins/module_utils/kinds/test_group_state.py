# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


import pytest

from ansible_collections.zoho.vault.plugins.module_utils._errors import AmbiguousName, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._kinds.group import GroupState, view
from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.kinds.walk import new_state, run as run_kind


def spec(**kw):
    base = dict(name='DevOps', description=None, members=None, purge_members=False, state='present')
    base.update(kw)
    return base


def run(vault, check_mode=False, **kw):
    return run_kind(GroupState, vault, spec(**kw), check_mode)


@pytest.fixture
def directory(emulator, vault):
    """Three users; ``directory.group(name, members, description)`` seeds a group and forgets the seeding calls."""
    for email in ('alice@example.com', 'bob@example.com', 'carol@example.com'):
        vault.users.create({'emailid': email})

    class Directory:
        @staticmethod
        def group(name='DevOps', members=(), description=''):
            group = vault.groups.create({'groupname': name, 'description': description, 'members': list(members)})
            emulator.mark()
            return group

    emulator.mark()
    return Directory


def test_create_with_members_in_the_vaults_spelling(emulator, vault, directory):
    change, after = run(vault, description='ops', members=['ALICE@example.com', 'bob@example.com', 'alice@example.com'])
    assert change.action == 'create'
    assert emulator.sent_writes() == [('POST', '/groups', {'groupname': 'DevOps', 'description': 'ops',
                                                           'members': ['alice@example.com', 'bob@example.com']})]
    change = run(vault, description='ops', members=['bob@example.com', 'Alice@Example.com'])[0]
    assert change is None and len(emulator.sent_writes()) == 1


def test_members_are_added_and_none_removed_without_purge(emulator, vault, directory):
    group = directory.group(members=['alice@example.com', 'carol@example.com'])
    change, after = run(vault, members=['bob@example.com'])
    assert change.field_names == ['members']
    assert emulator.sent_writes() == [('POST', '/groups/%s/users' % group['groupid'], {'members': ['bob@example.com']})]
    assert sorted(after['members']) == ['alice@example.com', 'bob@example.com', 'carol@example.com']


def test_purge_makes_the_list_exact(emulator, vault, directory):
    group = directory.group(members=['alice@example.com', 'carol@example.com'])
    change, after = run(vault, members=['alice@example.com', 'bob@example.com'], purge_members=True)
    fields = change.as_dict()['fields']
    assert fields == [{'field': 'members', 'before': ['alice@example.com', 'carol@example.com'],
                       'after': ['alice@example.com', 'bob@example.com']}]
    assert emulator.sent_writes() == [('DELETE', '/groups/%s/users' % group['groupid'], {'members': ['carol@example.com']}),
                                      ('POST', '/groups/%s/users' % group['groupid'], {'members': ['bob@example.com']})]
    assert sorted(after['members']) == ['alice@example.com', 'bob@example.com']


def test_purge_with_empty_list_removes_everyone(emulator, vault, directory):
    group = directory.group(members=['alice@example.com'])
    change, after = run(vault, members=[], purge_members=True)
    assert change is not None and after['members'] == []
    assert emulator.sent_writes() == [('DELETE', '/groups/%s/users' % group['groupid'], {'members': ['alice@example.com']})]


def test_members_not_given_are_not_managed(emulator, vault, directory):
    directory.group(members=['alice@example.com'], description='d')
    change = run(vault, purge_members=True)[0]
    assert change is None and emulator.sent_writes() == []


def test_check_mode_predicts_members(emulator, vault, directory):
    directory.group(members=['alice@example.com'])
    change, after = run(vault, check_mode=True, members=['bob@example.com'], description='new')
    assert sorted(change.field_names) == ['description', 'members']
    assert after['members'] == ['alice@example.com', 'bob@example.com'] and after['description'] == 'new'
    assert emulator.sent_writes() == []


def test_members_that_are_not_users_are_all_named(emulator, vault, directory):
    with pytest.raises(ValidationError) as err:
        run(vault, members=['alice@example.com', 'ghost@example.com', 'nobody@example.com'])
    assert 'ghost@example.com, nobody@example.com' in str(err.value) and '2 member(s)' in str(err.value)
    assert emulator.sent_writes() == []


def test_description_update_only(emulator, vault, directory):
    group = directory.group(description='old')
    run(vault, description='new')
    assert emulator.sent_writes() == [('PUT', '/groups/%s' % group['groupid'], {'description': 'new'})]


def test_delete_and_absent_missing(emulator, vault, directory):
    group = directory.group()
    change, after = run(vault, state='absent', members=['ghost@example.com'])
    assert change.action == 'delete' and after is None
    assert emulator.sent_writes() == [('DELETE', '/groups/%s' % group['groupid'], {})]
    change = run(vault, state='absent')[0]
    assert change is None


def test_ambiguous_and_bad_name(vault, directory):
    directory.group('Ops')
    directory.group('ops')
    with pytest.raises(AmbiguousName):
        run(vault, name='OPS')
    with pytest.raises(ValidationError, match='name must be a non-empty string'):
        run(vault, name=' ')


def test_view_sorts_members_and_to_spec(vault, directory):
    group = directory.group(members=['bob@example.com', 'Alice@example.com'])
    assert view(group)['members'] == ['alice@example.com', 'bob@example.com']
    state = new_state(GroupState, vault)
    s = spec(purge_members=True, **state.to_spec(group))
    assert state.plan(group, state.desired(s), s) is None
