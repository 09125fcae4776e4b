# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A real agent process on a real socket: start on demand, one agent for racing forks, single flight,
permissions, peer check, idle exit, nothing on disk."""

import multiprocessing
import os
import shutil
import socket
import stat
import tempfile
import threading
import time

import pytest

from ansible_collections.zoho.vault.plugins.plugin_utils import _agent
from ansible_collections.zoho.vault.plugins.plugin_utils._agent import AgentClient, AgentUnavailable, ensure_private_directory


@pytest.fixture
def agent_dir():
    # Short paths: a unix socket path must fit in ~100 bytes (pytest's tmp_path may not).
    path = tempfile.mkdtemp(prefix='zvag-', dir='/tmp')
    os.chmod(path, 0o700)
    yield path
    client = AgentClient(path, start=False)
    try:
        client.shutdown()
    except AgentUnavailable:
        pass
    shutil.rmtree(path, ignore_errors=True)


def _agent_pid(directory):
    client = AgentClient(directory, start=False)
    try:
        return client.stats()['pid']
    finally:
        client.close()


def test_starts_on_demand_with_private_permissions(agent_dir):
    client = AgentClient(agent_dir, idle=30)
    stats = client.stats()
    assert client.started_agent and stats['protocol'] == _agent.PROTOCOL
    mode = os.stat(client.socket_path).st_mode
    assert stat.S_ISSOCK(mode) and stat.S_IMODE(mode) == 0o600
    assert stat.S_IMODE(os.stat(agent_dir).st_mode) == 0o700
    assert stats['pid'] != os.getpid()
    client.close()


def _race(directory, queue):
    try:
        queue.put(AgentClient(directory, idle=30).stats()['pid'])
    except Exception as exc:  # pragma: no cover - reported by the test
        queue.put(repr(exc))


def test_forks_starting_at_once_start_one_agent(agent_dir):
    ctx = multiprocessing.get_context('fork')
    queue = ctx.Queue()
    procs = [ctx.Process(target=_race, args=(agent_dir, queue)) for _dummy in range(12)]
    for proc in procs:
        proc.start()
    pids = set(queue.get(timeout=30) for _dummy in procs)
    for proc in procs:
        proc.join(10)
    assert len(pids) == 1 and isinstance(next(iter(pids)), int), pids


def test_single_flight_across_connections(agent_dir):
    holder = AgentClient(agent_dir, idle=30)
    hit, _value, _others = holder.get('key', 30)
    assert hit is False  # the holder fetches
    replies = []

    def ask():
        other = AgentClient(agent_dir, idle=30)
        replies.append(other.get('key', 30))
        other.close()

    threads = [threading.Thread(target=ask) for _dummy in range(5)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    assert not replies, 'the others wait for the holder'
    holder.put('key', {'v': 'value'}, 60)
    for thread in threads:
        thread.join(10)
    assert replies == [(True, {'v': 'value'}, {})] * 5
    stats = holder.stats()
    assert stats['misses'] == 1 and stats['hits'] == 5


def test_a_lease_dies_with_its_connection(agent_dir):
    holder = AgentClient(agent_dir, idle=30)
    assert holder.get('key', 300) == (False, None, {})
    holder.close()  # the fork holding the lease died
    other = AgentClient(agent_dir, idle=30)
    started = time.monotonic()
    assert other.get('key', 300) == (False, None, {})
    assert time.monotonic() - started < 5
    other.close()


def test_reconnects_when_the_agent_went_away(agent_dir):
    client = AgentClient(agent_dir, idle=30)
    first = client.stats()['pid']
    AgentClient(agent_dir, start=False).shutdown()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(first):
        time.sleep(0.1)
    assert client.stats()['pid'] != first  # restarted transparently
    client.close()


def test_idle_agent_exits_by_itself(agent_dir):
    client = AgentClient(agent_dir, idle=1)
    pid = client.stats()['pid']
    client.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and os.path.exists(client.socket_path):
        time.sleep(0.2)
    assert not os.path.exists(client.socket_path)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.2)
    assert not _alive(pid)


def _alive(pid):
    """Running (a zombie waiting for init to reap it counts as gone)."""
    try:
        with open('/proc/%d/stat' % pid) as handle:
            return handle.read().rsplit(')', 1)[1].split()[0] != 'Z'
    except (IOError, OSError):
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return not os.path.exists('/proc')


def test_values_stay_in_memory_not_on_disk(agent_dir):
    canary = 'CANARY-%d-never-on-disk' % os.getpid()
    client = AgentClient(agent_dir, idle=30)
    client.get('k', 30)
    client.put('k', {'v': canary}, 60)
    assert client.get('k', 30) == (True, {'v': canary}, {})
    for name in os.listdir(agent_dir):
        path = os.path.join(agent_dir, name)
        if stat.S_ISREG(os.lstat(path).st_mode):
            with open(path, 'rb') as handle:
                assert canary.encode() not in handle.read()
    client.close()


def test_refuses_a_directory_open_to_others(agent_dir):
    os.chmod(agent_dir, 0o755)
    with pytest.raises(AgentUnavailable, match='open to group or others'):
        AgentClient(agent_dir).connect()


def test_refuses_a_symlinked_directory(agent_dir):
    link = agent_dir + '-link'
    os.symlink(agent_dir, link)
    try:
        with pytest.raises(AgentUnavailable, match='not a directory'):
            ensure_private_directory(link)
    finally:
        os.unlink(link)


def test_refuses_a_socket_that_is_not_a_socket(agent_dir):
    with open(os.path.join(agent_dir, _agent.SOCKET_NAME), 'w') as handle:
        handle.write('x')
    with pytest.raises(AgentUnavailable):
        AgentClient(agent_dir, start=False).connect()


@pytest.mark.skipif(os.getuid() != 0 or not hasattr(socket, 'SO_PEERCRED'), reason='needs root to act as another user')
def test_the_agent_ignores_other_users(agent_dir):
    client = AgentClient(agent_dir, idle=30)
    client.get('k', 30)
    client.put('k', {'v': 'secret'}, 60)
    # Open the door on purpose; the peer-uid check must still keep another user out.
    os.chmod(agent_dir, 0o711)
    os.chmod(client.socket_path, 0o666)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        os.close(read_fd)
        result = b'?'
        try:
            os.setuid(65534)
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(5)
            sock.connect(client.socket_path)
            # Even knowing the key (it could leak), another user gets no challenge, let alone a value.
            sock.sendall(b'x')
            result = b'LEAK' if sock.recv(100) else b'refused'
        except (EOFError, OSError):
            result = b'refused'
        os.write(write_fd, result)
        os._exit(0)
    os.close(write_fd)
    os.waitpid(pid, 0)
    with os.fdopen(read_fd, 'rb') as handle:
        assert handle.read() == b'refused'
    os.chmod(agent_dir, 0o700)
    client.close()


def test_run_id_is_the_parent_for_forked_workers():
    ctx = multiprocessing.get_context('fork')
    queue = ctx.Queue()
    proc = ctx.Process(target=lambda: queue.put(_agent.run_id()))
    proc.start()
    child = queue.get(timeout=10)
    proc.join(10)
    assert child == _agent.run_id()
    assert child.startswith('%d:' % os.getpid())
