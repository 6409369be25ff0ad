"""Run the quarterly notebooks with papermill into reports/, one HTML page each, plus reports/index.html.

Names come from the parameters, never from the clock (convention 9, papermill#311): the notebook stem,
then `__` and each scalar parameter except the quarter, with a district written as its six-digit code
when the data has one, else as its name with unsafe characters replaced. Lists (the compared districts)
are not part of a name. So: reports/2022Q4/20-district-profile__500110.html for 綦江区, and
reports/2022Q4/30-compare-districts.html. Codes keep file names ASCII for zip tools and Windows shares.

Up to date: reports/<quarter>/<name>.json records digests of everything that shapes the page: the
notebook's bytes, the parameters, the bytes of data/processed/*.csv, the gwfw package (version, code,
rules in gwfw/langdata, templates), and the options (code shown, kernel). A report is skipped when its last
run was ok with the same digests and its .ipynb and .html exist; a failed report always runs again, and
`force` runs all. The log says why a report ran ("changed: data", "last run failed", ...).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from .. import __version__, paths
from ..compare import analysis
from ..dataset.scheduler import Lost, executor, progress
from ..errors import NotBuilt, ParameterError
from . import fragments as html

KERNEL = "python3"
_ONE_NOTEBOOK = threading.Lock()  # papermill's chdir is process-wide (papermill#578)
_UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')


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


def output_name(stem: str, parameters: dict, codes: dict[str, str] | None = None) -> str:
    """'20-district-profile', {'district': '綦江区', 'quarter': '2022Q4'} -> '20-district-profile__500110'.

    >>> output_name("20-district-profile", {"district": "綦江区", "quarter": "2022Q4"}, {"綦江区": "500110"})
    '20-district-profile__500110'
    >>> output_name("20-district-profile", {"district": "重庆高新区", "quarter": "2022Q4"}, {})
    '20-district-profile__重庆高新区'
    >>> output_name("30-compare-districts", {"districts": ["綦江区"], "indicators": None, "quarter": "2022Q4"}
    ... )
    '30-compare-districts'
    """
    codes = codes or {}
    parts = [stem]
    for key, value in sorted(parameters.items()):
        if key == "quarter" or value is None or isinstance(value, (list, tuple, dict)):
            continue
        text = str(codes.get(value) or value)
        parts.append(_UNSAFE.sub("-", text).strip("-.")[:60] or "-")
    return "__".join(parts)


def _digest(files: list[Path], root: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(f.relative_to(root).as_posix().encode() + b"\0")
        with open(f, "rb") as stream:  # in blocks: a national mentions.csv is 600 MB
            for block in iter(lambda: stream.read(1 << 20), b""):
                h.update(block)
        h.update(b"\0")
    return h.hexdigest()


@cache
def _package_digest() -> str:
    """The gwfw code the notebooks run (gwfw.report.views and everything it imports), its data files and
    the page templates. Extraction code is left out: its effect reaches the pages through the data."""
    import sys

    import gwfw.report.views  # noqa: F401  (the notebooks' entry point)

    modules = [
        Path(m.__file__)
        for name, m in list(sys.modules.items())
        if (name == "gwfw" or name.startswith("gwfw.")) and getattr(m, "__file__", None)
    ]
    files = modules + [
        f
        for d in (paths.DATA_FILES, html.TEMPLATES)
        for f in d.rglob("*")
        if f.is_file() and f.suffix != ".pyc"
    ]
    return f"{__version__} {_digest(sorted(set(files)), paths.PACKAGE)}"


def plan_jobs(
    plans: dict[str, list[tuple[str, dict]]],
    *,
    notebooks: Path,
    reports: Path,
    data: Path,
    codes: dict[str, str] | None = None,
    show_code: bool = False,
    timeout: int | None = 600,
    verbose: bool = False,
) -> list[Job]:
    """{quarter: [(notebook stem, parameters), ...]} -> jobs with output names, titles and digests."""
    csvs = sorted(Path(data).glob("*.csv"))
    data_digest = _digest(csvs, Path(data))
    built = max((f.stat().st_mtime for f in csvs), default=None)
    data_built = datetime.fromtimestamp(built).strftime("%Y-%m-%d %H:%M") if built else "—"
    obs = _observations(Path(data))
    latest: dict[str, dict[str, str]] = {}  # quarter -> district -> its latest period end, computed once
    jobs, seen = [], {}
    for quarter, plan in plans.items():
        for stem, parameters in plan:
            notebook = Path(notebooks) / f"{stem}.ipynb"
            if not notebook.exists():
                raise NotBuilt(f"{notebook}: notebook not found — the batch plan for {quarter} names {stem}")
            name = output_name(stem, parameters, codes)
            if (quarter, name) in seen:
                raise ParameterError(
                    f"{quarter}/{name}: two jobs share an output name ({seen[quarter, name]} and "
                    f"{parameters}) — give them a distinguishing scalar parameter"
                )
            seen[quarter, name] = parameters
            inputs = {
                "notebook": hashlib.sha256(notebook.read_bytes()).hexdigest(),
                "parameters": json.dumps(parameters, sort_keys=True, ensure_ascii=False),
                "data": data_digest,
                "gwfw": _package_digest(),
                "options": f"show_code={show_code} {KERNEL}",
            }
            up_to = _figures_up_to(obs, parameters, latest)
            jobs.append(
                Job(
                    notebook,
                    quarter,
                    dict(parameters),
                    Path(reports) / quarter,
                    name,
                    html.page_title(notebook, parameters),
                    inputs,
                    data_built,
                    show_code,
                    timeout,
                    verbose,
                    figures_up_to=up_to,
                )
            )
    return jobs


def _figures_up_to(obs, parameters: dict, latest: dict) -> str:
    """analysis.latest_figure, from one table per quarter for the jobs of one district (a national batch
    plans tens of thousands: one filter of the whole table each took 11 ms)."""
    if obs is None:
        return "—"
    district, quarter = parameters.get("district"), parameters.get("quarter")
    if not isinstance(district, str) or parameters.get("indicators") or not isinstance(quarter, str):
        return analysis.latest_figure(obs, parameters)
    if quarter not in latest:
        latest[quarter] = analysis.latest_figures(obs, quarter)
    return latest[quarter].get(district, "—")


def _observations(data: Path):
    """The observations the notebooks read, for the index's 'figures up to' column; None when unreadable."""
    from ..dataset.load import load_observations

    try:
        return load_observations(data)
    except Exception:  # a data folder of another shape (tests, a half-built folder): the column shows '—'
        return None


def read_manifest(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def why_run(job: Job) -> str:
    """'' when up to date (last run ok, same inputs, both outputs there), else the reason to run it."""
    manifest = read_manifest(job.path(".json"))
    if not manifest:
        return "new"
    if manifest.get("status") != "ok":
        return "last run failed"
    changed = [key for key, value in job.inputs.items() if manifest.get("inputs", {}).get(key) != value]
    if changed:
        return "changed: " + ", ".join(changed)
    return "" if job.path(".ipynb").exists() and job.path(".html").exists() else "output missing"


def _execute(job: Job) -> str:
    """Run the notebook with papermill; return the error ('' when it ran through)."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

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


def _manifest(result: Result) -> dict:
    job = result.job
    return {
        "notebook": job.notebook.stem,
        "quarter": job.quarter,
        "parameters": job.parameters,
        "name": job.name,
        "title": job.title,
        "status": result.status,
        "seconds": result.seconds,
        "error": result.error,
        "figures": result.figures,
        "has_page": result.has_page,
        "data_built": job.data_built,
        "figures_up_to": job.figures_up_to,
        "inputs": job.inputs,
    }


def write_index(reports: Path, results: list[Result] = ()) -> Path:
    """reports/index.html over every manifest on disk; this run's skips are shown as such."""
    skipped = {(r.job.quarter, r.job.name) for r in results if r.status == "skipped"}
    entries = []
    for path in sorted(Path(reports).glob("*/*.json")):
        manifest = read_manifest(path)
        if manifest and {"quarter", "name", "status"} <= set(manifest):
            if (manifest["quarter"], manifest["name"]) in skipped:
                manifest["status"] = "skipped"
            entries.append(manifest)
    index = Path(reports) / "index.html"
    html.write_text(index, html.index_page(entries))
    return index


def run_batch(
    plans: dict[str, list[tuple[str, dict]]],
    *,
    notebooks: Path = paths.NOTEBOOKS,
    reports: Path = paths.REPORTS,
    data: Path = paths.PROCESSED,
    codes: dict[str, str] | None = None,
    workers: int | None = None,
    force: bool = False,
    show_code: bool = False,
    timeout: int | None = 600,
    verbose: bool = False,
    log=None,
    scheduler: str | None = None,
) -> list[Result]:
    """Run every job not up to date, in worker processes, then write manifests and reports/index.html.

    One failing notebook never stops the others; the caller decides the exit code from the results.
    Processes, not threads: papermill changes the working directory, which is per process (papermill#578).
    With `scheduler` the jobs run as tasks on a Dask cluster instead (gwfw.dataset.scheduler); the manifests,
    the skips and the index are decided here either way.
    """
    jobs = plan_jobs(
        plans,
        notebooks=notebooks,
        reports=reports,
        data=data,
        codes=codes,
        show_code=show_code,
        timeout=timeout,
        verbose=verbose,
    )
    reasons = {(job.quarter, job.name): "forced" if force else why_run(job) for job in jobs}
    todo = [job for job in jobs if reasons[job.quarter, job.name]]
    results: list[Result] = []
    workers = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))
    # spawn: the same start method on Linux, macOS and Windows, and no forked zmq state
    # nothing to run: no cluster to start or reach either
    place = executor(scheduler if todo else None, workers, start_method="spawn")
    with place as ex, progress(len(jobs), "notebook") as bar:
        say = log or bar.write

        def done(result: Result) -> None:
            result.reason = reasons[result.job.quarter, result.job.name]
            if result.status != "skipped":
                html.write_text(
                    result.job.path(".json"), json.dumps(_manifest(result), ensure_ascii=False, indent=1)
                )
            results.append(result)
            job = result.job
            took = "up to date" if result.status == "skipped" else f"{result.seconds:6.1f}s ({result.reason})"
            say(f"{result.status:<8} {job.quarter} {job.name:<40} {took}  {result.error}".rstrip())
            bar.update()

        for job in jobs:
            if not reasons[job.quarter, job.name]:
                done(Result(job, "skipped"))
        if todo and hasattr(ex, "check_shared"):
            Path(reports).mkdir(parents=True, exist_ok=True)
            ex.check_shared([notebooks, reports, data])
        for job, result in ex.completed(run_job, todo):
            if isinstance(result, Lost):  # its worker died: the others still finish
                result = Result(job, "failed", error=result.error, has_page=False)
            done(result)
    write_index(reports, results)
    return sorted(results, key=lambda r: (r.job.quarter, r.job.name))
