# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""One configured provider process: the collection's Vault facade, a snapshot of list results, errors as diagnostics.

Terraform refreshes every resource with its own ``ReadResource`` call, up to ten at a time. Each read asks
the ``Snapshot`` (the collection's ``_vault_state`` model), which lists users, groups, chambers and secrets
once per provider process and answers every later read from that list; so a no-change plan of hundreds of
secrets costs a handful of list calls, not one call per resource. Writes go to the API and are recorded in
the model, so that a later read in the same process sees them.

All API work is serialised on one lock: the client (token refresh, pacing, the session) is not shared
between threads, and gRPC serves calls on a thread pool.
"""

from __future__ import annotations

import sys
import threading
from contextlib import contextmanager
from typing import Any, Callable, Dict, Iterator, List, Optional, TypeVar

from ansible_collections.zoho.vault.plugins.module_utils._api import Vault
from ansible_collections.zoho.vault.plugins.module_utils._api._base import looks_like_id
from ansible_collections.zoho.vault.plugins.module_utils._api.scopes import name_missing_scope
from ansible_collections.zoho.vault.plugins.module_utils._errors import Conflict, NotFound, VaultError
from ansible_collections.zoho.vault.plugins.module_utils._redact import redact
from ansible_collections.zoho.vault.plugins.module_utils._vault_state.snapshot import ID_FIELD, Model

T = TypeVar('T')
IMPORT_HINT = ('It exists already: bring it under Terraform with terraform import (each resource documents its import id), '
               'or choose another name')


def warn(message: str) -> None:
    # stdout belongs to the go-plugin handshake; Terraform keeps a plugin's stderr in its log (TF_LOG).
    print('[WARN] zohovault: %s' % message, file=sys.stderr)


class Session:
    """The configured client and the per-process snapshot of list results."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.model = Model(vault)
        self.lock = threading.RLock()

    @classmethod
    def from_options(cls, options: Any) -> Session:
        return cls(Vault.from_options(options, warn=warn))

    def message(self, err: Exception) -> str:
        """The modules' one-line message of ``err``, secrets masked."""
        if isinstance(err, Conflict):
            err.hint = IMPORT_HINT
        if isinstance(err, VaultError):
            return redact(str(name_missing_scope(err)), self.vault.client.secret_values())
        return redact('internal error of the zohovault provider: %s: %s' % (type(err).__name__, err), self.vault.client.secret_values())

    # -- reads from the snapshot
    def objects(self, kind: str) -> List[Dict[str, Any]]:
        """Every visible object of ``kind`` (user, group, chamber, secret), listed once per process."""
        with self.lock:
            loader: Callable[[], List[Dict[str, Any]]] = {
                'user': self.model.load_users, 'group': self.model.load_groups,
                'chamber': self.model.load_chambers, 'secret': self.model.load_all_secrets,
            }[kind]
            return [dict(obj) for obj in loader()]

    def by_id(self, kind: str, object_id: str, getter: Callable[[str], Dict[str, Any]]) -> Optional[Dict[str, Any]]:
        """The object with ``object_id`` from the snapshot; one GET when the list does not hold it (None when gone)."""
        field = ID_FIELD[kind]
        found = next((obj for obj in self.objects(kind) if str(obj.get(field)) == str(object_id)), None)
        if found is not None:
            return found
        if not looks_like_id(object_id):
            return None
        with self.lock:
            try:
                return getter(str(object_id))
            except NotFound:
                return None

    def share_info(self, secret_id: str) -> Dict[str, Any]:
        with self.lock:
            return dict(self.model.load_share(secret_id))

    # -- writes
    def record(self, kind: str, before: Optional[Dict[str, Any]], after: Optional[Dict[str, Any]]) -> None:
        """Keep the snapshot true after a write (only kinds already listed; the others list fresh when asked)."""
        with self.lock:
            if kind == 'share':
                if before is not None:
                    self.model.shares.pop(str(before.get('secretid')), None)
                return
            loaded = {'user': self.model.users, 'group': self.model.groups, 'chamber': self.model.chambers,
                      'secret': self.model.secrets}[kind]
            if loaded is not None:
                self.model.put(kind, before, after)

    @contextmanager
    def calls(self) -> Iterator[None]:
        with self.lock:
            yield


@contextmanager
def diagnosed(ctx: Any, session: Optional[Session]) -> Iterator[None]:
    """Turn an error inside the block into one Terraform error diagnostic with the modules' one-line message."""
    try:
        yield
    except VaultError as err:
        text = session.message(err) if session else str(err)
        ctx.diagnostics.add_error(text, '')
    except Exception as err:  # pylint: disable=broad-except  # never a traceback in front of the user
        text = session.message(err) if session else 'internal error of the zohovault provider: %s' % type(err).__name__
        ctx.diagnostics.add_error(text, '')


def run(ctx: Any, session: Optional[Session], action: Callable[[], T], fallback: Any = None) -> Any:
    """``action()`` with errors as diagnostics (``fallback`` after an error: a failed read must not look like a gone object)."""
    if session is None:
        ctx.diagnostics.add_error('the zohovault provider is not configured', '')
        return fallback
    with diagnosed(ctx, session):
        return action()
    return fallback
