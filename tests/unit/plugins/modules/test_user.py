# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

from ansible_collections.zoho.vault.plugins.modules import user, user_info
from ansible_collections.zoho.vault.tests.unit.plugins.modules.directory_harness import FakeVault, run_module


def test_four_steps_with_diff():
    fake = FakeVault()
    args = dict(email='alice@example.com', role='Manager', first_name='Alice', last_name='Liddell')
    failed, result = run_module(user.main, fake, check_mode=True, diff=True, **args)
    assert not failed and result['changed'] and fake.writes == []
    assert result['diff']['after']['role'] == 'Manager'
    failed, result = run_module(user.main, fake, diff=True, **args)
    assert result['changed'] and result['user']['userid']
    for check_mode in (True, False):
        failed, result = run_module(user.main, fake, check_mode=check_mode, diff=True, **args)
        assert not result['changed']
    assert len(fake.writes) == 1


def test_bad_role_and_email():
    failed, result = run_module(user.main, FakeVault(), email='a@example.com', role='Boss')
    assert failed and 'role' in result['msg']
    failed, result = run_module(user.main, FakeVault(), email='not-an-email')
    assert failed and 'email must be an email address' in result['msg'] and not result['changed']


def test_info_all_one_current():
    fake = FakeVault()
    fake.add_user('alice@example.com', role='Manager')
    failed, result = run_module(user_info.main, fake)
    assert len(result['users']) == 2 and 'user' not in result
    failed, result = run_module(user_info.main, fake, email='ALICE@example.com')
    assert result['user']['role'] == 'Manager' and result['users'] == [result['user']]
    failed, result = run_module(user_info.main, fake, current=True)
    assert result['user']['emailid'] == 'admin@vault.example'
    failed, result = run_module(user_info.main, fake, email='ghost@example.com')
    assert not failed and result['users'] == []
    assert fake.writes == []


def test_info_by_id_gets_that_user_alone():
    fake = FakeVault()
    alice = fake.add_user('alice@example.com', role='Manager')
    failed, result = run_module(user_info.main, fake, user_id=alice['userid'])
    assert not failed and result['user']['emailid'] == 'alice@example.com' and result['users'] == [result['user']]
    assert fake.reads == [('users.get', alice['userid'])]
    failed, result = run_module(user_info.main, fake, user_id='123456000000999999')
    assert not failed and result['users'] == [] and 'user' not in result
    failed, result = run_module(user_info.main, fake, user_id=alice['userid'], email='alice@example.com')
    assert failed and 'mutually exclusive' in result['msg']
