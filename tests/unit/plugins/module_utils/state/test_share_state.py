# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound, PermissionDenied, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._state.share import ShareState
from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.state.fake_secrets import FakeVault


def spec(**kw):
    base = dict(secret=None, chamber=None, secret_id=None, users=[], groups=[], purge=False, state='present')
    base.update(kw)
    return base


def run(fake, check_mode=False, **kw):
    state = ShareState(fake.facade())
    s = spec(**kw)
    desired = state.desired(s)
    current = state.read(s)
    change = state.plan(current, desired, s)
    if change is None or check_mode:
        after = state.predict(change, current, desired, s)
    else:
        after = state.apply(change, current, desired, s)
    return change, state.view(after), state


def test_share_then_nothing_to_do_with_one_shareinfo_call():
    fake = FakeVault()
    sid = fake.add_secret('db')
    gid = fake.add_group('DBA')
    users = [{'email': 'a@example.test', 'permissions': ['WRITE', 'READ']}]
    groups = [{'name': 'dba', 'permissions': ['READ']}]
    change, after, dummy = run(fake, secret='db', users=users, groups=groups)
    assert change.field_names == ['users', 'groups']
    assert fake.writes == [('shares.share', sid, [{'emailid': 'a@example.test', 'permissions': ['READ', 'WRITE']}],
                            [{'groupid': gid, 'permissions': ['READ']}])]
    assert after['users'] == {'a@example.test': ['READ', 'WRITE']} and after['groups'] == {'DBA': ['READ']}
    fake.calls = []
    change, after, dummy = run(fake, secret='db', users=[{'email': 'A@example.test', 'permissions': ['READ', 'WRITE']}], groups=groups)
    assert change is None
    assert [c[0] for c in fake.calls].count('shares.get') == 1


def test_check_mode_predicts_without_writing():
    fake = FakeVault()
    fake.add_secret('db')
    change, after, dummy = run(fake, check_mode=True, secret='db', users=[{'email': 'a@example.test', 'permissions': ['READ']}])
    assert change is not None and fake.writes == []
    assert after['users'] == {'a@example.test': ['READ']}


def test_permission_change_and_purge():
    fake = FakeVault()
    sid = fake.add_secret('db')
    fake.shares[sid] = {'users': {'a@example.test': ['READ'], 'b@example.test': ['READ']}, 'groups': {}}
    change, after, dummy = run(fake, secret_id=sid, users=[{'email': 'a@example.test', 'permissions': ['READ', 'SHARE']}], purge=True)
    assert [w[0] for w in fake.writes] == ['shares.share', 'shares.revoke']
    assert after['users'] == {'a@example.test': ['READ', 'SHARE']}
    assert 'revoke b@example.test' in change.reason


def test_absent_revokes_only_listed_and_is_idempotent():
    fake = FakeVault()
    sid = fake.add_secret('db')
    gid = fake.add_group('Ops')
    fake.shares[sid] = {'users': {'a@example.test': ['READ'], 'b@example.test': ['READ']}, 'groups': {gid: ['READ']}}
    change, after, dummy = run(fake, secret='db', users=[{'email': 'a@example.test'}], groups=[{'name': 'Ops'}], state='absent')
    assert after['users'] == {'b@example.test': ['READ']} and after['groups'] == {}
    change, after, dummy = run(fake, secret='db', users=[{'email': 'a@example.test'}], groups=[{'name': 'Ops'}], state='absent')
    assert change is None


@pytest.mark.parametrize('kw, message', [
    (dict(users=[{'email': 'a@example.test', 'permissions': []}]), 'needs at least one permission'),
    (dict(users=[{'email': 'a@example.test', 'permissions': ['ADMIN']}]), 'unknown permission'),
    (dict(users=[{'email': 'a@example.test', 'permissions': ['READ']}, {'email': 'A@example.test', 'permissions': ['READ']}]), 'twice'),
    (dict(groups=[{'name': 'nope', 'permissions': ['READ']}]), 'no group named'),
    (dict(users=[{'email': 'admin@example.test', 'permissions': ['READ']}]), 'owns the secret'),
])
def test_bad_input(kw, message):
    fake = FakeVault()
    fake.add_secret('db')
    with pytest.raises(ValidationError, match=message):
        run(fake, secret='db', **kw)
    assert fake.writes == []


def test_unknown_secret_and_permission_denied():
    fake = FakeVault(permissions={'READ'})
    fake.add_secret('db')
    with pytest.raises(NotFound, match="no secret named 'other'"):
        run(fake, secret='other', users=[{'email': 'a@example.test', 'permissions': ['READ']}])
    with pytest.raises(PermissionDenied):
        run(fake, secret='db', users=[{'email': 'a@example.test', 'permissions': ['READ']}])
