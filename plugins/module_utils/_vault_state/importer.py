# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The current vault as a desired-state document (import): the ``to_spec`` of each ``_kinds`` class.

The result has the schema of ``schema.DOCUMENT_OPTIONS``, so that applying it changes nothing:

- passwords are left out (an undeclared password is not managed), and so are sensitive custom fields
  (``_redact.SensitiveFields``: an undeclared custom field is kept as it is);
- a secret's ``owner`` is given only when it is not the caller (the one who applies the document), or when
  the token may not read who the caller is (no ``ZohoVault.users.READ`` scope);
- ``shares`` are given only for secrets shared with someone (a secret without ``shares`` keeps
  whatever shares it gets later; export again to see them);
- Personal chambers (one per user, made by the vault) are left out unless named in ``chambers``,
  and then without ``chamber_type``;
- of several chambers with one name (owned by different users) only the caller's own is
  exported, with a warning: a document names chambers by name.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from ansible_collections.zoho.vault.plugins.module_utils._api._base import fold, named
from ansible_collections.zoho.vault.plugins.module_utils._vault_state import snapshot_shares as share_kind
from ansible_collections.zoho.vault.plugins.module_utils._vault_state.snapshot import Model
from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound
from ansible_collections.zoho.vault.plugins.module_utils._kinds.chamber import ChamberState
from ansible_collections.zoho.vault.plugins.module_utils._kinds.group import GroupState
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret import SecretState
from ansible_collections.zoho.vault.plugins.module_utils._kinds.user import UserState

INCLUDE = ('users', 'groups', 'chambers')


def _by(key: str):
    return lambda obj: fold(obj.get(key) or '')


def export(vault: Any, include: Optional[List[str]] = None, chambers: Optional[List[str]] = None, shares: bool = True,
           warn: Any = None) -> Dict[str, Any]:
    """``{'definition': document, 'counts': {...}}`` for the whole vault, or only the named ``chambers``."""
    include = list(include if include is not None else INCLUDE)
    warn = warn or (lambda msg: None)
    model = Model(vault)
    doc: Dict[str, Any] = {}
    counts: Dict[str, int] = {}
    if 'users' in include:
        users = UserState(vault)
        doc['users'] = sorted((users.to_spec(u) for u in model.load_users()), key=_by('email'))
        counts['users'] = len(doc['users'])
    if 'groups' in include:
        groups = GroupState(vault)
        doc['groups'] = sorted((groups.to_spec(g) for g in model.load_groups()), key=_by('name'))
        for group in doc['groups']:
            group['members'] = sorted(group.get('members') or [], key=fold)
        counts['groups'] = len(doc['groups'])
    if 'chambers' in include:
        doc['chambers'] = _chambers(vault, model, chambers, shares, warn)
        counts['chambers'] = len(doc['chambers'])
        counts['secrets'] = sum(len(c['secrets']) for c in doc['chambers'])
        counts['shared_secrets'] = sum(1 for c in doc['chambers'] for s in c['secrets'] if s.get('shares'))
    return {'definition': doc, 'counts': counts}


def _chambers(vault: Any, model: Model, names: Optional[List[str]], with_shares: bool, warn: Any) -> List[Dict[str, Any]]:
    picked = _pick_chambers(model, names, warn)
    if len(picked) > 1 and not names:
        model.load_all_secrets()
    states = (ChamberState(vault), SecretState(vault), share_kind.ShareState(vault))
    # Without the scope to read the caller every owner is given: applying the document leaves an owner that is already right.
    me = fold(model.caller_if_allowed() or '') if any(model.load_secrets_of(str(c['chamberid'])) for c in picked) else ''
    return [_chamber_entry(model, chamber, states, me, with_shares) for chamber in picked]


def _pick_chambers(model: Model, names: Optional[List[str]], warn: Any) -> List[Dict[str, Any]]:
    """The chambers to export: the named ones (each must exist), else every one but Personal chambers.

    Of several chambers with one name only the caller's own is exported (a document names chambers by name);
    the others are named in a warning.
    """
    wanted = {fold(n) for n in names} if names else None
    by_name: Dict[str, List[Dict[str, Any]]] = {}
    for chamber in model.load_chambers():
        name = fold(chamber.get('chambername'))
        if (name in wanted) if wanted is not None else chamber.get('chambertype') != 'Personal':
            by_name.setdefault(name, []).append(chamber)
    missing = sorted(n for n in names or [] if fold(n) not in by_name)
    if missing:
        raise NotFound('no chamber named %s is visible to this user' % ', '.join(repr(n) for n in missing))
    picked = []
    for _name, found in sorted(by_name.items()):
        if len(found) > 1:
            own = named(found, 'owner', model.caller())
            others = ', '.join('%s (owner %s)' % (c.get('chamberid'), c.get('owner')) for c in found if c not in own[:1])
            warn('%d chambers are named %r; exported %s, left out %s' % (
                len(found), found[0].get('chambername'), 'the caller\'s own' if own else 'none', others))
            found = own[:1]
        picked.extend(found)
    return picked


def _chamber_entry(model: Model, chamber: Dict[str, Any], states: Tuple[Any, Any, Any], me: str, with_shares: bool) -> Dict[str, Any]:
    """A chamber with its secrets, as the document declares it."""
    chamber_state, secret_state, share_state = states
    spec = chamber_state.to_spec(chamber)
    if chamber.get('chambertype') == 'Personal':
        spec.pop('chamber_type', None)
    secrets = []
    for secret in sorted(model.load_secrets_of(str(chamber['chamberid'])), key=_by('secretname')):
        # Sensitive custom fields are left out like passwords: applying the document keeps them as they are.
        entry = secret_state.to_spec(secret_state.sensitive.conceal(secret, mask=None))
        entry.pop('chamber', None)
        if not entry.get('owner') or (me and fold(entry['owner']) == me):
            entry.pop('owner', None)
        if with_shares:
            shared = share_kind.to_document(share_state, secret, model.load_share(str(secret['secretid'])))
            if shared:
                entry['shares'] = shared
        secrets.append(entry)
    spec['secrets'] = secrets
    return spec


__all__ = ['export', 'INCLUDE']
