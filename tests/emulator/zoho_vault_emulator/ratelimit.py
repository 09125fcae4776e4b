"""Plan rate limits: one org-wide counter per minute window (aligned to the minute) and per UTC day."""

from __future__ import annotations

from dataclasses import dataclass

PLANS: dict[str, tuple[int | None, int | None]] = {
    "free": (50, 2500),
    "standard": (100, 10000),
    "professional": (200, 25000),
    "enterprise": (500, 100000),
    "unlimited": (None, None),
}

# Headers are sent even without a limit so clients can parse them unconditionally.
UNLIMITED_HEADER = 1_000_000_000


@dataclass
class Verdict:
    allowed: bool
    limit: int
    remaining: int
    reset: int
    reason: str = ""
    # A spent day answers 429 with X-RateLimit-Reset (midnight UTC) only: waiting a Retry-After would not help.
    retry_after: bool = True


@dataclass
class RateLimiter:
    """Counts accepted calls; rejected (429) calls do not consume quota, as most real limiters behave."""

    per_minute: int | None = 500
    per_day: int | None = 100000
    minute_start: int = 0
    minute_count: int = 0
    day_start: int = 0
    day_count: int = 0

    def set_limits(self, per_minute: int | None, per_day: int | None) -> None:
        self.per_minute = per_minute
        self.per_day = per_day
        self.clear()

    def clear(self) -> None:
        self.minute_count = 0
        self.day_count = 0

    def _roll(self, now: float) -> None:
        minute = int(now // 60) * 60
        day = int(now // 86400) * 86400
        if minute != self.minute_start:
            self.minute_start, self.minute_count = minute, 0
        if day != self.day_start:
            self.day_start, self.day_count = day, 0

    def _verdict(self, allowed: bool, reason: str = "") -> Verdict:
        limit = self.per_minute if self.per_minute is not None else UNLIMITED_HEADER
        minute_left = (self.per_minute - self.minute_count) if self.per_minute is not None else UNLIMITED_HEADER
        day_left = (self.per_day - self.day_count) if self.per_day is not None else UNLIMITED_HEADER
        reset = self.minute_start + 60
        if self.per_day is not None and day_left <= 0:
            # The minute window's end would be a lie when the day is spent; point at midnight UTC instead.
            reset = self.day_start + 86400
        return Verdict(allowed, limit, max(0, min(minute_left, day_left)), reset, reason)

    def peek(self, now: float) -> Verdict:
        self._roll(now)
        return self._verdict(True)

    def take(self, now: float) -> Verdict:
        self._roll(now)
        if self.per_day is not None and self.day_count >= self.per_day:
            verdict = self._verdict(False, f"daily limit of {self.per_day} calls reached")
            verdict.retry_after = False
            return verdict
        if self.per_minute is not None and self.minute_count >= self.per_minute:
            return self._verdict(False, f"limit of {self.per_minute} calls per minute reached")
        self.minute_count += 1
        self.day_count += 1
        return self._verdict(True)

    def headers(self, verdict: Verdict) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(verdict.limit),
            "X-RateLimit-Remaining": str(verdict.remaining),
            "X-RateLimit-Reset": str(verdict.reset),
        }
