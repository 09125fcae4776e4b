"""Control plane of the production dialect, under /_emulator/zoho/: make accounts and secrets as Zoho's own clients
would (the emulator encrypts them), read a stored secret back in plaintext, approve sharing, change passphrases."""

from __future__ import annotations

import copy
from typing import Any

from flask import Blueprint, jsonify, request

from ..errors import ApiError, not_found, validation
from .accounts import LOGINS, STATES, decrypt_secret, encrypted_secret, install_account, new_spec
from .crypto import parse_jsbn, rsa_wrap
from .model import LEVELS, user_by_email
from .registry import DEFAULT_SCOPES
from .seeds import EMU_ORG, describe

SCOPE_FAMILIES = ("secrets", "user", "chambers", "users", "audit")


def _body() -> dict[str, Any]:
    body = request.get_json(force=True, silent=True) if request.get_data() else {}
    if not isinstance(body, dict):
        raise validation("the body must be a JSON object")
    return body


def _string(body: dict[str, Any], name: str, default: str | None = None) -> str:
    value = body.get(name, default)
    if not isinstance(value, str) or (default is None and not value):
        raise validation(f"{name} must be a non-empty string" if default is None else f"{name} must be a string")
    return value


def _account(store: Any, email: Any) -> dict[str, Any]:
    user = user_by_email(store.db["zoho"], email) if isinstance(email, str) else None
    if user is None:
        raise not_found(f"zoho account {email} does not exist")
    return user


def _scopes(body: dict[str, Any]) -> list[str]:
    scopes = body.get("scopes", list(DEFAULT_SCOPES))
    if isinstance(scopes, str):
        scopes = [s for s in scopes.replace(",", " ").split() if s]
    if not isinstance(scopes, list) or not all(isinstance(s, str) and s.count(".") == 2 and s.split(".")[1] in SCOPE_FAMILIES
                                               for s in scopes):
        raise validation("scopes must be a list of ZohoVault.<family>.<action> (e.g. ZohoVault.secrets.ALL, ZohoVault.user.READ)")
    return scopes


def _account_spec(store: Any, body: dict[str, Any]) -> dict[str, Any]:
    email = _string(body, "emailid")
    if "@" not in email or user_by_email(store.db["zoho"], email) or store.user_by_email(email):
        raise validation("emailid must be a new email address")
    state, login = body.get("state", "active"), body.get("login", "PBKDF2_AES")
    if state not in STATES or login not in LOGINS:
        raise validation(f"state must be one of {', '.join(STATES)}; login one of {', '.join(LOGINS)}")
    iterations = body.get("iterations", 1000)
    if isinstance(iterations, bool) or not isinstance(iterations, int) or not 1 <= iterations <= 10_000_000:
        raise validation("iterations must be an integer from 1 to 10000000")
    approved = body.get("sharing_approved", True)
    if not isinstance(approved, bool):
        raise validation("sharing_approved must be true or false")
    extra = {"state": state, "login": login, "role": _string(body, "role", "User"), "username": _string(body, "username", ""),
             "scopes": _scopes(body), "approved": approved}
    if state == "active":
        extra.update(master_password=_string(body, "master_password"), iterations=iterations)
    return new_spec(store, email, **extra)


def _item(body: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = {"name": _string(body, "secretname"), "type": _string(body, "secrettype", "Web Account")}
    for name in ("notes", "description", "tags", "totp"):
        item[name] = _string(body, name, "")
    for name in ("fields", "custom"):
        value = body.get(name, {})
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise validation(f"{name} must be an object of strings")
        item[name] = value
    for name in ("urls", "concealed"):
        value = body.get(name, [])
        if not isinstance(value, list) or not all(isinstance(u, str) for u in value):
            raise validation(f"{name} must be a list of strings")
        item[name] = value
    if not isinstance(body.get("shared", False), bool):
        raise validation("shared must be true or false")
    item["shared"] = body.get("shared", False)
    if "classification" in body:
        item["classification"] = body["classification"] if body["classification"] in ("E", "P") else _bad("classification must be E or P")
    return item


def _bad(message: str) -> Any:
    raise validation(message)


def _chamber(store: Any, owner: dict[str, Any], name: str) -> str:
    zdb = store.db["zoho"]
    found = next((c for c in zdb["chambers"].values() if c["owner"] == owner["userid"] and c["chambername"].lower() == name.lower()), None)
    if found is None:
        found = {"chamberid": store.new_id(), "chambername": name, "orgid": owner["orgid"], "owner": owner["userid"],
                 "description": "", "creationtime": int(store.now() * 1000)}
        zdb["chambers"][found["chamberid"]] = found
    return found["chamberid"]


def _share(store: Any, secret: dict[str, Any], body: dict[str, Any]) -> None:
    zdb = store.db["zoho"]
    for email, level in (body.get("share_users") or {}).items():
        if level not in LEVELS:
            raise validation(f"share level must be one of {', '.join(LEVELS)}")
        secret["shares"]["users"][_account(store, email)["userid"]] = level
    for name, level in (body.get("share_groups") or {}).items():
        group = next((g for g in zdb["groups"].values() if g["usergroupname"] == name and g["orgid"] == secret["orgid"]), None)
        if group is None or level not in LEVELS:
            raise validation(f"share_groups needs existing group names and levels {', '.join(LEVELS)}")
        secret["shares"]["groups"][group["usergroup_auto_id"]] = level


def build_zoho_control(store: Any) -> Blueprint:
    bp = Blueprint("zoho_control", __name__, url_prefix="/_emulator/zoho")

    @bp.errorhandler(ApiError)
    def api_error(err: ApiError) -> Any:
        return jsonify({"error": err.message, "code": err.code}), err.status

    @bp.get("/accounts")
    def accounts() -> Any:
        with store.lock:
            return jsonify(describe(store))

    @bp.post("/accounts")
    def create_account() -> Any:
        body = _body()
        with store.lock:
            spec = _account_spec(store, body)
            user = install_account(store, spec, EMU_ORG)
            store.save()
            key = store.db["zoho_control"]["master_keys"].get(user["userid"])
        return jsonify({"userid": user["userid"], "zuid": user["zuid"], "emailid": user["email"], "state": user["state"],
                        "scopes": spec["scopes"], "client_id": spec["client_id"], "client_secret": spec["client_secret"],
                        "refresh_token": spec["refresh_token"], "master_key": key}), 201

    def put_secret(body: dict[str, Any]) -> dict[str, Any]:
        item = _item(body)
        owner = _account(store, body.get("owner"))
        if "chamber" in body:
            item["chamberid"] = _chamber(store, owner, _string(body, "chamber"))
        try:
            secret = encrypted_secret(store, owner, item)
        except ValueError as exc:
            raise validation(str(exc)) from None
        _share(store, secret, body)
        store.db["zoho"]["secrets"][secret["secretid"]] = secret
        return {"secretid": secret["secretid"], "secretname": secret["secretname"], "isshared": secret["isshared"],
                "chamberid": secret["chamberid"]}

    @bp.post("/secrets")
    def add_secret() -> Any:
        """One secret, or {"secrets": [...]} for many in one call (benchmarks seed thousands)."""
        body = _body()
        many = body.get("secrets")
        if many is not None and (not isinstance(many, list) or not all(isinstance(b, dict) for b in many)):
            raise validation("secrets must be a list of secret objects")
        with store.lock:
            before = copy.deepcopy(store.db["zoho"])
            try:
                made = [put_secret(b) for b in many] if many is not None else put_secret(body)
            except ApiError:
                store.db["zoho"] = before  # all or none: a refused item leaves no secret or folder behind
                raise
            store.save()
        return jsonify({"secrets": made} if many is not None else made), 201

    @bp.get("/secrets/<secret_id>/plaintext")
    def plaintext(secret_id: str) -> Any:
        with store.lock:
            secret = store.db["zoho"]["secrets"].get(secret_id)
            if secret is None:
                raise not_found(f"secret {secret_id} does not exist")
            try:
                return jsonify(decrypt_secret(store, secret))
            except ValueError as exc:
                raise validation(f"secret {secret_id} does not decrypt: {exc}") from None

    @bp.post("/groups")
    def add_group() -> Any:
        body = _body()
        name, members = _string(body, "name"), body.get("members", [])
        if not isinstance(members, list):
            raise validation("members must be a list of email addresses")
        with store.lock:
            ids = [_account(store, email)["userid"] for email in members]
            group = {"usergroup_auto_id": store.new_id(), "usergroupname": name, "orgid": EMU_ORG, "members": ids}
            store.db["zoho"]["groups"][group["usergroup_auto_id"]] = group
            store.save()
        return jsonify({"usergroup_auto_id": group["usergroup_auto_id"], "usergroupname": name}), 201

    @bp.post("/approve")
    def approve() -> Any:
        """What an admin's client does for a pending user: wrap the org key with the user's public key."""
        with store.lock:
            user = _account(store, _body().get("emailid"))
            org_key = store.db["zoho_control"]["org_keys"].get(user["orgid"])
            key = store.db["zoho_control"]["master_keys"].get(user["userid"])
            if not org_key or not key:
                raise validation("the emulator knows no org key or master key for this account")
            from .crypto import decrypt_field  # pylint: disable=import-outside-toplevel
            rsa = parse_jsbn(decrypt_field(user["privatekey"], key))
            user["sharedkey"] = rsa_wrap(org_key, rsa["n"], rsa["e"])
            store.save()
        return jsonify({"emailid": user["email"], "sharing_approved": True})

    @bp.post("/passphrase_change")
    def passphrase_change() -> Any:
        """Moves LASTMODFIEDTIME on, so the PassphraseCreated/LastPassphraseChange a client holds become stale."""
        with store.lock:
            user = _account(store, _body().get("emailid"))
            user["lastmodifiedtime"] = str(int(store.now() * 1000))
            store.save()
        return jsonify({"creationtime": user["creationtime"], "lastmodifiedtime": user["lastmodifiedtime"]})

    return bp
