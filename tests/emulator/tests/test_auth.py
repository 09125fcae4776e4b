"""The token endpoint (both grants, errors, the mint limit) and access-token checks on the API."""

from __future__ import annotations

import threading

from conftest import Api, token_call

MINT_LIMIT_BODY = {"error": "Access Denied",
                   "error_description": "You have made too many requests continuously. Please try again after some time.",
                   "status": "failure"}


def refresh_params(creds):
    return {"grant_type": "refresh_token", "client_id": creds["client_id"], "client_secret": creds["client_secret"],
            "refresh_token": creds["refresh_token"]}


def test_refresh_grant_query_and_form(emulator):
    creds = emulator.admin
    resp = token_call(emulator, params=refresh_params(creds))
    body = resp.json()
    assert resp.status_code == 200 and body["token_type"] == "Bearer" and body["expires_in"] == 3600
    assert body["access_token"].startswith("1000.") and body["api_domain"] == emulator.url
    form = token_call(emulator, form=refresh_params(creds)).json()
    assert form["access_token"] != body["access_token"]
    api = Api(emulator, form["access_token"])
    assert api.ok("GET", "/users/current")["emailid"] == "admin@vault.example"
    counters = emulator.counters()
    assert counters["tokens_minted"] == 2 and counters["token_requests"] == 2 and counters["calls"]["POST /oauth/v2/token"] == 2
    assert counters["calls_total"] == 1


def test_token_errors(emulator):
    creds = emulator.create_user("dev@example.com", "User")
    bad = [({**refresh_params(creds), "client_secret": "wrong"}, "invalid_client"),
           ({**refresh_params(creds), "client_id": "1000.NOPE"}, "invalid_client"),
           ({**refresh_params(creds), "refresh_token": "1000.nope"}, "invalid_code"),
           ({**refresh_params(emulator.admin), "refresh_token": creds["refresh_token"]}, "invalid_code"),
           ({**refresh_params(creds), "grant_type": "password"}, "unsupported_grant_type"),
           ({}, "unsupported_grant_type")]
    for params, error in bad:
        resp = token_call(emulator, params=params)
        assert resp.status_code == 400 and resp.json()["error"] == error, (params, resp.text)
    assert emulator.counters()["tokens_minted"] == 0


def test_mint_limit_ten_per_ten_minutes(emulator):
    creds = emulator.create_user("dev@example.com", "User")
    for _i in range(10):
        assert token_call(emulator, params=refresh_params(creds)).status_code == 200
    resp = token_call(emulator, params=refresh_params(creds))
    assert resp.status_code == 400 and resp.json() == MINT_LIMIT_BODY
    # another refresh token of the same user has its own budget
    other = emulator.refresh_token("dev@example.com")
    assert token_call(emulator, params=refresh_params(other)).status_code == 200
    # the window slides: ten minutes later the first mints have aged out
    emulator.set_clock(601)
    assert token_call(emulator, params=refresh_params(creds)).status_code == 200
    # tokens minted directly through the control plane do not count against the limit
    for _i in range(12):
        emulator.access_token("dev@example.com")


def test_thirty_concurrent_refreshes_exactly_ten_succeed(emulator):
    creds = emulator.create_user("dev@example.com", "User")
    results: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(30)

    def refresh():
        barrier.wait()
        status = token_call(emulator, form=refresh_params(creds)).status_code
        with lock:
            results.append(status)

    threads = [threading.Thread(target=refresh) for _i in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [200] * 10 + [400] * 20
    assert emulator.counters()["tokens_minted"] == 10


def test_authorization_code_grant(emulator):
    creds = emulator.create_user("dev@example.com", "User")
    code = emulator.auth_code("dev@example.com", creds["client_id"], "https://app.example/cb", scopes=["ZohoVault.secrets.READ"])
    params = {"grant_type": "authorization_code", "client_id": creds["client_id"], "client_secret": creds["client_secret"],
              "redirect_uri": "https://app.example/cb", "code": code}
    assert token_call(emulator, params={**params, "redirect_uri": "https://evil.example/cb"}).json()["error"] == "invalid_redirect_uri"
    assert token_call(emulator, params={**params, "client_secret": "x"}).json()["error"] == "invalid_client"
    body = token_call(emulator, form=params).json()
    assert body["refresh_token"].startswith("1000.") and body["access_token"] and body["expires_in"] == 3600
    api = Api(emulator, body["access_token"])
    assert api.ok("GET", "/secrets")["total"] == 0
    assert api.err("POST", "/secrets", "ADD_SECRET", {"secretname": "x"})[:2] == (403, 7003)
    # the code is single-use, and the new refresh token works
    assert token_call(emulator, params=params).json()["error"] == "invalid_code"
    new = {"grant_type": "refresh_token", "client_id": creds["client_id"], "client_secret": creds["client_secret"],
           "refresh_token": body["refresh_token"]}
    assert token_call(emulator, params=new).status_code == 200


def test_authorization_code_expires(emulator):
    creds = emulator.create_user("dev@example.com", "User")
    code = emulator.auth_code("dev@example.com", creds["client_id"])
    emulator.set_clock(61)
    params = {"grant_type": "authorization_code", "client_id": creds["client_id"], "client_secret": creds["client_secret"],
              "redirect_uri": "http://localhost/callback", "code": code}
    assert token_call(emulator, params=params).json()["error"] == "invalid_code"


def test_access_token_checks(emulator):
    token = token_call(emulator, params=refresh_params(emulator.admin)).json()["access_token"]
    api = Api(emulator, token)
    assert api.ok("GET", "/users/current")["role"] == "Administrator"
    # The contract's scheme only: a valid token under another scheme (Bearer, what OAuth libraries send) is refused.
    for header in ("", "Zoho-oauthtoken", "Basic abc", "Zoho-oauthtoken 1000.forged", f"Bearer {token}", f"OAuth {token}", token):
        status, code, _msg = api.err("GET", "/users/current", token=None, headers={"Authorization": header} if header else {})
        assert (status, code) == (401, 7002), header
    emulator.set_clock(3599)
    assert api.call("GET", "/users/current").status_code == 200
    emulator.set_clock(3601)
    status, code, message = api.err("GET", "/users/current")
    assert (status, code) == (401, 7002) and "expired" in message


def test_token_ttl_override_and_static_tokens(emulator):
    emulator.set_token_ttl(30)
    body = token_call(emulator, params=refresh_params(emulator.admin)).json()
    assert body["expires_in"] == 30
    short = emulator.access_token("admin@vault.example", expires_in=5)
    assert short["expires_in"] == 5
    emulator.set_clock(10)
    assert Api(emulator, short["access_token"]).err("GET", "/users/current")[:2] == (401, 7002)
    assert Api(emulator, body["access_token"]).call("GET", "/users/current").status_code == 200
    emulator.set_clock(31)
    assert Api(emulator, body["access_token"]).err("GET", "/users/current")[:2] == (401, 7002)


def test_reset_keeps_admin_credentials_and_kills_tokens(emulator):
    token = token_call(emulator, params=refresh_params(emulator.admin)).json()["access_token"]
    emulator.reset()
    assert Api(emulator, token).err("GET", "/users/current")[:2] == (401, 7002)
    assert token_call(emulator, params=refresh_params(emulator.admin)).status_code == 200
    assert emulator.control("GET", "/info")["admin"] == emulator.admin
