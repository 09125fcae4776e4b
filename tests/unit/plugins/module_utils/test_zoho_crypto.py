# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The zoho dialect's crypto against every vector of ``data/zoho_production_vectors.json``.

Source of the vector data: most inputs (salts, passphrase blobs, RSA keys, ciphertexts) are test data
and fixtures of detunized/password-manager-access (MIT), taken as data only; the rest are Zoho's
documentation examples or values computed with an independent implementation (ZOHO-PRODUCTION.md §2).
"""

import base64
import binascii
import json
import os

import pytest

from ansible_collections.zoho.vault.plugins.module_utils import _zoho_crypto as zc
from ansible_collections.zoho.vault.plugins.module_utils._errors import ConfigError, DecryptionError

with open(os.path.join(os.path.dirname(__file__), 'data', 'zoho_production_vectors.json'), encoding='utf-8') as handle:
    VECTORS = json.load(handle)

KDF = VECTORS['kdf']
ORG_A = VECTORS['org_key_rsa1024_pkcs1v15_A']
ORG_B = VECTORS['org_key_rsa1024_pkcs1v15_B_2025']
ENC = VECTORS['encrypt_deterministic']


# -- V1: KDF and key check (data from detunized/password-manager-access, MIT) ------------------

def test_v1_derives_the_master_key_with_the_servers_iteration_count():
    assert zc.derive_master_key(KDF['passphrase'], KDF['salt'], KDF['iterations']) == KDF['expected_key_ascii']


def test_v1_iteration_count_matters():
    assert zc.derive_master_key(KDF['passphrase'], KDF['salt'], KDF['iterations'] + 1) != KDF['expected_key_ascii']


def test_v1_ctr_key_schedule():
    assert binascii.hexlify(zc.ctr_key(KDF['expected_key_ascii'])).decode() == KDF['expected_ctr_key_hex']


def test_v1_passphrase_blob_decrypts_to_its_json():
    assert zc.decrypt_field(KDF['passphrase_check_blob'], KDF['expected_key_ascii']) == KDF['expected_check_plaintext']
    assert zc.verify_master_key(KDF['expected_key_ascii'], KDF['passphrase_check_blob'])


def test_v1_wrong_passphrase_fails_the_local_check():
    wrong = zc.derive_master_key(KDF['wrong_passphrase'], KDF['salt'], KDF['iterations'])
    assert wrong != KDF['expected_key_ascii']
    assert not zc.verify_master_key(wrong, KDF['passphrase_check_blob'])


@pytest.mark.parametrize('iterations', [0, -1, None, True, '1000'])
def test_v1_unusable_iteration_count_is_an_error(iterations):
    with pytest.raises(DecryptionError):
        zc.derive_master_key('x', KDF['salt'], iterations)


# -- V2: personal item under K (data from detunized/password-manager-access, MIT) ----------------

@pytest.mark.parametrize('case', VECTORS['personal_field_decrypt']['cases'], ids=lambda c: c['plaintext'] or 'empty')
def test_v2_personal_fields(case):
    assert zc.decrypt_field(case['ciphertext'], VECTORS['personal_field_decrypt']['key_ascii']) == case['plaintext']


# -- V3 and V4: organisation keys (data from detunized/password-manager-access, MIT) -------------

@pytest.mark.parametrize('vector', [ORG_A, ORG_B], ids=['2019', '2025'])
def test_org_key_from_jsbn_private_key_and_pkcs1_v15(vector):
    assert zc.decrypt_org_key(vector['PRIVATEKEY'], vector['SHARINGKEY'], vector['master_key_ascii']) == vector['expected_org_key']


@pytest.mark.parametrize('vector', [ORG_A, ORG_B], ids=['2019', '2025'])
def test_org_private_key_is_an_rsa_1024_jsbn_key(vector):
    n, e, d, p, q = zc.parse_jsbn_private_key(zc.decrypt_field(vector['PRIVATEKEY'], vector['master_key_ascii']))[:5]
    assert e == 0x10001 and n.bit_length() == 1024 and p * q == n and d > 1


def test_v3_shared_item_under_org_key_a():
    item = ORG_A['shared_item']
    key = ORG_A['expected_org_key']
    assert zc.decrypt_field(item['username'], key) == item['expected_username']
    assert zc.decrypt_field(item['password'], key) == item['expected_password']
    assert zc.decrypt_field(item['securenote'], key) == item['expected_securenote']


def test_v3_master_key_a_is_no_org_key():
    with pytest.raises(DecryptionError):
        zc.decrypt_field(ORG_A['shared_item']['securenote'] + 'AAAA', ORG_A['master_key_ascii'][:-1] + '0')


def test_v4_shared_item_under_org_key_b():
    item = ORG_B['get_secret']
    key = ORG_B['expected_org_key']
    for name in ('username', 'password', 'notes', 'encsecretname'):
        assert zc.decrypt_field(item[name], key) == item['expected_' + name]


def test_v4_custom_columns_are_plain_base64_json():
    assert json.loads(base64.b64decode('eyJjdXN0b21jb2wiOltdfQ==')) == {'customcol': []}


def test_org_key_with_the_wrong_master_key_never_yields_a_key():
    with pytest.raises(DecryptionError):
        zc.decrypt_org_key(ORG_A['PRIVATEKEY'], ORG_A['SHARINGKEY'], ORG_B['master_key_ascii'])


def test_unknown_private_key_format_is_a_clear_error():
    blob = zc.encrypt_field('not a key at all', 'k' * 32, nonce=b'\1' * 8)
    with pytest.raises(DecryptionError, match='unknown format'):
        zc.decrypt_org_key(blob, ORG_A['SHARINGKEY'], 'k' * 32)


def test_approval_flow_round_trips():
    """What an admin's client does (encrypt the org key with the user's public key), opened with the private key."""
    n, e, d = zc.parse_jsbn_private_key(zc.decrypt_field(ORG_B['PRIVATEKEY'], ORG_B['master_key_ascii']))[:3]
    wrapped = zc.rsa_pkcs1_v15_encrypt(n, e, ORG_A['expected_org_key'].encode('ascii'))
    assert zc.rsa_pkcs1_v15_decrypt(n, d, wrapped).decode('ascii') == ORG_A['expected_org_key']


# -- V5: deterministic encryption (computed; the last row is a real Zoho ciphertext) ------------

def test_v5_nonce_layout():
    assert binascii.hexlify(zc.zoho_nonce(ENC['now_ms'], ENC['rnd16'])).decode() == ENC['nonce_hex']


@pytest.mark.parametrize('case', ENC['cases'], ids=lambda c: c.get('note') or c['plaintext'] or 'empty')
def test_v5_encryption_is_byte_compatible(case):
    key = case.get('key_ascii') or case['key_org']
    nonce = binascii.unhexlify(case.get('nonce_hex') or ENC['nonce_hex'])
    assert zc.encrypt_field(case['plaintext'], key, nonce=nonce) == case['ciphertext']
    assert zc.decrypt_field(case['ciphertext'], key) == case['plaintext']


def test_v5_emoji_round_trip_is_cesu8():
    text = 'key \U0001F511 ok'
    encoded = zc.js_utf8_encode(text)
    assert b'\xed\xa0\xbd\xed\xb4\x91' in encoded  # two 3-byte surrogates, as Zoho's JavaScript writes them
    assert zc.decrypt_field(zc.encrypt_field(text, KDF['expected_key_ascii']), KDF['expected_key_ascii']) == text


def test_v5_plain_utf8_four_byte_sequences_decode_too():
    assert zc.js_utf8_decode('\U0001F511'.encode('utf-8')) == '\U0001F511'


def test_v5_fresh_nonces_differ_per_field():
    key = KDF['expected_key_ascii']
    blobs = {zc.encrypt_field('same', key) for _round in range(64)}
    assert len(blobs) > 1


def test_v5_crlf_is_not_normalised():
    key = KDF['expected_key_ascii']
    assert zc.decrypt_field(zc.encrypt_field('a\r\nb', key), key) == 'a\r\nb'


def test_lone_surrogate_is_an_error_not_garbage():
    key = KDF['expected_key_ascii']
    blob = base64.b64decode(zc.encrypt_field('ab', key, nonce=b'\2' * 8))
    counter_key = zc.ctr_key(key)
    bad = zc._ctr(counter_key, blob[:8], b'\xed\xa0\xbd')  # a high surrogate alone
    with pytest.raises(DecryptionError, match='does not decrypt to text'):
        zc.decrypt_field(base64.b64encode(blob[:8] + bad).decode(), key)


def test_field_that_is_not_base64_is_an_error():
    with pytest.raises(DecryptionError, match='not base64'):
        zc.decrypt_field('***', KDF['expected_key_ascii'])


def test_short_blob_is_empty():
    assert zc.decrypt_field('ewDvvgDxU2U=', KDF['expected_key_ascii']) == ''


# -- V6: the AES-CTR primitive (NIST SP 800-38A F.5.5, as in detunized's UtilTest) --------------

def test_v6_nist_ctr_vector():
    key = binascii.unhexlify('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4')
    counter = binascii.unhexlify('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff')
    plain = binascii.unhexlify('6bc1bee22e409f96e93d7e117393172a')
    second = binascii.unhexlify('ae2d8a571e03ac9c9eb76fac45af8e51')
    out = zc.aes_ctr(key, counter, plain + second)
    assert binascii.hexlify(out).decode() == '601ec313775789a5b7a7f504bbf3d228' 'f443e3ca4d62b59aca84e990cacaf5c5'


# -- V7: legacy SHA login (computed; self-consistency) ------------------------------------------

def test_v7_legacy_sha_key_and_auth_pass():
    assert zc.legacy_sha_key('passphrase123') == 'f06289e5d571e2dbac981975c1df9b09'
    assert zc.legacy_auth_pass('passphrase123', KDF['salt']) == '4461c7ebca5ae9fab7f3994f835d1ae0013c50d0dada0bcbae349fc99145f480'


# -- the create payload golden test ---------------------------------------------------------------

def test_create_payload_form_encoding():
    from ansible_collections.zoho.vault.plugins.module_utils._api_zoho.codec import form_body
    example = VECTORS['create_payload_example']
    assert form_body(example['json']) == example['form_body']


def test_missing_cryptography_is_one_line(monkeypatch):
    import builtins
    real_import = builtins.__import__

    def refuse(name, *args, **kwargs):
        if name.startswith('cryptography'):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, '__import__', refuse)
    with pytest.raises(ConfigError, match='needs the Python library "cryptography"') as caught:
        zc.decrypt_field(KDF['passphrase_check_blob'], KDF['expected_key_ascii'])
    assert '\n' not in str(caught.value)
    assert not zc.has_cryptography()
