# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import json

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._errors import AmbiguousName, NotFound, PermissionDenied, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._reconcile import REDACTED
from ansible_collections.zoho.vault.plugins.module_utils._state.secret import GENERATED, SecretState
from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.state.fake_secrets import FakeVault

CANARY = 'Canary-Pw-0001!'


def spec(**kw):
    base = dict(state='present', secret_id=None, name=None, chamber=None, url=None, username=None, password=None,
                update_password='always', generate_password=False, regenerate_password=False, password_policy=None,
                notes=None, custom_fields=None, purge_custom_fields=False, secret_type=None, owner=None)
    base.update(kw)
    return base


def run(fake, check_mode=False, **kw):
    state = SecretState(fake.facade())
    s = spec(**kw)
    desired = state.desired(s)
    current = state.read(s)
    change = state.plan(current, desired, s)
    if change is None or check_mode:
        after = state.predict(change, current, desired, s)
    else:
        after = state.apply(change, current, desired, s)
    return change, after, state, current


def no_canary(*objects):
    text = json.dumps([o.as_dict() if hasattr(o, 'as_dict') else o for o in objects], default=str)
    return CANARY not in text


def test_create_in_chamber_by_name_then_nothing_to_do():
    fake = FakeVault()
    cid = fake.add_chamber('Prod')
    change, after, state, dummy = run(fake, name='db', chamber='Prod', username='u', password=CANARY, custom_fields={'port': 5432})
    assert change.action == 'create'
    assert change.field_names == ['chamberid', 'customfields', 'password', 'secretname', 'username']
    assert fake.writes[0][0] == 'secrets.create'
    assert fake.writes[0][1] == {'secretname': 'db', 'chamberid': cid, 'username': 'u', 'password': CANARY, 'customfields': {'port': '5432'}}
    assert 'password' not in after and after['chamberid'] == cid
    assert no_canary(change, after, state.diff(None, after, change))
    assert CANARY in fake.client.secret_values()
    change, after, dummy, dummy = run(fake, name='DB', chamber='prod', username='u', password=CANARY, custom_fields={'port': '5432'})
    assert change is None
    assert len(fake.writes) == 1


def test_lookup_by_name_is_one_search_call_not_a_list():
    fake = FakeVault()
    cid = fake.add_chamber('Prod')
    fake.add_secret('db', cid)
    run(fake, name='db', chamber=cid, notes='')
    assert fake.calls == [('secrets.search', 'db')]


def test_check_mode_writes_nothing_and_predicts():
    fake = FakeVault()
    change, after, dummy, dummy = run(fake, check_mode=True, name='db', password=CANARY, notes='n')
    assert change.action == 'create'
    assert fake.writes == []
    assert after['secretname'] == 'db' and after['notes'] == 'n' and 'password' not in after


def test_password_always_compares_and_writes_only_when_different():
    fake = FakeVault()
    sid = fake.add_secret('db', password=CANARY)
    change, dummy, dummy, dummy = run(fake, name='db', password=CANARY)
    assert change is None
    assert ('secrets.get_password', sid) in fake.calls
    change, dummy, state, current = run(fake, name='db', password='Other-Pw-0002!')
    assert change.field_names == ['password'] and change.reason == 'password differs'
    assert fake.writes == [('secrets.update', sid, {'password': 'Other-Pw-0002!'})]
    shown = change.as_dict()
    assert shown['fields'] == [{'field': 'password', 'before': REDACTED, 'after': REDACTED}]
    d = state.diff(current, fake.public(fake.db[sid]), change)
    assert d['before']['password'] == REDACTED and d['after']['password'] == REDACTED + ' (changed)'
    assert no_canary(shown, d)


def test_on_create_never_reads_or_writes_an_existing_password():
    fake = FakeVault()
    fake.add_secret('db', password=CANARY)
    change, dummy, dummy, dummy = run(fake, name='db', password='Different-1', update_password='on_create')
    assert change is None
    assert not [c for c in fake.calls if c[0] == 'secrets.get_password']


def test_generate_only_on_create_and_never_in_check_mode():
    fake = FakeVault()
    change, dummy, dummy, dummy = run(fake, check_mode=True, name='gen', generate_password=True, password_policy={'length': 16})
    assert change.action == 'create' and fake.generated == 0
    assert change.as_dict()['fields'][0] == {'field': 'password', 'before': None, 'after': REDACTED}
    change, after, state, dummy = run(fake, name='gen', generate_password=True, password_policy={'length': 16})
    assert fake.generated == 1 and len(state.password_written) == 16
    assert state.password_written in fake.client.secret_values()
    change, dummy, dummy, dummy = run(fake, name='gen', generate_password=True, password_policy={'length': 16})
    assert change is None and fake.generated == 1


def test_regenerate_rotates_every_run():
    fake = FakeVault()
    sid = fake.add_secret('gen', password=CANARY)
    change, dummy, state, dummy = run(fake, name='gen', generate_password=True, regenerate_password=True)
    assert change.field_names == ['password'] and fake.generated == 1
    assert fake.db[sid]['password'] == state.password_written != CANARY
    change, dummy, dummy, dummy = run(fake, name='gen', generate_password=True, regenerate_password=True)
    assert change is not None and fake.generated == 2


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
def test_bad_specs(kw, message):
    with pytest.raises(ValidationError, match=message):
        SecretState(FakeVault().facade()).desired(spec(**kw))


def test_unknown_chamber_and_ambiguous_name():
    fake = FakeVault()
    a, b = fake.add_chamber('A'), fake.add_chamber('B')
    fake.add_secret('twin', a)
    fake.add_secret('twin', b)
    with pytest.raises(NotFound, match="no chamber named 'C'"):
        run(fake, name='twin', chamber='C')
    change, after, dummy, dummy = run(fake, name='twin', chamber='C', state='absent')
    assert change is None and after is None
    with pytest.raises(AmbiguousName) as info:
        run(fake, name='twin', notes='x')
    assert len(info.value.candidates) == 2
    change, dummy, dummy, dummy = run(fake, name='twin', chamber='A', notes='x')
    assert change.action == 'update' and fake.db[change.object_id]['chamberid'] == a


def test_unknown_secret_id_is_an_error_when_present_and_nothing_when_absent():
    fake = FakeVault()
    with pytest.raises(NotFound, match='leave secret_id out'):
        run(fake, secret_id='999999999999999999', notes='x')
    change, after, dummy, dummy = run(fake, secret_id='999999999999999999', state='absent')
    assert change is None and after is None


def test_custom_fields_merge_and_purge():
    fake = FakeVault()
    sid = fake.add_secret('db', customfields={'a': '1', 'b': '2'})
    change, dummy, dummy, dummy = run(fake, name='db', custom_fields={'c': 3})
    assert fake.db[sid]['customfields'] == {'a': '1', 'b': '2', 'c': '3'}
    change, dummy, dummy, dummy = run(fake, name='db', custom_fields={'a': '1'})
    assert change is None
    change, dummy, dummy, dummy = run(fake, name='db', custom_fields={'a': '1'}, purge_custom_fields=True)
    assert fake.db[sid]['customfields'] == {'a': '1'}
    change, dummy, dummy, dummy = run(fake, name='db', purge_custom_fields=True)
    assert fake.db[sid]['customfields'] == {}


def test_rename_and_move_by_id():
    fake = FakeVault()
    a, b = fake.add_chamber('A'), fake.add_chamber('B')
    sid = fake.add_secret('old', a)
    change, after, dummy, dummy = run(fake, secret_id=sid, name='new', chamber='B')
    assert change.field_names == ['chamberid', 'secretname']
    assert after['secretname'] == 'new' and after['chamberid'] == b


def test_owner_transfer_once():
    fake = FakeVault()
    sid = fake.add_secret('db')
    change, after, dummy, dummy = run(fake, name='db', owner='bob@example.test')
    assert change.field_names == ['owner']
    assert fake.writes == [('shares.transfer', sid, 'bob@example.test')]
    assert after['owner'] == 'bob@example.test'
    change, dummy, dummy, dummy = run(fake, name='db', owner='BOB@example.test')
    assert change is None


def test_create_with_owner_creates_then_transfers():
    fake = FakeVault()
    change, after, dummy, dummy = run(fake, name='db', owner='bob@example.test', password=CANARY)
    assert [w[0] for w in fake.writes] == ['secrets.create', 'shares.transfer']
    assert 'owner' not in fake.writes[0][1]
    assert after['owner'] == 'bob@example.test'


def test_delete_and_read_only_permission_error():
    fake = FakeVault(permissions={'READ'})
    sid = fake.add_secret('db', notes='orig')
    with pytest.raises(PermissionDenied):
        run(fake, name='db', notes='changed')
    with pytest.raises(PermissionDenied):
        run(fake, name='db', state='absent')
    assert fake.db[sid]['notes'] == 'orig'
    fake.permissions = None
    change, after, state, current = run(fake, name='db', state='absent')
    assert change.action == 'delete' and after is None and sid not in fake.db
    d = state.diff(current, after, change)
    assert d['after'] == {} and d['before']['secretname'] == 'db'


def test_plan_works_with_a_current_from_a_bulk_list():
    fake = FakeVault()
    sid = fake.add_secret('db', notes='a')
    state = SecretState(fake.facade())
    listed = fake.facade().secrets.list()
    s = spec(name='db', notes='b')
    change = state.plan(listed[0], state.desired(s), s)
    assert change.object_id == sid and change.field_names == ['notes']


def test_to_spec_round_trip():
    fake = FakeVault()
    cid = fake.add_chamber('A')
    sid = fake.add_secret('db', cid, notes='n', customfields={'k': 'v'}, secrettype='Database')
    state = SecretState(fake.facade())
    s = spec(**state.to_spec(fake.public(fake.db[sid])))
    assert state.plan(state.read(s), state.desired(s), s) is None


def test_generated_placeholder_never_leaves_the_plan():
    change, dummy, dummy, dummy = run(FakeVault(), check_mode=True, name='gen', generate_password=True)
    assert GENERATED not in [f['after'] for f in change.as_dict()['fields']]
