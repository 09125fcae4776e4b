# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Files only this user may touch: open one without following a planted symlink or blocking on a FIFO, write one
whole or not at all, lock one. The token cache, the lookup agent and the export module all go through here."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from typing import Any, Callable, Optional

try:
    import fcntl
    HAS_FCNTL = True
except ImportError:  # pragma: no cover - not on POSIX
    HAS_FCNTL = False

_OPEN_SAFE = getattr(os, 'O_NOFOLLOW', 0) | getattr(os, 'O_NONBLOCK', 0) | getattr(os, 'O_CLOEXEC', 0)


def _trusted(st: os.stat_result) -> bool:
    """A regular file of this user that nobody else may write."""
    return stat.S_ISREG(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def open_private(path: str, flags: int, mode: int = 0o600) -> int:
    """Open a file of a private directory without following a symlink or blocking on a FIFO.

    Returns the descriptor; raises ``OSError`` (ELOOP for a symlink) or ``PermissionError``
    when the file is not a regular file of this user, writable by nobody else.
    """
    fd = os.open(path, flags | _OPEN_SAFE, mode)
    try:
        # O_NONBLOCK only matters for what is refused here: on a regular file it changes nothing.
        if not _trusted(os.fstat(fd)):
            raise PermissionError(errno.EPERM, 'not a regular file of this user, writable by nobody else', path)
    except BaseException:
        os.close(fd)
        raise
    return fd


def atomic_write(directory: str, path: str, data: bytes, prefix: str = '.') -> None:
    """Write ``path`` whole or not at all: a 0600 temp file in ``directory``, fsync, rename over it."""
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix='.tmp', dir=directory)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, 'wb') as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


class FileLock:
    """Exclusive ``flock`` on a 0600 lock file of a private directory, as a context manager.

    The lock file is opened like ``open_private`` opens one: an ``OSError`` when it is a symlink,
    a FIFO or not this user's own; ``refuse(path, exc)``, when given, builds the exception raised instead.
    """

    def __init__(self, path: str, refuse: Optional[Callable[[str, OSError], Exception]] = None) -> None:
        self.path = path
        self.refuse = refuse
        self.fd = -1

    def __enter__(self) -> FileLock:
        try:
            self.fd = open_private(self.path, os.O_RDWR | os.O_CREAT)
        except OSError as exc:
            if self.refuse is None:
                raise
            raise self.refuse(self.path, exc) from None
        if HAS_FCNTL:
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc_info: Any) -> None:
        if self.fd >= 0:
            if HAS_FCNTL:
                fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = -1
