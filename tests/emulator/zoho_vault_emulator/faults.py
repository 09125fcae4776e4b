"""Fault injection: rules that replace or delay replies, matched per method and path, fired by rate or count."""

from __future__ import annotations

import random
import re
import threading
from dataclasses import asdict, dataclass, field
from typing import Any

from .errors import validation

KINDS = ("status", "reset", "slow", "rate_limit", "expire_token", "reply", "redirect")
TOKEN_PATH = "/oauth/v2/token"
COMMON_KEYS = {"kind", "method", "path", "rate", "count", "phase"}
# The options each kind takes besides the common ones; any other key is refused so a typo cannot go unnoticed.
KIND_KEYS = {"status": {"status"}, "reset": set(), "slow": {"delay"}, "rate_limit": {"retry_after"}, "expire_token": set(),
             "reply": {"status", "content_type", "body", "headers"}, "redirect": {"status", "location"}}
REDIRECTS = (301, 302, 303, 307, 308)


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
    retry_after: bool = True
    content_type: str | None = None
    body: str | None = None
    headers: dict[str, str] | None = None
    location: str | None = None
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
        # A key set to null counts as not given (clients serialise unset options either way).
        spec = {k: v for k, v in spec.items() if v is not None}
        kind = spec.get("kind")
        if kind not in KINDS:
            raise validation(f"kind must be one of {', '.join(KINDS)}")
        unknown = sorted(set(spec) - COMMON_KEYS - KIND_KEYS[kind])
        if unknown:
            raise validation(f"unknown option(s) for kind {kind}: {', '.join(unknown)}")
        status = _status(kind, spec.get("status"))
        phase = spec.get("phase", "before")
        if phase not in ("before", "after"):
            raise validation("phase must be before or after")
        rate = spec.get("rate")
        if rate is not None and (isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate <= 1):
            raise validation("rate must be a number between 0 and 1")
        count = spec.get("count")
        if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 0):
            raise validation("count must be a non-negative integer")
        delay = spec.get("delay", 1.0 if kind == "slow" else 0.0)
        if isinstance(delay, bool) or not isinstance(delay, (int, float)) or delay < 0:
            raise validation("delay must be a non-negative number of seconds")
        retry_after = spec.get("retry_after", True)
        if not isinstance(retry_after, bool):
            raise validation("retry_after must be true or false")
        method = spec.get("method")
        if method is not None and not isinstance(method, str):
            raise validation("method must be a string")
        path = spec.get("path")
        try:
            regex = re.compile(path) if path is not None else None
        except (re.error, TypeError) as exc:
            raise validation(f"path is not a valid regular expression: {exc}") from exc
        extra = _reply_options(kind, spec)
        with self._lock:
            fault = Fault(str(self._next), kind, status, method.upper() if method else None, path, rate, count, float(delay), phase,
                          retry_after, **extra)
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


def _status(kind: str, status: Any) -> int | None:
    if kind == "status":
        status = 500 if status is None else status
        if status not in (500, 503):
            raise validation("status must be 500 or 503")
    elif kind == "redirect":
        status = 302 if status is None else status
        if status not in REDIRECTS:
            raise validation(f"status must be one of {', '.join(map(str, REDIRECTS))}")
    elif kind == "reply":
        if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
            raise validation("status is required for kind reply: an HTTP status 100..599")
    return status


def _reply_options(kind: str, spec: dict[str, Any]) -> dict[str, Any]:
    """content_type, body and headers of a reply fault; location of a redirect."""
    if kind == "redirect":
        location = spec.get("location")
        if not isinstance(location, str) or not location or "\n" in location or "\r" in location:
            raise validation("location is required for kind redirect: a URL on one line")
        return {"location": location}
    if kind != "reply":
        return {}
    content_type = spec.get("content_type", "application/json")
    body = spec.get("body", "")
    headers = spec.get("headers", {})
    if not isinstance(content_type, str) or not content_type or "\n" in content_type or "\r" in content_type:
        raise validation("content_type must be a non-empty string on one line")
    if not isinstance(body, str):
        raise validation("body must be a string (sent as is, UTF-8)")
    if not isinstance(headers, dict) or not all(_header_line(k, v) for k, v in headers.items()):
        raise validation("headers must be an object of header names to string values, each on one line")
    if any(k.lower() in ("content-type", "content-length") for k in headers):
        raise validation("headers must not set Content-Type (use content_type) or Content-Length")
    return {"content_type": content_type, "body": body, "headers": dict(headers)}


def _header_line(name: Any, value: Any) -> bool:
    return isinstance(name, str) and isinstance(value, str) and bool(name.strip()) and not any(c in name + value for c in "\r\n")
