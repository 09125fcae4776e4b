"""Sharing a secret with users and groups, revoking a share, share info and ownership transfer."""

from __future__ import annotations

from typing import Any

from ..errors import access_denied, duplicate, invalid_request, not_found, validation
from ..perms import PERMISSIONS, require_permission, visible_secret
from ..routing import Ctx, api
from .common import public_secret, require_strings
from .secrets import check_writable, name_taken


def share_info(ctx: Ctx, secret: dict[str, Any]) -> dict[str, Any]:
    users = [{"emailid": ctx.store.email_of(uid), "permissions": perms} for uid, perms in secret["shares"]["users"].items()]
    groups = [{"groupid": gid, "groupname": ctx.db["groups"][gid]["groupname"], "permissions": perms}
              for gid, perms in secret["shares"]["groups"].items() if gid in ctx.db["groups"]]
    return {"secretid": secret["secretid"], "owner": ctx.store.email_of(secret["owner"]), "users": users, "groups": groups}


def _permissions(entry: Any, who: str) -> list[str]:
    perms = entry.get("permissions")
    if not isinstance(perms, list) or not all(p in PERMISSIONS for p in perms):
        raise validation(f"permissions of {who} must be a list of {', '.join(PERMISSIONS)}")
    return [p for p in PERMISSIONS if p in perms]


@api("POST", "/secrets/<secret_id>/share", "SHARE_SECRET", scope=("secrets", "UPDATE"), body_op="SHARE_SECRET", body="required",
     fields=("users", "groups"))
def share_secret(ctx: Ctx, secret_id: str) -> Any:
    secret, perms = visible_secret(ctx.store, ctx.user, secret_id)
    require_permission(perms, "SHARE", "share it")
    check_writable(secret)
    users, groups = ctx.data.get("users", []), ctx.data.get("groups", [])
    if not isinstance(users, list) or not isinstance(groups, list) or not all(isinstance(e, dict) for e in users + groups):
        raise validation("users and groups must be lists of objects")
    for kind, entries, allowed in (("users", users, {"emailid", "permissions"}), ("groups", groups, {"groupid", "permissions"})):
        for index, entry in enumerate(entries):
            unknown = sorted(set(entry) - allowed)
            if unknown:
                raise invalid_request(f"unknown field(s) in data.{kind}[{index}]: {', '.join(unknown)}")
    if not users and not groups:
        raise validation("users or groups is required")
    user_sets: dict[str, list[str]] = {}
    missing = []
    for entry in users:
        email = entry.get("emailid")
        if not isinstance(email, str):
            raise validation("each user needs an emailid")
        user = ctx.store.user_by_email(email)
        if user is None:
            missing.append(email)
            continue
        if user["userid"] == secret["owner"]:
            raise validation(f"{email} owns the secret")
        user_sets[user["userid"]] = _permissions(entry, email)
    if missing:
        raise validation(f"unknown user(s): {', '.join(missing)}")
    group_sets: dict[str, list[str]] = {}
    for entry in groups:
        gid = entry.get("groupid")
        if not isinstance(gid, str) or gid not in ctx.db["groups"]:
            raise validation(f"unknown group: {gid}")
        group_sets[gid] = _permissions(entry, f"group {gid}")
    granted = {p for s in list(user_sets.values()) + list(group_sets.values()) for p in s}
    if "OWNER" in granted and "OWNER" not in perms:
        raise access_denied("only an owner may grant OWNER")
    for kind, sets in (("users", user_sets), ("groups", group_sets)):
        for principal, chosen in sets.items():
            if chosen:
                secret["shares"][kind][principal] = chosen
            else:
                # An empty permission list is how a caller says "no access" in a set-exactly request.
                secret["shares"][kind].pop(principal, None)
    ctx.store.audit("Secret Shared", ctx.user, secret)
    return share_info(ctx, secret)


@api("DELETE", "/secrets/<secret_id>/share", "REVOKE_SHARE", scope=("secrets", "UPDATE"), body_op="REVOKE_SHARE", body="required",
     fields=("emailid", "groupid"))
def revoke_share(ctx: Ctx, secret_id: str) -> Any:
    secret, perms = visible_secret(ctx.store, ctx.user, secret_id)
    require_permission(perms, "SHARE", "revoke a share")
    check_writable(secret)
    require_strings(ctx.data, ("emailid", "groupid"))
    if ("emailid" in ctx.data) == ("groupid" in ctx.data):
        raise validation("exactly one of emailid or groupid is required")
    if "emailid" in ctx.data:
        user = ctx.store.user_by_email(ctx.data["emailid"])
        if user is None:
            raise validation(f"unknown user(s): {ctx.data['emailid']}")
        kind, principal, label = "users", user["userid"], ctx.data["emailid"]
    else:
        kind, principal, label = "groups", ctx.data["groupid"], f"group {ctx.data['groupid']}"
    current = secret["shares"][kind].get(principal)
    if current is None:
        raise not_found(f"secret {secret_id} is not shared with {label}")
    if "OWNER" in current and "OWNER" not in perms:
        raise access_denied("only an owner may revoke OWNER")
    del secret["shares"][kind][principal]
    ctx.store.audit("Secret Unshared", ctx.user, secret)
    return share_info(ctx, secret)


@api("GET", "/secrets/<secret_id>/shareinfo", "GET_SHAREINFO", scope=("secrets", "READ"))
def get_share_info(ctx: Ctx, secret_id: str) -> Any:
    secret, _perms = visible_secret(ctx.store, ctx.user, secret_id)
    return share_info(ctx, secret)


@api("POST", "/secrets/<secret_id>/transferownership", "TRANSFER_OWNERSHIP", scope=("secrets", "UPDATE"),
     body_op="TRANSFER_OWNERSHIP", body="required", fields=("emailid",))
def transfer_ownership(ctx: Ctx, secret_id: str) -> Any:
    secret, perms = visible_secret(ctx.store, ctx.user, secret_id)
    require_permission(perms, "OWNER", "transfer its ownership")
    check_writable(secret)
    require_strings(ctx.data, ("emailid",))
    if "emailid" not in ctx.data:
        raise validation("emailid is required")
    new_owner = ctx.store.user_by_email(ctx.data["emailid"])
    if new_owner is None:
        raise validation(f"unknown user(s): {ctx.data['emailid']}")
    if new_owner["role"] == "Read-Only":
        raise validation(f"{new_owner['emailid']} is Read-Only and cannot own secrets")
    if new_owner["userid"] == secret["owner"]:
        return public_secret(ctx.store, secret)
    # The secret stays where it is; one in no chamber must not clash with the new owner's own secrets outside chambers.
    if secret["chamberid"] is None and name_taken(ctx, None, secret["secretname"], new_owner["userid"]):
        raise duplicate(f"{new_owner['emailid']} already has a secret named {secret['secretname']!r} outside any chamber")
    secret["owner"] = new_owner["userid"]
    secret["shares"]["users"].pop(new_owner["userid"], None)
    ctx.store.audit("Secret Updated", ctx.user, secret)
    return public_secret(ctx.store, secret)
