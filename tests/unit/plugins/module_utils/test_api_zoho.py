# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The zoho dialect below the ``Vault`` facade, over a fake production server (no network).

The accounts and ciphertexts are vector data (``data/zoho_production_vectors.json``): the 2016 salt,
check blob and personal item, and the 2025 organisation key and shared item, from
detunized/password-manager-access (MIT), data only. The one blob made here (the 2025 account's
check blob) is marked so.
"""

import json
import os
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from ansible_collections.zoho.vault.plugins.module_utils import _zoho_crypto as zc
from ansible_collections.zoho.vault.plugins.module_utils._api import Vault
from ansible_collections.zoho.vault.plugins.module_utils._api_zoho.codec import JSON_BODY, ZohoCodec
from ansible_collections.zoho.vault.plugins.module_utils._errors import (
    AuthError, DecryptionError, MasterKeyError, NotFound, PermissionDenied, UnsupportedByDialect, ValidationError,
)

with open(os.path.join(os.path.dirname(__file__), 'data', 'zoho_production_vectors.json'), encoding='utf-8') as handle:
    VECTORS = json.load(handle)
KDF = VECTORS['kdf']
ORG_B = VECTORS['org_key_rsa1024_pkcs1v15_B_2025']
BASE = 'https://vault.zoho.com'

PERSONAL = {'secretid': '1001', 'secretname': 'Abbott, Hamill and Upton', 'accounttype': '9000000000015', 'isshared': 'NO',
            'classification': 'E', 'notes': VECTORS['personal_field_decrypt']['cases'][2]['ciphertext'],
            'secretData': json.dumps({'username': VECTORS['personal_field_decrypt']['cases'][0]['ciphertext'],
                                      'password': VECTORS['personal_field_decrypt']['cases'][1]['ciphertext']}),
            'ownerdetails': {'EMAIL': 'v1@example.test'}}
SHARED = {'secretid': '1002', 'secretname': 'ignored', 'encsecretname': ORG_B['get_secret']['encsecretname'],
          'accounttype': '9000000000015', 'isshared': 'YES', 'classification': 'E', 'notes': ORG_B['get_secret']['notes'],
          'customcolumn': 'eyJjdXN0b21jb2wiOltdfQ==',
          'secretData': json.dumps({'username': ORG_B['get_secret']['username'], 'password': ORG_B['get_secret']['password']})}
TYPES = {'9000000000015': {'NAME': 'Web Account', 'FIELDS': [{'NAME': 'username', 'TYPE': 'text'}, {'NAME': 'password', 'TYPE': 'password'}]}}


def envelope(details, name='OP', meta=None, legacy=False):
    operation = {'name': name, 'result': {'status': 'success' if legacy else 'Success', 'message': ''},
                 ('details' if legacy else 'Details'): details}
    if meta is not None:
        operation['meta'] = meta
    return {'operation': operation}


def failed(code, message='refused'):
    return {'operation': {'name': 'OP', 'result': {'status': 'Failed', 'message': message, 'error_code': code}}}


class FakeZoho:
    """Production routes over fixed rows; ``login`` is the GET_LOGIN details, ``orgkey`` what /user/orgkey answers."""

    def __init__(self, fakes, login, rows, orgkey=None, vault_info=None):
        self.fakes = fakes
        self.login = login
        self.rows = rows
        self.orgkey = orgkey
        self.vault_info = dict(vault_info or {}, SECRETTYPECOLUMNS=TYPES)
        self.seen = []

    def __call__(self, method, url, kwargs):
        parts = urlsplit(url)
        params = kwargs.get('params') or {}
        self.seen.append((method, parts.path, dict(params), dict(kwargs.get('headers') or {})))
        if parts.path.endswith('/oauth/v2/token'):
            return self.fakes.token_reply()
        path = parts.path[len(''):]
        reply = self.route(method, path, params)
        status = 404 if reply.get('operation', {}).get('result', {}).get('error_code') == 'RESOURCE_NOT_FOUND' else 200
        return self.fakes.FakeResponse(status, reply)

    def route(self, method, path, params):
        if path == '/api/json/login':
            return envelope(self.login if params['OPERATION_NAME'] == 'GET_LOGIN' else self.vault_info, legacy=True)
        if path == '/api/rest/json/v1/user/orgkey':
            return envelope(self.orgkey) if self.orgkey is not None else failed('RESOURCE_NOT_FOUND')
        if path == '/api/rest/json/v1/secrets':
            start = params['pageNum'] * params['rowPerPage']
            return envelope(self.rows[start:start + params['rowPerPage']], meta={'secretcount': len(self.rows)})
        for row in self.rows:
            if path == '/api/rest/json/v1/secrets/%s' % row['secretid']:
                return envelope(row)
        return failed('RESOURCE_NOT_FOUND')


def v1_login():
    return {'LOGIN': 'PBKDF2_AES', 'SALT': KDF['salt'], 'ITERATION': KDF['iterations'], 'PASSPHRASE': KDF['passphrase_check_blob'],
            'CREATIONTIME': '1472569542874', 'LASTMODFIEDTIME': '1472569542999',
            'USER': {'USERID': '77', 'ZUID': '5001', 'EMAIL': 'v1@example.test', 'USERNAME': 'Vee One', 'ROLES': ['User']}}


def b_login():
    # The 2025 account's check blob is made here (the fixture has none), under its real master key.
    return {'LOGIN': 'PBKDF2_AES', 'SALT': 'unused', 'ITERATION': 1000, 'CREATIONTIME': '1', 'LASTMODFIEDTIME': '2',
            'PASSPHRASE': zc.encrypt_field('{"date":"2025-04-03T15:00:00.000Z"}', ORG_B['master_key_ascii']), 'USER': {}}


@pytest.fixture
def zoho(make_client, fakes):
    def build(login, rows, key_store=None, **options):
        server = FakeZoho(fakes, login, rows, options.pop('orgkey', None), options.pop('vault_info', None))
        client, session, _clock = make_client(server, api_url=BASE, **options)
        return Vault(client, key_store=key_store), server, session

    return build


# -- codec ---------------------------------------------------------------------------------------

def test_codec_encodes_writes_as_input_data_form_and_bulkshare_as_json():
    form = ZohoCodec.body('ADD_SECRET', {'secretname': 'a b/c'})
    assert form['data'] == b'INPUT_DATA=%7B%22secretname%22%3A%22a%20b%2Fc%22%7D'
    assert form['headers']['Content-Type'].startswith('application/x-www-form-urlencoded')
    assert ZohoCodec.body(JSON_BODY, {'secretIds': ['1']}) == {'json': {'secretIds': ['1']}}


@pytest.mark.parametrize('operation,details', [({'Details': [1]}, [1]), ({'details': {'a': 1}}, {'a': 1}), ({}, {})])
def test_codec_reads_details_in_either_spelling(operation, details):
    assert ZohoCodec.details(dict(operation, meta={'secretcount': 3})) == {'details': details, 'meta': {'secretcount': 3}}


@pytest.mark.parametrize('code,status,cls,seen', [
    ('INVALID_OAUTHTOKEN', 200, AuthError, 401), ('INVALID_OAUTHSCOPE', 401, PermissionDenied, 401),
    ('EXTRA_PARAM_FOUND', 400, ValidationError, 400), ('LESS_THAN_MIN_OCCURANCE', 400, ValidationError, 400),
    ('PASSPHRASE_NOT_CREATED', 200, MasterKeyError, 200), ('INVALID_PASSPHRASE_SYNC', 400, MasterKeyError, 400),
    ('RESOURCE_NOT_FOUND', 404, NotFound, 404), (None, 403, PermissionDenied, 403),
])
def test_codec_maps_string_codes(code, status, cls, seen):
    err = ZohoCodec.error(status, {'status': 'failed', 'error_code': code}, 'no', 'GET /x')
    assert type(err).__name__ == cls.__name__ and err.status == seen and err.code == code
    assert '\n' not in str(err)


def test_status_is_case_insensitive_and_failed_in_a_200_is_an_error(zoho):
    vault, server, _session = zoho({}, [])
    server.login = None
    server.route = lambda m, p, q: failed('PASSPHRASE_NOT_CREATED') if 'login' in p else envelope([])
    with pytest.raises(MasterKeyError, match='PASSPHRASE_NOT_CREATED.*master password'):
        vault.secrets.list()


# -- keys ----------------------------------------------------------------------------------------

def test_read_path_with_master_password(zoho):
    vault, server, session = zoho(v1_login(), [PERSONAL], master_password=KDF['passphrase'])
    row = vault.secrets.resolve('abbott, hamill and upton')
    assert (row['username'], row['notes'], row['secrettype'], row['owner']) == (
        'Duncan.Reinger', 'engineer enterprise functionalities', 'Login', 'v1@example.test')
    assert 'password' not in row
    assert vault.secrets.get_password('1001') == 'vqnjBS5KKHesQsb'
    assert KDF['expected_key_ascii'] in vault.client.secret_values() and 'vqnjBS5KKHesQsb' in vault.client.secret_values()
    later = [headers for _m, path, _p, headers in server.seen if 'rest' in path]
    assert later and all(h.get('PassphraseCreated') == '1472569542874' and h.get('LastPassphraseChange') == '1472569542999' for h in later)


def test_list_pages_from_zero_with_the_required_parameters(zoho, monkeypatch):
    from ansible_collections.zoho.vault.plugins.module_utils._api_zoho import session as zsession
    monkeypatch.setattr(zsession, 'ROWS_PER_PAGE', 2)
    rows = [dict(PERSONAL, secretid=str(2000 + n), secretname='s%d' % n) for n in range(5)]
    vault, server, _session = zoho(v1_login(), rows, master_password=KDF['passphrase'])
    assert [r['secretname'] for r in vault.secrets.list()] == ['s0', 's1', 's2', 's3', 's4']
    pages = [p for _m, path, p, _h in server.seen if path.endswith('/secrets')]
    assert [p['pageNum'] for p in pages] == [0, 1, 2] and all(p['isAsc'] == 'true' and p['rowPerPage'] == 2 for p in pages)


@pytest.mark.parametrize('option,value', [('master_password', KDF['wrong_passphrase']), ('master_key', 'ab' * 16)])
def test_wrong_master_secret_fails_after_get_login_alone(zoho, option, value):
    vault, server, _session = zoho(v1_login(), [PERSONAL], **{option: value})
    with pytest.raises(MasterKeyError, match='%s does not open' % option) as caught:
        vault.secrets.list()
    assert [(m, p) for m, p, _q, _h in server.seen if 'oauth' not in p] == [('GET', '/api/json/login')]
    assert value not in str(caught.value) and '\n' not in str(caught.value)


def test_master_key_instead_of_password(zoho):
    vault, _server, _session = zoho(v1_login(), [PERSONAL], master_key=KDF['expected_key_ascii'].upper())
    assert vault.secrets.get_password('1001') == 'vqnjBS5KKHesQsb'


def test_no_master_secret_is_a_config_error_naming_the_option(zoho):
    vault, _server, _session = zoho(v1_login(), [PERSONAL])
    with pytest.raises(Exception, match='master_password'):
        vault.secrets.list()


def test_org_key_from_user_orgkey(zoho):
    orgkey = {'privateKey': ORG_B['PRIVATEKEY'], 'sharedKey': ORG_B['SHARINGKEY']}
    vault, server, _session = zoho(b_login(), [SHARED], master_key=ORG_B['master_key_ascii'], orgkey=orgkey)
    assert vault.secrets.get_password('1002') == 'pass'
    row = vault.secrets.get('1002')
    assert (row['secretname'], row['username'], row['notes'], row['zoho_isshared']) == ('blah.com', 'blah', 'blahahaha', True)
    assert ORG_B['expected_org_key'] in vault.client.secret_values()
    assert sum(1 for _m, p, _q, _h in server.seen if p.endswith('/user/orgkey')) == 1


def test_org_key_falls_back_to_open_vault(zoho):
    info = {'PRIVATEKEY': ORG_B['PRIVATEKEY'], 'SHARINGKEY': ORG_B['SHARINGKEY']}
    vault, _server, _session = zoho(b_login(), [SHARED], master_key=ORG_B['master_key_ascii'], vault_info=info)
    assert vault.secrets.get_password('1002') == 'pass'


def test_no_org_key_names_the_admin_approval_step(zoho):
    vault, _server, _session = zoho(b_login(), [SHARED], master_key=ORG_B['master_key_ascii'], orgkey={'privateKey': ORG_B['PRIVATEKEY'], 'sharedKey': ''})
    with pytest.raises(MasterKeyError, match='administrator .* must approve this user'):
        vault.secrets.get_password('1002')


def test_without_an_org_key_shared_secrets_are_left_out_of_lists_not_failing_them(zoho):
    own = {'secretid': '1003', 'secretname': 'Own', 'accounttype': '9000000000015', 'isshared': 'NO', 'secretData': '{}'}
    warnings = []
    vault, _server, _session = zoho(b_login(), [SHARED, own], master_key=ORG_B['master_key_ascii'],
                                    orgkey={'privateKey': ORG_B['PRIVATEKEY'], 'sharedKey': ''})
    vault.client.warn = warnings.append
    assert [s['secretname'] for s in vault.secrets.list()] == ['Own']
    assert vault.secrets.resolve('own')['secretid'] == '1003'
    assert len(warnings) == 1 and '1 secret(s) shared with this user were left out' in warnings[0]
    assert 'must approve this user' in warnings[0]
    with pytest.raises(MasterKeyError, match="no secret named 'blah.com' among this user's own secrets, .* must approve"):
        vault.secrets.resolve('blah.com')


def test_field_that_is_not_text_names_the_secret(zoho):
    broken = dict(PERSONAL, notes=VECTORS['org_key_rsa1024_pkcs1v15_A']['shared_item']['securenote'])
    vault, _server, _session = zoho(v1_login(), [broken], master_password=KDF['passphrase'])
    with pytest.raises(DecryptionError, match="secret 'Abbott, Hamill and Upton'"):
        vault.secrets.get('1001')


class Store:
    """The lookups' key store as the KeyRing sees it: ``fetch(kind, args, producer)``, shared by clients."""

    def __init__(self):
        self.values = {}

    def fetch(self, kind, args, producer):
        key = (kind, tuple(args))
        if key not in self.values:
            self.values[key] = producer()
        return self.values[key]


def test_key_store_derives_once_for_many_clients(zoho):
    store = Store()
    rings = []
    for _round in range(3):
        vault, _server, _session = zoho(v1_login(), [PERSONAL], key_store=store, master_password=KDF['passphrase'])
        assert vault.secrets.get_password('1001') == 'vqnjBS5KKHesQsb'
        rings.append(vault.session.keys)
    assert [r.derivations for r in rings] == [1, 0, 0]


# -- capabilities: refused before any request ------------------------------------------------------

REFUSED = [
    ('audit', 'list', ()), ('emergency', 'grant', ('1', 'a@b', 1, 'r')), ('emergency', 'revoke', ('1', 'a@b')),
    ('emergency', 'requests', ()), ('export', 'secrets', ()), ('export', 'audit', ()), ('shares', 'transfer', ('1', 'a@b')),
    ('chambers', 'create', ({'chambername': 'x'},)), ('chambers', 'update', ('1', {})), ('chambers', 'delete', ('1',)),
    ('users', 'create', ({'emailid': 'a@b'},)), ('users', 'update', ('1', {})), ('users', 'delete', ('1',)),
    ('groups', 'create', ({'groupname': 'g'},)), ('groups', 'update', ('1', {})), ('groups', 'delete', ('1',)),
    ('groups', 'add_members', ('1', ['a@b'])), ('groups', 'remove_members', ('1', ['a@b'])),
    ('secrets', 'create', ({'secretname': 'x'},)), ('secrets', 'update', ('1', {})), ('secrets', 'delete', ('1',)),
    ('shares', 'share', ('1', [{'emailid': 'a@b', 'permissions': ['READ']}])), ('shares', 'revoke', ('1', 'a@b')),
]


@pytest.mark.parametrize('resource,method,args', REFUSED, ids=['%s.%s' % r[:2] for r in REFUSED])
def test_refused_before_any_request(zoho, resource, method, args):
    vault, _server, session = zoho(v1_login(), [PERSONAL], master_password=KDF['passphrase'])
    with pytest.raises(UnsupportedByDialect, match='dialect zoho') as caught:
        getattr(getattr(vault, resource), method)(*args)
    assert session.calls == [] and '\n' not in str(caught.value)


def test_generator_is_local(zoho):
    vault, _server, session = zoho(v1_login(), [])
    password = vault.generator.generate(length=20, symbols=False)
    assert len(password) == 20 and password.isalnum() and session.calls == []
    assert password in vault.client.secret_values()
    with pytest.raises(ValidationError):
        vault.generator.generate(uppercase=False, lowercase=False, numbers=False, symbols=False)


def test_users_current_comes_from_get_login(zoho):
    vault, _server, _session = zoho(v1_login(), [])
    assert vault.users.current()['emailid'] == 'v1@example.test'


def test_form_body_unquotes_to_the_json():
    body = ZohoCodec.body('UPDATE_SECRET', {'secretname': 'ü & =', 'n': 1})['data'].decode()
    assert json.loads(unquote(parse_qs(body, keep_blank_values=True) and body.split('=', 1)[1])) == {'secretname': 'ü & =', 'n': 1}


def test_capabilities_per_dialect(zoho, make_client):
    vault, _server, _session = zoho(v1_login(), [])
    assert vault.supports('secrets') and vault.supports('secret_writes') and not vault.supports('emergency')
    assert not vault.supports('audit') and not vault.supports('chamber_writes') and not vault.supports('transfer')
    client, _fake, _clock = make_client(lambda method, url, kwargs: None)
    reference = Vault(client)
    assert reference.dialect == 'reference' and all(reference.supports(c) for c in ('emergency', 'audit', 'chamber_writes'))


def test_write_payload_encrypts_each_field_with_its_own_nonce(zoho, monkeypatch):
    from ansible_collections.zoho.vault.plugins.module_utils._api_zoho import writes
    vault, _server, _session = zoho(v1_login(), [], master_password=KDF['passphrase'])
    nonces = iter([b'\1' * 8, b'\1' * 8, b'\2' * 8, b'\3' * 8, b'\4' * 8, b'\5' * 8, b'\6' * 8])
    monkeypatch.setattr(zc, 'fresh_nonce', lambda: next(nonces))
    key = vault.session.master_key()
    row = {'secrettypeid': '9000000000015', 'policyid': 'p1', 'classification': 'P', 'isshared': 'NO'}
    values = {'secretname': 'db', 'username': 'u', 'password': 'pw-1', 'notes': 'n', 'customfields': {'env': 'qa'}}
    payload = writes._payload(vault.session, row, values, writes.Encrypter(vault.session, key))
    blobs = list(payload['secretdata'].values()) + [payload['securenote']]
    assert len({base64_nonce(b) for b in blobs}) == len(blobs)  # the repeated nonce was drawn again
    assert {k: zc.decrypt_field(v, key) for k, v in payload['secretdata'].items()} == {'username': 'u', 'password': 'pw-1'}
    columns = json.loads(zc.base64.b64decode(payload['customcolumnnew']))['customcol']
    assert [(c['colname'], zc.decrypt_field(c['value'], key)) for c in columns] == [('env', 'qa')]
    assert (payload['secrettypeid'], payload['policyid'], payload['isshared']) == ('9000000000015', 'p1', 'NO')


def base64_nonce(blob):
    return zc.base64.b64decode(blob)[:8]


def test_legacy_sha_account_is_checked_by_the_server(zoho, fakes):
    """V7 (computed): the legacy key is sha256hex(password)[:32] and authPass sha256hex(sha256hex(password) + SALT)."""
    login = dict(v1_login(), LOGIN='SHA', PASSPHRASE='')
    vault, server, _session = zoho(login, [], master_password='passphrase123')
    original = server.route

    def route(method, path, params):
        if params.get('OPERATION_NAME') == 'IS_VALID_AUTHPASS':
            return envelope({'IS_VALID_AUTHPASS': True}, legacy=True)
        return original(method, path, params)

    server.route = route
    assert vault.session.master_key() == 'f06289e5d571e2dbac981975c1df9b09'
    posted = [kw for m, url, kw in _session.calls if m == 'POST' and 'login' in url]
    assert posted[0]['data'] == b'authPass=4461c7ebca5ae9fab7f3994f835d1ae0013c50d0dada0bcbae349fc99145f480'


def _columns(key, *columns):
    doc = {'customcol': [{'id': str(i), 'colname': name, 'type': kind, 'value': zc.encrypt_field(value, key)}
                         for i, (name, kind, value) in enumerate(columns)]}
    return zc.base64.b64encode(json.dumps(doc).encode('utf-8')).decode('ascii')


def test_custom_columns_of_type_password_are_concealed(zoho):
    from ansible_collections.zoho.vault.plugins.module_utils._redact import CONCEALED, SensitiveFields
    vault, server, _session = zoho(v1_login(), [], master_password=KDF['passphrase'])
    key = vault.session.master_key()
    server.rows.append(dict(PERSONAL, secretid='1003', customcolumn=_columns(key, ('pin', 'password', '4711'), ('env', 'text', 'qa'))))
    secret = vault.secrets.get('1003')
    assert secret['customfields'] == {'pin': '4711', 'env': 'qa'} and secret[CONCEALED] == ['pin']
    assert SensitiveFields().conceal(secret)['customfields'] == {'pin': 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER', 'env': 'qa'}


def test_write_payload_types_sensitive_and_concealed_columns_as_passwords(zoho):
    from ansible_collections.zoho.vault.plugins.module_utils._api_zoho import writes
    from ansible_collections.zoho.vault.plugins.module_utils._redact import CONCEALED
    vault, _server, _session = zoho(v1_login(), [], master_password=KDF['passphrase'], sensitive_custom_fields=['*_TOKEN'])
    key = vault.session.master_key()
    row = {'secrettypeid': '9000000000015', 'policyid': 'p1', 'classification': 'P', 'isshared': 'NO'}
    values = {'secretname': 'db', 'customfields': {'api_token': 't', 'env': 'qa', 'pin': '1'}, CONCEALED: ['pin']}
    payload = writes._payload(vault.session, row, values, writes.Encrypter(vault.session, key))
    columns = json.loads(zc.base64.b64decode(payload['customcolumnnew']))['customcol']
    assert [(c['colname'], c['type']) for c in columns] == [('api_token', 'password'), ('env', 'text'), ('pin', 'password')]


# -- writes are refused when planned ------------------------------------------------------------------

@pytest.mark.parametrize('kind,action,fields,preview,needle', [
    ('chamber', 'create', [], True, 'creating a chamber is not available with dialect zoho'),
    ('group', 'update', ['members'], True, 'changing a group is not available'),
    ('user', 'delete', [], True, 'removing a user is not available'),
    ('emergency_access', 'create', [], True, 'emergency access is not available'),
    ('secret', 'create', ['password'], False, 'creating a secret with dialect zoho is a preview'),
    ('share', 'update', ['users'], False, 'sharing a secret with dialect zoho is a preview'),
    ('secret', 'update', ['owner'], True, 'transferring the ownership of a secret is not available'),
    ('secret', 'update', ['notes'], True, None),
    ('share', 'delete', [], True, None),
])
def test_a_planned_write_meets_the_refusal_its_apply_would(zoho, kind, action, fields, preview, needle):
    from ansible_collections.zoho.vault.plugins.module_utils._changes import Change, FieldChange
    vault, server, _session = zoho(b_login(), [], master_key=ORG_B['master_key_ascii'], zoho_preview_writes=preview)
    change = Change(action, kind, 'x', fields=[FieldChange(name, None, 'v') for name in fields])
    refusal = vault.write_refusal(change)
    assert (refusal is None) if needle is None else (needle in str(refusal))
    assert vault.write_refusal(None) is None and not server.seen  # nothing was sent to decide
