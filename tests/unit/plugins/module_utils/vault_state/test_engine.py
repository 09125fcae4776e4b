# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The vault_state engine against the in-process emulator: bulk reads, plan, order, apply, prune scope, on_error."""


import json

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._vault_state.engine import Engine
from ansible_collections.zoho.vault.plugins.module_utils._vault_state.snapshot import KNOWN_AFTER_APPLY, Model, ModelVault, SnapshotMiss
from ansible_collections.zoho.vault.plugins.module_utils._vault_state.schema import Document
from ansible_collections.zoho.vault.plugins.module_utils._errors import AmbiguousName, Conflict, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._changes import REDACTED
from ansible_collections.zoho.vault.tests.unit.emulator import ADMIN_EMAIL

CANARY = 'Canary-Doc-0001!'
GENERATE = 'GET /password/generate'


def layout():
    return {
        'users': [{'email': ADMIN_EMAIL, 'role': 'Administrator'}, {'email': 'ann@x.test', 'role': 'User', 'first_name': 'Ann'}],
        'groups': [{'name': 'Ops', 'description': 'ops', 'members': ['ann@x.test']}],
        'chambers': [
            {'name': 'Prod', 'chamber_type': 'Shared', 'secrets': [
                {'name': 'db', 'username': 'dba', 'password': CANARY, 'custom_fields': {'port': 5432},
                 'shares': {'users': [{'email': 'ann@x.test', 'permissions': ['READ']}], 'groups': [{'name': 'Ops', 'permissions': ['READ', 'WRITE']}]}},
                {'name': 'web', 'generate_password': True}]},
            {'name': 'Dev', 'secrets': [{'name': 'key', 'notes': 'n'}]},
        ],
    }


def new_engine(vault, doc, check_mode=False, diff=False, **options):
    return Engine(vault, Document.from_params(doc, **options), check_mode=check_mode, diff=diff)


def run(vault, doc, check_mode=False, diff=False, on_error='stop', **options):
    engine = new_engine(vault, doc, check_mode=check_mode, diff=diff, **options)
    engine.load()
    engine.plan()
    if not check_mode:
        engine.apply(on_error)
    return engine.result()


def triples(result):
    return [(p['action'], p['kind'], p['name']) for p in result['plan']]


def find(emulator, kind, field, value):
    return next(o for o in emulator.objects(kind) if o[field] == value)


def test_check_mode_plans_everything_in_order_and_writes_nothing(emulator, vault):
    result = run(vault, layout(), check_mode=True, diff=True)
    assert emulator.writes() == {}
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


def test_apply_converges_and_a_no_change_run_only_lists(emulator, vault):
    first = run(vault, layout())
    calls = emulator.calls()
    assert first['changed'] and len(first['applied']) == 8 and first['failures'] == [] and first['not_applied'] == []
    assert emulator.names('chambers') == ['Dev', 'Prod'] and emulator.names('secrets') == ['db', 'key', 'web']
    prod = find(emulator, 'chambers', 'chambername', 'Prod')
    db = find(emulator, 'secrets', 'secretname', 'db')
    assert db['chamberid'] == prod['chamberid'] and db['password'] == CANARY and db['customfields'] == {'port': '5432'}
    shares = vault.shares.get(db['secretid'])
    assert [(u['emailid'], u['permissions']) for u in shares['users']] == [('ann@x.test', ['READ'])] and len(shares['groups']) == 1
    web = find(emulator, 'secrets', 'secretname', 'web')
    assert web['password'] and calls[GENERATE] == 1
    # a new chamber holds no secrets and a new secret no shares: no reads for them while applying
    assert not [c for c in calls if c in ('GET /chambers/{chamber_id}/secrets', 'GET /secrets/{secret_id}/shareinfo', 'GET /secrets/search')]
    emulator.mark()
    again = run(vault, layout(), update_password='on_create')
    assert again['changed'] is False and again['plan'] == [] and emulator.writes() == {}
    assert emulator.calls() == {'GET /chambers': 1, 'GET /groups': 1, 'GET /secrets': 1, 'GET /secrets/{secret_id}/shareinfo': 1,
                                'GET /users': 1}


def test_update_password_always_reads_a_declared_password_once_and_on_create_never(emulator, vault):
    run(vault, layout())
    emulator.mark()
    run(vault, layout(), check_mode=True)
    assert emulator.calls()['GET /secrets/{secret_id}/password'] == 1
    doc = layout()
    doc['chambers'][0]['secrets'][0]['password'] = CANARY + 'x'
    assert triples(run(vault, doc, check_mode=True, update_password='on_create')) == []
    changed = run(vault, doc, check_mode=True)
    assert triples(changed) == [('update', 'secret', 'Prod/db')]
    assert changed['plan'][0]['fields'] == [{'field': 'password', 'before': REDACTED, 'after': REDACTED}]


def test_objects_declared_absent_are_deleted_after_everything_else_in_reverse_order(emulator, vault):
    run(vault, layout())
    doc = layout()
    doc['users'][1]['state'] = 'absent'
    doc['groups'][0]['members'] = []
    del doc['chambers'][0]['secrets'][0]['shares']
    doc['chambers'][0]['secrets'][0]['state'] = 'absent'
    doc['chambers'][1].update(state='absent', force=True)
    doc['chambers'][1]['secrets'] = []
    doc['chambers'].append({'name': 'Extra', 'secrets': [{'name': 'one'}]})
    planned = run(vault, doc, check_mode=True)
    assert triples(planned) == [('create', 'chamber', 'Extra'), ('create', 'secret', 'Extra/one'),
                                ('delete', 'secret', 'Prod/db'), ('delete', 'chamber', 'Dev'), ('delete', 'user', 'ann@x.test')]
    assert planned['plan'][3]['reason'] == "state is absent; force deletes its 1 secret(s): 'key'"
    assert 'Prod/db' not in planned['ids']['secrets'] and 'Dev' not in planned['ids']['chambers']
    applied = run(vault, doc)
    assert applied['failures'] == [] and len(applied['applied']) == 5
    assert not [s for s in emulator.objects('secrets') if s['secretname'] in ('db', 'key')]
    assert [c['chambername'] for c in emulator.objects('chambers') if c['chambername'] in ('Dev', 'Extra')] == ['Extra']
    assert triples(run(vault, doc, check_mode=True)) == []


@pytest.mark.parametrize('change, message', [
    (lambda doc: doc['users'][1].update(state='absent'), "groups[0] (Ops) lists member(s) ann@x.test, whom the document declares absent"),
    (lambda doc: doc['chambers'][1].update(state='absent'), "chambers[1].secrets[0] (Dev/key) is present in a chamber the document declares absent"),
    (lambda doc: doc['groups'][0].update(state='absent'), "chambers[0].secrets[0] (Prod/db) is shared with Ops, declared absent"),
])
def test_nothing_present_may_need_what_the_document_deletes(emulator, vault, change, message):
    doc = layout()
    change(doc)
    with pytest.raises(ValidationError) as err:
        run(vault, doc, check_mode=True)
    assert str(err.value).startswith(message)


def test_protected_objects_are_never_deleted_and_the_plan_says_what_it_refused(emulator, vault):
    run(vault, layout())
    emulator.vault(ADMIN_EMAIL).secrets.create({'secretname': 'undeclared', 'chamberid': find(emulator, 'chambers', 'chambername', 'Prod')['chamberid']})
    doc = layout()
    doc['chambers'][0]['protected'] = True
    doc['chambers'][1]['secrets'][0].update(state='absent', protected=True)
    doc['groups'][0]['protected'] = True
    doc['groups'][0]['state'] = 'absent'
    del doc['chambers'][0]['secrets'][0]['shares']
    for check_mode in (True, False):
        result = run(vault, doc, check_mode=check_mode, prune=True)
        assert triples(result) == []
        assert result['refused'] == [
            {'action': 'delete', 'kind': 'secret', 'name': 'Dev/key', 'reason': 'state is absent, but it is protected'},
            {'action': 'delete', 'kind': 'group', 'name': 'Ops', 'reason': 'state is absent, but it is protected'},
            {'action': 'delete', 'kind': 'secret', 'name': 'Prod/undeclared', 'reason': "not in the document (prune), but chamber 'Prod' is protected"},
        ]
    assert {'undeclared', 'key'} <= {s['secretname'] for s in emulator.objects('secrets')}
    assert result['ids']['secrets']['Dev/key'] == find(emulator, 'secrets', 'secretname', 'key')['secretid']


def test_previous_name_renames_a_chamber_and_a_secret_in_place(emulator, vault):
    run(vault, layout())
    ids = {(o['secretname']): o['secretid'] for o in emulator.objects('secrets')}
    prod = find(emulator, 'chambers', 'chambername', 'Prod')['chamberid']
    doc = layout()
    doc['chambers'][0].update(name='Production', previous_name='Prod')
    doc['chambers'][0]['secrets'][0].update(name='database', previous_name='db')
    planned = run(vault, doc, check_mode=True, prune=True, prune_scope=['secrets', 'shares', 'chambers'])
    assert triples(planned) == [('update', 'chamber', 'Production'), ('update', 'secret', 'Production/database')]
    assert planned['plan'][0]['reason'] == "renamed from 'Prod' (previous_name); differs"
    assert planned['plan'][0]['fields'] == [{'field': 'chambername', 'before': 'Prod', 'after': 'Production'}]
    assert planned['ids']['chambers']['Production'] == prod and planned['ids']['secrets']['Production/database'] == ids['db']
    applied = run(vault, doc, prune=True, prune_scope=['secrets', 'shares', 'chambers'])
    assert applied['failures'] == []
    assert find(emulator, 'chambers', 'chamberid', prod)['chambername'] == 'Production'
    assert find(emulator, 'secrets', 'secretid', ids['db'])['secretname'] == 'database'
    assert triples(run(vault, doc, check_mode=True, prune=True, prune_scope=['secrets', 'shares', 'chambers'])) == []


def test_previous_name_is_refused_when_both_names_exist_or_it_names_a_declared_object(emulator, vault):
    run(vault, layout())
    doc = layout()
    doc['chambers'][1]['previous_name'] = 'Prod'
    with pytest.raises(ValidationError, match="previous_name 'Prod' names an object the document declares"):
        run(vault, doc, check_mode=True)
    emulator.vault(ADMIN_EMAIL).chambers.create({'chambername': 'Old'})
    doc = layout()
    doc['chambers'][1]['previous_name'] = 'Old'
    with pytest.raises(ValidationError, match="chamber 'Dev' and its previous_name 'Old' both exist"):
        run(vault, doc, check_mode=True)


def test_ids_of_every_declared_object_created_ones_included(emulator, vault):
    planned = run(vault, layout(), check_mode=True)
    assert planned['ids']['secrets'] == {'Prod/db': KNOWN_AFTER_APPLY, 'Prod/web': KNOWN_AFTER_APPLY, 'Dev/key': KNOWN_AFTER_APPLY}
    assert planned['ids']['users'][ADMIN_EMAIL] == find(emulator, 'users', 'emailid', ADMIN_EMAIL)['userid']
    applied = run(vault, layout())
    for label, name in (('Prod/db', 'db'), ('Prod/web', 'web'), ('Dev/key', 'key')):
        assert applied['ids']['secrets'][label] == find(emulator, 'secrets', 'secretname', name)['secretid']
    assert applied['ids']['chambers'] == {'Prod': find(emulator, 'chambers', 'chambername', 'Prod')['chamberid'],
                                          'Dev': find(emulator, 'chambers', 'chambername', 'Dev')['chamberid']}
    assert applied['ids']['groups'] == {'Ops': find(emulator, 'groups', 'groupname', 'Ops')['groupid']}
    assert run(vault, layout(), check_mode=True)['ids'] == applied['ids']


def test_on_exists_keep_seeds_once_and_fail_refuses_before_any_write(emulator, vault):
    run(vault, layout())
    db = find(emulator, 'secrets', 'secretname', 'db')['secretid']
    vault.secrets.update(db, {'username': 'changed by hand', 'password': CANARY + 'x'})
    doc = layout()
    doc['chambers'][0]['secrets'][0]['on_exists'] = 'keep'
    emulator.mark()
    assert triples(run(vault, doc)) == []
    assert 'GET /secrets/{secret_id}/password' not in emulator.calls() and emulator.writes() == {}
    doc['chambers'][0]['secrets'][0]['on_exists'] = 'fail'
    doc['chambers'][1]['secrets'].append({'name': 'new'})
    with pytest.raises(Conflict) as err:
        run(vault, doc)
    assert "(secret 'Prod/db'): secret 'db' exists already (id %s) and on_exists is fail" % db in str(err.value)
    assert emulator.writes() == {}


def test_drift_made_outside_is_reported_exactly(emulator, vault):
    run(vault, layout())
    vault.secrets.update(find(emulator, 'secrets', 'secretname', 'db')['secretid'], {'username': 'someone'})
    vault.users.update(find(emulator, 'users', 'emailid', 'ann@x.test')['userid'], {'role': 'Manager'})
    result = run(vault, layout(), check_mode=True, diff=True, update_password='on_create')
    assert triples(result) == [('update', 'user', 'ann@x.test'), ('update', 'secret', 'Prod/db')]
    assert result['plan'][1]['fields'] == [{'field': 'username', 'before': 'someone', 'after': 'dba'}]
    assert '-username: someone' not in result['diff'][1]['before'] and 'username: someone' in result['diff'][1]['before']


def test_prune_default_scope_stays_inside_declared_objects(emulator, vault):
    run(vault, layout())
    emulator.seed_secret('stray', find(emulator, 'chambers', 'chambername', 'Prod')['chamberid'])
    emulator.seed_secret('outside', emulator.seed_chamber('Other')['chamberid'])
    emulator.create_user('carl@x.test')
    vault.groups.create({'groupname': 'Temp'})
    ops = find(emulator, 'groups', 'groupname', 'Ops')
    vault.groups.add_members(ops['groupid'], ['carl@x.test'])
    db = find(emulator, 'secrets', 'secretname', 'db')
    vault.shares.share(db['secretid'], users=[{'emailid': 'carl@x.test', 'permissions': ['READ']}])
    plan = run(vault, layout(), check_mode=True, prune=True, update_password='on_create')
    assert triples(plan) == [('update', 'group', 'Ops'), ('update', 'share', 'Prod/db'), ('delete', 'secret', 'Prod/stray')]
    assert plan['plan'][2]['reason'] == 'not in the document (prune)'
    run(vault, layout(), prune=True, update_password='on_create')
    assert emulator.names('secrets') == ['db', 'key', 'outside', 'web']
    assert 'Temp' in emulator.names('groups') and 'carl@x.test' in emulator.names('users') and 'Other' in emulator.names('chambers')
    assert vault.groups.get(ops['groupid'])['members'] == ['ann@x.test']
    assert [u['emailid'] for u in vault.shares.get(db['secretid'])['users']] == ['ann@x.test']
    # without prune nothing is removed, listed members and shares are only added
    assert triples(run(vault, layout(), check_mode=True, update_password='on_create')) == []


def test_prune_of_chambers_groups_and_users_is_opt_in_and_bounded(emulator, vault):
    run(vault, layout())
    emulator.seed_chamber('Mine')
    emulator.vault('ann@x.test').chambers.create({'chambername': 'Theirs'})
    emulator.seed_chamber('Personal', chambertype='Personal')
    vault.groups.create({'groupname': 'Temp'})
    emulator.create_user('carl@x.test')
    scope = ['chambers', 'groups', 'users']
    limited = run(vault, layout(), check_mode=True, prune=True, prune_scope=scope, chambers=['Prod', 'Dev'], update_password='on_create')
    assert triples(limited) == [('delete', 'group', 'Temp'), ('delete', 'user', 'carl@x.test')]
    result = run(vault, layout(), prune=True, prune_scope=scope, update_password='on_create')
    assert triples(result) == [('delete', 'chamber', 'Mine'), ('delete', 'group', 'Temp'), ('delete', 'user', 'carl@x.test')]
    assert emulator.names('chambers') == ['Dev', 'Personal', 'Prod', 'Theirs']
    assert ADMIN_EMAIL in emulator.names('users')
    doc = layout()
    doc['users'] = [u for u in doc['users'] if u['email'] != ADMIN_EMAIL]
    assert triples(run(vault, doc, check_mode=True, prune=True, prune_scope=['users'], update_password='on_create')) == []


def test_a_pruned_chamber_goes_with_its_secrets_after_them_in_reverse_order(emulator, vault):
    run(vault, layout())
    emulator.seed_secret('a', emulator.seed_chamber('Gone')['chamberid'])
    result = run(vault, layout(), prune=True, prune_scope=['secrets', 'chambers'], update_password='on_create')
    assert triples(result) == [('delete', 'chamber', 'Gone')]
    assert 'force deletes its 1 secret' in result['plan'][0]['reason']
    assert 'Gone' not in emulator.names('chambers') and 'a' not in emulator.names('secrets')


def test_on_error_stop_leaves_the_rest_not_applied_and_a_rerun_converges(emulator, vault):
    emulator.add_fault(kind='status', status=500, count=1, method='POST', path='^/secrets$')
    result = run(vault, layout())
    statuses = [(p['name'], p['status']) for p in result['plan']]
    assert statuses[:4] == [('ann@x.test', 'applied'), ('Ops', 'applied'), ('Prod', 'applied'), ('Dev', 'applied')]
    assert statuses[4:] == [('Prod/db', 'failed'), ('Prod/web', 'not applied'), ('Dev/key', 'not applied'), ('Prod/db', 'not applied')]
    assert result['changed'] is True and len(result['applied']) == 4 and len(result['not_applied']) == 3
    assert [f['change'] for f in result['failures']] == ["create secret 'Prod/db': does not exist"]
    assert result['failures'][0]['error'].startswith('POST /secrets: HTTP 500')
    assert result['plan'][4]['error'] == result['failures'][0]['error']
    rerun = run(vault, layout())
    assert triples(rerun) == [('create', 'secret', 'Prod/db'), ('create', 'secret', 'Prod/web'), ('create', 'secret', 'Dev/key'),
                              ('update', 'share', 'Prod/db')]
    assert rerun['failures'] == [] and triples(run(vault, layout(), update_password='on_create')) == []
    assert emulator.names('secrets') == ['db', 'key', 'web']


def test_on_error_continue_skips_only_what_depends_on_the_failure(emulator, vault):
    # The plan creates Prod before Dev: the first chamber create fails.
    emulator.add_fault(kind='status', status=500, count=1, method='POST', path='^/chambers$')
    result = run(vault, layout(), on_error='continue')
    statuses = dict(((p['kind'], p['name']), p['status']) for p in result['plan'])
    assert statuses[('chamber', 'Prod')] == 'failed' and statuses[('chamber', 'Dev')] == 'applied'
    assert statuses[('secret', 'Prod/db')] == 'skipped' and statuses[('secret', 'Prod/web')] == 'skipped'
    assert statuses[('share', 'Prod/db')] == 'skipped' and statuses[('secret', 'Dev/key')] == 'applied'
    skipped = next(p for p in result['plan'] if p['name'] == 'Prod/db' and p['kind'] == 'secret')
    assert skipped['error'] == "skipped: chamber 'Prod' was not applied"
    assert emulator.names('secrets') == ['key']


def test_planning_errors_name_the_object_and_write_nothing(emulator, vault):
    doc = {'groups': [{'name': 'g', 'members': ['ghost@x.test']}], 'chambers': [{'name': 'C'}]}
    with pytest.raises(ValidationError) as err:
        run(vault, doc)
    assert str(err.value).startswith("groups[0] (group 'g'): 1 member(s) are not users of the vault: ghost@x.test")
    assert emulator.writes() == {}
    emulator.vault('x@x.test').chambers.create({'chambername': 'Twin'})
    emulator.vault('y@x.test').chambers.create({'chambername': 'Twin'})
    with pytest.raises(AmbiguousName):
        run(vault, {'chambers': [{'name': 'Twin'}]}, check_mode=True)


def test_members_may_be_users_that_the_same_document_creates(emulator, vault):
    doc = {'users': [{'email': 'new@x.test'}], 'groups': [{'name': 'G', 'members': ['NEW@x.test']}]}
    plan = run(vault, doc, check_mode=True)
    assert triples(plan) == [('create', 'user', 'new@x.test'), ('create', 'group', 'G')]
    run(vault, doc)
    assert find(emulator, 'groups', 'groupname', 'G')['members'] == ['new@x.test']


def test_model_vault_answers_reads_from_one_list_call_each(emulator, vault):
    chamber = emulator.seed_chamber('C')
    emulator.seed_secret('s', chamber['chamberid'])
    model = ModelVault(Model(vault))
    for _unused in range(3):
        assert model.chambers.resolve('c')['chamberid'] == chamber['chamberid']
        assert [s['secretname'] for s in model.secrets.find('S', chamber['chamberid'])] == ['s']
        assert model.users.list()[0]['emailid'] == ADMIN_EMAIL
    assert emulator.calls() == {'GET /chambers': 1, 'GET /chambers/{chamber_id}/secrets': 1, 'GET /users': 1}
    model.secrets.delete  # writes are the real ones  # pylint: disable=pointless-statement
    assert model.generator is not None and model.client is vault.client


def test_the_chambers_limit_reads_only_those_chambers_secrets(emulator, vault):
    run(vault, layout())
    emulator.seed_secret('x', emulator.seed_chamber('Other')['chamberid'])
    result = run(vault, layout(), check_mode=True, prune=True, chambers=['Dev'], update_password='on_create')
    assert triples(result) == []
    assert emulator.calls() == {'GET /chambers': 1, 'GET /chambers/{chamber_id}/secrets': 1, 'GET /groups': 1, 'GET /users': 1}
    dev = find(emulator, 'chambers', 'chambername', 'Dev')['chamberid']
    assert [path for method, path, data in emulator.sent if path.endswith('/secrets')] == ['/chambers/%s/secrets' % dev]


def test_the_plan_works_on_a_copy_of_the_model(emulator, vault):
    engine = new_engine(vault, layout(), check_mode=True)
    engine.load()
    engine.plan()
    assert [u['emailid'] for u in engine.snapshot.users] == [ADMIN_EMAIL]
    assert engine.snapshot.chambers == [] and emulator.writes() == {}


@pytest.mark.parametrize('read', [
    lambda v: v.chambers.get('1'),
    lambda v: v.secrets.get('1'),
    lambda v: v.secrets.search(searchtext='db'),
    lambda v: v.users.get('1'),
    lambda v: v.groups.get('1'),
    lambda v: v.emergency.requests(),
    lambda v: v.export.secrets(),
])
def test_the_snapshot_serves_only_its_reads_and_refuses_the_rest_loudly(emulator, vault, read):
    """A read the snapshot does not cover must not go to the live API behind the plan's back."""
    model = ModelVault(Model(vault))
    with pytest.raises(SnapshotMiss) as info:
        read(model)
    assert 'internal error' in str(info.value) and 'snapshot' in str(info.value)
    assert emulator.calls() == {}


def test_the_snapshot_passes_writes_password_reads_and_the_generator_through(emulator, vault):
    chamber = emulator.seed_chamber('C')
    sid = emulator.seed_secret('s', chamber['chamberid'], password=CANARY)
    model = ModelVault(Model(vault))
    assert model.secrets.get_password(sid) == CANARY
    assert model.generator.generate(length=12)
    model.chambers.update(chamber['chamberid'], {'description': 'd'})
    assert [(method, path) for method, path, data in emulator.sent] == [
        ('GET', '/secrets/%s/password' % sid), ('GET', '/password/generate'), ('PUT', '/chambers/%s' % chamber['chamberid'])]
    assert [s['secretname'] for s in model.chambers.secrets(chamber['chamberid'])] == ['s']
