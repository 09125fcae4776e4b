"""Production dialect: key bootstrap and the seeded accounts. Clients decrypt real Zoho ciphertexts (data from
detunized/password-manager-access, MIT) and data the emulator encrypted itself."""

from __future__ import annotations

import json

import pytest
import requests

from zoho_client import LOGIN, REST, Keys
from zoho_vault_emulator.zoho import crypto
from zoho_vault_emulator.zoho.seeds import PURPOSES


def by_name(rows, name):
    return next(r for r in rows if r["secretname"] == name)


def test_every_seeded_account_is_described(emulator):
    accounts = emulator.zoho_accounts
    assert set(accounts) == set(PURPOSES)
    assert accounts["v1"]["master_password"] == "passphrase123" and accounts["v3"]["master_password"] is None
    assert accounts["v3"]["master_key"] == "c16c3e48073b8932c77c1aaa2170fbf3"
    assert requests.get(emulator.url + "/_emulator/zoho/accounts", timeout=10).json() == accounts


def test_get_login_shape_is_the_legacy_envelope(zoho):
    resp = zoho("v1").call("GET", LOGIN, params={"OPERATION_NAME": "GET_LOGIN"})
    op = resp.json()["operation"]
    assert resp.status_code == 200 and op["name"] == "GET_LOGIN" and op["result"] == {"status": "success", "message": ""}
    details = op["details"]
    assert set(details) == {"LOGIN", "SALT", "ITERATION", "PASSPHRASE", "USER", "CREATIONTIME", "LASTMODFIEDTIME"}
    assert details["LOGIN"] == "PBKDF2_AES" and details["SALT"] == "f78e6ffce8e57501a02c9be303db2c68" and details["ITERATION"] == 1000
    assert set(details["USER"]) == {"USERID", "ZUID", "EMAIL", "USERNAME", "ROLES", "NEW_UI"}


def test_v1_real_personal_item_decrypts_with_the_master_password(emulator, zoho):
    api = zoho("v1")
    keys = Keys(api, master_password=emulator.zoho_accounts["v1"]["master_password"])
    row = by_name(api.secrets(), "Abbott, Hamill and Upton")
    assert row["isshared"] == "NO"
    assert keys.fields(row) == {"username": "Duncan.Reinger", "password": "vqnjBS5KKHesQsb", "file": "",
                                "notes": "engineer enterprise functionalities"}


def test_v1_reads_a_secret_the_emulator_shared_under_its_org_key(emulator, zoho):
    api = zoho("v1")
    keys = Keys(api, master_password="passphrase123")
    row = by_name(api.secrets(), "Shared Database")
    assert row["isshared"] == "YES" and row["sharinglevel"] == 30
    assert keys.fields(row)["password"] == "S3cr3t-пароль-密码"
    custom = json.loads(crypto.base64.b64decode(row["customcolumn"]))["customcol"]
    assert [(c["colname"], crypto.decrypt_field(c["value"], keys.org)) for c in custom] == [("env", "prod")]
    assert crypto.decrypt_field(row["totp"], keys.org).startswith("otpauth://totp/")


def test_wrong_master_password_fails_the_local_check(zoho):
    with pytest.raises(ValueError):
        Keys(zoho("v1"), master_password="Not really a passphrase")


def test_v3_real_2019_org_key_and_shared_item(emulator, zoho):
    api = zoho("v3")
    keys = Keys(api, master_key=emulator.zoho_accounts["v3"]["master_key"])
    vault = api.login("OPEN_VAULT", limit=0)
    assert vault["SHARING_APPROVED"] is True and len(vault["SHARINGKEY"]) == 256
    assert keys.org == "ItaDMKNE|x4gu1gEom9f@'GWsjH!}$OS"
    row = by_name(api.secrets(), "Facebook")
    assert (row["classification"], row["isshared"]) == ("P", "YES")
    fields = keys.fields(row)
    assert (fields["username"], fields["password"], fields["notes"]) == ("mark", "zuckerberg", "Yo, bitches!")


def test_v4_real_2025_item_with_encrypted_name(emulator, zoho):
    api = zoho("v4")
    keys = Keys(api, master_key=emulator.zoho_accounts["v4"]["master_key"])
    row = by_name(api.secrets(), "blah.com")
    assert crypto.decrypt_field(row["encsecretname"], keys.org) == "blah.com"
    assert keys.fields(row) == {"username": "blah", "password": "pass", "file": "", "notes": "blahahaha"}
    assert keys.org == "5w7rE'UMs-fr7WoVi{=hi*x)bU?0%-:/"


def test_own_account_personal_emoji_note(emulator, zoho):
    api = zoho("own")
    keys = Keys(api, master_password=emulator.zoho_accounts["own"]["master_password"])
    assert api.login()["ITERATION"] == 100000
    row = by_name(api.secrets(), "Emoji Note")
    # A Secure Note keeps its text in secretData's notes field.
    assert crypto.decrypt_field(json.loads(row["secretData"])["notes"], keys.key) == "emoji \U0001F600 note"
    assert keys.fields(by_name(api.secrets(), "Own Personal Login"))["password"] == "Own-Passw0rd!"


def test_orgs_are_apart(zoho):
    names = {r["secretname"] for r in zoho("v3").secrets()}
    assert names == {"Facebook"}


def test_unapproved_account_has_no_org_key(emulator, zoho):
    api = zoho("unapproved")
    Keys(api, master_password=emulator.zoho_accounts["unapproved"]["master_password"])
    assert api.ok("GET", REST + "/user/orgkey")["sharedKey"] == ""
    vault = api.login("OPEN_VAULT", limit=0)
    assert vault["SHARING_APPROVED"] is False and vault["SHARINGKEY"] == ""
    assert by_name(api.secrets(), "Shared Database")["isshared"] == "YES"  # visible, but it cannot decrypt it
    emulator.control("POST", "/zoho/approve", {"emailid": emulator.zoho_accounts["unapproved"]["email"]})
    keys = Keys(api, master_password=emulator.zoho_accounts["unapproved"]["master_password"])
    assert keys.fields(by_name(api.secrets(), "Shared Database"))["username"] == "dbadmin"


@pytest.mark.parametrize("who, code", [("nopass", "PASSPHRASE_NOT_CREATED"), ("unregistered", "USER_NOT_REGISTERED_IN_VAULT"),
                                       ("admin@vault.example", "USER_NOT_REGISTERED_IN_VAULT")])
def test_accounts_that_cannot_open_vault(zoho, who, code):
    api = zoho(who, scopes=["ZohoVault.secrets.ALL", "ZohoVault.user.READ"])
    # HTTP 200 with a failed status: a client must read result.status, not only the HTTP status.
    assert api.err("GET", LOGIN, params={"OPERATION_NAME": "GET_LOGIN"})[:2] == (200, code)
    assert api.err("GET", REST + "/secrets", params={"isAsc": "true", "pageNum": "0", "rowPerPage": "10"})[:2] == (400, code)


@pytest.mark.parametrize("state, code", [("not_invited", "USER_NOT_INVITED"), ("org_not_registered", "ORG_NOT_REGISTERED")])
def test_control_made_account_states(emulator, zoho, state, code):
    emulator.zoho_account(f"{state}@zoho.vault.example", state=state)
    api = zoho(f"{state}@zoho.vault.example")
    assert api.err("GET", LOGIN, params={"OPERATION_NAME": "GET_LOGIN"})[:2] == (200, code)
    assert state not in {u["email"].split("@")[0] for u in zoho("own").ok("GET", REST + "/user", params={
        "isAsc": "true", "pageNum": "0", "rowPerPage": "100"})}


def test_legacy_sha_account(emulator, zoho):
    api = zoho("sha")
    info = api.login()
    password = emulator.zoho_accounts["sha"]["master_password"]
    assert info["LOGIN"] == "SHA"
    good = crypto.sha_auth_pass(password, info["SALT"])
    form = {"authPass": good}
    path_params = {"OPERATION_NAME": "IS_VALID_AUTHPASS"}
    assert api.ok("POST", LOGIN, params=path_params, form=form) == {"IS_VALID_AUTHPASS": True}
    assert api.ok("POST", LOGIN, params=path_params, form={"authPass": "0" * 64}) == {"IS_VALID_AUTHPASS": False}
    assert api.err("POST", LOGIN, params=path_params, form={})[1] == "LESS_THAN_MIN_OCCURANCE"
    keys = Keys(api, master_key=crypto.sha_login_key(password))
    assert keys.fields(by_name(api.secrets(), "SHA Personal"))["password"] == "sha-item-pw"


def test_seeded_refresh_tokens_mint_at_the_token_endpoint(emulator):
    acc = emulator.zoho_accounts["v4"]
    resp = requests.post(emulator.accounts_url + "/oauth/v2/token", timeout=10, data={
        "grant_type": "refresh_token", "client_id": acc["client_id"], "client_secret": acc["client_secret"],
        "refresh_token": acc["refresh_token"]})
    token = resp.json()["access_token"]
    login = requests.get(emulator.zoho_url + LOGIN, params={"OPERATION_NAME": "GET_LOGIN"},
                         headers={"Authorization": f"Zoho-oauthtoken {token}"}, timeout=10)
    assert login.json()["operation"]["details"]["USER"]["EMAIL"] == acc["email"]
    # A production account has no user in the reference API.
    ref = requests.get(emulator.api_url + "/secrets", headers={"Authorization": f"Zoho-oauthtoken {token}"}, timeout=10)
    assert ref.status_code == 401


def test_reset_keeps_credentials_and_rebuilds_data(emulator, zoho):
    before = emulator.zoho_accounts["own"]
    api = zoho("own")
    api.login()
    sid = by_name(api.secrets(), "Own Personal Login")["secretid"]
    emulator.reset()
    assert requests.get(emulator.url + "/_emulator/zoho/accounts", timeout=10).json()["own"] == before
    again = zoho("own")
    assert by_name(again.secrets(), "Own Personal Login")["secretid"] != sid
