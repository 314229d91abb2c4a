"""One writer at a time on a data directory: crawls, re-extractions, index runs, scheduled cycles.

An advisory ``flock`` on ``DATA/.hdnd.lock``: the kernel releases it when the holder exits, however
it exits, so a crashed or killed run never leaves a stale lock behind. The file also says who holds
it, for the message the next run prints. A scheduler that holds the lock runs its crawl and index
steps as children with ``HDND_LOCK_HELD=1``, so they do not wait for their own parent.
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
import time
from pathlib import Path
from types import TracebackType

LOCK_FILE = ".hdnd.lock"
HELD_ENV = "HDND_LOCK_HELD"
EXIT_BUSY = 75  # EX_TEMPFAIL: try again later


class LockBusy(RuntimeError):
    """Another run holds the data directory; the message says which."""


class RunLock:
    def __init__(self, data_dir: str | os.PathLike[str], what: str) -> None:
        self.path = Path(data_dir) / LOCK_FILE
        self.what = what
        self.fd: int | None = None

    def acquire(self) -> RunLock:
        if os.environ.get(HELD_ENV) == "1":
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise LockBusy(f"{self.path.parent}: đang có một lần chạy khác ({holder}); thử lại sau") from None
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"pid": os.getpid(), "what": self.what, "since": time.strftime("%Y-%m-%d %H:%M:%S"),
                                 "argv": sys.argv[1:]}, ensure_ascii=False).encode())
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.release()


def _read_holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        info = json.loads(os.read(fd, 4096) or b"{}")
    except (OSError, ValueError):
        return "không rõ"
    return f"pid {info.get('pid')}, hdnd {info.get('what')}, từ {info.get('since')}"
