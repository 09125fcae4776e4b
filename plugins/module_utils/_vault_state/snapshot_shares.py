# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The shares of a declared secret in the engine: ``_kinds.secret_share.ShareState`` fed from the model.

ShareState (the zoho.vault.secret_share module's logic) plans against ``current`` =
``ShareState.from_shareinfo(secret, shareinfo)``. Here that current comes from the model: the
share info of an existing secret (read once, only for secrets whose ``shares`` are declared),
or an empty one for a secret the plan creates (its id is then ``KNOWN_AFTER_APPLY``).
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from ansible_collections.zoho.vault.plugins.module_utils._vault_state.snapshot import KNOWN_AFTER_APPLY, Model
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret_share import ShareState


def current(state: ShareState, model: Model, secret: Optional[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    """ShareState's current object for ``secret`` (None when the secret neither exists nor is planned)."""
    if secret is None:
        return None
    secret_id = str(secret.get('secretid') or KNOWN_AFTER_APPLY)
    # A secret the plan creates has no shares yet: load_share answers that without a call.
    return state.from_shareinfo(dict(secret, secretid=secret_id), model.load_share(secret_id))


def record(model: Model, obj: Optional[Dict[str, Any]]) -> None:
    """Write ShareState's object back into the model as share info."""
    if obj is None or str(obj['secret'].get('secretid')) == KNOWN_AFTER_APPLY:
        return
    model.put_share(str(obj['secret']['secretid']), {
        'owner': obj.get('owner'),
        'users': [dict(v) for v in obj['users'].values()],
        'groups': [dict(v) for v in obj['groups'].values()],
    })


def to_document(state: ShareState, secret: Dict[str, Any], info: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """The ``shares`` key of an exported secret (ShareState.to_spec), None when shared with nobody."""
    spec = state.to_spec(state.from_shareinfo(secret, info))
    users = sorted(spec['users'], key=lambda u: (u['email'] or '').casefold())
    groups = sorted(spec['groups'], key=lambda g: (g['name'] or '').casefold())
    if not users and not groups:
        return None
    return {'users': users, 'groups': groups}


__all__ = ['ShareState', 'current', 'record', 'to_document']
