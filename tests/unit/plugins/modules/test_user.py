# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


from ansible_collections.zoho.vault.plugins.modules import user, user_info
from ansible_collections.zoho.vault.tests.unit.emulator import ADMIN_EMAIL
from ansible_collections.zoho.vault.tests.unit.plugins.modules.harness import run_module


def test_four_steps_with_diff(emulator, vault):
    args = dict(email='alice@example.com', role='Manager', first_name='Alice', last_name='Liddell')
    failed, result, dummy = run_module(user.main, vault, check_mode=True, diff=True, **args)
    assert not failed and result['changed'] and emulator.writes() == {}
    assert result['diff']['after']['role'] == 'Manager'
    failed, result, dummy = run_module(user.main, vault, diff=True, **args)
    assert result['changed'] and result['user']['userid']
    for check_mode in (True, False):
        failed, result, dummy = run_module(user.main, vault, check_mode=check_mode, diff=True, **args)
        assert not result['changed']
    assert emulator.writes() == {'POST /users': 1}


def test_bad_role_and_email(emulator, vault):
    failed, result, dummy = run_module(user.main, vault, email='a@example.com', role='Boss')
    assert failed and 'role' in result['msg']
    failed, result, dummy = run_module(user.main, vault, email='not-an-email')
    assert failed and 'email must be an email address' in result['msg'] and not result['changed']
    assert emulator.writes() == {}


def test_info_all_one_current(emulator, vault):
    vault.users.create({'emailid': 'alice@example.com', 'role': 'Manager'})
    emulator.mark()
    failed, result, dummy = run_module(user_info.main, vault)
    assert len(result['users']) == 2 and 'user' not in result
    failed, result, dummy = run_module(user_info.main, vault, email='ALICE@example.com')
    assert result['user']['role'] == 'Manager' and result['users'] == [result['user']]
    failed, result, dummy = run_module(user_info.main, vault, current=True)
    assert result['user']['emailid'] == ADMIN_EMAIL
    failed, result, dummy = run_module(user_info.main, vault, email='ghost@example.com')
    assert not failed and result['users'] == []
    assert emulator.writes() == {}


def test_info_by_id_gets_that_user_alone(emulator, vault):
    alice = vault.users.create({'emailid': 'alice@example.com', 'role': 'Manager'})
    emulator.mark()
    failed, result, dummy = run_module(user_info.main, vault, user_id=alice['userid'])
    assert not failed and result['user']['emailid'] == 'alice@example.com' and result['users'] == [result['user']]
    assert emulator.calls() == {'GET /users/{user_id}': 1}
    failed, result, dummy = run_module(user_info.main, vault, user_id='123456000000999999')
    assert not failed and result['users'] == [] and 'user' not in result
    failed, result, dummy = run_module(user_info.main, vault, user_id=alice['userid'], email='alice@example.com')
    assert failed and 'mutually exclusive' in result['msg']
