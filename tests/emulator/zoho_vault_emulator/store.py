"""The emulator's whole state, its lock, and its persistence to the --state-file."""

from __future__ import annotations

import json
import os
import secrets
import threading
import time
from typing import Any

from .counters import Counters
from .faults import FaultRegistry
from .ratelimit import PLANS, RateLimiter
from .util import atomic_write_json, iso, random_hex, remove_stale_temp_files

ADMIN_EMAIL = "admin@vault.example"
ROLES = ("Administrator", "Manager", "User", "Read-Only")
SCOPE_FAMILIES = ("secrets", "chambers", "users", "audit")
ALL_SCOPES = (
    "ZohoVault.secrets.ALL", "ZohoVault.secrets.READ", "ZohoVault.secrets.CREATE", "ZohoVault.secrets.UPDATE",
    "ZohoVault.secrets.DELETE", "ZohoVault.chambers.ALL", "ZohoVault.chambers.READ", "ZohoVault.users.ALL",
    "ZohoVault.users.READ", "ZohoVault.audit.READ",
)
DEFAULT_TOKEN_TTL = 3600
MINT_LIMIT = 10
MINT_WINDOW = 600
AUTH_CODE_TTL = 60
STATE_VERSION = 1
COLLECTIONS = ("users", "clients", "refresh_tokens", "access_tokens", "auth_codes", "secrets", "chambers", "groups", "emergency")


def default_settings(plan: str, page_cap: int | None = None) -> dict[str, Any]:
    per_minute, per_day = PLANS[plan]
    return {"plan": plan, "per_minute": per_minute, "per_day": per_day, "clock_offset": 0.0,
            "min_password_length": 8, "token_ttl": DEFAULT_TOKEN_TTL, "page_cap": page_cap}


class Store:
    """All mutable state behind one re-entrant lock.

    The emulator serialises every API call and token request on this lock: it is a test double, and exact
    answers under ~30 concurrent clients (the mint limit, rate windows) matter more than throughput.
    """

    def __init__(self, plan: str | None = None, state_file: str | None = None, page_cap: int | None = None) -> None:
        """plan None keeps the plan of a loaded state file (enterprise for a fresh one); a plan given wins.

        page_cap (None: off) is the page size cap at start and after reset; a given one overrides a loaded state's.
        """
        self.lock = threading.RLock()
        self.state_file = state_file
        self.start_plan = plan or "enterprise"
        self.start_page_cap = page_cap
        self.counters = Counters()
        self.faults = FaultRegistry()
        self.rate = RateLimiter()
        self.base_url = ""
        self.db: dict[str, Any] = {}
        if state_file:
            remove_stale_temp_files(state_file)
        if state_file and os.path.exists(state_file):
            self._load(state_file)
            if plan is None and self.settings.get("plan") in PLANS:
                self.start_plan = self.settings["plan"]
            elif plan is not None:
                self.settings.update(plan=plan, per_minute=PLANS[plan][0], per_day=PLANS[plan][1])
            if page_cap is not None:
                self.settings["page_cap"] = page_cap
        else:
            self._fresh()
        self._apply_limits()

    # -- lifecycle -------------------------------------------------------------------------------
    def _empty(self) -> None:
        for name in COLLECTIONS:
            self.db[name] = {}
        self.db["audit"] = []

    def _fresh(self) -> None:
        self.db = {"version": STATE_VERSION, "next_id": 123456000000100000 + secrets.randbelow(10**6) * 1000,
                   "settings": default_settings(self.start_plan, self.start_page_cap), "bootstrap": {}}
        self._empty()
        self._install_admin(new_credentials=True)
        self._install_dialects(fresh=True)
        self.save()

    def _load(self, path: str) -> None:
        with open(path, encoding="utf-8") as handle:
            self.db = json.load(handle)
        if self.db.get("version") != STATE_VERSION:
            raise ValueError(f"{path}: unsupported state version {self.db.get('version')!r}")
        if "zoho" not in self.db:
            self._install_dialects(fresh=False)

    def _install_admin(self, new_credentials: bool) -> None:
        """(Re)create the bootstrap administrator; its credentials survive reset so printed ones stay valid."""
        boot = self.db["bootstrap"]
        if new_credentials or not boot:
            boot.update(userid=self.new_id(), client_id="1000." + random_hex(12).upper(), client_secret=random_hex(20),
                        refresh_token="1000." + random_hex(16) + "." + random_hex(16))
        now = self.now()
        self.db["users"][boot["userid"]] = {"userid": boot["userid"], "emailid": ADMIN_EMAIL, "firstname": "Vault",
                                            "lastname": "Admin", "role": "Administrator", "createdtime": iso(now)}
        self.db["clients"][boot["client_id"]] = {"client_secret": boot["client_secret"], "userid": boot["userid"]}
        self.db["refresh_tokens"][boot["refresh_token"]] = {
            "client_id": boot["client_id"], "userid": boot["userid"], "scopes": list(ALL_SCOPES), "mints": []}

    def _install_dialects(self, fresh: bool) -> None:
        """The production dialect's seeded accounts are rebuilt with the rest of the state (same credentials)."""
        from .zoho.seeds import install  # pylint: disable=import-outside-toplevel  # zoho imports store helpers

        install(self, fresh)

    def reset(self) -> None:
        with self.lock:
            self._empty()
            self.db["settings"] = default_settings(self.start_plan, self.start_page_cap)
            self._install_admin(new_credentials=False)
            self._install_dialects(fresh=False)
            self.faults.clear()
            self.counters.reset()
            self._apply_limits()
            self.save()

    def save(self) -> None:
        """Write the whole state atomically; called under the lock before a mutating call is acknowledged."""
        if self.state_file:
            atomic_write_json(self.state_file, self.db)

    # -- settings ---------------------------------------------------------------------------------
    @property
    def settings(self) -> dict[str, Any]:
        return self.db["settings"]

    def _apply_limits(self) -> None:
        self.rate.set_limits(self.settings["per_minute"], self.settings["per_day"])

    def set_limits(self, plan: str | None, per_minute: int | None, per_day: int | None) -> None:
        with self.lock:
            self.settings.update(plan=plan, per_minute=per_minute, per_day=per_day)
            self._apply_limits()
            self.save()

    def now(self) -> float:
        return time.time() + float(self.db.get("settings", {}).get("clock_offset", 0.0))

    def new_id(self) -> str:
        """18-digit numeric ids, monotonic and never reused (the counter survives reset and restarts)."""
        self.db["next_id"] += 1
        return str(self.db["next_id"])

    # -- lookups ----------------------------------------------------------------------------------
    def user_by_email(self, emailid: str) -> dict[str, Any] | None:
        wanted = emailid.lower()
        for user in self.db["users"].values():
            if user["emailid"].lower() == wanted:
                return user
        return None

    def has_user(self, userid: str) -> bool:
        """A user of the reference dialect or an account of the production one (both mint tokens alike)."""
        return userid in self.db["users"] or userid in self.db.get("zoho", {}).get("users", {})

    def email_of(self, userid: str) -> str:
        user = self.db["users"].get(userid)
        return user["emailid"] if user else ""

    def audit(self, event: str, user: dict[str, Any], secret: dict[str, Any] | None) -> None:
        self.db["audit"].append({"auditid": self.new_id(), "event": event, "secretid": secret["secretid"] if secret else None,
                                 "secretname": secret["secretname"] if secret else None, "user_email": user["emailid"],
                                 "timestamp": iso(self.now())})

    # -- credentials ------------------------------------------------------------------------------
    def issue_refresh_token(self, user: dict[str, Any], scopes: list[str], client_id: str | None = None) -> dict[str, str]:
        with self.lock:
            if client_id is None:
                client_id = "1000." + random_hex(12).upper()
                self.db["clients"][client_id] = {"client_secret": random_hex(20), "userid": user["userid"]}
            token = "1000." + random_hex(16) + "." + random_hex(16)
            self.db["refresh_tokens"][token] = {"client_id": client_id, "userid": user["userid"], "scopes": list(scopes), "mints": []}
            return {"client_id": client_id, "client_secret": self.db["clients"][client_id]["client_secret"], "refresh_token": token}

    def mint_access_token(self, userid: str, scopes: list[str], ttl: int | None = None, refresh_token: str | None = None) -> tuple[str, int]:
        with self.lock:
            now = self.now()
            ttl = int(self.settings["token_ttl"] if ttl is None else ttl)
            # Expired tokens are dropped after an hour of grace so the state file does not grow forever.
            self.db["access_tokens"] = {k: v for k, v in self.db["access_tokens"].items() if v["expires"] > now - 3600}
            token = "1000." + random_hex(16) + "." + random_hex(16)
            self.db["access_tokens"][token] = {"userid": userid, "scopes": list(scopes), "expires": now + ttl, "refresh_token": refresh_token}
            self.counters.bump("tokens_minted")
            return token, ttl
