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
    """Effective permissions of a user on a secret: ownership, direct and group shares, live emergency grants.

    Permissions are not cumulative by name (the contract): WRITE, SHARE or OWNER shared alone do not give READ.
    """
    if is_admin(user) or secret["owner"] == user["userid"]:
        return set(FULL)
    perms = set(secret["shares"]["users"].get(user["userid"], []))
    email = user["emailid"].lower()
    for groupid, granted in secret["shares"]["groups"].items():
        group = store.db["groups"].get(groupid)
        if group and email in (m.lower() for m in group["members"]):
            perms |= set(granted)
    if any(live_grant(store, grant) and grant["secretid"] == secret["secretid"] and grant["userid"] == user["userid"]
           for grant in store.db["emergency"].values()):
        perms.add("READ")
    if user["role"] == "Read-Only":
        # Read-Only users read what is shared with them, whatever the share says.
        perms &= {"READ"}
    return perms


def live_grant(store: Any, grant: dict[str, Any]) -> bool:
    return grant["status"] == "active" and grant["expires"] > store.now()


def readable(store: Any, user: dict[str, Any], secret: dict[str, Any]) -> bool:
    return "READ" in secret_permissions(store, user, secret)


def visible_secret(store: Any, user: dict[str, Any], secret_id: str) -> tuple[dict[str, Any], set[str]]:
    """The secret and the caller's permissions; 404 for a secret the caller has no permission on at all."""
    secret = store.db["secrets"].get(secret_id)
    perms = secret_permissions(store, user, secret) if secret else set()
    if not perms:
        raise not_found(f"secret {secret_id} does not exist")
    return secret, perms


def require_permission(perms: set[str], needed: str, what: str) -> None:
    if needed not in perms:
        raise access_denied(f"{needed} permission on the secret is needed to {what}")


def chamber_access(store: Any, user: dict[str, Any], chamber: dict[str, Any]) -> str | None:
    """"write" for the owner and Administrators, "read" for whoever can read a secret in it, else None."""
    if is_admin(user) or chamber["owner"] == user["userid"]:
        return "write"
    if any(s["chamberid"] == chamber["chamberid"] and readable(store, user, s) for s in store.db["secrets"].values()):
        return "read"
    return None


def visible_chamber(store: Any, user: dict[str, Any], chamber_id: str, write: bool = False) -> dict[str, Any]:
    """The chamber if the caller may read it (or change it, with write); 404 if it does not exist, else 403/7008."""
    chamber = store.db["chambers"].get(chamber_id) if isinstance(chamber_id, str) else None
    if not chamber:
        raise not_found(f"chamber {chamber_id} does not exist")
    access = chamber_access(store, user, chamber)
    if access is None:
        raise chamber_denied(f"no access to chamber {chamber_id}")
    if write and access != "write":
        raise chamber_denied(f"only the owner of chamber {chamber_id} or an Administrator may change it")
    return chamber
