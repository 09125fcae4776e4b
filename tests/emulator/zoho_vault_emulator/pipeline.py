"""The request pipeline every API call goes through: count -> fault -> auth -> rate limit -> scope -> envelope ->
handler -> persist -> headers. Handlers only see a Ctx and raise ApiError; the envelope is built here."""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, Response, jsonify, request

from .auth import authenticate
from .errors import ApiError, auth_failed, invalid_request, rate_limited
from .fault_replies import expire_presented_token, fault_reply, sleep_if_slow
from .perms import require_scope
from .ratelimit import Verdict
from .routing import API_PREFIX, Ctx, Reply, Route, ROUTES
from .store import Store
from .zoho.pipeline import zoho_crash, zoho_not_found


def _check_query(route: Route) -> None:
    unknown = sorted(set(request.args) - route.params)
    if unknown:
        allowed = ", ".join(sorted(route.params)) or "none"
        raise invalid_request(f"unknown query parameter(s): {', '.join(unknown)} (allowed: {allowed})")
    repeated = sorted(name for name in request.args if len(request.args.getlist(name)) > 1)
    if repeated:
        raise invalid_request(f"query parameter(s) given more than once: {', '.join(repeated)}")


def _null_paths(value: Any, path: str) -> list[str]:
    if value is None:
        return [path]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _null_paths(v, f"{path}.{k}" if path else str(k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _null_paths(v, f"{path}[{i}]")]
    return []


def _parse_body(route: Route) -> dict[str, Any]:
    if route.body == "none":
        return {}
    raw = request.get_data(cache=True)
    if not raw.strip():
        if route.body == "optional":
            return {}
        raise invalid_request(f"a JSON body {{\"operation\": {{\"name\": \"{route.body_op}\"}}, \"data\": {{...}}}} is required")
    if request.mimetype != "application/json":
        raise invalid_request(f"Content-Type must be application/json, got {request.content_type or 'none'!r}")
    try:
        body = json.loads(raw)
    except ValueError:
        raise invalid_request("the body is not valid JSON") from None
    if not isinstance(body, dict) or not isinstance(body.get("operation"), dict):
        raise invalid_request("the body must be an object with an operation object")
    name = body["operation"].get("name")
    if name != route.body_op:
        raise invalid_request(f"operation.name must be {route.body_op}, got {name!r}")
    data = body.get("data", {} if route.body == "optional" else None)
    if not isinstance(data, dict):
        raise invalid_request("data must be an object")
    unknown = sorted(set(data) - route.fields)
    if unknown:
        raise invalid_request(f"unknown field(s) in data: {', '.join(unknown)} (allowed: {', '.join(sorted(route.fields)) or 'none'})")
    # A field that is sent needs a value: null is refused, not read as "not sent".
    nulls = _null_paths(data, "")
    if nulls:
        raise invalid_request(f"null is not a value: {', '.join(nulls)}")
    return data


def _headers(resp: Response, verdict: Verdict, now: float) -> Response:
    resp.headers["X-RateLimit-Limit"] = str(verdict.limit)
    resp.headers["X-RateLimit-Remaining"] = str(verdict.remaining)
    resp.headers["X-RateLimit-Reset"] = str(verdict.reset)
    if resp.status_code == 429 and verdict.retry_after:
        resp.headers["Retry-After"] = str(max(1, verdict.reset - int(now)))
    return resp


def _run(route: Route, store: Store, kwargs: dict[str, Any]) -> Response:
    with store.lock:
        verdict: Verdict | None = None
        try:
            user, scopes, _token = authenticate(store, request.headers.get("Authorization"))
            verdict = store.rate.take(store.now())
            if not verdict.allowed:
                store.counters.bump("rate_limited")
                raise rate_limited(verdict.reason)
            store.counters.user_call(user["emailid"])
            if route.scope:
                require_scope(scopes, *route.scope)
            _check_query(route)
            data = _parse_body(route)
            audit_before = len(store.db["audit"])
            result = route.handler(Ctx(store, user, scopes, request.args, data, route.key), **kwargs)
            reply = result if isinstance(result, Reply) else Reply(result)
            status = reply.status or route.status
            body: dict[str, Any] = {"operation": {"name": route.name, "result": {"status": "success"}, "details": reply.details}}
            if request.method != "GET" or len(store.db["audit"]) != audit_before:
                store.save()
        except ApiError as err:
            status, body = err.status, err.body()
        if verdict is None:
            verdict = store.rate.peek(store.now())
        resp = jsonify(body)
        resp.status_code = status
        return _headers(resp, verdict, store.now())


# Replies that stand for something in front of the API (a proxy's page, a redirect): sent exactly as specified.
RAW_KINDS = ("reply", "redirect")


def _replacement(fault: Any, store: Store) -> Response:
    if fault.kind == "rate_limit":
        store.counters.bump("rate_limited")
    with store.lock:
        now = store.now()
        verdict = store.rate.peek(now)
    return fault_reply(fault, verdict, now)


def _make_view(route: Route, store: Store) -> Any:
    def view(**kwargs: Any) -> Response:
        path = request.path[len(API_PREFIX):]
        store.counters.api_call(route.key)
        fault = store.faults.pick(request.method, path)
        if fault is not None and fault.phase == "before":
            # Counted when it fires, not when a slow reply ends, so a client that gave up cannot skew a later read.
            store.counters.bump("faults_injected")
            if fault.kind == "slow":
                sleep_if_slow(fault)
            elif fault.kind == "expire_token":
                expire_presented_token(store)
            else:
                return _replacement(fault, store)
        resp = _run(route, store, kwargs)
        if fault is not None and fault.phase == "after":
            store.counters.bump("faults_injected")
            if fault.kind == "slow":
                sleep_if_slow(fault)
                return resp
            if fault.kind == "expire_token":
                expire_presented_token(store)
                err = auth_failed("access token expired")
                replaced = jsonify(err.body())
                replaced.status_code = err.status
            else:
                replaced = _replacement(fault, store)
            if fault.kind not in RAW_KINDS:
                for name in ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"):
                    replaced.headers.setdefault(name, resp.headers[name])
            return replaced
        return resp

    view.__name__ = "api_" + route.handler.__name__
    return view


def register_api(app: Flask, store: Store, reference: bool = True, zoho_prefix: str | None = None) -> None:
    """Serve the reference routes (unless reference is False) and answer unknown paths in the dialect they are under:
    zoho_prefix is where the production dialect is served ("" for the root, None when it is not)."""
    if reference:
        for route in ROUTES:
            app.add_url_rule(API_PREFIX + route.rule, "api_" + route.handler.__name__, _make_view(route, store), methods=[route.method])

    def api_error(status: int, code: int, message: str) -> Response:
        with store.lock:
            now = store.now()
            verdict = store.rate.peek(now)
        resp = jsonify(ApiError(status, code, message).body())
        resp.status_code = status
        return _headers(resp, verdict, now)

    def is_zoho() -> bool:
        if zoho_prefix is None:
            return False
        if zoho_prefix == "":
            return not request.path.startswith(("/_emulator", "/oauth"))
        return request.path == zoho_prefix or request.path.startswith(zoho_prefix + "/")

    def is_reference() -> bool:
        return reference and request.path.startswith(API_PREFIX)

    @app.errorhandler(404)
    def not_found(_err: Any) -> Any:
        if is_zoho():
            return zoho_not_found()
        if is_reference():
            return api_error(404, 7004, f"Resource Not Found: no API endpoint {request.path}")
        return jsonify({"error": "not_found", "path": request.path}), 404

    @app.errorhandler(405)
    def bad_method(_err: Any) -> Any:
        if is_reference():
            return api_error(405, 7001, f"Invalid Request: method {request.method} is not allowed on {request.path}")
        return jsonify({"error": "method_not_allowed"}), 405

    @app.errorhandler(500)
    def crashed(_err: Any) -> Any:
        if is_zoho():
            return zoho_crash()
        if is_reference():
            return api_error(500, 500, "Internal Server Error")
        return jsonify({"error": "internal_error"}), 500
