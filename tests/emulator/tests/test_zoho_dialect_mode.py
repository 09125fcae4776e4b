"""--dialect zoho: production Zoho Vault alone, at the root; the reference routes are off. State persists."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import requests

from zoho_client import LOGIN, PAGE, REST, Keys, ZApi, payload
from zoho_vault_emulator.testing import Emulator


def test_zoho_only_mode_serves_production_at_the_root_and_persists(tmp_path):
    state = str(tmp_path / "state.json")
    with Emulator().start(dialect="zoho", state_file=state) as emu:
        assert emu.zoho_url == emu.url and emu.info["api_url"] is None and emu.info["dialect"] == "zoho"
        token = emu.access_token(emu.zoho_accounts["own"]["email"])
        assert token["scopes"] == ["ZohoVault.secrets.ALL", "ZohoVault.user.READ"]
        api = ZApi(emu.zoho_url, token["access_token"])
        keys = Keys(api, master_password=emu.zoho_accounts["own"]["master_password"])
        data = payload(api, keys.org, "Persisted", True, {"username": "p", "password": "q"})
        sid = api.write("POST", REST + "/secrets", data).json()["operation"]["Details"]["secretid"]
        # The reference dialect's paths are unknown here, in the production envelope.
        ref = requests.get(emu.url + "/api/json/secrets", headers={"Authorization": f"Zoho-oauthtoken {api.token}"}, timeout=10)
        assert ref.status_code == 404 and ref.json()["operation"]["result"]["error_code"] == "URL_NOT_FOUND"
        assert requests.get(emu.url + "/zoho" + LOGIN, timeout=10).status_code == 404
        emu.restart()
        assert emu.info["dialect"] == "zoho"
        assert emu.zoho_plaintext(sid)["fields"]["password"] == "q"
        again = ZApi(emu.zoho_url, emu.access_token(emu.zoho_accounts["own"]["email"])["access_token"])
        assert "Persisted" in {r["secretname"] for r in again.ok("GET", REST + "/secrets", params=PAGE)}
    with open(state, encoding="utf-8") as handle:
        saved = json.load(handle)
    # The server side of the state holds ciphertext only: no plaintext of a written field.
    assert '"q"' not in json.dumps(saved["zoho"]) and "Persisted" in json.dumps(saved["zoho"])


def test_both_mode_banner_names_the_zoho_url(emulator):
    assert emulator.zoho_url == emulator.url + "/zoho" and emulator.info["dialect"] == "both"
    info = requests.get(emulator.url + "/_emulator/info", timeout=10).json()
    assert info["zoho_url"] == emulator.zoho_url and set(info["zoho_accounts"]) >= {"own", "v1", "v3", "v4"}


def test_server_state_never_holds_plaintext_of_seeded_secrets(emulator, zoho):
    """What the API side stores for the emulator's own secrets is ciphertext (the control side keeps the keys)."""
    api = zoho("own")
    api.login()
    text = json.dumps(api.ok("GET", REST + "/secrets", params=PAGE))
    for plain in ("own-user", "Own-Passw0rd!", "dbadmin", "S3cr3t", "personal note", "prod", "otpauth"):
        assert plain not in text, plain


def test_form_write_with_charset_is_accepted(emulator, zoho):
    api = zoho("own")
    keys = Keys(api, master_password=emulator.zoho_accounts["own"]["master_password"])
    data = payload(api, keys.key, "Charset", False, {"username": "a", "password": "b"})
    resp = api.call("POST", REST + "/secrets", raw=urlencode({"INPUT_DATA": json.dumps(data)}),
                    headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"})
    assert resp.status_code == 200
