"""Making Zoho accounts and secrets the way Zoho's own clients would: the seeds and the control plane use these.

Everything here plays the client's part (it knows master passwords and org keys); the API routes never call it.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from functools import lru_cache
from typing import Any

from ..util import random_hex
from .crypto import (NonceSource, decrypt_field, derive_key, encrypt_field, generate_rsa, jsbn_text, parse_jsbn, rsa_wrap,
                     sha_auth_pass, sha_login_key)
from .model import type_named
from .registry import DEFAULT_SCOPES

LOGINS = ("PBKDF2_AES", "SHA")
STATES = ("active", "no_passphrase", "unregistered", "not_invited", "org_not_registered")


@lru_cache(maxsize=64)
def cached_key(master_password: str, salt: str, iterations: int) -> str:
    # Seeds are rebuilt at every reset; deriving each time would cost a PBKDF2 run per reset and account.
    return derive_key(master_password, salt, iterations)


def master_key_for(login: str, master_password: str, salt: str, iterations: int) -> str:
    return cached_key(master_password, salt, iterations) if login == "PBKDF2_AES" else sha_login_key(master_password)


def iso_ms(ms: int) -> str:
    moment = dt.datetime.fromtimestamp(ms / 1000, dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def nonces(store: Any) -> NonceSource:
    return NonceSource(store.now)


def blank_user(store: Any, spec: dict[str, Any], orgid: str) -> dict[str, Any]:
    """The account row with no key material: what an invited user without a master password looks like."""
    return {"userid": spec["userid"], "zuid": spec["zuid"], "email": spec["email"], "username": spec.get("username") or spec["email"].split("@")[0],
            "role": spec.get("role", "User"), "roles": spec.get("roles", "User"), "enabled": True, "orgid": orgid,
            "state": spec.get("state", "active"), "login": spec.get("login", "PBKDF2_AES"), "salt": "", "iterations": 0,
            "passphrase": "", "authpass": "", "creationtime": "", "lastmodifiedtime": "", "privatekey": "", "sharedkey": ""}


def key_material(store: Any, user: dict[str, Any], spec: dict[str, Any], org_key: str | None) -> str:
    """Fill in what creating a master password (and an admin's sharing approval) leaves on the server; return K."""
    login, salt, iterations = user["login"], spec["salt"], spec.get("iterations", 1000)
    key = spec.get("master_key") or master_key_for(login, spec["master_password"], salt, iterations)
    created = int(spec.get("created_ms") or store.now() * 1000)
    user.update(salt=salt, iterations=iterations, creationtime=str(created), lastmodifiedtime=spec.get("lastmodified", str(created)))
    user["passphrase"] = spec.get("passphrase") or encrypt_field(json.dumps({"date": iso_ms(created)}, separators=(",", ":")), key)
    if login == "SHA":
        user["authpass"] = sha_auth_pass(spec["master_password"], salt)
    if spec.get("privatekey"):
        user["privatekey"], user["sharedkey"] = spec["privatekey"], spec.get("sharedkey", "")
        return key
    rsa = parse_jsbn(spec["rsa"])
    user["privatekey"] = encrypt_field(spec["rsa"], key)
    user["sharedkey"] = rsa_wrap(org_key, rsa["n"], rsa["e"]) if org_key and spec.get("approved", True) else ""
    return key


def install_account(store: Any, spec: dict[str, Any], orgid: str) -> dict[str, Any]:
    """Put an account (and its OAuth client and refresh token from spec) into the state."""
    zdb, control = store.db["zoho"], store.db["zoho_control"]
    user = blank_user(store, spec, orgid)
    if user["state"] == "active":
        control["master_keys"][user["userid"]] = key_material(store, user, spec, control["org_keys"].get(orgid))
        if spec.get("master_password"):
            control["master_passwords"][user["userid"]] = spec["master_password"]
    zdb["users"][user["userid"]] = user
    store.db["clients"][spec["client_id"]] = {"client_secret": spec["client_secret"], "userid": user["userid"]}
    scopes = list(spec.get("scopes", DEFAULT_SCOPES))
    store.db["refresh_tokens"][spec["refresh_token"]] = {"client_id": spec["client_id"], "userid": user["userid"], "scopes": scopes, "mints": []}
    return user


def new_spec(store: Any, email: str, **extra: Any) -> dict[str, Any]:
    """Identity, credentials and (for a password account) salt and RSA key of a new account."""
    spec = {"userid": store.new_id(), "zuid": str(700000000 + int(random_hex(3), 16)), "email": email,
            "client_id": "1000." + random_hex(12).upper(), "client_secret": random_hex(20),
            "refresh_token": "1000." + random_hex(16) + "." + random_hex(16), **extra}
    if spec.get("master_password") is not None:
        spec.setdefault("salt", random_hex(16))
        spec.setdefault("rsa", jsbn_text(generate_rsa()))
    return spec


# -- secrets as a client writes them ------------------------------------------------------------------
def item_key(store: Any, owner: dict[str, Any], shared: bool) -> str:
    control = store.db["zoho_control"]
    key = control["org_keys"].get(owner["orgid"]) if shared else control["master_keys"].get(owner["userid"])
    if not key:
        raise ValueError(f"{owner['email']} has no {'organisation' if shared else 'master'} key the emulator knows")
    return key


def encrypt_custom(columns: dict[str, str], key: str, source: NonceSource, concealed: tuple[str, ...] = ()) -> str:
    """Custom columns as Zoho's apps write them: type ``password`` for the concealed ones, ``text`` for the others."""
    doc = {"customcol": [{"id": str(i), "colname": name, "type": "password" if name in concealed else "text",
                          "value": encrypt_field(value, key, source())}
                         for i, (name, value) in enumerate(columns.items())]}
    return base64.b64encode(json.dumps(doc, separators=(",", ":")).encode("utf-8")).decode("ascii")


def encrypted_secret(store: Any, owner: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    """A stored secret from plaintext item fields, encrypted under the owner's key or the org key (item["shared"])."""
    org = store.db["zoho"]["orgs"][owner["orgid"]]
    typeid = type_named(org, item.get("type", "Web Account"))
    shared = bool(item.get("shared"))
    key, source = item_key(store, owner, shared), nonces(store)
    values = item.get("fields", {})
    names = [f["NAME"] for f in org["types"][typeid]["FIELDS"]]
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise ValueError(f"type {org['types'][typeid]['NAME']} has no field(s) {', '.join(unknown)} (fields: {', '.join(names)})")
    now = int(store.now() * 1000)
    urls = list(item.get("urls", []))
    return {"secretid": item.get("secretid") or store.new_id(), "orgid": owner["orgid"], "owner": owner["userid"],
            "secretname": item["name"], "accounttype": typeid, "policyid": org["policyid"],
            "classification": item.get("classification", "E" if shared else "P"), "isshared": "YES" if shared else "NO",
            "description": item.get("description", ""), "tags": item.get("tags", ""), "secreturl": urls[0] if urls else "",
            "secretmultipleurl": urls, "notes": encrypt_field(item.get("notes", ""), key, source()),
            "secretdata": {name: encrypt_field(values.get(name, ""), key, source()) for name in names},
            "customcolumn": encrypt_custom(item.get("custom", {}), key, source, tuple(item.get("concealed", ()))),
            "totp": encrypt_field(item["totp"], key, source()) if item.get("totp") else "",
            "encsecretname": "", "encdescription": "", "encryptedurls": [], "encryptedtags": "",
            "chamberid": item.get("chamberid"), "creationtime": now, "passwordmodifiedtime": now, "istrashed": False,
            "shares": {"users": {}, "groups": {}}}


def decrypt_secret(store: Any, secret: dict[str, Any]) -> dict[str, Any]:
    """The plaintext of a stored secret, as the test side reads it back (an independent check of a client's write)."""
    owner = store.db["zoho"]["users"][secret["owner"]]
    key = item_key(store, owner, secret["isshared"] == "YES")
    custom = json.loads(base64.b64decode(secret["customcolumn"] or "e30=") or b"{}").get("customcol", [])
    return {"secretid": secret["secretid"], "secretname": secret["secretname"], "isshared": secret["isshared"],
            "classification": secret["classification"], "istrashed": secret["istrashed"],
            "fields": {name: decrypt_field(value, key) for name, value in secret["secretdata"].items()},
            "notes": decrypt_field(secret["notes"], key), "totp": decrypt_field(secret.get("totp", ""), key),
            "custom": {c["colname"]: decrypt_field(c["value"], key) for c in custom},
            "custom_types": {c["colname"]: c.get("type") for c in custom},
            "encsecretname": decrypt_field(secret.get("encsecretname", ""), key)}
