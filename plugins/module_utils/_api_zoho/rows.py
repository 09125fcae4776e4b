# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Production rows in the shapes the upper layers know (the reference dialect's), decrypted.

A secret becomes ``secretid, secretname, chamberid, secrettype`` (the type's name), ``username,
notes, secreturl, tags, description, customfields, owner`` and the times; what only production has
is kept under ``zoho_*`` (``zoho_concealedfields``: the custom fields it marks as passwords, which
``_redact.SensitiveFields`` treats as sensitive). The password is never part of a row: ``password_of`` decrypts it on
request. Encrypted metadata (``encsecretname`` and friends) wins over the plaintext fields.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any, Dict, List, Mapping, Optional

from ansible_collections.zoho.vault.plugins.module_utils import _zoho_crypto as zc
from ansible_collections.zoho.vault.plugins.module_utils._api._base import fold
from ansible_collections.zoho.vault.plugins.module_utils._errors import DecryptionError, MalformedResponse, VaultError, json_kind
from ansible_collections.zoho.vault.plugins.module_utils._redact import CONCEALED

# secretData fields shown as the reference's builtin fields, never as custom fields.
BUILTIN_DATA = ('username', 'password', 'file', 'notes')
PASSWORD_TYPES = ('password',)


class Decryptor:
    """Decrypts the fields of one secret with the key ``isshared`` selects; errors name the secret."""

    def __init__(self, session: Any, row: Mapping[str, Any]) -> None:
        self.session = session
        self.row = row
        self.name = str(row.get('secretname') or row.get('secretid') or '?')
        self._key: Optional[str] = None

    def __call__(self, field: Any) -> str:
        if not field:
            return ''
        if not isinstance(field, str):
            raise DecryptionError('secret %r: an encrypted field is %s, not a string' % (self.name, json_kind(field)))
        if self._key is None:
            self._key = self.session.key_for(self.row)
        try:
            value = zc.decrypt_field(field, self._key, self.session.keys.counter_key(self._key))
        except DecryptionError as err:
            raise DecryptionError('secret %r: %s' % (self.name, err.message)) from None
        return value


# Production's built-in type names → the reference's vocabulary, so that documents and filters keep one
# vocabulary; the production name stays in ``zoho_secrettype``. Custom types are Custom.
TYPE_NAMES = {'web account': 'Login', 'windows': 'Server', 'unix': 'Server', 'secure note': 'Note',
              'bank account': 'Bank Account', 'payment card': 'Credit Card', 'database': 'Database', 'ssh key': 'SSH Key',
              'document': 'Document'}


def reference_type(name: str) -> str:
    return TYPE_NAMES.get(fold(name), 'Custom')


def secret_data(row: Mapping[str, Any]) -> Dict[str, Any]:
    """``secretData`` (a JSON string on reads, an object on some replies) as a mapping."""
    data = row.get('secretData', row.get('secretdata'))
    if isinstance(data, str) and data:
        try:
            data = json.loads(data)
        except ValueError:
            raise MalformedResponse('secret %r: secretData is not JSON' % row.get('secretid')) from None
    return data if isinstance(data, dict) else {}


def custom_columns(row: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """``customcolumn``: base64 of ``{"customcol": [{id, colname, type, value}]}``, each value encrypted."""
    text = row.get('customcolumn')
    if not text:
        return []
    try:
        columns = json.loads(base64.b64decode(text, validate=True).decode('utf-8')).get('customcol')
    except (binascii.Error, ValueError, AttributeError):
        raise MalformedResponse('secret %r: customcolumn is not base64 JSON' % row.get('secretid')) from None
    return [c for c in columns or [] if isinstance(c, dict)]


def type_fields(types: Mapping[str, Any], type_id: Any) -> List[Dict[str, Any]]:
    fields = (types.get(str(type_id)) or {}).get('FIELDS')
    return [f for f in fields or [] if isinstance(f, dict) and not f.get('IS_DELETED')]


def password_field(types: Mapping[str, Any], type_id: Any, data: Mapping[str, Any]) -> Optional[str]:
    """The secretData key that holds the password: ``password``, else the type's first password-typed field."""
    if 'password' in data:
        return 'password'
    for spec in type_fields(types, type_id):
        if str(spec.get('TYPE') or '').lower() in PASSWORD_TYPES and spec.get('NAME') in data:
            return str(spec['NAME'])
    return None


def _first(values: Any) -> str:
    return str(values[0]) if isinstance(values, list) and values else ''


def normalise_secret(session: Any, row: Any, chamber_id: Optional[str] = None) -> Dict[str, Any]:
    """The row in the reference shape, decrypted (no password)."""
    if not isinstance(row, dict) or row.get('secretid') in (None, ''):
        raise MalformedResponse('a secret in the reply is %s without a secretid' % json_kind(row))
    decrypt = Decryptor(session, row)
    types = session.secret_types()
    data = secret_data(row)
    type_id = row.get('accounttype', row.get('secrettypeid'))
    type_name = str((types.get(str(type_id)) or {}).get('NAME') or '')
    out = {
        'secretid': str(row['secretid']),
        'secretname': decrypt(row['encsecretname']) if row.get('encsecretname') else str(row.get('secretname') or ''),
        'chamberid': str(row.get('chamberid') or chamber_id or '') or None,
        'secrettype': reference_type(type_name),
        'username': decrypt(data.get('username')),
        'notes': decrypt(row.get('notes')) or decrypt(data.get('notes')),
        'secreturl': decrypt(_first(row.get('encryptedurls'))) if row.get('encryptedurls') else str(row.get('secreturl') or ''),
        'description': decrypt(row['encdescription']) if row.get('encdescription') else str(row.get('description') or ''),
        'tags': decrypt(row['encryptedtags']) if row.get('encryptedtags') else str(row.get('tags') or ''),
        'customfields': _customfields(decrypt, data, custom_columns(row), password_field(types, type_id, data)),
        CONCEALED: concealed_fields(types, type_id, data, custom_columns(row)),
        'owner': str((row.get('ownerdetails') or {}).get('EMAIL') or ''),
        'createdtime': row.get('creationtime'),
        'passwordmodifiedtime': row.get('passwordmodifiedtime'),
    }
    out.update(_zoho_extras(row, type_id))
    out['zoho_secrettype'] = type_name
    return out


def _customfields(decrypt: Decryptor, data: Mapping[str, Any], columns: List[Dict[str, Any]], password_key: Optional[str]) -> Dict[str, str]:
    fields = {str(k): decrypt(v) for k, v in data.items() if k not in BUILTIN_DATA and k != password_key and isinstance(v, str)}
    fields.update({str(c.get('colname')): decrypt(c.get('value')) for c in columns if c.get('colname')})
    return fields


def concealed_fields(types: Mapping[str, Any], type_id: Any, data: Mapping[str, Any], columns: List[Dict[str, Any]]) -> List[str]:
    """The custom fields Zoho Vault shows as passwords (concealed): custom columns of type password, and the type's
    password-typed fields other than the one that holds the password."""
    password_key = password_field(types, type_id, data)
    names = [str(f['NAME']) for f in type_fields(types, type_id) if str(f.get('TYPE') or '').lower() in PASSWORD_TYPES
             and f.get('NAME') in data and f.get('NAME') != password_key and f.get('NAME') not in BUILTIN_DATA]
    names.extend(str(c['colname']) for c in columns if c.get('colname') and str(c.get('type') or '').lower() in PASSWORD_TYPES)
    return sorted(set(names))


def _zoho_extras(row: Mapping[str, Any], type_id: Any) -> Dict[str, Any]:
    return {
        'zoho_isshared': str(row.get('isshared') or 'NO').upper() == 'YES',
        'zoho_classification': row.get('classification'),
        'zoho_sharinglevel': row.get('sharinglevel'),
        'zoho_secrettypeid': None if type_id is None else str(type_id),
        'zoho_policyid': row.get('policyid', row.get('POLICYID')),
        'zoho_trashed': bool(row.get('istrashed')),
    }


def password_of(session: Any, row: Mapping[str, Any]) -> str:
    """The decrypted password of a full secret row; DecryptionError naming the secret when there is none."""
    data = secret_data(row)
    key = password_field(session.secret_types(), row.get('accounttype', row.get('secrettypeid')), data)
    # A type without a password (a secure note) has an empty one, as the reference dialect's secrets do.
    password = Decryptor(session, row)(data.get(key)) if key is not None else ''
    session.client.add_secret_values(password)
    return password


def checked_list(rows: Any, context: str) -> List[Dict[str, Any]]:
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise MalformedResponse('expected a list of objects in Details, not %s' % json_kind(rows), context=context)
    return rows


__all__ = ['Decryptor', 'normalise_secret', 'password_of', 'secret_data', 'custom_columns', 'checked_list', 'VaultError']
