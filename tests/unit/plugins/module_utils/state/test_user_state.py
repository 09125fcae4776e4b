# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._errors import ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._state.user import UserState, find_user, view
from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.state.fake_directory import FakeVault, vault_facade


def spec(**kw):
    base = dict(email='alice@example.com', role=None, first_name=None, last_name=None, state='present')
    base.update(kw)
    return base


def run(fake, check_mode=False, **kw):
    state = UserState(vault_facade(fake))
    s = spec(**kw)
    desired = state.desired(s)
    current = state.read(s)
    change = state.plan(current, desired, s)
    if change is None or check_mode:
        return change, state.predict(change, current, desired, s)
    return change, state.apply(change, current, desired, s)


def test_create_then_idempotent():
    fake = FakeVault()
    change, after = run(fake, role='Manager', first_name='Alice')
    assert change.action == 'create'
    assert fake.writes == [('users.create', {'emailid': 'alice@example.com', 'role': 'Manager', 'firstname': 'Alice'})]
    change = run(fake, email='ALICE@example.com', role='Manager', first_name='Alice')[0]
    assert change is None and len(fake.writes) == 1


def test_check_mode_create_prediction():
    fake = FakeVault()
    change, after = run(fake, check_mode=True, last_name='Liddell')
    assert after == {'userid': None, 'emailid': 'alice@example.com', 'role': 'User', 'firstname': '', 'lastname': 'Liddell'}
    assert fake.writes == []


def test_update_role_only_and_never_the_email():
    fake = FakeVault()
    user = fake.add_user('Alice@Example.com', role='User', firstname='A')
    change, after = run(fake, role='Manager')
    assert change.field_names == ['role']
    assert fake.writes == [('users.update', user['userid'], {'role': 'Manager'})]
    assert after['emailid'] == 'Alice@Example.com'


def test_delete_and_absent_missing():
    fake = FakeVault()
    user = fake.add_user('alice@example.com')
    change, after = run(fake, state='absent')
    assert change.action == 'delete' and after is None
    assert fake.writes == [('users.delete', user['userid'])]
    assert run(fake, state='absent')[0] is None


@pytest.mark.parametrize('kw, message', [
    (dict(email='not-an-email'), 'email must be an email address'),
    (dict(email='@example.com'), 'email must be an email address'),
    (dict(email=' a@example.com'), 'email must be an email address'),
    (dict(role='Owner'), 'role must be one of Administrator, Manager, User, Read-Only'),
])
def test_bad_input(kw, message):
    fake = FakeVault()
    with pytest.raises(ValidationError, match=message):
        run(fake, **kw)
    assert fake.writes == []


def test_find_user_view_and_to_spec():
    fake = FakeVault()
    user = fake.add_user('bob@example.com', role='Read-Only', firstname='Bob', lastname='B')
    users = vault_facade(fake).users.list()
    assert find_user('BOB@example.com', users)['userid'] == user['userid']
    assert find_user('nobody@example.com', users) is None
    assert view(user)['role'] == 'Read-Only'
    state = UserState(vault_facade(fake))
    s = spec(**state.to_spec(user))
    assert s == spec(email='bob@example.com', role='Read-Only', first_name='Bob', last_name='B')
    assert state.plan(user, state.desired(s), s) is None
