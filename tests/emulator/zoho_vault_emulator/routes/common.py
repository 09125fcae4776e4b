"""Helpers shared by the resource handlers: field validation and public views of stored objects."""

from __future__ import annotations

from typing import Any

from ..errors import validation

SECRET_TYPES = ("Login", "Server", "Database", "Document", "Note", "Credit Card", "Bank Account", "SSH Key", "Custom")


def require_strings(data: dict[str, Any], fields: tuple[str, ...]) -> None:
    for name in fields:
        if name in data and not isinstance(data[name], str):
            raise validation(f"{name} must be a string")


def require_name(data: dict[str, Any], field: str, creating: bool) -> None:
    if (creating and field not in data) or (field in data and not data[field].strip()):
        raise validation(f"{field} is required")


def email_list(value: Any, field: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise validation(f"{field} must be a list of email addresses")
    return value


def public_secret(store: Any, secret: dict[str, Any], with_password: bool = False) -> dict[str, Any]:
    view = {k: secret[k] for k in ("secretid", "secretname", "secreturl", "username", "notes", "chamberid", "secrettype",
                                   "createdtime", "modifiedtime", "passwordmodifiedtime")}
    view["customfields"] = dict(secret["customfields"])
    view["owner"] = store.email_of(secret["owner"])
    if with_password:
        view["password"] = secret["password"]
    return view


def public_chamber(store: Any, chamber: dict[str, Any]) -> dict[str, Any]:
    view = {k: chamber[k] for k in ("chamberid", "chambername", "chambertype", "description", "createdtime")}
    view["owner"] = store.email_of(chamber["owner"])
    return view


def public_user(user: dict[str, Any]) -> dict[str, Any]:
    return {k: user[k] for k in ("userid", "emailid", "firstname", "lastname", "role", "createdtime")}


def public_group(group: dict[str, Any]) -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, list) else v) for k, v in group.items()}
