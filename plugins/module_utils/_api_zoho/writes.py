# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Secret writes of the zoho dialect: a preview, refused unless ``zoho_preview_writes`` is set.

They follow Zoho's browser extension (never tried against a live vault). A wrong write could leave a
secret unreadable in Zoho's own apps, so every write is read back, decrypted and compared with what
was meant before it counts as done. Updates are full resends under the secret's current key; a
personal secret is re-encrypted under the organisation key before it is shared. Every encrypted
field of one request gets its own nonce.
"""

from __future__ import annotations

import base64
import json
from typing import Any, Dict, List, Mapping, Optional, Set

from ansible_collections.zoho.vault.plugins.module_utils import _zoho_crypto as zc
from ansible_collections.zoho.vault.plugins.module_utils._api._base import same_name, seg
from ansible_collections.zoho.vault.plugins.module_utils._api_zoho import rows as _rows
from ansible_collections.zoho.vault.plugins.module_utils._api_zoho.codec import JSON_BODY
from ansible_collections.zoho.vault.plugins.module_utils._api_zoho.session import REST
from ansible_collections.zoho.vault.plugins.module_utils._errors import DecryptionError, MasterKeyError, NotFound, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._redact import CONCEALED, SensitiveFields

# The reference's type names → Zoho's built-in types (the organisation's ids are looked up by name).
ZOHO_TYPES = {'login': 'Web Account', 'server': 'Unix', 'note': 'Secure Note', 'credit card': 'Payment Card',
              'bank account': 'Bank Account'}
LEVEL_OF = (('SHARE', 'manageusers'), ('WRITE', 'modifyusers'), ('READ', 'viewusers'))
SHARE_LISTS = ('manageusers', 'modifyusers', 'viewusers', 'logonusers')
UNREADABLE = 'Open the secret in the Zoho Vault web app to check it, and please report this'


class Encrypter:
    """Encrypts the fields of one request under one key, never twice with the same nonce."""

    def __init__(self, session: Any, key: str) -> None:
        self.key = key
        self.counter_key = session.keys.counter_key(key)
        self.nonces: Set[bytes] = set()

    def __call__(self, plaintext: Optional[str]) -> str:
        nonce = zc.fresh_nonce()
        while nonce in self.nonces:
            nonce = zc.fresh_nonce()
        self.nonces.add(nonce)
        return zc.encrypt_field(plaintext or '', self.key, nonce=nonce, counter_key=self.counter_key)


def _type_id(session: Any, name: Optional[str]) -> str:
    wanted = [name or 'Login', ZOHO_TYPES.get((name or 'Login').casefold(), '')]
    for type_id, spec in session.secret_types().items():
        if any(w and same_name(spec.get('NAME'), w) for w in wanted):
            return type_id
    raise ValidationError('this organisation has no secret type %r' % (name or 'Login'))


def _plain_fields(session: Any, type_id: str, values: Mapping[str, Any]) -> Dict[str, str]:
    """Every field of the type, from the reference fields (username, password) or a custom field of that name."""
    custom = values.get('customfields') or {}
    fields = {}
    for spec in _rows.type_fields(session.secret_types(), type_id):
        name = str(spec.get('NAME'))
        fields[name] = str(values.get(name) if name in ('username', 'password') else custom.get(name) or '')
    return fields


def _payload(session: Any, row: Mapping[str, Any], values: Mapping[str, Any], encrypt: Encrypter) -> Dict[str, Any]:
    """The full INPUT_DATA of a create or update (production wants every field on an update)."""
    type_id = str(row['secrettypeid'])
    fields = _plain_fields(session, type_id, values)
    extra = {k: v for k, v in (values.get('customfields') or {}).items() if k not in fields}
    # Sensitive fields (the option, or concealed already: an update resends every column) are written as passwords.
    sensitive = SensitiveFields.of(session.client.options)
    columns = [{'colname': k, 'type': 'password' if sensitive.is_sensitive(k, values) else 'text', 'value': encrypt(str(v))}
               for k, v in sorted(extra.items())]
    payload = {
        'secretname': values.get('secretname') or '', 'secrettypeid': type_id, 'policyid': row['policyid'],
        'classification': row['classification'], 'isshared': row['isshared'],
        'secretdata': {name: encrypt(value) for name, value in fields.items()},
        'securenote': encrypt(values.get('notes')),
        'customcolumnnew': base64.b64encode(json.dumps({'customcol': columns}).encode('utf-8')).decode('ascii'),
        'description': '', 'tags': '', 'secreturls': [values['secreturl']] if values.get('secreturl') else [],
    }
    if values.get('chamberid'):
        payload['chamberid'] = str(values['chamberid'])
    return payload


def _org_key_or_none(session: Any) -> Optional[str]:
    try:
        return session.org_key()
    except MasterKeyError:
        return None


def _read_back(secrets: Any, secret_id: str, values: Mapping[str, Any]) -> Dict[str, Any]:
    """The written secret, decrypted, or an error when it does not say what was written."""
    raw = secrets.raw(secret_id)
    row = _rows.normalise_secret(secrets.session, raw, values.get('chamberid'))
    wanted = {k: values.get(k) or '' for k in ('secretname', 'username', 'notes', 'secreturl')}
    got = {k: row.get(k) or '' for k in wanted}
    custom = {k: str(v) for k, v in (values.get('customfields') or {}).items()}
    bad = [k for k in wanted if wanted[k] != got[k]] + [k for k in custom if row['customfields'].get(k) != custom[k]]
    if 'password' in values and _rows.password_of(secrets.session, raw) != (values.get('password') or ''):
        bad.append('password')
    if bad:
        raise DecryptionError('secret %r was written but reads back different (%s)' % (row['secretname'], ', '.join(sorted(bad))),
                              hint=UNREADABLE)
    return row


def create_secret(secrets: Any, data: Dict[str, Any]) -> Dict[str, Any]:
    session = secrets.session
    session.require_write('secret', 'create')
    org_key = _org_key_or_none(session)
    row = {'secrettypeid': _type_id(session, data.get('secrettype')), 'classification': 'E' if org_key else 'P',
           'isshared': 'YES' if org_key else 'NO',
           'policyid': (session.vault_info().get('USERCONFIG') or {}).get('DEFAULT_PASSWDPOLICY_ID') or ''}
    payload = _payload(session, row, data, Encrypter(session, org_key or session.master_key()))

    def find_existing() -> Optional[Dict[str, Any]]:
        found = secrets.find(data.get('secretname', ''), data.get('chamberid'))
        return found[-1] if found else None

    session.login()
    made = secrets.client.create(REST + '/secrets', 'ADD_SECRET', payload, find_existing=find_existing)
    made = made.get('details', made) if isinstance(made, dict) else {}
    return _read_back(secrets, str(made.get('secretid')), data)


def _current_values(secrets: Any, raw: Mapping[str, Any]) -> Dict[str, Any]:
    row = _rows.normalise_secret(secrets.session, raw)
    values = {k: row[k] for k in ('secretname', 'username', 'notes', 'secreturl', 'customfields', 'chamberid', CONCEALED)}
    values['password'] = _rows.password_of(secrets.session, raw)
    return values


def _resend(secrets: Any, secret_id: str, raw: Mapping[str, Any], values: Dict[str, Any], shared: bool) -> Dict[str, Any]:
    """A full update of ``secret_id`` with ``values``, under the org key when ``shared``, read back."""
    session = secrets.session
    key = session.org_key() if shared else session.master_key()
    row = {'secrettypeid': raw.get('accounttype', raw.get('secrettypeid')), 'policyid': raw.get('policyid', raw.get('POLICYID')),
           'classification': 'E' if shared else raw.get('classification') or 'P', 'isshared': 'YES' if shared else 'NO'}
    payload = _payload(session, row, values, Encrypter(session, key))
    payload['passwordmodified'] = values.get('password') != _rows.password_of(session, raw)
    session.call('PUT', '/secrets/%s' % seg(secret_id), operation='UPDATE_SECRET', data=payload)
    return _read_back(secrets, secret_id, values)


def update_secret(secrets: Any, secret_id: str, data: Dict[str, Any]) -> Dict[str, Any]:
    secrets.session.require_write('secret', 'update')
    raw = secrets.raw(secret_id)
    values = _current_values(secrets, raw)
    values.update({k: v for k, v in data.items() if v is not None})
    return _resend(secrets, secret_id, raw, values, str(raw.get('isshared') or '').upper() == 'YES')


def delete_secret(secrets: Any, secret_id: str) -> Dict[str, Any]:
    secrets.session.require_write('secret', 'delete')
    secrets.session.call('DELETE', '/secrets/%s' % seg(secret_id))
    try:
        secrets.raw(secret_id)
    except NotFound:
        return {'secretid': str(secret_id)}
    raise DecryptionError('secret %s is still there after the delete' % secret_id, hint=UNREADABLE)


def _level(permissions: List[str]) -> str:
    return next((level for word, level in LEVEL_OF if word in permissions), 'viewusers')


def _user_ids(shares: Any, emails: List[str]) -> Dict[str, str]:
    """e-mail → ``user_auto_id`` (what bulkshare takes)."""
    ids = {}
    for email in emails:
        match = [u for u in shares.session.vault.users.list() if same_name(u['emailid'], email)]
        if not match or not match[0].get('zoho_user_auto_id'):
            raise NotFound('no Zoho Vault user %r' % email)
        ids[email] = str(match[0]['zoho_user_auto_id'])
    return ids


def _bulkshare(shares: Any, secret_id: str, kind: str, lists: Dict[str, List[str]]) -> None:
    body = {'INPUT_DATA': {name: lists.get(name, []) for name in SHARE_LISTS}, 'secretIds': [str(secret_id)]}
    shares.session.call('PUT', '/sharing/secret/%s/bulkshare' % kind, operation=JSON_BODY, data=body, idempotent=True)


def _current_lists(current: Mapping[str, Any], key: str, skip: Set[str]) -> Dict[str, List[str]]:
    lists: Dict[str, List[str]] = {name: [] for name in SHARE_LISTS}
    by_level = dict(zip(('manage', 'modify', 'view', 'login'), SHARE_LISTS))
    for who in current.get(key) or []:
        if who['zoho_id'] not in skip:
            lists[by_level[who['zoho_level']]].append(who['zoho_id'])
    return lists


def _make_shareable(shares: Any, secret_id: str) -> None:
    """A personal-key secret is re-encrypted under the organisation key before anyone can read it shared."""
    secrets = shares.session.vault.secrets
    raw = secrets.raw(secret_id)
    if str(raw.get('isshared') or '').upper() != 'YES':
        _resend(secrets, secret_id, raw, _current_values(secrets, raw), True)


def share_secret(shares: Any, secret_id: str, users: List[Dict[str, Any]], groups: List[Dict[str, Any]]) -> Dict[str, Any]:
    shares.session.require_write('share', 'update')
    if not users and not groups:
        raise ValidationError('share needs users or groups')
    _make_shareable(shares, secret_id)
    current = shares.get(secret_id)
    ids = _user_ids(shares, [u['emailid'] for u in users]) if users else {}
    wanted = {('users', ids[u['emailid']], _level(u.get('permissions') or [])) for u in users}
    wanted |= {('groups', str(g['groupid']), _level(g.get('permissions') or [])) for g in groups}
    for key, kind in (('users', 'users'), ('groups', 'usergroups')):
        mine = {(who, level) for k, who, level in wanted if k == key}
        if mine:
            lists = _current_lists(current, key, {who for who, _level_name in mine})
            for who, level in sorted(mine):
                lists[level].append(who)
            _bulkshare(shares, secret_id, kind, lists)
    return _shared_as_asked(shares.get(secret_id), secret_id, wanted)


def _shared_as_asked(after: Dict[str, Any], secret_id: str, wanted: Set[Any]) -> Dict[str, Any]:
    """The share info read back must give each principal just shared with the level asked for."""
    lists = dict(zip(('manage', 'modify', 'view', 'login'), SHARE_LISTS))
    seen = {(key, who['zoho_id'], lists[who['zoho_level']]) for key in ('users', 'groups') for who in after.get(key) or []}
    if not wanted <= seen:
        raise ValidationError('secret %s: the share reads back different from what was sent' % secret_id, hint=UNREADABLE)
    return after


def revoke_share(shares: Any, secret_id: str, emailid: Optional[str], groupid: Optional[str]) -> Dict[str, Any]:
    shares.session.require_write('share', 'delete')
    if bool(emailid) == bool(groupid):
        raise ValidationError('revoke needs exactly one of emailid or groupid')
    current = shares.get(secret_id)
    if emailid:
        _bulkshare(shares, secret_id, 'users', _current_lists(current, 'users', set(_user_ids(shares, [emailid]).values())))
    else:
        _bulkshare(shares, secret_id, 'usergroups', _current_lists(current, 'groups', {str(groupid)}))
    return shares.get(secret_id)
