# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""People-readable output of a plan: YAML-like before/after text for ``--diff`` and per-kind counts.

Values of secret fields are replaced with ``_changes.REDACTED`` by ``_changes.diff`` before
any text is made; this module only lays the (already redacted) dicts out.
"""

from __future__ import annotations

import json
import re
from typing import Any, Dict, List, Optional

from ansible_collections.zoho.vault.plugins.module_utils._changes import diff

_PLAIN = re.compile(r'^[A-Za-z0-9_@./()+-][A-Za-z0-9_@./()+ -]*$')
_RESERVED = ('true', 'false', 'yes', 'no', 'null', 'on', 'off', '~')


def scalar(value: Any) -> str:
    """A scalar as YAML would show it (strings quoted only when they have to be)."""
    if value is None:
        return 'null'
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if text and _PLAIN.match(text) and text.lower() not in _RESERVED and not re.match(r'^[-+]?[0-9.]+$', text) \
            and text == text.strip():
        return text
    return json.dumps(text, ensure_ascii=False)


def yaml_text(value: Any, indent: int = 0) -> str:
    """A small YAML emitter for dicts, lists and scalars (sorted keys, one line per scalar)."""
    pad = '  ' * indent
    lines: List[str] = []
    if isinstance(value, dict):
        if not value:
            return pad + '{}\n'
        for key in sorted(value, key=str):
            item = value[key]
            if isinstance(item, dict) and item or isinstance(item, list) and any(isinstance(i, (dict, list)) for i in item):
                lines.append('%s%s:\n%s' % (pad, scalar(key), yaml_text(item, indent + 1)))
            else:
                lines.append('%s%s: %s\n' % (pad, scalar(key), _inline(item)))
        return ''.join(lines)
    if isinstance(value, list):
        if not value:
            return pad + '[]\n'
        for item in value:
            if isinstance(item, dict) and item:
                body = yaml_text(item, indent + 1)
                lines.append('%s- %s' % (pad, body[len(pad) + 2:]))
            else:
                lines.append('%s- %s\n' % (pad, _inline(item)))
        return ''.join(lines)
    return pad + scalar(value) + '\n'


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return '{}' if not value else '{%s}' % ', '.join('%s: %s' % (scalar(k), _inline(v)) for k, v in sorted(value.items()))
    if isinstance(value, list):
        return '[%s]' % ', '.join(_inline(v) for v in value)
    return scalar(value)


def text_diff(kind: str, label: str, before: Optional[Dict[str, Any]], after: Optional[Dict[str, Any]],
              secret_fields: tuple = (), header: Optional[str] = None, secret_keys: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """One ``diff`` entry: the object's before and after as YAML-like text, secrets (and ``secret_keys``) redacted."""
    shown = diff(before, after, secret_fields, secret_keys=secret_keys)
    title = '%s: %s' % (kind, label)

    def block(obj: Optional[Dict[str, Any]], present: bool) -> str:
        if not present:
            return ''
        return '# %s\n%s' % (title, yaml_text(obj))

    return {
        'before': block(shown['before'], before is not None),
        'after': block(shown['after'], after is not None),
        'before_header': header or title,
        'after_header': header or title,
    }


def summarize(changes: List[Dict[str, Any]]) -> Dict[str, Any]:
    """``{'create': {'secret': 3}, 'update': {...}, 'delete': {...}, 'total': n}`` from Change.as_dict() entries."""
    out: Dict[str, Any] = {'create': {}, 'update': {}, 'delete': {}, 'total': 0}
    for change in changes:
        counts = out[change['action']]
        counts[change['kind']] = counts.get(change['kind'], 0) + 1
        out['total'] += 1
    return out


__all__ = ['scalar', 'yaml_text', 'text_diff', 'summarize']
