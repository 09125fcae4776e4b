# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


import json

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._errors import AmbiguousName, Conflict, NotFound, PermissionDenied, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._changes import REDACTED
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret import GENERATED, SecretState
from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.kinds.walk import new_state, walk

CANARY = 'Canary-Pw-0001!'
GENERATE = 'GET /password/generate'


def spec(**kw):
    base = dict(state='present', secret_id=None, name=None, chamber=None, url=None, username=None, password=None,
                update_password='always', generate_password=False, regenerate_password=False, password_policy=None,
                notes=None, custom_fields=None, purge_custom_fields=False, secret_type=None, owner=None, on_exists='update')
    base.update(kw)
    return base


def run(vault, check_mode=False, **kw):
    return walk(SecretState, vault, spec(**kw), check_mode)


def no_canary(*objects):
    text = json.dumps([o.as_dict() if hasattr(o, 'as_dict') else o for o in objects], default=str)
    return CANARY not in text


def test_create_in_chamber_by_name_then_nothing_to_do(emulator, vault):
    cid = emulator.seed_chamber('Prod')['chamberid']
    change, after, state, dummy = run(vault, name='db', chamber='Prod', username='u', password=CANARY, custom_fields={'port': 5432})
    assert change.action == 'create'
    assert change.field_names == ['chamberid', 'customfields', 'password', 'secretname', 'username']
    assert emulator.sent_writes() == [('POST', '/secrets', {'secretname': 'db', 'chamberid': cid, 'username': 'u', 'password': CANARY,
                                                            'customfields': {'port': '5432'}})]
    assert 'password' not in after and after['chamberid'] == cid
    assert no_canary(change, after, state.diff(None, after, change))
    assert CANARY in vault.client.secret_values()
    change, after, dummy, dummy = run(vault, name='DB', chamber='prod', username='u', password=CANARY, custom_fields={'port': '5432'})
    assert change is None
    assert len(emulator.sent_writes()) == 1


def test_lookup_by_name_is_one_search_call_not_a_list(emulator, vault):
    cid = emulator.seed_chamber('Prod')['chamberid']
    emulator.seed_secret('db', cid)
    run(vault, name='db', chamber=cid, notes='')
    assert emulator.calls() == {'GET /secrets/search': 1}


def test_check_mode_writes_nothing_and_predicts(emulator, vault):
    change, after, dummy, dummy = run(vault, check_mode=True, name='db', password=CANARY, notes='n')
    assert change.action == 'create'
    assert emulator.writes() == {}
    assert after['secretname'] == 'db' and after['notes'] == 'n' and 'password' not in after


def test_password_always_compares_and_writes_only_when_different(emulator, vault):
    sid = emulator.seed_secret('db', password=CANARY)
    change, dummy, dummy, dummy = run(vault, name='db', password=CANARY)
    assert change is None
    assert emulator.calls()['GET /secrets/{secret_id}/password'] == 1
    change, dummy, state, current = run(vault, name='db', password='Other-Pw-0002!')
    assert change.field_names == ['password'] and change.reason == 'password differs'
    assert emulator.sent_writes() == [('PUT', '/secrets/%s' % sid, {'password': 'Other-Pw-0002!'})]
    shown = change.as_dict()
    assert shown['fields'] == [{'field': 'password', 'before': REDACTED, 'after': REDACTED}]
    d = state.diff(current, vault.secrets.get(sid), change)
    assert d['before']['password'] == REDACTED and d['after']['password'] == REDACTED + ' (changed)'
    assert no_canary(shown, d)


def test_on_create_never_reads_or_writes_an_existing_password(emulator, vault):
    emulator.seed_secret('db', password=CANARY)
    change, dummy, dummy, dummy = run(vault, name='db', password='Different-1', update_password='on_create')
    assert change is None
    assert 'GET /secrets/{secret_id}/password' not in emulator.calls() and emulator.writes() == {}


def test_on_exists_keep_creates_once_and_then_neither_reads_nor_writes(emulator, vault):
    change, dummy, dummy, dummy = run(vault, name='seeded', username='u', password=CANARY, on_exists='keep')
    assert change.action == 'create'
    emulator.mark()
    change, dummy, dummy, dummy = run(vault, name='seeded', username='changed', password='Different-1', notes='x', on_exists='keep')
    assert change is None
    assert 'GET /secrets/{secret_id}/password' not in emulator.calls() and emulator.writes() == {}


@pytest.mark.parametrize('check_mode', [True, False])
def test_on_exists_fail_refuses_an_existing_secret_without_writing(emulator, vault, check_mode):
    sid = emulator.seed_secret('seeded', password=CANARY)
    with pytest.raises(Conflict) as info:
        run(vault, check_mode=check_mode, name='seeded', password='Different-1', on_exists='fail')
    assert str(info.value) == ("secret 'seeded' exists already (id %s) and on_exists is fail. Use on_exists: keep to leave an "
                               "existing secret as it is, or update to manage it" % sid)
    assert emulator.writes() == {} and CANARY not in str(info.value)
    change, dummy, dummy, dummy = run(vault, name='new one', on_exists='fail')
    assert change.action == 'create'


def test_generate_only_on_create_and_never_in_check_mode(emulator, vault):
    change, dummy, dummy, dummy = run(vault, check_mode=True, name='gen', generate_password=True, password_policy={'length': 16})
    assert change.action == 'create' and GENERATE not in emulator.calls()
    assert change.as_dict()['fields'][0] == {'field': 'password', 'before': None, 'after': REDACTED}
    change, after, state, dummy = run(vault, name='gen', generate_password=True, password_policy={'length': 16})
    assert emulator.calls()[GENERATE] == 1 and len(state.password_written) == 16
    assert state.password_written in vault.client.secret_values()
    assert emulator.password(after['secretid']) == state.password_written
    change, dummy, dummy, dummy = run(vault, name='gen', generate_password=True, password_policy={'length': 16})
    assert change is None and emulator.calls()[GENERATE] == 1


def test_regenerate_rotates_every_run(emulator, vault):
    sid = emulator.seed_secret('gen', password=CANARY)
    change, dummy, state, dummy = run(vault, name='gen', generate_password=True, regenerate_password=True)
    assert change.field_names == ['password'] and emulator.calls()[GENERATE] == 1
    assert emulator.password(sid) == state.password_written != CANARY
    change, dummy, dummy, dummy = run(vault, name='gen', generate_password=True, regenerate_password=True)
    assert change is not None and emulator.calls()[GENERATE] == 2


@pytest.mark.parametrize('kw, message', [
    (dict(name='x', password='p' * 8, generate_password=True), 'mutually exclusive'),
    (dict(name='x', regenerate_password=True), 'needs generate_password'),
    (dict(name='x', generate_password=True, regenerate_password=True, update_password='on_create'), 'contradicts'),
    (dict(name='x', password_policy={'size': 3}), 'unknown password_policy'),
    (dict(name='x', custom_fields={'a': {'b': 1}}), 'custom field'),
    (dict(name='x', custom_fields='a=b'), 'custom_fields must be a dictionary'),
    (dict(name=' '), 'name must not be empty'),
    (dict(name='x', secret_type='Bogus'), 'secret_type must be one of'),
])
def test_bad_specs(emulator, vault, kw, message):
    with pytest.raises(ValidationError, match=message):
        new_state(SecretState, vault).desired(spec(**kw))
    assert emulator.calls() == {}


def test_unknown_chamber_and_ambiguous_name(emulator, vault):
    a, b = emulator.seed_chamber('A')['chamberid'], emulator.seed_chamber('B')['chamberid']
    emulator.seed_secret('twin', a)
    emulator.seed_secret('twin', b)
    with pytest.raises(NotFound, match="no chamber named 'C'"):
        run(vault, name='twin', chamber='C')
    change, after, dummy, dummy = run(vault, name='twin', chamber='C', state='absent')
    assert change is None and after is None
    with pytest.raises(AmbiguousName) as info:
        run(vault, name='twin', notes='x')
    assert len(info.value.candidates) == 2
    change, dummy, dummy, dummy = run(vault, name='twin', chamber='A', notes='x')
    assert change.action == 'update' and vault.secrets.get(change.object_id)['chamberid'] == a


def test_unknown_secret_id_is_an_error_when_present_and_nothing_when_absent(vault):
    with pytest.raises(NotFound, match='leave secret_id out'):
        run(vault, secret_id='999999999999999999', notes='x')
    change, after, dummy, dummy = run(vault, secret_id='999999999999999999', state='absent')
    assert change is None and after is None


def test_custom_fields_merge_and_purge(emulator, vault):
    sid = emulator.seed_secret('db', customfields={'a': '1', 'b': '2'})

    def fields():
        return vault.secrets.get(sid)['customfields']
    run(vault, name='db', custom_fields={'c': 3})
    assert fields() == {'a': '1', 'b': '2', 'c': '3'}
    change, dummy, dummy, dummy = run(vault, name='db', custom_fields={'a': '1'})
    assert change is None
    run(vault, name='db', custom_fields={'a': '1'}, purge_custom_fields=True)
    assert fields() == {'a': '1'}
    run(vault, name='db', purge_custom_fields=True)
    assert fields() == {}


def test_rename_and_move_by_id(emulator, vault):
    a, b = emulator.seed_chamber('A')['chamberid'], emulator.seed_chamber('B')['chamberid']
    sid = emulator.seed_secret('old', a)
    change, after, dummy, dummy = run(vault, secret_id=sid, name='new', chamber='B')
    assert change.field_names == ['chamberid', 'secretname']
    assert after['secretname'] == 'new' and after['chamberid'] == b


def test_owner_transfer_once(emulator, vault):
    emulator.create_user('bob@example.test')
    sid = emulator.seed_secret('db')
    change, after, dummy, dummy = run(vault, name='db', owner='bob@example.test')
    assert change.field_names == ['owner']
    assert emulator.sent_writes() == [('POST', '/secrets/%s/transferownership' % sid, {'emailid': 'bob@example.test'})]
    assert after['owner'] == 'bob@example.test'
    change, dummy, dummy, dummy = run(vault, name='db', owner='BOB@example.test')
    assert change is None


def test_create_with_owner_creates_then_transfers(emulator, vault):
    emulator.create_user('bob@example.test')
    change, after, dummy, dummy = run(vault, name='db', owner='bob@example.test', password=CANARY)
    writes = emulator.sent_writes()
    assert [(w[0], w[1].rsplit('/', 1)[-1]) for w in writes] == [('POST', 'secrets'), ('POST', 'transferownership')]
    assert 'owner' not in writes[0][2]
    assert after['owner'] == 'bob@example.test'


def test_delete_and_read_only_permission_error(emulator, vault):
    sid = emulator.seed_secret('db', notes='orig')
    emulator.create_user('reader@example.test')
    vault.shares.share(sid, users=[{'emailid': 'reader@example.test', 'permissions': ['READ']}])
    reader = emulator.vault('reader@example.test')
    with pytest.raises(PermissionDenied):
        run(reader, name='db', notes='changed')
    with pytest.raises(PermissionDenied):
        run(reader, name='db', state='absent')
    assert vault.secrets.get(sid)['notes'] == 'orig'
    change, after, state, current = run(vault, name='db', state='absent')
    assert change.action == 'delete' and after is None and emulator.names('secrets') == []
    d = state.diff(current, after, change)
    assert d['after'] == {} and d['before']['secretname'] == 'db'


def test_plan_works_with_a_current_from_a_bulk_list(emulator, vault):
    sid = emulator.seed_secret('db', notes='a')
    state = new_state(SecretState, vault)
    listed = vault.secrets.list()
    s = spec(name='db', notes='b')
    change = state.plan(listed[0], state.desired(s), s)
    assert change.object_id == sid and change.field_names == ['notes']


def test_to_spec_round_trip(emulator, vault):
    cid = emulator.seed_chamber('A')['chamberid']
    sid = emulator.seed_secret('db', cid, notes='n', customfields={'k': 'v'}, secrettype='Database')
    state = new_state(SecretState, vault)
    s = spec(**state.to_spec(vault.secrets.get(sid)))
    assert state.plan(state.read(s), state.desired(s), s) is None


def test_generated_placeholder_never_leaves_the_plan(vault):
    change, dummy, dummy, dummy = run(vault, check_mode=True, name='gen', generate_password=True)
    assert GENERATED not in [f['after'] for f in change.as_dict()['fields']]


def test_selection_filters_by_owner_password_age_and_sharing(emulator, vault):
    import datetime
    emulator.create_user('ann@x.test')
    emulator.create_user('bob@x.test')
    group = vault.groups.create({'groupname': 'Ops', 'members': ['bob@x.test']})
    old = emulator.seed_secret('old one')
    long_ago = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=100)
    with emulator.store.lock:  # what a password set 100 days ago looks like
        emulator.store.db['secrets'][old]['passwordmodifiedtime'] = long_ago.strftime('%Y-%m-%dT%H:%M:%SZ')
    new = emulator.seed_secret('new one')
    mine = emulator.vault('ann@x.test').secrets.create({'secretname': 'ann own', 'password': 'Ann-pw-0001'})['secretid']
    vault.shares.share(old, users=[{'emailid': 'ann@x.test', 'permissions': ['READ']}])
    vault.shares.share(new, groups=[{'groupid': group['groupid'], 'permissions': ['READ']}])
    state = SecretState(vault)

    def names(**params):
        return sorted(s['secretname'] for s in state.select(dict(params)))

    assert names(password_older_than_days=90) == ['old one']
    assert names(password_older_than_days=0) == ['ann own', 'new one', 'old one']
    assert names(owner='ADMIN@vault.example') == ['new one', 'old one']
    assert names(owner='ann@x.test') == ['ann own'] and mine
    assert names(shared_with_user='Ann@x.test') == ['old one']
    assert names(shared_with_group='ops') == ['new one']
    assert names(shared_with_group='Ops', shared_with_user='ann@x.test') == []
    with pytest.raises(ValidationError, match='password_older_than_days must be 0 or more'):
        names(password_older_than_days=-1)
