"""The production dialect's request pipeline: count -> fault -> token -> rate limit -> scope -> account state ->
query parameters -> passphrase headers -> body -> handler -> persist. Handlers see a ZCtx and raise ZohoError."""

from __future__ import annotations

import json
from typing import Any, Callable

from flask import Flask, Response, jsonify, request
from werkzeug.datastructures import MultiDict

from ..fault_replies import expire_presented_token, sleep_if_slow, transport_reply
from ..perms import has_scope
from ..store import Store
from .errors import (ZohoError, bad_method, extra_param, failure_body, invalid_scope, invalid_token, missing_param,
                     passphrase_sync, pattern, server_fault, too_many, unknown_path)
from .registry import ZROUTES, ZCtx, ZReply, ZRoute

FORM = "application/x-www-form-urlencoded"


def _token() -> str:
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    # Only Zoho's own scheme: a client that drifts to Bearer must find out here, not in production.
    if not header:
        raise invalid_token("the Authorization header is missing")
    if scheme.lower() != "zoho-oauthtoken" or not token.strip():
        raise invalid_token("Authorization must be 'Zoho-oauthtoken <access_token>'")
    return token.strip()


def authenticate(store: Store) -> tuple[dict[str, Any] | None, list[str]]:
    """(the caller's Zoho account or None for a user of no Zoho org, scopes) or INVALID_OAUTHTOKEN."""
    entry = store.db["access_tokens"].get(_token())
    if entry is None or entry["expires"] <= store.now():
        raise invalid_token("invalid or expired access token")
    account = store.db["zoho"]["users"].get(entry["userid"])
    if account is None and entry["userid"] not in store.db["users"]:
        raise invalid_token("the token's user no longer exists")
    return account, entry["scopes"]


# Account states that cannot use Vault, and the code GET_LOGIN (and every other call) answers for each.
STATE_ERRORS = {
    "unregistered": ("USER_NOT_REGISTERED_IN_VAULT", "the user is not registered in Zoho Vault"),
    "not_invited": ("USER_NOT_INVITED", "the user has not been invited to the organisation's Vault"),
    "org_not_registered": ("ORG_NOT_REGISTERED", "the organisation has not set up Zoho Vault"),
    "no_passphrase": ("PASSPHRASE_NOT_CREATED", "the user has not created a master password (log in to the web UI once)"),
}


def account_state(route: ZRoute, account: dict[str, Any] | None) -> dict[str, Any]:
    """The account, unless it cannot use Vault yet: in no Vault org, not invited, or no master password yet."""
    state = "unregistered" if account is None else account["state"]
    if account is None or (state in STATE_ERRORS and not (state == "no_passphrase" and route.operation == "IS_VALID_AUTHPASS")):
        code, message = STATE_ERRORS[state]
        raise ZohoError(200 if route.legacy else 400, code, message)
    return account


def check_query(route: ZRoute) -> None:
    extra = sorted(set(request.args) - route.params)
    if extra:
        raise extra_param(f"unknown parameter(s): {', '.join(extra)} (allowed: {', '.join(sorted(route.params)) or 'none'})")
    repeated = sorted(name for name in request.args if len(request.args.getlist(name)) > 1)
    if repeated:
        raise extra_param(f"parameter(s) given more than once: {', '.join(repeated)}")
    missing = sorted(route.required - set(request.args))
    if missing:
        raise missing_param(f"required parameter(s) missing: {', '.join(missing)}")


def check_passphrase_headers(route: ZRoute, account: dict[str, Any]) -> None:
    """The extension's PassphraseCreated / LastPassphraseChange, taken from GET_LOGIN: stale ones are refused on
    every call, missing ones on writes (the emulator's strict reading: a write under an old key must not pass).
    GET_LOGIN, where the current values come from, takes whatever is sent."""
    if route.operation == "GET_LOGIN":
        return
    for header, field in (("PassphraseCreated", "creationtime"), ("LastPassphraseChange", "lastmodifiedtime")):
        sent = request.headers.get(header)
        expected = account[field]
        if sent is None:
            if route.write and expected != "":
                raise passphrase_sync(f"the {header} header (GET_LOGIN's {field.upper()}) is required on writes")
            continue
        if sent.strip() != expected:
            raise passphrase_sync(f"{header} does not match the current master password: call GET_LOGIN again")


def _json_object(raw: str, what: str) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except ValueError:
        raise pattern(f"{what} is not valid JSON") from None
    if not isinstance(value, dict):
        raise pattern(f"{what} must be a JSON object")
    return value


def _form_body(route: ZRoute) -> dict[str, Any]:
    # Another Content-Type leaves the form empty, as a form parser would see it: INPUT_DATA is then missing.
    form = request.form if request.mimetype == FORM else MultiDict()
    extra = sorted(set(form) - ({"INPUT_DATA"} if route.body == "form" else route.fields))
    if extra:
        raise extra_param(f"unknown form field(s): {', '.join(extra)}")
    repeated = sorted(name for name in form if len(form.getlist(name)) > 1)
    if repeated:
        raise extra_param(f"form field(s) given more than once: {', '.join(repeated)}")
    if route.body == "form_fields":
        missing = sorted(route.required_fields - set(form))
        if missing:
            raise missing_param(f"form field(s) missing: {', '.join(missing)} (sent as application/x-www-form-urlencoded)")
        return {name: form[name] for name in form}
    if "INPUT_DATA" not in form:
        raise missing_param("INPUT_DATA is required, as a form field (application/x-www-form-urlencoded) holding a JSON object")
    return _json_object(form["INPUT_DATA"], "INPUT_DATA")


def _check_fields(route: ZRoute, data: dict[str, Any], where: str) -> None:
    extra = sorted(set(data) - route.fields)
    if extra:
        raise extra_param(f"unknown key(s) in {where}: {', '.join(extra)}")
    missing = sorted(route.required_fields - set(data))
    if missing:
        raise missing_param(f"required key(s) missing in {where}: {', '.join(missing)}")
    nulls = sorted(name for name, value in data.items() if value is None)
    if nulls:
        raise pattern(f"null is not a value: {', '.join(nulls)}")


def parse_body(route: ZRoute) -> dict[str, Any]:
    if route.body == "none":
        if request.get_data(cache=True).strip():
            raise extra_param("this call takes no body")
        return {}
    if route.body == "json":
        if request.mimetype != "application/json":
            raise missing_param(f"a JSON body (Content-Type application/json) is required, got {request.content_type or 'none'!r}")
        data = _json_object(request.get_data(as_text=True), "the body")
        _check_fields(route, data, "the body")
        return data
    data = _form_body(route)
    if route.body == "form":
        _check_fields(route, data, "INPUT_DATA")
    return data


def success_body(route: ZRoute, reply: ZReply) -> dict[str, Any]:
    if route.legacy:
        return {"operation": {"name": route.name, "result": {"status": "success", "message": ""}, "details": reply.details}}
    body: dict[str, Any] = {"name": route.name, "result": {"status": "Success", "message": ""}, "Details": reply.details}
    if reply.meta is not None:
        body["meta"] = reply.meta
    return {"operation": body}


def error_response(name: str, err: ZohoError, legacy: bool) -> Response:
    resp = jsonify(failure_body(name, err.code, err.message, legacy))
    resp.status_code = err.status
    return resp


def run(route: ZRoute, store: Store, kwargs: dict[str, Any]) -> Response:
    with store.lock:
        try:
            account, scopes = authenticate(store)
            verdict = store.rate.take(store.now())
            if not verdict.allowed:
                store.counters.bump("rate_limited")
                raise too_many(verdict.reason)
            store.counters.user_call(account["email"] if account else "")
            missing = [f"ZohoVault.{family}.{action}" for family, action in route.scopes if not has_scope(scopes, family, action)]
            if missing:
                raise invalid_scope(f"the access token lacks the scope(s) {', '.join(missing)}")
            account = account_state(route, account)
            check_query(route)
            check_passphrase_headers(route, account)
            data = parse_body(route)
            result = route.handler(ZCtx(store, account, request.args, data, route), **kwargs)
            reply = result if isinstance(result, ZReply) else ZReply(result)
            if route.write:
                store.save()
            return jsonify(success_body(route, reply))
        except ZohoError as err:
            return error_response(route.name, err, route.legacy)


def fault_response(fault: Any, route: ZRoute | None, store: Store) -> Response:
    """The production dialect's version of a fault: its envelope for status and rate_limit, the rest as usual."""
    raw = transport_reply(fault)
    if raw is not None:
        return raw
    if fault.kind == "rate_limit":
        store.counters.bump("rate_limited")
        resp = error_response(route.name if route else "", too_many("injected fault"), bool(route and route.legacy))
        if fault.retry_after:
            resp.headers["Retry-After"] = "1"
        return resp
    return error_response(route.name if route else "", server_fault(fault.status or 500), bool(route and route.legacy))


def _pick_route(routes: list[ZRoute]) -> ZRoute | ZohoError:
    by_method = [r for r in routes if r.method == request.method]
    if not by_method:
        return bad_method(request.method, request.path)
    legacy = [r for r in by_method if r.operation]
    if not legacy:
        return by_method[0]
    operation = request.args.get("OPERATION_NAME")
    match = next((r for r in legacy if r.operation == operation), None)
    if match is None:
        known = ", ".join(r.operation or "" for r in legacy)
        if operation is None:
            return missing_param(f"OPERATION_NAME is required ({known})")
        return pattern(f"unknown OPERATION_NAME {operation!r} for {request.method} (known: {known})")
    return match


def _make_view(routes: list[ZRoute], store: Store, prefix: str) -> Callable[..., Response]:
    def view(**kwargs: Any) -> Response:
        route = _pick_route(routes)
        if isinstance(route, ZohoError):
            return error_response("", route, routes[0].legacy)
        store.counters.api_call(route.key)
        fault = store.faults.pick(request.method, request.path[len(prefix):])
        if fault is not None and fault.phase == "before":
            store.counters.bump("faults_injected")
            if fault.kind == "slow":
                sleep_if_slow(fault)
            elif fault.kind == "expire_token":
                expire_presented_token(store)
            else:
                return fault_response(fault, route, store)
        resp = run(route, store, kwargs)
        if fault is not None and fault.phase == "after":
            store.counters.bump("faults_injected")
            if fault.kind == "slow":
                sleep_if_slow(fault)
            elif fault.kind == "expire_token":
                expire_presented_token(store)
                return error_response(route.name, invalid_token("access token expired"), route.legacy)
            else:
                return fault_response(fault, route, store)
        return resp

    view.__name__ = "zoho_" + routes[0].handler.__name__
    return view


def register_zoho(app: Flask, store: Store, prefix: str) -> None:
    """Serve every registered production route under prefix ("" when the emulator speaks only this dialect)."""
    by_rule: dict[str, list[ZRoute]] = {}
    for route in ZROUTES:
        by_rule.setdefault(route.rule, []).append(route)
    for rule, routes in by_rule.items():
        methods = sorted({r.method for r in routes} | {"GET", "POST", "PUT", "DELETE"})
        app.add_url_rule(prefix + rule, "zoho_" + routes[0].handler.__name__, _make_view(routes, store, prefix), methods=methods)


def zoho_crash() -> Response:
    return error_response("", server_fault(500), False)


def zoho_not_found() -> Response:
    return error_response("", unknown_path(request.path), False)
