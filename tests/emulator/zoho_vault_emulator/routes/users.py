"""Users: CRUD and the current user. Only Administrators manage users."""

from __future__ import annotations

from typing import Any

from ..errors import duplicate, not_found, validation
from ..perms import require_role
from ..routing import LIST_PARAMS, Ctx, api, paginate
from ..store import ROLES
from ..util import iso
from .common import public_user, require_strings

FIELDS = ("emailid", "role", "firstname", "lastname")


def _check(data: dict[str, Any], creating: bool) -> None:
    require_strings(data, FIELDS)
    if creating and "emailid" not in data:
        raise validation("emailid is required")
    if "emailid" in data and ("@" not in data["emailid"] or data["emailid"].strip() != data["emailid"] or data["emailid"].startswith("@")):
        raise validation("emailid must be an email address")
    if "role" in data and data["role"] not in ROLES:
        raise validation(f"role must be one of {', '.join(ROLES)}")


def user_or_404(ctx: Ctx, user_id: str) -> dict[str, Any]:
    user = ctx.db["users"].get(user_id)
    if user is None:
        raise not_found(f"user {user_id} does not exist")
    return user


@api("GET", "/users", "GET_USERS", scope=("users", "READ"), params=LIST_PARAMS)
def list_users(ctx: Ctx) -> Any:
    return paginate(ctx, [public_user(u) for u in ctx.db["users"].values()], "users")


@api("GET", "/users/current", "GET_CURRENT_USER", scope=("users", "READ"))
def current_user(ctx: Ctx) -> Any:
    return public_user(ctx.user)


@api("GET", "/users/<user_id>", "GET_USER", scope=("users", "READ"))
def get_user(ctx: Ctx, user_id: str) -> Any:
    return public_user(user_or_404(ctx, user_id))


@api("POST", "/users", "ADD_USER", scope=("users", "CREATE"), body_op="ADD_USER", body="required", status=201, fields=FIELDS)
def add_user(ctx: Ctx) -> Any:
    require_role(ctx.user, ("Administrator",), "manage users")
    _check(ctx.data, creating=True)
    if ctx.store.user_by_email(ctx.data["emailid"]):
        raise duplicate(f"a user with emailid {ctx.data['emailid']} already exists")
    user = {"userid": ctx.store.new_id(), "emailid": ctx.data["emailid"], "firstname": ctx.data.get("firstname", ""),
            "lastname": ctx.data.get("lastname", ""), "role": ctx.data.get("role", "User"), "createdtime": iso(ctx.now())}
    ctx.db["users"][user["userid"]] = user
    return public_user(user)


@api("PUT", "/users/<user_id>", "UPDATE_USER", scope=("users", "UPDATE"), body_op="UPDATE_USER", body="required", fields=FIELDS)
def update_user(ctx: Ctx, user_id: str) -> Any:
    require_role(ctx.user, ("Administrator",), "manage users")
    user = user_or_404(ctx, user_id)
    _check(ctx.data, creating=False)
    if user_id == ctx.user["userid"] and ctx.data.get("role", "Administrator") != "Administrator":
        raise validation("an Administrator cannot change their own role")
    email = ctx.data.get("emailid")
    if email and email.lower() != user["emailid"].lower():
        if ctx.store.user_by_email(email):
            raise duplicate(f"a user with emailid {email} already exists")
        for group in ctx.db["groups"].values():
            group["members"] = [email if m.lower() == user["emailid"].lower() else m for m in group["members"]]
    user.update(ctx.data)
    return public_user(user)


@api("DELETE", "/users/<user_id>", "DELETE_USER", scope=("users", "DELETE"), body_op="DELETE_USER", body="optional")
def delete_user(ctx: Ctx, user_id: str) -> Any:
    require_role(ctx.user, ("Administrator",), "manage users")
    user = user_or_404(ctx, user_id)
    if user_id == ctx.user["userid"]:
        raise validation("an Administrator cannot delete themselves")
    owned = sum(1 for s in ctx.db["secrets"].values() if s["owner"] == user_id)
    if owned:
        raise validation(f"user {user['emailid']} owns {owned} secret(s); transfer their ownership first")
    db = ctx.db
    for chamber in list(db["chambers"].values()):
        if chamber["owner"] == user_id:
            if any(s["chamberid"] == chamber["chamberid"] for s in db["secrets"].values()):
                # Others' secrets still live there; the deleting Administrator inherits the chamber.
                chamber["owner"] = ctx.user["userid"]
            else:
                del db["chambers"][chamber["chamberid"]]
    for secret in db["secrets"].values():
        secret["shares"]["users"].pop(user_id, None)
    for group in db["groups"].values():
        group["members"] = [m for m in group["members"] if m.lower() != user["emailid"].lower()]
    for grant in db["emergency"].values():
        if grant["userid"] == user_id and grant["status"] == "active":
            grant["status"] = "revoked"
    for name in ("access_tokens", "refresh_tokens", "clients", "auth_codes"):
        db[name] = {k: v for k, v in db[name].items() if v.get("userid") != user_id}
    del db["users"][user_id]
    return {"userid": user_id, "emailid": user["emailid"]}
