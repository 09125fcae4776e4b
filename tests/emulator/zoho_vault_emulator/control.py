"""The control plane under /_emulator/: set up users and credentials, plans, locks, faults, clock; read counters.

It is for tests and benchmarks: no auth, not rate limited, not counted, JSON in and out.
"""

from __future__ import annotations

import os
import re
from typing import Any, Callable

from flask import Blueprint, Response, jsonify, request

from .auth import create_auth_code
from .errors import ApiError, not_found, validation
from .ratelimit import PLANS
from .store import ALL_SCOPES, ROLES, Store
from .util import iso
from .zoho.model import user_by_email
from .zoho.registry import DEFAULT_SCOPES

# ZohoVault.user.* is the production dialect's family (users and groups reads, key bootstrap).
SCOPE_RE = re.compile(r"^ZohoVault\.(secrets|chambers|users|user|audit)\.(ALL|READ|CREATE|UPDATE|DELETE)$", re.IGNORECASE)
OPENAPI_PATH = os.path.join(os.path.dirname(__file__), "openapi.yaml")


def _body() -> dict[str, Any]:
    body = request.get_json(force=True, silent=True) if request.get_data() else {}
    if not isinstance(body, dict):
        raise validation("the body must be a JSON object")
    return body


def _scopes(body: dict[str, Any], default: tuple[str, ...] = ALL_SCOPES) -> list[str]:
    scopes = body.get("scopes")
    if scopes is None:
        return list(default)
    if isinstance(scopes, str):
        scopes = [s for s in re.split(r"[,\s]+", scopes) if s]
    if not isinstance(scopes, list) or not all(isinstance(s, str) and SCOPE_RE.match(s) for s in scopes):
        raise validation("scopes must be a list of ZohoVault.<secrets|chambers|users|user|audit>.<ALL|READ|CREATE|UPDATE|DELETE>")
    return scopes


def _user(store: Store, body: dict[str, Any]) -> dict[str, Any]:
    """A user of the reference dialect or an account of the production one, by email."""
    email = body.get("emailid")
    user = (store.user_by_email(email) or user_by_email(store.db["zoho"], email)) if isinstance(email, str) else None
    if user is None:
        raise not_found(f"user {email} does not exist")
    return user


def _number(body: dict[str, Any], name: str, default: Any = None, minimum: float = 0) -> Any:
    value = body.get(name, default)
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum):
        raise validation(f"{name} must be a number >= {minimum}")
    return value


def build_control(store: Store, info: Callable[[], dict[str, Any]]) -> Blueprint:
    bp = Blueprint("control", __name__, url_prefix="/_emulator")

    @bp.errorhandler(ApiError)
    def api_error(err: ApiError) -> Any:
        return jsonify({"error": err.message, "code": err.code}), err.status

    @bp.get("/health")
    def health() -> Any:
        return jsonify({"status": "ok"})

    @bp.get("/info")
    def get_info() -> Any:
        return jsonify(info())

    @bp.get("/openapi.yaml")
    def openapi() -> Any:
        with open(OPENAPI_PATH, encoding="utf-8") as handle:
            return Response(handle.read(), mimetype="application/yaml")

    @bp.post("/reset")
    def reset() -> Any:
        store.reset()
        return jsonify({"status": "reset"})

    @bp.post("/users")
    def create_user() -> Any:
        body = _body()
        email, role = body.get("emailid"), body.get("role", "User")
        if not isinstance(email, str) or "@" not in email:
            raise validation("emailid must be an email address")
        if role not in ROLES:
            raise validation(f"role must be one of {', '.join(ROLES)}")
        scopes = _scopes(body)
        with store.lock:
            user = store.user_by_email(email)
            if user is None:
                user = {"userid": store.new_id(), "emailid": email, "firstname": body.get("firstname", ""),
                        "lastname": body.get("lastname", ""), "role": role, "createdtime": iso(store.now())}
                store.db["users"][user["userid"]] = user
            else:
                # An existing user keeps its data; only fields given here change, and it gets fresh credentials.
                user.update({k: body[k] for k in ("firstname", "lastname", "role") if k in body})
            creds = store.issue_refresh_token(user, scopes)
            store.save()
        return jsonify({"userid": user["userid"], "emailid": user["emailid"], "role": user["role"], "scopes": scopes, **creds}), 201

    def scopes_for(body: dict[str, Any], user: dict[str, Any]) -> list[str]:
        # A production account's tokens default to the scopes that dialect's clients ask for.
        return _scopes(body, DEFAULT_SCOPES if user["userid"] in store.db["zoho"]["users"] else ALL_SCOPES)

    @bp.post("/refresh_tokens")
    def refresh_tokens() -> Any:
        body = _body()
        _scopes(body)
        with store.lock:
            user = _user(store, body)
            scopes = scopes_for(body, user)
            creds = store.issue_refresh_token(user, scopes, client_id=body.get("client_id") if body.get("client_id") in store.db["clients"] else None)
            store.save()
        return jsonify(creds), 201

    @bp.post("/access_tokens")
    def access_tokens() -> Any:
        body = _body()
        _scopes(body)
        ttl = _number(body, "expires_in", None, 0)
        with store.lock:
            user = _user(store, body)
            scopes = scopes_for(body, user)
            token, ttl = store.mint_access_token(user["userid"], scopes, ttl=ttl)
            store.save()
        return jsonify({"access_token": token, "expires_in": ttl, "scopes": scopes}), 201

    @bp.post("/auth_codes")
    def auth_codes() -> Any:
        body = _body()
        _scopes(body)
        with store.lock:
            user = _user(store, body)
            scopes = scopes_for(body, user)
            client_id = body.get("client_id")
            client = store.db["clients"].get(client_id) if isinstance(client_id, str) else None
            if client is None:
                raise validation("client_id must be an existing client (from POST /_emulator/users)")
            redirect_uri = body.get("redirect_uri", "http://localhost/callback")
            code = create_auth_code(store, user, scopes, client_id, redirect_uri)
        return jsonify({"code": code, "expires_in": 60, "redirect_uri": redirect_uri}), 201

    def limits() -> dict[str, Any]:
        s = store.settings
        return {"plan": s["plan"], "per_minute": s["per_minute"], "per_day": s["per_day"]}

    @bp.get("/plan")
    def get_plan() -> Any:
        return jsonify(limits())

    @bp.put("/plan")
    def set_plan() -> Any:
        body = _body()
        if "plan" in body:
            if body["plan"] not in PLANS:
                raise validation(f"plan must be one of {', '.join(PLANS)}")
            store.set_limits(body["plan"], *PLANS[body["plan"]])
        else:
            per_minute = _number(body, "per_minute", None, 1)
            per_day = _number(body, "per_day", None, 1)
            if per_minute is None and per_day is None:
                raise validation("give plan, or per_minute and/or per_day")
            store.set_limits("custom", None if per_minute is None else int(per_minute), None if per_day is None else int(per_day))
        return jsonify(limits())

    @bp.post("/secrets/<secret_id>/lock")
    def lock_secret(secret_id: str) -> Any:
        body = _body()
        locked = body.get("locked", True)
        if not isinstance(locked, bool):
            raise validation("locked must be true or false")
        with store.lock:
            secret = store.db["secrets"].get(secret_id)
            if secret is None:
                raise not_found(f"secret {secret_id} does not exist")
            secret["locked"] = locked
            store.save()
        return jsonify({"secretid": secret_id, "locked": locked})

    @bp.post("/faults")
    def add_fault() -> Any:
        fault = store.faults.add(_body())
        return jsonify(fault.public()), 201

    @bp.get("/faults")
    def list_faults() -> Any:
        return jsonify({"faults": store.faults.list()})

    @bp.delete("/faults")
    def clear_faults() -> Any:
        store.faults.clear()
        return jsonify({"faults": []})

    @bp.delete("/faults/<fault_id>")
    def delete_fault(fault_id: str) -> Any:
        if not store.faults.remove(fault_id):
            raise not_found(f"fault {fault_id} does not exist")
        return jsonify({"id": fault_id})

    @bp.get("/counters")
    def counters() -> Any:
        return jsonify(store.counters.snapshot())

    @bp.post("/counters/reset")
    def reset_counters() -> Any:
        store.counters.reset()
        return jsonify(store.counters.snapshot())

    def clock() -> dict[str, Any]:
        return {"offset_seconds": store.settings["clock_offset"], "now": iso(store.now())}

    @bp.get("/clock")
    def get_clock() -> Any:
        return jsonify(clock())

    @bp.put("/clock")
    def set_clock() -> Any:
        body = _body()
        offset = body.get("offset_seconds")
        if isinstance(offset, bool) or not isinstance(offset, (int, float)):
            raise validation("offset_seconds must be a number")
        with store.lock:
            store.settings["clock_offset"] = float(offset)
            store.save()
        return jsonify(clock())

    @bp.put("/policy")
    def set_policy() -> Any:
        body = _body()
        length = _number(body, "min_password_length", 8, 1)
        with store.lock:
            store.settings["min_password_length"] = int(length)
            store.save()
        return jsonify({"min_password_length": int(length)})

    def page_cap() -> dict[str, Any]:
        return {"max_per_page": store.settings.get("page_cap")}

    @bp.get("/page_size")
    def get_page_cap() -> Any:
        return jsonify(page_cap())

    @bp.put("/page_size")
    def set_page_cap() -> Any:
        body = _body()
        if "max_per_page" not in body:
            raise validation("max_per_page is required: a page size from 1 to 1000, or null to turn the cap off")
        cap = body["max_per_page"]
        if cap is not None and (isinstance(cap, bool) or not isinstance(cap, int) or not 1 <= cap <= 1000):
            raise validation("max_per_page must be an integer from 1 to 1000, or null to turn the cap off")
        with store.lock:
            store.settings["page_cap"] = cap
            store.save()
        return jsonify(page_cap())

    @bp.put("/token_ttl")
    def set_token_ttl() -> Any:
        seconds = _number(_body(), "seconds", 3600, 1)
        with store.lock:
            store.settings["token_ttl"] = int(seconds)
            store.save()
        return jsonify({"seconds": int(seconds)})

    return bp
