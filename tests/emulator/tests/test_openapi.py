"""The OpenAPI document matches the routes the emulator serves, and replies validate against it."""

from __future__ import annotations

import re

import jsonschema
import pytest
import requests

from conftest import OPENAPI, OPENAPI_FILE
from zoho_vault_emulator.app import create_app
from zoho_vault_emulator.store import Store

METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH"}


def served_operations() -> set[tuple[str, str]]:
    app = create_app(Store())
    ops = set()
    for rule in app.url_map.iter_rules():
        path = rule.rule
        if path.startswith("/api/json"):
            path = path[len("/api/json"):]
        elif not path.startswith("/oauth"):
            continue
        template = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", path)
        ops |= {(m, template) for m in rule.methods & METHODS}
    return ops


def documented_operations() -> set[tuple[str, str]]:
    return {(m.upper(), path) for path, item in OPENAPI.doc["paths"].items() for m in item if m.upper() in METHODS}


def test_document_lists_exactly_the_served_operations():
    served, documented = served_operations(), documented_operations()
    assert served == documented, f"undocumented: {served - documented}; not served: {documented - served}"
    assert len(served) == 39


def test_document_is_well_formed():
    doc = OPENAPI.doc
    assert doc["openapi"].startswith("3.0")
    ids = [op["operationId"] for item in doc["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))
    text = open(OPENAPI_FILE, encoding="utf-8").read()
    for ref in set(re.findall(r"\$ref: '?#/components/(\w+)/([\w-]+)", text)):
        assert ref[1] in doc["components"][ref[0]], ref
    for item in doc["paths"].values():
        for op in item.values():
            assert "default" in op["responses"] and any(code.startswith("2") for code in op["responses"])


def test_document_passes_openapi_spec_validator():
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(OPENAPI.doc)


def test_served_document_is_the_file(emulator):
    resp = requests.get(emulator.url + "/_emulator/openapi.yaml", timeout=10)
    assert resp.status_code == 200 and resp.text == open(OPENAPI_FILE, encoding="utf-8").read()


def test_validation_catches_a_wrong_reply(admin):
    details = admin.add_secret("valid")
    good = {"operation": {"name": "GET_SECRET", "result": {"status": "success"}, "details": details}}
    OPENAPI.validate("GET", f"/secrets/{details['secretid']}", 200, good)
    leaked = {"operation": {"name": "GET_SECRET", "result": {"status": "success"}, "details": {**details, "password": "x"}}}
    with pytest.raises(jsonschema.ValidationError):
        OPENAPI.validate("GET", f"/secrets/{details['secretid']}", 200, leaked)
    with pytest.raises(jsonschema.ValidationError):
        OPENAPI.validate("GET", "/secrets", 404, {"operation": {"result": {"status": "error"}}})


def test_document_declares_exactly_each_routes_parameters_fields_and_scope():
    """The registry's declarations (what the pipeline enforces) and the document say the same, route by route."""
    import zoho_vault_emulator.routes  # noqa: F401  # pylint: disable=import-outside-toplevel,unused-import
    from zoho_vault_emulator.routing import ROUTES  # pylint: disable=import-outside-toplevel
    components = OPENAPI.doc["components"]["parameters"]
    for route in ROUTES:
        op = OPENAPI.doc["paths"][route.template][route.method.lower()]
        params = [components[p["$ref"].split("/")[-1]] if "$ref" in p else p for p in op.get("parameters", [])]
        assert {p["name"] for p in params if p["in"] == "query"} == route.params, route.key
        body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
        data = body.get("properties", {}).get("data", {})
        assert set(data.get("properties", {})) == route.fields, route.key
        if route.fields:
            assert data.get("additionalProperties") is False, route.key
        scopes = op["security"][0]["zohoOAuth"]
        assert scopes == ([f"ZohoVault.{route.scope[0]}.{route.scope[1]}"] if route.scope else []), route.key
