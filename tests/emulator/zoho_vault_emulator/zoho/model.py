"""State of the production dialect (in the store's `zoho` section) and the shapes rows are served in.

The API side keeps only what Zoho's servers keep: ciphertext of every secret field, the passphrase check blob,
the RSA private key encrypted under the user's master key, and the org key wrapped per user. What the test side
knows besides (master keys, org keys, master passwords) lives in the `zoho_control` section, which only the
control plane and the seeds read.
"""

from __future__ import annotations

import json
from typing import Any

# Built-in secret types as Zoho's fixtures list them: (id suffix, NAME, [(field NAME, LABEL, TYPE, ISMANDATORY)]).
BUILTIN_TYPES: tuple[tuple[str, str, tuple[tuple[str, str, str, bool], ...]], ...] = (
    ("000000000015", "Web Account", (("username", "User Name", "text", True), ("password", "Password", "password", True),
                                     ("file", "File Attachment", "file", False))),
    ("000000000017", "Bank Account", (("accno", "Account Number", "text", False), ("bankid", "Online Banking ID", "text", False),
                                      ("password", "Online Banking Password", "password", False),
                                      ("file", "File Attachment", "file", False))),
    ("000000000023", "Windows", (("username", "User Name", "text", True), ("password", "Password", "password", True),
                                 ("file", "File Attachment", "file", False))),
    ("000000000025", "Unix", (("username", "User Name", "text", True), ("password", "Password", "password", True),
                              ("file", "File Attachment", "file", False))),
    ("000000009001", "Secure Note", (("notes", "Notes", "textarea", False), ("file", "File Attachment", "file", False))),
    ("000000006001", "Payment Card", (("card_number", "Card Number", "password", True), ("card_holder_name", "Name on Card", "text", False),
                                      ("cvv", "Security Code", "password", False), ("valid_thru", "Valid Thru", "text", False))),
)
POLICY_SUFFIX = "000000000063"
# sharinglevel numbers of a secret row, and the bulkshare list each level is sent in.
LEVELS = {"manage": 10, "logon": 20, "view": 30, "modify": 40}
LEVEL_LISTS = {"manageusers": "manage", "modifyusers": "modify", "viewusers": "view", "logonusers": "logon"}
# Strongest first: a user shared at several levels (directly and through groups) gets the first one found here.
LEVEL_ORDER = ("manage", "modify", "view", "logon")


def empty_zoho() -> dict[str, Any]:
    return {"orgs": {}, "users": {}, "secrets": {}, "chambers": {}, "groups": {}}


def empty_control() -> dict[str, Any]:
    return {"master_keys": {}, "master_passwords": {}, "org_keys": {}}


def type_columns(prefix: str) -> dict[str, Any]:
    """OPEN_VAULT's SECRETTYPECOLUMNS for an org: type ids carry the org's own prefix, so clients resolve by NAME."""
    return {prefix + suffix: {"NAME": name, "STATUS": True,
                              "FIELDS": [{"NAME": f, "LABEL": label, "TYPE": kind, "ISMANDATORY": mandatory, "IS_DELETED": False,
                                          "PII": False, "isMaskAllowed": False} for f, label, kind, mandatory in fields]}
            for suffix, name, fields in BUILTIN_TYPES}


def new_org(zdb: dict[str, Any], orgid: str, name: str, prefix: str, policy_suffix: str = POLICY_SUFFIX) -> dict[str, Any]:
    org = {"orgid": orgid, "name": name, "prefix": prefix, "policyid": prefix + policy_suffix, "types": type_columns(prefix)}
    zdb["orgs"][orgid] = org
    return org


def type_named(org: dict[str, Any], name: str) -> str:
    for typeid, spec in org["types"].items():
        if spec["NAME"].lower() == name.lower():
            return typeid
    raise ValueError(f"no secret type {name!r} (types: {', '.join(t['NAME'] for t in org['types'].values())})")


def user_by_email(zdb: dict[str, Any], email: str) -> dict[str, Any] | None:
    return next((u for u in zdb["users"].values() if u["email"].lower() == email.lower()), None)


def same_org(zdb: dict[str, Any], user: dict[str, Any], collection: str) -> list[dict[str, Any]]:
    return [item for item in zdb[collection].values() if item["orgid"] == user["orgid"]]


# -- permissions --------------------------------------------------------------------------------
def level_of(zdb: dict[str, Any], user: dict[str, Any], secret: dict[str, Any]) -> str | None:
    """"owner", a share level, or None. Personal secrets (isshared NO) are the owner's alone, not even admins'."""
    if secret["orgid"] != user["orgid"]:
        return None
    if secret["owner"] == user["userid"]:
        return "owner"
    if secret["isshared"] != "YES" or secret["istrashed"]:
        return None
    found = {secret["shares"]["users"].get(user["userid"])}
    for groupid, level in secret["shares"]["groups"].items():
        group = zdb["groups"].get(groupid)
        if group and user["userid"] in group["members"]:
            found.add(level)
    return next((level for level in LEVEL_ORDER if level in found), None)


# -- rows ---------------------------------------------------------------------------------------
def owner_details(zdb: dict[str, Any], userid: str) -> dict[str, str]:
    owner = zdb["users"].get(userid, {})
    return {"USERNAME": owner.get("username", ""), "EMAIL": owner.get("email", "")}


def secret_row(zdb: dict[str, Any], user: dict[str, Any], secret: dict[str, Any]) -> dict[str, Any]:
    """A REST v1 secret row as the fixtures show it: metadata in clear, every secret field as ciphertext."""
    level = level_of(zdb, user, secret)
    row = {
        "secretid": secret["secretid"], "secretname": secret["secretname"], "accounttype": secret["accounttype"],
        "policyid": secret["policyid"], "POLICYID": secret["policyid"], "classification": secret["classification"],
        "isshared": secret["isshared"], "issharedtousers": bool(secret["shares"]["users"] or secret["shares"]["groups"]),
        "sharinglevel": LEVELS["manage"] if level in ("owner", None) else LEVELS[level],
        "userid": secret["owner"], "ownerdetails": owner_details(zdb, secret["owner"]), "istrashed": secret["istrashed"],
        "creationtime": secret["creationtime"], "passwordmodifiedtime": secret["passwordmodifiedtime"],
        "secreturl": secret["secreturl"], "secretmultipleurl": list(secret["secretmultipleurl"]),
        "description": secret["description"], "tags": secret["tags"], "notes": secret["notes"],
        "secretData": json.dumps(secret["secretdata"], separators=(",", ":")), "customcolumn": secret["customcolumn"],
        "encsecretname": secret["encsecretname"], "encdescription": secret["encdescription"],
        "isfavourites": False, "autosubmit": True, "autologon": False, "changepassword": False, "onetimeacess": False,
        "isPasswordBreached": False,
    }
    for optional in ("totp", "encryptedurls", "encryptedtags"):
        if secret.get(optional):
            row[optional] = secret[optional]
    return row


def user_row(user: dict[str, Any]) -> dict[str, Any]:
    return {"role": user["role"], "unique-id": user["zuid"], "enabled": user["enabled"], "email": user["email"],
            "user_auto_id": user["userid"], "username": user["username"]}


def share_user(user: dict[str, Any]) -> dict[str, Any]:
    return {"user_auto_id": user["userid"], "unique-id": user["zuid"], "username": user["username"], "email": user["email"]}


def group_row(group: dict[str, Any]) -> dict[str, Any]:
    return {"usergroup_auto_id": group["usergroup_auto_id"], "usergroupname": group["usergroupname"]}


def chamber_row(chamber: dict[str, Any]) -> dict[str, Any]:
    return {"chamberid": chamber["chamberid"], "chambername": chamber["chambername"], "chamberdescription": chamber["description"],
            "creationtime": chamber["creationtime"], "ownerid": chamber["owner"]}
