"""Share permissions as the contract has them: not cumulative by name. READ reads (the secret and its password),
WRITE updates, SHARE shares, OWNER deletes and transfers; none of the others reads."""

from __future__ import annotations

import pytest

ALICE = "alice@example.com"


@pytest.fixture
def shared(admin, make_user):
    """A secret of the admin's and alice, who gets whatever the test shares with her."""
    alice = make_user(ALICE)
    make_user("carol@example.com")
    sid = admin.add_secret("Shared", password="SecureP@ssw0rd!123")["secretid"]
    return admin, alice, sid


def listed(api, sid):
    ids = {s["secretid"] for s in api.ok("GET", "/secrets")["secrets"]}
    found = {s["secretid"] for s in api.ok("GET", "/secrets/search", params={"searchtext": "Shared"})["secrets"]}
    exported = {s["secretid"] for s in api.ok("GET", "/export/secrets")["secrets"]}
    assert ids == found == exported
    return sid in ids


def test_read_sees_the_secret_and_its_password(shared):
    admin, alice, sid = shared
    admin.share(sid, users={ALICE: ["READ"]})
    assert alice.ok("GET", f"/secrets/{sid}")["secretname"] == "Shared"
    assert alice.ok("GET", f"/secrets/{sid}/password") == {"password": "SecureP@ssw0rd!123"}
    assert listed(alice, sid)
    assert alice.err("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"notes": "x"})[:2] == (403, 7003)


@pytest.mark.parametrize("perms", [["WRITE"], ["SHARE"], ["OWNER"], ["WRITE", "SHARE", "OWNER"]])
def test_without_read_nothing_is_read(shared, perms):
    admin, alice, sid = shared
    admin.share(sid, users={ALICE: perms})
    for path in (f"/secrets/{sid}", f"/secrets/{sid}/password", f"/secrets/{sid}/audit"):
        status, code, message = alice.err("GET", path)
        assert (status, code) == (403, 7003) and "READ" in message, path
    assert not listed(alice, sid)


def test_write_alone_updates_share_alone_shares_owner_alone_deletes(shared, make_user):
    admin, alice, sid = shared
    admin.share(sid, users={ALICE: ["WRITE"]})
    alice.ok("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"notes": "written blind"})
    assert admin.ok("GET", f"/secrets/{sid}")["notes"] == "written blind"
    assert alice.err("POST", f"/secrets/{sid}/share", "SHARE_SECRET",
                     {"users": [{"emailid": "carol@example.com", "permissions": ["READ"]}]})[:2] == (403, 7003)
    admin.share(sid, users={ALICE: ["SHARE"]})
    assert alice.err("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"notes": "x"})[:2] == (403, 7003)
    alice.ok("POST", f"/secrets/{sid}/share", "SHARE_SECRET", {"users": [{"emailid": "carol@example.com", "permissions": ["READ"]}]})
    assert alice.err("DELETE", f"/secrets/{sid}")[:2] == (403, 7003)
    admin.share(sid, users={ALICE: ["OWNER"]})
    assert alice.err("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"notes": "x"})[:2] == (403, 7003)
    alice.ok("DELETE", f"/secrets/{sid}")


def test_group_permissions_add_up_by_name_only(admin, make_user):
    alice = make_user(ALICE)
    gid = admin.ok("POST", "/groups", "ADD_GROUP", {"groupname": "writers", "members": [ALICE]})["groupid"]
    sid = admin.add_secret("Grouped")["secretid"]
    admin.share(sid, groups={gid: ["WRITE"]})
    assert alice.err("GET", f"/secrets/{sid}")[:2] == (403, 7003)
    admin.share(sid, users={ALICE: ["READ"]})
    # READ directly and WRITE through the group: both hold
    assert alice.ok("GET", f"/secrets/{sid}")["secretname"] == "Grouped"
    alice.ok("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"notes": "ok"})


def test_unshared_secret_is_not_found(shared):
    _admin, alice, sid = shared
    assert alice.err("GET", f"/secrets/{sid}")[:2] == (404, 7004)
    assert alice.err("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"notes": "x"})[:2] == (404, 7004)
