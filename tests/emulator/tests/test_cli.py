"""The command line: start-up banner, ready file, loopback-only default."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import requests

EMULATOR_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(args: list[str], **kw) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=EMULATOR_DIR)
    return subprocess.Popen([sys.executable, "-m", "zoho_vault_emulator", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


def test_refuses_non_loopback_without_allow_remote():
    proc = run(["--host", "0.0.0.0", "--port", "0"])
    _out, err = proc.communicate(timeout=20)
    assert proc.returncode == 2 and "--allow-remote" in err


def test_banner_and_ready_file(tmp_path):
    ready = tmp_path / "ready.json"
    proc = run(["--port", "0", "--plan", "free", "--ready-file", str(ready)])
    try:
        lines = []
        while not any("refresh_token" in line for line in lines):
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            lines.append(line)
        deadline = time.monotonic() + 10
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        info = json.loads(ready.read_text())
        banner = "".join(lines)
        assert info["pid"] == proc.pid and info["api_url"] == info["url"] + "/api/json" and info["accounts_url"] == info["url"]
        for value in (info["url"], info["admin"]["email"], info["admin"]["client_id"], info["admin"]["client_secret"],
                      info["admin"]["refresh_token"]):
            assert value in banner
        assert info["admin"]["email"] == "admin@vault.example" and len(info["admin"]["userid"]) == 18
        assert requests.get(info["url"] + "/_emulator/health", timeout=10).json() == {"status": "ok"}
        assert requests.get(info["url"] + "/_emulator/plan", timeout=10).json()["per_minute"] == 50
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert proc.returncode == 0


def test_page_cap_flag(tmp_path):
    proc = run(["--port", "0", "--page-cap", "0"])
    _out, err = proc.communicate(timeout=20)
    assert proc.returncode == 2 and "--page-cap" in err
    from zoho_vault_emulator.testing import Emulator  # pylint: disable=import-outside-toplevel
    with Emulator().start(page_cap=2, state_file=str(tmp_path / "state.json")) as emu:
        assert emu.control("GET", "/page_size") == {"max_per_page": 2}
        emu.set_page_cap(None)
        # reset returns to the cap the emulator was started with
        emu.reset()
        assert emu.control("GET", "/page_size") == {"max_per_page": 2}
