"""Errors of the production dialect: string error codes in the operation envelope, never numbers.

HTTP statuses are the emulator's choice where nothing public says (see the README's "Production dialect"):
clients must decide on `result.status` and `error_code`, and treat any non-2xx as a failure too.
"""

from __future__ import annotations

from typing import Any


class ZohoError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def failure_body(name: str, code: str, message: str, legacy: bool) -> dict[str, Any]:
    result = {"status": "failed" if legacy else "Failed", "message": message, "error_code": code}
    return {"operation": {"name": name, "result": result}}


def invalid_token(detail: str) -> ZohoError:
    return ZohoError(401, "INVALID_OAUTHTOKEN", detail)


def invalid_scope(detail: str) -> ZohoError:
    return ZohoError(401, "INVALID_OAUTHSCOPE", detail)


def extra_param(detail: str) -> ZohoError:
    return ZohoError(400, "EXTRA_PARAM_FOUND", detail)


def missing_param(detail: str) -> ZohoError:
    return ZohoError(400, "LESS_THAN_MIN_OCCURANCE", detail)


def pattern(detail: str) -> ZohoError:
    return ZohoError(400, "PATTERN_NOT_MATCHED", detail)


def passphrase_sync(detail: str) -> ZohoError:
    return ZohoError(400, "INVALID_PASSPHRASE_SYNC", detail)


def not_found(detail: str) -> ZohoError:
    # The code is the emulator's; only the 404 itself is known (for a missing secret).
    return ZohoError(404, "RESOURCE_NOT_FOUND", detail)


def denied(detail: str) -> ZohoError:
    return ZohoError(403, "PERMISSION_DENIED", detail)


def not_shareable(detail: str) -> ZohoError:
    return ZohoError(400, "SHARING_NOT_ALLOWED", detail)


def too_many(detail: str = "too many API calls") -> ZohoError:
    return ZohoError(429, "TOO_MANY_REQUESTS", detail)


def bad_method(method: str, path: str) -> ZohoError:
    return ZohoError(405, "METHOD_NOT_ALLOWED", f"method {method} is not allowed on {path}")


def unknown_path(path: str) -> ZohoError:
    return ZohoError(404, "URL_NOT_FOUND", f"no API endpoint {path}")


def server_fault(status: int) -> ZohoError:
    return ZohoError(status, "INTERNAL_ERROR" if status == 500 else "SERVICE_UNAVAILABLE", "injected server error")
