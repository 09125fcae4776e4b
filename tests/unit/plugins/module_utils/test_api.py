# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The api layer through the real client against the in-process emulator: paths, operation names, name resolution.

The emulator refuses a wrong method, path or operation name (400/7001), so a call that succeeds used the right ones.
"""


import pytest

from ansible_collections.zoho.vault.plugins.module_utils._errors import AmbiguousName, NotFound, ValidationError
from ansible_collections.zoho.vault.tests.unit.emulator import ADMIN_EMAIL


@pytest.fixture
def world(emulator, vault):
    """Chambers Prod and Stage with secrets DB, db-old (Prod) and db (Stage); a user, a group; ids by name."""
    ids = {'prod': emulator.seed_chamber('Prod')['chamberid'], 'stage': emulator.seed_chamber('Stage')['chamberid']}
    ids['DB'] = emulator.seed_secret('DB', ids['prod'])
    ids['db'] = emulator.seed_secret('db', ids['stage'])
    ids['db-old'] = emulator.seed_secret('db-old', ids['prod'])
    ids['user'] = vault.users.create({'emailid': 'a@x.com'})['userid']
    ids['group'] = vault.groups.create({'groupname': 'Ops'})['groupid']
    vault.shares.share(ids['db'], users=[{'emailid': 'a@x.com', 'permissions': ['READ']}])
    vault.emergency.grant(ids['db'], 'a@x.com', 1, 'test')
    emulator.mark()
    return ids


def lost_reply(emulator, method, path):
    """The next ``method`` on ``path`` is applied, but its reply is a 500: the client cannot know whether it was."""
    emulator.add_fault(kind='status', status=500, count=1, method=method, path=path, phase='after')


def test_secret_resolve_ambiguous_names_candidates(emulator, vault, world):
    with pytest.raises(AmbiguousName) as info:
        vault.secrets.resolve('db')
    text = str(info.value)
    assert 'Prod' in text and 'Stage' in text and 'chamber_id=%s' % world['prod'] in text and 'id=%s' % world['db'] in text
    assert {c['chamber'] for c in info.value.candidates} == {'Prod', 'Stage'}
    assert emulator.sent[0][:2] == ('GET', '/secrets/search') and emulator.queries[0]['searchtext'] == 'db'


def test_secret_resolve_in_chamber_and_not_found(vault, world):
    assert vault.secrets.resolve('db', chamber_id=world['stage'])['secretid'] == world['db']
    with pytest.raises(NotFound) as info:
        vault.secrets.resolve('nope')
    assert "'nope'" in str(info.value)


def test_secret_create_find_existing_matches_name_chamber_and_fields(emulator, world):
    dev = emulator.seed_chamber('Dev')['chamberid']
    vault = emulator.vault(retries=1)
    emulator.mark()
    lost_reply(emulator, 'POST', '^/secrets$')
    made = vault.secrets.create({'secretname': 'db', 'chamberid': dev, 'password': 'Initial-pw1', 'username': None})
    assert emulator.sent_writes() == [('POST', '/secrets', {'secretname': 'db', 'chamberid': dev, 'password': 'Initial-pw1'})]
    # The one it made, not a secret of the same name in another chamber.
    assert made['chamberid'] == dev and made['secretid'] not in (world['db'], world['DB']) and vault.stats.recovered == 1
    assert [n.lower() for n in emulator.names('secrets')].count('db') == 3


def test_chamber_create_find_existing_only_takes_the_callers_chamber(emulator, vault):
    others = emulator.vault('other@example.com').chambers.create({'chambername': 'Team'})
    vault = emulator.vault(retries=1)
    lost_reply(emulator, 'POST', '^/chambers$')
    made = vault.chambers.create({'chambername': 'team'})
    assert made['chamberid'] != others['chamberid'] and made['owner'] == ADMIN_EMAIL and vault.stats.recovered == 1
    assert emulator.names('chambers') == ['Team', 'team']


def test_ids_are_quoted_into_one_segment(emulator, vault):
    with pytest.raises(NotFound):
        vault.secrets.delete('../users/1')
    assert emulator.sent[0][:2] == ('DELETE', '/secrets/..%2Fusers%2F1')
    assert emulator.calls() == {}  # no endpoint matched: nothing was deleted


def test_password_is_registered_for_redaction(emulator, vault):
    sid = emulator.seed_secret('db', password='Password-5!')
    assert vault.secrets.get_password(sid) == 'Password-5!'
    generated = vault.generator.generate(length=10, symbols=True)
    assert len(generated) == 10
    assert {'Password-5!', generated} <= set(vault.client.secret_values())
    assert emulator.queries[-1] == {'length': '10', 'symbols': 'true'}


@pytest.mark.parametrize('call,endpoint,query', [
    (lambda v, i: v.secrets.update(i['DB'], {'notes': 'n'}), 'PUT /secrets/{secret_id}', {}),
    (lambda v, i: v.secrets.delete(i['DB']), 'DELETE /secrets/{secret_id}', {}),
    (lambda v, i: v.chambers.delete(i['prod'], force=True), 'DELETE /chambers/{chamber_id}', {'force': 'true'}),
    (lambda v, i: v.chambers.update(i['prod'], {'description': 'd'}), 'PUT /chambers/{chamber_id}', {}),
    (lambda v, i: v.users.current(), 'GET /users/current', {}),
    (lambda v, i: v.users.update(i['user'], {'firstname': 'A'}), 'PUT /users/{user_id}', {}),
    (lambda v, i: v.users.delete(i['user']), 'DELETE /users/{user_id}', {}),
    (lambda v, i: v.groups.add_members(i['group'], ['a@x.com']), 'POST /groups/{group_id}/users', {}),
    (lambda v, i: v.groups.remove_members(i['group'], ['a@x.com']), 'DELETE /groups/{group_id}/users', {}),
    (lambda v, i: v.groups.update(i['group'], {'description': 'd'}), 'PUT /groups/{group_id}', {}),
    (lambda v, i: v.groups.delete(i['group']), 'DELETE /groups/{group_id}', {}),
    (lambda v, i: v.shares.get(i['db']), 'GET /secrets/{secret_id}/shareinfo', {}),
    (lambda v, i: v.shares.share(i['db'], users=[{'emailid': 'a@x.com', 'permissions': ['WRITE']}]), 'POST /secrets/{secret_id}/share', {}),
    (lambda v, i: v.shares.revoke(i['db'], emailid='a@x.com'), 'DELETE /secrets/{secret_id}/share', {}),
    (lambda v, i: v.emergency.revoke(i['db'], 'a@x.com'), 'DELETE /secrets/{secret_id}/emergency', {}),
    (lambda v, i: v.export.secrets(), 'GET /export/secrets', {'format': 'json', 'include_passwords': 'false'}),
    (lambda v, i: v.export.audit(), 'GET /export/audit', {'page': '1', 'per_page': '1000'}),
])
def test_paths_and_operations(emulator, vault, world, call, endpoint, query):
    call(vault, world)
    assert emulator.calls() == {endpoint: 1}
    assert emulator.queries == [query]


@pytest.mark.parametrize('call,endpoint', [
    (lambda v, i: v.chambers.create({'chambername': 'c'}), 'POST /chambers'),
    (lambda v, i: v.users.create({'emailid': 'e@x.com'}), 'POST /users'),
    (lambda v, i: v.groups.create({'groupname': 'g'}), 'POST /groups'),
    (lambda v, i: v.shares.transfer(i['DB'], 'a@x.com'), 'POST /secrets/{secret_id}/transferownership'),
    (lambda v, i: v.emergency.grant(i['DB'], 'a@x.com', 24, 'why'), 'POST /secrets/{secret_id}/emergency'),
])
def test_creates_are_recovered_not_repeated_when_the_reply_is_lost(emulator, world, call, endpoint):
    vault = emulator.vault(retries=1)
    emulator.mark()
    lost_reply(emulator, 'POST', None)
    assert call(vault, world)
    assert emulator.writes() == {endpoint: 1} and vault.stats.recovered == 1


def test_lists_and_resolution(emulator, vault, world):
    emulator.vault('b@x.com').chambers.create({'chambername': 'PROD'})
    others = [c['chamberid'] for c in emulator.objects('chambers') if c['chambername'] == 'PROD']
    with pytest.raises(AmbiguousName) as info:
        vault.chambers.resolve('prod')
    assert {c['id'] for c in info.value.candidates} == {world['prod']} | set(others)
    assert vault.users.resolve('A@X.com')['userid'] == world['user']
    assert vault.groups.resolve('ops')['groupid'] == world['group']
    with pytest.raises(NotFound):
        vault.groups.resolve('dev')
    emulator.mark()
    events = vault.audit.list(secret_id=world['db'], from_date='2025-01-01')
    assert len(events) == 3 and set(e['secretid'] for e in events) == {world['db']}  # added, shared, emergency access
    assert emulator.sent[-1][:2] == ('GET', '/secrets/%s/audit' % world['db']) and emulator.queries[-1]['from_date'] == '2025-01-01'


def test_chamber_resolve_by_id(emulator, vault, world):
    assert vault.chambers.resolve(world['prod'])['chamberid'] == world['prod']
    assert emulator.calls() == {'GET /chambers/{chamber_id}': 1}


def test_revoke_needs_one_principal(emulator, vault):
    with pytest.raises(ValidationError):
        vault.shares.revoke('123456000000000001')
    assert emulator.sent == []
