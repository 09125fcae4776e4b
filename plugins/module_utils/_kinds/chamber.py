# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Chambers as desired state: the spec of the zoho.vault.chamber module against the API object.

Spec (the module's option names): ``name``, ``chamber_id``, ``chamber_type``, ``description``,
``state`` (present/absent) and ``force`` (delete a chamber together with its secrets).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ansible_collections.zoho.vault.plugins.module_utils._api._base import describe, named, pick_optional, same_name
from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound, PermissionDenied, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._changes import Change, compare_fields
from ansible_collections.zoho.vault.plugins.module_utils._kinds import fields as _fields
from ansible_collections.zoho.vault.plugins.module_utils._kinds.interface import Kind, pick_fields

KIND = 'chamber'
SHOWN = ('chamberid', 'chambername', 'chambertype', 'description', 'owner')


def view(obj: Optional[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    """The part of a chamber shown in diffs (no timestamps that would make every diff differ)."""
    return pick_fields(obj, SHOWN)


def _names(names: List[str], most: int = 10) -> str:
    """Names for a message: all of them, or the first ``most`` and how many more."""
    shown = ', '.join(repr(n) for n in names[:most])
    return shown if len(names) <= most else '%s and %d more' % (shown, len(names) - most)


class ChamberState(Kind):
    kind = KIND
    shown_fields = SHOWN
    fields = _fields.CHAMBER
    id_field = 'chamberid'

    def __init__(self, vault: Any) -> None:
        super().__init__(vault)
        self._me: Optional[str] = None

    # -- spec → API
    def desired(self, spec: Dict[str, Any]) -> Dict[str, Any]:
        """API fields for the managed attributes (None = not managed)."""
        _fields.check_choices(_fields.CHAMBER, spec)
        name = spec.get('name')
        if name is not None and not str(name).strip():
            raise ValidationError('name must not be empty')
        return {api: spec.get(opt) for api, opt in _fields.api_fields(_fields.CHAMBER)}

    def _caller(self) -> Optional[str]:
        if self._me is None:
            try:
                self._me = (self.vault.users.current() or {}).get('emailid') or ''
            except NotFound:
                self._me = ''
        return self._me or None

    def pick(self, name: str, chambers: List[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
        """The chamber called ``name`` among ``chambers`` (a list call's result); prefers the caller's own."""
        return pick_optional(KIND, name, named(chambers, 'chambername', name), describe(KIND), hint='Give chamber_id to choose one',
                             prefer=lambda matches: named(matches, 'owner', self._caller()))

    def read(self, spec: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        """The current chamber: by ``chamber_id`` when given (None when it does not exist), else by ``name``."""
        chamber_id = spec.get('chamber_id')
        if chamber_id:
            try:
                return self.vault.chambers.get(str(chamber_id))
            except NotFound:
                return None
        return self.pick(spec['name'], self.vault.chambers.list())

    def held_secrets(self, chamber_id: str) -> Optional[List[str]]:
        """The names of the secrets the caller sees in the chamber, sorted; None when the token may not list them."""
        try:
            return sorted(str(s.get('secretname')) for s in self.vault.chambers.secrets(chamber_id))
        except PermissionDenied:
            return None

    # -- plan
    def plan(self, current: Optional[Dict[str, Any]], desired: Dict[str, Any], spec: Dict[str, Any]) -> Optional[Change]:
        state = spec.get('state') or 'present'
        label = spec.get('name') or (current or {}).get('chambername') or spec.get('chamber_id') or ''
        if state == 'absent':
            if current is None:
                return None
            chamber_id = current['chamberid']
            held = self.held_secrets(chamber_id)
            if held and not spec.get('force'):
                raise ValidationError('chamber %r (id %s) still holds %d secret(s) (%s); set force: true to delete it together with '
                                      'them, or move or delete the secrets first' % (current.get('chambername'), chamber_id, len(held), _names(held)))
            reason = 'state is absent'
            if held:
                reason += '; force deletes its %d secret(s): %s' % (len(held), _names(held))
            return Change('delete', KIND, current.get('chambername') or label, reason=reason, object_id=chamber_id)
        if current is None:
            if spec.get('chamber_id'):
                raise NotFound('no chamber with id %s; leave chamber_id out and give name to create a chamber' % spec['chamber_id'])
            if not desired.get('chambername'):
                raise ValidationError('name is required to create a chamber')
            fields = [f for f in compare_fields(None, desired) if f.after is not None]
            return Change('create', KIND, desired['chambername'], fields=fields, reason='does not exist')
        managed = dict(desired)
        if not spec.get('chamber_id') and same_name(current.get('chambername'), managed.get('chambername')):
            # Found by name (case-insensitively): the name is the key, not an attribute to change.
            # (Found by another name, vault_state's previous_name: a rename.)
            managed.pop('chambername', None)
        fields = compare_fields(current, managed)
        if not fields:
            return None
        return Change('update', KIND, current.get('chambername') or label, fields=fields, reason='differs', object_id=current['chamberid'])

    # -- apply
    def apply(self, change: Optional[Change], current: Optional[Dict[str, Any]], desired: Dict[str, Any],
              spec: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        if change is None:
            return current
        if change.action == 'create':
            return self.vault.chambers.create({f.name: f.after for f in change.fields})
        if change.action == 'update':
            return self.vault.chambers.update(change.object_id, {f.name: f.after for f in change.fields})
        self.vault.chambers.delete(change.object_id, force=bool(spec.get('force')))
        return None

    def to_spec(self, obj: Dict[str, Any]) -> Dict[str, Any]:
        return _fields.to_spec(_fields.CHAMBER, obj)


__all__ = ['ChamberState', 'view']
