"""Builds the Flask application: API routes, the token endpoint and the control plane on one port."""

from __future__ import annotations

from typing import Any

from flask import Flask

from . import routes  # noqa: F401  # pylint: disable=unused-import  # importing registers the API routes
from .auth import register_token_endpoint
from .control import build_control
from .pipeline import register_api
from .store import ADMIN_EMAIL, Store
from .zoho import seeds
from .zoho.control import build_zoho_control
from .zoho.pipeline import register_zoho

DIALECTS = ("both", "zoho")
# Where the production dialect is served beside the reference one (alone, it is served at the root).
ZOHO_PREFIX = "/zoho"


def create_app(store: Store, dialect: str = "both") -> Flask:
    """dialect "both": the reference API at /api/json and the production one under /zoho; "zoho": production only, at /."""
    if dialect not in DIALECTS:
        raise ValueError(f"dialect must be one of {', '.join(DIALECTS)}")
    app = Flask("zoho_vault_emulator")
    app.config["STORE"] = store
    app.config["DIALECT"] = dialect
    app.json.sort_keys = False  # type: ignore[attr-defined]
    prefix = "" if dialect == "zoho" else ZOHO_PREFIX
    register_api(app, store, reference=dialect == "both", zoho_prefix=prefix)
    register_zoho(app, store, prefix)
    app.register_blueprint(build_zoho_control(store))
    register_token_endpoint(app, store)
    app.register_blueprint(build_control(store, lambda: describe(store, dialect)))
    return app


def describe(store: Store, dialect: str = "both") -> dict[str, Any]:
    """What the emulator prints on start and writes to --ready-file (api_url is None when only zoho is served)."""
    boot = store.db["bootstrap"]
    url = store.base_url
    with store.lock:
        accounts = seeds.describe(store)
    return {"url": url, "api_url": url + "/api/json" if dialect == "both" else None, "accounts_url": url,
            "admin": {"email": ADMIN_EMAIL, "userid": boot["userid"], "client_id": boot["client_id"],
                      "client_secret": boot["client_secret"], "refresh_token": boot["refresh_token"]},
            "dialect": dialect, "zoho_url": url + ("" if dialect == "zoho" else ZOHO_PREFIX), "zoho_accounts": accounts}
