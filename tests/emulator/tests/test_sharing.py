"""Sharing, revoking, share info, ownership transfer and the permissions they give."""

from __future__ import annotations


def test_share_sets_exactly_and_revokes(admin, make_user):
    reader = make_user("reader@example.com")
    writer = make_user("writer@example.com")
    sid = admin.add_secret("Shared DB")["secretid"]
    assert reader.err("GET", f"/secrets/{sid}")[:2] == (404, 7004)
    info = admin.share(sid, users={"reader@example.com": ["READ"], "writer@example.com": ["READ", "WRITE", "SHARE"]})
    assert info["owner"] == "admin@vault.example"
    assert {u["emailid"]: u["permissions"] for u in info["users"]} == {"reader@example.com": ["READ"],
                                                                       "writer@example.com": ["READ", "WRITE", "SHARE"]}
    assert reader.ok("GET", f"/secrets/{sid}/password")["password"]
    assert reader.err("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"notes": "x"})[:2] == (403, 7003)
    writer.ok("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"notes": "by writer"})
    assert writer.err("DELETE", f"/secrets/{sid}")[:2] == (403, 7003)
    # setting one principal leaves the other untouched and replaces that principal's set
    info = admin.share(sid, users={"writer@example.com": ["READ"]})
    assert {u["emailid"]: u["permissions"] for u in info["users"]} == {"reader@example.com": ["READ"], "writer@example.com": ["READ"]}
    assert writer.err("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"notes": "x"})[:2] == (403, 7003)
    # an empty list removes the share
    info = admin.share(sid, users={"writer@example.com": []})
    assert [u["emailid"] for u in info["users"]] == ["reader@example.com"]
    info = admin.ok("DELETE", f"/secrets/{sid}/share", "REVOKE_SHARE", {"emailid": "reader@example.com"})
    assert info["users"] == []
    assert reader.err("GET", f"/secrets/{sid}")[:2] == (404, 7004)
    assert admin.err("DELETE", f"/secrets/{sid}/share", "REVOKE_SHARE", {"emailid": "reader@example.com"})[:2] == (404, 7004)
    events = [e["event"] for e in admin.ok("GET", f"/secrets/{sid}/audit")["auditlogs"]]
    assert events.count("Secret Shared") == 3 and events.count("Secret Unshared") == 1


def test_share_validation(admin, make_user):
    make_user("someone@example.com")
    sid = admin.add_secret()["secretid"]
    path = f"/secrets/{sid}/share"
    unknown = {"users": [{"emailid": "ghost@example.com", "permissions": ["READ"]}, {"emailid": "nobody@example.com", "permissions": ["READ"]}]}
    status, code, message = admin.err("POST", path, "SHARE_SECRET", unknown)
    assert (status, code) == (400, 7006) and "ghost@example.com" in message and "nobody@example.com" in message
    assert admin.err("POST", path, "SHARE_SECRET", {"users": [{"emailid": "someone@example.com", "permissions": ["ADMIN"]}]})[:2] == (400, 7006)
    assert admin.err("POST", path, "SHARE_SECRET", {})[:2] == (400, 7006)
    assert admin.err("POST", path, "SHARE_SECRET", {"groups": [{"groupid": "123456000000000001", "permissions": ["READ"]}]})[:2] == (400, 7006)
    assert admin.err("POST", path, "SHARE_SECRET", {"users": [{"emailid": "admin@vault.example", "permissions": ["READ"]}]})[:2] == (400, 7006)
    assert admin.err("DELETE", path, "REVOKE_SHARE", {})[:2] == (400, 7006)
    assert admin.err("DELETE", path, "REVOKE_SHARE", {"emailid": "ghost@example.com"})[:2] == (400, 7006)
    assert admin.err("DELETE", path)[:2] == (400, 7001)  # the body is required here


def test_share_permission_and_owner_grants(admin, make_user):
    sharer = make_user("sharer@example.com")
    make_user("third@example.com")
    sid = admin.add_secret()["secretid"]
    admin.share(sid, users={"sharer@example.com": ["READ", "SHARE"]})
    sharer.share(sid, users={"third@example.com": ["READ", "WRITE"]})
    assert sharer.err("POST", f"/secrets/{sid}/share", "SHARE_SECRET",
                      {"users": [{"emailid": "third@example.com", "permissions": ["OWNER"]}]})[:2] == (403, 7003)
    admin.share(sid, users={"third@example.com": ["OWNER"]})
    assert sharer.err("DELETE", f"/secrets/{sid}/share", "REVOKE_SHARE", {"emailid": "third@example.com"})[:2] == (403, 7003)
    assert sharer.err("POST", f"/secrets/{sid}/transferownership", "TRANSFER_OWNERSHIP", {"emailid": "sharer@example.com"})[:2] == (403, 7003)


def test_group_shares(admin, make_user):
    member = make_user("member@example.com")
    outsider = make_user("outsider@example.com")
    group = admin.ok("POST", "/groups", "ADD_GROUP", {"groupname": "DevOps", "members": ["member@example.com"]}, status=201)
    sid = admin.add_secret()["secretid"]
    info = admin.share(sid, groups={group["groupid"]: ["READ", "WRITE"]})
    assert info["groups"] == [{"groupid": group["groupid"], "groupname": "DevOps", "permissions": ["READ", "WRITE"]}]
    member.ok("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"notes": "via group"})
    assert outsider.err("GET", f"/secrets/{sid}")[:2] == (404, 7004)
    admin.ok("POST", f"/groups/{group['groupid']}/users", "ADD_GROUP_MEMBERS", {"members": ["outsider@example.com"]})
    assert outsider.ok("GET", f"/secrets/{sid}")["secretid"] == sid
    admin.ok("DELETE", f"/secrets/{sid}/share", "REVOKE_SHARE", {"groupid": group["groupid"]})
    assert member.err("GET", f"/secrets/{sid}")[:2] == (404, 7004)


def test_read_only_role_caps_share_permissions(admin, make_user):
    viewer = make_user("viewer@example.com", "Read-Only")
    sid = admin.add_secret()["secretid"]
    admin.share(sid, users={"viewer@example.com": ["READ", "WRITE", "SHARE"]})
    assert viewer.ok("GET", f"/secrets/{sid}/password")["password"]
    assert viewer.err("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"notes": "x"})[:2] == (403, 7003)
    assert viewer.err("POST", "/secrets", "ADD_SECRET", {"secretname": "mine", "password": "longenough"})[:2] == (403, 7003)


def test_user_sees_own_and_shared_only(admin, make_user):
    alice = make_user("alice@example.com")
    bob = make_user("bob@example.com")
    mine = alice.add_secret("Alice's")["secretid"]
    bob.add_secret("Bob's")
    assert [s["secretid"] for s in alice.ok("GET", "/secrets")["secrets"]] == [mine]
    assert bob.err("GET", f"/secrets/{mine}/password")[:2] == (404, 7004)
    assert bob.err("DELETE", f"/secrets/{mine}")[:2] == (404, 7004)
    assert admin.ok("GET", "/secrets")["total"] == 2
    admin.ok("PUT", f"/secrets/{mine}", "UPDATE_SECRET", {"notes": "admins may"})


def test_shareinfo_and_transfer_ownership(admin, make_user):
    alice = make_user("alice@example.com")
    bob = make_user("bob@example.com")
    make_user("viewer@example.com", "Read-Only")
    secret = alice.add_secret("Transfer me")
    sid = secret["secretid"]
    alice.share(sid, users={"bob@example.com": ["READ"]})
    assert bob.ok("GET", f"/secrets/{sid}/shareinfo")["owner"] == "alice@example.com"
    status, code, _msg = alice.err("POST", f"/secrets/{sid}/transferownership", "TRANSFER_OWNERSHIP", {"emailid": "ghost@example.com"})
    assert (status, code) == (400, 7006)
    assert alice.err("POST", f"/secrets/{sid}/transferownership", "TRANSFER_OWNERSHIP", {"emailid": "viewer@example.com"})[:2] == (400, 7006)
    assert alice.err("POST", f"/secrets/{sid}/transferownership", "TRANSFER_OWNERSHIP", {})[:2] == (400, 7006)
    moved = alice.ok("POST", f"/secrets/{sid}/transferownership", "TRANSFER_OWNERSHIP", {"emailid": "bob@example.com"})
    assert moved["owner"] == "bob@example.com"
    # it stays where it was: in no chamber
    assert moved["chamberid"] is None and secret["chamberid"] is None
    assert bob.ok("GET", f"/secrets/{sid}/shareinfo")["users"] == []
    assert alice.err("GET", f"/secrets/{sid}")[:2] == (404, 7004)
    bob.ok("DELETE", f"/secrets/{sid}")


def test_transfer_clash_outside_chambers(make_user):
    alice = make_user("alice@example.com")
    bob = make_user("bob@example.com")
    sid = alice.add_secret("Same")["secretid"]
    bob.add_secret("same")
    assert alice.err("POST", f"/secrets/{sid}/transferownership", "TRANSFER_OWNERSHIP", {"emailid": "bob@example.com"})[:2] == (409, 7005)


def test_transfer_keeps_the_chamber(admin, make_user):
    alice = make_user("alice@example.com")
    bob = make_user("bob@example.com")
    cid = alice.add_chamber("Alice's")["chamberid"]
    sid = alice.add_secret("Same", chamberid=cid)["secretid"]
    bob.add_secret("same")
    moved = alice.ok("POST", f"/secrets/{sid}/transferownership", "TRANSFER_OWNERSHIP", {"emailid": "bob@example.com"})
    assert moved["chamberid"] == cid and moved["owner"] == "bob@example.com"
    # bob can now read a secret in alice's chamber, so he may read the chamber
    assert bob.ok("GET", f"/chambers/{cid}")["owner"] == "alice@example.com"
