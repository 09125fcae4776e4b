# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The production dialect's wire format, for the shared call loop of ``_client``.

Writes are a form with one field, ``INPUT_DATA`` (the JSON of the data), except the bulk-share
endpoints, which take a raw JSON body. Replies keep the envelope of the reference dialect but say
``Success`` or ``success``, put the payload under ``Details`` or ``details`` beside an optional
``meta``, and name errors with string codes, mapped here onto the collection's error classes.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Mapping, Optional, Tuple

from ansible.module_utils.six.moves.urllib.parse import quote, urlencode

from ansible_collections.zoho.vault.plugins.module_utils._errors import (
    AuthError, MasterKeyError, PermissionDenied, ValidationError, VaultError, error_class,
)

# Operation names that ask for another body than the INPUT_DATA form: a JSON body (bulkshare), plain form fields
# (the legacy login's IS_VALID_AUTHPASS).
JSON_BODY = 'JSON_BODY'
FORM_FIELDS = 'FORM_FIELDS'

_ADMIN_STEP = ('an administrator of the Zoho Vault organisation must approve this user for sharing '
               '(it happens when an admin unlocks the Zoho Vault web app or extension)')
_SETUP = 'log in to the Zoho Vault web app once as this user and set up the master password'

# String error codes → (class, HTTP status the retry table should see, hint).
ERROR_CODES: Dict[str, Tuple[type, Optional[int], Optional[str]]] = {
    'INVALID_OAUTHTOKEN': (AuthError, 401, None),
    'INVALID_OAUTHSCOPE': (PermissionDenied, None, 'Mint the refresh token with the scopes ZohoVault.secrets.ALL,ZohoVault.user.READ'),
    'EXTRA_PARAM_FOUND': (ValidationError, None, 'The server refused a parameter; please report this with the task'),
    'LESS_THAN_MIN_OCCURANCE': (ValidationError, None, 'The server wants a field the request lacks; please report this with the task'),
    'PATTERN_NOT_MATCHED': (ValidationError, None, 'Zoho refuses punctuation in some fields (for example the description)'),
    'INVALID_PASSPHRASE_SYNC': (MasterKeyError, None, 'The master password changed during the run; run again'),
    'USER_NOT_REGISTERED_IN_VAULT': (MasterKeyError, None, 'The token\'s user is not a Zoho Vault user; ' + _SETUP),
    'PASSPHRASE_NOT_CREATED': (MasterKeyError, None, 'The token\'s user has no master password yet; ' + _SETUP),
    'ORG_NOT_REGISTERED': (MasterKeyError, None, 'The token\'s organisation has no Zoho Vault; ' + _SETUP),
    'USER_NOT_INVITED': (MasterKeyError, None, 'The token\'s user is not invited into the Zoho Vault organisation'),
}
ADMIN_APPROVAL_STEP = _ADMIN_STEP
FORM_TYPE = 'application/x-www-form-urlencoded; charset=UTF-8'


def form_body(data: Mapping[str, Any]) -> str:
    """``INPUT_DATA=<urlencoded compact JSON>``, byte for byte what Zoho's apps post."""
    return 'INPUT_DATA=' + quote(json.dumps(data, separators=(',', ':'), ensure_ascii=False), safe='')


class ZohoCodec:
    """Request bodies and envelopes of production Zoho Vault."""

    name = 'zoho'

    @staticmethod
    def body(operation: str, data: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
        if operation == JSON_BODY:
            return {'json': dict(data or {})}
        if operation == FORM_FIELDS:
            return {'data': urlencode(dict(data or {})).encode('utf-8'), 'headers': {'Content-Type': FORM_TYPE}}
        return {'data': form_body(dict(data or {})).encode('utf-8'),
                'headers': {'Content-Type': FORM_TYPE}}

    @staticmethod
    def details(operation: Mapping[str, Any]) -> Dict[str, Any]:
        """``{"details": Details|details, "meta": meta}``: lists need the meta (their total)."""
        details = operation.get('Details', operation.get('details'))
        meta = operation.get('meta')
        return {'details': {} if details is None else details, 'meta': meta if isinstance(meta, dict) else {}}

    @staticmethod
    def error(status: int, result: Mapping[str, Any], message: str, context: str) -> VaultError:
        code = result.get('error_code') or result.get('code')
        code = str(code) if code not in (None, '') else None
        cls, seen_status, hint = ERROR_CODES.get(code or '', (None, None, None))
        if cls is None:
            cls = error_class(status if status >= 400 else None, None)
        err = cls(message or 'request failed', status=seen_status or status, code=code, context=context)
        if hint:
            err.hint = hint
        return err
