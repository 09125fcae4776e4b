# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The shared client against the emulator held to the contract: every list followed past a capped first page,
the secrets export as one reply, 429s with and without Retry-After, and replies that are not the API's."""

from __future__ import annotations

import pytest
import requests

from ansible_collections.zoho.vault.plugins.module_utils._errors import VaultError

CAP = 2
PEOPLE = ['contract-a@example.com', 'contract-b@example.com', 'contract-c@example.com']


@pytest.fixture
def world(emu, new_user, make_vault):
    """Three of everything the client lists, made by a fresh Administrator, then a page cap of two."""
    vault = make_vault(new_user())
    for email in PEOPLE:
        emu.create_user(email, 'User')
    chamber = vault.chambers.create({'chambername': 'Contract chamber'})  # the owner is new, so the name is free
    secrets = [vault.secrets.create({'secretname': 'contract %d' % i, 'password': 'Contract-Pass-%d' % i, 'chamberid': chamber['chamberid']})
               for i in range(3)]
    for i in range(3):
        vault.groups.create({'groupname': 'contract group %d' % i, 'members': PEOPLE})
        vault.emergency.grant(secrets[i]['secretid'], PEOPLE[i], 2, 'contract test')
    vault.secrets.get_password(secrets[0]['secretid'])  # a third audit entry of that secret
    emu.set_page_cap(CAP)
    emu.reset_counters()
    return {'vault': vault, 'chamber': chamber, 'secrets': secrets}


def _truth(emu, path, params):
    """How many items the emulator holds for a list, asked past the client (total ignores the cap)."""
    token = emu.access_token('admin@vault.example')['access_token']
    reply = requests.get(emu.api_url + path, params=dict(params, per_page=1), headers={'Authorization': 'Zoho-oauthtoken ' + token}, timeout=10)
    return reply.json()['operation']['details']['total']


LISTS = [
    ('GET /secrets', '/secrets', lambda w: w['vault'].secrets.list()),
    ('GET /secrets/search', ('/secrets/search', {'searchtext': 'contract'}), lambda w: w['vault'].secrets.search(searchtext='contract')),
    ('GET /chambers/{chamber_id}/secrets', None, lambda w: w['vault'].chambers.secrets(w['chamber']['chamberid'])),
    ('GET /chambers', '/chambers', lambda w: w['vault'].chambers.list()),
    ('GET /users', '/users', lambda w: w['vault'].users.list()),
    ('GET /groups', '/groups', lambda w: w['vault'].groups.list()),
    ('GET /audit', '/audit', lambda w: w['vault'].audit.list()),
    ('GET /secrets/{secret_id}/audit', None, lambda w: w['vault'].audit.list(secret_id=w['secrets'][0]['secretid'])),
    ('GET /emergency/requests', '/emergency/requests', lambda w: w['vault'].emergency.requests()),
    ('GET /export/audit', '/export/audit', lambda w: w['vault'].export.audit()['auditlogs']),
]


@pytest.mark.parametrize('route,path,read', LISTS, ids=[item[0] for item in LISTS])
def test_every_list_is_followed_past_a_capped_page(emu, world, route, path, read):
    items = read(world)
    counters = emu.counters()
    assert counters['later_pages'].get(route, 0) >= 1, counters['later_pages']
    if path is not None:
        path, params = path if isinstance(path, tuple) else (path, {})
        assert len(items) == _truth(emu, path, params)
    assert len(items) > CAP


def test_secrets_export_is_one_reply(emu, world):
    exported = world['vault'].export.secrets()
    assert emu.counters()['calls']['GET /export/secrets'] == 1
    # Every secret the caller can read, past the page cap (an Administrator also reads the earlier tests' secrets).
    ids = sorted(s['secretid'] for s in exported['secrets'])
    assert set(s['secretid'] for s in world['secrets']) <= set(ids) and len(ids) > CAP
    assert ids == sorted(s['secretid'] for s in world['vault'].secrets.list())


@pytest.mark.parametrize('retry_after', [True, False])
def test_429_with_or_without_retry_after_is_waited_out(emu, new_user, make_vault, sim_time, retry_after):
    vault = make_vault(new_user(), client_kwargs={'sleep': sim_time.sleep, 'clock': sim_time.time})
    vault.users.current()
    emu.add_fault(kind='rate_limit', count=1, retry_after=retry_after)
    assert vault.users.current()
    assert vault.stats.rate_limited == 1 and sim_time.slept > 0


FOREIGN = [
    ({'status': 502, 'content_type': 'text/html', 'body': '<html><body><h1>502 Bad Gateway</h1></body></html>'}, 'JSON'),
    ({'status': 200, 'body': '{"operation": {"result": {"status": "succ'}, 'JSON'),
    ({'status': 200, 'body': '{"unexpected": []}'}, 'operation'),
    ({'status': 200, 'content_type': 'text/plain', 'body': ''}, 'JSON'),
]


@pytest.mark.parametrize('spec,words', FOREIGN, ids=['html 502', 'truncated json', 'wrong envelope', 'empty body'])
def test_a_reply_that_is_not_the_apis_is_a_one_line_error(emu, new_user, make_vault, spec, words):
    vault = make_vault(new_user(), retries=1)
    vault.users.current()
    emu.add_fault(kind='reply', method='GET', path='^/users$', **spec)
    with pytest.raises(VaultError) as info:
        vault.users.list()
    text = str(info.value)
    assert words in text and '\n' not in text and '<html>' not in text, text


def test_a_redirect_is_reported_not_followed(emu, new_user, make_vault):
    """A 3xx from the API is an error that says so in one line; the client does not go where it points."""
    vault = make_vault(new_user(), retries=1)
    vault.users.current()
    emu.add_fault(kind='redirect', status=302, location=emu.api_url + '/users/current', method='GET', path='^/users$')
    emu.reset_counters()
    with pytest.raises(VaultError) as info:
        vault.users.list()
    text = str(info.value)
    assert '302' in text and '\n' not in text, text
    assert 'GET /users/current' not in emu.counters()['calls']
