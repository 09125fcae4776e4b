"""Groups and their members. Administrators and Managers manage groups; every role may read them."""

from __future__ import annotations

from typing import Any

from ..errors import not_found, validation
from ..perms import require_role
from ..routing import LIST_PARAMS, Ctx, api, paginate
from ..util import iso
from .common import email_list, public_group, require_name, require_strings

FIELDS = ("groupname", "description", "members")
MANAGERS = ("Administrator", "Manager")


def _resolve(ctx: Ctx, emails: list[str]) -> list[str]:
    """Canonical emailids of existing users, deduplicated in order; unknown ones fail naming all of them."""
    found, missing, seen = [], [], set()
    for email in emails:
        user = ctx.store.user_by_email(email)
        if user is None:
            missing.append(email)
        elif user["emailid"].lower() not in seen:
            seen.add(user["emailid"].lower())
            found.append(user["emailid"])
    if missing:
        raise validation(f"members must be existing users; unknown: {', '.join(missing)}")
    return found


def _check(ctx: Ctx, creating: bool) -> list[str] | None:
    # Group names need not be unique: groups are told apart by groupid, so two may share a name.
    require_strings(ctx.data, ("groupname", "description"))
    require_name(ctx.data, "groupname", creating)
    return _resolve(ctx, email_list(ctx.data["members"], "members")) if "members" in ctx.data else None


def group_or_404(ctx: Ctx, group_id: str) -> dict[str, Any]:
    group = ctx.db["groups"].get(group_id)
    if group is None:
        raise not_found(f"group {group_id} does not exist")
    return group


@api("GET", "/groups", "GET_GROUPS", scope=("users", "READ"), params=LIST_PARAMS)
def list_groups(ctx: Ctx) -> Any:
    return paginate(ctx, [public_group(g) for g in ctx.db["groups"].values()], "groups")


@api("GET", "/groups/<group_id>", "GET_GROUP", scope=("users", "READ"))
def get_group(ctx: Ctx, group_id: str) -> Any:
    return public_group(group_or_404(ctx, group_id))


@api("POST", "/groups", "ADD_GROUP", scope=("users", "CREATE"), body_op="ADD_GROUP", body="required", status=201, fields=FIELDS)
def add_group(ctx: Ctx) -> Any:
    require_role(ctx.user, MANAGERS, "manage groups")
    members = _check(ctx, creating=True)
    group = {"groupid": ctx.store.new_id(), "groupname": ctx.data["groupname"], "description": ctx.data.get("description", ""),
             "members": members or [], "createdtime": iso(ctx.now())}
    ctx.db["groups"][group["groupid"]] = group
    return public_group(group)


@api("PUT", "/groups/<group_id>", "UPDATE_GROUP", scope=("users", "UPDATE"), body_op="UPDATE_GROUP", body="required", fields=FIELDS)
def update_group(ctx: Ctx, group_id: str) -> Any:
    require_role(ctx.user, MANAGERS, "manage groups")
    group = group_or_404(ctx, group_id)
    members = _check(ctx, creating=False)
    group.update({k: v for k, v in ctx.data.items() if k != "members"})
    if members is not None:
        group["members"] = members
    return public_group(group)


@api("DELETE", "/groups/<group_id>", "DELETE_GROUP", scope=("users", "DELETE"), body_op="DELETE_GROUP", body="optional")
def delete_group(ctx: Ctx, group_id: str) -> Any:
    require_role(ctx.user, MANAGERS, "manage groups")
    group = group_or_404(ctx, group_id)
    for secret in ctx.db["secrets"].values():
        secret["shares"]["groups"].pop(group_id, None)
    del ctx.db["groups"][group_id]
    return {"groupid": group_id, "groupname": group["groupname"]}


def _members_change(ctx: Ctx, group_id: str, adding: bool) -> Any:
    require_role(ctx.user, MANAGERS, "manage groups")
    group = group_or_404(ctx, group_id)
    if "members" not in ctx.data:
        raise validation("members is required")
    emails = _resolve(ctx, email_list(ctx.data["members"], "members"))
    if not emails:
        raise validation("members must not be empty")
    current = {m.lower() for m in group["members"]}
    if adding:
        group["members"] += [e for e in emails if e.lower() not in current]
    else:
        # Removing someone who is not a member is a no-op: the desired end state already holds.
        dropping = {e.lower() for e in emails}
        group["members"] = [m for m in group["members"] if m.lower() not in dropping]
    return public_group(group)


@api("POST", "/groups/<group_id>/users", "ADD_GROUP_MEMBERS", scope=("users", "UPDATE"), body_op="ADD_GROUP_MEMBERS", body="required",
     fields=("members",))
def add_members(ctx: Ctx, group_id: str) -> Any:
    return _members_change(ctx, group_id, adding=True)


@api("DELETE", "/groups/<group_id>/users", "REMOVE_GROUP_MEMBERS", scope=("users", "UPDATE"), body_op="REMOVE_GROUP_MEMBERS",
     body="required", fields=("members",))
def remove_members(ctx: Ctx, group_id: str) -> Any:
    return _members_change(ctx, group_id, adding=False)
