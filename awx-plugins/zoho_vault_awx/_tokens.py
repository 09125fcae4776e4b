# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Access tokens held in the memory of the process that runs the plugins, one per credential identity.

AWX resolves credential plugins in its long-lived control-plane processes, possibly from several threads.
One ``SharedTokenProvider`` per identity (accounts URL, client id, and the hashes of the refresh token and
the client secret: the collection's ``cache_key``) mints through the collection's token endpoint and hands the
same token to every caller until it nears expiry. Nothing is written to disk; the process's end forgets it.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable, Dict, Optional

from ansible_collections.zoho.vault.plugins.module_utils._auth import REFRESH_MARGIN, RefreshTokenProvider, TokenProvider, cache_key
from ansible_collections.zoho.vault.plugins.module_utils._client import VaultClient
from ansible_collections.zoho.vault.plugins.module_utils._options import ConnectionOptions

# The clock of every provider made from now on; a simulation of hours replaces it (benchmarks/awx_busy_hour.py).
clock: Callable[[], float] = time.time


class SharedTokenProvider(RefreshTokenProvider):
    """The collection's refresh-token provider with a lock, for the threads of one process."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lock = threading.RLock()

    def token(self) -> str:
        with self._lock:
            return super().token()

    def invalidate(self, token: str, since: Optional[float] = None) -> None:
        with self._lock:
            super().invalidate(token, since)

    def token_lasting(self, seconds: float) -> str:
        """A token with at least ``seconds`` left (a job cannot refresh the token it is handed)."""
        with self._lock:
            token = super().token()
            current = self._current or {}
            # At most 5/6 of a lifetime (50 of 60 minutes: a mint per 10 minutes at worst, within Zoho's limit); a server
            # minting shorter-lived tokens would otherwise cost a mint per call.
            wanted = min(seconds, float(current.get('lifetime') or 0) * 5 / 6)
            if current.get('expires_at', 0) - self.clock() < wanted:
                super().invalidate(token, self.clock())
                token = super().token()
            return token


class Registry:
    """Identity → provider, with the client whose token endpoint it mints through."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._providers: Dict[str, SharedTokenProvider] = {}
        self._clients: Dict[str, VaultClient] = {}

    def provider(self, options: ConnectionOptions) -> SharedTokenProvider:
        key = cache_key(options.accounts_url, options.client_id or '', options.refresh_token or '', options.scopes,
                        client_secret=options.client_secret or '')
        with self._lock:
            found = self._providers.get(key)
            if found is None:
                # Its own client, which never calls the API: the token endpoint with the transport (TLS, proxy,
                # timeouts) of the first credential of this identity.
                client = VaultClient(options, token_provider=TokenProvider())
                found = SharedTokenProvider(options.client_id or '', options.client_secret or '', options.refresh_token or '',
                                            options.accounts_url, scopes=options.scopes, mint=client.mint_token, clock=clock,
                                            margin=REFRESH_MARGIN)
                self._providers[key], self._clients[key] = found, client
            return found

    def clear(self) -> None:
        with self._lock:
            for client in self._clients.values():
                client.close()
            self._providers.clear()
            self._clients.clear()


REGISTRY = Registry()
