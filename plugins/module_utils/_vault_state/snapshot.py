# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The current state of the vault from a few bulk list calls, and a Vault facade that reads from it.

``Model.load`` makes one list call per kind the document manages (users, groups, chambers), one
secrets list (all secrets, or the declared chambers' when the run is limited to a few), and one
share-info call per existing secret whose shares the document declares. Nothing else is read.

``ModelVault`` is what the ``_kinds`` classes receive as their ``vault``: the read methods they use
(``users.list``, ``groups.list``, ``chambers.list/resolve/secrets``, ``secrets.find/list``,
``shares.get``) answer from the model; an explicit list of others (writes, the generator, password
reads) goes to the real API, and any other name raises ``SnapshotMiss`` instead of reading the live
vault behind the plan. So the state classes plan a document without a call per object, and their
``desired()`` resolves names (chambers, members) against the model, which includes the objects the
plan is about to create. Such an object's id is ``KNOWN_AFTER_APPLY`` until it exists.
"""

from __future__ import annotations

import copy
from typing import Any, Dict, List, Optional

from ansible_collections.zoho.vault.plugins.module_utils._api._base import describe, named, pick_one, pick_optional
from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound, PermissionDenied, VaultError

KNOWN_AFTER_APPLY = '(known after apply)'

ID_FIELD = {'user': 'userid', 'group': 'groupid', 'chamber': 'chamberid', 'secret': 'secretid'}


class Model:
    """Users, groups, chambers, secrets (by chamber id) and share info (by secret id), as lists of API objects.

    ``None`` for a list means "not loaded"; the facade then loads it on first use (one call).
    """

    def __init__(self, vault: Any) -> None:
        self.vault = vault
        self.users: Optional[List[Dict[str, Any]]] = None
        self.groups: Optional[List[Dict[str, Any]]] = None
        self.chambers: Optional[List[Dict[str, Any]]] = None
        self.secrets: Optional[List[Dict[str, Any]]] = None
        self.all_secrets = False  # every visible secret is in ``secrets``
        self.secrets_of: set = set()  # else: the chamber ids whose secrets are
        self.shares: Dict[str, Dict[str, Any]] = {}
        self.me: Optional[str] = None

    # -- loading (each at most once)
    def load_users(self) -> List[Dict[str, Any]]:
        if self.users is None:
            self.users = list(self.vault.users.list())
        return self.users

    def load_groups(self) -> List[Dict[str, Any]]:
        if self.groups is None:
            self.groups = list(self.vault.groups.list())
        return self.groups

    def load_chambers(self) -> List[Dict[str, Any]]:
        if self.chambers is None:
            self.chambers = list(self.vault.chambers.list())
        return self.chambers

    def load_all_secrets(self) -> List[Dict[str, Any]]:
        if self.all_secrets and self.secrets is not None:
            return self.secrets
        planned = [s for s in (self.secrets or []) if s.get('secretid') == KNOWN_AFTER_APPLY]
        self.secrets = list(self.vault.secrets.list()) + planned
        self.all_secrets = True
        return self.secrets

    def load_secrets_of(self, chamber_id: str) -> List[Dict[str, Any]]:
        """The secrets of one chamber: from the full list when loaded, else one call for that chamber."""
        chamber_id = str(chamber_id)
        if self.secrets is None:
            self.secrets = []
        if not self.all_secrets and chamber_id != KNOWN_AFTER_APPLY and chamber_id not in self.secrets_of:
            self.secrets.extend(self.vault.chambers.secrets(chamber_id))
            self.secrets_of.add(chamber_id)
        return [s for s in self.secrets if str(s.get('chamberid')) == chamber_id]

    def load_share(self, secret_id: str) -> Dict[str, Any]:
        secret_id = str(secret_id)
        if secret_id == KNOWN_AFTER_APPLY:
            return {'owner': None, 'users': [], 'groups': []}
        if secret_id not in self.shares:
            self.shares[secret_id] = self.vault.shares.get(secret_id)
        return self.shares[secret_id]

    def caller(self) -> str:
        """The e-mail address of the token's user (one call, only when needed: it needs the ZohoVault.users.READ scope)."""
        if self.me is None:
            self.me = (self.vault.users.current() or {}).get('emailid') or ''
        return self.me

    def caller_if_allowed(self) -> Optional[str]:
        """``caller()``, or None when the token's scopes do not allow reading it (the reference's example scopes)."""
        try:
            return self.caller()
        except PermissionDenied:
            return None

    def copy(self) -> Model:
        twin = Model(self.vault)
        for name in ('users', 'groups', 'chambers', 'secrets', 'all_secrets', 'secrets_of', 'shares', 'me'):
            setattr(twin, name, copy.deepcopy(getattr(self, name)))
        return twin

    # -- finding
    def user(self, email: str) -> Optional[Dict[str, Any]]:
        return next(iter(named(self.load_users(), 'emailid', email)), None)

    def group(self, name: str) -> Optional[Dict[str, Any]]:
        return pick_optional('group', name, named(self.load_groups(), 'groupname', name), describe('group'),
                             hint='Use the group id to choose one')

    def chamber(self, name: str) -> Optional[Dict[str, Any]]:
        """The chamber called ``name``; among several, the caller's own (as the chamber module picks)."""
        return pick_optional('chamber', name, named(self.load_chambers(), 'chambername', name), describe('chamber'),
                             hint='Use the chamber id to choose one', prefer=lambda matches: named(matches, 'owner', self.caller()))

    def chamber_by_id(self, chamber_id: str) -> Optional[Dict[str, Any]]:
        return next((c for c in self.load_chambers() if str(c.get('chamberid')) == str(chamber_id)), None)

    def secret(self, name: str, chamber_id: Optional[str]) -> Optional[Dict[str, Any]]:
        if chamber_id is None:
            return None
        return next(iter(named(self.load_secrets_of(chamber_id), 'secretname', name)), None)

    # -- recording what a change did (or will do)
    def _list(self, kind: str) -> List[Dict[str, Any]]:
        return {'user': self.load_users, 'group': self.load_groups, 'chamber': self.load_chambers,
                'secret': lambda: self.secrets if self.secrets is not None else []}[kind]()

    def put(self, kind: str, before: Optional[Dict[str, Any]], after: Optional[Dict[str, Any]]) -> None:
        """Replace ``before`` by ``after`` in the model (``None`` on either side for a create or a delete)."""
        if kind == 'share':
            return
        if kind == 'secret' and self.secrets is None:
            self.secrets = []
        items = self._list(kind)
        id_field = ID_FIELD[kind]
        if before is not None:
            gone = [i for i, obj in enumerate(items) if obj is before
                    or (before.get(id_field) not in (None, KNOWN_AFTER_APPLY) and obj.get(id_field) == before.get(id_field))]
            for index in reversed(gone):
                del items[index]
        if after is not None:
            after = dict(after)
            if not after.get(id_field):
                after[id_field] = KNOWN_AFTER_APPLY
            items.append(after)
            if kind == 'chamber' and before is None and after[id_field] != KNOWN_AFTER_APPLY:
                self.secrets_of.add(str(after[id_field]))  # a new chamber holds no secrets: nothing to list
            if kind == 'secret' and before is None and after[id_field] != KNOWN_AFTER_APPLY:
                # A secret just created is shared with nobody: no share-info call needed for it.
                self.shares[str(after[id_field])] = {'secretid': str(after[id_field]), 'owner': after.get('owner'),
                                                     'users': [], 'groups': []}

    def put_share(self, secret_id: str, info: Dict[str, Any]) -> None:
        self.shares[str(secret_id)] = info


class SnapshotMiss(VaultError):
    """A state class asked the snapshot for a read it does not serve (a bug of the collection, not of the document)."""
    default_hint = 'This is a bug of the zoho.vault collection; please report it with the task that failed'


class _Reads:
    """Base of the facade's resources: the reads it defines answer from the model; ``LIVE`` names the methods
    that go to the real resource (writes, and the password reads that a plan compares); anything else fails."""

    RESOURCE = ''
    LIVE: tuple = ()

    def __init__(self, model: Model, real: Any) -> None:
        self._model = model
        self._real = real

    def __getattr__(self, name: str) -> Any:
        if name.startswith('_'):
            raise AttributeError(name)
        if name in self.LIVE:
            return getattr(self._real, name)
        raise SnapshotMiss('internal error: the vault_state snapshot does not serve %s.%s, and a plan must not read the live '
                           'vault behind it' % (self.RESOURCE or type(self).__name__, name))


class _Users(_Reads):
    RESOURCE, LIVE = 'users', ('create', 'update', 'delete')

    def list(self) -> List[Dict[str, Any]]:
        return [dict(u) for u in self._model.load_users()]

    def current(self) -> Dict[str, Any]:
        me = self._model.caller()
        return dict(self._model.user(me) or {'emailid': me})

    def find(self, email: str) -> List[Dict[str, Any]]:
        found = self._model.user(email)
        return [dict(found)] if found else []


class _Groups(_Reads):
    RESOURCE, LIVE = 'groups', ('create', 'update', 'delete', 'add_members', 'remove_members')

    def list(self) -> List[Dict[str, Any]]:
        return [dict(g, members=list(g.get('members') or [])) for g in self._model.load_groups()]

    def find(self, name: str) -> List[Dict[str, Any]]:
        return [dict(g) for g in named(self._model.load_groups(), 'groupname', name)]

    def resolve(self, name: str) -> Dict[str, Any]:
        found = self._model.group(name)
        if found is None:
            raise NotFound('no group named %r' % (name,))
        return dict(found)


class _Chambers(_Reads):
    RESOURCE, LIVE = 'chambers', ('create', 'update', 'delete')

    def list(self) -> List[Dict[str, Any]]:
        return [dict(c) for c in self._model.load_chambers()]

    def find(self, name: str) -> List[Dict[str, Any]]:
        return [dict(c) for c in named(self._model.load_chambers(), 'chambername', name)]

    def resolve(self, name_or_id: str) -> Dict[str, Any]:
        text = str(name_or_id)
        found = self._model.chamber_by_id(text) or self._model.chamber(text)
        if found is None:
            raise NotFound('no chamber named %r' % (text,))
        return dict(found)

    def secrets(self, chamber_id: str) -> List[Dict[str, Any]]:
        return [dict(s) for s in self._model.load_secrets_of(chamber_id)]


class _Secrets(_Reads):
    RESOURCE, LIVE = 'secrets', ('create', 'update', 'delete', 'get_password')

    def list(self, chamber_id: Optional[str] = None) -> List[Dict[str, Any]]:
        if chamber_id:
            return [dict(s) for s in self._model.load_secrets_of(chamber_id)]
        return [dict(s) for s in self._model.load_all_secrets()]

    def find(self, name: str, chamber_id: Optional[str] = None) -> List[Dict[str, Any]]:
        pool = self._model.load_secrets_of(chamber_id) if chamber_id else self._model.load_all_secrets()
        return [dict(s) for s in named(pool, 'secretname', name)]

    def resolve(self, name: str, chamber_id: Optional[str] = None) -> Dict[str, Any]:
        where = ' in chamber %s' % chamber_id if chamber_id else ''
        return pick_one('secret', name, self.find(name, chamber_id), describe('secret'), where,
                        hint='Name the chamber (or use the secret id) to choose one')


class _Shares(_Reads):
    RESOURCE, LIVE = 'shares', ('share', 'revoke', 'transfer')

    def get(self, secret_id: str) -> Dict[str, Any]:
        return copy.deepcopy(self._model.load_share(secret_id))


class _Generator(_Reads):
    RESOURCE, LIVE = 'generator', ('generate',)


class ModelVault:
    """A Vault facade whose reads come from a ``Model``; ``client``, the generator and the writes are the real ones.

    Only the resources below exist: any other (emergency, audit, export) raises ``SnapshotMiss``.
    """

    def __init__(self, model: Model) -> None:
        real = model.vault
        self.model = model
        self.client = real.client
        self.users = _Users(model, real.users)
        self.groups = _Groups(model, real.groups)
        self.chambers = _Chambers(model, real.chambers)
        self.secrets = _Secrets(model, real.secrets)
        self.shares = _Shares(model, real.shares)
        self.generator = _Generator(model, real.generator)

    def __getattr__(self, name: str) -> Any:
        if name.startswith('_'):
            raise AttributeError(name)
        raise SnapshotMiss('internal error: the vault_state snapshot has no resource %r' % name)


__all__ = ['Model', 'ModelVault', 'SnapshotMiss', 'KNOWN_AFTER_APPLY', 'ID_FIELD']
