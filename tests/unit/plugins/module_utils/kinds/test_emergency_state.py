# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


import datetime

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._audit_query import date_range, filter_logs
from ansible_collections.zoho.vault.plugins.module_utils._kinds.emergency_access import EmergencyState
from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.kinds.walk import new_state, run as run_kind

NOW = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.timezone.utc)
GRANT = 'POST /secrets/{secret_id}/emergency'
REVOKE = 'DELETE /secrets/{secret_id}/emergency'


def spec(**kw):
    base = dict(secret=None, chamber=None, secret_id=None, email='oncall@example.test', duration=4, reason='INC-1', state='present')
    base.update(kw)
    return base


def run(vault, check_mode=False, **kw):
    return run_kind(EmergencyState, vault, spec(**kw), check_mode, now=lambda: NOW)


def state_now(vault):
    return new_state(EmergencyState, vault, now=lambda: NOW)


@pytest.fixture
def oncall(emulator):
    """The vault's clock at NOW, the state's too, and the grantee exists."""
    emulator.set_now(NOW)
    emulator.create_user('oncall@example.test')


def test_grant_once_then_nothing_then_revoke_once(emulator, vault, oncall):
    sid = emulator.seed_secret('db')
    change, after = run(vault, check_mode=True, secret='db')
    assert change.action == 'create' and emulator.writes() == {}
    assert after['expirestime'] == '2026-06-01T16:00:00Z'
    change, after = run(vault, secret='db')
    assert emulator.sent_writes() == [('POST', '/secrets/%s/emergency' % sid, {'emailid': 'oncall@example.test', 'duration': 4,
                                                                               'reason': 'INC-1'})]
    assert after['status'] == 'active'
    change, after = run(vault, secret='db', reason='another reason')
    assert change is None and emulator.writes() == {GRANT: 1}
    change, after = run(vault, secret='db', state='absent')
    assert change.action == 'delete' and after is None
    assert emulator.sent_writes()[-1] == ('DELETE', '/secrets/%s/emergency' % sid, {'emailid': 'oncall@example.test'})
    change, after = run(vault, secret='db', state='absent')
    assert change is None and emulator.writes() == {GRANT: 1, REVOKE: 1}


def test_an_expired_grant_is_not_live(emulator, vault, oncall):
    # The vault still lists the grant (its clock is an hour behind); by the controller's clock it has expired.
    emulator.set_now(NOW - datetime.timedelta(hours=1))
    sid = emulator.seed_secret('db')
    emulator.seed_grant(sid, 'oncall@example.test', '2026-06-01T11:59:59Z', reason='old')
    change, dummy = run(vault, check_mode=True, secret_id=sid)
    assert change.action == 'create'
    assert [r['status'] for r in state_now(vault).requests(sid)] == ['expired']


def test_contract_shaped_grants_decide_from_expirestime_alone(emulator, vault, oncall):
    """The contract's requests carry no status: a grant for the secret and email expiring later is live."""
    sid = emulator.seed_secret('db')
    other = emulator.seed_secret('other')
    first = emulator.seed_grant(sid, 'oncall@example.test', '2026-06-01T12:00:01Z')
    second = emulator.seed_grant(other, 'oncall@example.test', '2026-06-02T00:00:00Z')
    third = emulator.seed_grant(sid, 'someone@example.test', '2026-06-02T00:00:00Z')
    change, after = run(vault, secret='db', email='OnCall@example.test')
    assert change is None and after['requestid'] == first and emulator.writes() == {}
    change, after = run(vault, secret='db', state='absent')
    revoke = ('DELETE', '/secrets/%s/emergency' % sid, {'emailid': 'oncall@example.test'})
    assert change.action == 'delete' and emulator.sent_writes() == [revoke]
    state = state_now(vault)
    assert sorted((r['requestid'], r['status']) for r in state.requests()) == [(second, 'active'), (third, 'active')]
    assert [r['requestid'] for r in state.requests(status='active', email='oncall@example.test')] == [second]


@pytest.mark.parametrize('kw, message', [
    (dict(duration=0), 'duration must be'),
    (dict(duration=721), 'duration must be'),
    (dict(reason=' '), 'reason is required'),
    (dict(email=''), 'email is required'),
])
def test_bad_input(emulator, vault, kw, message):
    with pytest.raises(ValidationError, match=message):
        state_now(vault).desired(spec(**kw))
    assert emulator.calls() == {}


def test_unknown_secret(vault):
    with pytest.raises(NotFound):
        run(vault, secret='nope')


def test_audit_filters():
    logs = [{'event': 'Password Viewed', 'user_email': 'A@x', 'timestamp': '2026-01-02T00:00:00Z'},
            {'event': 'Secret Created', 'user_email': 'b@x', 'timestamp': '2026-01-03T00:00:00Z'},
            {'event': 'Password Viewed', 'user_email': 'b@x', 'timestamp': '2026-01-05T00:00:00Z'}]
    assert len(filter_logs(logs, ['password viewed'])) == 2
    assert len(filter_logs(logs, None, 'a@x')) == 1
    assert len(filter_logs(logs, None, None, '2026-01-03', '2026-01-04')) == 1
    assert date_range('2026-01-01', datetime.date(2026, 1, 2)) == ('2026-01-01', '2026-01-02')
    with pytest.raises(ValidationError, match='from_date must be a date'):
        date_range('01/02/2026', None)
    with pytest.raises(ValidationError, match='is after'):
        date_range('2026-02-01', '2026-01-01')
