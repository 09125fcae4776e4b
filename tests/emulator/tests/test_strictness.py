"""Requests are held to the contract: declared query parameters and data fields only, no repeats, no nulls,
JSON bodies only. Every route is covered, from the route registry, so a new route cannot slip past."""

from __future__ import annotations

import re

import pytest

import zoho_vault_emulator.routes  # noqa: F401  # pylint: disable=unused-import  # registers the routes
from zoho_vault_emulator.routing import ROUTES

FAKE_ID = "123456000000000001"


def concrete(rule: str) -> str:
    return re.sub(r"<(?:\w+:)?\w+>", FAKE_ID, rule)


def envelope(route, data):
    return {"operation": {"name": route.body_op}, "data": data}


@pytest.mark.parametrize("route", ROUTES, ids=[r.key for r in ROUTES])
def test_unknown_query_parameter_is_7001_on_every_route(admin, route):
    body = envelope(route, {}) if route.body != "none" else None
    resp = admin.call(route.method, concrete(route.rule), json_body=body, params={"bogus_param": "1"})
    result = resp.json()["operation"]["result"]
    assert (resp.status_code, result["code"]) == (400, 7001) and "bogus_param" in result["message"], result


@pytest.mark.parametrize("route", [r for r in ROUTES if r.body != "none"], ids=[r.key for r in ROUTES if r.body != "none"])
def test_unknown_data_field_is_7001_on_every_write(admin, route):
    resp = admin.call(route.method, concrete(route.rule), json_body=envelope(route, {"bogus_field": "x"}))
    result = resp.json()["operation"]["result"]
    assert (resp.status_code, result["code"]) == (400, 7001) and "bogus_field" in result["message"], result


@pytest.mark.parametrize("route", [r for r in ROUTES if r.body != "none"], ids=[r.key for r in ROUTES if r.body != "none"])
def test_write_with_a_json_body_under_another_content_type_is_7001(admin, route):
    raw = '{"operation": {"name": "%s"}, "data": {}}' % route.body_op
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "application/jsonp"):
        status, code, message = admin.err(route.method, concrete(route.rule), raw=raw, headers={"Content-Type": content_type})
        assert (status, code) == (400, 7001) and "Content-Type" in message, (content_type, message)


def test_json_content_type_with_charset_is_accepted(admin):
    raw = '{"operation": {"name": "ADD_SECRET"}, "data": {"secretname": "charset"}}'
    resp = admin.call("POST", "/secrets", raw=raw, headers={"Content-Type": "application/json; charset=utf-8"})
    assert resp.status_code == 201


def test_repeated_query_parameters_are_7001(admin):
    for path, query in (("/secrets", "page=1&page=2"), ("/secrets/search", "searchtext=a&searchtext=b"),
                        ("/password/generate", "length=9&symbols=false&length=10")):
        status, code, message = admin.err("GET", f"{path}?{query}")
        name = query.split("=", maxsplit=1)[0]
        assert (status, code) == (400, 7001) and name in message and "more than once" in message, message


def test_declared_parameters_are_accepted(admin):
    admin.add_secret("p")
    admin.ok("GET", "/secrets/search", params={"searchtext": "p", "secrettype": "Login", "username": "", "secreturl": "",
                                               "page": 1, "per_page": 10})
    admin.ok("GET", "/password/generate", params={"length": 10, "uppercase": "true", "lowercase": "true", "numbers": "true",
                                                  "symbols": "false"})


def test_null_where_a_value_is_required_is_7001(admin, make_user):
    make_user("reader@example.com")
    sid = admin.add_secret("Nullable", notes="keep")["secretid"]
    cases = [
        ("POST", "/secrets", "ADD_SECRET", {"secretname": None}, "secretname"),
        ("POST", "/secrets", "ADD_SECRET", {"secretname": "n", "chamberid": None}, "chamberid"),
        ("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"notes": None, "username": "u"}, "notes"),
        ("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"customfields": {"env": None}}, "customfields.env"),
        ("POST", f"/secrets/{sid}/share", "SHARE_SECRET", {"users": [{"emailid": "reader@example.com", "permissions": None}]},
         "users[0].permissions"),
        ("POST", "/groups", "ADD_GROUP", {"groupname": "g", "description": None}, "description"),
        ("POST", "/chambers", "ADD_CHAMBER", {"chambername": None}, "chambername"),
    ]
    for method, path, op, data, field in cases:
        status, code, message = admin.err(method, path, op, data)
        assert (status, code) == (400, 7001) and field in message, (data, message)
    # nothing of a refused request is applied
    current = admin.ok("GET", f"/secrets/{sid}")
    assert current["notes"] == "keep" and current["username"] == ""


def test_unknown_keys_inside_share_entries_are_7001(admin, make_user):
    make_user("reader@example.com")
    sid = admin.add_secret()["secretid"]
    data = {"users": [{"emailid": "reader@example.com", "permissions": ["READ"], "expires": "never"}]}
    status, code, message = admin.err("POST", f"/secrets/{sid}/share", "SHARE_SECRET", data)
    assert (status, code) == (400, 7001) and "expires" in message


LISTS = {"GET_SECRETS", "SEARCH_SECRETS", "GET_CHAMBERS", "GET_CHAMBER_SECRETS", "GET_USERS", "GET_GROUPS", "GET_AUDIT",
         "GET_SECRET_AUDIT", "GET_EMERGENCY_REQUESTS", "EXPORT_AUDIT"}


def test_every_route_declares_its_parameters_and_fields():
    """One declaration per route, next to its handler: exactly the lists take page/per_page, bodies name their fields."""
    assert len(ROUTES) == 38
    for route in ROUTES:
        assert ({"page", "per_page"} <= route.params) == (route.name in LISTS), route.key
        assert bool(route.fields) == (route.body == "required" or route.key in ("POST /secrets", "PUT /secrets/{secret_id}")), route.key
