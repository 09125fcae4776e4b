# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The desired-state document: its argument spec and the checks an argument spec cannot express.

The keys are the option names of the single-object modules (``zoho.vault.user``, ``group``,
``chamber``, ``secret``, ``secret_share``), so a document is a tree of such specs::

    users:    [{email, role, first_name, last_name}]
    groups:   [{name, description, members}]
    chambers: [{name, chamber_type, description,
                secrets: [{name, url, username, password, notes, custom_fields, secret_type, owner, ...,
                           shares: {users: [{email, permissions}], groups: [{name, permissions}]}}]}]

A top-level key that is absent (or null) means "this document does not manage that kind": it is
neither read nor pruned. ``[]`` means "manages it, and wants none".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Optional, Tuple

from ansible_collections.zoho.vault.plugins.module_utils._api._base import fold
from ansible_collections.zoho.vault.plugins.module_utils._errors import ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._kinds import fields as _fields

ORDER = ('user', 'group', 'chamber', 'secret', 'share')
"""Creates and updates run in this order; deletes in the reverse one."""

PRUNE_KINDS = ('users', 'groups', 'chambers', 'secrets', 'shares', 'members')
DEFAULT_PRUNE_SCOPE = ['secrets', 'shares', 'members']
"""``prune: true`` alone removes only what lies inside declared objects, never whole users, groups or chambers."""

# An object of the document is present unless it says ``state: absent`` (then it is deleted, after every create and update).
STATE = {'type': 'str', 'choices': ['present', 'absent']}
# A protected object is never deleted, by state: absent or by prune; a protected chamber protects its secrets too.
PROTECTED = {'type': 'bool'}
# A chamber or secret found under this name when none has its name is renamed in place (Terraform's "moved").
PREVIOUS_NAME = {'type': 'str'}
USER_OPTIONS = dict(_fields.argument_spec(_fields.USER, document=True), state=STATE, protected=PROTECTED)
GROUP_OPTIONS = dict(_fields.argument_spec(_fields.GROUP, document=True), state=STATE, protected=PROTECTED)
SECRET_OPTIONS = dict(_fields.argument_spec(_fields.SECRET, document=True), state=STATE, protected=PROTECTED, previous_name=PREVIOUS_NAME,
                      shares={'type': 'dict', 'options': _fields.argument_spec(_fields.SHARE, document=True)})
CHAMBER_OPTIONS = dict(_fields.argument_spec(_fields.CHAMBER, document=True), state=STATE, force={'type': 'bool'}, protected=PROTECTED,
                       previous_name=PREVIOUS_NAME,
                       secrets={'type': 'list', 'elements': 'dict', 'options': SECRET_OPTIONS, 'no_log': False})

DOCUMENT_OPTIONS = {
    'users': {'type': 'list', 'elements': 'dict', 'options': USER_OPTIONS},
    'groups': {'type': 'list', 'elements': 'dict', 'options': GROUP_OPTIONS},
    'chambers': {'type': 'list', 'elements': 'dict', 'options': CHAMBER_OPTIONS},
}


@dataclass
class Item:
    """One object the document declares (or the engine found to prune), with the spec of its ``_kinds`` class."""

    kind: str
    label: str                      # 'alice@example.com', 'Prod', 'Prod/db', 'Prod/db' (shares)
    spec: Dict[str, Any]
    path: str = ''                  # where it is in the document: 'chambers[0].secrets[2]'
    chamber: Optional[str] = None   # the chamber's name, for secrets and shares
    secret: Optional[str] = None    # the secret's name, for shares
    previous: Optional[str] = None  # previous_name of the object (of the secret, for shares)
    chamber_previous: Optional[str] = None  # previous_name of the chamber, for secrets and shares
    depends: List[Tuple[str, str]] = field(default_factory=list)   # (kind, label) that must not have failed

    @property
    def key(self) -> Tuple[str, str]:
        return (self.kind, fold(self.label))


def _clean(options: Dict[str, Any]) -> Dict[str, Any]:
    """Drop the bools Ansible defaults to None inside suboptions, keeping what the user wrote."""
    return {k: v for k, v in options.items() if v is not None}


def _absent(entry: Dict[str, Any]) -> bool:
    return entry.get('state') == 'absent'


def _unique(entries: List[Dict[str, Any]], key: str, where: str) -> None:
    seen: Dict[str, int] = {}
    for index, entry in enumerate(entries):
        name = fold(entry.get(key))
        if name in seen:
            raise ValidationError('%s[%d] and %s[%d] both declare %s %r; each object appears once in the document'
                                  % (where, seen[name], where, index, key, entry.get(key)))
        seen[name] = index


@dataclass
class Document:
    """The validated document, with the engine's options: which kinds it manages and its items in order."""

    users: Optional[List[Dict[str, Any]]]
    groups: Optional[List[Dict[str, Any]]]
    chambers: Optional[List[Dict[str, Any]]]
    prune: List[str] = field(default_factory=list)
    update_password: str = 'always'
    only_chambers: Optional[List[str]] = None

    @classmethod
    def from_params(cls, definition: Optional[Dict[str, Any]], prune: bool = False, prune_scope: Optional[List[str]] = None,
                    update_password: str = 'always', chambers: Optional[List[str]] = None) -> Document:
        definition = definition or {}
        unknown = sorted(set(definition) - set(DOCUMENT_OPTIONS))
        if unknown:
            raise ValidationError('unknown top-level key(s) in definition: %s; use users, groups and chambers' % ', '.join(unknown))
        scope = list(prune_scope if prune_scope is not None else DEFAULT_PRUNE_SCOPE) if prune else []
        bad = sorted(set(scope) - set(PRUNE_KINDS))
        if bad:
            raise ValidationError('unknown prune_scope value(s) %s; use %s' % (', '.join(bad), ', '.join(PRUNE_KINDS)))
        doc = cls(users=definition.get('users'), groups=definition.get('groups'), chambers=definition.get('chambers'),
                  prune=scope, update_password=update_password, only_chambers=list(chambers) if chambers else None)
        doc.check()
        return doc

    # -- checks an argument spec cannot make
    def check(self) -> None:
        _unique(self.users or [], 'email', 'users')
        _unique(self.groups or [], 'name', 'groups')
        _unique(self.chambers or [], 'name', 'chambers')
        for index, chamber in enumerate(self.chambers or []):
            secrets = chamber.get('secrets') or []
            _unique(secrets, 'name', 'chambers[%d].secrets' % index)
            for sindex, secret in enumerate(secrets):
                where = 'chambers[%d].secrets[%d]' % (index, sindex)
                if secret.get('password') is not None and secret.get('generate_password'):
                    raise ValidationError('%s (%s/%s): password and generate_password are mutually exclusive'
                                          % (where, chamber['name'], secret['name']))
                shares = secret.get('shares') or {}
                _unique(shares.get('users') or [], 'email', where + '.shares.users')
                _unique(shares.get('groups') or [], 'name', where + '.shares.groups')
        self._check_absent()
        self._check_renames()
        for what in ('users', 'groups', 'chambers', 'secrets'):
            if what in self.prune and what != 'secrets' and getattr(self, what) is None:
                raise ValidationError('prune_scope names %s but the definition has no %s key; a kind is pruned only when the '
                                      'document manages it (give %s: [] to remove every one of them)' % (what, what, what))

    def _check_absent(self) -> None:
        """Nothing present may need what the document deletes: a chamber's secrets, a group's members, a share's principals."""
        gone_users = {fold(u['email']) for u in self.users or [] if _absent(u)}
        gone_groups = {fold(g['name']) for g in self.groups or [] if _absent(g)}
        for index, group in enumerate(self.groups or []):
            members = [m for m in group.get('members') or [] if fold(m) in gone_users]
            if members and not _absent(group):
                raise ValidationError('groups[%d] (%s) lists member(s) %s, whom the document declares absent' % (index, group['name'], ', '.join(members)))
        for index, chamber in enumerate(self.chambers or []):
            for sindex, secret in enumerate(chamber.get('secrets') or []):
                where = 'chambers[%d].secrets[%d] (%s/%s)' % (index, sindex, chamber['name'], secret['name'])
                if _absent(chamber) and not _absent(secret):
                    raise ValidationError('%s is present in a chamber the document declares absent; declare the secret absent '
                                          'too, or move it to another chamber' % where)
                shares = secret.get('shares') or {}
                named = [u['email'] for u in shares.get('users') or [] if fold(u['email']) in gone_users]
                named += [g['name'] for g in shares.get('groups') or [] if fold(g['name']) in gone_groups]
                if named and not _absent(secret):
                    raise ValidationError('%s is shared with %s, declared absent' % (where, ', '.join(named)))

    def _check_renames(self) -> None:
        """A previous_name is not the object's own name nor the name of another object of the document beside it."""
        chambers = self.chambers or []
        levels = [('chambers', chambers)] + [('chambers[%d].secrets' % i, c.get('secrets') or []) for i, c in enumerate(chambers)]
        for where, entries in levels:
            names = {fold(e['name']) for e in entries}
            for index, entry in enumerate(entries):
                previous = entry.get('previous_name')
                if previous is not None and (fold(previous) == fold(entry['name']) or fold(previous) in names):
                    raise ValidationError('%s[%d] (%s): previous_name %r names an object the document declares; it must be the '
                                          'name the object had before' % (where, index, entry['name'], previous))

    def prunes(self, what: str) -> bool:
        return what in self.prune

    def in_scope(self, chamber_name: str) -> bool:
        """Whether a chamber is inside the ``chambers`` filter of the run (all when no filter)."""
        if self.only_chambers is None:
            return True
        return fold(chamber_name) in {fold(c) for c in self.only_chambers}

    def protected_chambers(self) -> List[str]:
        return [c['name'] for c in self.chambers or [] if c.get('protected')]

    def declared_chambers(self) -> List[Dict[str, Any]]:
        return [c for c in (self.chambers or []) if self.in_scope(c['name'])]

    # -- items, in apply order
    def items(self) -> List[Item]:
        """Creates and updates in dependency order, then the objects declared absent in the reverse one."""
        declared = self._users() + self._groups() + self._chambers() + self._secrets() + self._shares()
        present = [item for item in declared if item.spec.get('state') != 'absent']
        absent = [item for item in declared if item.spec.get('state') == 'absent']
        return present + sorted(absent, key=lambda item: -ORDER.index(item.kind))

    def _users(self) -> List[Item]:
        return [Item('user', user['email'], dict(_clean(user), state=user.get('state') or 'present'), 'users[%d]' % index)
                for index, user in enumerate(self.users or [])]

    def _groups(self) -> List[Item]:
        return [Item('group', group['name'], dict(_clean(group), state=group.get('state') or 'present', purge_members=self.prunes('members')),
                     'groups[%d]' % index, depends=[] if _absent(group) else [('user', m) for m in group.get('members') or []])
                for index, group in enumerate(self.groups or [])]

    def _chambers(self) -> List[Item]:
        out = []
        for index, chamber in enumerate(self.chambers or []):
            if self.in_scope(chamber['name']):
                spec = {k: v for k, v in _clean(chamber).items() if k != 'secrets'}
                out.append(Item('chamber', chamber['name'], dict(spec, state=chamber.get('state') or 'present'), 'chambers[%d]' % index,
                                previous=chamber.get('previous_name')))
        return out

    def _declared_secrets(self) -> Iterator[Tuple[str, Dict[str, Any], Dict[str, Any]]]:
        """(path, chamber, secret) of every secret in the chambers of the run."""
        for index, chamber in enumerate(self.chambers or []):
            if self.in_scope(chamber['name']):
                for sindex, secret in enumerate(chamber.get('secrets') or []):
                    yield 'chambers[%d].secrets[%d]' % (index, sindex), chamber, secret

    def _secrets(self) -> List[Item]:
        out = []
        for path, chamber, secret in self._declared_secrets():
            spec = {k: v for k, v in _clean(secret).items() if k != 'shares'}
            spec.update(state=secret.get('state') or 'present', update_password=self.update_password, chamber=chamber['name'],
                        protected=bool(secret.get('protected') or chamber.get('protected')))
            spec.setdefault('generate_password', False)
            spec.setdefault('purge_custom_fields', False)
            out.append(Item('secret', '%s/%s' % (chamber['name'], secret['name']), spec, path, chamber=chamber['name'],
                            depends=[] if _absent(secret) else [('chamber', chamber['name'])],
                            previous=secret.get('previous_name'), chamber_previous=chamber.get('previous_name')))
        return out

    def _shares(self) -> List[Item]:
        out = []
        for path, chamber, secret in self._declared_secrets():
            shares = secret.get('shares')
            if shares is None or _absent(secret):
                continue
            label = '%s/%s' % (chamber['name'], secret['name'])
            users = [{'email': u['email'], 'permissions': list(u['permissions'])} for u in shares.get('users') or []]
            groups = [{'name': g['name'], 'permissions': list(g['permissions'])} for g in shares.get('groups') or []]
            spec = {'users': users, 'groups': groups, 'purge': self.prunes('shares'), 'secret': secret['name'], 'chamber': chamber['name'],
                    'state': 'present'}
            depends = [('secret', label)] + [('user', u['email']) for u in users] + [('group', g['name']) for g in groups]
            out.append(Item('share', label, spec, path + '.shares', chamber=chamber['name'], secret=secret['name'], depends=depends,
                            previous=secret.get('previous_name'), chamber_previous=chamber.get('previous_name')))
        return out


def declared_custom_fields(definition: Any) -> List[Any]:
    """The ``custom_fields`` of every secret of a raw definition (before it is checked: malformed parts are skipped)."""
    chambers = definition.get('chambers') if isinstance(definition, dict) else None
    found: List[Any] = []
    for chamber in chambers if isinstance(chambers, list) else []:
        secrets = chamber.get('secrets') if isinstance(chamber, dict) else None
        if isinstance(secrets, list):
            found.extend(s.get('custom_fields') for s in secrets if isinstance(s, dict))
    return found


def document_argument_spec() -> Dict[str, Any]:
    """The ``definition`` option: the whole document, validated by Ansible with the options above."""
    return {'type': 'dict', 'required': True, 'options': DOCUMENT_OPTIONS}


__all__ = ['Document', 'Item', 'ORDER', 'PRUNE_KINDS', 'DEFAULT_PRUNE_SCOPE', 'DOCUMENT_OPTIONS', 'document_argument_spec', 'fold']
