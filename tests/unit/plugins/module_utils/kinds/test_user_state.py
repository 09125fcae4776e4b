# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


import pytest

from ansible_collections.zoho.vault.plugins.module_utils._errors import ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._kinds.user import UserState, find_user, view
from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.kinds.walk import new_state, run as run_kind


def spec(**kw):
    base = dict(email='alice@example.com', role=None, first_name=None, last_name=None, state='present')
    base.update(kw)
    return base


def run(vault, check_mode=False, **kw):
    return run_kind(UserState, vault, spec(**kw), check_mode)


def test_create_then_idempotent(emulator, vault):
    change, after = run(vault, role='Manager', first_name='Alice')
    assert change.action == 'create'
    assert emulator.sent_writes() == [('POST', '/users', {'emailid': 'alice@example.com', 'role': 'Manager', 'firstname': 'Alice'})]
    change = run(vault, email='ALICE@example.com', role='Manager', first_name='Alice')[0]
    assert change is None and len(emulator.sent_writes()) == 1


def test_check_mode_create_prediction(emulator, vault):
    change, after = run(vault, check_mode=True, last_name='Liddell')
    assert after == {'userid': None, 'emailid': 'alice@example.com', 'role': 'User', 'firstname': '', 'lastname': 'Liddell'}
    assert emulator.sent_writes() == []


def test_update_role_only_and_never_the_email(emulator, vault):
    user = vault.users.create({'emailid': 'Alice@Example.com', 'role': 'User', 'firstname': 'A'})
    emulator.mark()
    change, after = run(vault, role='Manager')
    assert change.field_names == ['role']
    assert emulator.sent_writes() == [('PUT', '/users/%s' % user['userid'], {'role': 'Manager'})]
    assert after['emailid'] == 'Alice@Example.com'


def test_delete_and_absent_missing(emulator, vault):
    user = vault.users.create({'emailid': 'alice@example.com'})
    emulator.mark()
    change, after = run(vault, state='absent')
    assert change.action == 'delete' and after is None
    assert emulator.sent_writes() == [('DELETE', '/users/%s' % user['userid'], {})]
    assert run(vault, state='absent')[0] is None
    assert 'alice@example.com' not in emulator.names('users')


@pytest.mark.parametrize('kw, message', [
    (dict(email='not-an-email'), 'email must be an email address'),
    (dict(email='@example.com'), 'email must be an email address'),
    (dict(email=' a@example.com'), 'email must be an email address'),
    (dict(role='Owner'), 'role must be one of Administrator, Manager, User, Read-Only'),
])
def test_bad_input(emulator, vault, kw, message):
    with pytest.raises(ValidationError, match=message):
        run(vault, **kw)
    assert emulator.sent_writes() == []


def test_find_user_view_and_to_spec(vault):
    user = vault.users.create({'emailid': 'bob@example.com', 'role': 'Read-Only', 'firstname': 'Bob', 'lastname': 'B'})
    users = vault.users.list()
    assert find_user('BOB@example.com', users)['userid'] == user['userid']
    assert find_user('nobody@example.com', users) is None
    assert view(user)['role'] == 'Read-Only'
    state = new_state(UserState, vault)
    s = spec(**state.to_spec(user))
    assert s == spec(email='bob@example.com', role='Read-Only', first_name='Bob', last_name='B')
    assert state.plan(user, state.desired(s), s) is None
