# -*- coding: utf-8 -*-
# Copyright: zoho.vault contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Desired state against current state: the one reconcile engine of the collection.

Every module (and the declarative vault_state module) answers the same questions the same way:
which fields differ, what a list or mapping attribute becomes under purge/append semantics, and
what the before/after of ``--diff`` looks like with secret values redacted. Nothing here speaks
HTTP or knows API paths; it works on plain dicts in the API's own field names.
"""


from dataclasses import dataclass, field

# What a secret value is shown as in diffs, plans and results (Ansible's own no_log marker).
from ansible_collections.zoho.vault.plugins.module_utils._redact import REDACTED

ACTIONS = ("create", "update", "delete")


def _fold(value):
    """Comparison form of a value: strings compare case-sensitively, but lists ignore order."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return sorted((_fold(item) for item in value), key=repr)
    if isinstance(value, dict):
        return {key: _fold(item) for key, item in value.items()}
    return value


def same(current, desired):
    """True when a desired value is already satisfied by the current one.

    ``None`` on the desired side means "not managed" and is always satisfied; an empty string
    and a missing value are the same thing to the API.
    """
    if desired is None:
        return True
    if current is None and desired in ("", [], {}):
        return True
    return _fold(current) == _fold(desired)


@dataclass(frozen=True)
class FieldChange:
    """One attribute that differs; ``secret`` ones are never shown."""

    name: str
    before: object
    after: object
    secret: bool = False
    secret_keys: tuple = ()
    """Keys of a mapping value (sensitive custom fields) whose values are never shown."""

    def as_dict(self):
        if self.secret:
            return {"field": self.name, "before": REDACTED if self.before is not None else None, "after": REDACTED}
        before, after = redact_keys(self.before, self.after, self.secret_keys)
        return {"field": self.name, "before": before, "after": after}


@dataclass
class Change:
    """One planned change to one object, readable by people and by code."""

    action: str
    kind: str
    name: str
    fields: list = field(default_factory=list)
    reason: str = ""
    object_id: str = ""

    def __post_init__(self):
        if self.action not in ACTIONS:
            raise ValueError("unknown action %r" % (self.action,))

    @property
    def field_names(self):
        return [change.name for change in self.fields]

    def as_dict(self):
        result = {"action": self.action, "kind": self.kind, "name": self.name, "reason": self.reason,
                  "fields": [change.as_dict() for change in self.fields]}
        if self.object_id:
            result["id"] = self.object_id
        return result

    def summary(self):
        """One line for a plan: ``update secret 'db' (username, password): drifted``."""
        text = "%s %s %r" % (self.action, self.kind, self.name)
        if self.fields and self.action == "update":
            text += " (%s)" % ", ".join(self.field_names)
        if self.reason:
            text += ": %s" % self.reason
        return text


def compare_fields(current, desired, secret_fields=()):
    """The FieldChanges that turn ``current`` (a dict, or None for a new object) into ``desired``.

    Only keys present in ``desired`` with a value other than None are managed; everything else
    on the current object is left alone, as the API's PUT does.
    """
    current = current or {}
    changes = []
    for name in sorted(desired):
        want = desired[name]
        have = current.get(name)
        if not same(have, want):
            changes.append(FieldChange(name, have, want, secret=name in secret_fields))
    return changes


def merge_mapping(current, desired, purge=False):
    """What a mapping attribute (custom fields) becomes: listed keys set, others kept unless purge."""
    current = dict(current or {})
    desired = dict(desired or {})
    if purge:
        return desired
    merged = dict(current)
    merged.update(desired)
    return merged


def reconcile_members(current, desired, purge=False, key=None):
    """(to_add, to_remove) for a set-like attribute (group members, share principals).

    ``key`` folds items for comparison (``str.lower`` for e-mail addresses); the returned items
    keep the caller's spelling. Without purge nothing is ever removed.
    """
    key = key or (lambda item: item)
    have = {key(item): item for item in (current or [])}
    want = {key(item): item for item in (desired or [])}
    to_add = [want[k] for k in want if k not in have]
    to_remove = [have[k] for k in have if k not in want] if purge else []
    return to_add, to_remove


def redact(value, secret_fields=()):
    """A copy of a dict (or list of dicts) with the values of secret fields replaced."""
    if isinstance(value, list):
        return [redact(item, secret_fields) for item in value]
    if not isinstance(value, dict):
        return value
    return {key: (REDACTED if key in secret_fields and item is not None else redact(item, secret_fields))
            for key, item in value.items()}


def redact_keys(before, after, keys):
    """(before, after) of a mapping attribute with the values of ``keys`` redacted.

    A value that changes shows as redacted with a marker on the after side, as a secret field does in
    ``diff``; anything that is not a mapping is returned as it is.
    """
    if not keys:
        return before, after
    old = dict(before) if isinstance(before, dict) else before
    new = dict(after) if isinstance(after, dict) else after
    for key in keys:
        have = before.get(key) if isinstance(before, dict) else None
        want = after.get(key) if isinstance(after, dict) else None
        if isinstance(old, dict) and have is not None:
            old[key] = REDACTED
        if isinstance(new, dict) and want is not None:
            new[key] = REDACTED + (" (changed)" if have is not None and have != want else "")
    return old, new


def diff(before, after, secret_fields=(), header=None, secret_keys=None):
    """The ``diff`` result key for ``--diff``: before/after dicts with secrets redacted.

    ``before`` is None for a create and ``after`` is None for a delete; Ansible then shows the
    object appearing or disappearing. A secret field that changes shows as redacted on both
    sides but with a marker, so a reader still sees *that* it changes. ``secret_keys`` maps a
    mapping attribute (``customfields``) to its keys whose values are secret (``redact_keys``).
    """
    before_shown = redact(before, secret_fields) if before is not None else {}
    after_shown = redact(after, secret_fields) if after is not None else {}
    if before is not None and after is not None:
        for name in secret_fields:
            if name in after and not same(before.get(name), after.get(name)):
                before_shown[name] = REDACTED
                after_shown[name] = REDACTED + " (changed)"
    for name, keys in (secret_keys or {}).items():
        old, new = redact_keys((before or {}).get(name), (after or {}).get(name), keys)
        if name in before_shown:
            before_shown[name] = old
        if name in after_shown:
            after_shown[name] = new
    result = {"before": before_shown, "after": after_shown}
    if header:
        result["before_header"] = header
        result["after_header"] = header
    return result
