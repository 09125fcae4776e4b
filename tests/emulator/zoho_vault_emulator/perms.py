"""Who may do what: scopes, roles, share permissions and emergency access (the contract's last section)."""

from __future__ import annotations

from typing import Any

from .errors import access_denied, chamber_denied, not_found

PERMISSIONS = ("READ", "WRITE", "SHARE", "OWNER")
FULL = frozenset(PERMISSIONS)


def has_scope(scopes: list[str], family: str, action: str) -> bool:
    wanted = {f"zohovault.{family}.all", f"zohovault.{family}.{action}".lower()}
    return any(scope.lower() in wanted for scope in scopes)


def require_scope(scopes: list[str], family: str, action: str) -> None:
    if not has_scope(scopes, family, action):
        raise access_denied(f"the access token lacks the ZohoVault.{family}.{action} scope")


def is_admin(user: dict[str, Any]) -> bool:
    return user["role"] == "Administrator"


def require_role(user: dict[str, Any], roles: tuple[str, ...], what: str) -> None:
    if user["role"] not in roles:
        raise access_denied(f"role {user['role']} may not {what}")


def secret_permissions(store: Any, user: dict[str, Any], secret: dict[str, Any]) -> set[str]:
    """Effective permissions of a user on a secret: ownership, direct and group shares, live emergency grants."""
    if is_admin(user) or secret["owner"] == user["userid"]:
        perms = set(FULL)
    else:
        perms = set(secret["shares"]["users"].get(user["userid"], []))
        email = user["emailid"].lower()
        for groupid, granted in secret["shares"]["groups"].items():
            group = store.db["groups"].get(groupid)
            if group and email in (m.lower() for m in group["members"]):
                perms |= set(granted)
        now = store.now()
        for grant in store.db["emergency"].values():
            if grant["secretid"] == secret["secretid"] and grant["userid"] == user["userid"] and grant["status"] == "active" \
                    and grant["expires"] > now:
                perms.add("READ")
    if "OWNER" in perms:
        perms = set(FULL)
    if perms:
        perms.add("READ")
    if user["role"] == "Read-Only":
        # Read-Only users read what is shared with them, whatever the share says.
        perms &= {"READ"}
    return perms


def visible_secret(store: Any, user: dict[str, Any], secret_id: str) -> tuple[dict[str, Any], set[str]]:
    secret = store.db["secrets"].get(secret_id)
    perms = secret_permissions(store, user, secret) if secret else set()
    if not perms:
        raise not_found(f"secret {secret_id} does not exist")
    return secret, perms


def require_permission(perms: set[str], needed: str, what: str) -> None:
    if needed not in perms:
        raise access_denied(f"{needed} permission on the secret is needed to {what}")


def chamber_visible(user: dict[str, Any], chamber: dict[str, Any]) -> bool:
    return is_admin(user) or chamber["owner"] == user["userid"] or chamber["chambertype"] == "Shared"


def visible_chamber(store: Any, user: dict[str, Any], chamber_id: str) -> dict[str, Any]:
    chamber = store.db["chambers"].get(chamber_id)
    if not chamber or not chamber_visible(user, chamber):
        raise not_found(f"chamber {chamber_id} does not exist")
    return chamber


def require_chamber_owner(user: dict[str, Any], chamber: dict[str, Any]) -> None:
    if not (is_admin(user) or chamber["owner"] == user["userid"]):
        raise chamber_denied(f"only the owner of chamber {chamber['chamberid']} or an Administrator may change it")


def usable_chamber(store: Any, user: dict[str, Any], chamber_id: Any) -> dict[str, Any]:
    """A chamber a secret may be put in: one's own, any Shared chamber, or any chamber for an Administrator."""
    chamber = store.db["chambers"].get(chamber_id) if isinstance(chamber_id, str) else None
    if not chamber:
        raise not_found(f"chamber {chamber_id} does not exist")
    if not (is_admin(user) or chamber["owner"] == user["userid"] or chamber["chambertype"] == "Shared"):
        raise chamber_denied(f"no access to chamber {chamber_id}")
    return chamber
