"""Chambers: CRUD, visibility, chamber access (7008), delete with secrets and force."""

from __future__ import annotations


def test_chamber_crud(admin):
    chamber = admin.add_chamber("Production Servers", chambertype="Shared", description="prod")
    cid = chamber["chamberid"]
    assert chamber["chambertype"] == "Shared" and chamber["owner"] == "admin@vault.example"
    assert admin.ok("GET", f"/chambers/{cid}") == chamber
    assert admin.add_chamber("Default type")["chambertype"] == "Custom"
    updated = admin.ok("PUT", f"/chambers/{cid}", "UPDATE_CHAMBER", {"description": "changed"})
    assert updated["description"] == "changed" and updated["chambername"] == "Production Servers"
    assert admin.ok("GET", "/chambers")["total"] == 2
    assert admin.ok("DELETE", f"/chambers/{cid}")["deleted_secrets"] == 0
    assert admin.err("GET", f"/chambers/{cid}")[:2] == (404, 7004)


def test_chamber_validation_and_duplicates(admin, make_user):
    admin.add_chamber("Infra")
    assert admin.err("POST", "/chambers", "ADD_CHAMBER", {"chambername": "INFRA"})[:2] == (409, 7005)
    assert admin.err("POST", "/chambers", "ADD_CHAMBER", {"description": "no name"})[:2] == (400, 7006)
    assert admin.err("POST", "/chambers", "ADD_CHAMBER", {"chambername": "P", "chambertype": "Private"})[:2] == (400, 7006)
    assert admin.add_chamber("Mine", chambertype="Personal")["chambertype"] == "Personal"
    assert admin.err("POST", "/chambers", "ADD_SECRET", {"chambername": "P"})[:2] == (400, 7001)
    # names are unique per owner, so another user may use the same one
    make_user("other@example.com").add_chamber("Infra")
    other = admin.add_chamber("Other")
    assert admin.err("PUT", f"/chambers/{other['chamberid']}", "UPDATE_CHAMBER", {"chambername": "infra"})[:2] == (409, 7005)


def test_delete_chamber_with_secrets_needs_force(admin):
    cid = admin.add_chamber("Full")["chamberid"]
    ids = [admin.add_secret(f"s{i}", chamberid=cid)["secretid"] for i in range(3)]
    status, code, message = admin.err("DELETE", f"/chambers/{cid}")
    assert (status, code) == (400, 7006) and "3 secret" in message and "force=true" in message
    assert admin.err("DELETE", f"/chambers/{cid}", params={"force": "maybe"})[:2] == (400, 7006)
    result = admin.ok("DELETE", f"/chambers/{cid}", "DELETE_CHAMBER", {}, params={"force": "true"})
    assert result["deleted_secrets"] == 3
    for sid in ids:
        assert admin.err("GET", f"/secrets/{sid}")[:2] == (404, 7004)
    deleted = [e["secretid"] for e in admin.ok("GET", "/audit")["auditlogs"] if e["event"] == "Secret Deleted"]
    assert deleted == ids


def test_force_delete_refuses_locked_secret(admin, emulator):
    cid = admin.add_chamber("Locked inside")["chamberid"]
    sid = admin.add_secret("locked", chamberid=cid)["secretid"]
    emulator.lock_secret(sid)
    assert admin.err("DELETE", f"/chambers/{cid}", params={"force": "true"})[:2] == (423, 7009)
    assert admin.ok("GET", f"/secrets/{sid}")["secretid"] == sid


def test_chamber_secrets_lists_readable_secrets(admin, make_user):
    user = make_user("user@example.com")
    cid = admin.add_chamber("Team", chambertype="Shared")["chamberid"]
    visible = admin.add_secret("visible", chamberid=cid)["secretid"]
    write_only = admin.add_secret("write only", chamberid=cid)["secretid"]
    admin.add_secret("hidden", chamberid=cid)
    admin.share(visible, users={"user@example.com": ["READ"]})
    admin.share(write_only, users={"user@example.com": ["WRITE"]})
    assert [s["secretid"] for s in user.ok("GET", f"/chambers/{cid}/secrets")["secrets"]] == [visible]
    assert admin.ok("GET", f"/chambers/{cid}/secrets")["total"] == 3


def test_chamber_access(admin, make_user):
    alice = make_user("alice@example.com")
    bob = make_user("bob@example.com")
    private = alice.add_chamber("Alice only")["chamberid"]
    shared = alice.add_chamber("Team", chambertype="Shared")["chamberid"]
    # The type grants nobody anything: both of alice's chambers are closed to bob (403/7008), in lists too.
    for cid in (private, shared):
        assert bob.err("GET", f"/chambers/{cid}")[:2] == (403, 7008)
        assert bob.err("GET", f"/chambers/{cid}/secrets")[:2] == (403, 7008)
        status, code, _msg = bob.err("POST", "/secrets", "ADD_SECRET", {"secretname": "x", "password": "longenough", "chamberid": cid})
        assert (status, code) == (403, 7008)
    assert bob.ok("GET", "/chambers")["chambers"] == []
    mine = bob.add_secret("mine")["secretid"]
    assert bob.err("PUT", f"/secrets/{mine}", "UPDATE_SECRET", {"chamberid": private})[:2] == (403, 7008)
    assert bob.err("POST", "/secrets", "ADD_SECRET", {"secretname": "x", "chamberid": "123456000000000001"})[:2] == (404, 7004)
    # Seeing one secret in a chamber lets bob read the chamber, not change it nor put secrets in it.
    inside = alice.add_secret("in team", chamberid=shared)["secretid"]
    alice.share(inside, users={"bob@example.com": ["READ"]})
    assert bob.ok("GET", f"/chambers/{shared}")["chambername"] == "Team"
    assert [c["chamberid"] for c in bob.ok("GET", "/chambers")["chambers"]] == [shared]
    assert bob.err("PUT", f"/chambers/{shared}", "UPDATE_CHAMBER", {"description": "x"})[:2] == (403, 7008)
    assert bob.err("DELETE", f"/chambers/{shared}")[:2] == (403, 7008)
    assert bob.err("POST", "/secrets", "ADD_SECRET", {"secretname": "y", "chamberid": shared})[:2] == (403, 7008)
    # WRITE alone on a secret in it is not seeing it: the chamber stays closed.
    other = alice.add_secret("write only", chamberid=private)["secretid"]
    alice.share(other, users={"bob@example.com": ["WRITE"]})
    assert bob.err("GET", f"/chambers/{private}")[:2] == (403, 7008)
    # The owner and Administrators see and change everything.
    assert alice.ok("PUT", f"/chambers/{shared}", "UPDATE_CHAMBER", {"description": "owner may"})["description"] == "owner may"
    admin.ok("PUT", f"/chambers/{private}", "UPDATE_CHAMBER", {"description": "admin may"})
    assert {c["chamberid"] for c in admin.ok("GET", "/chambers")["chambers"]} == {private, shared}


def test_read_only_cannot_create_chambers(make_user):
    viewer = make_user("viewer@example.com", "Read-Only")
    assert viewer.err("POST", "/chambers", "ADD_CHAMBER", {"chambername": "x"})[:2] == (403, 7003)
