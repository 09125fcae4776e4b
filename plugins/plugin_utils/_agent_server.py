# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The zoho.vault lookup agent: a short-lived, per-user, in-memory store on a unix socket.

Ansible evaluates a lookup once per use, per host, per task, each time in a fresh fork. The
agent lets those forks share what one of them fetched, like ssh's ControlPersist:

* it never calls the API and knows nothing of Zoho Vault: the lookups fetch values themselves
  and park them here under opaque keys (sha256 of endpoint, credential identity, run, operation
  and arguments), so it needs no client secret or refresh token and imports nothing but the
  standard library; what it does hold is secret: the answers (passwords among them);
* single flight: the first asker of a key gets a *lease* and fetches; concurrent askers of the
  same key wait for it instead of calling the API too; a lease dies with its connection;
* values live in memory only, never on disk, for the TTL the lookup gave (at most MAX_TTL); each is
  kept as one bytearray that is overwritten with zeros when it expires (checked every second, with
  or without requests), is replaced or evicted, and when the agent stops;
* it listens on a 0600 socket inside a 0700 directory; a client must prove it knows the key in the
  0600 file beside the socket (``multiprocessing.connection``'s HMAC challenge, which also frames
  the messages: JSON documents, never pickles); the peer's uid is checked (SO_PEERCRED); the agent
  makes itself non-dumpable (no ptrace or core dumps by other processes of the user), and exits by
  itself after ``--idle`` seconds without a request.

Run by the lookups as ``<controller python> -I _agent_server.py --socket PATH --idle N --daemonize``
(see ``_agent.py``); it is a plain script on purpose, so it needs no collection loader.
"""

import argparse
import json
import os
import secrets
import socket
import stat
import struct
import sys
import threading
import time
from multiprocessing.connection import Connection, answer_challenge, deliver_challenge

PROTOCOL = 3
MAX_MESSAGE = 16 * 1024 * 1024
MAX_ENTRIES = 20000
MAX_TTL = 3600.0
MAX_LEASE = 900.0
# What a hit may carry besides its own value: the other values of its group (see Store.get).
MAX_GROUP_ENTRIES = 256
MAX_GROUP_BYTES = 1024 * 1024


def key_path(socket_path):
    """The file that holds the connection key, beside the socket."""
    return socket_path + '.key'


def peer_uid(sock):
    """The uid of the process at the other end (Linux SO_PEERCRED); None where unsupported."""
    option = getattr(socket, 'SO_PEERCRED', None)
    if option is None:
        return None
    creds = sock.getsockopt(socket.SOL_SOCKET, option, struct.calcsize('3i'))
    return struct.unpack('3i', creds)[1]


def _seal(value):
    """The value as the one mutable buffer the store keeps (canonical JSON, so equal values are equal bytes)."""
    return bytearray(json.dumps(value, sort_keys=True, separators=(',', ':')).encode('utf-8'))


def _wipe(buffer):
    # Same-length slice assignment writes in place: the bytes that held the secret become zeros.
    # (Python strings cannot be wiped; the copies made while a request is parsed or answered are
    # transient, this buffer is what would otherwise outlive the TTL.)
    buffer[:] = bytes(len(buffer))


class Store:
    """Values with expiry, leases for single flight, counters. One lock."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.cond = threading.Condition()
        self.values = {}    # key -> (expires_at, bytearray of the value's JSON, group), wiped when forgotten
        self.leases = {}    # key -> (owner, deadline)
        self.counters = {'hits': 0, 'misses': 0, 'waits': 0, 'puts': 0, 'abandons': 0, 'expired': 0}
        self.last_request = clock()

    def touch(self):
        self.last_request = self.clock()

    def _forget(self, key):
        """Remove a value and wipe its buffer (called under the lock)."""
        _wipe(self.values.pop(key)[1])

    def purge(self):
        """Forget (and wipe) expired values and dead leases (called under the lock)."""
        now = self.clock()
        for key in [k for k, (expires, _v, _g) in self.values.items() if expires <= now]:
            self._forget(key)
            self.counters['expired'] += 1
        for key in [k for k, (_o, deadline) in self.leases.items() if deadline <= now]:
            del self.leases[key]
            self.cond.notify_all()

    def sweep(self):
        """The agent's periodic purge, run whether or not requests come; True while a fetch holds a lease."""
        with self.cond:
            self.purge()
            return bool(self.leases)

    def clear(self):
        """Wipe every value (the agent is stopping)."""
        with self.cond:
            for key in list(self.values):
                self._forget(key)

    def get(self, key, owner, lease, group=None):
        """("hit", value, others) or ("miss", None, {}); a miss hands the caller the lease on the key.

        With ``group``, a hit also carries the other values put under that group, as {key: [seconds left,
        value]}: a worker evaluating five lookups of one run asks once instead of five times (the group
        is a digest of the run and the credentials, so they are values this caller may fetch anyway).
        """
        lease = max(1.0, min(float(lease), MAX_LEASE))
        waited = False
        with self.cond:
            while True:
                self.purge()
                entry = self.values.get(key)
                if entry is not None:
                    self.counters['hits'] += 1
                    return 'hit', json.loads(entry[1].decode('utf-8')), self._group(group, key)
                holder = self.leases.get(key)
                if holder is None or holder[0] == owner:
                    self.leases[key] = (owner, self.clock() + lease)
                    self.counters['misses'] += 1
                    return 'miss', None, {}
                if not waited:
                    self.counters['waits'] += 1
                    waited = True
                # Another fork is fetching this key: wait for its put, abandon or death.
                self.cond.wait(timeout=max(0.05, min(1.0, holder[1] - self.clock())))

    def _group(self, group, asked):
        """The values of ``group`` but ``asked``, within the size limits (called under the lock)."""
        others, size, now = {}, 0, self.clock()
        if group is None:
            return others
        for key, (expires, sealed, entry_group) in self.values.items():
            if entry_group != group or key == asked:
                continue
            size += len(sealed)
            if len(others) >= MAX_GROUP_ENTRIES or size > MAX_GROUP_BYTES:
                break
            others[key] = [expires - now, json.loads(sealed.decode('utf-8'))]
        return others

    def put(self, key, owner, value, ttl, group=None):
        ttl = max(0.0, min(float(ttl), MAX_TTL))
        with self.cond:
            if self.leases.get(key, (owner,))[0] == owner:
                self.leases.pop(key, None)
            if key in self.values:
                self._forget(key)
            if ttl > 0:
                if len(self.values) >= MAX_ENTRIES:
                    self._forget(min(self.values, key=lambda k: self.values[k][0]))
                self.values[key] = (self.clock() + ttl, _seal(value), None if group is None else str(group))
            self.counters['puts'] += 1
            self.cond.notify_all()

    def abandon(self, key, owner):
        with self.cond:
            if self.leases.get(key, (None,))[0] == owner:
                del self.leases[key]
                self.counters['abandons'] += 1
                self.cond.notify_all()

    def release_all(self, owner):
        with self.cond:
            for key in [k for k, (o, _d) in self.leases.items() if o == owner]:
                del self.leases[key]
            self.cond.notify_all()

    def stats(self):
        with self.cond:
            self.purge()
            out = dict(self.counters)
            out.update(entries=len(self.values), leases=len(self.leases), pid=os.getpid(), protocol=PROTOCOL)
            return out


def _group_of(message):
    group = message.get('group')
    return None if group is None else str(group)


OPERATIONS = {
    'get': lambda store, owner, m: dict(zip(('status', 'value', 'others'),
                                            store.get(str(m['key']), owner, m.get('lease', 60), _group_of(m)))),
    'put': lambda store, owner, m: store.put(str(m['key']), owner, m.get('value'), m.get('ttl', 0), _group_of(m)),
    'abandon': lambda store, owner, m: store.abandon(str(m['key']), owner),
    'stats': lambda store, owner, m: {'stats': store.stats()},
    'shutdown': lambda store, owner, m: {'stats': store.stats()},
}


def dispatch(store, owner, message):
    """The reply to one request: a dict with ``status``."""
    operation = OPERATIONS.get(message.get('op')) if isinstance(message, dict) else None
    if operation is None:
        return {'status': 'error', 'error': 'unknown operation'}
    try:
        reply = operation(store, owner, message) or {}
    except (KeyError, TypeError, ValueError):
        return {'status': 'error', 'error': 'bad request'}
    return dict({'status': 'ok'}, **reply)


class AgentServer:
    """A unix socket bound under a private name and renamed into place; one thread per connection."""

    def __init__(self, path, idle):
        self.path = path
        self.idle = float(idle)
        self.store = Store()
        self.stopping = threading.Event()
        self.authkey = secrets.token_bytes(32)
        self._publish_key()
        # Bind under a private name, then rename over the public one: connectors never see a
        # half-made socket, and a stale socket of a dead agent is replaced atomically.
        tmp_path = '%s.%d.tmp' % (path, os.getpid())
        if os.path.lexists(tmp_path):
            os.unlink(tmp_path)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(tmp_path)
        os.chmod(tmp_path, 0o600)
        self.sock.listen(256)
        os.rename(tmp_path, path)
        st = os.lstat(path)
        self.identity = (st.st_dev, st.st_ino)

    def _publish_key(self):
        tmp_path = '%s.%d.tmp' % (key_path(self.path), os.getpid())
        fd = os.open(tmp_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, 'O_NOFOLLOW', 0), 0o600)
        with os.fdopen(fd, 'wb') as handle:
            handle.write(self.authkey.hex().encode('ascii'))
        os.rename(tmp_path, key_path(self.path))

    def owns_path(self):
        try:
            st = os.lstat(self.path)
        except OSError:
            return False
        return (st.st_dev, st.st_ino) == self.identity and stat.S_ISSOCK(st.st_mode)

    def stop(self):
        """Leave: unlink our socket first so that new lookups start a fresh agent."""
        if self.stopping.is_set():
            return
        self.stopping.set()
        if self.owns_path():
            for path in (self.path, key_path(self.path)):
                try:
                    os.unlink(path)
                except OSError:
                    pass
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def watch(self):
        """Purge expired values every second; stop when idle or when our socket was replaced."""
        while not self.stopping.wait(1.0):
            busy = self.store.sweep()  # a fetch in progress counts as activity
            idle_for = self.store.clock() - self.store.last_request
            if (idle_for >= self.idle and not busy) or not self.owns_path():
                self.stop()

    def serve(self):
        while not self.stopping.is_set():
            try:
                sock, _address = self.sock.accept()
            except OSError:
                break
            threading.Thread(target=self.handle, args=(sock,), daemon=True).start()
        self.sock.close()

    def handle(self, sock):
        uid = peer_uid(sock)
        if uid is not None and uid != os.getuid():
            sock.close()  # another user: close without a word
            return
        conn = Connection(sock.detach())
        owner = object()
        try:
            deliver_challenge(conn, self.authkey)
            answer_challenge(conn, self.authkey)
            self.converse(conn, owner)
        except (EOFError, OSError, ValueError):
            pass
        finally:
            self.store.release_all(owner)
            conn.close()

    def converse(self, conn, owner):
        while True:
            message = json.loads(conn.recv_bytes(MAX_MESSAGE).decode('utf-8'))
            self.store.touch()
            reply = dispatch(self.store, owner, message)
            self.store.touch()
            conn.send_bytes(json.dumps(reply, separators=(',', ':')).encode('utf-8'))
            if message.get('op') == 'shutdown':
                self.stop()
                return


def harden():
    """No core dumps and no ptrace/proc-mem reads by other processes of the same user (like ssh-agent)."""
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except Exception:  # pragma: no cover - best effort
        pass
    if sys.platform.startswith('linux'):
        try:
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4
        except Exception:  # pragma: no cover - best effort
            pass


def check_directory(path):
    """The socket's directory must be ours, a real directory, and closed to group and others."""
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or stat.S_IMODE(st.st_mode) & 0o077:
        raise SystemExit('zoho.vault agent: %s is not a private directory of this user' % path)


def serve(path, idle, ready=None):
    os.umask(0o077)
    check_directory(os.path.dirname(path) or '.')
    harden()
    server = AgentServer(path, idle)
    if ready is not None:
        ready()
    threading.Thread(target=server.watch, daemon=True).start()
    try:
        server.serve()
    finally:
        server.stop()
        server.store.clear()


def daemonize_and_serve(path, idle):
    """Fork: the child serves in a new session; the parent exits 0 once the socket is listening."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_fd)
        with os.fdopen(read_fd, 'rb') as pipe:
            status = pipe.read(2)
        os._exit(0 if status == b'ok' else 1)
    os.close(read_fd)
    os.setsid()
    os.chdir('/')
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)

    def ready():
        os.write(write_fd, b'ok')
        os.close(write_fd)

    try:
        serve(path, idle, ready)
    finally:
        os._exit(0)


def main(argv=None):
    parser = argparse.ArgumentParser(description='zoho.vault lookup agent (started by the lookups; not for direct use)')
    parser.add_argument('--socket', required=True)
    parser.add_argument('--idle', type=float, default=120.0)
    parser.add_argument('--daemonize', action='store_true')
    args = parser.parse_args(argv)
    if args.daemonize:
        daemonize_and_serve(args.socket, args.idle)
    else:
        serve(args.socket, args.idle)


if __name__ == '__main__':
    main()
