"""Key bootstrap: the legacy login operations (GET_LOGIN, OPEN_VAULT, IS_VALID_AUTHPASS) and /user/orgkey."""

from __future__ import annotations

import hmac
from typing import Any

from .errors import pattern
from .model import same_org
from .registry import LOGIN_PATH, REST, ZCtx, zapi

USER_READ = ("user", "READ")
SECRETS_READ = ("secrets", "READ")


def login_user(user: dict[str, Any]) -> dict[str, Any]:
    return {"USERID": user["userid"], "ZUID": user["zuid"], "EMAIL": user["email"], "USERNAME": user["username"],
            "ROLES": user["roles"], "NEW_UI": True}


@zapi("GET", LOGIN_PATH, "GET_LOGIN", scopes=(USER_READ,), operation="GET_LOGIN")
def get_login(ctx: ZCtx) -> Any:
    user = ctx.user
    return {"LOGIN": user["login"], "SALT": user["salt"], "ITERATION": user["iterations"], "PASSPHRASE": user["passphrase"],
            "USER": login_user(user), "CREATIONTIME": user["creationtime"], "LASTMODFIEDTIME": user["lastmodifiedtime"]}


@zapi("GET", LOGIN_PATH, "OPEN_VAULT", scopes=(USER_READ, SECRETS_READ), required=("limit",), operation="OPEN_VAULT")
def open_vault(ctx: ZCtx) -> Any:
    # limit=-1 (every secret in the legacy UPPERCASE shape) is not served: clients read secrets over REST.
    if ctx.args.get("limit") != "0":
        raise pattern("only limit=0 is served by the emulator (read secrets with GET /api/rest/json/v1/secrets)")
    user, org = ctx.user, ctx.zdb["orgs"][ctx.user["orgid"]]
    approved = bool(user["sharedkey"])
    mine = [s for s in same_org(ctx.zdb, user, "secrets") if s["owner"] == user["userid"] and not s["istrashed"]]
    config = {"DEFAULT_PASSWDPOLICY_ID": org["policyid"], "PERSONAL_SECRETS": "Enabled", "ENTERPRISE_SECRETS": "Enabled",
              "ALLOW_SHARING_SECRETS": "Enabled", "ALLOW_ADD_SECRETS": "Enabled", "ALLOW_MULTIPLE_URL": "Enabled",
              "FILE_ATTACHMENT": "Enabled", "OFFLINE_ACCESS": "Enabled", "INACTIVE_TIMEOUT": "15"}
    return {"ORGNAME": org["name"], "USER": {"USERID": user["userid"], "USERNAME": user["username"], "EMAIL": user["email"]},
            "PRIVATEKEY": user["privatekey"], "SHARINGKEY": user["sharedkey"], "SHARING_INITIATED": True,
            "SHARING_APPROVED": approved, "SECRETTYPECOLUMNS": org["types"], "USERCONFIG": config, "SECRETS": [],
            "count": len(mine), "PERSONAL_SECRETS": "Enabled", "ENTERPRISE_SECRETS": "Enabled",
            "ALLOW_SHARING_SECRETS": "Enabled", "ALLOW_ADD_SECRETS": "Enabled", "FEATURES": []}


@zapi("POST", LOGIN_PATH, "IS_VALID_AUTHPASS", scopes=(USER_READ,), operation="IS_VALID_AUTHPASS", body="form_fields",
      required_fields=("authPass",))
def is_valid_authpass(ctx: ZCtx) -> Any:
    """Legacy SHA accounts prove the password to the server; PBKDF2_AES accounts never validate this way."""
    stored = ctx.user.get("authpass") or ""
    valid = bool(stored) and hmac.compare_digest(stored, str(ctx.data["authPass"]).lower())
    return {"IS_VALID_AUTHPASS": valid}


@zapi("GET", REST + "/user/orgkey", "GET_ORGKEY", scopes=(USER_READ, SECRETS_READ))
def org_key(ctx: ZCtx) -> Any:
    """sharedKey is empty until an admin approved sharing for this user (the admin's client wraps the org key)."""
    return {"sharedKey": ctx.user["sharedkey"], "privateKey": ctx.user["privatekey"]}
