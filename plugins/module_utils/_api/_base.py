# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Shared helpers of the api layer (the only layer that knows paths and operation names)."""

from __future__ import (absolute_import, division, print_function)
from __future__ import annotations
__metaclass__ = type

from typing import Any, Callable, Dict, Iterable, List, Optional

from ansible.module_utils.six.moves.urllib.parse import quote

from ansible_collections.zoho.vault.plugins.module_utils._errors import AmbiguousName, MalformedResponse, NotFound, json_kind


def seg(value: Any) -> str:
    """One URL path segment (ids are quoted so that nothing can escape the path)."""
    text = str(value)
    if not text:
        raise NotFound('an empty id was given')
    return quote(text, safe='')


def same_name(a: Optional[str], b: Optional[str]) -> bool:
    """Case-insensitive exact comparison, as Zoho Vault compares names."""
    if a is None or b is None:
        return False
    return a.strip().casefold() == b.strip().casefold()


def pick_one(kind: str, name: str, matches: List[Dict[str, Any]], describe: Callable[[Dict[str, Any]], Dict[str, Any]],
             where: str = '', hint: Optional[str] = None) -> Dict[str, Any]:
    """Exactly one match, else NotFound or AmbiguousName naming the candidates."""
    if not matches:
        raise NotFound('no %s named %r%s' % (kind, name, where))
    if len(matches) > 1:
        candidates = [describe(m) for m in matches]
        listed = '; '.join(', '.join('%s=%s' % (k, v) for k, v in c.items() if v not in (None, '')) for c in candidates)
        raise AmbiguousName('%d %ss are named %r%s: %s' % (len(matches), kind, name, where, listed), candidates=candidates, hint=hint)
    return matches[0]


def string_field(details: Any, key: str, context: str, allow_empty: bool = True) -> str:
    """``details[key]`` when it is a string; anything else is a malformed reply (never handed on as a value)."""
    value = details.get(key) if isinstance(details, dict) else None
    if not isinstance(value, str) or not (value or allow_empty):
        what = json_kind(value) if isinstance(details, dict) and key in details else 'missing'
        raise MalformedResponse('the reply has no "%s" string in operation.details (%s)' % (key, 'empty' if value == '' else what),
                                context=context)
    return value


def compact(data: Dict[str, Any]) -> Dict[str, Any]:
    return dict((k, v) for k, v in data.items() if v is not None)


def first(items: Iterable[Any]) -> Any:
    for item in items:
        return item
    return None


class Resource(object):
    """Base of the resource classes: holds the client."""

    def __init__(self, client: Any) -> None:
        self.client = client
