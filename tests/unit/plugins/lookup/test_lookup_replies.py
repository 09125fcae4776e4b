# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The lookups over the real client and api layer against a scripted local server: a reply outside
the contract fails the lookup in one line naming the endpoint; a lookup never returns ``None``, a
number or a dict where a password belongs."""


import pytest

from ansible.errors import AnsibleLookupError

SECRET_ID = '200000000000000001'
ROW = {'secretid': SECRET_ID, 'secretname': 'db', 'chamberid': None, 'secrettype': 'Login', 'username': 'admin',
       'secreturl': '', 'notes': '', 'customfields': {}}


@pytest.fixture
def lookup(http_server):
    from ansible.plugins.loader import lookup_loader

    def run(name, *terms, **kwargs):
        variables = {'zoho_vault_api_url': http_server.url + '/api/json', 'zoho_vault_accounts_url': http_server.url,
                     'zoho_vault_access_token': 'static-token-value', 'zoho_vault_cache': False, 'zoho_vault_retries': 0}
        return lookup_loader.get('zoho.vault.' + name).run(list(terms), variables=variables, **kwargs)
    return run


def serve(http_server, path, details):
    http_server.route('GET', '/api/json' + path, lambda h: http_server.send(h, 200, http_server.envelope(details)))


def failure(lookup, *args, **kwargs):
    with pytest.raises(AnsibleLookupError) as info:
        lookup(*args, **kwargs)
    text = str(info.value)
    assert '\n' not in text and 'Traceback' not in text and 'static-token-value' not in text
    return text


@pytest.mark.parametrize('details', [{}, {'password': None}, {'password': 12345678}, {'password': {'p': 'x'}}])
def test_password_lookup_never_returns_what_is_no_password(lookup, http_server, details):
    serve(http_server, '/secrets/%s/password' % SECRET_ID, details)
    text = failure(lookup, 'password', SECRET_ID)
    assert 'GET /secrets/%s/password' % SECRET_ID in text and '"password"' in text


def test_password_lookup_by_name_with_a_malformed_search(lookup, http_server):
    serve(http_server, '/secrets/search', {'secrets': [None], 'page': 1, 'per_page': 1000, 'total': 1})
    assert 'GET /secrets/search' in failure(lookup, 'password', 'db')


def test_secret_lookup_refuses_a_row_without_chamberid(lookup, http_server):
    serve(http_server, '/secrets/%s' % SECRET_ID, dict((k, v) for k, v in ROW.items() if k != 'chamberid'))
    text = failure(lookup, 'secret', SECRET_ID)
    assert 'GET /secrets/%s' % SECRET_ID in text and 'chamberid' in text


def test_secret_lookup_with_password_refuses_a_password_reply_without_one(lookup, http_server):
    serve(http_server, '/secrets/%s' % SECRET_ID, ROW)
    serve(http_server, '/secrets/%s/password' % SECRET_ID, {'password': None})
    assert 'GET /secrets/%s/password' % SECRET_ID in failure(lookup, 'secret', SECRET_ID, include_password=True)


def test_secret_lookup_outside_any_chamber_is_fine(lookup, http_server):
    serve(http_server, '/secrets/%s' % SECRET_ID, ROW)
    assert lookup('secret', SECRET_ID)[0]['chamberid'] is None


@pytest.mark.parametrize('details,needle', [
    ({'secrets': [ROW, None], 'page': 1, 'per_page': 1000, 'total': 2}, 'item 2'),
    ({'secrets': [ROW], 'page': 1, 'per_page': 1000, 'total': 'many'}, 'total'),
    ({'secrets': [dict(ROW, chamberid=5)], 'page': 1, 'per_page': 1000, 'total': 1}, 'chamberid'),
    ({'results': [ROW], 'page': 1, 'per_page': 1000, 'total': 1}, '"secrets"'),
])
def test_secrets_lookup_refuses_a_malformed_listing(lookup, http_server, details, needle):
    serve(http_server, '/secrets/search', details)
    text = failure(lookup, 'secrets', 'db')
    assert 'GET /secrets/search' in text and needle in text


def test_secrets_lookup_with_passwords_refuses_a_password_reply_without_one(lookup, http_server):
    serve(http_server, '/secrets/search', {'secrets': [ROW], 'page': 1, 'per_page': 1000, 'total': 1})
    serve(http_server, '/secrets/%s/password' % SECRET_ID, {'password': 7})
    assert 'GET /secrets/%s/password' % SECRET_ID in failure(lookup, 'secrets', 'db', include_password=True)


def test_generate_password_refuses_a_reply_without_a_password(lookup, http_server):
    serve(http_server, '/password/generate', {'password': None})
    assert 'GET /password/generate' in failure(lookup, 'generate_password')


def test_an_html_page_is_one_line(lookup, http_server):
    http_server.route('GET', '/api/json/secrets/%s/password' % SECRET_ID, lambda h: http_server.send(
        h, 200, raw=b'<html>proxy login</html>', headers={'Content-Type': 'text/html'}))
    text = failure(lookup, 'password', SECRET_ID)
    assert 'not JSON (text/html)' in text


def test_generate_password_count_is_bounded_before_any_call(lookup, http_server):
    serve(http_server, '/password/generate', {'password': 'Generated-1'})
    text = failure(lookup, 'generate_password', count=100000)
    assert '1000' in text and 'count' in text
    assert http_server.requests == []
    assert len(lookup('generate_password', count=3)) == 3
