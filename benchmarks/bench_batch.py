"""The notebook batch against the papermill floor, measured in one run; JSON on the last line of stdout.

    python benchmarks/bench_batch.py [--floor-runs 3]

- floor: a notebook holding only the notebooks' imports (`import pandas, seaborn, matplotlib;
  from gwfw import Comparison`), executed with papermill.execute_notebook (kernel python3),
  serially, `--floor-runs` times: seconds per notebook;
- batch: `gwfw batch --all --force` (every notebook of every quarter in data/processed) as a subprocess,
  serially (--workers 1) and in parallel (--workers 2), then `gwfw batch --all` again with nothing
  changed (every page up to date). The CLI has no option for the reports folder and always writes the
  project's reports/, so the subprocess points gwfw.paths.REPORTS at a temporary folder first and then
  calls gwfw.cli.main: the same code path, interpreter start and imports included.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR_SOURCE = "import pandas, seaborn, matplotlib\nfrom gwfw import Comparison"


def floor_notebook(folder: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(FLOOR_SOURCE)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "floor.ipynb"
    nbformat.write(nb, str(path))
    return path


def run_floor(folder: Path, runs: int) -> list[float]:
    import papermill as pm

    src = floor_notebook(folder)
    times = []
    for i in range(runs):
        start = time.perf_counter()
        pm.execute_notebook(
            str(src),
            str(folder / f"floor-out-{i}.ipynb"),
            kernel_name="python3",
            progress_bar=False,
            cwd=str(folder),
            log_output=False,
            extra_arguments=["--log-level=CRITICAL"],
        )
        times.append(time.perf_counter() - start)
    return times


CLI = """
import sys
from pathlib import Path
from gwfw import paths
paths.REPORTS = Path(sys.argv[1])
from gwfw.cli import main
sys.exit(main(["batch", *sys.argv[2:]]))
"""
SUMMARY = re.compile(r"(\d+) notebook\(s\): (\d+) ok, (\d+) failed, (\d+) up to date")


def cli_batch(reports: Path, *args: str) -> dict:
    """`gwfw batch ARGS` in a fresh interpreter, writing into `reports`: wall time and counts."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CLI, str(reports), *args], capture_output=True, text=True)
    wall = time.perf_counter() - start
    m = SUMMARY.search(proc.stdout)
    counts = dict(zip(("notebooks", "ok", "failed", "skipped"), map(int, m.groups()))) if m else {}
    errors = [ln for ln in proc.stdout.splitlines() if ln.startswith("failed:")][:5]
    if not m:
        errors.append((proc.stderr.strip().splitlines() or ["no output"])[-1])
    return {"wall": wall, "code": proc.returncode, **counts, "errors": errors}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--floor-runs", type=int, default=3)
    args = p.parse_args(argv)
    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="gwfw-bench-batch-") as tmp:
        tmp = Path(tmp)
        floor = run_floor(tmp, args.floor_runs)
        out["floor_runs"] = floor
        out["floor"] = statistics.mean(floor)
        print(f"papermill floor: {', '.join(f'{t:.2f}' for t in floor)} s", flush=True)
        reports = tmp / "reports"
        out["serial"] = cli_batch(reports, "--all", "--force", "--workers", "1")
        print(
            f"gwfw batch --all --force --workers 1: {out['serial']['wall']:.1f} s for "
            f"{out['serial'].get('notebooks')} notebooks",
            flush=True,
        )
        out["parallel"] = cli_batch(reports, "--all", "--force", "--workers", "2")
        print(f"gwfw batch --all --force --workers 2: {out['parallel']['wall']:.1f} s", flush=True)
        out["warm"] = cli_batch(reports, "--all", "--workers", "2")
        print(
            f"gwfw batch --all, nothing changed: {out['warm']['wall']:.2f} s "
            f"({out['warm'].get('skipped')} up to date)",
            flush=True,
        )
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
