# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


import pytest

from ansible_collections.zoho.vault.plugins.modules import group, group_info
from ansible_collections.zoho.vault.tests.unit.plugins.modules.harness import run_module


@pytest.fixture
def directory(emulator, vault):
    """Two users; ``directory(name, members, description)`` seeds a group and forgets the seeding calls."""
    vault.users.create({'emailid': 'alice@example.com'})
    vault.users.create({'emailid': 'bob@example.com'})
    emulator.mark()

    def add_group(name, members=(), description=''):
        made = vault.groups.create({'groupname': name, 'members': list(members), 'description': description})
        emulator.mark()
        return made
    return add_group


def test_four_steps_with_diff(emulator, vault, directory):
    args = dict(name='DevOps', description='ops', members=['bob@example.com', 'alice@example.com'])
    failed, result, dummy = run_module(group.main, vault, check_mode=True, diff=True, **args)
    assert not failed and result['changed'] and emulator.writes() == {}
    assert result['diff']['after']['members'] == ['alice@example.com', 'bob@example.com']
    failed, result, dummy = run_module(group.main, vault, diff=True, **args)
    assert result['changed'] and emulator.writes() == {'POST /groups': 1}
    for check_mode in (True, False):
        failed, result, dummy = run_module(group.main, vault, check_mode=check_mode, diff=True, **args)
        assert not result['changed'] and result['diff']['before'] == result['diff']['after']
    assert emulator.writes() == {'POST /groups': 1}


def test_purge_diff_shows_removed_member(emulator, vault, directory):
    directory('DevOps', members=['alice@example.com', 'bob@example.com'])
    failed, result, dummy = run_module(group.main, vault, check_mode=True, diff=True, name='DevOps', members=['bob@example.com'],
                                       purge_members=True)
    assert result['changed'] and result['diff']['before']['members'] == ['alice@example.com', 'bob@example.com']
    assert result['diff']['after']['members'] == ['bob@example.com'] and emulator.writes() == {}


def test_members_not_users_fail_naming_them(emulator, vault, directory):
    failed, result, dummy = run_module(group.main, vault, name='DevOps', members=['alice@example.com', 'ghost@example.com'])
    assert failed and not result['changed'] and 'ghost@example.com' in result['msg'] and 'alice' not in result['msg']
    assert emulator.writes() == {}


def test_wrong_types(vault, directory):
    failed, result, dummy = run_module(group.main, vault, name='DevOps', purge_members='sometimes')
    assert failed and 'purge_members' in result['msg']
    failed, result, dummy = run_module(group.main, vault, description='no name')
    assert failed and 'name' in result['msg']


def test_info(vault, directory):
    devops = directory('DevOps', members=['alice@example.com'])
    directory('QA')
    failed, result, dummy = run_module(group_info.main, vault)
    assert not result['changed'] and len(result['groups']) == 2
    failed, result, dummy = run_module(group_info.main, vault, name='devops')
    assert result['group']['groupid'] == devops['groupid'] and result['groups'] == [result['group']]
    failed, result, dummy = run_module(group_info.main, vault, name='nope')
    assert not failed and result['groups'] == [] and 'group' not in result


def test_a_failure_after_a_write_reports_changed(emulator, vault, directory):
    directory('DevOps', description='old')
    emulator.add_fault(kind='status', status=503, count=1, method='POST', path='^/groups/[0-9]+/users$')
    failed, result, dummy = run_module(group.main, vault, name='DevOps', description='new', members=['bob@example.com'])
    assert failed and result['changed'] and 'HTTP 503' in result['msg']
    assert result['plan'][0]['action'] == 'update'
    failed, result, dummy = run_module(group.main, vault, name='DevOps', description='x', members=['ghost@example.com'])
    assert failed and not result['changed']


def test_two_groups_with_one_name_by_name_is_ambiguous_by_id_works(emulator, vault, directory):
    first, second = directory('DevOps'), directory('devops')
    failed, result, dummy = run_module(group.main, vault, name='DevOps', description='x')
    assert failed and first['groupid'] in result['msg'] and second['groupid'] in result['msg'] and emulator.writes() == {}
    assert sorted(c['id'] for c in result['candidates']) == sorted([first['groupid'], second['groupid']])
    failed, result, dummy = run_module(group_info.main, vault, group_id=second['groupid'])
    assert not failed and result['group']['groupname'] == 'devops'
    failed, result, dummy = run_module(group_info.main, vault, name='DEVOPS')
    assert not failed and sorted(g['groupid'] for g in result['groups']) == sorted([first['groupid'], second['groupid']])
    assert 'group' not in result
