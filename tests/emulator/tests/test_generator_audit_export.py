"""Password generator, audit trail with date filters, exports."""

from __future__ import annotations

import datetime as dt
import string

import pytest

from zoho_vault_emulator.routes.generator import SYMBOLS


def test_generator_defaults_and_classes(admin):
    password = admin.ok("GET", "/password/generate")["password"]
    assert len(password) == 12
    for pool in (string.ascii_uppercase, string.ascii_lowercase, string.digits, SYMBOLS):
        assert any(c in pool for c in password)
    for _i in range(20):
        only = admin.ok("GET", "/password/generate", params={"length": 8, "uppercase": "false", "symbols": "false"})["password"]
        assert len(only) == 8 and all(c in string.ascii_lowercase + string.digits for c in only)
        assert any(c.isdigit() for c in only) and any(c.islower() for c in only)
    assert len(admin.ok("GET", "/password/generate", params={"length": 128})["password"]) == 128


@pytest.mark.parametrize("params", [{"length": 7}, {"length": 129}, {"length": "long"}, {"numbers": "perhaps"},
                                    {"uppercase": "false", "lowercase": "false", "numbers": "false", "symbols": "false"}])
def test_generator_rules(admin, params):
    assert admin.err("GET", "/password/generate", params=params)[:2] == (400, 7006)


def test_audit_dates_inclusive_and_filters(admin, emulator):
    admin.token = emulator.access_token("admin@vault.example", expires_in=10 * 86400)["access_token"]  # outlives the clock jumps
    sid = admin.add_secret("Day one")["secretid"]
    today = dt.datetime.now(dt.timezone.utc).date()
    emulator.set_clock(86400)
    admin.ok("GET", f"/secrets/{sid}/password")
    emulator.set_clock(2 * 86400)
    admin.ok("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"notes": "day three"})
    day = [str(today + dt.timedelta(days=i)) for i in range(3)]

    def events(**params):
        return [e["event"] for e in admin.ok("GET", "/audit", params=params)["auditlogs"]]

    assert events(from_date=day[1], to_date=day[1]) == ["Password Viewed"]
    assert events(from_date=day[0], to_date=day[1]) == ["Secret Created", "Password Viewed"]
    assert events(from_date=day[2]) == ["Secret Updated"]
    assert events(to_date=day[0]) == ["Secret Created"]
    for extension in ({"event": "Password Viewed"}, {"user_email": "nobody@example.com"}, {"secretid": sid}):
        status, code, message = admin.err("GET", "/audit", params=extension)
        assert (status, code) == (400, 7001) and next(iter(extension)) in message
    logs = admin.ok("GET", f"/secrets/{sid}/audit", params={"from_date": day[1]})["auditlogs"]
    assert [e["event"] for e in logs] == ["Password Viewed", "Secret Updated"]
    assert logs[0]["user_email"] == "admin@vault.example" and logs[0]["secretname"] == "Day one"
    for params in ({"from_date": "yesterday"}, {"to_date": "2025-13-01"}, {"from_date": day[2], "to_date": day[0]}):
        assert admin.err("GET", "/audit", params=params)[:2] == (400, 7006)


def test_audit_roles(admin, make_user):
    user = make_user("user@example.com")
    manager = make_user("manager@example.com", "Manager")
    sid = user.add_secret("mine")["secretid"]
    assert user.err("GET", "/audit")[:2] == (403, 7003)
    assert user.err("GET", "/export/audit")[:2] == (403, 7003)
    assert [e["event"] for e in user.ok("GET", f"/secrets/{sid}/audit")["auditlogs"]] == ["Secret Created"]
    assert manager.ok("GET", "/audit")["total"] == 1
    assert manager.err("GET", f"/secrets/{sid}/audit")[:2] == (404, 7004)
    assert admin.ok("GET", "/export/audit")["auditlogs"][0]["event"] == "Secret Created"


def test_export_secrets(admin, make_user):
    admin.add_secret("one", password="password-one")
    admin.add_secret("two", password="password-two")
    plain = admin.ok("GET", "/export/secrets", params={"format": "json"})
    # One reply, no pagination fields (the OpenAPI check also refuses any extra key).
    assert len(plain["secrets"]) == 2 and plain["exportedtime"].endswith("Z") and set(plain) == {"secrets", "exportedtime"}
    assert all("password" not in s for s in plain["secrets"])
    full = admin.ok("GET", "/export/secrets", params={"include_passwords": "true"})
    assert sorted(s["password"] for s in full["secrets"]) == ["password-one", "password-two"]
    assert [e["event"] for e in admin.ok("GET", "/audit")["auditlogs"]].count("Password Viewed") == 2
    assert admin.err("GET", "/export/secrets", params={"format": "csv"})[:2] == (400, 7006)
    assert admin.err("GET", "/export/audit", params={"format": "xml"})[:2] == (400, 7006)
    # a user exports what they can see
    user = make_user("user@example.com")
    user.add_secret("user's")
    assert [s["secretname"] for s in user.ok("GET", "/export/secrets")["secrets"]] == ["user's"]


@pytest.mark.parametrize("params", [{"page": 2}, {"per_page": 1}, {"page": 1, "per_page": 100}])
def test_export_secrets_is_not_paginated(admin, emulator, params):
    for i in range(3):
        admin.add_secret(f"s{i}")
    emulator.set_page_cap(1)
    assert len(admin.ok("GET", "/export/secrets")["secrets"]) == 3
    status, code, message = admin.err("GET", "/export/secrets", params=params)
    assert (status, code) == (400, 7001) and "unknown query parameter" in message


def test_generated_symbols_include_quotes_backslash_and_space(admin):
    awkward = set("\"'\\ ")
    assert awkward <= set(SYMBOLS)
    for _i in range(20):
        password = admin.ok("GET", "/password/generate", params={"length": 8})["password"]
        # Deterministic: a password with symbols always carries one of them, so a client meets them every time.
        assert awkward & set(password), password
    plain = admin.ok("GET", "/password/generate", params={"symbols": "false"})["password"]
    assert not awkward & set(plain)
