"""Audit trail (org-wide and per secret) and the two exports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import validation
from ..perms import require_role, require_scope, visible_secret
from ..routing import Ctx, api, bool_arg, paginate
from ..util import iso
from .common import public_secret
from .secrets import visible_secrets

AUDIT_ROLES = ("Administrator", "Manager")


def _date(ctx: Ctx, name: str) -> str | None:
    raw = ctx.args.get(name)
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw).isoformat()
    except ValueError:
        raise validation(f"{name} must be a date YYYY-MM-DD") from None


def filtered_audit(ctx: Ctx, secret_id: str | None = None) -> list[dict[str, Any]]:
    start, end = _date(ctx, "from_date"), _date(ctx, "to_date")
    if start and end and start > end:
        raise validation("from_date must not be after to_date")
    event, user_email = ctx.args.get("event"), ctx.args.get("user_email", "").lower()
    secret_id = secret_id or ctx.args.get("secretid")
    logs = []
    for entry in ctx.db["audit"]:
        day = entry["timestamp"][:10]
        # Both bounds are whole UTC days and inclusive.
        if (start and day < start) or (end and day > end):
            continue
        if (event and entry["event"] != event) or (secret_id and entry["secretid"] != secret_id):
            continue
        if user_email and entry["user_email"].lower() != user_email:
            continue
        logs.append(dict(entry))
    return logs


@api("GET", "/audit", "GET_AUDIT", scope=("audit", "READ"))
def get_audit(ctx: Ctx) -> Any:
    require_role(ctx.user, AUDIT_ROLES, "read the organisation's audit trail")
    return paginate(ctx, filtered_audit(ctx), "auditlogs")


@api("GET", "/secrets/<secret_id>/audit", "GET_SECRET_AUDIT", scope=("audit", "READ"))
def get_secret_audit(ctx: Ctx, secret_id: str) -> Any:
    visible_secret(ctx.store, ctx.user, secret_id)
    return paginate(ctx, filtered_audit(ctx, secret_id), "auditlogs")


@api("GET", "/export/secrets", "EXPORT_SECRETS", scope=("audit", "READ"))
def export_secrets(ctx: Ctx) -> Any:
    require_scope(ctx.scopes, "secrets", "READ")
    if ctx.args.get("format", "json") != "json":
        raise validation("format must be json")
    with_passwords = bool_arg(ctx, "include_passwords", False)
    page = paginate(ctx, visible_secrets(ctx), "secrets")
    if with_passwords:
        for secret in page["secrets"]:
            ctx.store.audit("Password Viewed", ctx.user, secret)
    page["secrets"] = [public_secret(ctx.store, s, with_password=with_passwords) for s in page["secrets"]]
    page["exportedtime"] = iso(ctx.now())
    return page


@api("GET", "/export/audit", "EXPORT_AUDIT", scope=("audit", "READ"))
def export_audit(ctx: Ctx) -> Any:
    require_role(ctx.user, AUDIT_ROLES, "export the organisation's audit trail")
    if ctx.args.get("format", "json") != "json":
        raise validation("format must be json")
    page = paginate(ctx, filtered_audit(ctx), "auditlogs")
    page["exportedtime"] = iso(ctx.now())
    return page
