"""Secrets: CRUD, password, search, validation and envelope errors, Personal chamber, locks."""

from __future__ import annotations

import re


def test_create_get_update_delete(admin):
    created = admin.add_secret("Production Database", secreturl="db.example.com", username="db_admin", notes="main",
                               secrettype="Database", customfields={"port": "5432"})
    sid = created["secretid"]
    assert re.fullmatch(r"\d{18}", sid) and "password" not in created
    assert created["owner"] == "admin@vault.example" and created["secrettype"] == "Database"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", created["createdtime"])
    got = admin.ok("GET", f"/secrets/{sid}")
    assert got == created
    assert admin.ok("GET", f"/secrets/{sid}/password") == {"password": "SecureP@ssw0rd!123"}
    updated = admin.ok("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"notes": "rotated"})
    assert updated["notes"] == "rotated" and updated["username"] == "db_admin" and updated["customfields"] == {"port": "5432"}
    assert admin.ok("GET", "/secrets")["total"] == 1
    assert admin.ok("DELETE", f"/secrets/{sid}")["secretid"] == sid
    assert admin.err("GET", f"/secrets/{sid}")[:2] == (404, 7004)


def test_defaults_and_no_chamber(admin, make_user):
    created = admin.add_secret("Note only", password="longenough")
    assert created["secrettype"] == "Login" and created["customfields"] == {} and created["secreturl"] == ""
    # Created without a chamber, a secret is in none: chamberid is null everywhere, and no chamber appears.
    assert created["chamberid"] is None and admin.ok("GET", f"/secrets/{created['secretid']}")["chamberid"] is None
    assert admin.ok("GET", "/chambers")["chambers"] == []
    assert [s["chamberid"] for s in admin.ok("GET", "/export/secrets")["secrets"]] == [None]
    # Outside chambers a name is unique per owner.
    assert admin.err("POST", "/secrets", "ADD_SECRET", {"secretname": "NOTE ONLY"})[:2] == (409, 7005)
    assert make_user("other@example.com").add_secret("Note only")["chamberid"] is None
    without_password = admin.ok("POST", "/secrets", "ADD_SECRET", {"secretname": "No password"})
    assert admin.ok("GET", f"/secrets/{without_password['secretid']}/password") == {"password": ""}


def test_password_modified_time_changes_only_with_password(admin, emulator):
    sid = admin.add_secret("Rotated")["secretid"]
    before = admin.ok("GET", f"/secrets/{sid}")
    emulator.set_clock(120)
    same = admin.ok("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"password": "SecureP@ssw0rd!123", "notes": "x"})
    assert same["passwordmodifiedtime"] == before["passwordmodifiedtime"] and same["modifiedtime"] != before["modifiedtime"]
    emulator.set_clock(240)
    changed = admin.ok("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"password": "AnotherP@ss1"})
    assert changed["passwordmodifiedtime"] > same["passwordmodifiedtime"]
    unchanged = admin.ok("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"password": "AnotherP@ss1"})
    assert unchanged["modifiedtime"] == changed["modifiedtime"]
    assert admin.ok("GET", f"/secrets/{sid}/password")["password"] == "AnotherP@ss1"


def test_duplicate_names_per_chamber_case_insensitive(admin):
    admin.add_secret("Shared Name")
    status, code, _msg = admin.err("POST", "/secrets", "ADD_SECRET", {"secretname": "shared name", "password": "longenough"})
    assert (status, code) == (409, 7005)
    chamber = admin.add_chamber("Other")
    admin.add_secret("Shared Name", chamberid=chamber["chamberid"])
    other = admin.add_secret("Renamed")
    assert admin.err("PUT", f"/secrets/{other['secretid']}", "UPDATE_SECRET", {"secretname": "SHARED NAME"})[:2] == (409, 7005)
    # moving into a chamber where the name is taken clashes too
    assert admin.err("PUT", f"/secrets/{other['secretid']}", "UPDATE_SECRET",
                     {"secretname": "shared name", "chamberid": chamber["chamberid"]})[:2] == (409, 7005)


def test_validation_errors_name_the_field(admin, emulator):
    cases = [
        ({"password": "longenough"}, "secretname"),
        ({"secretname": "  "}, "secretname"),
        ({"secretname": "x", "secrettype": "Spaceship"}, "secrettype"),
        ({"secretname": "x", "customfields": ["a"]}, "customfields"),
        ({"secretname": 5}, "secretname"),
    ]
    for data, field in cases:
        status, code, message = admin.err("POST", "/secrets", "ADD_SECRET", data)
        assert (status, code) == (400, 7006) and field in message, (data, message)
    status, code, message = admin.err("POST", "/secrets", "ADD_SECRET", {"secretname": "x", "colour": "red"})
    assert (status, code) == (400, 7001) and "colour" in message
    status, code, _msg = admin.err("POST", "/secrets", "ADD_SECRET", {"secretname": "x", "password": "short"})
    assert (status, code) == (400, 7010)
    emulator.set_policy(4)
    admin.add_secret("short ok", password="shrt")
    sid = admin.add_secret("y")["secretid"]
    emulator.set_policy(20)
    assert admin.err("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"password": "only-sixteen-chr"})[:2] == (400, 7010)


def test_envelope_errors_7001(admin):
    sid = admin.add_secret()["secretid"]
    assert admin.err("POST", "/secrets", "UPDATE_SECRET", {"secretname": "x"})[:2] == (400, 7001)
    assert admin.err("POST", "/secrets", json_body={"data": {"secretname": "x"}})[:2] == (400, 7001)
    assert admin.err("POST", "/secrets", raw="{not json", headers={"Content-Type": "application/json"})[:2] == (400, 7001)
    assert admin.err("POST", "/secrets")[:2] == (400, 7001)
    assert admin.err("POST", "/secrets", json_body={"operation": {"name": "ADD_SECRET"}, "data": [1]})[:2] == (400, 7001)
    assert admin.err("PUT", f"/secrets/{sid}", "DELETE_SECRET", {})[:2] == (400, 7001)
    assert admin.err("DELETE", f"/secrets/{sid}", "UPDATE_SECRET", {})[:2] == (400, 7001)
    # a DELETE without a body is accepted, and so is one with the right operation
    other = admin.add_secret("other")["secretid"]
    admin.ok("DELETE", f"/secrets/{sid}")
    admin.ok("DELETE", f"/secrets/{other}", "DELETE_SECRET", {})
    # an unknown method on a known path is a malformed request, an unknown path is not found
    assert admin.err("PATCH", f"/secrets/{other}")[:2] == (405, 7001)
    assert admin.err("GET", "/nothing/here")[:2] == (404, 7004)


def test_search_filters(admin):
    chamber = admin.add_chamber("Infra")
    admin.add_secret("Production Database", secreturl="db.prod.example.com", username="db_admin", secrettype="Database",
                     chamberid=chamber["chamberid"])
    admin.add_secret("Staging Database", secreturl="db.staging.example.com", username="stage", secrettype="Database")
    admin.add_secret("Web Login", secreturl="https://app.example.com", username="webuser", notes="PROD web frontend")

    def names(**params):
        return sorted(s["secretname"] for s in admin.ok("GET", "/secrets/search", params=params)["secrets"])

    assert names(searchtext="prod") == ["Production Database", "Web Login"]
    assert names(searchtext="database", secrettype="Database") == ["Production Database", "Staging Database"]
    assert names(chamberid=chamber["chamberid"]) == ["Production Database"]
    assert names(username="STAGE") == ["Staging Database"]
    assert names(secreturl="app.example") == ["Web Login"]
    assert names(searchtext="nothing-matches") == []
    assert admin.err("GET", "/secrets/search", params={"secrettype": "Spaceship"})[:2] == (400, 7006)


def test_not_found_paths(admin):
    for method, path in (("GET", "/secrets/123456000000000001"), ("GET", "/secrets/not-an-id/password"),
                         ("PUT", "/secrets/123456000000000001"), ("DELETE", "/secrets/123456000000000001")):
        kwargs = {"op": "UPDATE_SECRET", "data": {"notes": "x"}} if method == "PUT" else {}
        assert admin.err(method, path, **kwargs)[:2] == (404, 7004)


def test_locked_secret_refuses_writes(admin, emulator, make_user):
    make_user("colleague@example.com")
    sid = admin.add_secret("Locked")["secretid"]
    emulator.lock_secret(sid)
    assert admin.ok("GET", f"/secrets/{sid}/password")["password"]
    writes = [("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"notes": "x"}), ("DELETE", f"/secrets/{sid}", None, None),
              ("POST", f"/secrets/{sid}/share", "SHARE_SECRET", {"users": [{"emailid": "colleague@example.com", "permissions": ["READ"]}]}),
              ("DELETE", f"/secrets/{sid}/share", "REVOKE_SHARE", {"emailid": "colleague@example.com"}),
              ("POST", f"/secrets/{sid}/transferownership", "TRANSFER_OWNERSHIP", {"emailid": "colleague@example.com"})]
    for method, path, op, data in writes:
        status, code, message = admin.err(method, path, op, data)
        assert (status, code) == (423, 7009) and "Locked" in message
    emulator.lock_secret(sid, locked=False)
    admin.ok("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"notes": "x"})


def test_get_writes_audit_events(admin):
    sid = admin.add_secret("Audited")["secretid"]
    admin.ok("GET", f"/secrets/{sid}")
    admin.ok("GET", f"/secrets/{sid}/password")
    admin.ok("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"notes": "n"})
    admin.ok("GET", "/secrets")  # listing is not an access of one secret
    events = [e["event"] for e in admin.ok("GET", f"/secrets/{sid}/audit")["auditlogs"]]
    assert events == ["Secret Created", "Secret Accessed", "Password Viewed", "Secret Updated"]
    admin.ok("DELETE", f"/secrets/{sid}")
    logs = [e for e in admin.ok("GET", "/audit")["auditlogs"] if e["secretid"] == sid]
    assert logs[-1]["event"] == "Secret Deleted" and logs[-1]["secretname"] == "Audited"
