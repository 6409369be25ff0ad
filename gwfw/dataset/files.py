"""One build at a time writes data/processed: a second one waits briefly, then says why it stopped."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import BuildLocked


@contextmanager
def build_lock(out: Path, wait_seconds: float = 5.0):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(out / ".gwfw-build.lock"))
    try:
        lock.acquire(timeout=wait_seconds)
    except Timeout:
        raise BuildLocked(
            f"{out}: another gwfw build is writing here (lock {lock.lock_file}) — "
            "wait for it to finish, then run again; the files it leaves are complete"
        ) from None
    try:
        yield
    finally:
        lock.release()
