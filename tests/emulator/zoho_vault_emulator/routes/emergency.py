"""Emergency access: a temporary READ grant on one secret that expires by itself."""

from __future__ import annotations

from typing import Any

from ..errors import not_found, validation
from ..perms import is_admin, live_grant, require_permission, visible_secret
from ..routing import LIST_PARAMS, Ctx, Reply, api, paginate
from ..util import iso
from .common import require_strings

MAX_HOURS = 720
GRANT_FIELDS = ("requestid", "secretid", "emailid", "reason", "expirestime")


def public_grant(grant: dict[str, Any]) -> dict[str, Any]:
    return {k: grant[k] for k in GRANT_FIELDS}


@api("POST", "/secrets/<secret_id>/emergency", "GRANT_EMERGENCY_ACCESS", scope=("secrets", "UPDATE"),
     body_op="GRANT_EMERGENCY_ACCESS", body="required", status=201, fields=("emailid", "duration", "reason"))
def grant_emergency(ctx: Ctx, secret_id: str) -> Any:
    secret, perms = visible_secret(ctx.store, ctx.user, secret_id)
    require_permission(perms, "OWNER", "grant emergency access")
    require_strings(ctx.data, ("emailid", "reason"))
    for field in ("emailid", "reason"):
        if not ctx.data.get(field, "").strip():
            raise validation(f"{field} is required")
    duration = ctx.data.get("duration", 24)
    if isinstance(duration, bool) or not isinstance(duration, (int, float)) or not 0 < duration <= MAX_HOURS:
        raise validation(f"duration must be a number of hours between 0 and {MAX_HOURS}")
    grantee = ctx.store.user_by_email(ctx.data["emailid"])
    if grantee is None:
        raise validation(f"unknown user(s): {ctx.data['emailid']}")
    if grantee["userid"] == secret["owner"]:
        raise validation(f"{grantee['emailid']} owns the secret")
    now = ctx.now()
    expires = now + float(duration) * 3600
    grant = {"requestid": ctx.store.new_id(), "secretid": secret_id, "emailid": grantee["emailid"], "userid": grantee["userid"],
             "reason": ctx.data["reason"], "expires": expires, "expirestime": iso(expires), "createdtime": iso(now),
             "granted_by": ctx.user["emailid"], "status": "active"}
    ctx.db["emergency"][grant["requestid"]] = grant
    ctx.store.audit("Secret Shared", ctx.user, secret)
    return Reply(public_grant(grant))


@api("DELETE", "/secrets/<secret_id>/emergency", "REVOKE_EMERGENCY_ACCESS", scope=("secrets", "UPDATE"),
     body_op="REVOKE_EMERGENCY_ACCESS", body="required", fields=("emailid",))
def revoke_emergency(ctx: Ctx, secret_id: str) -> Any:
    secret, perms = visible_secret(ctx.store, ctx.user, secret_id)
    require_permission(perms, "OWNER", "revoke emergency access")
    require_strings(ctx.data, ("emailid",))
    if not ctx.data.get("emailid"):
        raise validation("emailid is required")
    wanted = ctx.data["emailid"].lower()
    live = [g for g in ctx.db["emergency"].values()
            if g["secretid"] == secret_id and g["emailid"].lower() == wanted and live_grant(ctx.store, g)]
    if not live:
        raise not_found(f"no active emergency access to secret {secret_id} for {ctx.data['emailid']}")
    for grant in live:
        grant["status"] = "revoked"
    ctx.store.audit("Secret Unshared", ctx.user, secret)
    return {"secretid": secret_id, "emailid": live[0]["emailid"], "revoked": len(live)}


@api("GET", "/emergency/requests", "GET_EMERGENCY_REQUESTS", scope=("secrets", "READ"), params=LIST_PARAMS)
def list_emergency(ctx: Ctx) -> Any:
    # Only live grants: access expires by itself, so an expired or revoked grant is simply gone.
    me = ctx.user["emailid"].lower()
    grants = [public_grant(g) for g in ctx.db["emergency"].values()
              if live_grant(ctx.store, g) and (is_admin(ctx.user) or me in (g["emailid"].lower(), g["granted_by"].lower()))]
    return paginate(ctx, grants, "requests")
