"""The control plane's own behaviour: users and credentials, validation, clock, policy, locks, info."""

from __future__ import annotations

import pytest

from conftest import Api, token_call
from zoho_vault_emulator.testing import EmulatorError


def test_create_existing_user_gives_new_credentials(emulator):
    first = emulator.create_user("dev@example.com", "User", firstname="Dev")
    second = emulator.create_user("dev@example.com", "Manager")
    assert first["userid"] == second["userid"] and first["refresh_token"] != second["refresh_token"]
    assert second["role"] == "Manager"
    for creds in (first, second):
        body = token_call(emulator, params={"grant_type": "refresh_token", "client_id": creds["client_id"],
                                            "client_secret": creds["client_secret"], "refresh_token": creds["refresh_token"]}).json()
        assert Api(emulator, body["access_token"]).ok("GET", "/users/current")["firstname"] == "Dev"


def test_refresh_tokens_with_scopes(emulator):
    emulator.create_user("dev@example.com", "Administrator")
    creds = emulator.refresh_token("dev@example.com", scopes=["ZohoVault.secrets.READ"])
    body = token_call(emulator, params={"grant_type": "refresh_token", **creds}).json()
    api = Api(emulator, body["access_token"])
    api.ok("GET", "/secrets")
    assert api.err("GET", "/users")[:2] == (403, 7003)


@pytest.mark.parametrize("path,body", [
    ("/users", {"emailid": "nope"}), ("/users", {"emailid": "a@b.c", "role": "King"}),
    ("/users", {"emailid": "a@b.c", "scopes": ["ZohoVault.everything.ALL"]}),
    ("/refresh_tokens", {"emailid": "ghost@example.com"}), ("/access_tokens", {"emailid": "ghost@example.com"}),
    ("/access_tokens", {"emailid": "admin@vault.example", "expires_in": -5}),
    ("/auth_codes", {"emailid": "admin@vault.example", "client_id": "1000.NOPE"}),
    ("/secrets/123456000000000001/lock", {"locked": True}),
])
def test_control_validation(emulator, path, body):
    with pytest.raises(EmulatorError):
        emulator.control("POST", path, body)


def test_plan_clock_policy_validation(emulator):
    for method, path, body in (("PUT", "/plan", {"plan": "gold"}), ("PUT", "/plan", {}), ("PUT", "/clock", {"offset_seconds": "soon"}),
                               ("PUT", "/policy", {"min_password_length": 0}), ("PUT", "/token_ttl", {"seconds": 0})):
        with pytest.raises(EmulatorError):
            emulator.control(method, path, body)
    assert emulator.set_clock(90)["offset_seconds"] == 90
    assert emulator.control("GET", "/clock")["now"].endswith("Z")


def test_info_and_health(emulator):
    info = emulator.control("GET", "/info")
    assert info["admin"] == emulator.admin and info["api_url"] == emulator.api_url
    assert emulator.health() == {"status": "ok"}
    with pytest.raises(EmulatorError):
        emulator.control("GET", "/no-such-thing")


def test_control_plane_is_not_counted_or_limited(emulator, admin):
    emulator.set_plan(per_minute=1, per_day=1)
    for _i in range(5):
        emulator.counters()
        emulator.faults()
    admin.ok("GET", "/users/current")
    assert emulator.counters()["calls_total"] == 1
