"""Pagination of every list: page, per_page (max 1000), total."""

from __future__ import annotations

import pytest


def test_pages_cover_everything_once(admin):
    ids = [admin.add_secret(f"s{i:02}")["secretid"] for i in range(25)]
    seen = []
    page = 1
    while True:
        details = admin.ok("GET", "/secrets", params={"page": page, "per_page": 10})
        assert details["page"] == page and details["per_page"] == 10 and details["total"] == 25
        seen += [s["secretid"] for s in details["secrets"]]
        if len(details["secrets"]) < 10:
            break
        page += 1
    assert seen == ids and page == 3
    assert admin.ok("GET", "/secrets", params={"page": 9})["secrets"] == []
    default = admin.ok("GET", "/secrets")
    assert default["page"] == 1 and default["per_page"] == 100 and len(default["secrets"]) == 25
    assert len(admin.ok("GET", "/secrets", params={"per_page": 1000})["secrets"]) == 25


@pytest.mark.parametrize("params", [{"page": 0}, {"page": "x"}, {"per_page": 0}, {"per_page": 1001}])
def test_bad_page_parameters(admin, params):
    status, code, message = admin.err("GET", "/secrets", params=params)
    assert (status, code) == (400, 7006) and list(params)[0] in message


@pytest.mark.parametrize("path,key", [("/chambers", "chambers"), ("/users", "users"), ("/groups", "groups"), ("/audit", "auditlogs"),
                                      ("/secrets/search", "secrets"), ("/emergency/requests", "requests"), ("/export/secrets", "secrets"),
                                      ("/export/audit", "auditlogs")])
def test_every_list_is_paged(admin, path, key):
    admin.add_chamber("c1")
    admin.add_chamber("c2")
    details = admin.ok("GET", path, params={"per_page": 1})
    assert {"page", "per_page", "total", key} <= set(details) and details["per_page"] == 1 and len(details[key]) <= 1
