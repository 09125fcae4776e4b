# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Typed errors shared by the client, the api layer, modules and lookups.

``str(error)`` is always one line and actionable. It never contains a request body
or a secret value: messages are built from the method, the path, the HTTP status,
the Zoho code and the server's message, and callers redact known secrets first.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Sequence

# user:password@ in any URL quoted by a message (a proxy URL in a library's exception text, say).
# A pattern, compiled on first use: every forked lookup worker imports this module, few format an error.
_URL_CREDENTIALS = r'(?<=://)[^/\s@:]*:[^/\s@]*@'


class VaultError(Exception):
    """Base of every zoho.vault error.

    :ivar status: HTTP status (``None`` when no response was received)
    :ivar code: Zoho Vault error code such as 7004 (``None`` when absent)
    :ivar message: the message, without hint or context
    :ivar context: ``"METHOD /path"`` of the failed call, or ``None``
    :ivar hint: what the user can do about it, or ``None``
    """

    default_hint: Optional[str] = None

    def __init__(self, message: str, status: Optional[int] = None, code: Optional[int] = None,
                 context: Optional[str] = None, hint: Optional[str] = None) -> None:
        self.message = _one_line(message)
        self.status = status
        self.code = code
        self.context = context
        self.hint = hint if hint is not None else self.default_hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        parts = []
        if self.context:
            parts.append(self.context + ':')
        where = []
        if self.status is not None:
            where.append('HTTP %s' % self.status)
        if self.code is not None:
            where.append('Zoho code %s' % self.code)
        if where:
            parts.append(', '.join(where) + ' -')
        parts.append(self.message)
        text = ' '.join(parts)
        if self.hint:
            text = text.rstrip('.') + '. ' + self.hint
        return _one_line(text)


class ConfigError(VaultError):
    """Options are missing, contradictory or unsafe (raised before any call), or point at a server that redirects."""


class AuthError(VaultError):
    """401/7002, or the token endpoint refused to mint an access token."""
    default_hint = ('Check access_token, or client_id, client_secret and refresh_token '
                    '(and data_center/accounts_url: tokens are per data center)')


class TokenMintLimit(AuthError):
    """Zoho's "too many requests" reply of the token endpoint (10 tokens per 10 minutes)."""
    default_hint = ('Zoho mints at most 10 access tokens per refresh token in 10 minutes: wait up to 10 minutes, '
                    'keep token_cache enabled so that every process shares one token, '
                    'and do not run other tools with the same refresh token meanwhile')


class PermissionDenied(VaultError):
    """403 with 7003 (scope or role) or 7008 (chamber access)."""
    default_hint = ('The OAuth scopes of the token or the role/sharing of the user do not allow this; '
                    'check the scopes (e.g. ZohoVault.secrets.ALL) and the permissions on the object')


class NotFound(VaultError):
    """404/7004, or a name that resolves to nothing."""


class Conflict(VaultError):
    """409/7005: the object already exists."""
    default_hint = 'An object with this name already exists; update it instead or choose another name'


class ValidationError(VaultError):
    """400 with 7001 (malformed request) or 7006 (validation failed)."""


class RateLimited(VaultError):
    """429/7007 that waiting within the configured bounds did not solve."""
    default_hint = ('The API call limit of the plan was reached and waiting did not help within the bounds; '
                    'lower forks/concurrency, or retry later (the per-day limit resets at midnight UTC)')


class Locked(VaultError):
    """423/7009: the secret is locked by another user."""
    default_hint = 'Wait until the other user releases the secret, or unlock it in Zoho Vault'


class WeakPassword(VaultError):
    """400/7010: the password does not meet the policy."""
    default_hint = 'Use a longer password with several character classes'


class ServerError(VaultError):
    """5xx from Zoho Vault, after retries."""
    default_hint = 'Zoho Vault had a server-side problem; retry later or raise retries'


class TransportError(VaultError):
    """Connection refused/reset, timeout, TLS or proxy failure (no usable HTTP response)."""


class MalformedResponse(VaultError):
    """A reply that is not JSON or not shaped like the Zoho Vault envelope."""
    default_hint = 'Check api_url: it must point at the Zoho Vault JSON API (for example https://vault.zoho.com/api/json)'


class UnsupportedByDialect(ConfigError):
    """The API dialect in use offers no such operation (raised before any request, never a guessed call)."""
    default_hint = 'Production Zoho Vault (dialect zoho) offers no API for this; do it in the Zoho Vault web app'


class MasterKeyError(VaultError):
    """The master password or master_key does not open this account's vault (checked locally), or the
    account has no master password or organisation key yet."""
    default_hint = ('Check master_password (or master_key) against the Zoho Vault web app of the account '
                    'that owns the token')


class DecryptionError(VaultError):
    """A field, key or blob of the zoho dialect does not decrypt to text in a known format."""
    default_hint = ('The collection refuses to return a value it cannot decrypt reliably; '
                    'please report the secret type and account age')


class AmbiguousName(VaultError):
    """A name matched several objects; ``candidates`` lists them (dicts with at least ``name`` and ``id``)."""

    def __init__(self, message: str, candidates: Sequence[Dict[str, Any]] = (), hint: Optional[str] = None) -> None:
        self.candidates: List[Dict[str, Any]] = list(candidates)
        super().__init__(message, hint=hint)


# Zoho code → class; then HTTP status → class when the code is unknown.
CODE_MAP = {
    7001: ValidationError,
    7002: AuthError,
    7003: PermissionDenied,
    7004: NotFound,
    7005: Conflict,
    7006: ValidationError,
    7007: RateLimited,
    7008: PermissionDenied,
    7009: Locked,
    7010: WeakPassword,
}

STATUS_MAP = {
    400: ValidationError,
    401: AuthError,
    403: PermissionDenied,
    404: NotFound,
    409: Conflict,
    423: Locked,
    429: RateLimited,
}


def error_class(status: Optional[int], code: Optional[int]) -> type:
    """Pick the exception class for an HTTP status and a Zoho code."""
    if code is not None and code in CODE_MAP:
        return CODE_MAP[code]
    if status is not None:
        if status in STATUS_MAP:
            return STATUS_MAP[status]
        if status >= 500:
            return ServerError
    return VaultError


def map_error(status: Optional[int], code: Optional[int], message: Optional[str], context: Optional[str] = None) -> VaultError:
    """Build the typed error for an error envelope (``message`` must already be redacted)."""
    cls = error_class(status, code)
    if not message:
        message = 'request failed'
    return cls(message, status=status, code=code, context=context)


def json_kind(value: Any) -> str:
    """What a JSON value is, for messages about a malformed reply (never the value: it may be a secret)."""
    if value is None:
        return 'null'
    if isinstance(value, bool):
        return 'a boolean'
    if isinstance(value, (int, float)):
        return 'a number'
    if isinstance(value, str):
        return 'a string'
    if isinstance(value, list):
        return 'a list'
    return 'an object' if isinstance(value, dict) else type(value).__name__


def _one_line(text: Any) -> str:
    return re.sub(_URL_CREDENTIALS, '********@', ' '.join(str(text).split()))
