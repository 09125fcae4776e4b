"""OAuth: the accounts token endpoint (refresh_token and authorization_code grants) and access-token checks."""

from __future__ import annotations

import secrets
from typing import Any

from flask import Flask, Response, jsonify, request

from .errors import auth_failed
from .faults import TOKEN_PATH
from .fault_replies import fault_reply, sleep_if_slow
from .store import AUTH_CODE_TTL, MINT_LIMIT, MINT_WINDOW, Store

# The body Zoho sends past the mint limit; clients match it, so it is reproduced exactly.
MINT_LIMIT_BODY = {"error": "Access Denied",
                   "error_description": "You have made too many requests continuously. Please try again after some time.",
                   "status": "failure"}


def authenticate(store: Store, header: str | None) -> tuple[dict[str, Any], list[str], str]:
    """Resolve `Authorization: Zoho-oauthtoken <token>` to (user, scopes, token) or raise 401/7002."""
    if not header:
        raise auth_failed("missing Authorization header")
    scheme, _sep, token = header.partition(" ")
    # The contract's only scheme; Bearer (what generic OAuth clients send) is refused so a client cannot drift to it.
    if scheme.lower() != "zoho-oauthtoken" or not token.strip():
        raise auth_failed("Authorization must be 'Zoho-oauthtoken <access_token>'")
    token = token.strip()
    entry = store.db["access_tokens"].get(token)
    if entry is None:
        raise auth_failed("invalid access token")
    if entry["expires"] <= store.now():
        raise auth_failed("access token expired")
    user = store.db["users"].get(entry["userid"])
    if user is None:
        # Also an account of the production dialect: it has no user in the reference API.
        raise auth_failed("the token's user is not a user of this API")
    return user, entry["scopes"], token


def _error(name: str, status: int = 400) -> Response:
    resp = jsonify({"error": name})
    resp.status_code = status
    return resp


def _param(name: str) -> str:
    # The reference sends these as a query string, OAuth libraries as a form body; both are accepted.
    return request.values.get(name, "")


def _check_client(store: Store) -> dict[str, Any] | None:
    client = store.db["clients"].get(_param("client_id"))
    if client is None or client["client_secret"] != _param("client_secret"):
        return None
    return client


def _token_reply(token: str, ttl: int, extra: dict[str, Any] | None = None) -> Response:
    body = {"access_token": token, "api_domain": request.host_url.rstrip("/"), "token_type": "Bearer", "expires_in": ttl}
    body.update(extra or {})
    return jsonify(body)


def _refresh_grant(store: Store) -> Response:
    client = _check_client(store)
    if client is None:
        return _error("invalid_client")
    entry = store.db["refresh_tokens"].get(_param("refresh_token"))
    if entry is None or entry["client_id"] != _param("client_id") or not store.has_user(entry["userid"]):
        return _error("invalid_code")
    now = store.now()
    entry["mints"] = [t for t in entry["mints"] if t > now - MINT_WINDOW]
    if len(entry["mints"]) >= MINT_LIMIT:
        resp = jsonify(MINT_LIMIT_BODY)
        resp.status_code = 400
        return resp
    entry["mints"].append(now)
    token, ttl = store.mint_access_token(entry["userid"], entry["scopes"], refresh_token=_param("refresh_token"))
    store.save()
    return _token_reply(token, ttl)


def _code_grant(store: Store) -> Response:
    client = _check_client(store)
    if client is None:
        return _error("invalid_client")
    code = store.db["auth_codes"].get(_param("code"))
    if code is None or code["used"] or code["expires"] <= store.now() or code["client_id"] != _param("client_id"):
        return _error("invalid_code")
    if code["redirect_uri"] != _param("redirect_uri"):
        return _error("invalid_redirect_uri")
    code["used"] = True
    user = store.db["users"].get(code["userid"]) or store.db["zoho"]["users"].get(code["userid"])
    if user is None:
        return _error("invalid_code")
    creds = store.issue_refresh_token(user, code["scopes"], client_id=code["client_id"])
    store.db["refresh_tokens"][creds["refresh_token"]]["mints"].append(store.now())
    token, ttl = store.mint_access_token(user["userid"], code["scopes"], refresh_token=creds["refresh_token"])
    store.save()
    return _token_reply(token, ttl, {"refresh_token": creds["refresh_token"], "scope": " ".join(code["scopes"])})


def create_auth_code(store: Store, user: dict[str, Any], scopes: list[str], client_id: str, redirect_uri: str) -> str:
    with store.lock:
        code = "1000." + secrets.token_hex(16)
        store.db["auth_codes"][code] = {"userid": user["userid"], "scopes": scopes, "client_id": client_id,
                                        "redirect_uri": redirect_uri, "expires": store.now() + AUTH_CODE_TTL, "used": False}
        store.save()
        return code


def register_token_endpoint(app: Flask, store: Store) -> None:
    def token_endpoint() -> Response:
        store.counters.token_request()
        fault = store.faults.pick("POST", TOKEN_PATH)
        if fault and fault.phase == "before":
            early = token_fault(store, fault)
            if early is not None:
                return early
        with store.lock:
            grant = _param("grant_type")
            if grant == "refresh_token":
                resp = _refresh_grant(store)
            elif grant == "authorization_code":
                resp = _code_grant(store)
            else:
                resp = _error("unsupported_grant_type")
        if fault and fault.phase == "after":
            return token_fault(store, fault) or resp
        return resp

    app.add_url_rule(TOKEN_PATH, "oauth_token", token_endpoint, methods=["POST"])


def token_fault(store: Store, fault: Any) -> Response | None:
    """The token endpoint's version of a fault; None means carry on (slow after its delay, expire_token no-op)."""
    store.counters.bump("faults_injected")
    if fault.kind == "slow":
        sleep_if_slow(fault)
        return None
    if fault.kind == "rate_limit":
        # Zoho's accounts server answers throttling with the mint-limit body, so that is what a client must handle.
        resp = jsonify(MINT_LIMIT_BODY)
        resp.status_code = 400
        return resp
    if fault.kind == "status":
        return _error("server_error", fault.status)
    if fault.kind == "expire_token":
        # There is no access token to expire at the token endpoint.
        return None
    return fault_reply(fault, None, 0.0)
