"""Fixtures: one emulator per session on a free loopback port, reset before every test, and an API client that
checks every reply against the OpenAPI document and for the X-RateLimit-* headers."""

from __future__ import annotations

import os
import re
import sys
from typing import Any, Callable

import jsonschema
import pytest
import requests
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from zoho_vault_emulator.testing import Emulator  # noqa: E402  # pylint: disable=wrong-import-position

OPENAPI_FILE = os.path.join(os.path.dirname(HERE), "zoho_vault_emulator", "openapi.yaml")
RATE_HEADERS = ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset")
ALL_SCOPES = ["ZohoVault.secrets.ALL", "ZohoVault.chambers.ALL", "ZohoVault.users.ALL", "ZohoVault.audit.READ"]


def to_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 schema objects -> JSON Schema: nullable becomes a null type, boolean exclusiveMinimum a number."""
    if isinstance(node, list):
        return [to_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: to_json_schema(v) for k, v in node.items() if k != "nullable"}
    if node.get("nullable") and "type" in node:
        out["type"] = [node["type"], "null"]
    if out.get("exclusiveMinimum") is True:
        out["exclusiveMinimum"] = out.pop("minimum")
    return out


class OpenApi:
    def __init__(self, path: str) -> None:
        with open(path, encoding="utf-8") as handle:
            self.doc = yaml.safe_load(handle)
        self.components = to_json_schema(self.doc["components"])
        templates = sorted(self.doc["paths"], key=lambda t: (t.count("{"), t))
        self.matchers = [(re.compile("^" + re.sub(r"\{\w+\}", "[^/]+", t) + "$"), t) for t in templates]
        self.checked = 0
        self.succeeded: set[tuple[str, str]] = set()

    def template(self, path: str) -> str | None:
        return next((t for regex, t in self.matchers if regex.match(path)), None)

    def _resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            kind, name = node["$ref"].split("/")[-2:]
            node = self.doc["components"][kind][name]
        return node

    def schema_for(self, method: str, path: str, status: int) -> Any:
        template = self.template(path)
        if template is None or method.lower() not in self.doc["paths"][template]:
            return {"$ref": "#/components/schemas/ErrorEnvelope"}
        responses = self.doc["paths"][template][method.lower()]["responses"]
        response = self._resolve(responses.get(str(status)) or responses["default"])
        return response["content"]["application/json"]["schema"]

    def validate(self, method: str, path: str, status: int, body: Any) -> None:
        schema = {"allOf": [to_json_schema(self.schema_for(method, path, status))], "components": self.components}
        jsonschema.Draft7Validator(schema).validate(body)
        self.checked += 1
        template = self.template(path)
        if template and 200 <= status < 300:
            self.succeeded.add((method.upper(), template))

    def operations(self) -> set[tuple[str, str]]:
        return {(m.upper(), path) for path, item in self.doc["paths"].items() for m in item}


OPENAPI = OpenApi(OPENAPI_FILE)


class Api:
    """A caller of the emulated API with one access token. Every reply is checked against the OpenAPI document."""

    def __init__(self, emu: Emulator, token: str | None, email: str = "") -> None:
        self.emu = emu
        self.token = token
        self.email = email
        self.session = requests.Session()

    def call(self, method: str, path: str, op: str | None = None, data: Any = None, params: Any = None, raw: Any = None,
             json_body: Any = None, token: Any = ..., headers: dict[str, str] | None = None) -> requests.Response:
        hdrs = dict(headers or {})
        token = self.token if token is ... else token
        if token is not None:
            hdrs.setdefault("Authorization", f"Zoho-oauthtoken {token}")
        kwargs: dict[str, Any] = {"params": params, "headers": hdrs, "timeout": 30}
        if raw is not None:
            kwargs["data"] = raw
        elif json_body is not None:
            kwargs["json"] = json_body
        elif op is not None:
            kwargs["json"] = {"operation": {"name": op}, "data": data if data is not None else {}}
        resp = self.session.request(method, self.emu.api_url + path, **kwargs)
        for name in RATE_HEADERS:
            assert name in resp.headers, f"{method} {path} -> {resp.status_code} lacks {name}"
        OPENAPI.validate(method, path.split("?")[0], resp.status_code, resp.json())
        return resp

    def ok(self, method: str, path: str, op: str | None = None, data: Any = None, params: Any = None, status: int | None = None) -> Any:
        resp = self.call(method, path, op, data, params)
        body = resp.json()
        assert resp.status_code in ((status,) if status else (200, 201)), f"{method} {path} -> {resp.status_code} {body}"
        assert body["operation"]["result"]["status"] == "success"
        return body["operation"]["details"]

    def err(self, method: str, path: str, op: str | None = None, data: Any = None, params: Any = None, **kw: Any) -> tuple[int, int, str]:
        resp = self.call(method, path, op, data, params, **kw)
        result = resp.json()["operation"]["result"]
        assert result["status"] == "error", resp.text
        return resp.status_code, result["code"], result["message"]

    # shortcuts for the commonest objects
    def add_secret(self, name: str = "Production Database", **fields: Any) -> dict[str, Any]:
        fields.setdefault("password", "SecureP@ssw0rd!123")
        return self.ok("POST", "/secrets", "ADD_SECRET", {"secretname": name, **fields}, status=201)

    def add_chamber(self, name: str = "Production Servers", **fields: Any) -> dict[str, Any]:
        return self.ok("POST", "/chambers", "ADD_CHAMBER", {"chambername": name, **fields}, status=201)

    def share(self, secret_id: str, users: Any = None, groups: Any = None) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if users is not None:
            data["users"] = [{"emailid": e, "permissions": p} for e, p in users.items()]
        if groups is not None:
            data["groups"] = [{"groupid": g, "permissions": p} for g, p in groups.items()]
        return self.ok("POST", f"/secrets/{secret_id}/share", "SHARE_SECRET", data)


def token_call(emu: Emulator, params: dict[str, str] | None = None, form: dict[str, str] | None = None) -> requests.Response:
    """Call the token endpoint and check the reply against the OpenAPI document."""
    resp = requests.post(emu.accounts_url + "/oauth/v2/token", params=params, data=form, timeout=30)
    OPENAPI.validate("POST", "/oauth/v2/token", resp.status_code, resp.json())
    return resp


@pytest.fixture(scope="session")
def emulator() -> Any:
    emu = Emulator().start(plan="enterprise")
    yield emu
    log = emu.stderr()
    emu.stop()
    # A traceback means a handler crashed (a 500 the tests did not ask for), even if no assertion noticed.
    assert "Traceback" not in log, log


@pytest.fixture(autouse=True)
def fresh(request: pytest.FixtureRequest) -> None:
    # Tests that start their own emulator do not need the shared one reset (nor started).
    if "emulator" in request.fixturenames:
        request.getfixturevalue("emulator").reset()


@pytest.fixture
def admin(emulator: Emulator) -> Api:
    token = emulator.access_token("admin@vault.example")["access_token"]
    return Api(emulator, token, "admin@vault.example")


@pytest.fixture
def make_user(emulator: Emulator) -> Callable[..., Api]:
    def make(email: str, role: str = "User", scopes: list[str] | None = None) -> Api:
        emulator.create_user(email, role, scopes=scopes)
        token = emulator.access_token(email, scopes=scopes)["access_token"]
        return Api(emulator, token, email)

    return make


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """When the whole suite ran green, every documented operation must have answered 2xx at least once."""
    modules = {item.path.name for item in session.items}
    everything = {name for name in os.listdir(HERE) if name.startswith("test_") and name.endswith(".py")}
    if exitstatus == 0 and modules == everything and not session.config.getoption("keyword"):
        missing = OPENAPI.operations() - OPENAPI.succeeded
        if missing:
            print(f"\noperations never exercised successfully: {sorted(missing)}")
            session.exitstatus = 1


@pytest.fixture
def zoho(emulator: Emulator) -> Callable[..., Any]:
    """zoho(label or email, scopes=None) -> ZApi with a fresh access token of that production account."""
    from zoho_client import ZApi  # pylint: disable=import-outside-toplevel

    def make(who: str, scopes: list[str] | None = None) -> Any:
        email = emulator.zoho_accounts[who]["email"] if who in emulator.zoho_accounts else who
        return ZApi(emulator.zoho_url, emulator.access_token(email, scopes=scopes)["access_token"])

    return make
