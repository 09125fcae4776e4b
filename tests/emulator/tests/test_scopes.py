"""OAuth scopes gate endpoints: each family's READ / CREATE / UPDATE / DELETE, .ALL for everything in a family."""

from __future__ import annotations

import pytest

NONE = "ZohoVault.users.READ"  # a token needs some scope; this one grants nothing in the secrets family


@pytest.fixture
def world(admin):
    secret = admin.add_secret("Scoped")
    chamber = admin.add_chamber("Scoped chamber")
    group = admin.ok("POST", "/groups", "ADD_GROUP", {"groupname": "Scoped group"})
    user = admin.ok("POST", "/users", "ADD_USER", {"emailid": "scoped@example.com"})
    return {"sid": secret["secretid"], "cid": chamber["chamberid"], "gid": group["groupid"], "uid": user["userid"]}


# (method, path, op, data, the scope that opens it)
CASES = [
    ("GET", "/secrets", None, None, "ZohoVault.secrets.READ"),
    ("GET", "/secrets/search", None, None, "ZohoVault.secrets.READ"),
    ("GET", "/secrets/{sid}", None, None, "ZohoVault.secrets.READ"),
    ("GET", "/secrets/{sid}/password", None, None, "ZohoVault.secrets.READ"),
    ("GET", "/secrets/{sid}/shareinfo", None, None, "ZohoVault.secrets.READ"),
    ("GET", "/emergency/requests", None, None, "ZohoVault.secrets.READ"),
    ("POST", "/secrets", "ADD_SECRET", {"secretname": "new", "password": "longenough"}, "ZohoVault.secrets.CREATE"),
    ("PUT", "/secrets/{sid}", "UPDATE_SECRET", {"notes": "x"}, "ZohoVault.secrets.UPDATE"),
    ("POST", "/secrets/{sid}/share", "SHARE_SECRET", {"users": [{"emailid": "scoped@example.com", "permissions": ["READ"]}]},
     "ZohoVault.secrets.UPDATE"),
    ("DELETE", "/secrets/{sid}", None, None, "ZohoVault.secrets.DELETE"),
    ("GET", "/chambers", None, None, "ZohoVault.chambers.READ"),
    ("GET", "/chambers/{cid}", None, None, "ZohoVault.chambers.READ"),
    ("POST", "/chambers", "ADD_CHAMBER", {"chambername": "new"}, "ZohoVault.chambers.ALL"),
    ("PUT", "/chambers/{cid}", "UPDATE_CHAMBER", {"description": "x"}, "ZohoVault.chambers.ALL"),
    ("DELETE", "/chambers/{cid}", None, None, "ZohoVault.chambers.ALL"),
    ("GET", "/users", None, None, "ZohoVault.users.READ"),
    ("GET", "/users/current", None, None, "ZohoVault.users.READ"),
    ("GET", "/users/{uid}", None, None, "ZohoVault.users.READ"),
    ("GET", "/groups", None, None, "ZohoVault.users.READ"),
    ("GET", "/groups/{gid}", None, None, "ZohoVault.users.READ"),
    ("POST", "/users", "ADD_USER", {"emailid": "another@example.com"}, "ZohoVault.users.ALL"),
    ("PUT", "/users/{uid}", "UPDATE_USER", {"firstname": "x"}, "ZohoVault.users.ALL"),
    ("POST", "/groups", "ADD_GROUP", {"groupname": "new"}, "ZohoVault.users.ALL"),
    ("POST", "/groups/{gid}/users", "ADD_GROUP_MEMBERS", {"members": ["scoped@example.com"]}, "ZohoVault.users.ALL"),
    ("DELETE", "/groups/{gid}", None, None, "ZohoVault.users.ALL"),
    ("GET", "/audit", None, None, "ZohoVault.audit.READ"),
    ("GET", "/secrets/{sid}/audit", None, None, "ZohoVault.audit.READ"),
    ("GET", "/export/audit", None, None, "ZohoVault.audit.READ"),
]


def _wrong_scope(scope: str) -> str:
    return "ZohoVault.audit.READ" if not scope.startswith("ZohoVault.audit") else "ZohoVault.secrets.ALL"


@pytest.mark.parametrize("method,path,op,data,scope", CASES, ids=[f"{c[0]} {c[1]}" for c in CASES])
def test_scope_gates_endpoint(world, make_user, method, path, op, data, scope):
    path = path.format(**world)
    denied = make_user("denied@example.com", "Administrator", scopes=[_wrong_scope(scope)])
    status, code, message = denied.err(method, path, op, data)
    assert (status, code) == (403, 7003) and "scope" in message
    allowed = make_user("allowed@example.com", "Administrator", scopes=[scope])
    assert allowed.call(method, path, op, data).status_code in (200, 201)


def test_family_all_and_specific_scopes(world, make_user):
    family = make_user("family@example.com", "Administrator", scopes=["ZohoVault.secrets.ALL"])
    family.ok("GET", f"/secrets/{world['sid']}/password")
    family.ok("PUT", f"/secrets/{world['sid']}", "UPDATE_SECRET", {"notes": "x"})
    reader = make_user("reader@example.com", "Administrator", scopes=["ZohoVault.secrets.READ"])
    assert reader.err("PUT", f"/secrets/{world['sid']}", "UPDATE_SECRET", {"notes": "x"})[:2] == (403, 7003)


def test_cross_family_requirements(world, make_user):
    # chamber secrets need secrets.READ too; a secrets export needs secrets.READ besides audit.READ
    chambers_only = make_user("c@example.com", "Administrator", scopes=["ZohoVault.chambers.READ"])
    assert chambers_only.err("GET", f"/chambers/{world['cid']}/secrets")[:2] == (403, 7003)
    audit_only = make_user("a@example.com", "Administrator", scopes=["ZohoVault.audit.READ"])
    assert audit_only.err("GET", "/export/secrets")[:2] == (403, 7003)
    both = make_user("b@example.com", "Administrator", scopes=["ZohoVault.audit.READ", "ZohoVault.secrets.READ"])
    assert len(both.ok("GET", "/export/secrets")["secrets"]) == 1
    # The current user is a users read like any other (the contract: users fall under ZohoVault.users.*).
    audit_only.ok("GET", "/password/generate")
    status, code, message = audit_only.err("GET", "/users/current")
    assert (status, code) == (403, 7003) and "ZohoVault.users.READ" in message


def test_every_route_but_the_generator_names_its_scope():
    from zoho_vault_emulator.routing import ROUTES  # pylint: disable=import-outside-toplevel
    assert [r.key for r in ROUTES if r.scope is None] == ["GET /password/generate"]


def test_scope_checked_before_body(make_user):
    reader = make_user("reader@example.com", "Administrator", scopes=["ZohoVault.secrets.READ"])
    assert reader.err("POST", "/secrets", "WRONG_OP", {})[:2] == (403, 7003)
