# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Check a password against a local account's stored hash (/etc/shadow), without logging in.

Used by the ``zoho.vault.local_password_verify`` module (and so by the ``zoho.vault.rotate``
role to verify a rotation). Nothing here returns or logs a password or a hash: the public
function answers a boolean and the name of the hash scheme.

The hash is computed with the host's own ``crypt(3)`` (libcrypt through ctypes, which knows every
scheme the system uses, yescrypt included), else Python's ``crypt`` module (Python < 3.13), else
passlib when it is installed.
"""

from __future__ import annotations

import hmac
import warnings
from typing import Callable, Dict, Optional, Tuple

SHADOW_FILE = '/etc/shadow'

# The prefix of a crypt(3) hash → the name of its scheme.
SCHEMES = (
    ('$y$', 'yescrypt'),
    ('$gy$', 'gost-yescrypt'),
    ('$7$', 'scrypt'),
    ('$2b$', 'bcrypt'),
    ('$2a$', 'bcrypt'),
    ('$2y$', 'bcrypt'),
    ('$6$', 'sha512crypt'),
    ('$5$', 'sha256crypt'),
    ('$1$', 'md5crypt'),
)


class ShadowError(Exception):
    """A one-line message for the user (never containing a password or a hash)."""


def scheme_of(stored: str) -> str:
    """The name of the scheme of a stored hash: a crypt scheme, ``locked``-free; ``none`` for no password."""
    if stored in ('', None):
        return 'none'
    if stored in ('*', '!', '!!', 'x'):
        return 'disabled'
    for prefix, name in SCHEMES:
        if stored.startswith(prefix):
            return name
    if len(stored) == 13:
        return 'des'
    return 'unknown'


def read_entry(name: str, path: str = SHADOW_FILE) -> Optional[str]:
    """The password field of ``name`` in a shadow file, or None when the account is not there."""
    try:
        with open(path, encoding='utf-8', errors='replace') as handle:
            for line in handle:
                fields = line.rstrip('\n').split(':')
                if len(fields) >= 2 and fields[0] == name:
                    return fields[1]
    except PermissionError:
        raise ShadowError('cannot read %s: permission denied; run the task as root (become: true)' % path) from None
    except OSError as err:
        raise ShadowError('cannot read %s: %s' % (path, err.strerror or type(err).__name__)) from None
    return None


def _libcrypt() -> Optional[Callable[[str, str], Optional[str]]]:
    try:
        import ctypes
        import ctypes.util
    except ImportError:
        return None
    candidates = [ctypes.util.find_library('crypt'), 'libcrypt.so.2', 'libcrypt.so.1']
    for candidate in candidates:
        if not candidate:
            continue
        try:
            lib = ctypes.CDLL(candidate)
            func = lib.crypt
        except (OSError, AttributeError):
            continue
        func.restype = ctypes.c_char_p
        func.argtypes = [ctypes.c_char_p, ctypes.c_char_p]

        def crypt_c(password: str, setting: str, _func=func) -> Optional[str]:
            out = _func(password.encode('utf-8'), setting.encode('utf-8'))
            return out.decode('utf-8', 'replace') if out else None

        return crypt_c
    return None


def _pycrypt() -> Optional[Callable[[str, str], Optional[str]]]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            import crypt as pycrypt  # pylint: disable=deprecated-module
    except ImportError:
        return None
    return pycrypt.crypt


def _passlib() -> Optional[Callable[[str, str], Optional[str]]]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            from passlib.context import CryptContext
    except ImportError:
        return None
    context = CryptContext(schemes=['sha512_crypt', 'sha256_crypt', 'bcrypt', 'md5_crypt'])

    def crypt_passlib(password: str, setting: str) -> Optional[str]:
        # passlib verifies rather than re-hashes: answer the stored hash itself on a match.
        try:
            return setting if context.verify(password, setting) else None
        except (ValueError, TypeError):
            return None

    return crypt_passlib


BACKENDS = (('libcrypt', _libcrypt), ('crypt', _pycrypt), ('passlib', _passlib))


def backend(preferred: Optional[str] = None) -> Tuple[str, Callable[[str, str], Optional[str]]]:
    """The first crypt implementation available on this host (or the one named)."""
    for name, factory in BACKENDS:
        if preferred and name != preferred:
            continue
        func = factory()
        if func is not None:
            return name, func
    raise ShadowError('no crypt(3) implementation on this host (libcrypt, Python crypt or passlib); install libcrypt')


def matches(password: str, stored: str, crypt_func: Callable[[str, str], Optional[str]]) -> bool:
    """Whether ``password`` hashes to ``stored`` (constant-time comparison). Disabled or empty hashes never match."""
    if not stored or scheme_of(stored) in ('none', 'disabled'):
        return False
    try:
        computed = crypt_func(password, stored)
    except (ValueError, TypeError, OSError):
        return False
    if not computed or computed.startswith('*'):
        return False
    return hmac.compare_digest(computed.encode('utf-8'), stored.encode('utf-8'))


def verify(name: str, passwords: Dict[str, str], path: str = SHADOW_FILE, preferred: Optional[str] = None) -> Dict[str, object]:
    """Check each named candidate password against the account's stored hash.

    Returns ``exists``, ``locked``, ``scheme``, ``backend`` and ``matches`` (candidate name → bool);
    never the hash nor a password.
    """
    stored = read_entry(name, path)
    if stored is None:
        return {'exists': False, 'locked': False, 'scheme': 'none', 'backend': None,
                'matches': dict.fromkeys(passwords, False)}
    locked = stored.startswith('!') and stored not in ('!', '!!')
    bare = stored.lstrip('!') if locked else stored
    used, func = backend(preferred)
    result = {key: matches(value, bare, func) for key, value in passwords.items()}
    return {'exists': True, 'locked': locked, 'scheme': scheme_of(bare), 'backend': used, 'matches': result}
