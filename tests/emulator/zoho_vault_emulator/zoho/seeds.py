"""Seeded accounts of the production dialect, rebuilt at every reset with the same credentials.

Three organisations: the emulator's own (org key generated here, wrapped for each approved account), and the two
real ones of the test vectors (data from detunized/password-manager-access, MIT), whose org keys are known only
through their real RSA-wrapped SHARINGKEY and PRIVATEKEY. So clients decrypt real Zoho ciphertexts and data the
emulator encrypted itself.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from typing import Any

from ..util import random_hex
from .accounts import encrypted_secret, install_account, new_spec
from .crypto import new_org_key
from .model import empty_control, empty_zoho, new_org, type_named

DOMAIN = "zoho.vault.example"
EMU_ORG, ORG_2019, ORG_2025 = "emulator", "fixture-2019", "fixture-2025"
# What each seeded account is for (the README and the ready file repeat it).
PURPOSES = {
    "own": "emulator-made keys (its own master password, PBKDF2 100000 rounds); owns personal and shared secrets, a folder, a group",
    "v1": "real 2016 key check blob and real personal ciphertexts (master password passphrase123 of the vectors); org key wrapped by the emulator",
    "v3": "2019 fixture account: master key only; real PRIVATEKEY/SHARINGKEY and a real shared item",
    "v4": "2025 fixture account: master key only; real PRIVATEKEY/SHARINGKEY and a real shared item (encsecretname, customcolumn)",
    "unapproved": "master password set, org sharing not approved (empty sharedKey); a shared secret is shared with it",
    "nopass": "invited but no master password yet: GET_LOGIN answers PASSPHRASE_NOT_CREATED",
    "unregistered": "has a Zoho OAuth token but is not in any Vault org: USER_NOT_REGISTERED_IN_VAULT",
    "sha": "legacy SHA login (LOGIN \"SHA\"), validated with IS_VALID_AUTHPASS",
}


@lru_cache(maxsize=1)
def vectors() -> dict[str, Any]:
    with open(os.path.join(os.path.dirname(__file__), "vectors.json"), encoding="utf-8") as handle:
        return json.load(handle)


def _fresh_specs(store: Any) -> dict[str, Any]:
    """Credentials, salts, RSA keys and master passwords: made once per fresh state, kept across resets."""
    v = vectors()
    kdf, org_a, org_b = v["kdf"], v["org_key_rsa1024_pkcs1v15_A"], v["org_key_rsa1024_pkcs1v15_B_2025"]
    login_a = org_a["get_login"]
    specs = {
        "own": new_spec(store, f"own@{DOMAIN}", master_password="own-" + random_hex(8), iterations=100000, role="Administrator",
                        roles="SuperAdmin,Admin,User", username="Emulator Owner"),
        "v1": new_spec(store, f"v1@{DOMAIN}", master_password=kdf["passphrase"], salt=kdf["salt"], iterations=kdf["iterations"],
                       passphrase=kdf["passphrase_check_blob"], created_ms=1472569542874, lastmodified="", username="lastpass.ruby"),
        "v3": new_spec(store, f"v3@{DOMAIN}", master_key=org_a["master_key_ascii"], salt=login_a["SALT"], iterations=login_a["ITERATION"],
                       passphrase=login_a["PASSPHRASE"], created_ms=int(login_a["CREATIONTIME"]), lastmodified=login_a["LASTMODFIEDTIME"],
                       privatekey=org_a["PRIVATEKEY"], sharedkey=org_a["SHARINGKEY"], username="LastPass Ruby",
                       role="Administrator", roles="SuperAdmin,Admin,User"),
        "v4": new_spec(store, f"v4@{DOMAIN}", master_key=org_b["master_key_ascii"], salt=random_hex(16), iterations=1000,
                       created_ms=1743692300000, privatekey=org_b["PRIVATEKEY"], sharedkey=org_b["SHARINGKEY"],
                       username="jack.the.rabbit", role="Administrator", roles="SuperAdmin,Admin,User"),
        "unapproved": new_spec(store, f"unapproved@{DOMAIN}", master_password="unapproved-" + random_hex(8), approved=False),
        "nopass": new_spec(store, f"nopass@{DOMAIN}", state="no_passphrase"),
        "unregistered": new_spec(store, f"unregistered@{DOMAIN}", state="unregistered"),
        "sha": new_spec(store, f"sha@{DOMAIN}", master_password="sha-" + random_hex(8), login="SHA"),
    }
    return {"org_key": new_org_key(), "accounts": specs}


ORG_OF = {"v3": ORG_2019, "v4": ORG_2025}


def install(store: Any, fresh: bool) -> None:
    """(Re)build the dialect's state from the kept specs; fresh makes new credentials and keys first."""
    boot = store.db["bootstrap"]
    if fresh or "zoho" not in boot:
        boot["zoho"] = _fresh_specs(store)
    store.db["zoho"], store.db["zoho_control"] = empty_zoho(), empty_control()
    zdb, control = store.db["zoho"], store.db["zoho_control"]
    new_org(zdb, EMU_ORG, "Emulator Org", "48213")
    new_org(zdb, ORG_2019, "LastPass Ruby_691361765", "113381")
    new_org(zdb, ORG_2025, "jack.the.rabbit_20085519105", "34896", policy_suffix="000000000191")
    control["org_keys"][EMU_ORG] = boot["zoho"]["org_key"]
    users = {label: install_account(store, spec, ORG_OF.get(label, EMU_ORG)) for label, spec in boot["zoho"]["accounts"].items()}
    _fixture_items(store, users)
    _emulator_items(store, users)


def _put(store: Any, owner: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    secret = encrypted_secret(store, owner, item)
    store.db["zoho"]["secrets"][secret["secretid"]] = secret
    return secret


def _fixture_secret(store: Any, owner: dict[str, Any], fixture: dict[str, Any], shared: bool) -> dict[str, Any]:
    """A secret exactly as a fixture holds it: every ciphertext is Zoho's own, none re-encrypted here."""
    org = store.db["zoho"]["orgs"][owner["orgid"]]
    urls = [fixture["secreturl"]] if fixture.get("secreturl") else []
    secret = {"secretid": store.new_id(), "orgid": owner["orgid"], "owner": owner["userid"], "secretname": fixture["secretname"],
              "accounttype": type_named(org, "Web Account"), "policyid": org["policyid"], "classification": fixture.get("classification", "E"),
              "isshared": "YES" if shared else "NO", "description": fixture.get("description", ""), "tags": "",
              "secreturl": urls[0] if urls else "", "secretmultipleurl": urls, "notes": fixture.get("notes") or fixture.get("securenote", ""),
              "secretdata": {"password": fixture["password"], "file": fixture.get("file", ""), "username": fixture["username"]},
              "customcolumn": fixture.get("customcolumn", "eyJjdXN0b21jb2wiOltdfQ=="), "totp": "",
              "encsecretname": fixture.get("encsecretname", ""), "encdescription": "", "encryptedurls": [], "encryptedtags": "",
              "chamberid": None, "creationtime": fixture["creationtime"], "passwordmodifiedtime": fixture["creationtime"],
              "istrashed": False, "shares": {"users": {}, "groups": {}}}
    store.db["zoho"]["secrets"][secret["secretid"]] = secret
    return secret


def _fixture_items(store: Any, users: dict[str, dict[str, Any]]) -> None:
    v = vectors()
    _fixture_secret(store, users["v1"], v["personal_field_decrypt"]["item"], shared=False)
    _fixture_secret(store, users["v3"], v["org_key_rsa1024_pkcs1v15_A"]["shared_item"], shared=True)
    _fixture_secret(store, users["v4"], v["org_key_rsa1024_pkcs1v15_B_2025"]["get_secret"], shared=True)


def _emulator_items(store: Any, users: dict[str, dict[str, Any]]) -> None:
    zdb, own = store.db["zoho"], users["own"]
    now_ms = int(store.now() * 1000)
    folder = {"chamberid": store.new_id(), "chambername": "Emulator Folder", "orgid": own["orgid"], "owner": own["userid"],
              "description": "Seeded folder", "creationtime": now_ms}
    zdb["chambers"][folder["chamberid"]] = folder
    team = {"usergroup_auto_id": store.new_id(), "usergroupname": "Emulator Team", "orgid": own["orgid"],
            "members": [own["userid"], users["v1"]["userid"]]}
    zdb["groups"][team["usergroup_auto_id"]] = team
    _put(store, own, {"name": "Own Personal Login", "fields": {"username": "own-user", "password": "Own-Passw0rd!"},
                      "notes": "personal note", "urls": ["https://own.example"]})
    database = _put(store, own, {"name": "Shared Database", "shared": True, "chamberid": folder["chamberid"],
                                 "fields": {"username": "dbadmin", "password": "S3cr3t-пароль-密码"}, "notes": "shared note",
                                 "custom": {"env": "prod"}, "totp": "otpauth://totp/Emulator:dbadmin?secret=JBSWY3DPEHPK3PXP",
                                 "urls": ["https://db.example"], "description": "Seeded shared login"})
    database["shares"]["users"] = {users[label]["userid"]: "view" for label in ("v1", "unapproved", "sha")}
    unix = _put(store, own, {"name": "Shared Unix", "type": "Unix", "shared": True, "chamberid": folder["chamberid"],
                             "fields": {"username": "root", "password": "unix-Pa55"}})
    unix["shares"]["groups"] = {team["usergroup_auto_id"]: "modify"}
    _put(store, own, {"name": "Emoji Note", "type": "Secure Note", "fields": {"notes": "emoji \U0001F600 note"}})
    _put(store, users["unapproved"], {"name": "Unapproved Personal", "fields": {"username": "u", "password": "unapproved-pw"}})
    _put(store, users["sha"], {"name": "SHA Personal", "fields": {"username": "legacy", "password": "sha-item-pw"}})


def describe(store: Any) -> dict[str, Any]:
    """The seeded accounts for the ready file: credentials, and the master password or key the test side knows."""
    control = store.db["zoho_control"]
    out = {}
    for label, spec in store.db["bootstrap"]["zoho"]["accounts"].items():
        out[label] = {"email": spec["email"], "userid": spec["userid"], "zuid": spec["zuid"], "client_id": spec["client_id"],
                      "client_secret": spec["client_secret"], "refresh_token": spec["refresh_token"],
                      "master_password": spec.get("master_password"), "master_key": control["master_keys"].get(spec["userid"]),
                      "purpose": PURPOSES[label]}
    return out
