# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Masking of secret values in strings and structures (messages, results, diffs)."""

from __future__ import annotations

from typing import Any, Iterable, Optional

MASK = '********'

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
