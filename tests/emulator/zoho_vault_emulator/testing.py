"""Start and drive the emulator from tests and benchmarks. Standard library only, so any environment can import it.

    with Emulator().start(plan="free") as emu:
        creds = emu.create_user("dev@example.com", "User")
        token = emu.access_token("dev@example.com")["access_token"]
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from typing import Any

PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class EmulatorError(RuntimeError):
    pass


class Emulator:
    """A `python -m zoho_vault_emulator` subprocess on a free loopback port, plus thin control-plane helpers."""

    def __init__(self, python: str | None = None) -> None:
        self.python = python or sys.executable
        self.proc: subprocess.Popen[bytes] | None = None
        self.info: dict[str, Any] = {}
        self.state_file: str | None = None
        self._tmpdir: str | None = None
        self._stderr: Any = None
        self.dialect: str | None = None

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self, plan: str | None = "enterprise", state_file: str | None = None, port: int = 0, timeout: float = 20.0,
              extra_args: list[str] | None = None, page_cap: int | None = None, dialect: str | None = None) -> "Emulator":
        """dialect None/"both": both APIs (production under /zoho); "zoho": only production Zoho Vault, at the root."""
        if self.proc is not None:
            raise EmulatorError("emulator already started")
        self._tmpdir = tempfile.mkdtemp(prefix="zoho-vault-emulator-")
        ready = os.path.join(self._tmpdir, "ready.json")
        self.state_file = state_file
        cmd = [self.python, "-m", "zoho_vault_emulator", "--host", "127.0.0.1", "--port", str(port), "--ready-file", ready]
        if plan:
            cmd += ["--plan", plan]
        if state_file:
            cmd += ["--state-file", state_file]
        if page_cap is not None:
            cmd += ["--page-cap", str(page_cap)]
        if dialect is not None:
            cmd += ["--dialect", dialect]
        self.dialect = dialect
        cmd += extra_args or []
        env = dict(os.environ)
        env["PYTHONPATH"] = PACKAGE_PARENT + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        # stderr goes to a file, not a pipe: a chatty server must never block on a full pipe nobody reads.
        self._stderr = open(os.path.join(self._tmpdir, "stderr.log"), "w+b")  # pylint: disable=consider-using-with
        self.proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=self._stderr)  # pylint: disable=consider-using-with
        deadline = time.monotonic() + timeout
        while not os.path.exists(ready):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                err = self.stderr()
                self.stop()
                raise EmulatorError(f"emulator did not become ready (exit code {self.proc and self.proc.returncode}):\n{err}")
            time.sleep(0.02)
        with open(ready, encoding="utf-8") as handle:
            self.info = json.load(handle)
        return self

    def stderr(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.flush()
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace")

    def stop(self, kill: bool = False) -> None:
        """Stop the server (SIGTERM, or SIGKILL with kill=True to test crash safety)."""
        if self.proc is not None:
            if self.proc.poll() is None:
                if kill:
                    self.proc.kill()
                else:
                    self.proc.terminate()
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
            self.proc = None
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        if self._tmpdir:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None

    def restart(self, plan: str | None = None, kill: bool = False) -> "Emulator":
        """Stop and start again on the same state file (a new port); plan None keeps the saved plan."""
        state_file, dialect = self.state_file, self.dialect
        self.stop(kill=kill)
        return self.start(plan=plan, state_file=state_file, dialect=dialect)

    def __enter__(self) -> "Emulator":
        if self.proc is None:
            self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # -- addresses -------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return self.info["url"]

    @property
    def api_url(self) -> str:
        return self.info["api_url"]

    @property
    def accounts_url(self) -> str:
        return self.info["accounts_url"]

    @property
    def zoho_url(self) -> str:
        """Base URL of the production dialect: paths /api/rest/json/v1/... and /api/json/login are appended."""
        return self.info["zoho_url"]

    @property
    def zoho_accounts(self) -> dict[str, Any]:
        """The seeded production accounts by label (own, v1, v3, v4, unapproved, nopass, unregistered, sha)."""
        return self.info["zoho_accounts"]

    @property
    def admin(self) -> dict[str, Any]:
        return self.info["admin"]

    @property
    def pid(self) -> int:
        return self.info["pid"]

    # -- control plane ---------------------------------------------------------------------------
    def control(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.url}/_emulator{path}", data=data, method=method, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as exc:
            raise EmulatorError(f"{method} /_emulator{path} -> {exc.code}: {exc.read().decode('utf-8', 'replace')}") from None

    def health(self) -> dict[str, Any]:
        return self.control("GET", "/health")

    def reset(self) -> None:
        self.control("POST", "/reset")

    def create_user(self, email: str, role: str = "User", scopes: list[str] | None = None, firstname: str | None = None,
                    lastname: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"emailid": email, "role": role}
        if scopes is not None:
            body["scopes"] = scopes
        if firstname is not None:
            body["firstname"] = firstname
        if lastname is not None:
            body["lastname"] = lastname
        return self.control("POST", "/users", body)

    def refresh_token(self, email: str, scopes: list[str] | None = None) -> dict[str, Any]:
        return self.control("POST", "/refresh_tokens", {"emailid": email, **({"scopes": scopes} if scopes is not None else {})})

    def access_token(self, email: str, scopes: list[str] | None = None, expires_in: int | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"emailid": email}
        if scopes is not None:
            body["scopes"] = scopes
        if expires_in is not None:
            body["expires_in"] = expires_in
        return self.control("POST", "/access_tokens", body)

    def auth_code(self, email: str, client_id: str, redirect_uri: str = "http://localhost/callback",
                  scopes: list[str] | None = None) -> str:
        body: dict[str, Any] = {"emailid": email, "client_id": client_id, "redirect_uri": redirect_uri}
        if scopes is not None:
            body["scopes"] = scopes
        return self.control("POST", "/auth_codes", body)["code"]

    def set_plan(self, plan: str | None = None, per_minute: int | None = None, per_day: int | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"plan": plan} if plan else {}
        if per_minute is not None:
            body["per_minute"] = per_minute
        if per_day is not None:
            body["per_day"] = per_day
        return self.control("PUT", "/plan", body)

    def add_fault(self, **spec: Any) -> dict[str, Any]:
        return self.control("POST", "/faults", spec)

    def faults(self) -> list[dict[str, Any]]:
        return self.control("GET", "/faults")["faults"]

    def clear_faults(self) -> None:
        self.control("DELETE", "/faults")

    def counters(self) -> dict[str, Any]:
        return self.control("GET", "/counters")

    def reset_counters(self) -> None:
        self.control("POST", "/counters/reset")

    def lock_secret(self, secret_id: str, locked: bool = True) -> dict[str, Any]:
        return self.control("POST", f"/secrets/{secret_id}/lock", {"locked": locked})

    def set_clock(self, offset_seconds: float) -> dict[str, Any]:
        return self.control("PUT", "/clock", {"offset_seconds": offset_seconds})

    def set_policy(self, min_password_length: int) -> dict[str, Any]:
        return self.control("PUT", "/policy", {"min_password_length": min_password_length})

    def set_token_ttl(self, seconds: int) -> dict[str, Any]:
        return self.control("PUT", "/token_ttl", {"seconds": seconds})

    def set_page_cap(self, max_per_page: int | None) -> dict[str, Any]:
        """Cap the page size the server honours (None: off) so a short list still spans several pages."""
        return self.control("PUT", "/page_size", {"max_per_page": max_per_page})

    # -- production dialect ----------------------------------------------------------------------
    def zoho_account(self, email: str, master_password: str | None = None, **options: Any) -> dict[str, Any]:
        """A new production account: master_password None makes one without (PASSPHRASE_NOT_CREATED) unless state is
        given; options: iterations, login ("PBKDF2_AES"|"SHA"), sharing_approved, scopes, role, username, state."""
        body: dict[str, Any] = {"emailid": email, **options}
        if master_password is not None:
            body["master_password"] = master_password
        else:
            body.setdefault("state", "no_passphrase")
        return self.control("POST", "/zoho/accounts", body)

    def zoho_secret(self, owner: str, secretname: str, **item: Any) -> dict[str, Any]:
        """A secret encrypted by the emulator as a Zoho client would: fields, notes, shared, secrettype, chamber,
        custom, concealed (custom fields typed password), totp, urls, description, tags, classification,
        share_users {email: level}, share_groups {name: level}."""
        return self.control("POST", "/zoho/secrets", {"owner": owner, "secretname": secretname, **item})

    def zoho_plaintext(self, secret_id: str) -> dict[str, Any]:
        """A stored secret decrypted by the emulator's own crypto: checks what a client wrote."""
        return self.control("GET", f"/zoho/secrets/{secret_id}/plaintext")
