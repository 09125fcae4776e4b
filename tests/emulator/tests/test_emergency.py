"""Emergency access: grant gives temporary READ, revoke, list, automatic expiry."""

from __future__ import annotations


def test_grant_use_expire(admin, make_user, emulator):
    responder = make_user("emergency@company.com")
    sid = admin.add_secret("Prod DB")["secretid"]
    assert responder.err("GET", f"/secrets/{sid}/password")[:2] == (404, 7004)
    grant = admin.ok("POST", f"/secrets/{sid}/emergency", "GRANT_EMERGENCY_ACCESS",
                     {"emailid": "emergency@company.com", "duration": 2, "reason": "Production outage"}, status=201)
    assert grant["secretid"] == sid and grant["emailid"] == "emergency@company.com" and grant["reason"] == "Production outage"
    assert responder.ok("GET", f"/secrets/{sid}/password")["password"]
    assert responder.err("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"notes": "x"})[:2] == (403, 7003)
    # The contract's fields only, exactly as the grant answered.
    assert responder.ok("GET", "/emergency/requests")["requests"] == [grant]
    # it expires by itself, and an expired grant is gone from the list
    emulator.set_clock(2 * 3600 + 1)
    token = emulator.access_token("emergency@company.com")["access_token"]
    assert responder.err("GET", f"/secrets/{sid}/password", token=token)[:2] == (404, 7004)
    admin_token = emulator.access_token("admin@vault.example")["access_token"]
    listed = admin.call("GET", "/emergency/requests", token=admin_token).json()["operation"]["details"]
    assert (listed["requests"], listed["total"]) == ([], 0)


def test_revoke_and_list(admin, make_user):
    responder = make_user("emergency@company.com")
    make_user("bystander@company.com")
    sid = admin.add_secret("Prod DB")["secretid"]
    other = admin.add_secret("Other")["secretid"]
    admin.ok("POST", f"/secrets/{sid}/emergency", "GRANT_EMERGENCY_ACCESS", {"emailid": "emergency@company.com", "reason": "outage"})
    admin.ok("POST", f"/secrets/{other}/emergency", "GRANT_EMERGENCY_ACCESS", {"emailid": "emergency@company.com", "reason": "outage"})
    revoked = admin.ok("DELETE", f"/secrets/{sid}/emergency", "REVOKE_EMERGENCY_ACCESS", {"emailid": "emergency@company.com"})
    assert revoked == {"secretid": sid, "emailid": "emergency@company.com", "revoked": 1}
    assert responder.err("GET", f"/secrets/{sid}/password")[:2] == (404, 7004)
    responder.ok("GET", f"/secrets/{other}/password")
    assert admin.err("DELETE", f"/secrets/{sid}/emergency", "REVOKE_EMERGENCY_ACCESS", {"emailid": "emergency@company.com"})[:2] == (404, 7004)
    # A revoked grant is gone: only the live one on the other secret is listed.
    assert [r["secretid"] for r in admin.ok("GET", "/emergency/requests")["requests"]] == [other]
    for params in ({"status": "active"}, {"secretid": sid}):
        status, code, message = admin.err("GET", "/emergency/requests", params=params)
        assert (status, code) == (400, 7001) and next(iter(params)) in message
    bystander = make_user("bystander@company.com")
    assert bystander.ok("GET", "/emergency/requests")["total"] == 0
    events = [e["event"] for e in admin.ok("GET", f"/secrets/{sid}/audit")["auditlogs"]]
    assert events == ["Secret Created", "Secret Shared", "Secret Unshared"]


def test_grant_validation_and_permission(admin, make_user):
    user = make_user("user@example.com")
    make_user("emergency@company.com")
    sid = admin.add_secret()["secretid"]
    path = f"/secrets/{sid}/emergency"
    for data in ({"reason": "no email"}, {"emailid": "emergency@company.com"}, {"emailid": "ghost@example.com", "reason": "r"},
                 {"emailid": "emergency@company.com", "reason": "r", "duration": 0},
                 {"emailid": "emergency@company.com", "reason": "r", "duration": 721},
                 {"emailid": "admin@vault.example", "reason": "r"}):
        assert admin.err("POST", path, "GRANT_EMERGENCY_ACCESS", data)[:2] == (400, 7006), data
    admin.share(sid, users={"user@example.com": ["READ", "WRITE", "SHARE"]})
    assert user.err("POST", path, "GRANT_EMERGENCY_ACCESS", {"emailid": "emergency@company.com", "reason": "r"})[:2] == (403, 7003)
    assert admin.err("POST", path, "SHARE_SECRET", {"emailid": "emergency@company.com", "reason": "r"})[:2] == (400, 7001)
