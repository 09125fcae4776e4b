"""Pagination of every list: page, per_page (max 1000), total."""

from __future__ import annotations

import pytest

from conftest import OPENAPI
from zoho_vault_emulator.testing import EmulatorError


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
                                      ("/secrets/search", "secrets"), ("/emergency/requests", "requests"), ("/export/audit", "auditlogs"),
                                      ("/secrets", "secrets"), ("/chambers/{cid}/secrets", "secrets"), ("/secrets/{sid}/audit", "auditlogs")])
def test_every_list_is_paged(admin, make_user, emulator, path, key):
    """Three items in every list, and with the page cap a list spans pages (the reply's per_page says the cap)."""
    cid = admin.add_chamber("c1")["chamberid"]
    admin.add_chamber("c2")
    admin.add_chamber("c3")
    sids = [admin.add_secret(f"s{i}", chamberid=cid)["secretid"] for i in range(3)]
    for i in range(3):
        make_user(f"u{i}@example.com")
        admin.ok("POST", "/groups", "ADD_GROUP", {"groupname": f"g{i}"})
        admin.ok("POST", f"/secrets/{sids[i]}/emergency", "GRANT_EMERGENCY_ACCESS", {"emailid": f"u{i}@example.com", "reason": "r"})
    admin.ok("GET", f"/secrets/{sids[0]}/password")
    path = path.format(cid=cid, sid=sids[0])
    full = admin.ok("GET", path)
    assert full["total"] >= 3 and len(full[key]) == full["total"]
    details = admin.ok("GET", path, params={"per_page": 1})
    assert set(details) - {"exportedtime"} == {"page", "per_page", "total", key} and details["per_page"] == 1 and len(details[key]) == 1
    emulator.set_page_cap(2)
    seen, page = [], 1
    while True:
        capped = admin.ok("GET", path, params={"page": page, "per_page": 100})
        assert (capped["page"], capped["per_page"], capped["total"]) == (page, 2, full["total"])
        seen += capped[key]
        if len(seen) >= capped["total"]:
            break
        page += 1
    assert seen == full[key] and page >= 2
    assert emulator.counters()["later_pages"] == {f"GET {OPENAPI.template(path)}": page - 1}


def test_page_cap_control_and_validation(admin, emulator):
    assert emulator.control("GET", "/page_size") == {"max_per_page": None}
    for i in range(3):
        admin.add_secret(f"s{i}")
    assert emulator.set_page_cap(2) == {"max_per_page": 2}
    # A smaller per_page than the cap is honoured as asked.
    assert admin.ok("GET", "/secrets", params={"per_page": 1})["per_page"] == 1
    assert admin.ok("GET", "/secrets")["per_page"] == 2
    for bad in ({}, {"max_per_page": 0}, {"max_per_page": 1001}, {"max_per_page": "2"}, {"max_per_page": True}):
        with pytest.raises(EmulatorError, match="max_per_page"):
            emulator.control("PUT", "/page_size", bad)
    assert emulator.set_page_cap(None) == {"max_per_page": None}
    assert admin.ok("GET", "/secrets")["per_page"] == 100
    emulator.set_page_cap(1)
    emulator.reset()
    assert emulator.control("GET", "/page_size") == {"max_per_page": None}
