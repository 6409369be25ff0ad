"""The processed tables: deterministic, committed up to date, written atomically, one build at a time."""

import os
import subprocess
import sys

import pytest

from gwfw import paths
from gwfw.dataset.build import build, extract_folder
from gwfw.dataset.files import BuildLocked, build_lock, write_atomic
from gwfw.dataset.schema import SchemaError, validate

NAMES = ("observations.csv", "mentions.csv", "observations.parquet", "mentions.parquet")


def test_same_raw_data_gives_byte_identical_files(tmp_path):
    for run in ("a", "b"):
        build(paths.RAW, tmp_path / run, corrections=paths.CORRECTIONS)
    for name in NAMES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_committed_processed_files_equal_a_fresh_build(tmp_path):
    build(paths.RAW, tmp_path, corrections=paths.CORRECTIONS)  # as `gwfw build` makes them
    for name in ("observations.csv", "mentions.csv", "corrections_status.csv"):
        fresh = (tmp_path / name).read_bytes()
        assert (paths.PROCESSED / name).read_bytes() == fresh, (
            f"data/processed/{name} is stale: run `make data`"
        )


def test_interrupted_write_leaves_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "observations.csv"
    target.write_bytes(b"previous")

    def crash(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new content")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["observations.csv"]  # no temporary file left


def test_killed_build_leaves_complete_files(tmp_path, raw_copy):
    out = tmp_path / "processed"
    build(paths.RAW, out)
    before = {n: (out / n).read_bytes() for n in NAMES}
    (raw_copy / "000_ad266bfa8973dc8b.txt").unlink()  # new data differs from the old
    with open(raw_copy / "catalog.csv", encoding="utf-8") as f:
        rows = [ln for ln in f if not ln.startswith("000_")]
    (raw_copy / "catalog.csv").write_text("".join(rows), encoding="utf-8")
    # killed with SIGKILL just before the second table is put in place
    code = (
        "import os, pathlib, gwfw.dataset.build as d\n"
        f"out = pathlib.Path({str(out)!r})\n"
        "calls = []\n"
        "real = os.replace\n"
        "def dying(a, b):\n"
        "    if pathlib.Path(b).parent == out: calls.append(b)\n"
        "    if len(calls) == 2: os.kill(os.getpid(), 9)\n"
        "    real(a, b)\n"
        "os.replace = dying\n"
        f"d.build(pathlib.Path({str(raw_copy)!r}), out)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert proc.returncode == -9, proc.stderr
    after = {n: (out / n).read_bytes() for n in NAMES}
    assert after["observations.csv"] != before["observations.csv"]  # the first file was replaced whole
    assert {n: after[n] for n in NAMES[1:]} == {n: before[n] for n in NAMES[1:]}  # the rest untouched
    build(raw_copy, out)  # the next build cleans up what the killed one left
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


def test_second_build_says_another_is_running(tmp_path):
    with build_lock(tmp_path):
        with pytest.raises(BuildLocked, match="another gwfw build"):
            with build_lock(tmp_path, wait_seconds=0.1):
                pass


def test_schema_reports_every_failure():
    good = extract_folder(paths.RAW).observations[0]
    bad = [dict(good, value="abc"), dict(good, qualifier="roughly"), dict(good, period_start="2030-01-01")]
    with pytest.raises(SchemaError) as err:
        validate("observations", bad)
    assert len(err.value.failures) == 3
    assert "value" in err.value.failures[0] and "qualifier" in err.value.failures[1]
    assert "after period_end" in err.value.failures[2]


def test_parallel_build_equals_serial(tmp_path):
    serial, parallel = extract_folder(paths.RAW), extract_folder(paths.RAW, workers=2)
    assert (serial.observations, serial.mentions) == (parallel.observations, parallel.mentions)


def test_incremental_build_reextracts_only_changed_reports(tmp_path, seeds_copy, monkeypatch):
    from gwfw.dataset import build as dataset
    from gwfw.dataset import cache as entries

    cache = tmp_path / "cache"
    first = extract_folder(seeds_copy, cache=cache)
    assert len(list(cache.glob("*.rows"))) == 5
    seen = []
    real = dataset.extract

    def counting(report):
        seen.append(report.file)
        return real(report)

    monkeypatch.setattr(dataset, "extract", counting)
    again = extract_folder(seeds_copy, cache=cache)
    assert seen == [] and again.observations == first.observations  # all from the cache
    target = seeds_copy / "002_79b203d46d5c2895.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\n目前，大厅共有窗口140个。", encoding="utf-8")
    changed = extract_folder(seeds_copy, cache=cache)
    assert seen == ["002_79b203d46d5c2895.txt"]
    assert any(o["value"] == "140" for o in changed.observations)
    assert len(list(cache.glob("*.rows"))) == 5  # the stale entry is gone
    monkeypatch.setattr(entries, "rules_version", lambda: "a-changed-lexicon")
    seen.clear()
    extract_folder(seeds_copy, cache=cache)
    assert len(seen) == 5  # new rules: everything again


def test_rules_version_follows_the_language_data_and_extraction_code_only(tmp_path, monkeypatch):
    import shutil

    from gwfw.dataset import cache

    package = tmp_path / "gwfw"
    shutil.copytree(paths.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    data = package / "langdata"
    monkeypatch.setattr(paths, "DATA_FILES", data)
    before = cache.rules_version.__wrapped__()
    for page_only in (
        package / "report" / "charts.py",
        data / "labels.yaml",
        data / "comparability.csv",
        data / "review.yaml",
    ):
        with open(page_only, "a", encoding="utf-8") as f:
            f.write("\n# a chart or a label changed\n")
    assert cache.rules_version.__wrapped__() == before  # what the pages show: cached extractions stay
    for changed in (data / "periods.yaml", package / "extract" / "numerals.py"):
        with open(changed, "a", encoding="utf-8") as f:
            f.write("\n# a new phrase\n")
        assert cache.rules_version.__wrapped__() != before, changed
        before = cache.rules_version.__wrapped__()
    # a new OpenCC may convert a traditional-script text differently
    monkeypatch.setattr(cache.importlib.metadata, "version", lambda name: "99.0")
    assert cache.rules_version.__wrapped__() != before


def test_the_rules_version_covers_every_module_the_extraction_runs():
    code = (
        "import sys, gwfw.dataset.build; "
        "print(' '.join(sorted(m[5:] for m in sys.modules if m.startswith('gwfw.'))))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    from gwfw.dataset.cache import EXTRACTION_MODULES

    assert sorted(EXTRACTION_MODULES) == loaded


def test_a_report_whose_rows_break_the_schema_is_that_reports_problem(seeds_copy, monkeypatch):
    from gwfw.dataset import build as dataset

    real = dataset.extract

    def breaking(report):
        ex = real(report)
        if report.file.startswith("002_"):
            ex.observations[0]["qualifier"] = "roughly"
        return ex

    monkeypatch.setattr(dataset, "extract", breaking)
    result = extract_folder(seeds_copy)
    assert len(result.problems) == 1, result.problems
    problem = result.problems[0]
    assert problem.startswith("002_79b203d46d5c2895.txt: observations: 1 row(s) break the schema")
    assert "qualifier" in problem and "\n" not in problem
    assert len(result.reports) == 4 and {o["file"] for o in result.observations} == set(result.reports)


def test_tables_are_readable_by_others_like_any_file(tmp_path):
    build(paths.RAW, tmp_path)
    umask = os.umask(0)
    os.umask(umask)
    for name in NAMES:
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~umask, name


def test_parquet_holds_the_same_rows_as_the_csv_even_across_line_breaks(tmp_path, monkeypatch):
    import pandas as pd

    from gwfw.dataset import build as dataset

    from .conftest import write_report

    monkeypatch.setattr(dataset, "PARQUET_BLOCK", 1 << 16)  # many blocks, as in a national build

    raw = tmp_path / "raw"
    lines = [f"第{i}批，受理{i}.3万\n件，办结率9{i % 10}.5%。" for i in range(3000)]
    write_report(raw, "wrapped.txt", "\n".join(lines).encode("utf-8"), title="2022年工作总结")
    build(raw, tmp_path / "out")
    for name in ("observations", "mentions"):
        csv_rows = pd.read_csv(tmp_path / "out" / f"{name}.csv", dtype=str, keep_default_na=False)
        parquet = pd.read_parquet(tmp_path / "out" / f"{name}.parquet")
        assert len(parquet) == len(csv_rows) > 3000
        text = "evidence" if name == "observations" else "text"
        assert parquet[text].tolist() == csv_rows[text].tolist()
        assert parquet[text].str.contains("\n").sum() >= 3000
        assert parquet["char_start"].tolist() == csv_rows["char_start"].astype(int).tolist()
