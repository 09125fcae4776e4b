"""Secrets over REST v1: list (0-based pages, meta.secretcount), get, create (form INPUT_DATA), update (a full
resend), delete (to the trash). The server checks shapes only: it cannot read a single secret field."""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any

from .crypto import NONCE_BYTES, is_ciphertext
from .errors import denied, extra_param, missing_param, not_found, not_shareable, pattern
from .model import level_of, same_org, secret_row
from .registry import PAGING, REST, ZCtx, ZReply, page, zapi

REQUIRED = ("secretname", "secrettypeid", "policyid", "classification", "isshared", "secretdata")
OPTIONAL = ("securenote", "customcolumnnew", "description", "tags", "secreturls", "chamberid", "logo", "files", "totp",
            "encsecretname", "encdescription", "encryptedurls", "encryptedtags", "compliance")
UPDATE_ONLY = ("oldvalues", "passwordmodified")
CIPHER_FIELDS = ("securenote", "totp", "encsecretname", "encdescription", "encryptedtags")
EMPTY_CUSTOM = base64.b64encode(b'{"customcol":[]}').decode("ascii")
# The custom column types Zoho's apps write (the design names no others): strict until more are seen.
COLUMN_TYPES = ("text", "password")
# Descriptions with punctuation are refused with PATTERN_NOT_MATCHED (reported from live use); letters, digits,
# spaces, hyphens and underscores pass.
DESCRIPTION_RE = re.compile(r"^[\w\s-]*$")
WRITERS = ("owner", "manage", "modify")


def visible(ctx: ZCtx, secret_id: str) -> tuple[dict[str, Any], str]:
    secret = ctx.zdb["secrets"].get(secret_id)
    level = level_of(ctx.zdb, ctx.user, secret) if secret else None
    if secret is None or level is None:
        raise not_found(f"secret {secret_id} does not exist")
    return secret, level


@zapi("GET", REST + "/secrets", "GET_SECRETS", scopes=(("secrets", "READ"),), required=PAGING, params=("chamberId",))
def list_secrets(ctx: ZCtx) -> Any:
    chamber_id = ctx.args.get("chamberId")
    if chamber_id is not None and chamber_id not in {c["chamberid"] for c in same_org(ctx.zdb, ctx.user, "chambers")}:
        raise not_found(f"chamber {chamber_id} does not exist")
    found = [s for s in same_org(ctx.zdb, ctx.user, "secrets")
             if not s["istrashed"] and level_of(ctx.zdb, ctx.user, s) and (chamber_id is None or s["chamberid"] == chamber_id)]
    rows, total = page(ctx, found, "secretname")
    return ZReply([secret_row(ctx.zdb, ctx.user, s) for s in rows], meta={"secretcount": total})


@zapi("GET", REST + "/secrets/<secret_id>", "GET_SECRET", scopes=(("secrets", "READ"),))
def get_secret(ctx: ZCtx, secret_id: str) -> Any:
    secret, _level = visible(ctx, secret_id)
    return secret_row(ctx.zdb, ctx.user, secret)


def _cipher(value: Any, name: str, nonces: list[bytes]) -> str:
    """A stored field must be ciphertext (or empty): the server never holds a plaintext secret value."""
    if not isinstance(value, str):
        raise pattern(f"{name} must be a string")
    if value == "":
        return value
    if not is_ciphertext(value):
        raise pattern(f"{name} must be a base64 AES-CTR ciphertext (nonce and data): plaintext is never accepted")
    nonces.append(base64.b64decode(value)[:NONCE_BYTES])
    return value


def _secretdata(ctx: ZCtx, data: dict[str, Any], typeid: str, nonces: list[bytes]) -> dict[str, str]:
    value = data["secretdata"]
    if not isinstance(value, dict):
        raise pattern("secretdata must be an object of field name to ciphertext")
    fields = ctx.zdb["orgs"][ctx.user["orgid"]]["types"][typeid]["FIELDS"]
    names = {f["NAME"] for f in fields}
    extra = sorted(set(value) - names)
    if extra:
        raise extra_param(f"secretdata has field(s) the secret type does not: {', '.join(extra)} (type fields: {', '.join(sorted(names))})")
    missing = sorted(f["NAME"] for f in fields if f["ISMANDATORY"] and f["TYPE"] != "file" and f["NAME"] not in value)
    if missing:
        raise missing_param(f"secretdata lacks mandatory field(s) of the type: {', '.join(missing)}")
    return {name: _cipher(v, f"secretdata.{name}", nonces) for name, v in value.items()}


def _custom(value: Any, nonces: list[bytes]) -> str:
    """customcolumnnew is base64 of {"customcol": [{id, colname, type, value}]}; each value is a ciphertext."""
    if not isinstance(value, str):
        raise pattern("customcolumnnew must be a base64 string")
    try:
        doc = json.loads(base64.b64decode(value, validate=True))
    except (binascii.Error, ValueError):
        raise pattern("customcolumnnew must be base64 of a JSON object") from None
    columns = doc.get("customcol") if isinstance(doc, dict) else None
    if not isinstance(columns, list) or set(doc) != {"customcol"}:
        raise pattern('customcolumnnew must decode to {"customcol": [...]}')
    for i, column in enumerate(columns):
        if not isinstance(column, dict) or not isinstance(column.get("colname"), str) or "value" not in column:
            raise pattern(f"customcolumnnew column {i} needs colname and value")
        if column.get("type") not in COLUMN_TYPES:
            raise pattern(f"customcolumnnew column {column['colname']!r} needs a type of {', '.join(COLUMN_TYPES)}")
        _cipher(column["value"], f"customcolumnnew column {column['colname']!r}", nonces)
    return value


def _strings(value: Any, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise pattern(f"{name} must be a list of strings")
    return value


def _metadata(data: dict[str, Any]) -> dict[str, Any]:
    name = data["secretname"]
    if not isinstance(name, str) or not name.strip():
        raise pattern("secretname must be a non-empty string")
    for key in ("description", "tags", "logo"):
        if not isinstance(data.get(key, ""), str):
            raise pattern(f"{key} must be a string")
    if not DESCRIPTION_RE.match(data.get("description", "")):
        raise pattern("description may hold letters, digits, spaces, hyphens and underscores only")
    if data.get("classification") not in ("E", "P"):
        raise pattern("classification must be E or P")
    if data.get("isshared") not in ("YES", "NO"):
        raise pattern("isshared must be YES or NO")
    if data.get("files", []) != []:
        raise pattern("files must be [] (file attachments use another API)")
    urls = _strings(data.get("secreturls", []), "secreturls")
    return {"secretname": name, "classification": data["classification"], "isshared": data["isshared"],
            "description": data.get("description", ""), "tags": data.get("tags", ""), "secreturl": urls[0] if urls else "",
            "secretmultipleurl": list(urls)}


def _chamber(ctx: ZCtx, data: dict[str, Any]) -> str | None:
    chamber_id = data.get("chamberid")
    if chamber_id is None or chamber_id == "":
        return None
    chamber = ctx.zdb["chambers"].get(str(chamber_id))
    if chamber is None or chamber["orgid"] != ctx.user["orgid"]:
        raise not_found(f"chamber {chamber_id} does not exist")
    if chamber["owner"] != ctx.user["userid"]:
        raise denied(f"only the owner of chamber {chamber_id} may put secrets in it")
    return chamber["chamberid"]


def validate(ctx: ZCtx, data: dict[str, Any]) -> dict[str, Any]:
    """Everything a create or a full-resend update stores, checked; nonces must not repeat within one request."""
    org = ctx.zdb["orgs"][ctx.user["orgid"]]
    fields = _metadata(data)
    if data["secrettypeid"] not in org["types"]:
        raise pattern(f"secrettypeid {data['secrettypeid']!r} is not a secret type of this organisation")
    if data["policyid"] != org["policyid"]:
        raise pattern(f"policyid {data['policyid']!r} is not a password policy of this organisation")
    if fields["isshared"] == "YES" and not ctx.user["sharedkey"]:
        raise not_shareable("isshared YES needs the organisation key, and sharing is not approved for this user yet")
    nonces: list[bytes] = []
    fields["secretdata"] = _secretdata(ctx, data, data["secrettypeid"], nonces)
    fields.update({name: _cipher(data.get(name, ""), name, nonces) for name in CIPHER_FIELDS})
    fields["encryptedurls"] = [_cipher(v, "encryptedurls", nonces) for v in _strings(data.get("encryptedurls", []), "encryptedurls")]
    fields["customcolumn"] = _custom(data["customcolumnnew"], nonces) if "customcolumnnew" in data else EMPTY_CUSTOM
    if len(set(nonces)) != len(nonces):
        raise pattern("two fields share a nonce: every encryption needs a fresh one")
    fields["notes"] = fields.pop("securenote")
    fields["accounttype"], fields["policyid"] = data["secrettypeid"], data["policyid"]
    fields["chamberid"] = _chamber(ctx, data)
    return fields


@zapi("POST", REST + "/secrets", "ADD_SECRET", scopes=(("secrets", "CREATE"),), body="form", required_fields=REQUIRED,
      fields=OPTIONAL, write=True)
def add_secret(ctx: ZCtx) -> Any:
    fields = validate(ctx, ctx.data)
    now = ctx.now_ms()
    secret = {"secretid": ctx.store.new_id(), "orgid": ctx.user["orgid"], "owner": ctx.user["userid"], "creationtime": now,
              "passwordmodifiedtime": now, "istrashed": False, "shares": {"users": {}, "groups": {}}, **fields}
    ctx.zdb["secrets"][secret["secretid"]] = secret
    return secret_row(ctx.zdb, ctx.user, secret)


@zapi("PUT", REST + "/secrets/<secret_id>", "UPDATE_SECRET", scopes=(("secrets", "UPDATE"),), body="form",
      required_fields=REQUIRED, fields=OPTIONAL + UPDATE_ONLY, write=True)
def update_secret(ctx: ZCtx, secret_id: str) -> Any:
    """A full resend: what is not sent is cleared. Turning a personal secret into a shared one (isshared NO -> YES,
    after re-encrypting under the org key) is the owner's; YES -> NO is refused while it is shared."""
    secret, level = visible(ctx, secret_id)
    if secret["istrashed"]:
        raise not_found(f"secret {secret_id} is in the trash")
    if level not in WRITERS:
        raise denied(f"the {level} share level does not allow changing secret {secret_id}")
    if not isinstance(ctx.data.get("passwordmodified", False), bool):
        raise pattern("passwordmodified must be true or false")
    fields = validate(ctx, ctx.data)
    if fields["isshared"] != secret["isshared"]:
        if level != "owner":
            raise denied("only the owner changes isshared")
        if fields["isshared"] == "NO" and (secret["shares"]["users"] or secret["shares"]["groups"]):
            raise not_shareable(f"secret {secret_id} is shared: revoke its shares before making it personal")
    password_changed = fields["secretdata"].get("password") != secret["secretdata"].get("password")
    if password_changed or ctx.data.get("passwordmodified") is True:
        secret["passwordmodifiedtime"] = ctx.now_ms()
    secret.update(fields)
    return secret_row(ctx.zdb, ctx.user, secret)


@zapi("DELETE", REST + "/secrets/<secret_id>", "DELETE_SECRET", scopes=(("secrets", "DELETE"),), write=True)
def delete_secret(ctx: ZCtx, secret_id: str) -> Any:
    """Moves the secret to the trash (a GET by its owner then shows istrashed true; lists no longer show it)."""
    secret, level = visible(ctx, secret_id)
    if secret["istrashed"]:
        raise not_found(f"secret {secret_id} is already in the trash")
    if level not in ("owner", "manage"):
        raise denied(f"the {level} share level does not allow deleting secret {secret_id}")
    secret["istrashed"] = True
    return {"secretid": secret_id, "secretname": secret["secretname"]}
