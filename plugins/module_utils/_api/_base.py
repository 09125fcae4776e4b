# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Shared helpers of the api layer (the only layer that knows paths and operation names)."""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, Iterable, List, Optional

from ansible.module_utils.six.moves.urllib.parse import quote

from ansible_collections.zoho.vault.plugins.module_utils._errors import AmbiguousName, MalformedResponse, NotFound, json_kind


def seg(value: Any) -> str:
    """One URL path segment (ids are quoted so that nothing can escape the path)."""
    text = str(value)
    if not text:
        raise NotFound('an empty id was given')
    return quote(text, safe='')


# The name rule of Zoho Vault, in one place: names and e-mail addresses compare case-insensitively
# (surrounding blanks ignored); an all-digit value of six or more digits is an id.
_ID_RE = re.compile(r'^\d{6,}$')


def fold(text: Any) -> str:
    """The comparison form of a name or e-mail address (``None`` folds to the empty string)."""
    return '' if text is None else str(text).strip().casefold()


def same_name(a: Any, b: Any) -> bool:
    """Case-insensitive exact comparison, as Zoho Vault compares names; a missing or non-string side never matches."""
    if not isinstance(a, str) or not isinstance(b, str):
        return False
    return fold(a) == fold(b)


def looks_like_id(value: Any) -> bool:
    """Whether a reference (to a chamber, a secret) is an id rather than a name."""
    return value is not None and bool(_ID_RE.match(str(value)))


def named(items: Iterable[Dict[str, Any]], key: str, name: Any) -> List[Dict[str, Any]]:
    """The objects whose ``key`` field is ``name`` by the name rule."""
    return [item for item in items if same_name(item.get(key), name)]


def by_id_or_name(resource: Any, object_id: Optional[str], name: Optional[str], field: str) -> List[Dict[str, Any]]:
    """What an ``_info`` module lists: the object with ``object_id`` (none when there is no such object),
    else the objects called ``name``, else all of them."""
    if object_id:
        try:
            return [resource.get(object_id)]
        except NotFound:
            return []
    found = resource.list()
    return found if name is None else named(found, field, name)


# How an ambiguity error names each candidate: (key in the message, API field).
_DESCRIBED = {
    'user': (('name', 'emailid'), ('id', 'userid')),
    'group': (('name', 'groupname'), ('id', 'groupid')),
    'chamber': (('name', 'chambername'), ('id', 'chamberid'), ('owner', 'owner'), ('type', 'chambertype')),
    'secret': (('name', 'secretname'), ('id', 'secretid'), ('chamber_id', 'chamberid')),
}


def describe(kind: str) -> Callable[[Dict[str, Any]], Dict[str, Any]]:
    """The candidate description of an object of ``kind`` (users, groups, chambers, secrets)."""
    return lambda obj: {key: obj.get(api) for key, api in _DESCRIBED[kind]}


def pick_one(kind: str, name: str, matches: List[Dict[str, Any]], describe: Callable[[Dict[str, Any]], Dict[str, Any]],
             where: str = '', hint: Optional[str] = None,
             prefer: Optional[Callable[[List[Dict[str, Any]]], List[Dict[str, Any]]]] = None) -> Dict[str, Any]:
    """Exactly one match, else NotFound or AmbiguousName naming the candidates.

    ``prefer`` narrows several matches (chambers: the caller's own); it runs only when there are several,
    so that the call it may cost is made only then, and wins only when it leaves exactly one.
    """
    if not matches:
        raise NotFound('no %s named %r%s' % (kind, name, where))
    if len(matches) > 1 and prefer is not None:
        preferred = prefer(matches)
        if len(preferred) == 1:
            return preferred[0]
    if len(matches) > 1:
        candidates = [describe(m) for m in matches]
        listed = '; '.join(', '.join('%s=%s' % (k, v) for k, v in c.items() if v not in (None, '')) for c in candidates)
        raise AmbiguousName('%d %ss are named %r%s: %s' % (len(matches), kind, name, where, listed), candidates=candidates, hint=hint)
    return matches[0]


def pick_optional(kind: str, name: str, matches: List[Dict[str, Any]], describe: Callable[[Dict[str, Any]], Dict[str, Any]],
                  where: str = '', hint: Optional[str] = None,
                  prefer: Optional[Callable[[List[Dict[str, Any]]], List[Dict[str, Any]]]] = None) -> Optional[Dict[str, Any]]:
    """``pick_one``, but None when nothing matches (a desired object that does not exist yet)."""
    return pick_one(kind, name, matches, describe, where, hint, prefer) if matches else None


def string_field(details: Any, key: str, context: str, allow_empty: bool = True) -> str:
    """``details[key]`` when it is a string; anything else is a malformed reply (never handed on as a value)."""
    value = details.get(key) if isinstance(details, dict) else None
    if not isinstance(value, str) or not (value or allow_empty):
        what = json_kind(value) if isinstance(details, dict) and key in details else 'missing'
        raise MalformedResponse('the reply has no "%s" string in operation.details (%s)' % (key, 'empty' if value == '' else what),
                                context=context)
    return value


def compact(data: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None}


class Resource:
    """Base of the resource classes: holds the client."""

    def __init__(self, client: Any) -> None:
        self.client = client
