"""Plan rate limits: headers on every reply, 429/7007 past the per-minute and per-day limits, windows."""

from __future__ import annotations

import time

from conftest import token_call


def test_headers_on_every_reply(admin, emulator):
    emulator.set_plan("standard")
    resp = admin.call("GET", "/secrets")
    assert resp.headers["X-RateLimit-Limit"] == "100" and resp.headers["X-RateLimit-Remaining"] == "99"
    reset = int(resp.headers["X-RateLimit-Reset"])
    assert reset % 60 == 0 and 0 < reset - time.time() <= 60
    assert admin.call("GET", "/secrets").headers["X-RateLimit-Remaining"] == "98"
    # errors carry them too (the Api helper asserts the headers on every reply); a 401 does not consume quota
    admin.err("GET", "/users/current", token="1000.bad")
    admin.err("GET", "/secrets/123456000000000001")
    assert admin.call("GET", "/secrets").headers["X-RateLimit-Remaining"] == "96"


def test_per_minute_limit_and_window_roll(admin, emulator):
    emulator.set_plan("free")
    for i in range(50):
        assert admin.call("GET", "/users/current").status_code == 200, i
    resp = admin.call("GET", "/users/current")
    body = resp.json()["operation"]["result"]
    assert resp.status_code == 429 and body["code"] == 7007
    # A spent minute says when to come back, in both headers.
    assert resp.headers["X-RateLimit-Remaining"] == "0" and int(resp.headers["Retry-After"]) >= 1
    assert emulator.counters()["rate_limited"] == 1
    # token endpoint and control plane are not limited
    assert token_call(emulator, params={"grant_type": "refresh_token", "client_id": emulator.admin["client_id"],
                                        "client_secret": emulator.admin["client_secret"],
                                        "refresh_token": emulator.admin["refresh_token"]}).status_code == 200
    emulator.counters()
    # the next minute window opens a fresh budget
    reset = int(resp.headers["X-RateLimit-Reset"])
    emulator.set_clock(reset - time.time() + 1)
    resp = admin.call("GET", "/users/current")
    assert resp.status_code == 200 and resp.headers["X-RateLimit-Remaining"] == "49"


def test_per_day_limit(admin, emulator):
    limits = emulator.set_plan(per_minute=100, per_day=5)
    assert limits == {"plan": "custom", "per_minute": 100, "per_day": 5}
    for _i in range(5):
        admin.ok("GET", "/users/current")
    resp = admin.call("GET", "/users/current")
    assert resp.status_code == 429 and "daily" in resp.json()["operation"]["result"]["message"]
    # once the day is spent the reset points at midnight UTC, not the minute's end, and it is the only hint:
    # a per-day 429 never carries Retry-After, so clients must cope with X-RateLimit-Reset alone
    assert int(resp.headers["X-RateLimit-Reset"]) % 86400 == 0 and "Retry-After" not in resp.headers
    emulator.set_clock(120)
    assert admin.call("GET", "/users/current").status_code == 429
    emulator.set_clock(86400)
    tomorrow = emulator.access_token("admin@vault.example")["access_token"]  # today's token has expired by then
    assert admin.call("GET", "/users/current", token=tomorrow).status_code == 200


def test_plans_and_unlimited(admin, emulator):
    for plan, limit in (("free", 50), ("standard", 100), ("professional", 200), ("enterprise", 500)):
        assert emulator.set_plan(plan)["per_minute"] == limit
        assert admin.call("GET", "/users/current").headers["X-RateLimit-Limit"] == str(limit)
    emulator.set_plan("unlimited")
    resp = admin.call("GET", "/users/current")
    assert int(resp.headers["X-RateLimit-Limit"]) >= 10**9 and int(resp.headers["X-RateLimit-Remaining"]) >= 10**9
    # reset returns to the plan the emulator was started with
    emulator.reset()
    assert emulator.control("GET", "/plan")["plan"] == "enterprise"


def test_rejected_calls_do_not_consume(admin, emulator):
    emulator.set_plan(per_minute=3, per_day=1000)
    for _i in range(3):
        admin.ok("GET", "/users/current")
    for _i in range(5):
        assert admin.call("GET", "/users/current").status_code == 429
    assert emulator.counters()["rate_limited"] == 5
    assert emulator.counters()["calls"]["GET /users/current"] == 8
