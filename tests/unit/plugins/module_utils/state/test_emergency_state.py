# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import datetime

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._state.audit import date_range, filter_logs
from ansible_collections.zoho.vault.plugins.module_utils._state.emergency import EmergencyState
from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.state.fake_secrets import FakeVault

NOW = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.timezone.utc)


def spec(**kw):
    base = dict(secret=None, chamber=None, secret_id=None, email='oncall@example.test', duration=4, reason='INC-1', state='present')
    base.update(kw)
    return base


def run(fake, check_mode=False, **kw):
    state = EmergencyState(fake.facade(), now=lambda: NOW)
    s = spec(**kw)
    desired = state.desired(s)
    current = state.read(s)
    change = state.plan(current, desired, s)
    if change is None or check_mode:
        return change, state.predict(change, current, desired, s)
    return change, state.apply(change, current, desired, s)


def test_grant_once_then_nothing_then_revoke_once():
    fake = FakeVault()
    sid = fake.add_secret('db')
    change, after = run(fake, check_mode=True, secret='db')
    assert change.action == 'create' and fake.writes == []
    assert after['expirestime'] == '2026-06-01T16:00:00Z'
    change, after = run(fake, secret='db')
    assert fake.writes == [('emergency.grant', sid, 'oncall@example.test', 4, 'INC-1')]
    assert after['status'] == 'active'
    change, after = run(fake, secret='db', reason='another reason')
    assert change is None and len(fake.writes) == 1
    change, after = run(fake, secret='db', state='absent')
    assert change.action == 'delete' and after is None
    assert fake.writes[-1] == ('emergency.revoke', sid, 'oncall@example.test')
    change, after = run(fake, secret='db', state='absent')
    assert change is None


def test_an_expired_grant_is_not_live():
    fake = FakeVault()
    sid = fake.add_secret('db')
    fake.requests.append({'requestid': '1', 'secretid': sid, 'emailid': 'oncall@example.test', 'reason': 'old',
                          'expirestime': '2026-06-01T11:59:59Z'})
    change, dummy = run(fake, check_mode=True, secret_id=sid)
    assert change.action == 'create'
    state = EmergencyState(fake.facade(), now=lambda: NOW)
    assert [r['status'] for r in state.requests(sid)] == ['expired']


def test_contract_shaped_grants_decide_from_expirestime_alone():
    """The contract's requests carry no status: a grant for the secret and email expiring later is live."""
    fake = FakeVault()
    sid = fake.add_secret('db')
    other = fake.add_secret('other')
    fake.requests.extend([
        {'requestid': '1', 'secretid': sid, 'emailid': 'OnCall@example.test', 'reason': 'r', 'expirestime': '2026-06-01T12:00:01Z'},
        {'requestid': '2', 'secretid': other, 'emailid': 'oncall@example.test', 'reason': 'r', 'expirestime': '2026-06-02T00:00:00Z'},
        {'requestid': '3', 'secretid': sid, 'emailid': 'someone@example.test', 'reason': 'r', 'expirestime': '2026-06-02T00:00:00Z'},
    ])
    change, after = run(fake, secret='db')
    assert change is None and after['requestid'] == '1' and fake.writes == []
    change, after = run(fake, secret='db', state='absent')
    assert change.action == 'delete' and fake.writes == [('emergency.revoke', sid, 'OnCall@example.test')]
    state = EmergencyState(fake.facade(), now=lambda: NOW)
    assert [(r['requestid'], r['status']) for r in state.requests()] == [('1', 'expired'), ('2', 'active'), ('3', 'active')]
    assert [r['requestid'] for r in state.requests(status='active', email='oncall@example.test')] == ['2']


@pytest.mark.parametrize('kw, message', [
    (dict(duration=0), 'duration must be'),
    (dict(duration=721), 'duration must be'),
    (dict(reason=' '), 'reason is required'),
    (dict(email=''), 'email is required'),
])
def test_bad_input(kw, message):
    with pytest.raises(ValidationError, match=message):
        EmergencyState(FakeVault().facade()).desired(spec(**kw))


def test_unknown_secret():
    with pytest.raises(NotFound):
        run(FakeVault(), secret='nope')


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
