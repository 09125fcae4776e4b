"""The emulator's own Zoho crypto against the test vectors.

Vector data comes from detunized/password-manager-access (MIT licence; data only, no code: test/ZohoVault test data
and fixtures), Zoho's documentation examples, and values computed with an independent implementation; the file
zoho_vault_emulator/zoho/vectors.json names each source.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from zoho_vault_emulator.zoho import crypto
from zoho_vault_emulator.zoho.seeds import vectors

V = vectors()
ORG_VECTORS = ("org_key_rsa1024_pkcs1v15_A", "org_key_rsa1024_pkcs1v15_B_2025")


def test_kdf_gives_the_vector_key_and_ctr_key():
    kdf = V["kdf"]
    key = crypto.derive_key(kdf["passphrase"], kdf["salt"], kdf["iterations"])
    assert key == kdf["expected_key_ascii"]
    assert crypto.ctr_key(key).hex() == kdf["expected_ctr_key_hex"]


def test_check_blob_accepts_the_right_passphrase_and_not_a_wrong_one():
    kdf = V["kdf"]
    right = crypto.derive_key(kdf["passphrase"], kdf["salt"], kdf["iterations"])
    assert crypto.decrypt_field(kdf["passphrase_check_blob"], right) == kdf["expected_check_plaintext"]
    wrong = crypto.derive_key(kdf["wrong_passphrase"], kdf["salt"], kdf["iterations"])
    with pytest.raises(ValueError):
        json.loads(crypto.decrypt_field(kdf["passphrase_check_blob"], wrong))


@pytest.mark.parametrize("case", V["personal_field_decrypt"]["cases"], ids=lambda c: c["plaintext"] or "empty")
def test_personal_fields_decrypt(case):
    assert crypto.decrypt_field(case["ciphertext"], V["personal_field_decrypt"]["key_ascii"]) == case["plaintext"]


@pytest.mark.parametrize("name", ORG_VECTORS)
def test_org_key_from_real_private_and_sharing_keys(name):
    vec = V[name]
    text = crypto.decrypt_field(vec["PRIVATEKEY"], vec["master_key_ascii"])
    key = crypto.parse_jsbn(text)
    assert len(text.split(",")) == 8 and key["e"] == 0x10001 and key["n"].bit_length() == 1024
    assert key["p"] * key["q"] == key["n"]
    assert crypto.rsa_unwrap(vec["SHARINGKEY"], key) == vec["expected_org_key"]


def test_shared_items_decrypt_under_the_org_keys():
    item = V["org_key_rsa1024_pkcs1v15_A"]["shared_item"]
    org_a = V["org_key_rsa1024_pkcs1v15_A"]["expected_org_key"]
    for field in ("username", "password", "securenote"):
        assert crypto.decrypt_field(item[field], org_a) == item["expected_" + field]
    item = V["org_key_rsa1024_pkcs1v15_B_2025"]["get_secret"]
    org_b = V["org_key_rsa1024_pkcs1v15_B_2025"]["expected_org_key"]
    for field in ("username", "password", "notes", "encsecretname"):
        assert crypto.decrypt_field(item[field], org_b) == item["expected_" + field]


def test_2019_check_blob_verifies_the_master_key():
    vec = V["org_key_rsa1024_pkcs1v15_A"]
    plain = crypto.decrypt_field(vec["get_login"]["PASSPHRASE"], vec["master_key_ascii"])
    assert plain == vec["get_login"]["expected_check_plaintext"]


def test_deterministic_encryption_reproduces_the_vectors_and_a_real_ciphertext():
    enc = V["encrypt_deterministic"]
    assert crypto.zoho_nonce(enc["now_ms"] / 1000, enc["rnd16"]).hex() == enc["nonce_hex"]
    for case in enc["cases"]:
        key = case.get("key_ascii") or case["key_org"]
        nonce = bytes.fromhex(case.get("nonce_hex", enc["nonce_hex"]))
        assert crypto.encrypt_field(case["plaintext"], key, nonce) == case["ciphertext"], case


def test_nonce_seconds_match_a_real_secrets_creation_time():
    item = V["org_key_rsa1024_pkcs1v15_B_2025"]["get_secret"]
    nonce = crypto.base64.b64decode(item["username"])[:8]
    assert int.from_bytes(nonce[4:], "little") == item["creationtime"] // 1000


def test_astral_characters_are_cesu8_both_ways():
    assert crypto.js_utf8("\U0001F600") == bytes.fromhex("eda0bdedb880")
    key = V["kdf"]["expected_key_ascii"]
    for text in ("emoji \U0001F600 note", "S3cr3t-пароль-密码", ""):
        assert crypto.decrypt_field(crypto.encrypt_field(text, key), key) == text
    # Plain UTF-8 (a 4-byte sequence), as a non-JS client might write, reads the same.
    assert crypto.js_utf8_decode("\U0001F600".encode("utf-8")) == "\U0001F600"


def test_garbage_never_decrypts_to_text():
    key = V["kdf"]["expected_key_ascii"]
    with pytest.raises(ValueError):
        crypto.decrypt_field("not base64!", key)
    nonce = bytes(8)
    for raw in (bytes([0xED, 0xA0, 0x80]), bytes([0xFF, 0xFE])):  # a lone surrogate half; bytes no UTF-8 has
        blob = crypto.base64.b64encode(nonce + crypto._ctr(key, nonce, raw)).decode()
        with pytest.raises(ValueError):
            crypto.decrypt_field(blob, key)


def test_empty_and_nonce_only_fields_are_empty():
    key = V["kdf"]["expected_key_ascii"]
    assert crypto.decrypt_field("", key) == "" and crypto.decrypt_field("cwJb2QihxVc=", key) == ""
    assert crypto.is_ciphertext("cwJb2QihxVc=") and not crypto.is_ciphertext("hunter2") and not crypto.is_ciphertext("")


def test_generated_rsa_keys_wrap_and_unwrap_the_org_key():
    key = crypto.generate_rsa()
    assert key["n"].bit_length() == 1024 and key["e"] == 0x10001
    text = crypto.jsbn_text(key)
    assert crypto.parse_jsbn(text) == key
    org = crypto.new_org_key()
    wrapped = crypto.rsa_wrap(org, key["n"])
    assert len(wrapped) == 256 and crypto.rsa_unwrap(wrapped, key) == org
    assert crypto.rsa_wrap(org, key["n"]) != wrapped  # random padding
    with pytest.raises(ValueError):
        crypto.rsa_unwrap(wrapped, crypto.generate_rsa())
    with pytest.raises(ValueError):
        crypto.parse_jsbn("1,2,3")


def test_org_keys_are_32_printable_characters():
    for _attempt in range(20):
        org = crypto.new_org_key()
        assert len(org) == 32 and all(0x21 <= ord(c) <= 0x7E for c in org)


def test_legacy_sha_login_vector():
    assert crypto.sha_login_key(V["kdf"]["passphrase"]) == "f06289e5d571e2dbac981975c1df9b09"
    expected = "4461c7ebca5ae9fab7f3994f835d1ae0013c50d0dada0bcbae349fc99145f480"
    assert crypto.sha_auth_pass(V["kdf"]["passphrase"], V["kdf"]["salt"]) == expected


def test_nonce_source_never_repeats():
    source = crypto.NonceSource(clock=lambda: 1700000000.123)
    seen = {source() for _call in range(500)}
    assert len(seen) == 500 and all(n[:2] == (123).to_bytes(2, "little") for n in seen)


def test_the_emulator_does_not_import_the_collections_crypto():
    """Both sides written apart: a shared mistake must not pass both test suites."""
    package = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "zoho_vault_emulator")
    for root, _dirs, files in os.walk(package):
        for name in files:
            if name.endswith(".py"):
                with open(os.path.join(root, name), encoding="utf-8") as handle:
                    text = handle.read()
                assert not re.search(r"ansible_collections|module_utils|plugins\.", text), name
