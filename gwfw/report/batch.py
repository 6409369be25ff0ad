"""Run the quarterly notebooks with papermill into reports/, one HTML page each, plus reports/index.html.

Names come from the parameters, never from the clock (convention 9, papermill#311): the quarter, each scalar
parameter (a district by its name, unsafe characters replaced), then the kind of page from
gwfw/langdata/site.yaml. So: reports/2022Q4/2022Q4_綦江区_画像-profile.html and
reports/2022Q4/2022Q4_比较-comparison.html — readable, and a page mailed alone still says what it is.
Zip tools and Windows shares take them (zipfile marks the names UTF-8).

Up to date: reports/<quarter>/<name>.json records digests of everything that shapes the page: the
notebook's bytes, the parameters, the bytes of data/processed/*.csv, the catalog rows of the reports the
page can cite (its title, publisher and date are shown beside each figure), the gwfw package (version,
code, rules in gwfw/langdata, templates), and the options (code shown, kernel). A report is skipped when
its last run was ok with the same digests and its .ipynb and .html exist; a failed report always runs
again, and `force` runs all. The log says why a report ran ("changed: data", "last run failed", ...).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from datetime import datetime
from functools import cache
from pathlib import Path

from .. import __version__, paths
from ..compare import analysis
from ..compare import like_with_like as like
from ..compare.settings import page_kind
from ..dataset.scheduler import Lost, executor, progress
from ..errors import NotBuilt, ParameterError
from . import fragments as html
from . import site
from .notebook_run import KERNEL, Job, Result, run_job

_UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')


def output_name(stem: str, parameters: dict, codes: dict[str, str] | None = None) -> str:
    """'20-district-profile', {'district': '綦江区', 'quarter': '2022Q4'} -> '2022Q4_綦江区_画像-profile'.

    >>> output_name("20-district-profile", {"district": "綦江区", "quarter": "2022Q4"})
    '2022Q4_綦江区_画像-profile'
    >>> output_name("30-compare-districts", {"districts": ["綦江区"], "quarter": "2022Q4"})
    '2022Q4_比较-comparison'
    >>> output_name("x", {"district": "a/b:c*?<d>"})
    'x_a-b-c-d'

    `codes` is accepted for callers of the earlier naming and no longer used: names carry the district's name.
    """
    quarter = parameters.get("quarter")
    parts = [_UNSAFE.sub("-", str(quarter)).strip("-.")] if quarter else []
    for key, value in sorted(parameters.items()):
        if key == "quarter" or value is None or isinstance(value, (list, tuple, dict)):
            continue
        parts.append(_UNSAFE.sub("-", str(value)).strip("-.")[:60] or "-")
    kind = page_kind(stem)
    return "_".join([*parts, kind] if quarter else [kind, *parts])


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
                "sources": cited_rows(obs, Path(data).parent / "raw", parameters),
                "gwfw": _package_digest(),
                "options": f"show_code={show_code} {KERNEL}",
            }
            up_to = _figures_up_to(obs, parameters, latest)
            summary = like.page_summary(obs, parameters) if obs is not None else ""
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
                    summary=summary,
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


def cited_rows(obs, raw: Path, parameters: dict) -> str:
    """A digest of the catalog rows of the reports whose figures a page with these parameters can show (the
    rows of its districts' reports; of every report when the data cannot be read), so that editing a
    report's title or date in the catalog runs again the pages that cite it, and only those."""
    from ..dataset.raw_folder import read_catalog

    try:
        rows = {row["file"]: row for row in read_catalog(raw)}
    except Exception:  # no catalog beside the data (tests, another layout): the pages show file names only
        return ""
    districts = parameters.get("districts") or [d for d in [parameters.get("district")] if d]
    if obs is None or not districts:
        files = sorted(rows)
    else:
        files = sorted(set(obs.loc[obs["district"].isin(list(districts)), "file"]))
    cited = [rows.get(f, {}) for f in files]
    return hashlib.sha256(json.dumps(cited, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


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
        "summary": job.summary,
        "inputs": job.inputs,
    }


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
    zips: bool = False,
    scheduler: str | None = None,
) -> list[Result]:
    """Run every job not up to date, in worker processes, then write manifests and reports/index.html.

    One failing notebook never stops the others; the caller decides the exit code from the results.
    Pages of the planned quarters that the plan no longer names are removed (a profile for a quarter that
    brings no new figures, a page under an earlier naming). `zips`: one zip per quarter, HTML only.
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
    site.remove_unplanned(reports, jobs)
    site.write_index(reports, results)
    if zips:
        for quarter in sorted(plans):
            site.write_zip(reports, quarter)
    return sorted(results, key=lambda r: (r.job.quarter, r.job.name))
