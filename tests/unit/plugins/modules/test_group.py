# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

from ansible_collections.zoho.vault.plugins.modules import group, group_info
from ansible_collections.zoho.vault.tests.unit.plugins.modules.directory_harness import FakeVault, run_module


def directory():
    fake = FakeVault()
    fake.add_user('alice@example.com')
    fake.add_user('bob@example.com')
    return fake


def test_four_steps_with_diff():
    fake = directory()
    args = dict(name='DevOps', description='ops', members=['bob@example.com', 'alice@example.com'])
    failed, result = run_module(group.main, fake, check_mode=True, diff=True, **args)
    assert not failed and result['changed'] and fake.writes == []
    assert result['diff']['after']['members'] == ['alice@example.com', 'bob@example.com']
    failed, result = run_module(group.main, fake, diff=True, **args)
    assert result['changed'] and len(fake.writes) == 1
    for check_mode in (True, False):
        failed, result = run_module(group.main, fake, check_mode=check_mode, diff=True, **args)
        assert not result['changed'] and result['diff']['before'] == result['diff']['after']
    assert len(fake.writes) == 1


def test_purge_diff_shows_removed_member():
    fake = directory()
    fake.add_group('DevOps', members=['alice@example.com', 'bob@example.com'])
    failed, result = run_module(group.main, fake, check_mode=True, diff=True, name='DevOps', members=['bob@example.com'],
                                purge_members=True)
    assert result['changed'] and result['diff']['before']['members'] == ['alice@example.com', 'bob@example.com']
    assert result['diff']['after']['members'] == ['bob@example.com'] and fake.writes == []


def test_members_not_users_fail_naming_them():
    fake = directory()
    failed, result = run_module(group.main, fake, name='DevOps', members=['alice@example.com', 'ghost@example.com'])
    assert failed and not result['changed'] and 'ghost@example.com' in result['msg'] and 'alice' not in result['msg']
    assert fake.writes == []


def test_wrong_types():
    failed, result = run_module(group.main, directory(), name='DevOps', purge_members='sometimes')
    assert failed and 'purge_members' in result['msg']
    failed, result = run_module(group.main, directory(), description='no name')
    assert failed and 'name' in result['msg']


def test_info():
    fake = directory()
    g = fake.add_group('DevOps', members=['alice@example.com'])
    fake.add_group('QA')
    failed, result = run_module(group_info.main, fake)
    assert not result['changed'] and len(result['groups']) == 2
    failed, result = run_module(group_info.main, fake, name='devops')
    assert result['group']['groupid'] == g['groupid'] and result['groups'] == [result['group']]
    failed, result = run_module(group_info.main, fake, name='nope')
    assert not failed and result['groups'] == [] and 'group' not in result


def test_a_failure_after_a_write_reports_changed():
    from ansible_collections.zoho.vault.plugins.module_utils._errors import ServerError
    from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.state import fake_directory

    fake = directory()
    fake.add_group('DevOps', description='old')

    def broken(self, group_id, emails):
        raise ServerError('service unavailable', status=503)

    original = fake_directory.FakeGroups.add_members
    fake_directory.FakeGroups.add_members = broken
    try:
        failed, result = run_module(group.main, fake, name='DevOps', description='new', members=['bob@example.com'])
    finally:
        fake_directory.FakeGroups.add_members = original
    assert failed and result['changed'] and 'HTTP 503' in result['msg']
    assert result['plan'][0]['action'] == 'update'
    failed, result = run_module(group.main, fake, name='DevOps', description='x', members=['ghost@example.com'])
    assert failed and not result['changed']


def test_two_groups_with_one_name_by_name_is_ambiguous_by_id_works():
    fake = directory()
    first, second = fake.add_group('DevOps'), fake.add_group('devops')
    failed, result = run_module(group.main, fake, name='DevOps', description='x')
    assert failed and first['groupid'] in result['msg'] and second['groupid'] in result['msg'] and fake.writes == []
    assert sorted(c['id'] for c in result['candidates']) == sorted([first['groupid'], second['groupid']])
    failed, result = run_module(group_info.main, fake, group_id=second['groupid'])
    assert not failed and result['group']['groupname'] == 'devops'
    failed, result = run_module(group_info.main, fake, name='DEVOPS')
    assert not failed and sorted(g['groupid'] for g in result['groups']) == sorted([first['groupid'], second['groupid']])
    assert 'group' not in result
