"""Chambers: CRUD and the secrets a chamber holds."""

from __future__ import annotations

from typing import Any

from ..errors import duplicate, secret_locked, validation
from ..perms import chamber_access, readable, require_role, require_scope, visible_chamber
from ..routing import LIST_PARAMS, Ctx, api, bool_arg, paginate
from ..util import iso
from .common import public_chamber, public_secret, require_name, require_strings
from .secrets import delete_secret_record

FIELDS = ("chambername", "chambertype", "description")
TYPES = ("Personal", "Shared", "Custom")


def _check(data: dict[str, Any], creating: bool) -> None:
    require_strings(data, FIELDS)
    require_name(data, "chambername", creating)
    if "chambertype" in data and data["chambertype"] not in TYPES:
        raise validation(f"chambertype must be one of {', '.join(TYPES)}")


def _name_taken(ctx: Ctx, owner: str, name: str, except_id: str | None = None) -> bool:
    wanted = name.strip().lower()
    return any(c["owner"] == owner and c["chambername"].strip().lower() == wanted and c["chamberid"] != except_id
               for c in ctx.db["chambers"].values())


@api("GET", "/chambers", "GET_CHAMBERS", scope=("chambers", "READ"), params=LIST_PARAMS)
def list_chambers(ctx: Ctx) -> Any:
    items = [public_chamber(ctx.store, c) for c in ctx.db["chambers"].values() if chamber_access(ctx.store, ctx.user, c)]
    return paginate(ctx, items, "chambers")


@api("GET", "/chambers/<chamber_id>", "GET_CHAMBER", scope=("chambers", "READ"))
def get_chamber(ctx: Ctx, chamber_id: str) -> Any:
    return public_chamber(ctx.store, visible_chamber(ctx.store, ctx.user, chamber_id))


@api("GET", "/chambers/<chamber_id>/secrets", "GET_CHAMBER_SECRETS", scope=("chambers", "READ"), params=LIST_PARAMS)
def chamber_secrets(ctx: Ctx, chamber_id: str) -> Any:
    require_scope(ctx.scopes, "secrets", "READ")
    visible_chamber(ctx.store, ctx.user, chamber_id)
    items = [public_secret(ctx.store, s) for s in ctx.db["secrets"].values()
             if s["chamberid"] == chamber_id and readable(ctx.store, ctx.user, s)]
    return paginate(ctx, items, "secrets")


@api("POST", "/chambers", "ADD_CHAMBER", scope=("chambers", "CREATE"), body_op="ADD_CHAMBER", body="required", status=201,
     fields=FIELDS)
def add_chamber(ctx: Ctx) -> Any:
    require_role(ctx.user, ("Administrator", "Manager", "User"), "create chambers")
    _check(ctx.data, creating=True)
    if _name_taken(ctx, ctx.user["userid"], ctx.data["chambername"]):
        raise duplicate(f"you already have a chamber named {ctx.data['chambername']!r}")
    chamber = {"chamberid": ctx.store.new_id(), "chambername": ctx.data["chambername"], "chambertype": ctx.data.get("chambertype", "Custom"),
               "description": ctx.data.get("description", ""), "owner": ctx.user["userid"], "createdtime": iso(ctx.now())}
    ctx.db["chambers"][chamber["chamberid"]] = chamber
    return public_chamber(ctx.store, chamber)


@api("PUT", "/chambers/<chamber_id>", "UPDATE_CHAMBER", scope=("chambers", "UPDATE"), body_op="UPDATE_CHAMBER", body="required",
     fields=FIELDS)
def update_chamber(ctx: Ctx, chamber_id: str) -> Any:
    chamber = visible_chamber(ctx.store, ctx.user, chamber_id, write=True)
    _check(ctx.data, creating=False)
    if "chambername" in ctx.data and _name_taken(ctx, chamber["owner"], ctx.data["chambername"], except_id=chamber_id):
        raise duplicate(f"the owner already has a chamber named {ctx.data['chambername']!r}")
    chamber.update(ctx.data)
    return public_chamber(ctx.store, chamber)


@api("DELETE", "/chambers/<chamber_id>", "DELETE_CHAMBER", scope=("chambers", "DELETE"), body_op="DELETE_CHAMBER", body="optional",
     params=("force",))
def delete_chamber(ctx: Ctx, chamber_id: str) -> Any:
    chamber = visible_chamber(ctx.store, ctx.user, chamber_id, write=True)
    held = [s for s in ctx.db["secrets"].values() if s["chamberid"] == chamber_id]
    if held and not bool_arg(ctx, "force", False):
        raise validation(f"chamber {chamber_id} holds {len(held)} secret(s); delete them first or pass force=true")
    for secret in held:
        if secret.get("locked"):
            raise secret_locked(secret["secretid"])
    for secret in held:
        delete_secret_record(ctx, secret)
    del ctx.db["chambers"][chamber_id]
    return {"chamberid": chamber_id, "chambername": chamber["chambername"], "deleted_secrets": len(held)}
