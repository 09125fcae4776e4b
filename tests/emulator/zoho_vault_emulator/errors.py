"""The API's error envelope and one constructor per error code of the contract."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """Raised anywhere in a request; the pipeline turns it into the error envelope with its HTTP status."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message)


def error_body(code: int, message: str) -> dict[str, Any]:
    return {"operation": {"result": {"status": "error", "code": code, "message": message}}}


def invalid_request(detail: str) -> ApiError:
    return ApiError(400, 7001, f"Invalid Request: {detail}")


def auth_failed(detail: str = "invalid or expired access token") -> ApiError:
    return ApiError(401, 7002, f"Authentication Failed: {detail}")


def access_denied(detail: str) -> ApiError:
    return ApiError(403, 7003, f"Access Denied: {detail}")


def not_found(detail: str) -> ApiError:
    return ApiError(404, 7004, f"Resource Not Found: {detail}")


def duplicate(detail: str) -> ApiError:
    return ApiError(409, 7005, f"Duplicate Entry: {detail}")


def validation(detail: str) -> ApiError:
    return ApiError(400, 7006, f"Validation Failed: {detail}")


def rate_limited(detail: str = "too many API calls") -> ApiError:
    return ApiError(429, 7007, f"Rate Limit Exceeded: {detail}")


def chamber_denied(detail: str) -> ApiError:
    return ApiError(403, 7008, f"Chamber Access Denied: {detail}")


def secret_locked(secret_id: str) -> ApiError:
    return ApiError(423, 7009, f"Secret Locked: secret {secret_id} is locked by another user")


def weak_password(min_length: int) -> ApiError:
    return ApiError(400, 7010, f"Weak Password: password must be at least {min_length} characters long")


def server_fault(status: int) -> ApiError:
    # The contract gives 500/503 no Zoho code; the emulator uses the HTTP status as the code.
    message = "Internal Server Error" if status == 500 else "Service Unavailable"
    return ApiError(status, status, message)
