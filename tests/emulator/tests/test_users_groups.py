"""Users and groups: CRUD, current user, role rules, member validation."""

from __future__ import annotations


def test_users_crud(admin):
    user = admin.ok("POST", "/users", "ADD_USER", {"emailid": "newuser@company.com", "role": "User", "firstname": "John",
                                                   "lastname": "Doe"}, status=201)
    uid = user["userid"]
    assert user["role"] == "User" and user["firstname"] == "John"
    assert admin.ok("GET", f"/users/{uid}") == user
    assert admin.ok("PUT", f"/users/{uid}", "UPDATE_USER", {"role": "Manager"})["role"] == "Manager"
    assert {u["emailid"] for u in admin.ok("GET", "/users")["users"]} == {"admin@vault.example", "newuser@company.com"}
    assert admin.ok("DELETE", f"/users/{uid}")["userid"] == uid
    assert admin.err("GET", f"/users/{uid}")[:2] == (404, 7004)


def test_user_validation(admin):
    admin.ok("POST", "/users", "ADD_USER", {"emailid": "dup@example.com"}, status=201)
    assert admin.err("POST", "/users", "ADD_USER", {"emailid": "DUP@example.com"})[:2] == (409, 7005)
    assert admin.err("POST", "/users", "ADD_USER", {"role": "User"})[:2] == (400, 7006)
    assert admin.err("POST", "/users", "ADD_USER", {"emailid": "not-an-email"})[:2] == (400, 7006)
    assert admin.err("POST", "/users", "ADD_USER", {"emailid": "x@example.com", "role": "Emperor"})[:2] == (400, 7006)
    me = admin.ok("GET", "/users/current")
    assert admin.err("PUT", f"/users/{me['userid']}", "UPDATE_USER", {"role": "User"})[:2] == (400, 7006)
    assert admin.err("DELETE", f"/users/{me['userid']}")[:2] == (400, 7006)
    assert admin.err("PUT", "/users/123456000000000001", "UPDATE_USER", {"role": "User"})[:2] == (404, 7004)


def test_current_user(make_user):
    alice = make_user("alice@example.com", "Manager", scopes=["ZohoVault.users.READ"])
    current = alice.ok("GET", "/users/current")
    assert current["emailid"] == "alice@example.com" and current["role"] == "Manager"


def test_only_administrators_manage_users(make_user):
    manager = make_user("manager@example.com", "Manager")
    user = make_user("user@example.com")
    for caller in (manager, user):
        assert caller.err("POST", "/users", "ADD_USER", {"emailid": "x@example.com"})[:2] == (403, 7003)
        assert caller.ok("GET", "/users")["total"] == 3
    uid = user.ok("GET", "/users/current")["userid"]
    assert manager.err("PUT", f"/users/{uid}", "UPDATE_USER", {"role": "Administrator"})[:2] == (403, 7003)
    assert manager.err("DELETE", f"/users/{uid}")[:2] == (403, 7003)


def test_delete_user_who_owns_secrets(admin, make_user, emulator):
    alice = make_user("alice@example.com")
    sid = alice.add_secret("Alice's")["secretid"]
    uid = alice.ok("GET", "/users/current")["userid"]
    status, code, message = admin.err("DELETE", f"/users/{uid}")
    assert (status, code) == (400, 7006) and "1 secret" in message
    alice.ok("POST", f"/secrets/{sid}/transferownership", "TRANSFER_OWNERSHIP", {"emailid": "admin@vault.example"})
    group = admin.ok("POST", "/groups", "ADD_GROUP", {"groupname": "G", "members": ["alice@example.com"]})
    admin.ok("DELETE", f"/users/{uid}", "DELETE_USER", {})
    assert admin.ok("GET", f"/groups/{group['groupid']}")["members"] == []
    # the deleted user's token is dead
    assert alice.err("GET", "/users/current")[:2] == (401, 7002)
    assert emulator.counters()["calls"]["DELETE /users/{user_id}"] == 2


def test_groups_crud_and_members(admin, make_user):
    for name in ("devops1", "devops2", "devops3"):
        make_user(f"{name}@company.com")
    group = admin.ok("POST", "/groups", "ADD_GROUP", {"groupname": "DevOps Team", "description": "infra",
                                                      "members": ["devops1@company.com", "DEVOPS2@company.com", "devops1@company.com"]}, status=201)
    gid = group["groupid"]
    assert group["members"] == ["devops1@company.com", "devops2@company.com"]
    assert admin.ok("GET", f"/groups/{gid}") == group
    added = admin.ok("POST", f"/groups/{gid}/users", "ADD_GROUP_MEMBERS", {"members": ["devops3@company.com", "devops1@company.com"]})
    assert added["members"] == ["devops1@company.com", "devops2@company.com", "devops3@company.com"]
    removed = admin.ok("DELETE", f"/groups/{gid}/users", "REMOVE_GROUP_MEMBERS", {"members": ["devops2@company.com"]})
    assert removed["members"] == ["devops1@company.com", "devops3@company.com"]
    updated = admin.ok("PUT", f"/groups/{gid}", "UPDATE_GROUP", {"members": ["devops2@company.com"], "description": "new"})
    assert updated["members"] == ["devops2@company.com"] and updated["groupname"] == "DevOps Team"
    assert admin.ok("GET", "/groups")["total"] == 1
    admin.ok("DELETE", f"/groups/{gid}")
    assert admin.err("GET", f"/groups/{gid}")[:2] == (404, 7004)


def test_group_validation(admin, make_user):
    make_user("real@example.com")
    first = admin.ok("POST", "/groups", "ADD_GROUP", {"groupname": "Taken"}, status=201)
    # Two groups may share a name (the contract makes no name unique): ids tell them apart.
    second = admin.ok("POST", "/groups", "ADD_GROUP", {"groupname": "Taken"}, status=201)
    assert first["groupid"] != second["groupid"]
    assert [g["groupname"] for g in admin.ok("GET", "/groups")["groups"]] == ["Taken", "Taken"]
    assert admin.ok("PUT", f"/groups/{second['groupid']}", "UPDATE_GROUP", {"groupname": "taken"})["groupname"] == "taken"
    members = ["real@example.com", "ghost@example.com", "phantom@example.com"]
    status, code, message = admin.err("POST", "/groups", "ADD_GROUP", {"groupname": "G", "members": members})
    assert (status, code) == (400, 7006) and "ghost@example.com" in message and "phantom@example.com" in message
    assert "real@example.com" not in message
    assert admin.err("POST", "/groups", "ADD_GROUP", {"groupname": "G", "members": "real@example.com"})[:2] == (400, 7006)
    gid = admin.ok("POST", "/groups", "ADD_GROUP", {"groupname": "G2"})["groupid"]
    assert admin.err("POST", f"/groups/{gid}/users", "ADD_GROUP_MEMBERS", {"members": ["ghost@example.com"]})[:2] == (400, 7006)
    assert admin.err("POST", f"/groups/{gid}/users", "ADD_GROUP_MEMBERS", {})[:2] == (400, 7006)
    assert admin.err("POST", f"/groups/{gid}/users", "ADD_GROUP_MEMBERS", {"members": []})[:2] == (400, 7006)
    assert admin.err("POST", f"/groups/{gid}/users", "REMOVE_GROUP_MEMBERS", {"members": ["real@example.com"]})[:2] == (400, 7001)
    assert admin.err("DELETE", "/groups/123456000000000001/users", "REMOVE_GROUP_MEMBERS", {"members": ["real@example.com"]})[:2] == (404, 7004)


def test_group_roles(make_user):
    manager = make_user("manager@example.com", "Manager")
    user = make_user("user@example.com")
    gid = manager.ok("POST", "/groups", "ADD_GROUP", {"groupname": "By manager"}, status=201)["groupid"]
    assert user.err("POST", "/groups", "ADD_GROUP", {"groupname": "By user"})[:2] == (403, 7003)
    assert user.err("PUT", f"/groups/{gid}", "UPDATE_GROUP", {"description": "x"})[:2] == (403, 7003)
    assert user.ok("GET", f"/groups/{gid}")["groupname"] == "By manager"
