# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The vault_state engine against an in-memory vault: bulk reads, plan, order, apply, prune scope, on_error."""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import json

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._document.engine import Engine
from ansible_collections.zoho.vault.plugins.module_utils._document.model import KNOWN_AFTER_APPLY, Model, ModelVault, SnapshotMiss
from ansible_collections.zoho.vault.plugins.module_utils._document.schema import Document
from ansible_collections.zoho.vault.plugins.module_utils._errors import AmbiguousName, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._reconcile import REDACTED
from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.document.fake_vault import FakeVault

CANARY = 'Canary-Doc-0001!'


def layout():
    return {
        'users': [{'email': 'admin@vault.test', 'role': 'Administrator'}, {'email': 'ann@x.test', 'role': 'User', 'first_name': 'Ann'}],
        'groups': [{'name': 'Ops', 'description': 'ops', 'members': ['ann@x.test']}],
        'chambers': [
            {'name': 'Prod', 'chamber_type': 'Shared', 'secrets': [
                {'name': 'db', 'username': 'dba', 'password': CANARY, 'custom_fields': {'port': 5432},
                 'shares': {'users': [{'email': 'ann@x.test', 'permissions': ['READ']}], 'groups': [{'name': 'Ops', 'permissions': ['READ', 'WRITE']}]}},
                {'name': 'web', 'generate_password': True}]},
            {'name': 'Dev', 'secrets': [{'name': 'key', 'notes': 'n'}]},
        ],
    }


def run(fake, doc, check_mode=False, diff=False, on_error='stop', **options):
    engine = Engine(fake.facade(), Document.from_params(doc, **options), check_mode=check_mode, diff=diff)
    engine.load()
    engine.plan()
    if not check_mode:
        engine.apply(on_error)
    return engine.result()


def triples(result):
    return [(p['action'], p['kind'], p['name']) for p in result['plan']]


def test_check_mode_plans_everything_in_order_and_writes_nothing():
    fake = FakeVault()
    result = run(fake, layout(), check_mode=True, diff=True)
    assert fake.writes == []
    assert triples(result) == [
        ('create', 'user', 'ann@x.test'), ('create', 'group', 'Ops'), ('create', 'chamber', 'Prod'), ('create', 'chamber', 'Dev'),
        ('create', 'secret', 'Prod/db'), ('create', 'secret', 'Prod/web'), ('create', 'secret', 'Dev/key'), ('update', 'share', 'Prod/db')]
    assert result['changed'] is True and result['summary']['total'] == 8
    assert set(p['status'] for p in result['plan']) == {'planned'}
    assert 'applied' not in result
    db = result['plan'][4]
    assert {'field': 'chamberid', 'before': None, 'after': KNOWN_AFTER_APPLY} in db['fields']
    assert {'field': 'password', 'before': None, 'after': REDACTED} in db['fields']
    assert CANARY not in json.dumps(result)
    assert len(result['diff']) == 8 and 'chamberid: (known after apply)' in result['diff'][4]['after']


def test_apply_converges_and_a_no_change_run_only_lists():
    fake = FakeVault()
    first = run(fake, layout())
    assert first['changed'] and len(first['applied']) == 8 and first['failures'] == [] and first['not_applied'] == []
    assert fake.names('chambers') == ['Dev', 'Prod'] and fake.names('secrets') == ['db', 'key', 'web']
    prod = next(c for c in fake.chambers.values() if c['chambername'] == 'Prod')
    db = next(s for s in fake.secrets.values() if s['secretname'] == 'db')
    assert db['chamberid'] == prod['chamberid'] and db['password'] == CANARY and db['customfields'] == {'port': '5432'}
    assert db['shares']['users'] == {'ann@x.test': ['READ']} and len(db['shares']['groups']) == 1
    web = next(s for s in fake.secrets.values() if s['secretname'] == 'web')
    assert web['password'].startswith('Generated-')
    # a new chamber holds no secrets and a new secret no shares: no reads for them while applying
    assert not [r for r in fake.reads if r[0] in ('chambers.secrets', 'shares.get', 'secrets.find')]
    del fake.reads[:]
    del fake.writes[:]
    again = run(fake, layout(), update_password='on_create')
    assert again['changed'] is False and again['plan'] == [] and fake.writes == []
    assert sorted(r[0] for r in fake.reads) == ['chambers.list', 'groups.list', 'secrets.list', 'shares.get', 'users.list']


def test_update_password_always_reads_a_declared_password_once_and_on_create_never():
    fake = FakeVault()
    run(fake, layout())
    del fake.reads[:]
    run(fake, layout(), check_mode=True)
    assert [r for r in fake.reads if r[0] == 'secrets.get_password'] and len([r for r in fake.reads if r[0] == 'secrets.get_password']) == 1
    doc = layout()
    doc['chambers'][0]['secrets'][0]['password'] = CANARY + 'x'
    assert triples(run(fake, doc, check_mode=True, update_password='on_create')) == []
    changed = run(fake, doc, check_mode=True)
    assert triples(changed) == [('update', 'secret', 'Prod/db')]
    assert changed['plan'][0]['fields'] == [{'field': 'password', 'before': REDACTED, 'after': REDACTED}]


def test_drift_made_outside_is_reported_exactly():
    fake = FakeVault()
    run(fake, layout())
    db = next(s for s in fake.secrets.values() if s['secretname'] == 'db')
    db['username'] = 'someone'
    ann = next(u for u in fake.users.values() if u['emailid'] == 'ann@x.test')
    ann['role'] = 'Manager'
    result = run(fake, layout(), check_mode=True, diff=True, update_password='on_create')
    assert triples(result) == [('update', 'user', 'ann@x.test'), ('update', 'secret', 'Prod/db')]
    assert result['plan'][1]['fields'] == [{'field': 'username', 'before': 'someone', 'after': 'dba'}]
    assert '-username: someone' not in result['diff'][1]['before'] and 'username: someone' in result['diff'][1]['before']


def test_prune_default_scope_stays_inside_declared_objects():
    fake = FakeVault()
    run(fake, layout())
    prod = next(c for c in fake.chambers.values() if c['chambername'] == 'Prod')
    fake.add_secret(prod, 'stray')
    other = fake.add_chamber('Other')
    fake.add_secret(other, 'outside')
    carl = fake.add_user('carl@x.test')
    fake.add_group('Temp')
    ops = next(g for g in fake.groups.values() if g['groupname'] == 'Ops')
    ops['members'].append(carl['emailid'])
    db = next(s for s in fake.secrets.values() if s['secretname'] == 'db')
    db['shares']['users']['carl@x.test'] = ['READ']
    plan = run(fake, layout(), check_mode=True, prune=True, update_password='on_create')
    assert triples(plan) == [('update', 'group', 'Ops'), ('update', 'share', 'Prod/db'), ('delete', 'secret', 'Prod/stray')]
    assert plan['plan'][2]['reason'] == 'not in the document (prune)'
    run(fake, layout(), prune=True, update_password='on_create')
    assert fake.names('secrets') == ['db', 'key', 'outside', 'web']
    assert 'Temp' in fake.names('groups') and 'carl@x.test' in fake.names('users') and 'Other' in fake.names('chambers')
    assert ops['members'] == ['ann@x.test'] and db['shares']['users'] == {'ann@x.test': ['READ']}
    # without prune nothing is removed, listed members and shares are only added
    assert triples(run(fake, layout(), check_mode=True, update_password='on_create')) == []


def test_prune_of_chambers_groups_and_users_is_opt_in_and_bounded():
    fake = FakeVault()
    run(fake, layout())
    fake.add_chamber('Mine')
    fake.add_chamber('Theirs', owner='ann@x.test')
    fake.add_chamber('Personal', chambertype='Personal')
    fake.add_group('Temp')
    fake.add_user('carl@x.test')
    scope = ['chambers', 'groups', 'users']
    limited = run(fake, layout(), check_mode=True, prune=True, prune_scope=scope, chambers=['Prod', 'Dev'], update_password='on_create')
    assert triples(limited) == [('delete', 'group', 'Temp'), ('delete', 'user', 'carl@x.test')]
    result = run(fake, layout(), prune=True, prune_scope=scope, update_password='on_create')
    assert triples(result) == [('delete', 'chamber', 'Mine'), ('delete', 'group', 'Temp'), ('delete', 'user', 'carl@x.test')]
    assert fake.names('chambers') == ['Dev', 'Personal', 'Prod', 'Theirs']
    assert 'admin@vault.test' in fake.names('users')
    doc = layout()
    doc['users'] = [u for u in doc['users'] if u['email'] != 'admin@vault.test']
    assert triples(run(fake, doc, check_mode=True, prune=True, prune_scope=['users'], update_password='on_create')) == []


def test_a_pruned_chamber_goes_with_its_secrets_after_them_in_reverse_order():
    fake = FakeVault()
    run(fake, layout())
    gone = fake.add_chamber('Gone')
    fake.add_secret(gone, 'a')
    result = run(fake, layout(), prune=True, prune_scope=['secrets', 'chambers'], update_password='on_create')
    assert triples(result) == [('delete', 'chamber', 'Gone')]
    assert 'force deletes its 1 secret' in result['plan'][0]['reason']
    assert 'Gone' not in fake.names('chambers') and 'a' not in fake.names('secrets')


def test_on_error_stop_leaves_the_rest_not_applied_and_a_rerun_converges():
    fake = FakeVault()
    fake.fail('secrets.create', name='db')
    result = run(fake, layout())
    statuses = [(p['name'], p['status']) for p in result['plan']]
    assert statuses[:4] == [('ann@x.test', 'applied'), ('Ops', 'applied'), ('Prod', 'applied'), ('Dev', 'applied')]
    assert statuses[4:] == [('Prod/db', 'failed'), ('Prod/web', 'not applied'), ('Dev/key', 'not applied'), ('Prod/db', 'not applied')]
    assert result['changed'] is True and len(result['applied']) == 4 and len(result['not_applied']) == 3
    assert [f['change'] for f in result['failures']] == ["create secret 'Prod/db': does not exist"]
    assert result['failures'][0]['error'].startswith('POST /secrets: HTTP 500 - boom')
    assert result['plan'][4]['error'] == result['failures'][0]['error']
    rerun = run(fake, layout())
    assert triples(rerun) == [('create', 'secret', 'Prod/db'), ('create', 'secret', 'Prod/web'), ('create', 'secret', 'Dev/key'),
                              ('update', 'share', 'Prod/db')]
    assert rerun['failures'] == [] and triples(run(fake, layout(), update_password='on_create')) == []
    assert fake.names('secrets') == ['db', 'key', 'web']


def test_on_error_continue_skips_only_what_depends_on_the_failure():
    fake = FakeVault()
    fake.fail('chambers.create', name='Prod')
    result = run(fake, layout(), on_error='continue')
    statuses = dict(((p['kind'], p['name']), p['status']) for p in result['plan'])
    assert statuses[('chamber', 'Prod')] == 'failed' and statuses[('chamber', 'Dev')] == 'applied'
    assert statuses[('secret', 'Prod/db')] == 'skipped' and statuses[('secret', 'Prod/web')] == 'skipped'
    assert statuses[('share', 'Prod/db')] == 'skipped' and statuses[('secret', 'Dev/key')] == 'applied'
    skipped = next(p for p in result['plan'] if p['name'] == 'Prod/db' and p['kind'] == 'secret')
    assert skipped['error'] == "skipped: chamber 'Prod' was not applied"
    assert fake.names('secrets') == ['key']


def test_planning_errors_name_the_object_and_write_nothing():
    fake = FakeVault()
    doc = {'groups': [{'name': 'g', 'members': ['ghost@x.test']}], 'chambers': [{'name': 'C'}]}
    with pytest.raises(ValidationError) as err:
        run(fake, doc)
    assert str(err.value).startswith("groups[0] (group 'g'): 1 member(s) are not users of the vault: ghost@x.test")
    assert fake.writes == []
    fake.add_chamber('Twin', owner='x@x.test')
    fake.add_chamber('Twin', owner='y@x.test')
    with pytest.raises(AmbiguousName):
        run(fake, {'chambers': [{'name': 'Twin'}]}, check_mode=True)


def test_members_may_be_users_that_the_same_document_creates():
    fake = FakeVault()
    doc = {'users': [{'email': 'new@x.test'}], 'groups': [{'name': 'G', 'members': ['NEW@x.test']}]}
    plan = run(fake, doc, check_mode=True)
    assert triples(plan) == [('create', 'user', 'new@x.test'), ('create', 'group', 'G')]
    run(fake, doc)
    assert next(iter(g for g in fake.groups.values()))['members'] == ['new@x.test']


def test_model_vault_answers_reads_from_one_list_call_each():
    fake = FakeVault()
    chamber = fake.add_chamber('C')
    fake.add_secret(chamber, 's')
    vault = ModelVault(Model(fake.facade()))
    for _unused in range(3):
        assert vault.chambers.resolve('c')['chamberid'] == chamber['chamberid']
        assert [s['secretname'] for s in vault.secrets.find('S', chamber['chamberid'])] == ['s']
        assert vault.users.list()[0]['emailid'] == 'admin@vault.test'
    assert sorted(r[0] for r in fake.reads) == ['chambers.list', 'chambers.secrets', 'users.list']
    vault.secrets.delete  # writes are the real ones  # pylint: disable=pointless-statement
    assert vault.generator is not None and vault.client is fake.client


def test_the_chambers_limit_reads_only_those_chambers_secrets():
    fake = FakeVault()
    run(fake, layout())
    other = fake.add_chamber('Other')
    fake.add_secret(other, 'x')
    del fake.reads[:]
    result = run(fake, layout(), check_mode=True, prune=True, chambers=['Dev'], update_password='on_create')
    assert triples(result) == []
    assert sorted(r[0] for r in fake.reads) == ['chambers.list', 'chambers.secrets', 'groups.list', 'users.list']
    dev = next(c['chamberid'] for c in fake.chambers.values() if c['chambername'] == 'Dev')
    assert [r[1] for r in fake.reads if r[0] == 'chambers.secrets'] == [dev]


def test_the_plan_works_on_a_copy_of_the_model():
    fake = FakeVault()
    engine = Engine(fake.facade(), Document.from_params(layout()), check_mode=True)
    engine.load()
    engine.plan()
    assert [u['emailid'] for u in engine.snapshot.users] == ['admin@vault.test']
    assert engine.snapshot.chambers == [] and fake.writes == []


@pytest.mark.parametrize('read', [
    lambda v: v.chambers.get('1'),
    lambda v: v.secrets.get('1'),
    lambda v: v.secrets.search(searchtext='db'),
    lambda v: v.users.get('1'),
    lambda v: v.groups.get('1'),
    lambda v: v.emergency.requests(),
    lambda v: v.export.secrets(),
])
def test_the_snapshot_serves_only_its_reads_and_refuses_the_rest_loudly(read):
    """A read the snapshot does not cover must not go to the live API behind the plan's back."""
    fake = FakeVault()
    vault = ModelVault(Model(fake.facade()))
    with pytest.raises(SnapshotMiss) as info:
        read(vault)
    assert 'internal error' in str(info.value) and 'snapshot' in str(info.value)
    assert fake.reads == []


def test_the_snapshot_passes_writes_password_reads_and_the_generator_through():
    fake = FakeVault()
    chamber = fake.add_chamber('C')
    secret = fake.add_secret(chamber, 's', password=CANARY)
    vault = ModelVault(Model(fake.facade()))
    assert vault.secrets.get_password(secret['secretid']) == CANARY
    assert vault.generator.generate(length=12)
    vault.chambers.update(chamber['chamberid'], {'description': 'd'})
    assert [w[0] for w in fake.writes] == ['generator.generate', 'chambers.update']
    assert [s['secretname'] for s in vault.chambers.secrets(chamber['chamberid'])] == ['s']
