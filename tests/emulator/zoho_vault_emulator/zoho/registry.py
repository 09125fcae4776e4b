"""Route registry of the production dialect: each endpoint declares its operation name, scopes, query parameters
(allowed and required), body kind and INPUT_DATA fields next to its handler, and the pipeline enforces them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from werkzeug.datastructures import MultiDict

from .errors import missing_param, pattern

REST = "/api/rest/json/v1"
LOGIN_PATH = "/api/json/login"
# The list parameters every paginated REST list requires (pageNum counts from 0).
PAGING = ("isAsc", "pageNum", "rowPerPage")
DEFAULT_SCOPES = ("ZohoVault.secrets.ALL", "ZohoVault.user.READ")


@dataclass(frozen=True)
class ZRoute:
    method: str
    rule: str
    name: str
    handler: Callable[..., Any]
    scopes: tuple[tuple[str, str], ...]
    params: frozenset[str]
    required: frozenset[str]
    body: str
    fields: frozenset[str]
    required_fields: frozenset[str]
    operation: str | None
    write: bool

    @property
    def legacy(self) -> bool:
        """The legacy operation API answers `success` and `details`; REST answers `Success` and `Details`."""
        return self.operation is not None

    @property
    def template(self) -> str:
        return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", self.rule)

    @property
    def key(self) -> str:
        suffix = f"?OPERATION_NAME={self.operation}" if self.operation else ""
        return f"{self.method} {self.template}{suffix}"


ZROUTES: list[ZRoute] = []


def zapi(method: str, rule: str, name: str, scopes: tuple[tuple[str, str], ...] = (), params: tuple[str, ...] = (),
         required: tuple[str, ...] = (), body: str = "none", fields: tuple[str, ...] = (), required_fields: tuple[str, ...] = (),
         operation: str | None = None, write: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a handler. body: "none", "form" (INPUT_DATA=<JSON object>), "form_fields" (plain form fields,
    `fields`), or "json" (a JSON object whose top-level keys are `fields`). write: needs the passphrase headers."""

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        all_params = set(params) | set(required) | ({"OPERATION_NAME"} if operation else set())
        need = set(required) | ({"OPERATION_NAME"} if operation else set())
        ZROUTES.append(ZRoute(method, rule, name, func, scopes, frozenset(all_params), frozenset(need), body,
                              frozenset(fields) | frozenset(required_fields), frozenset(required_fields), operation, write))
        return func

    return register


@dataclass
class ZCtx:
    """What a handler gets: the store (locked), the caller's Zoho account, query args and the decoded body."""

    store: Any
    user: dict[str, Any]
    args: MultiDict
    data: dict[str, Any]
    route: ZRoute

    @property
    def zdb(self) -> dict[str, Any]:
        return self.store.db["zoho"]

    def now_ms(self) -> int:
        return int(self.store.now() * 1000)


@dataclass
class ZReply:
    details: Any
    meta: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def int_param(ctx: ZCtx, name: str, low: int, high: int | None, allow: tuple[int, ...] = ()) -> int:
    raw = ctx.args.get(name, "")
    try:
        value = int(raw)
    except ValueError:
        raise pattern(f"{name} must be an integer, got {raw!r}") from None
    if value in allow:
        return value
    if value < low or (high is not None and value > high):
        raise pattern(f"{name} must be between {low} and {high}" if high is not None else f"{name} must be at least {low}")
    return value


def bool_param(ctx: ZCtx, name: str) -> bool:
    raw = ctx.args.get(name, "")
    if raw not in ("true", "false"):
        raise pattern(f"{name} must be true or false, got {raw!r}")
    return raw == "true"


def page(ctx: ZCtx, items: list[dict[str, Any]], sort_key: str, allow_all: bool = False) -> tuple[list[dict[str, Any]], int]:
    """0-based pageNum, rowPerPage 1..1000 (-1, all, only where a client is known to send it); sorted by name.

    A page cap set on the control plane lowers the rows honoured so that short lists still span pages.
    """
    ascending = bool_param(ctx, "isAsc")
    page_num = int_param(ctx, "pageNum", 0, None)
    rows = int_param(ctx, "rowPerPage", 1, 1000, allow=(-1,) if allow_all else ())
    ordered = sorted(items, key=lambda item: (str(item[sort_key]).lower(), str(item[sort_key])), reverse=not ascending)
    if rows == -1:
        return (ordered if page_num == 0 else []), len(ordered)
    cap = ctx.store.settings.get("page_cap")
    if cap:
        rows = min(rows, cap)
    if page_num > 0:
        ctx.store.counters.later_page(ctx.route.key)
    return ordered[page_num * rows:(page_num + 1) * rows], len(ordered)


def require_value(data: dict[str, Any], name: str) -> Any:
    if name not in data:
        raise missing_param(f"{name} is required")
    return data[name]
