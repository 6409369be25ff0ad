"""The build and the batch as tasks on a real Dask cluster (a scheduler and two worker processes on
localhost): the same tables and pages as the local process pool, and a worker killed mid-batch."""

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from gwfw.cli import main
from gwfw.dataset.build import build
from gwfw.report.batch import run_batch

distributed = pytest.importorskip("distributed")

FIXTURES = Path(__file__).parent / "fixtures_notebooks"
TABLES = ("observations.csv", "mentions.csv", "observations.parquet", "mentions.parquet")
# Kills the process that runs it (the Dask worker: the kernel's parent), the first time or always.
KILLER = """\
import os, signal, pathlib
marker = pathlib.Path(marker_file)
if always or not marker.exists():
    marker.touch()
    os.kill(os.getppid(), signal.SIGKILL)
print("survived")
"""


@pytest.fixture(scope="module")
def scheduler():
    """A LocalCluster of two worker processes, reached by its address as a remote cluster would be."""
    import logging

    import dask

    from gwfw.dataset.scheduler import CLUSTER_SETTINGS

    with dask.config.set(CLUSTER_SETTINGS):
        cluster = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.CRITICAL,
        )
    with cluster:
        yield cluster.scheduler_address


def batch(tmp: Path, plans: dict, reports: str, **options) -> dict:
    results = run_batch(
        plans,
        notebooks=tmp / "notebooks",
        reports=tmp / reports,
        data=tmp / "data",
        workers=1,
        log=lambda line: None,
        **options,
    )
    return {r.job.name: r for r in results}


def _page(path: Path) -> str:
    """The page, less the random ids of the cells papermill adds to a failed notebook (its error banner)."""
    return re.sub(r'id="cell-id=[0-9a-f]{8}"', 'id="cell-id=…"', path.read_text(encoding="utf-8"))


def setup_folders(tmp: Path) -> Path:
    shutil.copytree(FIXTURES, tmp / "notebooks")
    (tmp / "data").mkdir()
    (tmp / "data" / "observations.csv").write_text("district,value\n綦江区,1\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('marker_file = ""\nalways = False\nquarter = "2022Q4"')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Killer"), params, nbformat.v4.new_code_cell(KILLER)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(tmp / "notebooks" / "killer.ipynb"))
    return tmp


def test_a_build_on_dask_writes_the_same_bytes_as_a_local_build(scheduler, seeds_copy, tmp_path):
    raw_copy = seeds_copy
    (raw_copy / "zz_binary.txt").write_bytes(b"\x00\x01\x02" * 50)  # a report that cannot be read
    with open(raw_copy / "catalog.csv", "a", encoding="utf-8") as f:
        f.write("zz_binary.txt,綦江区,,,,,,\n")
    local = build(raw_copy, tmp_path / "local", workers=2)
    on_dask = build(raw_copy, tmp_path / "dask", scheduler=scheduler, cache=tmp_path / "dask" / ".cache")
    for table in TABLES:
        assert (tmp_path / "local" / table).read_bytes() == (tmp_path / "dask" / table).read_bytes(), table
    assert local.summary() == on_dask.summary()
    assert any(p.startswith("zz_binary.txt: binary data") for p in on_dask.problems)
    assert len(list((tmp_path / "dask" / ".cache").glob("*.rows"))) == len(on_dask.reports) == 5
    assert not list((tmp_path / "local").glob(".gwfw-build-*"))  # the uncached entries are gone


def test_a_batch_on_dask_gives_the_pages_of_a_local_batch(scheduler, tmp_path):
    tmp = setup_folders(tmp_path)
    plans = {
        "2022Q4": [
            ("good", {"label": "綦江", "quarter": "2022Q4"}),
            ("bad", {"label": "x", "quarter": "2022Q4"}),
        ]
    }
    local = batch(tmp, plans, "local")
    on_dask = batch(tmp, plans, "dask", scheduler=scheduler)
    assert {n: r.status for n, r in on_dask.items()} == {"2022Q4_綦江_good": "ok", "2022Q4_x_bad": "failed"}
    assert {n: r.status for n, r in local.items()} == {n: r.status for n, r in on_dask.items()}
    assert "fixture failure for 2022Q4" in on_dask["2022Q4_x_bad"].error  # a failing notebook stays isolated
    for name in ("2022Q4_綦江_good", "2022Q4_x_bad"):
        page = f"2022Q4/{name}.html"
        assert _page(tmp / "local" / page) == _page(tmp / "dask" / page), page
    again = batch(tmp, plans, "dask", scheduler=scheduler)
    statuses = {n: r.status for n, r in again.items()}
    assert statuses == {"2022Q4_綦江_good": "skipped", "2022Q4_x_bad": "failed"}


def test_a_worker_killed_mid_batch_costs_one_retry_then_the_job_fails_naming_it(scheduler, tmp_path):
    tmp = setup_folders(tmp_path)
    once, always = tmp / "once.marker", tmp / "always.marker"
    plans = {
        "2022Q4": [
            ("killer", {"marker_file": str(once), "always": False, "quarter": "2022Q4"}),
            ("killer", {"marker_file": str(always), "always": True, "quarter": "2022Q4"}),
            ("good", {"label": "after", "quarter": "2022Q4"}),
        ]
    }
    results = batch(tmp, plans, "reports", scheduler=scheduler)
    by_marker = {r.job.parameters.get("always"): r for r in results.values()}
    assert once.exists() and by_marker[False].status == "ok"  # killed once, retried on a live worker
    assert "survived" in (by_marker[False].job.path(".ipynb")).read_text(encoding="utf-8")
    failed = by_marker[True]
    assert failed.status == "failed" and not failed.has_page
    assert "worker died" in failed.error and "tcp://127.0.0.1:" in failed.error
    assert by_marker[None].status == "ok"  # the good notebook, whichever worker it met
    manifest = json.loads(failed.job.path(".json").read_text(encoding="utf-8"))
    assert manifest["status"] == "failed" and manifest["error"] == failed.error


def test_an_unreachable_scheduler_stops_at_once_in_one_line(tmp_path, capsys):
    assert main(["build", "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gwfw: --scheduler tcp://127.0.0.1:9: no Dask scheduler answers")
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out" / "observations.csv").exists()


def test_local_n_must_be_a_number(tmp_path, capsys):
    assert main(["build", "--out", str(tmp_path / "out"), "--scheduler", "local:two"]) == 2
    assert "after 'local:' give a number of processes" in capsys.readouterr().err
