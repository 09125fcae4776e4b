"""Builds the Flask application: API routes, the token endpoint and the control plane on one port."""

from __future__ import annotations

from typing import Any

from flask import Flask

from . import routes  # noqa: F401  # pylint: disable=unused-import  # importing registers the API routes
from .auth import register_token_endpoint
from .control import build_control
from .pipeline import register_api
from .store import ADMIN_EMAIL, Store


def create_app(store: Store) -> Flask:
    app = Flask("zoho_vault_emulator")
    app.config["STORE"] = store
    app.json.sort_keys = False  # type: ignore[attr-defined]
    register_api(app, store)
    register_token_endpoint(app, store)
    app.register_blueprint(build_control(store, lambda: describe(store)))
    return app


def describe(store: Store) -> dict[str, Any]:
    """What the emulator prints on start and writes to --ready-file."""
    boot = store.db["bootstrap"]
    url = store.base_url
    return {"url": url, "api_url": url + "/api/json", "accounts_url": url,
            "admin": {"email": ADMIN_EMAIL, "userid": boot["userid"], "client_id": boot["client_id"],
                      "client_secret": boot["client_secret"], "refresh_token": boot["refresh_token"]}}
