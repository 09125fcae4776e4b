"""Reads of folders (chambers), users and user groups. Their writes are not served: their payloads are unknown."""

from __future__ import annotations

from typing import Any

from .errors import not_found
from .model import chamber_row, group_row, level_of, same_org, user_row
from .registry import PAGING, REST, ZCtx, ZReply, page, zapi

SECRETS_READ = ("secrets", "READ")
USER_READ = ("user", "READ")


def visible_chambers(ctx: ZCtx) -> list[dict[str, Any]]:
    """One's own folders and those holding a secret one can see."""
    readable = {s["chamberid"] for s in same_org(ctx.zdb, ctx.user, "secrets")
                if s["chamberid"] and not s["istrashed"] and level_of(ctx.zdb, ctx.user, s)}
    return [c for c in same_org(ctx.zdb, ctx.user, "chambers") if c["owner"] == ctx.user["userid"] or c["chamberid"] in readable]


def _contains(ctx: ZCtx, name: str, value: str) -> bool:
    # Filters match case-insensitive substrings, so a client must still compare names exactly itself.
    wanted = ctx.args.get(name)
    return wanted is None or wanted.lower() in value.lower()


@zapi("GET", REST + "/chambers", "GET_CHAMBERS", scopes=(SECRETS_READ,), required=PAGING, params=("chamberName",))
def list_chambers(ctx: ZCtx) -> Any:
    found = [c for c in visible_chambers(ctx) if _contains(ctx, "chamberName", c["chambername"])]
    rows, _total = page(ctx, found, "chambername", allow_all=True)
    return [chamber_row(c) for c in rows]


@zapi("GET", REST + "/chambers/<chamber_id>", "GET_CHAMBER", scopes=(SECRETS_READ,))
def get_chamber(ctx: ZCtx, chamber_id: str) -> Any:
    chamber = next((c for c in visible_chambers(ctx) if c["chamberid"] == chamber_id), None)
    if chamber is None:
        raise not_found(f"chamber {chamber_id} does not exist")
    inside = [s for s in same_org(ctx.zdb, ctx.user, "secrets")
              if s["chamberid"] == chamber_id and not s["istrashed"] and level_of(ctx.zdb, ctx.user, s)]
    return {**chamber_row(chamber), "chambersecrets": [{"secretid": s["secretid"], "secretname": s["secretname"]} for s in inside]}


@zapi("GET", REST + "/user", "GET_USERS", scopes=(USER_READ,), required=PAGING, params=("userName", "email"))
def list_users(ctx: ZCtx) -> Any:
    found = [u for u in same_org(ctx.zdb, ctx.user, "users")
             if u["state"] in ("active", "no_passphrase") and _contains(ctx, "userName", u["username"]) and _contains(ctx, "email", u["email"])]
    rows, _total = page(ctx, found, "username")
    return [user_row(u) for u in rows]


@zapi("GET", REST + "/user/<zuid>", "GET_USER", scopes=(USER_READ,))
def get_user(ctx: ZCtx, zuid: str) -> Any:
    user = next((u for u in same_org(ctx.zdb, ctx.user, "users") if u["zuid"] == zuid and u["state"] in ("active", "no_passphrase")), None)
    if user is None:
        raise not_found(f"user {zuid} does not exist")
    return user_row(user)


@zapi("GET", REST + "/usergroup", "GET_USERGROUPS", scopes=(USER_READ,))
def list_groups(ctx: ZCtx) -> Any:
    """No paging parameters (none are known for this call) and no member lists (their shape is unknown)."""
    groups = sorted(same_org(ctx.zdb, ctx.user, "groups"), key=lambda g: g["usergroupname"].lower())
    return ZReply([group_row(g) for g in groups])
