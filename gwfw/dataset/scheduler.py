"""Where the build's and the batch's jobs run: a local process pool (the default) or a Dask cluster.

Both commands hand their jobs to an executor and get results back; what a job does and how its result is
written stays in the command. On Dask each job is a task (`client.map`); the workers must see the same
project folder at the same path (a shared filesystem) and have gwfw installed, since a job reads and
writes files there. A worker that dies mid-task gets its task run once more on another worker (the
scheduler's `allowed-failures`, set to 1 for `local:N`); a second death comes back as a `Lost` result
naming the worker, so the command marks that job failed and goes on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import MissingPackage, NotShared, ParameterError, SchedulerUnreachable

CONNECT_TIMEOUT = "10s"  # a scheduler that does not answer by then is taken as unreachable
# The scheduler settings gwfw's jobs want; `local:N` applies them, a cluster of your own should too
# (DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES=1 DASK_DISTRIBUTED__SCHEDULER__WORKER_SATURATION=1.0).
CLUSTER_SETTINGS = {
    # a job whose worker dies runs once more elsewhere; a second death fails it (dask's default: 3 more)
    "distributed.scheduler.allowed-failures": 1,
    # a worker holds only the job it runs: a death then counts against that job alone, not one queued
    "distributed.scheduler.worker-saturation": 1.0,
}


@dataclass(frozen=True)
class Lost:
    """A job whose worker died under it (on Dask: twice, on two workers): nothing came back."""

    error: str


class LocalExecutor:
    """Processes on this machine: what `--workers N` always meant."""

    def __init__(self, workers: int, start_method: str | None = None):
        self.workers = max(1, workers)
        self.start_method = start_method
        self.description = f"{self.workers} local process(es)"

    def _pool(self) -> ProcessPoolExecutor:
        from multiprocessing import get_context

        context = get_context(self.start_method) if self.start_method else None
        return ProcessPoolExecutor(self.workers, mp_context=context)

    def ordered(self, fn: Callable, items: list) -> Iterator:
        """fn(item) for each item, in the items' order, as soon as it and those before it are done."""
        if self.workers == 1 or len(items) < 2:
            yield from map(fn, items)
            return
        with self._pool() as pool:
            yield from pool.map(fn, items, chunksize=_chunk(len(items), self.workers))

    def completed(self, fn: Callable, items: list) -> Iterator[tuple[object, object]]:
        """(item, fn(item) or Lost) in the order they finish; one broken job never stops the others."""
        if self.workers == 1:
            for item in items:
                yield item, fn(item)
            return
        with self._pool() as pool:
            futures = {pool.submit(fn, item): item for item in items}
            for future in as_completed(futures):
                try:
                    yield futures[future], future.result()
                except Exception as exc:  # a worker process that died: the others still finish
                    yield futures[future], Lost(f"worker: {type(exc).__name__}: {exc}")


def _chunk(n: int, workers: int) -> int:
    """Jobs per task: a few tasks per worker, so none waits at the end; at most 64 reports per task."""
    return max(1, min(64, n // (4 * workers)))


def _apply_all(fn: Callable, items: list) -> list:
    return [fn(item) for item in items]


def _missing(folders: list[str]) -> list[str]:
    """Runs on every worker: the folders it cannot see."""
    return [f for f in folders if not os.path.isdir(f)]


class DaskExecutor:
    """Tasks on a dask.distributed cluster: an existing scheduler, or a LocalCluster for `local:N`."""

    def __init__(self, client, description: str):
        self.client = client
        self.description = description

    def check_shared(self, folders: Iterable[Path]) -> None:
        """Stop before the first task when a worker does not see the project's folders."""
        wanted = [str(Path(f).resolve()) for f in folders]
        blind = {w: m for w, m in self.client.run(_missing, wanted).items() if m}
        if blind:
            worker, missing = sorted(blind.items())[0]
            raise NotShared(
                f"Dask worker {worker} cannot see {missing[0]} — the workers need the project folder at "
                f"the same path (a shared filesystem) ({len(blind)} worker(s) affected)"
            )

    def ordered(self, fn: Callable, items: list) -> Iterator:
        """As LocalExecutor.ordered; a chunk whose workers died yields one Lost per item."""
        from distributed import KilledWorker

        workers = max(1, len(self.client.scheduler_info(n_workers=-1).get("workers", {})))
        size = _chunk(len(items), workers)
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        futures = self.client.map(_apply_all, [fn] * len(chunks), chunks, pure=False)
        for chunk, future in zip(chunks, futures):
            try:
                yield from future.result()
            except KilledWorker as exc:
                yield from [Lost(_killed(exc))] * len(chunk)
            future.release()

    def completed(self, fn: Callable, items: list) -> Iterator[tuple[object, object]]:
        from distributed import KilledWorker
        from distributed import as_completed as dask_completed

        futures = self.client.map(fn, items, pure=False)
        which = {f.key: item for f, item in zip(futures, items)}
        for future in dask_completed(futures):
            item = which[future.key]
            try:
                yield item, future.result()
            except KilledWorker as exc:
                yield item, Lost(_killed(exc))
            except Exception as exc:  # the job itself could not be sent or run: that job fails, not the rest
                yield item, Lost(f"dask: {type(exc).__name__}: {exc}")
            future.release()


def _killed(exc) -> str:
    worker = getattr(exc.last_worker, "address", exc.last_worker)
    return (
        f"worker died: the Dask worker(s) running this job died {exc.allowed_failures + 1} time(s), "
        f"last {worker}"
    )


def parse_scheduler(scheduler: str) -> int | str:
    """'local:4' -> 4 (start a LocalCluster of 4 processes); anything else is a scheduler's address.

    >>> parse_scheduler("local:2"), parse_scheduler("tcp://10.0.0.5:8786")
    (2, 'tcp://10.0.0.5:8786')
    """
    if scheduler.startswith("local:"):
        n = scheduler.removeprefix("local:")
        if not n.isdigit() or int(n) < 1:
            raise ParameterError(
                f"--scheduler {scheduler}: after 'local:' give a number of processes, e.g. local:4"
            )
        return int(n)
    return scheduler


def _knock(address: str) -> None:
    """A refused or unroutable tcp address fails here at once; dask's Client would retry it until timeout."""
    import socket
    from urllib.parse import urlsplit

    if "://" in address and not address.startswith("tcp://"):
        return  # tls://, ucx://, inproc://: left to dask
    url = urlsplit(address if "://" in address else f"tcp://{address}")
    if url.hostname:
        socket.create_connection((url.hostname, url.port or 8786), timeout=5).close()


@contextmanager
def dask_executor(scheduler: str) -> Iterator[DaskExecutor]:
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise MissingPackage(
            f"--scheduler {scheduler} needs Dask: pip install 'gwfw[dask]' "
            "(or pip install 'dask[distributed]')"
        ) from None
    target = parse_scheduler(scheduler)
    if isinstance(target, int):
        with dask.config.set(CLUSTER_SETTINGS):
            import logging

            cluster = LocalCluster(
                n_workers=target,
                threads_per_worker=1,  # papermill changes the working directory, which is per process
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        with cluster, Client(cluster) as client:
            where = cluster.scheduler_address
            yield DaskExecutor(client, f"Dask LocalCluster of {target} process(es) ({where})")
        return
    try:
        _knock(target)
        client = Client(target, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        first = (str(exc).splitlines() or [""])[0]
        raise SchedulerUnreachable(
            f"--scheduler {target}: no Dask scheduler answers ({type(exc).__name__}: {first}) — start one "
            "with `dask scheduler` and workers with `dask worker ADDRESS --nthreads 1`, or check the address"
        ) from None
    with client:
        yield DaskExecutor(client, f"Dask scheduler {target}")


@contextmanager
def executor(scheduler: str | None, workers: int, start_method: str | None = None):
    """The local pool unless a scheduler is named; the context closes what it started, never more."""
    if not scheduler:
        yield LocalExecutor(workers, start_method)
        return
    with dask_executor(scheduler) as ex:
        yield ex


def progress(total: int, unit: str):
    """The progress line: done / total, rate and ETA (tqdm), on the terminal only (not in logs or tests)."""
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, disable=None, dynamic_ncols=True, smoothing=0.1)
