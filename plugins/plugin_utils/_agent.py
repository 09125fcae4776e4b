# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The lookups' side of the agent (``_agent_server.py``): find it, start it, talk to it.

* The socket lives in a private directory: ``$XDG_RUNTIME_DIR/zoho.vault`` when that exists,
  else ``<tmp>/zoho.vault-<uid>``; created 0700, and refused (no agent, direct API calls) when it
  is a symlink, belongs to someone else or is open to group/others.
* The first lookup that finds no agent takes an exclusive ``flock`` on ``agent.lock`` in that
  directory, looks again, and only then starts one, so 50 forks starting at once start one agent.
* The agent is started with the controller's own interpreter in isolated mode (``-I``) and a
  near-empty environment (the controller's environment may hold credentials); it daemonizes and
  signals readiness before the starter continues.
* Before trusting the socket the client checks that it is a socket owned by the user, and after
  connecting that the peer runs as the user (SO_PEERCRED).

Every failure raises ``AgentUnavailable``; callers fall back to calling the API directly.
"""

from __future__ import (absolute_import, division, print_function)
from __future__ import annotations
__metaclass__ = type

import errno
import multiprocessing
import os
import socket
import stat
import subprocess
import sys
import tempfile
import threading
from typing import Any, Dict, Optional, Tuple

try:
    import fcntl
    HAS_FCNTL = True
except ImportError:  # pragma: no cover - not POSIX
    HAS_FCNTL = False

from ansible_collections.zoho.vault.plugins.plugin_utils._agent_server import PROTOCOL, peer_uid, recv_message, send_message

SERVER_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '_agent_server.py')
SOCKET_NAME = 'agent-v%d.sock' % PROTOCOL
LOCK_NAME = 'agent.lock'
MAX_SOCKET_PATH = 100  # sun_path is 108 bytes on Linux, 104 on BSDs
START_TIMEOUT = 15.0
CALL_TIMEOUT = 10.0


class AgentUnavailable(Exception):
    """The agent cannot be used; the message says why (it never contains a value)."""


def default_directory(environ: Optional[Dict[str, str]] = None) -> str:
    environ = os.environ if environ is None else environ
    runtime = environ.get('XDG_RUNTIME_DIR')
    if runtime and os.path.isdir(runtime):
        candidate = os.path.join(runtime, 'zoho.vault')
        if len(os.path.join(candidate, SOCKET_NAME)) <= MAX_SOCKET_PATH:
            return candidate
    base = tempfile.gettempdir()
    candidate = os.path.join(base, 'zoho.vault-%d' % os.getuid())
    if len(os.path.join(candidate, SOCKET_NAME)) > MAX_SOCKET_PATH:
        candidate = '/tmp/zoho.vault-%d' % os.getuid()
    return candidate


def ensure_private_directory(path: str) -> None:
    """Create ``path`` 0700 if needed; refuse it unless it is a real directory of ours closed to others."""
    try:
        os.mkdir(path, 0o700)
    except OSError as exc:
        if exc.errno != errno.EEXIST:
            raise AgentUnavailable('cannot create %s (%s)' % (path, exc.strerror))
    try:
        st = os.lstat(path)
    except OSError as exc:
        raise AgentUnavailable('cannot inspect %s (%s)' % (path, exc.strerror))
    if not stat.S_ISDIR(st.st_mode):
        raise AgentUnavailable('%s is not a directory (a symlink?)' % path)
    if st.st_uid != os.getuid():
        raise AgentUnavailable('%s belongs to another user' % path)
    if stat.S_IMODE(st.st_mode) & 0o077:
        raise AgentUnavailable('%s is open to group or others (mode %o)' % (path, stat.S_IMODE(st.st_mode)))


def _start_time(pid: int) -> str:
    """The process start time in clock ticks (Linux), so that a reused pid is a different run."""
    try:
        with open('/proc/%d/stat' % pid, 'r') as handle:
            fields = handle.read().rsplit(')', 1)[1].split()
        return fields[19]
    except (OSError, IndexError):
        return ''


def run_id() -> str:
    """Identity of this ansible-playbook run: its main process (pid + start time).

    Ansible runs tasks in workers forked from the main process; a lookup evaluated in the main
    process itself (e.g. in a play keyword) has no multiprocessing parent.
    """
    parent = multiprocessing.parent_process()
    pid = parent.pid if parent is not None and parent.pid else os.getpid()
    return '%d:%s' % (pid, _start_time(pid))


class AgentClient(object):
    """One connection to the agent, reopened (and the agent restarted) when it goes away."""

    def __init__(self, directory: Optional[str] = None, idle: float = 120.0, start: bool = True) -> None:
        self.directory = directory or default_directory()
        self.socket_path = os.path.join(self.directory, SOCKET_NAME)
        self.idle = idle
        self.start = start
        self.sock = None  # type: Optional[socket.socket]
        self.pid = os.getpid()
        self.started_agent = False
        # One request at a time on the connection: frames of two threads must not interleave.
        self.lock = threading.RLock()

    # -- connection -------------------------------------------------------------------

    def _connect_once(self) -> socket.socket:
        try:
            st = os.lstat(self.socket_path)
        except OSError as exc:
            raise AgentUnavailable('no agent socket (%s)' % exc.strerror)
        if not stat.S_ISSOCK(st.st_mode) or st.st_uid != os.getuid():
            raise AgentUnavailable('%s is not a socket of this user' % self.socket_path)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(CALL_TIMEOUT)
        try:
            sock.connect(self.socket_path)
            uid = peer_uid(sock)
        except OSError as exc:
            sock.close()
            raise AgentUnavailable('cannot connect to the agent (%s)' % (exc.strerror or type(exc).__name__))
        if uid is not None and uid != os.getuid():
            sock.close()
            raise AgentUnavailable('the agent socket is served by another user')
        return sock

    def _spawn(self) -> None:
        command = [sys.executable, '-I', SERVER_SCRIPT, '--socket', self.socket_path, '--idle', str(int(self.idle)), '--daemonize']
        # Not the controller's environment: it may hold ZOHO_VAULT_CLIENT_SECRET and friends.
        env = {'PATH': os.environ.get('PATH', os.defpath)}
        try:
            rc = subprocess.call(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 env=env, cwd='/', close_fds=True, timeout=START_TIMEOUT)
        except (OSError, subprocess.SubprocessError) as exc:
            raise AgentUnavailable('cannot start the agent (%s)' % type(exc).__name__)
        if rc != 0:
            raise AgentUnavailable('the agent did not start (exit %s)' % rc)
        self.started_agent = True

    def connect(self) -> socket.socket:
        if self.sock is not None and self.pid == os.getpid():
            return self.sock
        # A connection inherited through fork belongs to the parent: leave it, open our own.
        self.sock = None
        self.pid = os.getpid()
        ensure_private_directory(self.directory)
        try:
            self.sock = self._connect_once()
            return self.sock
        except AgentUnavailable:
            if not self.start:
                raise
        lock_path = os.path.join(self.directory, LOCK_NAME)
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, 'O_NOFOLLOW', 0), 0o600)
        except OSError as exc:
            raise AgentUnavailable('cannot open the lock file (%s)' % exc.strerror)
        try:
            if HAS_FCNTL:
                fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                self.sock = self._connect_once()  # another fork may have started it meanwhile
            except AgentUnavailable:
                self._spawn()
                self.sock = self._connect_once()
        finally:
            os.close(fd)  # closing releases the flock
        return self.sock

    def close(self) -> None:
        if self.sock is not None and self.pid == os.getpid():
            try:
                self.sock.close()
            except OSError:
                pass
        self.sock = None

    # -- requests ---------------------------------------------------------------------

    def call(self, message: Dict[str, Any], timeout: float = CALL_TIMEOUT, retry: bool = True) -> Dict[str, Any]:
        """One request/reply; on a broken connection reconnect (restarting the agent) and repeat once."""
        with self.lock:
            return self._call(message, timeout, retry)

    def _call(self, message: Dict[str, Any], timeout: float, retry: bool) -> Dict[str, Any]:
        for attempt in (0, 1):
            sock = self.connect()
            try:
                sock.settimeout(timeout)
                send_message(sock, message)
                reply = recv_message(sock)
            except (OSError, EOFError, ValueError) as exc:
                self.close()
                if attempt or not retry:
                    raise AgentUnavailable('the agent connection failed (%s)' % type(exc).__name__)
                continue
            if reply.get('status') == 'error':
                raise AgentUnavailable('the agent refused the request (%s)' % reply.get('error'))
            return reply
        raise AgentUnavailable('unreachable')  # pragma: no cover

    def get(self, key: str, lease: float) -> Tuple[bool, Any]:
        """(True, value) on a hit; (False, None) on a miss, and the caller now holds the lease."""
        reply = self.call({'op': 'get', 'key': key, 'lease': lease}, timeout=lease + CALL_TIMEOUT)
        return reply.get('status') == 'hit', reply.get('value')

    def put(self, key: str, value: Any, ttl: float) -> None:
        self.call({'op': 'put', 'key': key, 'value': value, 'ttl': ttl})

    def abandon(self, key: str) -> None:
        self.call({'op': 'abandon', 'key': key}, retry=False)

    def drop(self, key: str, if_value: Any = None) -> bool:
        return bool(self.call({'op': 'drop', 'key': key, 'if_value': if_value}).get('dropped'))

    def permit(self, bucket: str, reserve: float = 2) -> float:
        return float(self.call({'op': 'permit', 'bucket': bucket, 'reserve': reserve}).get('wait') or 0.0)

    def report(self, bucket: str, limit: float, remaining: float, reset: float) -> None:
        self.call({'op': 'report', 'bucket': bucket, 'limit': limit, 'remaining': remaining, 'reset': reset})

    def stats(self) -> Dict[str, Any]:
        return dict(self.call({'op': 'stats'}).get('stats') or {})

    def shutdown(self) -> None:
        try:
            self.call({'op': 'shutdown'}, retry=False)
        finally:
            self.close()


_CLIENTS = {}  # type: Dict[Tuple[int, str], AgentClient]


def agent_client(directory: Optional[str] = None, idle: float = 120.0) -> AgentClient:
    """The process's client for ``directory`` (one connection per process, reused across lookups)."""
    directory = directory or default_directory()
    key = (os.getpid(), directory)
    client = _CLIENTS.get(key)
    if client is None:
        for stale in [k for k in _CLIENTS if k[0] != key[0]]:
            del _CLIENTS[stale]  # inherited from the parent through fork
        client = _CLIENTS[key] = AgentClient(directory, idle=idle)
    client.idle = max(client.idle, idle)
    return client
