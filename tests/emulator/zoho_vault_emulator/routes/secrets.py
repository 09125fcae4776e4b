"""Secrets: list, search, CRUD, password (sharing, audit and emergency live in their own modules)."""

from __future__ import annotations

from typing import Any

from ..errors import duplicate, secret_locked, validation, weak_password
from ..perms import readable, require_permission, require_role, visible_chamber, visible_secret
from ..routing import LIST_PARAMS, Ctx, api, paginate
from ..util import iso
from .common import SECRET_TYPES, public_secret, require_name, require_strings

FIELDS = ("secretname", "secreturl", "username", "password", "notes", "customfields", "chamberid", "secrettype")
STRINGS = ("secretname", "secreturl", "username", "password", "notes", "chamberid", "secrettype")
SEARCH_PARAMS = ("searchtext", "secrettype", "chamberid", "username", "secreturl") + LIST_PARAMS


def check_secret_fields(ctx: Ctx, data: dict[str, Any], creating: bool) -> None:
    require_strings(data, STRINGS)
    require_name(data, "secretname", creating)
    if "secrettype" in data and data["secrettype"] not in SECRET_TYPES:
        raise validation(f"secrettype must be one of {', '.join(SECRET_TYPES)}")
    custom = data.get("customfields")
    if custom is not None and (not isinstance(custom, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in custom.items())):
        raise validation("customfields must be an object of string names to string values")
    minimum = ctx.store.settings["min_password_length"]
    if "password" in data and len(data["password"]) < minimum:
        raise weak_password(minimum)


def name_taken(ctx: Ctx, chamber_id: str | None, name: str, owner: str, except_id: str | None = None) -> bool:
    """Names are unique per chamber; secrets in no chamber (chamberid null) are unique per owner."""
    wanted = name.strip().lower()
    return any(s["chamberid"] == chamber_id and s["secretname"].strip().lower() == wanted and s["secretid"] != except_id
               and (chamber_id is not None or s["owner"] == owner) for s in ctx.db["secrets"].values())


def readable_secrets(ctx: Ctx) -> list[dict[str, Any]]:
    return [s for s in ctx.db["secrets"].values() if readable(ctx.store, ctx.user, s)]


def readable_secret(ctx: Ctx, secret_id: str) -> dict[str, Any]:
    secret, perms = visible_secret(ctx.store, ctx.user, secret_id)
    require_permission(perms, "READ", "read it")
    return secret


def where(chamber_id: str | None) -> str:
    return f"chamber {chamber_id}" if chamber_id else "the owner's secrets outside any chamber"


def check_writable(secret: dict[str, Any]) -> None:
    if secret.get("locked"):
        raise secret_locked(secret["secretid"])


@api("GET", "/secrets", "GET_SECRETS", scope=("secrets", "READ"), params=LIST_PARAMS)
def list_secrets(ctx: Ctx) -> Any:
    return paginate(ctx, [public_secret(ctx.store, s) for s in readable_secrets(ctx)], "secrets")


@api("GET", "/secrets/search", "SEARCH_SECRETS", scope=("secrets", "READ"), params=SEARCH_PARAMS)
def search_secrets(ctx: Ctx) -> Any:
    text = ctx.args.get("searchtext", "").lower()
    stype = ctx.args.get("secrettype", "")
    if stype and stype not in SECRET_TYPES:
        raise validation(f"secrettype must be one of {', '.join(SECRET_TYPES)}")
    chamber_id = ctx.args.get("chamberid", "")
    username = ctx.args.get("username", "").lower()
    url = ctx.args.get("secreturl", "").lower()
    found = []
    for secret in readable_secrets(ctx):
        if text and not any(text in part.lower() for part in (secret["secretname"], secret["secreturl"], secret["username"], secret["notes"])):
            continue
        if (stype and secret["secrettype"] != stype) or (chamber_id and secret["chamberid"] != chamber_id):
            continue
        if (username and username not in secret["username"].lower()) or (url and url not in secret["secreturl"].lower()):
            continue
        found.append(public_secret(ctx.store, secret))
    return paginate(ctx, found, "secrets")


@api("GET", "/secrets/<secret_id>", "GET_SECRET", scope=("secrets", "READ"))
def get_secret(ctx: Ctx, secret_id: str) -> Any:
    secret = readable_secret(ctx, secret_id)
    ctx.store.audit("Secret Accessed", ctx.user, secret)
    return public_secret(ctx.store, secret)


@api("GET", "/secrets/<secret_id>/password", "GET_PASSWORD", scope=("secrets", "READ"))
def get_password(ctx: Ctx, secret_id: str) -> Any:
    secret = readable_secret(ctx, secret_id)
    ctx.store.audit("Password Viewed", ctx.user, secret)
    return {"password": secret["password"]}


@api("POST", "/secrets", "ADD_SECRET", scope=("secrets", "CREATE"), body_op="ADD_SECRET", body="required", status=201,
     fields=FIELDS)
def add_secret(ctx: Ctx) -> Any:
    require_role(ctx.user, ("Administrator", "Manager", "User"), "create secrets")
    data = ctx.data
    check_secret_fields(ctx, data, creating=True)
    # Without chamberid the secret is in no chamber: its chamberid is null in every reply.
    chamber_id = visible_chamber(ctx.store, ctx.user, data["chamberid"], write=True)["chamberid"] if "chamberid" in data else None
    if name_taken(ctx, chamber_id, data["secretname"], ctx.user["userid"]):
        raise duplicate(f"a secret named {data['secretname']!r} already exists in {where(chamber_id)}")
    now = iso(ctx.now())
    secret = {"secretid": ctx.store.new_id(), "secretname": data["secretname"], "secreturl": data.get("secreturl", ""),
              "username": data.get("username", ""), "notes": data.get("notes", ""), "customfields": dict(data.get("customfields", {})),
              "chamberid": chamber_id, "secrettype": data.get("secrettype", "Login"), "owner": ctx.user["userid"],
              "createdtime": now, "modifiedtime": now, "passwordmodifiedtime": now, "password": data.get("password", ""),
              "shares": {"users": {}, "groups": {}}, "locked": False}
    ctx.db["secrets"][secret["secretid"]] = secret
    ctx.store.audit("Secret Created", ctx.user, secret)
    return public_secret(ctx.store, secret)


@api("PUT", "/secrets/<secret_id>", "UPDATE_SECRET", scope=("secrets", "UPDATE"), body_op="UPDATE_SECRET", body="required",
     fields=FIELDS)
def update_secret(ctx: Ctx, secret_id: str) -> Any:
    secret, perms = visible_secret(ctx.store, ctx.user, secret_id)
    require_permission(perms, "WRITE", "update it")
    check_writable(secret)
    data = ctx.data
    check_secret_fields(ctx, data, creating=False)
    chamber_id = secret["chamberid"]
    if "chamberid" in data and data["chamberid"] != chamber_id:
        chamber_id = visible_chamber(ctx.store, ctx.user, data["chamberid"], write=True)["chamberid"]
    name = data.get("secretname", secret["secretname"])
    if name_taken(ctx, chamber_id, name, secret["owner"], except_id=secret_id):
        raise duplicate(f"a secret named {name!r} already exists in {where(chamber_id)}")
    now = iso(ctx.now())
    changed = False
    for field, value in data.items():
        if field == "chamberid":
            value = chamber_id
        if secret[field] != value:
            secret[field] = dict(value) if field == "customfields" else value
            changed = True
            if field == "password":
                secret["passwordmodifiedtime"] = now
    if changed:
        secret["modifiedtime"] = now
    ctx.store.audit("Secret Updated", ctx.user, secret)
    return public_secret(ctx.store, secret)


def delete_secret_record(ctx: Ctx, secret: dict[str, Any]) -> None:
    ctx.store.audit("Secret Deleted", ctx.user, secret)
    del ctx.db["secrets"][secret["secretid"]]
    for grant in ctx.db["emergency"].values():
        if grant["secretid"] == secret["secretid"] and grant["status"] == "active":
            grant["status"] = "revoked"


@api("DELETE", "/secrets/<secret_id>", "DELETE_SECRET", scope=("secrets", "DELETE"), body_op="DELETE_SECRET", body="optional")
def delete_secret(ctx: Ctx, secret_id: str) -> Any:
    secret, perms = visible_secret(ctx.store, ctx.user, secret_id)
    require_permission(perms, "OWNER", "delete it")
    check_writable(secret)
    delete_secret_record(ctx, secret)
    return {"secretid": secret_id, "secretname": secret["secretname"]}
