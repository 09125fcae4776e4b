# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


from ansible_collections.zoho.vault.plugins.modules import chamber, chamber_info
from ansible_collections.zoho.vault.tests.unit.plugins.modules.harness import run_module


def seed(emulator, vault, chambers=('Prod',), secrets=()):
    """Chambers by name, and secrets in the first one; the seeding calls are forgotten."""
    made = [vault.chambers.create({'chambername': name}) for name in chambers]
    for name in secrets:
        vault.secrets.create({'secretname': name, 'password': 'Initial-pw1', 'chamberid': made[0]['chamberid']})
    emulator.mark()
    return made


def test_four_steps_with_diff(emulator, vault):
    args = dict(name='Prod', chamber_type='Shared', description='servers')
    failed, result, dummy = run_module(chamber.main, vault, check_mode=True, diff=True, **args)
    assert not failed and result['changed'] and emulator.writes() == {}
    assert result['diff']['before'] == {} and result['diff']['after']['chambername'] == 'Prod'
    failed, result, dummy = run_module(chamber.main, vault, diff=True, **args)
    assert result['changed'] and result['chamber']['chamberid'] and emulator.writes() == {'POST /chambers': 1}
    assert result['plan'][0]['action'] == 'create'
    for check_mode in (True, False):
        failed, result, dummy = run_module(chamber.main, vault, check_mode=check_mode, diff=True, **args)
        assert not failed and not result['changed'] and result['plan'] == []
        assert result['diff']['before'] == result['diff']['after']
    assert emulator.writes() == {'POST /chambers': 1}


def test_delete_without_force_fails_one_line_and_changes_nothing(emulator, vault):
    seed(emulator, vault, secrets=('db', 'web'))
    failed, result, dummy = run_module(chamber.main, vault, name='Prod', state='absent')
    assert failed and not result['changed']
    assert 'holds 2 secret(s)' in result['msg'] and '\n' not in result['msg']
    assert emulator.writes() == {} and emulator.names('chambers') == ['Prod']


def test_name_or_id_required(vault):
    failed, result, dummy = run_module(chamber.main, vault, description='x')
    assert failed and 'one of the following is required: name, chamber_id' in result['msg']


def test_wrong_type_is_refused_by_the_argspec(vault):
    failed, result, dummy = run_module(chamber.main, vault, name='X', force='maybe')
    assert failed and 'force' in result['msg']
    failed, result, dummy = run_module(chamber.main, vault, name='X', chamber_type='Personal')
    assert failed and 'chamber_type' in result['msg']


def test_info_all_one_and_secrets(emulator, vault):
    prod = seed(emulator, vault, chambers=('Prod', 'Dev'), secrets=('db',))[0]
    failed, result, dummy = run_module(chamber_info.main, vault, check_mode=True)
    assert not failed and not result['changed'] and len(result['chambers']) == 2 and 'chamber' not in result
    failed, result, dummy = run_module(chamber_info.main, vault, name='prod', include_secrets=True)
    assert result['chamber']['chamberid'] == prod['chamberid'] and result['chambers'] == [result['chamber']]
    assert [s['secretname'] for s in result['chamber']['secrets']] == ['db']
    failed, result, dummy = run_module(chamber_info.main, vault, chamber_id=prod['chamberid'])
    assert result['chamber']['chambername'] == 'Prod'
    failed, result, dummy = run_module(chamber_info.main, vault, chamber_id='999999999999999999')
    assert not failed and result['chambers'] == [] and 'chamber' not in result
    failed, result, dummy = run_module(chamber_info.main, vault, name='a', chamber_id='1')
    assert failed and 'mutually exclusive' in result['msg']
    assert emulator.writes() == {}
