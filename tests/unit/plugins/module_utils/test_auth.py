# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Token providers and the cross-process token cache."""


import fcntl
import json
import multiprocessing
import os
import stat
import threading
import time

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._private_files import FileLock
from ansible_collections.zoho.vault.plugins.module_utils._auth import (
    RefreshTokenProvider, StaticTokenProvider, TokenCache, cache_key, distrust_before,
)
from ansible_collections.zoho.vault.plugins.module_utils._errors import AuthError, ConfigError

SECRET = 'client-secret-value'
REFRESH = '1000.refresh-token-value'


class Minter:
    def __init__(self, expires_in=3600):
        self.count = 0
        self.expires_in = expires_in

    def __call__(self, client_id, client_secret, refresh_token):
        assert (client_secret, refresh_token) == (SECRET, REFRESH)
        self.count += 1
        return {'access_token': 'tok-%d' % self.count, 'expires_in': self.expires_in}


def provider(tmp_path, mint, clock=time.time, cache=True):
    cache_obj = TokenCache(str(tmp_path / 'tokens'), clock=clock) if cache else None
    return RefreshTokenProvider('1000.CLIENT', SECRET, REFRESH, 'https://accounts.zoho.com', scopes=['b', 'a'],
                                cache=cache_obj, mint=mint, clock=clock)


def test_key_identity():
    base = cache_key('https://accounts.zoho.com', 'id', REFRESH, ['a', 'b'])
    assert base == cache_key('https://accounts.zoho.com/', 'id', REFRESH, ['b', 'a'])
    assert base != cache_key('https://accounts.zoho.eu', 'id', REFRESH, ['a', 'b'])
    assert base != cache_key('https://accounts.zoho.com', 'id2', REFRESH, ['a', 'b'])
    assert base != cache_key('https://accounts.zoho.com', 'id', REFRESH + 'x', ['a', 'b'])
    assert base != cache_key('https://accounts.zoho.com', 'id', REFRESH, ['a'])
    assert base != cache_key('https://accounts.zoho.com', 'id', REFRESH, ['a', 'b'], client_secret='rotated')
    assert REFRESH not in base


def test_cache_file_modes_and_content(tmp_path):
    mint = Minter()
    p = provider(tmp_path, mint)
    assert p.token() == 'tok-1'
    directory = tmp_path / 'tokens'
    assert stat.S_IMODE(os.stat(str(directory)).st_mode) == 0o700
    entry_path = directory / (p.key + '.json')
    assert stat.S_IMODE(os.stat(str(entry_path)).st_mode) == 0o600
    raw = entry_path.read_text()
    assert SECRET not in raw and REFRESH not in raw
    assert set(json.loads(raw)) == {'access_token', 'expires_at', 'lifetime', 'minted_at'}
    # no temp files left behind
    assert sorted(f.name for f in directory.iterdir()) == sorted([p.key + '.json', p.key + '.lock'])


def test_existing_loose_dir_is_tightened(tmp_path):
    directory = tmp_path / 'tokens'
    directory.mkdir(mode=0o755)
    os.chmod(str(directory), 0o755)
    provider(tmp_path, Minter()).token()
    assert stat.S_IMODE(os.stat(str(directory)).st_mode) == 0o700


def test_second_provider_reuses_cached_token(tmp_path):
    mint = Minter()
    assert provider(tmp_path, mint).token() == 'tok-1'
    assert provider(tmp_path, mint).token() == 'tok-1'
    assert mint.count == 1


def test_refresh_ahead_of_expiry(tmp_path):
    now = [1000000.0]
    mint = Minter(expires_in=3600)
    p = provider(tmp_path, mint, clock=lambda: now[0])
    assert p.token() == 'tok-1'
    now[0] += 3600 - 301
    assert p.token() == 'tok-1'
    now[0] += 2  # less than 5 minutes left
    assert p.token() == 'tok-2'
    assert mint.count == 2


def test_short_lived_tokens_are_not_reminted_every_call(tmp_path):
    now = [1000000.0]
    mint = Minter(expires_in=8)
    p = provider(tmp_path, mint, clock=lambda: now[0])
    assert p.token() == 'tok-1'
    now[0] += 5
    assert p.token() == 'tok-1'
    now[0] += 1.5  # a quarter of the lifetime left
    assert p.token() == 'tok-2'


def test_invalidate_compare_and_delete(tmp_path):
    mint = Minter()
    a = provider(tmp_path, mint)
    b = provider(tmp_path, mint)
    assert a.token() == b.token() == 'tok-1'
    a.invalidate('tok-1')
    assert a.token() == 'tok-2'
    # b saw the same 401 a moment later: it must not throw away tok-2
    b.invalidate('tok-1')
    assert b.token() == 'tok-2'
    assert mint.count == 2


def test_after_a_401_an_older_cached_token_is_not_trusted_either(tmp_path):
    # A server reset or clock change voids every token minted before it: after one 401 the
    # provider must not take another old token from the cache, or the single retry fails too.
    now = [1000.0]
    mint = Minter()
    other = provider(tmp_path, mint, clock=lambda: now[0])
    assert other.token() == 'tok-1'            # minted at 1000 and cached (another process)
    now[0] = 1010.0
    p = provider(tmp_path, mint, clock=lambda: now[0])
    p._current = {'access_token': 'stale', 'expires_at': 5000.0, 'lifetime': 3600.0, 'minted_at': 900.0}
    assert p.token() == 'stale'                # handed out at 1010, refused by the server
    now[0] = 1011.0
    p.invalidate('stale')
    assert p.token() == 'tok-2'                # tok-1 (minted at 1000 < 1010) is skipped
    assert mint.count == 2


def test_after_a_401_a_token_minted_since_by_another_process_is_used(tmp_path):
    now = [1000.0]
    mint = Minter()
    a = provider(tmp_path, mint, clock=lambda: now[0])
    b = provider(tmp_path, mint, clock=lambda: now[0])
    assert a.token() == b.token() == 'tok-1'   # both send with tok-1 at 1000
    now[0] = 1001.0
    a.invalidate('tok-1')
    assert a.token() == 'tok-2'                # minted at 1001
    b.invalidate('tok-1')
    assert b.token() == 'tok-2'                # minted after b's request was sent: trusted
    assert mint.count == 2


def test_no_cache_mints_per_provider(tmp_path):
    mint = Minter()
    assert provider(tmp_path, mint, cache=False).token() == 'tok-1'
    assert provider(tmp_path, mint, cache=False).token() == 'tok-2'
    assert not (tmp_path / 'tokens').exists()


def test_corrupt_entry_is_ignored(tmp_path):
    mint = Minter()
    p = provider(tmp_path, mint)
    p.cache.ensure_dir()
    (tmp_path / 'tokens' / (p.key + '.json')).write_text('{not json')
    assert p.token() == 'tok-1'


def test_static_provider():
    p = StaticTokenProvider('abc')
    assert p.token() == 'abc' and not p.can_refresh
    p.invalidate('abc')
    assert p.token() == 'abc'
    with pytest.raises(ConfigError):
        StaticTokenProvider('')


def test_foreign_owned_dir_refused(tmp_path, monkeypatch):
    cache = TokenCache(str(tmp_path / 'tokens'))
    monkeypatch.setattr(os, 'getuid', lambda: os.stat(str(tmp_path)).st_uid + 1)
    with pytest.raises(ConfigError) as info:
        cache.ensure_dir()
    assert 'token_cache=false' in str(info.value)


def _worker(directory, counter_path, start_at, queue):
    def mint(client_id, client_secret, refresh_token):
        # Count mints across processes in a file (append is atomic for small writes).
        with open(counter_path, 'a') as handle:
            handle.write('x\n')
        time.sleep(0.2)  # a slow token endpoint widens the race window
        return {'access_token': 'tok-%d' % os.getpid(), 'expires_in': 3600}
    p = RefreshTokenProvider('1000.CLIENT', SECRET, REFRESH, 'https://accounts.zoho.com',
                             cache=TokenCache(directory), mint=mint)
    while time.time() < start_at:
        time.sleep(0.001)
    queue.put(p.token())


def test_concurrent_processes_mint_one_token(tmp_path):
    ctx = multiprocessing.get_context('fork') if hasattr(os, 'fork') else multiprocessing.get_context()
    directory = str(tmp_path / 'tokens')
    counter = str(tmp_path / 'mints')
    queue = ctx.Queue()
    start_at = time.time() + 1.0
    procs = [ctx.Process(target=_worker, args=(directory, counter, start_at, queue)) for _unused in range(16)]
    for proc in procs:
        proc.start()
    tokens = [queue.get(timeout=30) for _unused in procs]
    for proc in procs:
        proc.join(30)
    with open(counter) as handle:
        assert len(handle.readlines()) == 1
    assert len(set(tokens)) == 1


# -- a cache directory or entry someone else could have planted -----------------------------------

def planted(tmp_path, name_suffix='.json', token='planted-token', mode=0o600):
    """A valid-looking entry for the provider's key, as another user could have written it."""
    directory = tmp_path / 'tokens'
    directory.mkdir(mode=0o700, exist_ok=True)
    p = provider(tmp_path, Minter())
    path = directory / (p.key + name_suffix)
    path.write_text(json.dumps({'access_token': token, 'expires_at': time.time() + 3000, 'lifetime': 3600,
                                'minted_at': time.time() - 600}))
    os.chmod(str(path), mode)
    return p, path


@pytest.mark.parametrize('mode', [0o777, 0o770, 0o1777])
def test_a_group_or_world_writable_cache_dir_is_refused_on_read(tmp_path, mode):
    p, _unused = planted(tmp_path)
    os.chmod(str(tmp_path / 'tokens'), mode)
    with pytest.raises(ConfigError) as info:
        p.token()
    text = str(info.value)
    assert 'token_cache_dir' in text and 'writable' in text and '\n' not in text
    assert p.mint.count == 0


def test_a_foreign_owned_cache_dir_is_refused_on_read(tmp_path, monkeypatch):
    p, _unused = planted(tmp_path)
    monkeypatch.setattr(os, 'getuid', lambda: os.stat(str(tmp_path)).st_uid + 1)
    with pytest.raises(ConfigError) as info:
        p.token()
    assert 'another user' in str(info.value)


@pytest.mark.parametrize('mode', [0o620, 0o606, 0o666])
def test_a_group_or_world_writable_entry_is_never_used(tmp_path, mode):
    p, _unused = planted(tmp_path, mode=mode)
    assert p.token() == 'tok-1' and p.mint.count == 1


def test_a_symlinked_entry_is_never_followed(tmp_path):
    p, _unused = planted(tmp_path)
    elsewhere = tmp_path / 'elsewhere.json'
    os.replace(str(tmp_path / 'tokens' / (p.key + '.json')), str(elsewhere))
    os.symlink(str(elsewhere), str(tmp_path / 'tokens' / (p.key + '.json')))
    before = elsewhere.read_text()
    assert p.token() == 'tok-1'
    assert elsewhere.read_text() == before  # the link was replaced, not written through
    assert not os.path.islink(str(tmp_path / 'tokens' / (p.key + '.json')))


def test_a_fifo_entry_neither_blocks_nor_is_used(tmp_path):
    p = provider(tmp_path, Minter())
    (tmp_path / 'tokens').mkdir(mode=0o700)
    os.mkfifo(str(tmp_path / 'tokens' / (p.key + '.json')), 0o600)
    result = []
    worker = threading.Thread(target=lambda: result.append(p.token()), daemon=True)
    worker.start()
    worker.join(5)
    assert result == ['tok-1']


@pytest.mark.parametrize('kind', ['symlink', 'fifo'])
def test_a_lock_that_is_no_regular_file_is_refused(tmp_path, kind):
    p = provider(tmp_path, Minter())
    (tmp_path / 'tokens').mkdir(mode=0o700)
    lock = str(tmp_path / 'tokens' / (p.key + '.lock'))
    target = tmp_path / 'not-yours'
    if kind == 'symlink':
        os.symlink(str(target), lock)
    else:
        os.mkfifo(lock, 0o600)
    with pytest.raises(ConfigError) as info:
        p.token()
    assert 'lock' in str(info.value) and 'token_cache' in str(info.value) and '\n' not in str(info.value)
    assert not target.exists()


@pytest.mark.parametrize('bad', ['tok\r\nX-Injected: 1', 'tok\nen', ' leading-space', 'tok en', 'tök', ''])
def test_a_token_no_http_header_can_carry_is_never_cached(tmp_path, bad):
    class BadMinter(Minter):
        def __call__(self, client_id, client_secret, refresh_token):
            self.count += 1
            return {'access_token': bad, 'expires_in': 3600}
    p = provider(tmp_path, BadMinter())
    with pytest.raises(AuthError) as info:
        p.token()
    assert 'access token' in str(info.value) and '\n' not in str(info.value) and 'X-Injected' not in str(info.value)
    assert not (tmp_path / 'tokens' / (p.key + '.json')).exists()


def test_a_cached_token_no_http_header_can_carry_is_dropped(tmp_path):
    p, path = planted(tmp_path, token='tok\r\nX-Injected: 1')
    assert p.token() == 'tok-1'
    assert json.loads(path.read_text())['access_token'] == 'tok-1'


def test_a_static_token_no_http_header_can_carry_is_refused():
    with pytest.raises(ConfigError) as info:
        StaticTokenProvider('abc\r\nX-Injected: 1')
    assert 'X-Injected' not in str(info.value)


def test_the_file_lock_serves_any_private_directory(tmp_path):
    # One lock helper for every lock file of the collection (the token cache, the lookup agent).
    path = str(tmp_path / 'agent.lock')
    with FileLock(path):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        other = os.open(path, os.O_RDWR)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(other)
    other = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released on exit
    finally:
        os.close(other)


def test_the_file_lock_refuses_a_planted_file_with_the_callers_error(tmp_path):
    path = str(tmp_path / 'agent.lock')
    os.mkfifo(path, 0o600)
    with pytest.raises(OSError):
        with FileLock(path):
            pass
    with pytest.raises(ValueError) as info:
        with FileLock(path, refuse=lambda where, exc: ValueError('refused %s' % where)):
            pass
    assert str(info.value) == 'refused %s' % path


@pytest.mark.parametrize('not_before, since, expected', [
    (None, None, None), (None, 10.0, 10.0), (10.0, None, 10.0), (10.0, 5.0, 10.0), (10.0, 20.0, 20.0),
])
def test_after_a_401_only_the_newest_bound_counts(not_before, since, expected):
    assert distrust_before(not_before, since) == expected
