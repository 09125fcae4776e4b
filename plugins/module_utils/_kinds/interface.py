# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The interface every kind (user, group, chamber, secret, share, emergency grant) implements.

One object of a kind goes through the same steps wherever it is reconciled — a single-object module
(``_run.run_single``) or the vault_state engine::

    desired = kind.desired(spec)                          # spec (the module's option names) → API fields; validates
    current = kind.read(spec)                             # the object now, or None when it does not exist
    change = kind.plan(current, desired, spec)            # a Change, or None when nothing differs
    after = kind.predict(change, current, desired, spec)  # check mode: the object as it would be (no call)
    after = kind.apply(change, current, desired, spec)    # the writes; the object after them

``view`` is the part of an object a ``--diff`` shows, ``shown`` the object a module returns and ``diff``
the ``--diff`` itself. ``writes_done`` counts the writes ``apply`` made, so that a failure after the first
one still reports ``changed``.
"""

from __future__ import annotations

import abc
from typing import Any, Dict, Optional, Tuple

from ansible_collections.zoho.vault.plugins.module_utils._changes import Change, diff
from ansible_collections.zoho.vault.plugins.module_utils._kinds import fields as _fields

Obj = Optional[Dict[str, Any]]


def pick_fields(obj: Obj, names: Tuple[str, ...]) -> Obj:
    """The ``names`` fields of ``obj`` that it has (None stays None)."""
    if obj is None:
        return None
    return {k: obj.get(k) for k in names if k in obj}


class Kind(abc.ABC):
    kind = ''
    shown_fields: Tuple[str, ...] = ()
    """The API fields ``view`` keeps (no timestamps, which would make every diff differ)."""
    secret_fields: Tuple[str, ...] = ()
    """Fields never shown in plans and diffs."""
    fields: Tuple[_fields.Field, ...] = ()
    """The kind's field table (``_fields``)."""
    id_field = ''

    def __init__(self, vault: Any) -> None:
        self.vault = vault
        self.writes_done = 0

    @abc.abstractmethod
    def desired(self, spec: Dict[str, Any]) -> Dict[str, Any]:
        """The managed attributes in API field names (None = not managed); raises ValidationError on a bad spec."""

    @abc.abstractmethod
    def read(self, spec: Dict[str, Any]) -> Obj:
        """The current object, or None."""

    @abc.abstractmethod
    def plan(self, current: Obj, desired: Dict[str, Any], spec: Dict[str, Any]) -> Optional[Change]:
        """The change that makes ``current`` look like ``desired``; None when it does already."""

    def predict(self, change: Optional[Change], current: Obj, desired: Dict[str, Any], spec: Dict[str, Any]) -> Obj:
        """The object after ``change``, without a call (check mode; None after a delete).

        By default the changed fields laid over the current object, or over a new one from the field table.
        """
        if change is None:
            return current
        if change.action == 'delete':
            return None
        result = dict(current or _fields.new_object(self.fields, self.id_field))
        result.update((f.name, f.after) for f in change.fields)
        return result

    @abc.abstractmethod
    def apply(self, change: Optional[Change], current: Obj, desired: Dict[str, Any], spec: Dict[str, Any]) -> Obj:
        """Make the writes of ``change``; the object after them (None after a delete)."""

    def view(self, obj: Obj) -> Obj:
        return pick_fields(obj, self.shown_fields)

    def shown(self, obj: Dict[str, Any]) -> Dict[str, Any]:
        """The object as the module returns it."""
        return dict(obj)

    def secret_keys(self, before: Obj, after: Obj) -> Dict[str, Tuple[str, ...]]:
        """Mapping attributes whose keys hold secret values, by attribute, for ``_changes.diff`` (none by default)."""
        return {}

    def diff(self, before: Obj, after: Obj, change: Optional[Change], header: str = '') -> Dict[str, Any]:
        """The ``diff`` result key of ``--diff``."""
        return diff(self.view(before), self.view(after), self.secret_fields, header=header,
                    secret_keys=self.secret_keys(before, after))
