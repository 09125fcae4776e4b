# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Error classes, their one-line messages, and redaction."""


import pytest

from ansible_collections.zoho.vault.plugins.module_utils import _errors as E
from ansible_collections.zoho.vault.plugins.module_utils._redact import MASK, SENSITIVE_KEYS, collect_secrets, redact, redact_text


@pytest.mark.parametrize('status,code,cls', [
    (400, 7001, E.ValidationError), (401, 7002, E.AuthError), (403, 7003, E.PermissionDenied), (404, 7004, E.NotFound),
    (409, 7005, E.Conflict), (400, 7006, E.ValidationError), (429, 7007, E.RateLimited), (403, 7008, E.PermissionDenied),
    (423, 7009, E.Locked), (400, 7010, E.WeakPassword), (500, None, E.ServerError), (503, None, E.ServerError),
    (404, None, E.NotFound), (423, None, E.Locked), (429, None, E.RateLimited), (401, None, E.AuthError), (418, None, E.VaultError),
])
def test_mapping(status, code, cls):
    err = E.map_error(status, code, 'msg', 'GET /x')
    assert err.__class__ is cls
    assert (err.status, err.code, err.message) == (status, code, 'msg')


def test_hierarchy():
    assert issubclass(E.TokenMintLimit, E.AuthError)
    for cls in (E.ConfigError, E.AuthError, E.PermissionDenied, E.NotFound, E.Conflict, E.ValidationError, E.RateLimited,
                E.Locked, E.WeakPassword, E.ServerError, E.TransportError, E.MalformedResponse, E.AmbiguousName):
        assert issubclass(cls, E.VaultError)


def test_str_is_one_actionable_line():
    err = E.PermissionDenied('Access Denied:\n no scope', status=403, code=7003, context='GET /secrets/1')
    text = str(err)
    assert text.startswith('GET /secrets/1: HTTP 403, Zoho code 7003 - Access Denied: no scope.')
    assert 'scopes' in text and '\n' not in text


def test_ambiguous_candidates():
    err = E.AmbiguousName('2 secrets are named db', candidates=[{'name': 'db', 'id': '1'}, {'name': 'db', 'id': '2'}])
    assert len(err.candidates) == 2 and err.status is None


def test_redact_text_longest_first():
    assert redact_text('token abc and abcdef', ['abc', 'abcdef']) == 'token %s and %s' % (MASK, MASK)
    assert redact_text(None, ['x']) is None


def test_redact_structures():
    data = {'secretname': 'db', 'password': 'p@ss', 'notes': 'the password is p@ss', 'nested': [{'Password': 'q'}, ('p@ss',)]}
    out = redact(data, secrets=['p@ss'], keys=SENSITIVE_KEYS)
    assert out == {'secretname': 'db', 'password': MASK, 'notes': 'the password is %s' % MASK,
                   'nested': [{'Password': MASK}, (MASK,)]}
    assert data['password'] == 'p@ss'  # a copy


def test_redact_keeps_empty_and_non_strings():
    assert redact({'password': '', 'n': 3, 'b': True}, secrets=['3'], keys=SENSITIVE_KEYS) == {'password': '', 'n': 3, 'b': True}


def test_collect_secrets():
    found = collect_secrets({'data': {'password': 'x1', 'customfields': [{'name': 'a', 'value': 'v'}]}, 'access_token': 't'})
    assert sorted(found) == ['t', 'x1']
