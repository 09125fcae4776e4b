"""The route registry: each API endpoint declares its operation name, scope and body rules next to its handler."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from werkzeug.datastructures import MultiDict

from .errors import validation

API_PREFIX = "/api/json"


@dataclass
class Ctx:
    """What a handler gets: the store (already locked), the caller, its scopes, query args and body data."""

    store: Any
    user: dict[str, Any]
    scopes: list[str]
    args: MultiDict
    data: dict[str, Any]
    key: str = ""

    @property
    def db(self) -> dict[str, Any]:
        return self.store.db

    def now(self) -> float:
        return self.store.now()


@dataclass(frozen=True)
class Route:
    method: str
    rule: str
    name: str
    handler: Callable[..., Any]
    scope: tuple[str, str] | None
    body_op: str | None
    body: str
    status: int
    params: frozenset[str]
    fields: frozenset[str]

    @property
    def template(self) -> str:
        return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", self.rule)

    @property
    def key(self) -> str:
        return f"{self.method} {self.template}"


ROUTES: list[Route] = []


# The query parameters of every paginated list (the contract's "Lists take optional page and per_page").
LIST_PARAMS = ("page", "per_page")


def api(method: str, rule: str, name: str, scope: tuple[str, str] | None = None, body_op: str | None = None,
        body: str = "none", status: int = 200, params: tuple[str, ...] = (), fields: tuple[str, ...] = ()
        ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a handler. body is "none", "required" (envelope with body_op) or "optional" (DELETE may omit it).

    params are the query parameters the route accepts and fields the keys its `data` may hold: the pipeline
    refuses anything else with 400/7001 before the handler runs, so no handler checks for strays itself.
    """

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        ROUTES.append(Route(method, rule, name, func, scope, body_op, body, status, frozenset(params), frozenset(fields)))
        return func

    return register


@dataclass
class Reply:
    details: Any
    status: int | None = None


def paginate(ctx: Ctx, items: list[Any], key: str) -> dict[str, Any]:
    """The contract's list shape: page is 1-based (default 1), per_page defaults to 100 and may not exceed 1000.

    A page cap set on the control plane lowers the per_page honoured (and reported), so tests reach page 2.
    """
    page = int_arg(ctx, "page", 1, 1, None)
    per_page = int_arg(ctx, "per_page", 100, 1, 1000)
    cap = ctx.store.settings.get("page_cap")
    if cap:
        per_page = min(per_page, cap)
    if page > 1:
        ctx.store.counters.later_page(ctx.key)
    start = (page - 1) * per_page
    return {key: items[start:start + per_page], "page": page, "per_page": per_page, "total": len(items)}


def int_arg(ctx: Ctx, name: str, default: int, low: int, high: int | None) -> int:
    raw = ctx.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise validation(f"{name} must be an integer") from None
    if value < low or (high is not None and value > high):
        raise validation(f"{name} must be between {low} and {high}" if high is not None else f"{name} must be at least {low}")
    return value


def bool_arg(ctx: Ctx, name: str, default: bool) -> bool:
    raw = ctx.args.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    raise validation(f"{name} must be true or false")
