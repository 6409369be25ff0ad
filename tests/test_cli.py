"""The gwfw command as a researcher uses it."""

import csv
import subprocess
import sys

from gwfw import paths
from gwfw.cli import main

from .conftest import GOLD, write_report


def test_extract_and_evaluate_on_the_seeds(tmp_path, capsys):
    out = tmp_path / "obs.csv"
    assert main(["extract", str(GOLD.parent), "--out", str(out)]) == 0
    rows = list(csv.DictReader(open(out, encoding="utf-8")))
    assert {"file", "district", "indicator", "value", "evidence", "period_label", "conflict"} <= set(rows[0])
    capsys.readouterr()
    assert main(["evaluate", "--gold", str(GOLD), "--observations", str(out)]) == 0
    report = capsys.readouterr().out
    assert report.startswith("precision ") and "recall" in report and "misses:" in report


def test_build_summary_and_exit_code_with_a_broken_report(tmp_path, seeds_copy, capsys):
    write_report(seeds_copy, "broken.txt", b"\x00\x01\x02" * 100)
    code = main(["build", "--raw", str(seeds_copy), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 1
    assert "5 report(s)" in out and "綦江区:" in out and "left unmapped" in out
    assert "problem: broken.txt: binary data" in out
    assert (tmp_path / "out" / "observations.csv").exists()  # the good reports still went through


def test_help_is_quick_to_import():
    # gwfw --help must not import pandas, matplotlib or papermill
    code = (
        "import sys, gwfw.cli; gwfw.cli.parser(); "
        "print(sorted(m for m in ('pandas', 'matplotlib', 'papermill') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_console_script_runs():
    exe = paths.ROOT / ".venv" / "bin" / "gwfw"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "gwfw"]
    proc = subprocess.run(cmd + ["--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "build" in proc.stdout and "evaluate" in proc.stdout
