# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

from ansible_collections.zoho.vault.plugins.modules import chamber, chamber_info
from ansible_collections.zoho.vault.tests.unit.plugins.modules.directory_harness import FakeVault, run_module


def test_four_steps_with_diff():
    fake = FakeVault()
    args = dict(name='Prod', chamber_type='Shared', description='servers')
    failed, result = run_module(chamber.main, fake, check_mode=True, diff=True, **args)
    assert not failed and result['changed'] and fake.writes == []
    assert result['diff']['before'] == {} and result['diff']['after']['chambername'] == 'Prod'
    failed, result = run_module(chamber.main, fake, diff=True, **args)
    assert result['changed'] and result['chamber']['chamberid'] and len(fake.writes) == 1
    assert result['plan'][0]['action'] == 'create'
    for check_mode in (True, False):
        failed, result = run_module(chamber.main, fake, check_mode=check_mode, diff=True, **args)
        assert not failed and not result['changed'] and result['plan'] == []
        assert result['diff']['before'] == result['diff']['after']
    assert len(fake.writes) == 1


def test_delete_without_force_fails_one_line_and_changes_nothing():
    fake = FakeVault()
    c = fake.add_chamber('Prod')
    fake.add_secret(c['chamberid'], 'db')
    fake.add_secret(c['chamberid'], 'web')
    failed, result = run_module(chamber.main, fake, name='Prod', state='absent')
    assert failed and not result['changed']
    assert 'holds 2 secret(s)' in result['msg'] and '\n' not in result['msg']
    assert fake.writes == []


def test_name_or_id_required():
    failed, result = run_module(chamber.main, FakeVault(), description='x')
    assert failed and 'one of the following is required: name, chamber_id' in result['msg']


def test_wrong_type_is_refused_by_the_argspec():
    failed, result = run_module(chamber.main, FakeVault(), name='X', force='maybe')
    assert failed and 'force' in result['msg']
    failed, result = run_module(chamber.main, FakeVault(), name='X', chamber_type='Personal')
    assert failed and 'chamber_type' in result['msg']


def test_info_all_one_and_secrets():
    fake = FakeVault()
    c = fake.add_chamber('Prod')
    fake.add_chamber('Dev')
    fake.add_secret(c['chamberid'], 'db')
    failed, result = run_module(chamber_info.main, fake, check_mode=True)
    assert not failed and not result['changed'] and len(result['chambers']) == 2 and 'chamber' not in result
    failed, result = run_module(chamber_info.main, fake, name='prod', include_secrets=True)
    assert result['chamber']['chamberid'] == c['chamberid'] and result['chambers'] == [result['chamber']]
    assert [s['secretname'] for s in result['chamber']['secrets']] == ['db']
    failed, result = run_module(chamber_info.main, fake, chamber_id=c['chamberid'])
    assert result['chamber']['chambername'] == 'Prod'
    failed, result = run_module(chamber_info.main, fake, chamber_id='999999999999999999')
    assert not failed and result['chambers'] == [] and 'chamber' not in result
    failed, result = run_module(chamber_info.main, fake, name='a', chamber_id='1')
    assert failed and 'mutually exclusive' in result['msg']
    assert fake.writes == []
