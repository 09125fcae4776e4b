# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Raw calls: any endpoint of the reference API, for what no resource class covers yet (``zoho.vault.api``).

The path is the user's, so it is checked before anything is sent: it must stay below the API base
(no scheme or host, no ``..``, no query string), because the client sends the access token with it.
The request goes through the same call loop as every other resource (auth, retries, pacing,
redaction of what the client knows); only the retry kind is chosen here, from the method.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Dict, Mapping, NoReturn, Optional

from ansible.module_utils.six.moves.urllib.parse import unquote

from ansible_collections.zoho.vault.plugins.module_utils._api._base import Resource
from ansible_collections.zoho.vault.plugins.module_utils._errors import UnsupportedByDialect, ValidationError, json_kind
from ansible_collections.zoho.vault.plugins.module_utils._redact import SENSITIVE_KEYS, redact

METHODS = ('GET', 'POST', 'PUT', 'DELETE')
# Reads whose every answer is new (a generated password): a lookup must never share one from its cache.
FRESH_PATHS = frozenset(['/password/generate'])
_SCHEME = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:')
_OPERATION = re.compile(r'^[A-Z][A-Z0-9_]*$')
_EXAMPLE = 'e.g. /secrets or /secrets/123456000000234567/password'
ZOHO_REFUSAL = ('zoho.vault.api speaks the reference API; with dialect zoho (production Zoho Vault) its paths do not exist '
                'and the values are encrypted, so no raw call is sent')
ZOHO_HINT = ('Use the modules and lookups of the collection, which speak the zoho dialect, or set dialect=reference '
             'for a server that speaks the reference API')


def retries_as_idempotent(method: str) -> bool:
    """Whether a raw call may be repeated after a failure that may have been applied.

    GET, PUT and DELETE follow the client's table (PUT sets fields, a repeated DELETE finds nothing);
    a POST may create or share, and nothing here knows how to look for what it made, so it is never re-sent.
    """
    return method != 'POST'


def check_path(path: Any) -> str:
    """``path`` relative to the API base, with a leading slash; ValidationError when it could leave the API."""
    if not isinstance(path, str) or not path.strip():
        raise ValidationError('path must be a non-empty string relative to the API base (%s)' % _EXAMPLE)
    if _SCHEME.match(path) or path.startswith('//') or '\\' in path:
        raise ValidationError('path must be relative to the API base, without scheme or host (%s)' % _EXAMPLE)
    if '?' in path or '#' in path:
        raise ValidationError('path must not carry a query string or fragment; give query parameters in params')
    if any(ord(char) < 33 or ord(char) == 127 for char in path):
        raise ValidationError('path must not contain blanks or control characters (quote them, e.g. %20)')
    text = path if path.startswith('/') else '/' + path
    if any(unquote(part) in ('.', '..') for part in text.split('/')[1:]):
        raise ValidationError('path must not contain "." or ".." segments: it must stay below the API base')
    return text


def check_params(params: Any) -> Dict[str, Any]:
    """Query parameters: names to single values or lists of them."""
    if params is None:
        return {}
    if not isinstance(params, Mapping):
        raise ValidationError('params must be a mapping of query parameters, not %s' % json_kind(params))
    for name, value in params.items():
        values = value if isinstance(value, list) else [value]
        if any(isinstance(item, (dict, list)) for item in values):
            raise ValidationError('params.%s must be a single value or a list of them, not %s' % (name, json_kind(value)))
    return dict(params)


def _check_body(method: str, operation: Any, data: Any) -> None:
    if method == 'GET' and (operation is not None or data is not None):
        raise ValidationError('a GET sends no body: give filters in params, not operation or data')
    if data is not None and not isinstance(data, Mapping):
        raise ValidationError('data must be a mapping (the body\'s "data" object), not %s' % json_kind(data))
    if operation is None and (data is not None or method in ('POST', 'PUT')):
        raise ValidationError('%s needs operation: the reference sends a body as {"operation": {"name": ...}, "data": {...}} '
                              '(e.g. ADD_SECRET, UPDATE_SECRET)' % ('data' if data is not None else 'a ' + method))
    if operation is not None and (not isinstance(operation, str) or not _OPERATION.match(operation)):
        raise ValidationError('operation must be an operation name of the reference in capitals, e.g. ADD_SECRET')


@dataclasses.dataclass(frozen=True)
class RawRequest:
    """A checked raw call; ``data`` is sent as it is, ``describe()`` is what may be shown of it."""

    method: str
    path: str
    params: Dict[str, Any]
    operation: Optional[str] = None
    data: Optional[Dict[str, Any]] = None

    @property
    def writes(self) -> bool:
        return self.method != 'GET'

    @property
    def fresh(self) -> bool:
        """Whether every answer is new (never to be shared from a cache)."""
        return self.path.rstrip('/') in FRESH_PATHS

    def describe(self) -> Dict[str, Any]:
        """Method, path, params and operation, and the data with the values of secret keys masked."""
        shown: Dict[str, Any] = {'method': self.method, 'path': self.path, 'params': redact(self.params, keys=SENSITIVE_KEYS)}
        if self.operation is not None:
            shown['operation'] = self.operation
        if self.data is not None:
            shown['data'] = redact(self.data, keys=SENSITIVE_KEYS)
        return shown


@dataclasses.dataclass(frozen=True)
class RawReply:
    status: Optional[int]  # the HTTP status of the last attempt
    details: Any           # operation.details of the reply, as the server sent it


class Raw(Resource):
    """Any endpoint of the reference API: ``prepare`` checks a call, ``send`` makes it."""

    def prepare(self, method: str, path: Any, params: Any = None, operation: Any = None, data: Any = None) -> RawRequest:
        method = str(method or 'GET').upper()
        if method not in METHODS:
            raise ValidationError('method must be one of %s, not %r' % (', '.join(METHODS), method))
        checked = check_path(path)
        query = check_params(params)
        _check_body(method, operation, data)
        return RawRequest(method, checked, query, operation, None if data is None else dict(data))

    def send(self, request: RawRequest) -> RawReply:
        body = request.data if request.data is not None or request.operation is None else {}
        details = self.client.request(request.method, request.path, params=request.params or None, operation=request.operation,
                                      data=body, idempotent=retries_as_idempotent(request.method))
        return RawReply(getattr(self.client, 'last_status', None), details)

    def get(self, path: Any, params: Any = None) -> Any:
        """The ``details`` of a GET (the lookup's one call)."""
        return self.send(self.prepare('GET', path, params)).details


class RefusedRaw:
    """The zoho dialect's ``raw``: production Zoho Vault has other paths and encrypted values; refused before any request."""

    def __init__(self, backend: Any) -> None:
        self.backend = backend

    def prepare(self, *_args: Any, **_kwargs: Any) -> NoReturn:
        raise UnsupportedByDialect(ZOHO_REFUSAL, hint=ZOHO_HINT)

    def send(self, request: RawRequest) -> NoReturn:
        self.prepare(request)

    def get(self, path: Any, params: Any = None) -> NoReturn:
        self.prepare(path, params)
