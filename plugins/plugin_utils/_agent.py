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
* The socket and its key file must be the user's; connecting proves knowledge of the key both ways
  (``multiprocessing.connection``), so only an agent that wrote that key can answer.

One connection per process, reused by every evaluation in it. Every failure raises
``AgentUnavailable``; callers fall back to calling the API directly.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
import subprocess
import sys
import tempfile
import threading
from multiprocessing import AuthenticationError
from multiprocessing.connection import Client
from typing import Any, Dict, Mapping, Optional, Tuple

from ansible_collections.zoho.vault.plugins.module_utils._private_files import FileLock

SERVER_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '_agent_server.py')
PROTOCOL = 3  # _agent_server.PROTOCOL: not imported, so that a lookup never compiles the server
SOCKET_NAME = 'agent-v%d.sock' % PROTOCOL
LOCK_NAME = 'agent.lock'
MAX_SOCKET_PATH = 100  # sun_path is 108 bytes on Linux, 104 on BSDs
START_TIMEOUT = 15.0
CALL_TIMEOUT = 10.0
MAX_REPLY = 16 * 1024 * 1024


class AgentUnavailable(Exception):
    """The agent cannot be used; the message says why (it never contains a value)."""


def _lock_refused(path: str, exc: OSError) -> AgentUnavailable:
    return AgentUnavailable('cannot open the lock file (%s)' % (exc.strerror or exc))


def default_directory(environ: Optional[Mapping[str, str]] = None) -> str:
    environ = os.environ if environ is None else environ
    runtime = environ.get('XDG_RUNTIME_DIR')
    if runtime and os.path.isdir(runtime):
        candidate = os.path.join(runtime, 'zoho.vault')
        if len(os.path.join(candidate, SOCKET_NAME)) <= MAX_SOCKET_PATH:
            return candidate
    candidate = os.path.join(tempfile.gettempdir(), 'zoho.vault-%d' % os.getuid())
    if len(os.path.join(candidate, SOCKET_NAME)) > MAX_SOCKET_PATH:
        candidate = '/tmp/zoho.vault-%d' % os.getuid()
    return candidate


def check_owned(path: str, kind: int, what: str, closed: bool = True) -> None:
    """``path`` must be of ``kind`` (no symlink), the user's, and (``closed``) shut to group and others."""
    try:
        st = os.lstat(path)
    except OSError as exc:
        raise AgentUnavailable('cannot inspect %s (%s)' % (path, exc.strerror)) from None
    if stat.S_IFMT(st.st_mode) != kind:
        raise AgentUnavailable('%s is not a %s (a symlink?)' % (path, what))
    if st.st_uid != os.getuid():
        raise AgentUnavailable('%s belongs to another user' % path)
    if closed and stat.S_IMODE(st.st_mode) & 0o077:
        raise AgentUnavailable('%s is open to group or others (mode %o)' % (path, stat.S_IMODE(st.st_mode)))


def ensure_private_directory(path: str) -> None:
    """Create ``path`` 0700 if needed; refuse it unless it is a real directory of ours closed to others."""
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise AgentUnavailable('cannot create %s (%s)' % (path, exc.strerror)) from None
    check_owned(path, stat.S_IFDIR, 'directory')


_RUN_ID: Dict[int, str] = {}


def run_id() -> str:
    """Identity of this ansible-playbook run: its main process (pid + start time in clock ticks).

    Ansible runs tasks in workers forked from the main process; a lookup evaluated in the main
    process itself (e.g. in a play keyword) has no multiprocessing parent.
    """
    if os.getpid() not in _RUN_ID:
        parent = multiprocessing.parent_process()
        pid = parent.pid if parent is not None and parent.pid else os.getpid()
        try:
            with open('/proc/%d/stat' % pid, 'rb') as handle:  # bytes: a text codec costs each fork a lookup
                started = handle.read().rsplit(b')', 1)[1].split()[19].decode('ascii')
        except (OSError, IndexError):
            started = ''
        _RUN_ID[os.getpid()] = '%d:%s' % (pid, started)
    return _RUN_ID[os.getpid()]


class AgentClient:
    """One connection to the agent, reopened (and the agent restarted) when it goes away."""

    def __init__(self, directory: Optional[str] = None, idle: float = 120.0, start: bool = True) -> None:
        self.directory = directory or default_directory()
        self.socket_path = os.path.join(self.directory, SOCKET_NAME)
        self.idle = idle
        self.start = start
        self.conn: Any = None
        self.pid = os.getpid()
        self.started_agent = False
        # One request at a time on the connection: the messages of two threads must not interleave.
        self.lock = threading.RLock()

    # -- connection -------------------------------------------------------------------

    def _connect_once(self) -> Any:
        check_owned(self.socket_path, stat.S_IFSOCK, 'socket', closed=False)
        key_file = self.socket_path + '.key'
        check_owned(key_file, stat.S_IFREG, 'regular file')
        try:
            with open(key_file, 'rb') as handle:
                authkey = bytes.fromhex(handle.read(128).decode('ascii'))
            return Client(self.socket_path, family='AF_UNIX', authkey=authkey)
        except (OSError, EOFError, ValueError, AuthenticationError) as exc:
            raise AgentUnavailable('cannot connect to the agent (%s)' % type(exc).__name__) from None

    def _spawn(self) -> None:
        command = [sys.executable, '-I', SERVER_SCRIPT, '--socket', self.socket_path, '--idle', str(int(self.idle)), '--daemonize']
        # Not the controller's environment: it may hold ZOHO_VAULT_CLIENT_SECRET and friends.
        env = {'PATH': os.environ.get('PATH', os.defpath)}
        try:
            rc = subprocess.call(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 env=env, cwd='/', close_fds=True, timeout=START_TIMEOUT)
        except (OSError, subprocess.SubprocessError) as exc:
            raise AgentUnavailable('cannot start the agent (%s)' % type(exc).__name__) from None
        if rc != 0:
            raise AgentUnavailable('the agent did not start (exit %s)' % rc)
        self.started_agent = True

    def connect(self) -> Any:
        if self.conn is not None and self.pid == os.getpid():
            return self.conn
        # A connection inherited through fork belongs to the parent: leave it, open our own.
        self.conn = None
        self.pid = os.getpid()
        ensure_private_directory(self.directory)
        try:
            self.conn = self._connect_once()
            return self.conn
        except AgentUnavailable:
            if not self.start:
                raise
        with FileLock(os.path.join(self.directory, LOCK_NAME), refuse=_lock_refused):
            try:
                self.conn = self._connect_once()  # another fork may have started it meanwhile
            except AgentUnavailable:
                self._spawn()
                self.conn = self._connect_once()
        return self.conn

    def close(self) -> None:
        if self.conn is not None and self.pid == os.getpid():
            try:
                self.conn.close()
            except OSError:
                pass
        self.conn = None

    # -- requests ---------------------------------------------------------------------

    def call(self, message: Dict[str, Any], timeout: float = CALL_TIMEOUT, retry: bool = True) -> Dict[str, Any]:
        """One request/reply; on a broken connection reconnect (restarting the agent) and repeat once."""
        with self.lock:
            for attempt in (0, 1):
                try:
                    reply = self._exchange(self.connect(), message, timeout)
                except (OSError, EOFError, ValueError) as exc:
                    self.close()
                    if attempt or not retry:
                        raise AgentUnavailable('the agent connection failed (%s)' % type(exc).__name__) from None
                    continue
                if reply.get('status') == 'error':
                    raise AgentUnavailable('the agent refused the request (%s)' % reply.get('error'))
                return reply
        raise AgentUnavailable('unreachable')  # pragma: no cover

    @staticmethod
    def _exchange(conn: Any, message: Dict[str, Any], timeout: float) -> Dict[str, Any]:
        conn.send_bytes(json.dumps(message, separators=(',', ':')).encode('utf-8'))
        if not conn.poll(timeout):
            raise TimeoutError('no reply')
        reply = json.loads(conn.recv_bytes(MAX_REPLY).decode('utf-8'))
        if not isinstance(reply, dict):
            raise ValueError('not an object')
        return reply

    def get(self, key: str, lease: float, group: Optional[str] = None) -> Tuple[bool, Any, Dict[str, Any]]:
        """(True, value, others) on a hit; (False, None, {}) on a miss, and the caller now holds the lease.

        With ``group``, ``others`` holds the group's other values as {key: [seconds left, value]}.
        """
        message = {'op': 'get', 'key': key, 'lease': lease}
        if group is not None:
            message['group'] = group
        reply = self.call(message, timeout=lease + CALL_TIMEOUT)
        others = reply.get('others')
        return reply.get('status') == 'hit', reply.get('value'), others if isinstance(others, dict) else {}

    def put(self, key: str, value: Any, ttl: float, group: Optional[str] = None) -> None:
        self.call({'op': 'put', 'key': key, 'value': value, 'ttl': ttl, 'group': group})

    def abandon(self, key: str) -> None:
        self.call({'op': 'abandon', 'key': key}, retry=False)

    def stats(self) -> Dict[str, Any]:
        return dict(self.call({'op': 'stats'}).get('stats') or {})

    def shutdown(self) -> None:
        try:
            self.call({'op': 'shutdown'}, retry=False)
        finally:
            self.close()


_CLIENTS: Dict[Tuple[int, str], AgentClient] = {}


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
