"""--state-file: state survives a restart and a kill -9 loses nothing that was acknowledged."""

from __future__ import annotations

import json
import os
import stat
import threading
import time

import requests

from zoho_vault_emulator.testing import Emulator


def _token(emu: Emulator, creds: dict) -> str:
    resp = requests.post(emu.accounts_url + "/oauth/v2/token", timeout=10,
                         data={"grant_type": "refresh_token", "client_id": creds["client_id"], "client_secret": creds["client_secret"],
                               "refresh_token": creds["refresh_token"]})
    return resp.json()["access_token"]


def _add(emu: Emulator, token: str, name: str) -> requests.Response:
    return requests.post(emu.api_url + "/secrets", timeout=10, headers={"Authorization": f"Zoho-oauthtoken {token}"},
                         json={"operation": {"name": "ADD_SECRET"}, "data": {"secretname": name, "password": "persisted-pw"}})


def test_state_survives_restart(tmp_path):
    state = str(tmp_path / "state.json")
    emu = Emulator().start(plan="free", state_file=state)
    try:
        admin = dict(emu.admin)
        creds = emu.create_user("dev@example.com", "User")
        token = _token(emu, creds)
        sid = _add(emu, token, "Survivor").json()["operation"]["details"]["secretid"]
        emu.set_policy(10)
        assert stat.S_IMODE(os.stat(state).st_mode) == 0o600
        emu.restart()
        assert emu.admin == admin
        assert emu.control("GET", "/plan")["plan"] == "free"  # the saved plan, as no --plan was given
        headers = {"Authorization": f"Zoho-oauthtoken {token}"}
        # the access token, the refresh token, the secret and the settings all survived
        got = requests.get(f"{emu.api_url}/secrets/{sid}/password", headers=headers, timeout=10).json()
        assert got["operation"]["details"]["password"] == "persisted-pw"
        assert _token(emu, creds).startswith("1000.")
        short = requests.post(emu.api_url + "/secrets", timeout=10, headers=headers,
                              json={"operation": {"name": "ADD_SECRET"}, "data": {"secretname": "s", "password": "123456789"}})
        assert short.json()["operation"]["result"]["code"] == 7010
        # reset keeps the bootstrap administrator's credentials, also on disk
        emu.reset()
        emu.restart(plan="standard")
        assert emu.admin == admin
        assert emu.control("GET", "/plan")["per_minute"] == 100  # an explicit --plan wins over the saved one
        with open(state, encoding="utf-8") as handle:
            assert json.load(handle)["secrets"] == {}
    finally:
        emu.stop()


def test_kill_9_loses_nothing_acknowledged(tmp_path):
    state = str(tmp_path / "state.json")
    emu = Emulator().start(state_file=state)
    acknowledged: list[str] = []
    stop = threading.Event()
    try:
        token = _token(emu, emu.admin)

        def writer() -> None:
            i = 0
            while not stop.is_set():
                try:
                    resp = _add(emu, token, f"secret-{i}")
                except requests.RequestException:
                    return
                if resp.status_code == 201:
                    acknowledged.append(resp.json()["operation"]["details"]["secretid"])
                i += 1

        threads = [threading.Thread(target=writer) for _i in range(4)]
        for thread in threads:
            thread.start()
        while len(acknowledged) < 40:
            time.sleep(0.01)
        emu.proc.kill()  # SIGKILL while writes are in flight
        stop.set()
        for thread in threads:
            thread.join()
        emu.restart()
        assert not [n for n in os.listdir(os.path.dirname(state)) if n.startswith(".tmp-")]  # leftovers of the killed writer are gone
        token = _token(emu, emu.admin)
        listed = requests.get(emu.api_url + "/secrets", params={"per_page": 1000}, timeout=10,
                              headers={"Authorization": f"Zoho-oauthtoken {token}"}).json()["operation"]["details"]["secrets"]
        stored = {s["secretid"] for s in listed}
        assert set(acknowledged) <= stored and len(acknowledged) >= 40
    finally:
        stop.set()
        emu.stop()


def test_without_state_file_nothing_is_written(tmp_path):
    emu = Emulator().start()
    try:
        first = dict(emu.admin)
        emu.restart()
        assert emu.admin["refresh_token"] != first["refresh_token"]
    finally:
        emu.stop()
