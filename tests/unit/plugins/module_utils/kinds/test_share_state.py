# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


import pytest

from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound, PermissionDenied, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret_share import ShareState
from ansible_collections.zoho.vault.tests.unit.emulator import ADMIN_EMAIL
from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.kinds.walk import new_state


def spec(**kw):
    base = dict(secret=None, chamber=None, secret_id=None, users=[], groups=[], purge=False, state='present')
    base.update(kw)
    return base


def run(vault, check_mode=False, **kw):
    # The share kind predicts from the spec as well, so it walks its own steps.
    state = new_state(ShareState, vault)
    s = spec(**kw)
    desired = state.desired(s)
    current = state.read(s)
    change = state.plan(current, desired, s)
    if change is None or check_mode:
        after = state.predict(change, current, desired, s)
    else:
        after = state.apply(change, current, desired, s)
    return change, state.view(after), state


@pytest.fixture
def people(emulator):
    for email in ('a@example.test', 'b@example.test'):
        emulator.create_user(email)


def seed_group(emulator, vault, name):
    group = vault.groups.create({'groupname': name})
    emulator.mark()
    return group['groupid']


def test_share_then_nothing_to_do_with_one_shareinfo_call(emulator, vault, people):
    sid = emulator.seed_secret('db')
    gid = seed_group(emulator, vault, 'DBA')
    users = [{'email': 'a@example.test', 'permissions': ['WRITE', 'READ']}]
    groups = [{'name': 'dba', 'permissions': ['READ']}]
    change, after, dummy = run(vault, secret='db', users=users, groups=groups)
    assert change.field_names == ['users', 'groups']
    assert emulator.sent_writes() == [('POST', '/secrets/%s/share' % sid, {
        'users': [{'emailid': 'a@example.test', 'permissions': ['READ', 'WRITE']}], 'groups': [{'groupid': gid, 'permissions': ['READ']}]})]
    assert after['users'] == {'a@example.test': ['READ', 'WRITE']} and after['groups'] == {'DBA': ['READ']}
    emulator.mark()
    change, after, dummy = run(vault, secret='db', users=[{'email': 'A@example.test', 'permissions': ['READ', 'WRITE']}], groups=groups)
    assert change is None
    assert emulator.calls()['GET /secrets/{secret_id}/shareinfo'] == 1


def test_check_mode_predicts_without_writing(emulator, vault, people):
    emulator.seed_secret('db')
    change, after, dummy = run(vault, check_mode=True, secret='db', users=[{'email': 'a@example.test', 'permissions': ['READ']}])
    assert change is not None and emulator.writes() == {}
    assert after['users'] == {'a@example.test': ['READ']}


def test_permission_change_and_purge(emulator, vault, people):
    sid = emulator.seed_secret('db')
    vault.shares.share(sid, users=[{'emailid': 'a@example.test', 'permissions': ['READ']},
                                   {'emailid': 'b@example.test', 'permissions': ['READ']}])
    emulator.mark()
    change, after, dummy = run(vault, secret_id=sid, users=[{'email': 'a@example.test', 'permissions': ['READ', 'SHARE']}], purge=True)
    assert [w[:2] for w in emulator.sent_writes()] == [('POST', '/secrets/%s/share' % sid), ('DELETE', '/secrets/%s/share' % sid)]
    assert after['users'] == {'a@example.test': ['READ', 'SHARE']}
    assert 'revoke b@example.test' in change.reason


def test_absent_revokes_only_listed_and_is_idempotent(emulator, vault, people):
    sid = emulator.seed_secret('db')
    gid = seed_group(emulator, vault, 'Ops')
    vault.shares.share(sid, users=[{'emailid': 'a@example.test', 'permissions': ['READ']},
                                   {'emailid': 'b@example.test', 'permissions': ['READ']}], groups=[{'groupid': gid, 'permissions': ['READ']}])
    change, after, dummy = run(vault, secret='db', users=[{'email': 'a@example.test'}], groups=[{'name': 'Ops'}], state='absent')
    assert after['users'] == {'b@example.test': ['READ']} and after['groups'] == {}
    change, after, dummy = run(vault, secret='db', users=[{'email': 'a@example.test'}], groups=[{'name': 'Ops'}], state='absent')
    assert change is None


@pytest.mark.parametrize('kw, message', [
    (dict(users=[{'email': 'a@example.test', 'permissions': []}]), 'needs at least one permission'),
    (dict(users=[{'email': 'a@example.test', 'permissions': ['ADMIN']}]), 'unknown permission'),
    (dict(users=[{'email': 'a@example.test', 'permissions': ['READ']}, {'email': 'A@example.test', 'permissions': ['READ']}]), 'twice'),
    (dict(groups=[{'name': 'nope', 'permissions': ['READ']}]), 'no group named'),
    (dict(users=[{'email': ADMIN_EMAIL, 'permissions': ['READ']}]), 'owns the secret'),
])
def test_bad_input(emulator, vault, people, kw, message):
    emulator.seed_secret('db')
    with pytest.raises(ValidationError, match=message):
        run(vault, secret='db', **kw)
    assert emulator.writes() == {}


def test_unknown_secret_and_permission_denied(emulator, vault, people):
    sid = emulator.seed_secret('db')
    emulator.create_user('reader@example.test')
    vault.shares.share(sid, users=[{'emailid': 'reader@example.test', 'permissions': ['READ']}])
    reader = emulator.vault('reader@example.test')
    with pytest.raises(NotFound, match="no secret named 'other'"):
        run(reader, secret='other', users=[{'email': 'a@example.test', 'permissions': ['READ']}])
    with pytest.raises(PermissionDenied):
        run(reader, secret='db', users=[{'email': 'a@example.test', 'permissions': ['READ']}])


def test_plan_without_a_secret_is_a_one_line_not_found(vault):
    # read() and vault_state's engine never hand plan() a missing share; if one did, it is an error, not a TypeError.
    state = new_state(ShareState, vault)
    s = spec(secret='nowhere', users=[])
    with pytest.raises(NotFound, match='the secret to share is neither in the vault nor planned'):
        state.plan(None, state.desired(s), s)
    assert state.predict(None, None, state.desired(s), s) is None


def test_access_merges_the_owner_direct_shares_and_group_members_with_reasons(emulator, vault, people):
    sid = emulator.seed_secret('db')
    group = vault.groups.create({'groupname': 'DBA', 'members': ['a@example.test', 'b@example.test']})
    vault.shares.share(sid, users=[{'emailid': 'a@example.test', 'permissions': ['READ']}],
                       groups=[{'groupid': group['groupid'], 'permissions': ['READ', 'WRITE']}])
    secret = vault.secrets.get(sid)
    emulator.mark()
    state = new_state(ShareState, vault)
    info = state.info(secret)
    assert info['access'] == [
        {'email': 'a@example.test', 'permissions': ['READ', 'WRITE'], 'via': ['direct', 'group DBA']},
        {'email': ADMIN_EMAIL, 'permissions': ['READ', 'WRITE', 'SHARE', 'OWNER'], 'via': ['owner']},
        {'email': 'b@example.test', 'permissions': ['READ', 'WRITE'], 'via': ['group DBA']},
    ]
    assert info['groups'] == [{'name': 'DBA', 'id': group['groupid'], 'permissions': ['READ', 'WRITE']}]
    assert emulator.calls() == {'GET /secrets/{secret_id}/shareinfo': 1, 'GET /groups': 1}
    assert not [key for key in emulator.calls() if 'password' in key]
