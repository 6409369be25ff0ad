"""One notebook run with papermill and rendered to its page: what a batch job is, in a worker process or
as a task on a Dask worker (plain data both ways, so it pickles)."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import fragments as html

KERNEL = "python3"
_ONE_NOTEBOOK = threading.Lock()  # papermill's chdir is process-wide (papermill#578)


@dataclass
class Job:
    """One notebook with one set of parameters; plain data, so it pickles to a worker process."""

    notebook: Path
    quarter: str
    parameters: dict
    folder: Path
    name: str
    title: str
    inputs: dict[str, str]  # what shapes the page -> its digest
    data_built: str
    show_code: bool = False
    timeout: int | None = 600
    verbose: bool = False
    figures_up_to: str = "—"  # the end of the latest period the page can show
    summary: str = ""  # the index's sentence: key facts of a comparison, what a profile brings

    def path(self, suffix: str) -> Path:
        return self.folder / f"{self.name}{suffix}"


@dataclass
class Result:
    job: Job
    status: str  # ok | failed | skipped
    seconds: float = 0.0
    error: str = ""
    figures: int = 0
    has_page: bool = True
    reason: str = ""  # why it ran


def _execute(job: Job) -> str:
    """Run the notebook with papermill; return the error ('' when it ran through)."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    _readable_parameters()
    error = ""
    for _ in range(2):
        try:
            pm.execute_notebook(
                str(job.notebook),
                str(job.path(".ipynb")),
                parameters=job.parameters,
                kernel_name=KERNEL,
                cwd=str(job.notebook.parent),
                progress_bar=False,
                request_save_on_cell_execute=False,
                execution_timeout=job.timeout,
                log_output=job.verbose,  # ipykernel's notices (TCP, interrupt at shutdown) too
                extra_arguments=[] if job.verbose else ["--log-level=CRITICAL"],
            )
            return ""
        except PapermillExecutionError as exc:  # the output notebook is written, with papermill's banner
            return f"{exc.ename}: {exc.evalue} (In [{exc.exec_count}])"
        except TimeoutError as exc:
            return f"{type(exc).__name__}: {exc}"
        except Exception as exc:  # a kernel that failed to start (ZMQ port race, papermill#511): once more
            error = f"{type(exc).__name__}: {exc}"
    return error


@cache
def _readable_parameters() -> None:
    """The injected-parameters cell shows 綦江区, not "\\u7da6\\u6c5f\\u533a": papermill escapes every
    non-ASCII character of a string; a JSON string without ensure_ascii is a valid Python literal too."""
    from papermill.translators import PythonTranslator, papermill_translators

    class Readable(PythonTranslator):
        @classmethod
        def translate_escaped_str(cls, str_val):
            return json.dumps(str_val, ensure_ascii=False) if isinstance(str_val, str) else f'"{str_val}"'

    papermill_translators.register("python", Readable)
    papermill_translators.register(KERNEL, Readable)


def run_job(job: Job) -> Result:
    """Execute one notebook and render its page, failed or not; runs in a worker process. Never raises."""
    if job.verbose:
        import logging

        logging.basicConfig(level=logging.INFO, format="%(message)s")
    start = time.perf_counter()
    job.folder.mkdir(parents=True, exist_ok=True)
    for suffix in (".ipynb", ".html"):  # never show the last run's page for this run's failure
        job.path(suffix).unlink(missing_ok=True)
    with _ONE_NOTEBOOK:  # a Dask worker with several threads still runs one notebook at a time
        error = _execute(job)
    result = Result(job, "failed" if error else "ok", error=error, has_page=False)
    if job.path(".ipynb").exists():
        try:
            result.figures = html.notebook_page(
                job.path(".ipynb"), job.path(".html"), job.title, job.show_code
            )
            result.has_page = True
        except Exception as exc:
            result.status = "failed"
            result.error = "; ".join(filter(None, [error, f"HTML: {type(exc).__name__}: {exc}"]))
    result.seconds = round(time.perf_counter() - start, 2)
    return result
