"""Fault injection: rules that replace or delay replies, matched per method and path, fired by rate or count."""

from __future__ import annotations

import random
import re
import threading
from dataclasses import asdict, dataclass, field
from typing import Any

from .errors import validation

KINDS = ("status", "reset", "slow", "rate_limit", "expire_token")
TOKEN_PATH = "/oauth/v2/token"


@dataclass
class Fault:
    id: str
    kind: str
    status: int | None = None
    method: str | None = None
    path: str | None = None
    rate: float | None = None
    count: int | None = None
    delay: float = 0.0
    phase: str = "before"
    fired: int = 0
    _regex: Any = field(default=None, repr=False)

    def matches(self, method: str, path: str) -> bool:
        if self.method and self.method != method:
            return False
        if self.path is None:
            # A rule without a path targets the API only; the token endpoint must be named explicitly.
            return path != TOKEN_PATH
        return self._regex.search(path) is not None

    def public(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("_regex")
        data["remaining"] = None if self.count is None else max(0, self.count - self.fired)
        return data


class FaultRegistry:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._next = 1
        self._random = random.Random()

    def add(self, spec: dict[str, Any]) -> Fault:
        kind = spec.get("kind")
        if kind not in KINDS:
            raise validation(f"kind must be one of {', '.join(KINDS)}")
        status = spec.get("status")
        if kind == "status":
            status = 500 if status is None else status
            if status not in (500, 503):
                raise validation("status must be 500 or 503")
        phase = spec.get("phase", "before")
        if phase not in ("before", "after"):
            raise validation("phase must be before or after")
        rate = spec.get("rate")
        if rate is not None and (not isinstance(rate, (int, float)) or not 0 <= rate <= 1):
            raise validation("rate must be a number between 0 and 1")
        count = spec.get("count")
        if count is not None and (not isinstance(count, int) or count < 0):
            raise validation("count must be a non-negative integer")
        delay = spec.get("delay", 1.0 if kind == "slow" else 0.0)
        if not isinstance(delay, (int, float)) or delay < 0:
            raise validation("delay must be a non-negative number of seconds")
        method = spec.get("method")
        path = spec.get("path")
        try:
            regex = re.compile(path) if path is not None else None
        except (re.error, TypeError) as exc:
            raise validation(f"path is not a valid regular expression: {exc}") from exc
        with self._lock:
            fault = Fault(str(self._next), kind, status, method.upper() if method else None, path, rate, count, float(delay), phase)
            fault._regex = regex  # pylint: disable=protected-access
            self._next += 1
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults = []

    def remove(self, fault_id: str) -> bool:
        with self._lock:
            before = len(self._faults)
            self._faults = [f for f in self._faults if f.id != fault_id]
            return len(self._faults) != before

    def list(self) -> list[dict[str, Any]]:
        with self._lock:
            return [f.public() for f in self._faults]

    def pick(self, method: str, path: str) -> Fault | None:
        """The first rule (in creation order) that matches and decides to fire; at most one fires per request."""
        with self._lock:
            for fault in self._faults:
                if fault.count is not None and fault.fired >= fault.count:
                    continue
                if not fault.matches(method, path):
                    continue
                if fault.rate is not None and self._random.random() >= fault.rate:
                    continue
                fault.fired += 1
                return fault
        return None
