"""Small helpers shared by the emulator: time formatting, random tokens, atomic JSON writes."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import secrets
import tempfile
from typing import Any


def iso(ts: float) -> str:
    """ISO-8601 UTC with a trailing Z, second precision (the contract's time format)."""
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def random_hex(nbytes: int = 16) -> str:
    return secrets.token_hex(nbytes)


def remove_stale_temp_files(path: str) -> None:
    """Drop temp files a killed writer left next to the state file (the state file itself is always whole)."""
    directory = os.path.dirname(os.path.abspath(path))
    prefix = ".tmp-" + os.path.basename(path) + "-"
    for name in os.listdir(directory):
        if name.startswith(prefix):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(directory, name))


def atomic_write_json(path: str, data: Any) -> None:
    """Write JSON so that a reader (or a restart after kill -9) sees the old file or the new one, never half.

    The temp file lives in the same directory so os.replace is a rename on one filesystem; the file and
    then the directory are fsynced so an acknowledged write survives a crash. mkstemp creates it 0600,
    which matters because the state file holds passwords and credentials.
    """
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp-" + os.path.basename(path) + "-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, separators=(",", ":"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    dir_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
