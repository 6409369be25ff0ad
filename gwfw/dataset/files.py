"""Files gwfw writes: one atomic writer, one build at a time per output folder, and one `gwfw add` at a
time per raw folder.

Readers never see half a file: everything is written to a temporary file beside its target and put
in place with os.replace. A second build (or add) waits briefly for the lock, then says why it stopped.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import BuildLocked


@contextmanager
def build_lock(out: Path, wait_seconds: float = 5.0):
    with _lock(Path(out), ".gwfw-build.lock", "another gwfw build is writing here", wait_seconds):
        yield


@contextmanager
def catalog_lock(raw: Path, wait_seconds: float = 5.0):
    with _lock(Path(raw), ".gwfw-add.lock", "another gwfw add is adding reports here", wait_seconds):
        yield


@contextmanager
def _lock(folder: Path, name: str, who: str, wait_seconds: float):
    folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(folder / name))
    try:
        lock.acquire(timeout=wait_seconds)
    except Timeout:
        raise BuildLocked(
            f"{folder}: {who} (lock {lock.lock_file}) — "
            "wait for it to finish, then run again; the files it leaves are complete"
        ) from None
    try:
        yield
    finally:
        lock.release()


@contextmanager
def replacing(targets: list[Path], durable: bool = True) -> Iterator[list[Path]]:
    """Temporary files beside the targets, put in place (in order) once the block succeeds; removed if
    it fails. Readers never see half a file. `durable` flushes them to disk first (not for the cache:
    a damaged entry is simply extracted again)."""
    tmps = []
    try:
        for target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
            os.close(
                os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            )  # the umask decides who reads it
            tmps.append(tmp)
        yield tmps
        if durable:
            for tmp in tmps:
                with open(tmp, "rb+") as f:
                    os.fsync(f.fileno())
        for tmp, target in zip(tmps, targets):
            os.replace(tmp, target)
    finally:
        for tmp in tmps:
            if tmp.exists():
                tmp.unlink()


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    with replacing([path], durable) as (tmp,):
        tmp.write_bytes(data)


def write_text(path: Path, text: str, durable: bool = False) -> None:
    """UTF-8 text with \n line ends, atomically (pages, notebooks' index)."""
    write_atomic(path, text.encode("utf-8"), durable)
