"""Sharing of one secret: who has which level (reads) and bulkshare (writes, a JSON body, full replacement)."""

from __future__ import annotations

from typing import Any

from .errors import denied, missing_param, not_shareable, pattern
from .model import LEVEL_LISTS, group_row, same_org, secret_row, share_user
from .registry import REST, ZCtx, ZReply, zapi
from .secrets import visible

SHARERS = ("owner", "manage")


def _shares(ctx: ZCtx, secret_id: str, kind: str) -> Any:
    secret, level = visible(ctx, secret_id)
    if level not in SHARERS:
        raise denied(f"the {level} share level does not allow reading the sharing of secret {secret_id}")
    lists: dict[str, list[dict[str, Any]]] = {name: [] for name in LEVEL_LISTS}
    lists["notshared"] = []
    by_level = {lvl: name for name, lvl in LEVEL_LISTS.items()}
    if kind == "users":
        candidates = [(u["userid"], share_user(u)) for u in same_org(ctx.zdb, ctx.user, "users")
                      if u["userid"] != secret["owner"] and u["state"] in ("active", "no_passphrase")]
    else:
        candidates = [(g["usergroup_auto_id"], group_row(g)) for g in same_org(ctx.zdb, ctx.user, "groups")]
    for ident, row in candidates:
        granted = secret["shares"][kind].get(ident)
        lists[by_level[granted] if granted else "notshared"].append(row)
    return lists


@zapi("GET", REST + "/sharing/secret/user/<secret_id>", "GET_SECRET_USER_SHARING", scopes=(("secrets", "READ"),))
def user_sharing(ctx: ZCtx, secret_id: str) -> Any:
    return _shares(ctx, secret_id, "users")


@zapi("GET", REST + "/sharing/secret/usergroup/<secret_id>", "GET_SECRET_USERGROUP_SHARING", scopes=(("secrets", "READ"),))
def group_sharing(ctx: ZCtx, secret_id: str) -> Any:
    return _shares(ctx, secret_id, "groups")


def _levels(ctx: ZCtx, kind: str, owner: str) -> dict[str, str]:
    """INPUT_DATA's four lists -> {id: level}; every list is required (the whole sharing state is sent)."""
    spec = ctx.data["INPUT_DATA"]
    if not isinstance(spec, dict):
        raise pattern("INPUT_DATA must be an object of the four level lists")
    extra = sorted(set(spec) - set(LEVEL_LISTS))
    if extra:
        raise pattern(f"unknown key(s) in INPUT_DATA: {', '.join(extra)} (keys: {', '.join(LEVEL_LISTS)})")
    missing = sorted(set(LEVEL_LISTS) - set(spec))
    if missing:
        raise missing_param(f"INPUT_DATA lacks {', '.join(missing)}: send all four lists, the full sharing state")
    if kind == "users":
        known = {u["userid"] for u in same_org(ctx.zdb, ctx.user, "users") if u["state"] in ("active", "no_passphrase")} - {owner}
    else:
        known = {g["usergroup_auto_id"] for g in same_org(ctx.zdb, ctx.user, "groups")}
    levels: dict[str, str] = {}
    for name, level in LEVEL_LISTS.items():
        ids = spec[name]
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise pattern(f"{name} must be a list of id strings")
        for ident in ids:
            if ident not in known:
                raise pattern(f"{name}: {ident} is not a {'user (other than the owner)' if kind == 'users' else 'user group'} of this organisation")
            if ident in levels:
                raise pattern(f"{ident} is given more than one level")
            levels[ident] = level
    return levels


def _bulkshare(ctx: ZCtx, kind: str) -> Any:
    ids = ctx.data["secretIds"]
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        raise pattern("secretIds must be a non-empty list of secret id strings")
    targets = []
    for secret_id in ids:
        secret, level = visible(ctx, secret_id)
        if level not in SHARERS:
            raise denied(f"the {level} share level does not allow sharing secret {secret_id}")
        if secret["isshared"] != "YES":
            raise not_shareable(f"secret {secret_id} is personal (isshared NO): re-encrypt it under the organisation key "
                                "and update it with isshared YES first")
        targets.append((secret, _levels(ctx, kind, secret["owner"])))
    for secret, levels in targets:
        secret["shares"][kind] = levels
    return ZReply({"secretArray": [secret_row(ctx.zdb, ctx.user, s) for s, _l in targets]})


@zapi("PUT", REST + "/sharing/secret/users/bulkshare", "BULK_SHARE_USERS", scopes=(("secrets", "UPDATE"),), body="json",
      required_fields=("INPUT_DATA", "secretIds"), write=True)
def bulkshare_users(ctx: ZCtx) -> Any:
    return _bulkshare(ctx, "users")


@zapi("PUT", REST + "/sharing/secret/usergroups/bulkshare", "BULK_SHARE_USERGROUPS", scopes=(("secrets", "UPDATE"),), body="json",
      required_fields=("INPUT_DATA", "secretIds"), write=True)
def bulkshare_groups(ctx: ZCtx) -> Any:
    return _bulkshare(ctx, "groups")
