"""Call counters read by tests and benchmarks through the control plane."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any


class Counters:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.calls: Counter[str] = Counter()
            self.by_user: Counter[str] = Counter()
            self.later_pages: Counter[str] = Counter()
            self.calls_total = 0
            self.tokens_minted = 0
            self.token_requests = 0
            self.rate_limited = 0
            self.faults_injected = 0

    def api_call(self, key: str) -> None:
        with self._lock:
            self.calls[key] += 1
            self.calls_total += 1

    def token_request(self) -> None:
        with self._lock:
            self.calls["POST /oauth/v2/token"] += 1
            self.token_requests += 1

    def bump(self, name: str) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + 1)

    def later_page(self, key: str) -> None:
        # Lets a test prove that a client followed a list past its first page.
        with self._lock:
            self.later_pages[key] += 1

    def user_call(self, emailid: str) -> None:
        with self._lock:
            self.by_user[emailid] += 1

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "calls": dict(self.calls),
                "calls_total": self.calls_total,
                "tokens_minted": self.tokens_minted,
                "token_requests": self.token_requests,
                "rate_limited": self.rate_limited,
                "faults_injected": self.faults_injected,
                "by_user": dict(self.by_user),
                "later_pages": dict(self.later_pages),
            }
