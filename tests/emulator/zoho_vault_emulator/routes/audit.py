"""Audit trail (org-wide and per secret) and the two exports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import validation
from ..perms import require_role, require_scope
from ..routing import LIST_PARAMS, Ctx, api, bool_arg, paginate
from ..util import iso
from .common import public_secret
from .secrets import readable_secret, readable_secrets

AUDIT_ROLES = ("Administrator", "Manager")
AUDIT_PARAMS = ("from_date", "to_date") + LIST_PARAMS


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
    logs = []
    for entry in ctx.db["audit"]:
        day = entry["timestamp"][:10]
        # Both bounds are whole UTC days and inclusive.
        if (start and day < start) or (end and day > end):
            continue
        if secret_id and entry["secretid"] != secret_id:
            continue
        logs.append(dict(entry))
    return logs


@api("GET", "/audit", "GET_AUDIT", scope=("audit", "READ"), params=AUDIT_PARAMS)
def get_audit(ctx: Ctx) -> Any:
    require_role(ctx.user, AUDIT_ROLES, "read the organisation's audit trail")
    return paginate(ctx, filtered_audit(ctx), "auditlogs")


@api("GET", "/secrets/<secret_id>/audit", "GET_SECRET_AUDIT", scope=("audit", "READ"), params=AUDIT_PARAMS)
def get_secret_audit(ctx: Ctx, secret_id: str) -> Any:
    readable_secret(ctx, secret_id)
    return paginate(ctx, filtered_audit(ctx, secret_id), "auditlogs")


@api("GET", "/export/secrets", "EXPORT_SECRETS", scope=("audit", "READ"), params=("format", "include_passwords"))
def export_secrets(ctx: Ctx) -> Any:
    require_scope(ctx.scopes, "secrets", "READ")
    if ctx.args.get("format", "json") != "json":
        raise validation("format must be json")
    with_passwords = bool_arg(ctx, "include_passwords", False)
    # One reply, not paginated: an export is a snapshot, and the contract gives it no page, per_page or total.
    secrets = readable_secrets(ctx)
    if with_passwords:
        for secret in secrets:
            ctx.store.audit("Password Viewed", ctx.user, secret)
    return {"secrets": [public_secret(ctx.store, s, with_password=with_passwords) for s in secrets], "exportedtime": iso(ctx.now())}


@api("GET", "/export/audit", "EXPORT_AUDIT", scope=("audit", "READ"), params=("format",) + AUDIT_PARAMS)
def export_audit(ctx: Ctx) -> Any:
    require_role(ctx.user, AUDIT_ROLES, "export the organisation's audit trail")
    if ctx.args.get("format", "json") != "json":
        raise validation("format must be json")
    page = paginate(ctx, filtered_audit(ctx), "auditlogs")
    page["exportedtime"] = iso(ctx.now())
    return page
