# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""``KeyRing``: the master key and the organisation key of one connection, in memory only.

The master key comes from ``master_password`` (PBKDF2 with the server's salt and iteration count)
or is given as ``master_key``; either way it is checked against the account's passphrase blob
before it is used, so a wrong password fails with one line before any other request. The
organisation key is loaded the first time a shared secret needs it. Both are handed to the
client's redaction and never logged nor written anywhere; a ``key_store`` (the lookups' per-run
agent cache) may hold them for the other forks of the same run, so that PBKDF2 runs once per run.
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable, Dict, Optional

from ansible_collections.zoho.vault.plugins.module_utils import _zoho_crypto as zc
from ansible_collections.zoho.vault.plugins.module_utils._api_zoho.codec import ADMIN_APPROVAL_STEP
from ansible_collections.zoho.vault.plugins.module_utils._errors import ConfigError, MasterKeyError

PBKDF2_LOGIN = 'PBKDF2_AES'
NO_KEY_HINT = ('The zoho dialect decrypts secrets on this host: set master_password (or master_key), '
               'for example through ZOHO_VAULT_MASTER_PASSWORD')


class KeyRing:
    """Keys of one account. ``login`` is the ``GET_LOGIN`` details; ``fetch_org`` returns ``(privateKey, sharedKey)``.

    :param key_store: an object with ``fetch(kind, args, producer)`` (``LookupCache``), or ``None``
    :param redact: called with every key and password learnt, for the client's redaction
    """

    def __init__(self, options: Any, redact: Callable[..., None], key_store: Any = None) -> None:
        self.options = options
        self.redact = redact
        self.key_store = key_store
        self.derivations = 0
        self._master: Optional[str] = None
        self._org: Optional[str] = None
        self._counter_keys: Dict[str, bytes] = {}

    @property
    def configured(self) -> bool:
        return bool(self.options.master_password or self.options.master_key)

    def unlock(self, login: Dict[str, Any], validate: Optional[Callable[[str], bool]] = None) -> str:
        """The master key, derived (or taken as given) and verified: against the passphrase blob, or for a legacy
        SHA account without one, by the server (``validate(authPass)``, what Zoho's apps send)."""
        if self._master is not None:
            return self._master
        if not self.configured:
            raise ConfigError('no master_password or master_key is set', hint=NO_KEY_HINT)
        blob = str(login.get('PASSPHRASE') or '')
        if not blob and self.pbkdf2(login):
            raise MasterKeyError('the account has no passphrase check blob (GET_LOGIN.PASSPHRASE is empty)')
        key = self.stored('zoho-master-key', [blob, login.get('SALT')], lambda: self._derive(login))
        if not self._verified(key, login, validate):
            what = 'master_key' if self.options.master_key else 'master_password'
            raise MasterKeyError('the %s does not open this account\'s vault (%s)'
                                 % (what, 'checked locally, nothing was sent' if self.pbkdf2(login) else 'checked by the legacy login'))
        self._master = key
        self.redact(key)
        return key

    @staticmethod
    def pbkdf2(login: Dict[str, Any]) -> bool:
        return str(login.get('LOGIN') or PBKDF2_LOGIN) == PBKDF2_LOGIN

    def _verified(self, key: str, login: Dict[str, Any], validate: Optional[Callable[[str], bool]]) -> bool:
        blob = str(login.get('PASSPHRASE') or '')
        if blob and zc.verify_master_key(key, blob):
            return True
        password = self.options.master_password
        if self.pbkdf2(login) or not password or validate is None:
            return False
        auth_pass = zc.legacy_auth_pass(password, str(login.get('SALT') or ''))
        self.redact(auth_pass)
        return validate(auth_pass)

    def _derive(self, login: Dict[str, Any]) -> str:
        if self.options.master_key:
            return self.options.master_key.lower()
        password = self.options.master_password
        if not self.pbkdf2(login):
            return zc.legacy_sha_key(password)
        iterations: Any = login.get('ITERATION')
        if isinstance(iterations, str) and iterations.isdigit():
            iterations = int(iterations)
        self.derivations += 1
        return zc.derive_master_key(password, str(login.get('SALT') or ''), iterations)

    def org_key(self, fetch_org: Callable[[], Any], login: Dict[str, Any]) -> str:
        """The organisation key (for shared secrets), loaded once."""
        if self._org is None:
            master = self.unlock(login)
            self._org = self.stored('zoho-org-key', [], lambda: self._open_org(fetch_org, master))
            self.redact(self._org)
        return self._org

    @staticmethod
    def _open_org(fetch_org: Callable[[], Any], master: str) -> str:
        private, shared = fetch_org()
        if not private or not shared:
            raise MasterKeyError('this user has no organisation (sharing) key yet, so shared secrets cannot be decrypted',
                                 hint='To fix it, %s' % ADMIN_APPROVAL_STEP)
        return zc.decrypt_org_key(private, shared, master)

    def counter_key(self, key: str) -> bytes:
        """The AES counter key of ``key``, computed once per key."""
        digest = hashlib.sha256(key.encode('utf-8')).hexdigest()
        if digest not in self._counter_keys:
            self._counter_keys[digest] = zc.ctr_key(key)
        return self._counter_keys[digest]

    def stored(self, kind: str, args: Any, producer: Callable[[], str]) -> str:
        """``producer()``, shared through the run's key store when there is one (memory of the agent only)."""
        if self.key_store is None:
            return producer()
        # The store keys on the connection identity (credentials, master password) and the run.
        return self.key_store.fetch(kind, [hashlib.sha256(repr(args).encode('utf-8')).hexdigest()], producer)
