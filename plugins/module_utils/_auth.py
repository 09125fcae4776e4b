# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Access-token providers and the cross-process token cache.

Zoho mints at most 10 access tokens per refresh token in 10 minutes and a token lives
an hour, while Ansible forks a process per host and task. So the access token is shared
by every process of the user through a small cache file:

* directory 0700, file 0600, written atomically (temp file + rename);
* nothing another user could have planted is trusted: a directory that is not the user's own or
  that others may write to is refused, on read as on write; entries and locks are opened without
  following symlinks and must be regular files of the user, writable by nobody else (a FIFO
  planted as an entry would otherwise block every process that opens it);
* a token no HTTP header can carry (CR/LF, spaces, non-ASCII) is refused when minted and
  dropped when read, rather than failing every request for an hour;
* an exclusive ``fcntl`` lock around "read, mint if needed, write", so that N processes
  starting at once mint exactly one token;
* keyed on accounts URL + client id + sha256(refresh token) + sha256(client secret) + scopes
  (a wrong or rotated client secret must not ride on a token minted with the right one); the file holds only
  the access token and its expiry, never the client secret or the refresh token;
* a token with less than ``REFRESH_MARGIN`` seconds left is refreshed ahead of expiry;
* ``invalidate(token)`` (after a 401) drops the entry only if it still holds that token,
  so N processes seeing the same 401 still mint one replacement.

The providers know no HTTP: the client hands ``RefreshTokenProvider`` a ``mint`` callable.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import time
from typing import Any, Callable, Dict, Optional, Sequence, Tuple

from ansible_collections.zoho.vault.plugins.module_utils._errors import AuthError, ConfigError
from ansible_collections.zoho.vault.plugins.module_utils._private_files import FileLock, atomic_write, open_private

REFRESH_MARGIN = 300  # seconds: refresh when less than this is left
# Visible ASCII: what an Authorization header can carry (Zoho tokens are like 1000.<hex>.<hex>).
_TOKEN_RE = re.compile(r'[\x21-\x7e]+\Z')
DEFAULT_EXPIRES_IN = 3600

# mint(client_id, client_secret, refresh_token) -> {"access_token": str, "expires_in": int, ...}
MintFunc = Callable[[str, str, str], Dict[str, Any]]


def valid_token(token: Any) -> bool:
    """True when ``token`` can go into an HTTP header as it is."""
    return isinstance(token, str) and bool(_TOKEN_RE.match(token))


def minted_at(entry: Optional[Dict[str, Any]]) -> Optional[float]:
    """When a cached token was minted (local clock), if the entry tells."""
    if not entry:
        return None
    value = entry.get('minted_at')
    if isinstance(value, (int, float)):
        return float(value)
    lifetime = entry.get('lifetime')
    if isinstance(lifetime, (int, float)) and isinstance(entry.get('expires_at'), (int, float)):
        return float(entry['expires_at']) - float(lifetime)
    return None


def minted_since(entry: Optional[Dict[str, Any]], not_before: Optional[float]) -> bool:
    """After a 401 only a token minted since the refused request was sent can be trusted."""
    if not_before is None:
        return True
    when = minted_at(entry)
    return when is not None and when >= not_before


def distrust_before(not_before: Optional[float], since: Optional[float]) -> Optional[float]:
    """The new bound after a 401 of a request sent at ``since``: tokens minted before it are suspect
    too (a reset or clock change on the server can void several at once)."""
    if since is None:
        return not_before
    return since if not_before is None else max(not_before, since)


def usable(entry: Optional[Dict[str, Any]], now: float, margin: float = REFRESH_MARGIN) -> bool:
    """True while more than the refresh margin is left (a quarter of the lifetime for short-lived tokens)."""
    if not entry:
        return False
    lifetime = entry.get('lifetime')
    if isinstance(lifetime, (int, float)) and lifetime > 0:
        margin = min(margin, lifetime / 4.0)
    return entry['expires_at'] - now > margin


def cache_key(accounts_url: str, client_id: str, refresh_token: str, scopes: Sequence[str] = (), client_secret: str = '') -> str:
    """sha256 over the identity; the refresh token and the client secret enter only as their own sha256."""
    rt_hash = hashlib.sha256(refresh_token.encode('utf-8')).hexdigest()
    cs_hash = hashlib.sha256(client_secret.encode('utf-8')).hexdigest()
    material = '\n'.join([accounts_url.rstrip('/').lower(), client_id, rt_hash, cs_hash, ','.join(sorted(scopes))])
    return hashlib.sha256(material.encode('utf-8')).hexdigest()


class TokenCache:
    """A directory of ``<key>.json`` entries ``{"access_token", "expires_at"}`` with ``<key>.lock`` lock files."""

    def __init__(self, directory: str, clock: Callable[[], float] = time.time) -> None:
        self.directory = directory
        self.clock = clock
        self._ready = False

    # -- directory ------------------------------------------------------------------

    def ensure_dir(self) -> None:
        """Create the directory, or check an existing one: the user's own, writable by nobody else."""
        if self._ready:
            return
        try:
            os.makedirs(self.directory, mode=0o700, exist_ok=True)
            st = os.stat(self.directory)
            if st.st_uid != os.getuid():
                raise ConfigError('token_cache_dir %s belongs to another user; choose a private directory or set token_cache=false'
                                  % self.directory)
            if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                # Someone else may already have planted entries or locks there: tightening is too late.
                raise ConfigError('token_cache_dir %s is writable by other users (mode %o); choose a private directory, '
                                  'or empty it and chmod 700, or set token_cache=false' % (self.directory, stat.S_IMODE(st.st_mode)))
            if stat.S_IMODE(st.st_mode) != 0o700:
                os.chmod(self.directory, 0o700)
        except OSError as exc:
            raise ConfigError('token_cache_dir %s is not usable (%s); choose another directory or set token_cache=false'
                              % (self.directory, exc.strerror or exc)) from None
        self._ready = True

    def _path(self, key: str, suffix: str) -> str:
        return os.path.join(self.directory, key + suffix)

    # -- entries --------------------------------------------------------------------

    def read(self, key: str) -> Optional[Dict[str, Any]]:
        """The entry, or ``None`` when absent, unreadable, malformed or not written by this user alone."""
        self.ensure_dir()
        try:
            with os.fdopen(open_private(self._path(key, '.json'), os.O_RDONLY), 'r') as handle:
                entry = json.load(handle)
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or not valid_token(entry.get('access_token')) or \
                not isinstance(entry.get('expires_at'), (int, float)):
            return None
        return entry

    def fresh(self, key: str, margin: float = REFRESH_MARGIN) -> Optional[Dict[str, Any]]:
        entry = self.read(key)
        if entry and usable(entry, self.clock(), margin):
            return entry
        return None

    def write(self, key: str, access_token: str, expires_at: float, lifetime: Optional[float] = None,
              minted: Optional[float] = None) -> None:
        """Atomic: a 0600 temp file in the same directory, fsync, rename over the entry (never through a link)."""
        self.ensure_dir()
        data = json.dumps({'access_token': access_token, 'expires_at': expires_at, 'lifetime': lifetime, 'minted_at': minted})
        atomic_write(self.directory, self._path(key, '.json'), data.encode('utf-8'), prefix='.' + key[:16])

    def delete(self, key: str) -> None:
        try:
            os.unlink(self._path(key, '.json'))
        except OSError as exc:
            if exc.errno != errno.ENOENT:
                raise

    # -- locking --------------------------------------------------------------------

    def lock(self, key: str) -> FileLock:
        self.ensure_dir()
        return FileLock(self._path(key, '.lock'), refuse=_lock_refused)


def _lock_refused(path: str, exc: OSError) -> Exception:
    return ConfigError('the token cache lock %s is not a regular file of yours (%s); remove it, or set token_cache=false'
                       % (path, exc.strerror or exc))


class TokenProvider:
    """Interface: ``token()`` returns a usable access token; ``invalidate(token)`` after a 401."""

    can_refresh = False

    def token(self) -> str:
        raise NotImplementedError

    def invalidate(self, token: str, since: Optional[float] = None) -> None:
        """Forget ``token`` after a 401 of a request sent at ``since`` (default: when this provider
        last handed a token out); providers that cannot refresh do nothing."""

    def secret_values(self) -> Tuple[str, ...]:
        return ()


class StaticTokenProvider(TokenProvider):
    """A fixed access token given by the user (``access_token`` option); never refreshed."""

    def __init__(self, access_token: str) -> None:
        if not access_token:
            raise ConfigError('access_token is empty')
        if not valid_token(access_token):
            raise ConfigError('access_token contains characters an HTTP header cannot carry (spaces, line breaks or non-ASCII); '
                              'copy the token again')
        self._token = access_token

    def token(self) -> str:
        return self._token

    def secret_values(self) -> Tuple[str, ...]:
        return (self._token,)


class RefreshTokenProvider(TokenProvider):
    """The OAuth refresh-token flow with an optional shared ``TokenCache``.

    ``mint`` performs the token request (the client supplies it). Counters: ``minted``.
    """

    can_refresh = True

    def __init__(self, client_id: str, client_secret: str, refresh_token: str, accounts_url: str,
                 scopes: Sequence[str] = (), cache: Optional[TokenCache] = None, mint: Optional[MintFunc] = None,
                 clock: Callable[[], float] = time.time, margin: float = REFRESH_MARGIN, first_token: Optional[str] = None) -> None:
        if not (client_id and client_secret and refresh_token):
            raise ConfigError('set either access_token or client_id, client_secret and refresh_token')
        self.client_id = client_id
        self._client_secret = client_secret
        self._refresh_token = refresh_token
        self.accounts_url = accounts_url
        self.scopes = tuple(scopes)
        self.cache = cache
        self.mint = mint
        self.clock = clock
        self.margin = margin
        self.key = cache_key(accounts_url, client_id, refresh_token, self.scopes, client_secret=client_secret)
        self.minted = 0
        self._current: Optional[Dict[str, Any]] = None
        # After a 401, cached tokens minted before the refused request was sent are suspect too (a
        # reset or clock change on the server can void several at once): only newer ones are used.
        self._not_before: Optional[float] = None
        self._handed_out: Optional[float] = None
        if first_token:
            # A token handed over by whoever minted it (AWX's control plane): used until the API refuses it,
            # then this provider mints its own. Its expiry is unknown here, so only a 401 retires it.
            if not valid_token(first_token):
                raise ConfigError('access_token contains characters an HTTP header cannot carry (spaces, line breaks or non-ASCII); '
                                  'copy the token again')
            self._current = {'access_token': first_token, 'expires_at': float('inf'), 'lifetime': None, 'minted_at': None}

    @classmethod
    def from_options(cls, options: Any, mint: Optional[MintFunc] = None, clock: Callable[[], float] = time.time) -> RefreshTokenProvider:
        cache = TokenCache(options.token_cache_dir, clock=clock) if options.token_cache else None
        return cls(options.client_id, options.client_secret, options.refresh_token, options.accounts_url,
                   scopes=options.scopes, cache=cache, mint=mint, clock=clock, first_token=options.access_token)

    def secret_values(self) -> Tuple[str, ...]:
        values = [self._client_secret, self._refresh_token]
        if self._current:
            values.append(self._current['access_token'])
        return tuple(values)

    def _usable(self, entry: Optional[Dict[str, Any]]) -> bool:
        return usable(entry, self.clock(), self.margin) and minted_since(entry, self._not_before)

    def _cached(self) -> Optional[Dict[str, Any]]:
        entry = self.cache.fresh(self.key, self.margin) if self.cache is not None else None
        return entry if minted_since(entry, self._not_before) else None

    def token(self) -> str:
        self._handed_out = self.clock()
        current = self._current
        if current is not None and self._usable(current):
            return current['access_token']
        if self.cache is None:
            self._current = self._mint()
            return self._current['access_token']
        entry = self._cached()  # fast path, no lock
        if entry is None:
            with self.cache.lock(self.key):
                entry = self._cached()  # another process may have minted meanwhile
                if entry is None:
                    entry = self._mint()
                    self.cache.write(self.key, entry['access_token'], entry['expires_at'], entry['lifetime'], entry['minted_at'])
        self._current = entry
        return entry['access_token']

    def invalidate(self, token: str, since: Optional[float] = None) -> None:
        self._not_before = distrust_before(self._not_before, since if since is not None else self._handed_out)
        if self._current and self._current['access_token'] == token:
            self._current = None
        if self.cache is None:
            return
        with self.cache.lock(self.key):
            entry = self.cache.read(self.key)
            if entry and entry['access_token'] == token:
                self.cache.delete(self.key)

    def _mint(self) -> Dict[str, Any]:
        if self.mint is None:
            raise ConfigError('RefreshTokenProvider has no mint function (build it through VaultClient)')
        reply = self.mint(self.client_id, self._client_secret, self._refresh_token)
        token = reply.get('access_token') if isinstance(reply, dict) else None
        if not isinstance(token, str) or not token:
            raise AuthError('the token endpoint replied without an access token', context='POST /oauth/v2/token')
        if not valid_token(token):
            # Never cached: every request would fail with it for an hour.
            raise AuthError('the token endpoint returned an access token that no HTTP header can carry (spaces, line breaks or '
                            'non-ASCII)', context='POST /oauth/v2/token', hint='Check accounts_url: it must be the Zoho accounts server')
        try:
            expires_in = float(reply.get('expires_in') or DEFAULT_EXPIRES_IN)
        except (TypeError, ValueError):
            expires_in = DEFAULT_EXPIRES_IN
        self.minted += 1
        now = self.clock()
        return {'access_token': token, 'expires_at': now + expires_in, 'lifetime': expires_in, 'minted_at': now}
