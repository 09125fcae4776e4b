"""Fault injection: each kind, by count and by rate, method/path filters, phase after, the token endpoint."""

from __future__ import annotations

import time

import pytest
import requests

from conftest import token_call
from zoho_vault_emulator.testing import EmulatorError


def test_status_faults_by_count(admin, emulator):
    fault = emulator.add_fault(kind="status", status=503, count=2, path=r"^/secrets$", method="GET")
    for _i in range(2):
        status, code, _msg = admin.err("GET", "/secrets")
        assert (status, code) == (503, 503)
    admin.ok("GET", "/secrets")
    admin.ok("GET", "/users/current")
    listed = emulator.faults()
    assert listed[0]["id"] == fault["id"] and listed[0]["fired"] == 2 and listed[0]["remaining"] == 0
    emulator.add_fault(kind="status", count=1)
    assert admin.err("GET", "/users/current")[:2] == (500, 500)
    assert emulator.counters()["faults_injected"] == 3


def test_method_and_path_filters(admin, emulator):
    sid = admin.add_secret()["secretid"]
    emulator.add_fault(kind="status", status=500, path=r"/password$")
    assert admin.err("GET", f"/secrets/{sid}/password")[0] == 500
    admin.ok("GET", f"/secrets/{sid}")
    emulator.clear_faults()
    emulator.add_fault(kind="status", status=500, method="PUT")
    admin.ok("GET", f"/secrets/{sid}")
    assert admin.err("PUT", f"/secrets/{sid}", "UPDATE_SECRET", {"notes": "x"})[0] == 500
    emulator.clear_faults()
    assert emulator.faults() == []


def test_rate_probability(admin, emulator):
    emulator.add_fault(kind="status", status=503, rate=0.0)
    for _i in range(20):
        admin.ok("GET", "/users/current")
    emulator.clear_faults()
    emulator.add_fault(kind="status", status=503, rate=0.5)
    statuses = [admin.call("GET", "/users/current").status_code for _i in range(200)]
    assert 40 < statuses.count(503) < 160 and set(statuses) == {200, 503}
    emulator.clear_faults()
    emulator.add_fault(kind="status", status=503, rate=1.0, count=3)
    statuses = [admin.call("GET", "/users/current").status_code for _i in range(5)]
    assert statuses == [503, 503, 503, 200, 200]


def test_rate_limit_fault(admin, emulator):
    emulator.add_fault(kind="rate_limit", count=1)
    resp = admin.call("GET", "/users/current")
    assert resp.status_code == 429 and resp.json()["operation"]["result"]["code"] == 7007
    assert resp.headers["X-RateLimit-Remaining"] == "0" and "Retry-After" in resp.headers
    assert emulator.counters()["rate_limited"] == 1


@pytest.mark.parametrize("phase", ["before", "after"])
def test_rate_limit_fault_without_retry_after(admin, emulator, phase):
    emulator.add_fault(kind="rate_limit", count=1, retry_after=False, phase=phase)
    resp = admin.call("GET", "/users/current")
    assert resp.status_code == 429 and resp.json()["operation"]["result"]["code"] == 7007
    assert "Retry-After" not in resp.headers and int(resp.headers["X-RateLimit-Reset"]) > time.time()
    emulator.add_fault(kind="rate_limit", count=1, phase=phase)
    assert "Retry-After" in admin.call("GET", "/users/current").headers


@pytest.mark.parametrize("phase", ["before", "after"])
def test_reply_fault_sends_exactly_what_it_is_given(admin, emulator, phase):
    sid = admin.add_secret()["secretid"]
    html = "<html><body>502 Bad Gateway</body></html>"
    emulator.add_fault(kind="reply", status=502, content_type="text/html; charset=utf-8", body=html, headers={"X-Proxy": "edge"},
                       path=r"^/secrets/\d+$", method="DELETE", count=1, phase=phase)
    resp = requests.delete(f"{emulator.api_url}/secrets/{sid}", headers={"Authorization": f"Zoho-oauthtoken {admin.token}"}, timeout=10)
    assert (resp.status_code, resp.headers["Content-Type"], resp.text, resp.headers["X-Proxy"]) == (502, "text/html; charset=utf-8", html, "edge")
    # a proxy's page, not the API's: no rate headers
    assert "X-RateLimit-Reset" not in resp.headers
    assert (admin.call("GET", f"/secrets/{sid}").status_code == 200) == (phase == "before")


def test_reply_fault_malformed_json_and_wrong_envelope(admin, emulator):
    emulator.add_fault(kind="reply", status=200, body='{"operation": {"result": {"status": "succ', count=1)
    emulator.add_fault(kind="reply", status=200, body='{"unexpected": []}', count=1)
    emulator.add_fault(kind="reply", status=204, count=1)
    url = f"{emulator.api_url}/users/current"
    auth = {"Authorization": f"Zoho-oauthtoken {admin.token}"}
    first = requests.get(url, headers=auth, timeout=10)
    assert first.headers["Content-Type"] == "application/json" and first.text.endswith('"succ')
    assert requests.get(url, headers=auth, timeout=10).json() == {"unexpected": []}
    assert requests.get(url, headers=auth, timeout=10).content == b""
    assert requests.get(url, headers=auth, timeout=10).json()["operation"]["result"]["status"] == "success"


def test_redirect_fault(admin, emulator):
    emulator.add_fault(kind="redirect", location="https://elsewhere.example/api/json/secrets", count=1)
    emulator.add_fault(kind="redirect", status=307, location="/api/json/users/current", count=1)
    auth = {"Authorization": f"Zoho-oauthtoken {admin.token}"}
    first = requests.get(f"{emulator.api_url}/secrets", headers=auth, timeout=10, allow_redirects=False)
    assert (first.status_code, first.headers["Location"]) == (302, "https://elsewhere.example/api/json/secrets")
    second = requests.get(f"{emulator.api_url}/secrets", headers=auth, timeout=10, allow_redirects=False)
    assert (second.status_code, second.headers["Location"]) == (307, "/api/json/users/current")
    assert emulator.counters()["faults_injected"] == 2


@pytest.mark.parametrize("spec,field", [
    ({"kind": "reply"}, "status"),
    ({"kind": "reply", "status": 99}, "status"),
    ({"kind": "reply", "status": "200"}, "status"),
    ({"kind": "reply", "status": 200, "body": {"a": 1}}, "body"),
    ({"kind": "reply", "status": 200, "content_type": ""}, "content_type"),
    ({"kind": "reply", "status": 200, "headers": {"X-A": 1}}, "headers"),
    ({"kind": "reply", "status": 200, "headers": {"X-A": "a\r\nX-B: b"}}, "headers"),
    ({"kind": "reply", "status": 200, "headers": {"Content-Type": "text/html"}}, "Content-Type"),
    ({"kind": "reply", "status": 200, "location": "/x"}, "location"),
    ({"kind": "redirect"}, "location"),
    ({"kind": "redirect", "location": "/x", "status": 200}, "status"),
    ({"kind": "redirect", "location": "/x\nSet-Cookie: a"}, "location"),
    ({"kind": "redirect", "location": "/x", "body": "b"}, "body"),
    ({"kind": "rate_limit", "retry_after": "no"}, "retry_after"),
    ({"kind": "status", "retry_after": False}, "retry_after"),
    ({"kind": "status", "statuss": 500}, "statuss"),
    ({"kind": "reset", "status": 500}, "status"),
    ({"kind": "slow", "count": True}, "count"),
    ({"kind": "status", "method": 5}, "method"),
])
def test_new_fault_specs_are_validated_strictly(emulator, spec, field):
    with pytest.raises(EmulatorError, match=field):
        emulator.control("POST", "/faults", spec)
    assert emulator.faults() == []


def test_reset_fault(admin, emulator):
    emulator.add_fault(kind="reset", count=1)
    with pytest.raises(requests.ConnectionError) as info:
        requests.get(emulator.api_url + "/users/current", headers={"Authorization": f"Zoho-oauthtoken {admin.token}"}, timeout=10)
    assert "reset" in str(info.value).lower()
    admin.ok("GET", "/users/current")
    assert "Traceback" not in emulator.stderr()


def test_slow_fault(admin, emulator):
    emulator.add_fault(kind="slow", delay=0.4, count=1)
    start = time.monotonic()
    admin.ok("GET", "/users/current")
    assert time.monotonic() - start >= 0.4
    start = time.monotonic()
    admin.ok("GET", "/users/current")
    assert time.monotonic() - start < 0.4
    # a slow reply times out a client with a short timeout
    emulator.add_fault(kind="slow", delay=0.5, count=1)
    with pytest.raises(requests.Timeout):
        requests.get(emulator.api_url + "/users/current", headers={"Authorization": f"Zoho-oauthtoken {admin.token}"}, timeout=0.2)


def test_expire_token_fault(admin, emulator):
    emulator.add_fault(kind="expire_token", count=1)
    status, code, _msg = admin.err("GET", "/users/current")
    assert (status, code) == (401, 7002)
    # the token stays expired
    assert admin.err("GET", "/users/current")[:2] == (401, 7002)


def test_phase_after_commits_the_operation(admin, emulator):
    emulator.add_fault(kind="status", status=503, method="POST", path=r"^/secrets$", count=1, phase="after")
    status, _code, _msg = admin.err("POST", "/secrets", "ADD_SECRET", {"secretname": "Committed", "password": "longenough"})
    assert status == 503
    found = admin.ok("GET", "/secrets/search", params={"searchtext": "Committed"})["secrets"]
    assert len(found) == 1
    emulator.add_fault(kind="reset", method="PUT", count=1, phase="after")
    with pytest.raises(requests.ConnectionError):
        requests.put(f"{emulator.api_url}/secrets/{found[0]['secretid']}", timeout=10,
                     headers={"Authorization": f"Zoho-oauthtoken {admin.token}"},
                     json={"operation": {"name": "UPDATE_SECRET"}, "data": {"notes": "applied"}})
    assert admin.ok("GET", f"/secrets/{found[0]['secretid']}")["notes"] == "applied"
    emulator.add_fault(kind="expire_token", method="DELETE", count=1, phase="after")
    assert admin.err("DELETE", f"/secrets/{found[0]['secretid']}")[:2] == (401, 7002)
    fresh = emulator.access_token("admin@vault.example")["access_token"]
    assert admin.err("GET", f"/secrets/{found[0]['secretid']}", token=fresh)[:2] == (404, 7004)


def test_token_endpoint_faults(emulator):
    params = {"grant_type": "refresh_token", "client_id": emulator.admin["client_id"], "client_secret": emulator.admin["client_secret"],
              "refresh_token": emulator.admin["refresh_token"]}
    emulator.add_fault(kind="status", status=503, count=1)  # no path: API only
    assert token_call(emulator, params=params).status_code == 200
    emulator.clear_faults()
    emulator.add_fault(kind="status", status=503, path="^/oauth/v2/token$", count=1)
    resp = token_call(emulator, params=params)
    assert resp.status_code == 503 and resp.json()["error"] == "server_error"
    emulator.add_fault(kind="rate_limit", path="/oauth/", count=1)
    assert token_call(emulator, params=params).json()["error"] == "Access Denied"
    emulator.add_fault(kind="status", status=500, path="/oauth/", count=1, phase="after")
    assert token_call(emulator, params=params).status_code == 500
    counters = emulator.counters()
    assert counters["tokens_minted"] == 2 and counters["token_requests"] == 4 and counters["faults_injected"] == 3
    emulator.add_fault(kind="reset", path="/oauth/", count=1)
    with pytest.raises(requests.ConnectionError):
        requests.post(emulator.accounts_url + "/oauth/v2/token", params=params, timeout=10)
    # the accounts server behind a proxy: an HTML page, and a redirect to a login page
    emulator.add_fault(kind="reply", status=503, content_type="text/html", body="<html>down</html>", path="/oauth/", count=1)
    page = requests.post(emulator.accounts_url + "/oauth/v2/token", params=params, timeout=10)
    assert (page.status_code, page.headers["Content-Type"], page.text) == (503, "text/html", "<html>down</html>")
    emulator.add_fault(kind="redirect", location="https://accounts.example/signin", path="/oauth/", count=1)
    moved = requests.post(emulator.accounts_url + "/oauth/v2/token", params=params, timeout=10, allow_redirects=False)
    assert (moved.status_code, moved.headers["Location"]) == (302, "https://accounts.example/signin")


def test_fault_validation_and_delete(emulator):
    for spec in ({"kind": "explode"}, {"kind": "status", "status": 418}, {"kind": "status", "rate": 2},
                 {"kind": "status", "count": -1}, {"kind": "slow", "delay": -1}, {"kind": "status", "phase": "during"},
                 {"kind": "status", "path": "("}):
        with pytest.raises(Exception) as info:
            emulator.add_fault(**spec)
        assert "400" in str(info.value), spec
    fault = emulator.add_fault(kind="slow", delay=0.1)
    emulator.control("DELETE", f"/faults/{fault['id']}")
    assert emulator.faults() == []


def test_counters(admin, emulator):
    sid = admin.add_secret()["secretid"]
    admin.ok("GET", f"/secrets/{sid}/password")
    admin.ok("GET", f"/secrets/{sid}/password")
    emulator.control("GET", "/health")
    counters = emulator.counters()
    assert counters["calls"] == {"POST /secrets": 1, "GET /secrets/{secret_id}/password": 2}
    assert counters["calls_total"] == 3 and counters["by_user"] == {"admin@vault.example": 3}
    assert counters["tokens_minted"] == 1  # the fixture's token
    emulator.reset_counters()
    assert emulator.counters()["calls_total"] == 0
