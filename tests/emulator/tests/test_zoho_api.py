"""Production dialect: shapes, strictness, paging, writes, sharing, folders, users and groups, faults."""

from __future__ import annotations

import base64
import json
import re
from urllib.parse import urlencode

import pytest

import zoho_vault_emulator.zoho  # noqa: F401  # pylint: disable=unused-import  # registers the routes
from zoho_client import LOGIN, PAGE, REST, Keys, payload
from zoho_vault_emulator.zoho import crypto
from zoho_vault_emulator.zoho.registry import ZROUTES

FAKE_ID = "123456000000000001"


def concrete(route):
    return re.sub(r"<(?:\w+:)?\w+>", FAKE_ID, route.rule)


def base_params(route):
    params = dict.fromkeys(route.required, "0")
    params.update({"isAsc": "true", "rowPerPage": "10"} if "isAsc" in route.required else {})
    if route.operation:
        params["OPERATION_NAME"] = route.operation
    return params


def by_name(rows, name):
    return next(r for r in rows if r["secretname"] == name)


@pytest.fixture
def own(emulator, zoho):
    api = zoho("own")
    api.keys = Keys(api, master_password=emulator.zoho_accounts["own"]["master_password"])
    return api


# -- envelope and shapes -----------------------------------------------------------------------------
def test_rest_envelope_list_and_get(own):
    resp = own.call("GET", REST + "/secrets", params=PAGE)
    op = resp.json()["operation"]
    assert list(op) == ["name", "result", "Details", "meta"] and op["result"] == {"status": "Success", "message": ""}
    assert op["name"] == "GET_SECRETS" and op["meta"] == {"secretcount": len(op["Details"])}
    row = by_name(op["Details"], "Shared Database")
    assert isinstance(row["secretData"], str) and row["ownerdetails"]["EMAIL"].startswith("own@")
    one = own.call("GET", f"{REST}/secrets/{row['secretid']}").json()["operation"]
    assert op["name"] != one["name"] == "GET_SECRET" and one["Details"] == row


def test_missing_secret_is_http_404(own):
    assert own.err("GET", f"{REST}/secrets/{FAKE_ID}")[0] == 404


def test_open_vault_types_and_policy(own):
    vault = own.login("OPEN_VAULT", limit=0)
    names = {spec["NAME"] for spec in vault["SECRETTYPECOLUMNS"].values()}
    assert {"Web Account", "Secure Note", "Unix", "Bank Account"} <= names
    assert vault["USERCONFIG"]["DEFAULT_PASSWDPOLICY_ID"].endswith("000000000063")
    assert own.err("GET", LOGIN, params={"OPERATION_NAME": "OPEN_VAULT", "limit": "-1"})[1] == "PATTERN_NOT_MATCHED"


# -- strictness ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("route", ZROUTES, ids=[r.key for r in ZROUTES])
def test_unknown_query_parameter_is_extra_param_found_on_every_route(own, route):
    status, code, message = own.err(route.method, concrete(route), params={**base_params(route), "bogus": "1"})
    assert (status, code) == (400, "EXTRA_PARAM_FOUND") and "bogus" in message


@pytest.mark.parametrize("route", [r for r in ZROUTES if r.required - {"OPERATION_NAME"}],
                         ids=[r.key for r in ZROUTES if r.required - {"OPERATION_NAME"}])
def test_each_missing_required_parameter_is_less_than_min_occurance(own, route):
    for name in route.required - {"OPERATION_NAME"}:
        params = {k: v for k, v in base_params(route).items() if k != name}
        status, code, message = own.err(route.method, concrete(route), params=params)
        assert (status, code) == (400, "LESS_THAN_MIN_OCCURANCE") and name in message


@pytest.mark.parametrize("route", [r for r in ZROUTES if r.body == "form"], ids=[r.key for r in ZROUTES if r.body == "form"])
def test_form_writes_refuse_a_json_body(own, route):
    own.login()
    status, code, message = own.err(route.method, concrete(route), json_body={"secretname": "x"})
    assert (status, code) == (400, "LESS_THAN_MIN_OCCURANCE") and "INPUT_DATA" in message


@pytest.mark.parametrize("route", [r for r in ZROUTES if r.body == "json"], ids=[r.key for r in ZROUTES if r.body == "json"])
def test_bulkshare_refuses_a_form_body(own, route):
    own.login()
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    status, code, _message = own.err(route.method, concrete(route), raw=urlencode({"INPUT_DATA": "{}"}), headers=form)
    assert (status, code) == (400, "LESS_THAN_MIN_OCCURANCE")


def test_unknown_operation_name_and_path(own):
    assert own.err("GET", LOGIN, params={"OPERATION_NAME": "NOPE"})[1] == "PATTERN_NOT_MATCHED"
    assert own.err("GET", LOGIN)[1] == "LESS_THAN_MIN_OCCURANCE"
    assert own.err("GET", REST + "/nothing")[:2] == (404, "URL_NOT_FOUND")
    # Writes whose payloads nobody knows are not served: folders, users, groups.
    assert own.err("POST", REST + "/chambers", form={"INPUT_DATA": "{}"})[:2] == (405, "METHOD_NOT_ALLOWED")
    assert own.err("DELETE", REST + "/user/1")[:2] == (405, "METHOD_NOT_ALLOWED")


def test_tokens_and_scopes(emulator, zoho):
    bearer = zoho("own")
    assert bearer.err("GET", LOGIN, params={"OPERATION_NAME": "GET_LOGIN"},
                      headers={"Authorization": f"Bearer {bearer.token}"})[:2] == (401, "INVALID_OAUTHTOKEN")
    bearer.token = "1000.bogus"
    assert bearer.err("GET", REST + "/secrets", params=PAGE)[:2] == (401, "INVALID_OAUTHTOKEN")
    secrets_only = zoho("own", scopes=["ZohoVault.secrets.ALL"])
    assert secrets_only.err("GET", LOGIN, params={"OPERATION_NAME": "GET_LOGIN"})[1] == "INVALID_OAUTHSCOPE"
    assert secrets_only.ok("GET", REST + "/secrets", params=PAGE)
    user_only = zoho("own", scopes=["ZohoVault.user.READ"])
    assert user_only.err("GET", REST + "/secrets", params=PAGE)[1] == "INVALID_OAUTHSCOPE"
    reference_scopes = zoho("own", scopes=["ZohoVault.chambers.ALL", "ZohoVault.users.ALL"])
    assert reference_scopes.err("GET", REST + "/user", params=PAGE)[1] == "INVALID_OAUTHSCOPE"
    read_only = zoho("own", scopes=["ZohoVault.secrets.READ", "ZohoVault.user.READ"])
    read_only.login()
    assert read_only.err("DELETE", f"{REST}/secrets/{FAKE_ID}")[1] == "INVALID_OAUTHSCOPE"


# -- paging --------------------------------------------------------------------------------------------
def test_zero_based_pages_with_secretcount(emulator, zoho):
    emulator.zoho_account("pager@zoho.vault.example", "pager-password")
    for i in range(5):
        emulator.zoho_secret("pager@zoho.vault.example", f"item-{i}", fields={"username": f"u{i}", "password": "p"})
    api = zoho("pager@zoho.vault.example")
    pages = [api.call("GET", REST + "/secrets", params={"isAsc": "true", "pageNum": n, "rowPerPage": 2}).json()["operation"]
             for n in range(4)]
    assert [[r["secretname"] for r in p["Details"]] for p in pages] == [["item-0", "item-1"], ["item-2", "item-3"], ["item-4"], []]
    assert {p["meta"]["secretcount"] for p in pages} == {5}
    desc = api.secrets(isAsc="false")
    assert [r["secretname"] for r in desc] == [f"item-{i}" for i in range(4, -1, -1)]
    for bad in ({"pageNum": "-1"}, {"rowPerPage": "0"}, {"rowPerPage": "-1"}, {"isAsc": "yes"}, {"pageNum": "one"}):
        assert api.err("GET", REST + "/secrets", params={**PAGE, **bad})[1] == "PATTERN_NOT_MATCHED", bad
    assert emulator.counters()["later_pages"]["GET /api/rest/json/v1/secrets"] == 3


def test_page_cap_shortens_pages(emulator, zoho):
    emulator.set_page_cap(1)
    rows = zoho("own").call("GET", REST + "/secrets", params=PAGE).json()["operation"]
    assert len(rows["Details"]) == 1 and rows["meta"]["secretcount"] == 4


# -- writes ----------------------------------------------------------------------------------------------
def test_create_get_update_delete_round_trip(emulator, own):
    data = payload(own, own.keys.org, "Created Shared", True, {"username": "alice", "password": "pw-1", "notes": "n"})
    resp = own.write("POST", REST + "/secrets", data)
    op = resp.json()["operation"]
    assert resp.status_code == 200 and op["name"] == "ADD_SECRET" and isinstance(op["Details"], dict)
    row = op["Details"]
    assert json.loads(row["secretData"]) == data["secretdata"] and row["notes"] == data["securenote"]  # stored as sent
    plain = emulator.zoho_plaintext(row["secretid"])
    assert plain["fields"] == {"username": "alice", "password": "pw-1", "file": ""} and plain["notes"] == "n"
    update = payload(own, own.keys.org, "Created Shared", True, {"username": "alice", "password": "pw-2"})
    updated = own.write("PUT", f"{REST}/secrets/{row['secretid']}", update).json()["operation"]["Details"]
    assert updated["passwordmodifiedtime"] >= row["passwordmodifiedtime"]
    assert emulator.zoho_plaintext(row["secretid"])["notes"] == ""  # a full resend: what is not sent is cleared
    assert own.ok("DELETE", f"{REST}/secrets/{row['secretid']}")["secretid"] == row["secretid"]
    assert own.ok("GET", f"{REST}/secrets/{row['secretid']}")["istrashed"] is True
    assert row["secretid"] not in {r["secretid"] for r in own.secrets()}
    assert own.err("DELETE", f"{REST}/secrets/{row['secretid']}")[0] == 404


def test_update_needs_the_full_resend(own):
    sid = by_name(own.secrets(), "Own Personal Login")["secretid"]
    data = payload(own, own.keys.key, "Own Personal Login", False, {"username": "x", "password": "y"})
    del data["secrettypeid"]
    raw = urlencode({"INPUT_DATA": json.dumps(data)})
    status, code, message = own.err("PUT", f"{REST}/secrets/{sid}", raw=raw, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert (status, code) == (400, "LESS_THAN_MIN_OCCURANCE") and "secrettypeid" in message


@pytest.mark.parametrize("change, code", [
    ({"secretdata": {"username": "plain-text", "password": "cwJb2QihxVc="}}, "PATTERN_NOT_MATCHED"),
    ({"secretdata": {"password": "cwJb2QihxVc="}}, "LESS_THAN_MIN_OCCURANCE"),
    ({"secretdata": {"username": "cwJb2QihxVc=", "password": "cwJb2QihxVc="}}, "PATTERN_NOT_MATCHED"),  # one nonce twice
    ({"secretdata": {"username": "cwJb2QihxVc=", "password": "BAG86zEhDWBo5S0cOVRYPH4A8vs0NgU=", "pin": "ewDvvgDxU2U="}},
     "EXTRA_PARAM_FOUND"),
    ({"description": "no punctuation, please!"}, "PATTERN_NOT_MATCHED"),
    ({"classification": "X"}, "PATTERN_NOT_MATCHED"),
    ({"secrettypeid": "1"}, "PATTERN_NOT_MATCHED"),
    ({"policyid": "1"}, "PATTERN_NOT_MATCHED"),
    ({"secretname": "  "}, "PATTERN_NOT_MATCHED"),
    ({"bogus": "1"}, "EXTRA_PARAM_FOUND"),
    ({"notes": None}, "EXTRA_PARAM_FOUND"),
    ({"tags": None}, "PATTERN_NOT_MATCHED"),
    ({"files": [{"name": "f"}]}, "PATTERN_NOT_MATCHED"),
    ({"customcolumnnew": "bm90IGpzb24="}, "PATTERN_NOT_MATCHED"),
    # a column without a known type (the apps write text or password)
    ({"customcolumnnew": base64.b64encode(json.dumps({"customcol": [{"id": "0", "colname": "pin", "value": ""}]}).encode()).decode()},
     "PATTERN_NOT_MATCHED"),
    ({"customcolumnnew": base64.b64encode(json.dumps({"customcol": [{"id": "0", "colname": "pin", "type": "secret",
                                                                     "value": ""}]}).encode()).decode()}, "PATTERN_NOT_MATCHED"),
])
def test_create_validation(own, change, code):
    data = payload(own, own.keys.key, "Refused", False, {"username": "a", "password": "b"})
    data.update(change)
    assert own.write("POST", REST + "/secrets", data).json()["operation"]["result"]["error_code"] == code
    assert "Refused" not in {r["secretname"] for r in own.secrets()}


def test_form_body_must_hold_only_input_data(own):
    own.login()
    data = payload(own, own.keys.key, "Form", False, {"username": "a", "password": "b"})
    raw = urlencode({"INPUT_DATA": json.dumps(data), "extra": "1"})
    assert own.err("POST", REST + "/secrets", raw=raw, headers={"Content-Type": "application/x-www-form-urlencoded"})[1] == "EXTRA_PARAM_FOUND"
    raw = urlencode([("INPUT_DATA", json.dumps(data)), ("INPUT_DATA", json.dumps(data))])
    assert own.err("POST", REST + "/secrets", raw=raw, headers={"Content-Type": "application/x-www-form-urlencoded"})[1] == "EXTRA_PARAM_FOUND"
    raw = urlencode({"INPUT_DATA": "[1, 2]"})
    assert own.err("POST", REST + "/secrets", raw=raw, headers={"Content-Type": "application/x-www-form-urlencoded"})[1] == "PATTERN_NOT_MATCHED"


def test_passphrase_headers(emulator, own):
    data = payload(own, own.keys.key, "Synced", False, {"username": "a", "password": "b"})
    missing = own.write("POST", REST + "/secrets", data, sync=False).json()["operation"]["result"]
    assert missing["error_code"] == "INVALID_PASSPHRASE_SYNC" and "required on writes" in missing["message"]
    assert own.ok("GET", REST + "/secrets", params=PAGE, sync=False)  # reads may omit them
    emulator.set_clock(5)
    emulator.control("POST", "/zoho/passphrase_change", {"emailid": emulator.zoho_accounts["own"]["email"]})
    assert own.err("GET", REST + "/secrets", params=PAGE)[:2] == (400, "INVALID_PASSPHRASE_SYNC")
    assert own.write("POST", REST + "/secrets", data).json()["operation"]["result"]["error_code"] == "INVALID_PASSPHRASE_SYNC"
    own.login()
    assert own.write("POST", REST + "/secrets", data).status_code == 200


def test_unapproved_user_cannot_create_a_shared_secret(emulator, zoho):
    api = zoho("unapproved")
    keys = Keys(api, master_password=emulator.zoho_accounts["unapproved"]["master_password"])
    data = payload(api, keys.key, "Would be shared", True, {"username": "a", "password": "b"})
    assert api.write("POST", REST + "/secrets", data).json()["operation"]["result"]["error_code"] == "SHARING_NOT_ALLOWED"


# -- sharing -----------------------------------------------------------------------------------------
def test_sharing_reads_and_bulkshare_replaces(emulator, own, zoho):
    sid = by_name(own.secrets(), "Shared Database")["secretid"]
    shares = own.ok("GET", f"{REST}/sharing/secret/user/{sid}")
    assert set(shares) == {"manageusers", "modifyusers", "viewusers", "logonusers", "notshared"}
    assert {u["email"].split("@")[0] for u in shares["viewusers"]} == {"v1", "unapproved", "sha"}
    v1 = next(u for u in shares["viewusers"] if u["email"].startswith("v1@"))
    assert set(v1) == {"user_auto_id", "unique-id", "username", "email"}
    body = {"INPUT_DATA": {"manageusers": [], "modifyusers": [v1["user_auto_id"]], "viewusers": [], "logonusers": []},
            "secretIds": [sid]}
    result = own.ok("PUT", REST + "/sharing/secret/users/bulkshare", json_body=body)
    assert result["secretArray"][0]["secretid"] == sid
    after = own.ok("GET", f"{REST}/sharing/secret/user/{sid}")
    assert [u["email"] for u in after["modifyusers"]] == [v1["email"]] and after["viewusers"] == []
    assert sid not in {r["secretid"] for r in zoho("unapproved").secrets()}  # replaced, not merged
    v1_api = zoho("v1")
    assert by_name(v1_api.secrets(), "Shared Database")["sharinglevel"] == 40


def test_bulkshare_refusals(own, zoho):
    rows = own.secrets()
    personal, shared = by_name(rows, "Own Personal Login")["secretid"], by_name(rows, "Shared Database")["secretid"]
    empty = {"manageusers": [], "modifyusers": [], "viewusers": [], "logonusers": []}
    path = REST + "/sharing/secret/users/bulkshare"
    assert own.err("PUT", path, json_body={"INPUT_DATA": empty, "secretIds": [personal]})[1] == "SHARING_NOT_ALLOWED"
    assert own.err("PUT", path, json_body={"INPUT_DATA": {"viewusers": []}, "secretIds": [shared]})[1] == "LESS_THAN_MIN_OCCURANCE"
    assert own.err("PUT", path, json_body={"INPUT_DATA": {**empty, "viewusers": ["999"]}, "secretIds": [shared]})[1] == "PATTERN_NOT_MATCHED"
    assert own.err("PUT", path, json_body={"INPUT_DATA": empty})[1] == "LESS_THAN_MIN_OCCURANCE"
    assert own.err("PUT", path, json_body={"INPUT_DATA": empty, "secretIds": [shared], "x": 1})[1] == "EXTRA_PARAM_FOUND"
    viewer = zoho("sha")
    viewer.login()
    assert viewer.err("PUT", path, json_body={"INPUT_DATA": empty, "secretIds": [shared]})[:2] == (403, "PERMISSION_DENIED")
    assert viewer.err("GET", f"{REST}/sharing/secret/user/{shared}")[1] == "PERMISSION_DENIED"


def test_view_share_cannot_update_and_group_share_can(emulator, zoho):
    v1 = zoho("v1")
    keys = Keys(v1, master_password="passphrase123")
    rows = v1.secrets()
    database, unix = by_name(rows, "Shared Database"), by_name(rows, "Shared Unix")
    data = payload(v1, keys.org, "Shared Database", True, {"username": "x", "password": "y"})
    assert v1.write("PUT", f"{REST}/secrets/{database['secretid']}", data).json()["operation"]["result"]["error_code"] == "PERMISSION_DENIED"
    assert unix["sharinglevel"] == 40  # modify, through the group
    groups = zoho("own").ok("GET", f"{REST}/sharing/secret/usergroup/{unix['secretid']}")
    assert [g["usergroupname"] for g in groups["modifyusers"]] == ["Emulator Team"]


def test_personal_secret_becomes_shared_after_reencryption(emulator, own):
    sid = by_name(own.secrets(), "Own Personal Login")["secretid"]
    data = payload(own, own.keys.org, "Own Personal Login", True, {"username": "own-user", "password": "Own-Passw0rd!"},
                   classification="E")
    assert own.write("PUT", f"{REST}/secrets/{sid}", data).status_code == 200
    plain = emulator.zoho_plaintext(sid)
    assert plain["isshared"] == "YES" and plain["fields"]["password"] == "Own-Passw0rd!"


# -- folders, users, groups --------------------------------------------------------------------------
def test_chambers(own, zoho):
    chambers = own.ok("GET", REST + "/chambers", params=PAGE)
    folder = next(c for c in chambers if c["chambername"] == "Emulator Folder")
    assert own.ok("GET", REST + "/chambers", params={**PAGE, "rowPerPage": "-1"}) == chambers
    assert own.ok("GET", REST + "/chambers", params={**PAGE, "chamberName": "emulator"}) == [folder]
    details = own.ok("GET", f"{REST}/chambers/{folder['chamberid']}")
    inside = {s["secretname"] for s in details["chambersecrets"]}
    assert inside == {"Shared Database", "Shared Unix"}
    assert {r["secretname"] for r in own.secrets(chamberId=folder["chamberid"])} == inside
    assert own.err("GET", REST + "/secrets", params={**PAGE, "chamberId": FAKE_ID})[0] == 404
    assert zoho("v1").ok("GET", f"{REST}/chambers/{folder['chamberid']}")["chamberid"] == folder["chamberid"]
    assert zoho("v3").err("GET", f"{REST}/chambers/{folder['chamberid']}")[0] == 404


def test_users_and_groups(own):
    users = own.ok("GET", REST + "/user", params=PAGE)
    assert set(users[0]) == {"role", "unique-id", "enabled", "email", "user_auto_id", "username"}
    emails = {u["email"].split("@")[0] for u in users}
    assert {"own", "v1", "nopass", "sha", "unapproved"} <= emails and "unregistered" not in emails and "v3" not in emails
    v1 = next(u for u in users if u["email"].startswith("v1@"))
    assert own.ok("GET", f"{REST}/user/{v1['unique-id']}") == v1
    assert own.ok("GET", REST + "/user", params={**PAGE, "email": "V1@"}) == [v1]
    assert own.err("GET", f"{REST}/user/1")[0] == 404
    groups = own.ok("GET", REST + "/usergroup")
    assert groups == [{"usergroup_auto_id": groups[0]["usergroup_auto_id"], "usergroupname": "Emulator Team"}]


# -- faults, counters, control ---------------------------------------------------------------------------
def test_faults_and_counters_on_zoho_paths(emulator, own):
    emulator.add_fault(kind="status", status=503, path=r"^/api/rest/json/v1/secrets$", count=1)
    status, code, _message = own.err("GET", REST + "/secrets", params=PAGE)
    assert (status, code) == (503, "SERVICE_UNAVAILABLE")
    assert own.ok("GET", REST + "/secrets", params=PAGE)
    emulator.add_fault(kind="rate_limit", path=r"^/api/json/login", count=1)
    assert own.err("GET", LOGIN, params={"OPERATION_NAME": "GET_LOGIN"})[:2] == (429, "TOO_MANY_REQUESTS")
    emulator.add_fault(kind="expire_token", path=r"orgkey", count=1)
    assert own.err("GET", REST + "/user/orgkey")[:2] == (401, "INVALID_OAUTHTOKEN")
    calls = emulator.counters()["calls"]
    assert calls["GET /api/rest/json/v1/secrets"] == 2 and calls["GET /api/json/login?OPERATION_NAME=GET_LOGIN"] >= 2


def test_control_accounts_and_secrets(emulator, zoho):
    created = emulator.zoho_account("ctl@zoho.vault.example", "ctl-password", iterations=2000)
    assert created["master_key"] == crypto.derive_key("ctl-password", zoho("ctl@zoho.vault.example").login()["SALT"], 2000)
    made = emulator.zoho_secret("ctl@zoho.vault.example", "Ctl Shared", shared=True, chamber="Ctl Folder",
                                fields={"username": "u", "password": "p"}, custom={"k": "v", "pin": "1"}, concealed=["pin"],
                                share_users={emulator.zoho_accounts["own"]["email"]: "view"})
    plain = emulator.zoho_plaintext(made["secretid"])
    assert plain["custom"] == {"k": "v", "pin": "1"} and plain["isshared"] == "YES" and made["chamberid"]
    assert plain["custom_types"] == {"k": "text", "pin": "password"}
    own = zoho("own")
    keys = Keys(own, master_password=emulator.zoho_accounts["own"]["master_password"])
    assert keys.fields(by_name(own.secrets(), "Ctl Shared"))["password"] == "p"
    many = emulator.control("POST", "/zoho/secrets", {"secrets": [
        {"owner": "ctl@zoho.vault.example", "secretname": f"bulk-{i}", "fields": {"username": "u", "password": str(i)}}
        for i in range(30)]})["secrets"]
    assert [emulator.zoho_plaintext(m["secretid"])["fields"]["password"] for m in many[::10]] == ["0", "10", "20"]
    with pytest.raises(Exception, match="400"):
        emulator.control("POST", "/zoho/secrets", {"secrets": [{"owner": "ctl@zoho.vault.example", "secretname": "ok"},
                                                               {"owner": "ctl@zoho.vault.example"}]})
    ctl = zoho("ctl@zoho.vault.example")
    assert "ok" not in {r["secretname"] for r in ctl.secrets()} and len(ctl.secrets()) == 31
    nopass = emulator.zoho_account("ctl-nopass@zoho.vault.example")
    assert nopass["master_key"] is None
    for bad in ({"emailid": "ctl@zoho.vault.example", "master_password": "x"}, {"emailid": "n@x", "iterations": 0, "master_password": "x"},
                {"emailid": "m@x"}, {"emailid": "o@x", "master_password": "x", "login": "MD5"}):
        with pytest.raises(Exception, match="400"):
            emulator.control("POST", "/zoho/accounts", bad)
    with pytest.raises(Exception, match="400"):
        emulator.zoho_secret("ctl@zoho.vault.example", "Bad", fields={"pin": "1"})


def test_readme_table_lists_exactly_the_registry():
    """The README's endpoint table and the route registry (what the pipeline enforces) say the same."""
    import os  # pylint: disable=import-outside-toplevel
    with open(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "README.md"), encoding="utf-8") as handle:
        readme = handle.read()
    rows = {line.split("`")[1]: line for line in readme.splitlines() if line.startswith("| `") and "/api/" in line.split("|")[1]}
    rows = {key: line for key, line in rows.items() if key.split(" ")[0] in ("GET", "POST", "PUT", "DELETE")}
    assert set(rows) == {r.key for r in ZROUTES}
    for route in ZROUTES:
        cells = [c.strip() for c in rows[route.key].split("|")[1:-1]]
        assert cells[1] == f"`{route.name}`", route.key
        assert set(re.findall(r"`([^`]+)`", cells[2])) == {f"ZohoVault.{f}.{a}" for f, a in route.scopes}, route.key
        assert set(re.findall(r"`(\w+)`", cells[3])) == set(route.params), route.key
        assert (cells[4] == "none") == (route.body == "none"), route.key


def test_the_design_example_payload_is_refused_for_its_repeated_nonce(emulator, zoho):
    """vectors.json's create_payload_example encrypts every field with one fixed nonce (an encoder golden test):
    sent as is it is refused; with the same plaintexts under fresh nonces it is stored."""
    from zoho_vault_emulator.zoho.seeds import vectors  # pylint: disable=import-outside-toplevel
    api = zoho("v4")
    keys = Keys(api, master_key=emulator.zoho_accounts["v4"]["master_key"])
    vault = api.login("OPEN_VAULT", limit=0)
    example = dict(vectors()["create_payload_example"]["json"])
    example["secrettypeid"] = next(t for t, spec in vault["SECRETTYPECOLUMNS"].items() if spec["NAME"] == "Web Account")
    example["policyid"] = vault["USERCONFIG"]["DEFAULT_PASSWDPOLICY_ID"]
    result = api.write("POST", REST + "/secrets", example).json()["operation"]["result"]
    assert result["error_code"] == "PATTERN_NOT_MATCHED" and "nonce" in result["message"]
    source = crypto.NonceSource()
    fresh = {name: crypto.encrypt_field(crypto.decrypt_field(value, keys.org), keys.org, source())
             for name, value in example["secretdata"].items()}
    example.update(secretdata=fresh, securenote=crypto.encrypt_field("", keys.org, source()))
    row = api.write("POST", REST + "/secrets", example).json()["operation"]["Details"]
    assert keys.fields(row)["password"] == "hunter2"
