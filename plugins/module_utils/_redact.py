# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Masking of secret values in strings and structures (messages, results, diffs)."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

MASK = '********'
REDACTED = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
"""How a hidden value is shown in results, plans and diffs (Ansible's own no_log marker)."""

CONCEALED = 'zoho_concealedfields'
"""The key under which a secret lists the custom fields its vault marks as passwords (the zoho dialect's
``customcolumn`` type ``password``); the reference API marks none."""

# Keys whose values are secret wherever they appear (wire names and option names).
SENSITIVE_KEYS = frozenset([
    'password', 'new_password', 'old_password', 'access_token', 'refresh_token', 'client_secret',
    'authorization', 'passphrase', 'private_key', 'secret', 'token',
])


def _secrets(values: Optional[Iterable[Any]]) -> list:
    out = set()
    for value in values or ():
        if value is None or isinstance(value, bool):
            continue
        text = str(value)
        if text:
            out.add(text)
    # Longest first so that a secret containing another one is masked whole.
    return sorted(out, key=len, reverse=True)


def redact_text(text: Any, secrets: Optional[Iterable[Any]], mask: str = MASK) -> Any:
    """Replace every occurrence of each secret value in ``text`` (non-strings are returned unchanged)."""
    if not isinstance(text, str):
        return text
    for secret in _secrets(secrets):
        if secret in text:
            text = text.replace(secret, mask)
    return text


def redact(value: Any, secrets: Optional[Iterable[Any]] = None, keys: Optional[Iterable[str]] = None, mask: str = MASK) -> Any:
    """Return a copy of ``value`` with secret values masked.

    ``secrets``: values masked wherever they occur (inside strings, dict keys excluded).
    ``keys``: dict keys whose values are masked entirely (case-insensitive); ``None`` means no key masking,
    pass ``SENSITIVE_KEYS`` for the default set.
    """
    secret_list = _secrets(secrets)
    key_set = frozenset(k.lower() for k in keys) if keys else frozenset()

    def walk(item: Any) -> Any:
        if isinstance(item, dict):
            out = {}
            for k, v in item.items():
                if isinstance(k, str) and k.lower() in key_set and v not in (None, ''):
                    out[k] = mask
                else:
                    out[k] = walk(v)
            return out
        if isinstance(item, (list, tuple)):
            items = [walk(v) for v in item]
            return type(item)(items) if isinstance(item, tuple) else items
        if isinstance(item, str):
            for secret in secret_list:
                if secret in item:
                    item = item.replace(secret, mask)
            return item
        return item

    return walk(value)


def collect_secrets(value: Any, keys: Iterable[str] = SENSITIVE_KEYS) -> list:
    """Values of sensitive keys found anywhere in ``value`` (to feed ``redact``/``no_log_values``)."""
    key_set = frozenset(k.lower() for k in keys)
    found = []

    def walk(item: Any) -> None:
        if isinstance(item, dict):
            for k, v in item.items():
                if isinstance(k, str) and k.lower() in key_set and isinstance(v, (str, int, float)) and not isinstance(v, bool):
                    if str(v):
                        found.append(str(v))
                else:
                    walk(v)
        elif isinstance(item, (list, tuple)):
            for v in item:
                walk(v)

    walk(value)
    return found


@dataclass(frozen=True)
class SensitiveFields:
    """The one rule that says which custom fields of a secret hold secret values.

    A field is sensitive when its name matches one of ``patterns`` (the ``sensitive_custom_fields`` option:
    case-insensitive, shell-style wildcards) or when the secret's vault marks it concealed (``CONCEALED``).
    Every front end (modules, the vault_state engine, lookups) asks this class, never the option itself.
    """

    patterns: Tuple[str, ...] = ()

    @classmethod
    def of(cls, options: Any) -> SensitiveFields:
        """From ``ConnectionOptions`` (or anything with ``sensitive_custom_fields``)."""
        return cls.named(getattr(options, 'sensitive_custom_fields', None))

    @classmethod
    def named(cls, patterns: Optional[Iterable[Any]]) -> SensitiveFields:
        """From the option's value (a lookup's ``get_option``): names or globs, compared case-insensitively."""
        return cls(tuple(str(p).strip().lower() for p in patterns or () if str(p).strip()))

    def is_sensitive(self, name: Any, secret: Optional[Mapping[str, Any]] = None) -> bool:
        folded = str(name).lower()
        if secret and folded in {str(n).lower() for n in secret.get(CONCEALED) or ()}:
            return True
        return any(fnmatch.fnmatchcase(folded, pattern) for pattern in self.patterns)

    def names(self, *secrets: Optional[Mapping[str, Any]]) -> Tuple[str, ...]:
        """The sensitive custom field names of ``secrets`` (API objects, or None), sorted, each once."""
        found = set()
        for secret in secrets:
            for name in (secret or {}).get('customfields') or {}:
                if any(self.is_sensitive(name, s) for s in secrets if s):
                    found.add(name)
        return tuple(sorted(found))

    def values(self, secret: Optional[Mapping[str, Any]], *others: Optional[Mapping[str, Any]]) -> List[str]:
        """The values of the sensitive custom fields of ``secret`` (to register for redaction), empty ones left out;
        ``others`` (the same secret as read, say) may mark more of its fields concealed."""
        names = self.names(secret, *others)
        return [str(v) for k, v in ((secret or {}).get('customfields') or {}).items() if k in names and v not in (None, '')]

    def conceal(self, secret: Optional[Dict[str, Any]], mask: Optional[str] = REDACTED) -> Optional[Dict[str, Any]]:
        """A copy of ``secret`` with the values of its sensitive custom fields replaced by ``mask`` (left out for None)."""
        if not secret or not isinstance(secret.get('customfields'), dict):
            return secret
        names = self.names(secret)
        if not names:
            return secret
        fields = {k: (mask if k in names and v not in (None, '') else v) for k, v in secret['customfields'].items()
                  if mask is not None or k not in names}
        return dict(secret, customfields=fields)
