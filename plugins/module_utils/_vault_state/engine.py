# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Plan and apply a whole desired-state document through the per-kind ``_kinds`` classes.

1. **Load** the current state with a few bulk list calls (``snapshot.Model``).
2. **Plan** every declared object with its kind's state class (``desired → plan``), in dependency
   order (users → groups → chambers → secrets → shares), on a copy of the model into which each
   planned object is written as it will be (``predict``), so that later objects resolve names of
   objects the plan creates. Then **prune**: the objects inside the prune scope that the document
   does not name get a delete change from their own state class. The plan is complete before the
   first write; an error while planning writes nothing.
3. **Apply** (not in check mode): creates and updates in order, then deletes in reverse order.
   Each change is re-planned against the live model just before its write (a created chamber's
   id is only known then) and written by the state class's ``apply``. An object whose dependency
   failed is skipped; ``on_error: stop`` leaves the rest not applied, ``continue`` goes on.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional

from ansible_collections.zoho.vault.plugins.module_utils._api._base import same_name
from ansible_collections.zoho.vault.plugins.module_utils._api.scopes import name_missing_scope
from ansible_collections.zoho.vault.plugins.module_utils._vault_state import snapshot_shares as share_kind
from ansible_collections.zoho.vault.plugins.module_utils._vault_state.snapshot import ID_FIELD, KNOWN_AFTER_APPLY, Model, ModelVault
from ansible_collections.zoho.vault.plugins.module_utils._vault_state.render import summarize, text_diff
from ansible_collections.zoho.vault.plugins.module_utils._vault_state.schema import ORDER, Document, Item, fold
from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound, ValidationError, VaultError
from ansible_collections.zoho.vault.plugins.module_utils._changes import Change
from ansible_collections.zoho.vault.plugins.module_utils._kinds import chamber as chamber_kind
from ansible_collections.zoho.vault.plugins.module_utils._kinds import group as group_kind
from ansible_collections.zoho.vault.plugins.module_utils._kinds import secret as secret_kind
from ansible_collections.zoho.vault.plugins.module_utils._kinds import user as user_kind

# kind → its class (the ``_state._kind.Kind`` interface)
KINDS = {
    'user': user_kind.UserState,
    'group': group_kind.GroupState,
    'chamber': chamber_kind.ChamberState,
    'secret': secret_kind.SecretState,
    'share': share_kind.ShareState,
}

PLANNED, APPLIED, FAILED, SKIPPED, NOT_APPLIED, CONVERGED = 'planned', 'applied', 'failed', 'skipped', 'not applied', 'unchanged'


class Step:
    """One object of the plan: the item, its change (None = in sync), what it is and will be, and what happened."""

    def __init__(self, item: Item, change: Optional[Change], current: Optional[Dict[str, Any]], after: Optional[Dict[str, Any]]) -> None:
        self.item = item
        self.change = change
        self.current = current
        self.after = after
        self.status = PLANNED if change is not None else CONVERGED
        self.error: Optional[str] = None

    def as_dict(self) -> Dict[str, Any]:
        out = self.change.as_dict() if self.change is not None else {}
        # The document's label ('Prod/db') is more useful than the bare name across chambers.
        out['name'] = self.item.label
        if out.get('id') == KNOWN_AFTER_APPLY:
            del out['id']
        out['status'] = self.status
        if self.item.path:
            out['path'] = self.item.path
        if self.error:
            out['error'] = self.error
        return out

    def summary(self) -> str:
        text = self.change.summary() if self.change is not None else ''
        name = repr(self.change.name) if self.change is not None else ''
        return text.replace(name, repr(self.item.label), 1) if name else text


def _locate(states: Dict[str, Any], model: Model, item: Item) -> Optional[Dict[str, Any]]:
    """The current object of an item in a model (None when it does not exist)."""
    if item.kind == 'user':
        return model.user(item.spec['email'])
    if item.kind == 'group':
        return model.group(item.spec['name'])
    if item.kind == 'chamber':
        return _renamed(item.kind, item.spec['name'], item.previous, model.chamber)
    chamber = _renamed('chamber', item.chamber, item.chamber_previous, model.chamber) if item.chamber else None
    if chamber is None:
        return None
    found = _renamed('secret', item.secret or item.spec['name'], item.previous, lambda name: model.secret(name, chamber.get('chamberid')))
    if item.kind == 'secret':
        return found
    return share_kind.current(states['share'], model, found)


def _renamed(kind: str, name: str, previous: Optional[str], find: Callable[[str], Optional[Dict[str, Any]]]) -> Optional[Dict[str, Any]]:
    """The object called ``name``, else the one called ``previous`` (to be renamed); both existing is an error."""
    found = find(name)
    if previous is None:
        return found
    before = find(previous)
    if found is not None and before is not None and found is not before:
        raise ValidationError('%s %r and its previous_name %r both exist; delete one of them, or drop previous_name'
                              % (kind, name, previous))
    return found if found is not None else before


class Engine:
    """``Engine(vault, document, check_mode).run(on_error)`` → the module's result dict."""

    def __init__(self, vault: Any, document: Document, check_mode: bool = False, diff: bool = False,
                 states: Optional[Dict[str, Callable[..., Any]]] = None, hide: Optional[Callable[[Any], None]] = None) -> None:
        self.vault = vault
        self.hide = hide  # given the sensitive custom field values the secrets' states see (the module's no_log_values)
        self.doc = document
        self.check_mode = check_mode
        self.want_diff = diff
        self.states: Dict[str, Callable[..., Any]] = dict(KINDS)
        self.states.update(states or {})
        self.snapshot = Model(vault)
        self.steps: List[Step] = []
        self.refused: List[Dict[str, str]] = []  # deletes refused because the object is protected
        self._plan_states: Dict[str, Any] = {}

    # ------------------------------------------------------------------ load
    def load(self) -> None:
        """The bulk reads: one list per managed kind, the secrets of the declared chambers, declared shares."""
        doc, model = self.doc, self.snapshot
        items = doc.items()
        kinds = {item.kind for item in items}
        if doc.users is not None or any(i.kind == 'group' and i.spec.get('members') for i in items) \
                or any(i.kind == 'share' and i.spec.get('users') for i in items):
            model.load_users()
        if doc.groups is not None or any(i.kind == 'share' and i.spec.get('groups') for i in items):
            model.load_groups()
        if doc.chambers is not None:
            model.load_chambers()
        if 'secret' in kinds or (doc.prunes('secrets') and doc.declared_chambers()):
            found = [model.chamber(c['name']) or (model.chamber(c['previous_name']) if c.get('previous_name') else None)
                     for c in doc.declared_chambers()]
            existing = [c for c in found if c is not None]
            if doc.only_chambers is not None or len(existing) <= 1:
                for chamber in existing:
                    model.load_secrets_of(chamber['chamberid'])
            elif existing:
                model.load_all_secrets()
        shares = share_kind.ShareState(ModelVault(model))
        for item in items:
            if item.kind == 'share':
                _locate({'share': shares}, model, item)  # loads the share info of an existing secret

    # ------------------------------------------------------------------ plan
    def _state(self, kind: str, vault: Any) -> Any:
        state = self.states[kind](vault)
        if hasattr(state, 'hide'):
            state.hide = self.hide
        return state

    def _spec(self, model: Model, item: Item) -> Dict[str, Any]:
        """The item's spec, with the chamber given by id when the model knows it (no name lookups in the state class)."""
        spec = dict(item.spec)
        if item.kind in ('secret', 'share') and item.chamber:
            chamber = model.chamber(item.chamber)
            if chamber is not None and chamber.get('chamberid') not in (None, KNOWN_AFTER_APPLY):
                spec['chamber'] = str(chamber['chamberid'])
        return spec

    def _plan_one(self, states: Dict[str, Any], model: Model, item: Item) -> Step:
        state = states[item.kind]
        spec = self._spec(model, item)
        desired = state.desired(spec)
        current = _locate(states, model, item)
        if item.kind == 'share':
            self._check_share(model, item)
            if current is None:
                raise NotFound('secret %r is neither in the vault nor planned' % item.label)
        change = state.plan(current, desired, spec)
        if change is not None and item.previous and current is not None and change.action == 'update':
            name_field = 'chambername' if item.kind == 'chamber' else 'secretname'
            if not same_name(current.get(name_field), item.spec.get('name')):
                change.reason = 'renamed from %r (previous_name); %s' % (current.get(name_field), change.reason)
        after = state.predict(change, current, desired, spec)
        if item.kind == 'share' and change is not None and spec.get('purge') and 'revoke' in change.reason:
            change.reason += ' (not in the document, prune)'
        return Step(item, change, current, after)

    @staticmethod
    def _check_share(model: Model, item: Item) -> None:
        """Shares name users that exist or that the plan creates (else the write would fail half-way)."""
        missing = [u['email'] for u in item.spec.get('users') or [] if model.user(u['email']) is None]
        if missing:
            raise ValidationError('shares name %d user(s) that are not users of the vault: %s; add them to users or remove them'
                                  % (len(missing), ', '.join(missing)))

    def plan(self) -> List[Step]:
        model = self.snapshot.copy()
        vault = ModelVault(model)
        states = {kind: self._state(kind, vault) for kind in ORDER}
        self._plan_states = states
        steps: List[Step] = []
        for item in self.doc.items():
            try:
                step = self._plan_protected(states, model, item) or self._plan_one(states, model, item)
            except VaultError as err:
                err.message = '%s (%s %r): %s' % (item.path, item.kind, item.label, err.message)
                raise
            steps.append(step)
            if step.change is not None:
                if item.kind == 'share':
                    share_kind.record(model, step.after)
                else:
                    model.put(item.kind, step.current, step.after)
        steps.extend(self._prune(states, model))
        self._refuse_unwritable(steps)
        self.steps = steps
        return steps

    def _refuse_unwritable(self, steps: List[Step]) -> None:
        """The first planned write this dialect refuses, raised before anything is written (check mode too)."""
        for step in steps:
            refusal = self.vault.write_refusal(step.change)
            if refusal is not None:
                refusal.message = '%s %r: %s' % (step.item.kind, step.item.label, refusal.message)
                raise refusal

    def _prune(self, states: Dict[str, Any], model: Model) -> List[Step]:
        """Delete changes for the objects inside the prune scope that the document does not name."""
        found: List[Step] = []
        protected = {fold(name) for name in self.doc.protected_chambers()}
        for scope in self._prune_scopes(model):
            for current in list(scope.live):
                name = current.get(scope.name_key) or ''
                if current.get(scope.id_key) == KNOWN_AFTER_APPLY or fold(name) in scope.named or not scope.in_scope(current, name):
                    continue
                label = '%s/%s' % (scope.chamber, name) if scope.chamber else name
                if scope.chamber and fold(scope.chamber) in protected:
                    self._refuse(scope.kind, label, 'not in the document (prune), but chamber %r is protected' % scope.chamber)
                    continue
                spec = dict(scope.spec(current, name), state='absent')
                step = _prune_step(states[scope.kind], Item(scope.kind, label, spec, '', chamber=scope.chamber), current)
                if step is not None:
                    found.append(step)
        rank = {kind: index for index, kind in enumerate(reversed(ORDER))}
        return sorted(found, key=lambda s: rank[s.item.kind])

    def _plan_protected(self, states: Dict[str, Any], model: Model, item: Item) -> Optional[Step]:
        """A protected object declared absent stays as it is (the refusal is reported); None for any other item."""
        if item.spec.get('state') != 'absent' or not item.spec.get('protected'):
            return None
        current = _locate(states, model, item)
        if current is not None:
            self._refuse(item.kind, item.label, 'state is absent, but it is protected')
        return Step(item, None, current, current)

    def _refuse(self, kind: str, label: str, reason: str) -> None:
        self.refused.append({'action': 'delete', 'kind': kind, 'name': label, 'reason': reason})

    def _prune_scopes(self, model: Model) -> List[_PruneScope]:
        doc = self.doc
        scopes: List[_PruneScope] = []
        if doc.prunes('secrets'):
            for chamber in doc.declared_chambers():
                current = model.chamber(chamber['name'])
                if current is None or current.get('chamberid') == KNOWN_AFTER_APPLY:
                    continue
                chamber_id = str(current['chamberid'])
                scopes.append(_PruneScope('secret', 'secretid', 'secretname', [s['name'] for s in chamber.get('secrets') or []],
                                          model.load_secrets_of(current['chamberid']),
                                          _secret_spec(chamber_id),
                                          chamber=chamber['name']))
        if doc.prunes('chambers'):
            # Personal chambers are made by the vault for each user; only the caller's own chambers are in scope.
            scopes.append(_PruneScope('chamber', 'chamberid', 'chambername', [c['name'] for c in doc.chambers or []],
                                      model.load_chambers(),
                                      lambda current, name: {'name': name, 'chamber_id': str(current['chamberid']), 'force': True},
                                      in_scope=lambda current, name: doc.in_scope(name) and current.get('chambertype') != 'Personal'
                                      and fold(current.get('owner') or '') == fold(model.caller())))
        if doc.prunes('groups'):
            scopes.append(_PruneScope('group', 'groupid', 'groupname', [g['name'] for g in doc.groups or []],
                                      model.load_groups(), lambda current, name: {'name': name}))
        if doc.prunes('users'):
            scopes.append(_PruneScope('user', 'userid', 'emailid', [u['email'] for u in doc.users or []] + [model.caller()],
                                      model.load_users(), lambda current, name: {'email': name}))
        return scopes

    # ------------------------------------------------------------------ apply
    def apply(self, on_error: str = 'stop') -> None:
        live = self.snapshot
        vault = ModelVault(live)
        states = {kind: self._state(kind, vault) for kind in ORDER}
        broken = set()  # keys of items that failed or were skipped
        stopped = False
        for step in self.steps:
            if step.change is None:
                continue
            item = step.item
            if stopped:
                step.status = NOT_APPLIED
                broken.add(item.key)
                continue
            blocked = [d for d in item.depends if (d[0], fold(d[1])) in broken]
            if blocked:
                step.status = SKIPPED
                step.error = 'skipped: %s %r was not applied' % blocked[0]
                broken.add(item.key)
                continue
            try:
                self._apply_one(states, live, step, step.change)
            except VaultError as err:
                step.status = FAILED
                step.error = str(name_missing_scope(err))
                broken.add(item.key)
                if on_error == 'stop':
                    stopped = True

    def _apply_one(self, states: Dict[str, Any], live: Model, step: Step, planned: Change) -> None:
        item = step.item
        state = states[item.kind]
        change: Optional[Change] = planned
        if planned.action == 'delete':
            current = step.current
            spec = dict(item.spec)
            desired = state.desired(spec)
        else:
            spec = self._spec(live, item)
            desired = state.desired(spec)
            current = _locate(states, live, item)
            change = state.plan(current, desired, spec)
        if change is None:
            step.status = CONVERGED
            return
        result = state.apply(change, current, desired, spec)
        step.status = APPLIED
        step.after = result
        if item.kind == 'share':
            share_kind.record(live, result)
        else:
            live.put(item.kind, current, result)

    # ------------------------------------------------------------------ result
    def result(self) -> Dict[str, Any]:
        changes = [s for s in self.steps if s.change is not None]
        plan = [s.as_dict() for s in changes]
        result: Dict[str, Any] = {'plan': plan, 'summary': summarize(plan), 'refused': list(self.refused)}
        if self.check_mode:
            result['changed'] = bool(changes)
        else:
            result['changed'] = any(s.status == APPLIED for s in changes)
            result['applied'] = [s.summary() for s in changes if s.status == APPLIED]
            result['failures'] = [{'change': s.summary(), 'error': s.error} for s in changes if s.status == FAILED]
            result['not_applied'] = [s.summary() for s in changes if s.status in (SKIPPED, NOT_APPLIED, PLANNED)]
        result['ids'] = self.ids()
        if self.want_diff:
            result['diff'] = [self._diff(s, s.change) for s in self.steps if s.change is not None] or [{'before': '', 'after': ''}]
        return result

    def ids(self) -> Dict[str, Dict[str, str]]:
        """The id of every object the document declares, by kind and label, for later tasks: created ones included
        (in check mode, and where the write failed, known after apply); nothing for a deleted object."""
        out: Dict[str, Dict[str, str]] = {}
        for step in self.steps:
            kind = step.item.kind
            if kind not in ID_FIELD or (step.change is not None and step.change.action == 'delete'):
                continue  # a share has no id of its own
            obj = step.after if step.status in (APPLIED, CONVERGED) or self.check_mode else step.current
            value = (obj or {}).get(ID_FIELD[kind])
            out.setdefault(kind + 's', {})[step.item.label] = KNOWN_AFTER_APPLY if value in (None, '') else str(value)
        return out

    def failures(self) -> List[Step]:
        return [s for s in self.steps if s.status == FAILED]

    def _diff(self, step: Step, change: Change) -> Dict[str, Any]:
        state = self._plan_states[step.item.kind]
        before = state.view(step.current)
        after = state.view(step.after)
        if change.action != 'delete' and 'password' in change.field_names and after is not None:
            after['password'] = 'new'  # a stand-in, shown redacted and marked as changed
            if before is not None:
                before['password'] = 'old'
        for shown in (before, after):
            if shown is not None:
                for key in [k for k, v in shown.items() if v == KNOWN_AFTER_APPLY or (k.endswith('id') and v is None)]:
                    shown[key] = KNOWN_AFTER_APPLY
        return text_diff(step.item.kind, step.item.label, before, after, state.secret_fields, header=step.summary(),
                         secret_keys=state.secret_keys(step.current, step.after))


def _secret_spec(chamber_id: str) -> Callable[[Dict[str, Any], str], Dict[str, Any]]:
    """The delete spec of a pruned secret, bound to its chamber's id."""
    return lambda secret, name: {'name': name, 'chamber': chamber_id}


class _PruneScope:
    """What one pruned scope holds: the live objects of a kind (in one chamber for secrets), the names
    the document gives them, how to tell one (id and name keys), and the spec that deletes one.

    ``in_scope(current, name)`` is a further rule, checked last because it may cost an API call
    (``model.caller()``).
    """

    def __init__(self, kind: str, id_key: str, name_key: str, names: List[str], live: Any,
                 spec: Callable[[Dict[str, Any], str], Dict[str, Any]],
                 in_scope: Optional[Callable[[Dict[str, Any], str], bool]] = None, chamber: Optional[str] = None) -> None:
        self.kind = kind
        self.id_key = id_key
        self.name_key = name_key
        self.named = {fold(name) for name in names}
        self.live = live
        self.spec = spec
        self.in_scope = in_scope or (lambda current, name: True)
        self.chamber = chamber


def _prune_step(state: Any, item: Item, current: Dict[str, Any]) -> Optional[Step]:
    """The delete step of one object the document does not name, or None when there is nothing to do."""
    change = state.plan(current, state.desired(item.spec), item.spec)
    if change is None:
        return None
    change.reason = 'not in the document (prune)' + ('; ' + change.reason.split('; ', 1)[1] if '; ' in change.reason else '')
    return Step(item, change, current, None)


__all__ = ['Engine', 'Step', 'KINDS']
