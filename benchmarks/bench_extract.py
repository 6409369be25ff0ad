"""gwfw's speed and memory, measured end to end on a synthetic corpus (see make_corpus.py).

    python benchmarks/bench_extract.py CORPUS [--small CORPUS_2500] [--seed 7] [--skip batch,patho,...]

Sections (each prints as it goes; a compact table of every figure comes at the end and is written to
benchmarks/out/results.md and results.json):

  extract  gwfw.extract.extract on every report's text, in this process, one thread: MB/s (UTF-8 bytes)
           and reports/s; in the same run, on the same texts, the floor: one compiled regex that only
           finds numbers, each converted to Decimal. Below 1/4 of the floor, a profile names the hotspots.
  build    `gwfw build --no-cache` as a subprocess with 1 and 2 workers: wall time, peak RSS (largest
           process, from /usr/bin/time -v, and the whole process tree, sampled); the small corpus too,
           to see how memory grows with the corpus; then a cached build, a rebuild with nothing changed,
           and a rebuild after adding one report.
  import   `python -X importtime -c "import gwfw"` and the wall time of `gwfw --help`.
  batch    benchmarks/bench_batch.py: notebooks through gwfw.batch against the papermill floor.
  patho    benchmarks/pathological.py inputs, each in its own process, at growing sizes up to 50 MB
           while the projected time fits a budget: seconds per MB against normal text, growth exponent,
           peak RSS.
  install  (only with --install) a fresh venv with `pip install -e .[test]`: time and size.

No figure here is asserted: aims are shown beside the figures, and `met` says whether each was reached.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import json
import math
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
BIN = Path(sys.executable).parent
GWFW = str(BIN / "gwfw")
TIME = "/usr/bin/time"
FLOOR = re.compile(r"\d+(?:\.\d+)?")
MB = 1e6

sys.path.insert(0, str(HERE))


# -- the table --------------------------------------------------------------------------------------


@dataclass
class Row:
    section: str
    figure: str
    value: str
    aim: str = ""
    met: bool | None = None


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    raw: dict = field(default_factory=dict)

    def add(self, section, figure, value, aim="", met=None) -> None:
        row = Row(section, figure, value, aim, met)
        self.rows.append(row)
        flag = "" if met is None else ("  [met]" if met else "  [MISSED]")
        print(f"  {figure}: {value}" + (f"  (aim {aim})" if aim else "") + flag, flush=True)

    def note(self, text: str) -> None:
        self.notes.append(text)
        print(f"  note: {text}", flush=True)

    def text(self) -> str:
        w = [max(len(getattr(r, a)) for r in self.rows) for a in ("section", "figure", "value", "aim")]
        lines = []
        for r in self.rows:
            met = "" if r.met is None else ("met" if r.met else "MISSED")
            lines.append(
                f"{r.section:<{w[0]}}  {r.figure:<{w[1]}}  {r.value:>{w[2]}}  {r.aim:<{w[3]}}  {met}".rstrip()
            )
        return "\n".join(lines)

    def markdown(self) -> str:
        lines = ["| section | figure | value | aim | met |", "|---|---|---:|---|---|"]
        for r in self.rows:
            met = "" if r.met is None else ("yes" if r.met else "**no**")
            lines.append(f"| {r.section} | {r.figure} | {r.value} | {r.aim} | {met} |")
        return "\n".join(lines)


def fmt_s(s: float) -> str:
    return f"{s:.2f} s" if s < 10 else f"{s:.1f} s"


def fmt_mb(mb: float) -> str:
    return f"{mb:,.0f} MB" if mb >= 10 else f"{mb:.1f} MB"


# -- subprocesses with wall time and peak memory ----------------------------------------------------


@dataclass
class Run:
    wall: float
    code: int
    stdout: str
    stderr: str
    peak_process_mb: float | None  # the largest single process (GNU time: ru_maxrss)
    peak_tree_mb: float | None  # all processes of the tree together, sampled every 50 ms


def run_measured(cmd: list[str], timeout: float | None = None, **kw) -> Run:
    """Run cmd; wall time, exit code, output, and peak RSS (largest process and whole tree)."""
    use_time = Path(TIME).exists()
    full = [TIME, "-v", *cmd] if use_time else cmd
    before = _children_maxrss()
    start = time.perf_counter()
    proc = subprocess.Popen(full, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    peak = {"tree": 0}
    stop = threading.Event()
    sampler = threading.Thread(target=_sample_tree, args=(proc.pid, peak, stop), daemon=True)
    sampler.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        err += f"\n[timed out after {timeout} s]"
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    process_mb = None
    if use_time:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
        process_mb = int(m.group(1)) / 1024 if m else None
        err = re.sub(r"\n?\tCommand being timed:.*", "", err, flags=re.S)
    else:
        after = _children_maxrss()
        process_mb = after / 1024 if after > before else None  # ru_maxrss of children: max so far
    return Run(wall, proc.returncode, out, err, process_mb, peak["tree"] / 2**20 if peak["tree"] else None)


def _children_maxrss() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def _sample_tree(pid: int, peak: dict, stop: threading.Event) -> None:
    try:
        import psutil
    except ImportError:
        return
    try:
        root = psutil.Process(pid)
    except psutil.Error:
        return
    while not stop.is_set():
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            return
        total = 0
        for p in procs:
            if p.pid == pid and Path(TIME).exists():
                continue  # /usr/bin/time itself
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        peak["tree"] = max(peak["tree"], total)
        stop.wait(0.05)


# -- 1. extraction throughput -----------------------------------------------------------------------


def load_corpus(folder: Path):
    from gwfw.dataset.raw_folder import Report, catalogued_files, read_text

    jobs, problems, _ = catalogued_files(folder)
    reports = []
    for path, meta in jobs:
        text, enc = read_text(path)
        reports.append(Report(path.name, text, enc, meta))
    return reports, problems


def floor_pass(texts: list[str]) -> int:
    n = 0
    for text in texts:
        for m in FLOOR.finditer(text):
            Decimal(m.group())
            n += 1
    return n


def bench_extract(t: Table, corpus: Path, profile_reports: int = 300) -> None:
    from gwfw.extract import extract

    print("\n== extraction throughput (in-process, one thread)", flush=True)
    reports, problems = load_corpus(corpus)
    texts = [r.text for r in reports]
    size = sum(len(x.encode("utf-8")) for x in texts)
    extract(reports[0])  # compile the rules and load the gazetteer outside the clock
    start = time.perf_counter()
    mentions = observations = failures = 0
    for r in reports:
        try:
            ex = extract(r)
        except Exception:  # counted, not fatal: the fuzz run is where failures are chased
            failures += 1
            continue
        mentions += len(ex.mentions)
        observations += len(ex.observations)
    gwfw_s = time.perf_counter() - start
    floor_times, floor_n = [], 0
    for _ in range(3):
        start = time.perf_counter()
        floor_n = floor_pass(texts)
        floor_times.append(time.perf_counter() - start)
    floor_s = min(floor_times)
    gwfw_rate, floor_rate = size / MB / gwfw_s, size / MB / floor_s
    ratio = gwfw_rate / floor_rate
    t.raw["extract"] = {
        "reports": len(reports),
        "bytes": size,
        "gwfw_seconds": gwfw_s,
        "floor_seconds": floor_times,
        "mentions": mentions,
        "observations": observations,
        "floor_numbers": floor_n,
        "failures": failures,
    }
    t.add("extract", "corpus", f"{len(reports):,} reports, {fmt_mb(size / MB)} UTF-8")
    t.add("extract", "gwfw extract", f"{gwfw_rate:.2f} MB/s, {len(reports) / gwfw_s:,.0f} reports/s")
    t.add(
        "extract",
        "floor (regex + Decimal)",
        f"{floor_rate:.1f} MB/s, {len(reports) / floor_s:,.0f} reports/s",
    )
    t.add("extract", "gwfw / floor", f"1/{1 / ratio:.1f}", "≥ 1/4", ratio >= 0.25)
    t.add("extract", "numbers found: gwfw / floor", f"{mentions:,} / {floor_n:,}")
    if failures:
        t.add("extract", "reports whose extraction raised", str(failures), "0", False)
    if ratio < 0.25:
        t.raw["extract"]["profile"] = hotspots(t, reports[:profile_reports])
    del reports, texts


def _defines(path: str, line: int, marker: str) -> bool:
    """Is the function at path:line inside the class `marker` (the nearest class above it)?"""
    try:
        above = Path(path).read_text(encoding="utf-8").splitlines()[:line]
    except OSError:
        return False
    classes = [ln for ln in above if ln.startswith("class ")]
    return bool(classes) and classes[-1].startswith(marker)


def hotspots(t: Table, reports, top: int = 8) -> list[str]:
    """cProfile over some reports: the functions that take the time (own time, then with callees)."""
    from gwfw.extract import extract

    prof = cProfile.Profile()
    prof.enable()
    for r in reports:
        extract(r)
    prof.disable()
    stats = pstats.Stats(prof)
    total = stats.total_tt
    rows = []
    for (path, line, name), (_cc, _nc, tt, ct, _callers) in stats.stats.items():
        where = f"{Path(path).parent.name}/{Path(path).name}:{line}({name})" if path != "~" else name
        rows.append((tt, ct, where))
    lines = []
    print(f"  profile over {len(reports)} reports ({total:.2f} s); own time:", flush=True)
    for tt, ct, where in sorted(rows, reverse=True)[:top]:
        lines.append(f"{tt / total:5.1%} own, {ct / total:5.1%} with callees  {where}")
        print("    " + lines[-1], flush=True)
    phases = {  # where a report's time goes, by the stage of extract() that spends it (with callees)
        "TextIndex (boundaries, titles, programme names)": ("extract/text_index.py", "__init__", "TextIndex"),
        "report_context (date, period, sections)": ("extract/context.py", "report_context", None),
        "find_numbers (numerals)": ("extract/numerals.py", "find_numbers", None),
        "Matcher.match (indicators)": ("extract/matcher.py", "match", None),
        "_Periods (period phrases + lookup)": ("extract/rows.py", ("__init__", "at"), None),
    }
    print("  time by stage (with callees):", flush=True)
    stages = []
    for label, (file, names, _) in phases.items():
        names = names if isinstance(names, tuple) else (names,)
        ct = sum(
            v[3]
            for (path, line, name), v in stats.stats.items()
            if path.endswith("gwfw/" + file)
            and name in names
            and (label.startswith("TextIndex") is False or _defines(path, line, "class TextIndex"))
        )
        lines.append(f"{ct / total:5.1%}  {label}")
        stages.append((ct / total, label.split(" (")[0]))
        print("    " + lines[-1], flush=True)
    own = sum(
        v[2]
        for (path, line, name), v in stats.stats.items()
        if path.endswith("gwfw/extract/rows.py") and name == "extract"
    )
    lines.append(f"{own / total:5.1%}  extract() itself (building the row dicts)")
    print("    " + lines[-1], flush=True)
    t.add(
        "extract",
        "profile: biggest stages",
        ", ".join(f"{name} {share:.0%}" for share, name in sorted(stages)[::-1][:3]),
    )
    return lines


# -- 2. builds --------------------------------------------------------------------------------------


def build(raw: Path, out: Path, workers: int, cache: bool) -> Run:
    cmd = [GWFW, "build", "--raw", str(raw), "--out", str(out), "--workers", str(workers)]
    if not cache:
        cmd.append("--no-cache")
    run = run_measured(cmd)
    if run.code not in (0, 1):  # 1: some report had a problem, the tables are still written
        raise RuntimeError(f"{' '.join(cmd)} failed ({run.code}):\n{run.stderr[-2000:]}")
    return run


def mem(run: Run) -> str:
    parts = []
    if run.peak_process_mb:
        parts.append(f"{fmt_mb(run.peak_process_mb)} largest process")
    if run.peak_tree_mb:
        parts.append(f"{fmt_mb(run.peak_tree_mb)} all processes")
    return ", ".join(parts) or "n/a"


def peak(run: Run) -> float:
    return max(x for x in (run.peak_process_mb, run.peak_tree_mb, 0) if x is not None)


def table_mb(out: Path) -> float:
    return sum(f.stat().st_size for f in out.glob("*.csv")) / MB


def same_tables(a: Path, b: Path) -> bool:
    return all((a / n).read_bytes() == (b / n).read_bytes() for n in ("observations.csv", "mentions.csv"))


def bench_build(t: Table, corpus: Path, small: Path | None, seed: int, work: Path) -> None:
    print("\n== gwfw build (subprocess)", flush=True)
    n = sum(1 for _ in corpus.glob("*.txt"))
    # Two runs of each, alternated, and the faster of each kept: on a shared virtual machine one run
    # can be slowed by ±10 % from outside, which would decide the ratio. Every run is in results.json.
    runs = {1: [], 2: []}
    for _ in range(2):
        for workers in (1, 2):
            runs[workers].append(build(corpus, work / f"w{workers}", workers, cache=False))
            print(f"    {workers} worker(s): {fmt_s(runs[workers][-1].wall)}", flush=True)
    w1, w2 = (min(runs[w], key=lambda r: r.wall) for w in (1, 2))
    t.add("build", f"build {n:,} reports, 1 worker, no cache (best of 2)", fmt_s(w1.wall))
    t.add("build", "  peak RSS, 1 worker", mem(w1), "< 1 GB", max(map(peak, runs[1])) < 1024)
    t.add("build", f"build {n:,} reports, 2 workers, no cache (best of 2)", fmt_s(w2.wall))
    t.add("build", "  peak RSS, 2 workers", mem(w2), "< 1 GB", max(map(peak, runs[2])) < 1024)
    t.add(
        "build",
        "  speed-up with 2 workers",
        f"{w1.wall / w2.wall:.2f}× (runs: "
        + ", ".join(f"{a.wall / b.wall:.2f}×" for a, b in zip(runs[1], runs[2]))
        + ")",
        "≥ 1.6×",
        w1.wall / w2.wall >= 1.6,
    )
    t.add(
        "build",
        "  1 and 2 workers write identical tables",
        str(same_tables(work / "w1", work / "w2")),
        "True",
        same_tables(work / "w1", work / "w2"),
    )
    summary = next((ln for ln in w1.stdout.splitlines() if "report(s)" in ln), "")
    t.note(f"build summary: {summary}")
    t.raw["build"] = {f"w{w}": [r.__dict__ | {"stdout": "", "stderr": ""} for r in runs[w]] for w in (1, 2)}
    big_tables = table_mb(work / "w1")
    shutil.rmtree(work / "w2")
    if small is not None:
        m = sum(1 for _ in small.glob("*.txt"))
        s1 = build(small, work / "s1", 1, cache=False)
        small_tables = table_mb(work / "s1")
        t.add("build", f"build {m:,} reports, 1 worker, no cache", fmt_s(s1.wall))
        t.add("build", f"  peak RSS {m:,} → {n:,} reports", f"{fmt_mb(peak(s1))} → {fmt_mb(peak(w1))}")
        t.add(
            "build",
            f"  output CSV tables {m:,} → {n:,} reports",
            f"{fmt_mb(small_tables)} → {fmt_mb(big_tables)}",
        )
        growth = (peak(w1) - peak(s1)) / max(big_tables - small_tables, 1e-9)
        t.add(
            "build",
            "  RSS growth per MB of output tables",
            f"{growth:.1f} MB/MB",
            "flat beyond the tables (≈ 1)",
            growth <= 1.5,
        )
        t.raw["build"]["small"] = s1.__dict__ | {"stdout": "", "stderr": ""}
        shutil.rmtree(work / "s1")
    shutil.rmtree(work / "w1")
    # cached and incremental builds, on a folder of links to the corpus with its own catalog
    inc = work / "inc"
    inc.mkdir()
    for f in corpus.glob("*.txt"):
        (inc / f.name).symlink_to(f.resolve())
    shutil.copy(corpus / "catalog.csv", inc / "catalog.csv")
    out = work / "cached"
    cold = build(inc, out, 2, cache=True)
    t.add("build", "cached build from empty cache, 2 workers", fmt_s(cold.wall))
    noop = build(inc, out, 2, cache=True)
    t.add("build", "rebuild, nothing changed (the no-op cost)", fmt_s(noop.wall))
    from make_corpus import Corpus

    from gwfw import paths
    from gwfw.dataset.raw_folder import CATALOG_COLUMNS

    name, data, row = Corpus(paths.RAW, seed).report(n)  # the corpus's next report
    (inc / name).write_bytes(data)
    buf = io.StringIO()
    csv.DictWriter(buf, fieldnames=CATALOG_COLUMNS, lineterminator="\n", extrasaction="ignore").writerow(row)
    with open(inc / "catalog.csv", "a", encoding="utf-8") as f:
        f.write(buf.getvalue())
    plus1 = build(inc, out, 2, cache=True)
    t.add("build", "rebuild after adding 1 report", fmt_s(plus1.wall), "< 5 s", plus1.wall < 5)
    t.add("build", "  peak RSS, rebuild after adding 1 report", mem(plus1))
    ok = f"{n + 1} report(s)" in plus1.stdout
    t.add("build", "  the new report is in the tables", str(ok), "True", ok)
    t.raw["build"].update(cold=cold.wall, noop=noop.wall, plus1=plus1.wall, plus1_peak=peak(plus1))
    if plus1.wall >= 5:
        t.raw["build"]["rebuild_profile"] = rebuild_profile(t, inc, out)
    shutil.rmtree(inc)
    shutil.rmtree(out)


REBUILD_STAGES = (  # (label, file, function): where a cached rebuild spends its time
    ("waiting for the workers (reports hashed, entries read)", "gwfw/dataset.py", "_run"),
    ("observations with their conflicts", "gwfw/dataset.py", "_write_observations"),
    ("Parquet", "gwfw/dataset.py", "_to_parquet"),
)


def rebuild_profile(t: Table, raw: Path, out: Path) -> list[str]:
    """cProfile of one more cached rebuild (nothing changed): the share of each stage."""
    prof = out.parent / "rebuild.prof"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cProfile",
            "-o",
            str(prof),
            GWFW,
            "build",
            "--raw",
            str(raw),
            "--out",
            str(out),
            "--workers",
            "2",
        ],
        capture_output=True,
        check=False,
    )
    stats = pstats.Stats(str(prof))
    total = max(v[3] for v in stats.stats.values())
    shares = []
    for label, file, func in REBUILD_STAGES:
        ct = max(
            (v[3] for (path, _, name), v in stats.stats.items() if path.endswith(file) and name == func),
            default=0,
        )
        shares.append((ct / total, label))
    shares.sort(reverse=True)
    t.add(
        "build",
        "  where a rebuild goes (cProfile)",
        ", ".join(f"{label.split(' (')[0]} {share:.0%}" for share, label in shares[:3]),
    )
    return [f"{label} {share:.0%}" for share, label in shares]


# -- 3. import time ---------------------------------------------------------------------------------


def bench_import(t: Table, runs: int = 7) -> None:
    print("\n== import time", flush=True)
    py = sys.executable
    cumulative = []
    for _ in range(runs):
        err = subprocess.run(
            [py, "-X", "importtime", "-c", "import gwfw"], capture_output=True, text=True
        ).stderr
        for line in err.splitlines():
            parts = [p.strip() for p in line.split("|")]
            if len(parts) == 3 and parts[2] == "gwfw":
                cumulative.append(int(parts[1]) / 1e6)
    t.add("import", "import gwfw (-X importtime, cumulative)", f"{min(cumulative) * 1000:.1f} ms")

    def wall(cmd) -> list[float]:
        out = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True)
            out.append(time.perf_counter() - start)
        return out

    bare = wall([py, "-c", "pass"])
    imp = wall([py, "-c", "import gwfw"])
    helped = wall([GWFW, "--help"])
    full = wall([py, "-c", "import gwfw.cli, gwfw.extract, gwfw.dataset.build"])
    t.add("import", "python -c pass (interpreter start)", f"{statistics.median(bare) * 1000:.0f} ms")
    t.add("import", "python -c 'import gwfw' (wall)", f"{statistics.median(imp) * 1000:.0f} ms")
    t.add("import", "import gwfw.cli, extract, dataset (wall)", f"{statistics.median(full) * 1000:.0f} ms")
    t.add(
        "import",
        "gwfw --help (wall, median of 7)",
        f"{statistics.median(helped) * 1000:.0f} ms",
        "< 0.2 s",
        statistics.median(helped) < 0.2,
    )
    t.raw["import"] = {"importtime": cumulative, "bare": bare, "import": imp, "help": helped, "full": full}


# -- 4. notebook batch ------------------------------------------------------------------------------


def bench_batch(t: Table, floor_runs: int = 3) -> None:
    print("\n== notebook batch (benchmarks/bench_batch.py)", flush=True)
    proc = subprocess.run(
        [sys.executable, str(HERE / "bench_batch.py"), "--floor-runs", str(floor_runs)],
        capture_output=True,
        text=True,
    )
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        t.add("batch", "bench_batch.py", f"failed ({proc.returncode})", "runs", False)
        t.note(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "no output")
        return
    r = json.loads(lines[-1])
    t.raw["batch"] = r
    n = r["serial"].get("notebooks") or 0
    if not n:
        t.add("batch", "gwfw batch --all --force", "no notebooks ran", "runs", False)
        for e in r["serial"]["errors"][:3]:
            t.note(f"batch: {e}")
        return
    per = r["serial"]["wall"] / n
    t.add("batch", "papermill floor (imports only), per notebook", fmt_s(r["floor"]))
    t.add(
        "batch",
        f"gwfw batch --all --force, 1 worker: {n} notebooks",
        f"{fmt_s(r['serial']['wall'])}, {per:.2f} s each",
    )
    t.add(
        "batch",
        "  per notebook / papermill floor",
        f"{per / r['floor']:.2f}×",
        "≤ 1.3×",
        per / r["floor"] <= 1.3,
    )
    t.add("batch", "gwfw batch --all --force, 2 workers", fmt_s(r["parallel"]["wall"]))
    t.add("batch", "  speed-up with 2 workers", f"{r['serial']['wall'] / r['parallel']['wall']:.2f}×")
    warm = r["warm"]
    t.add(
        "batch",
        "gwfw batch --all, nothing changed",
        f"{fmt_s(warm['wall'])} ({warm.get('skipped', 0)} up to date)",
        "< 3 s",
        warm["wall"] < 3 and warm.get("skipped") == n,
    )
    failed = sum(r[k].get("failed", 0) for k in ("serial", "parallel", "warm"))
    t.add("batch", "notebooks failed (all runs)", str(failed), "0", failed == 0)
    for k in ("serial", "parallel", "warm"):
        for e in r[k]["errors"][:3]:
            t.note(f"batch ({k}): {e}")


# -- 5. pathological inputs -------------------------------------------------------------------------

LADDERS = {
    "normal": [1, 4, 16, 50],
    "single_line": [1, 4, 16, 50],
    "indicator_words": [1, 4, 16, 50],
    "numbers_lines": [1, 4, 16, 50],
    "numbers_one_line": [0.05, 0.1, 0.2, 0.4, 1],
}


def patho_one(kind: str, mb: float, timeout: float, cap_gb: float = 6.0) -> dict:
    cmd = [sys.executable, str(HERE / "pathological.py"), kind, str(mb), str(cap_gb)]
    run = run_measured(cmd, timeout=timeout)
    lines = run.stdout.strip().splitlines()
    try:
        result = json.loads(lines[-1])
    except (IndexError, ValueError):
        result = {"kind": kind, "mb": mb, "error": (run.stderr.strip().splitlines() or ["no output"])[-1]}
    result["wall"] = run.wall
    return result


def exponent(a: dict, b: dict) -> float:
    """How time grows with size between two runs: 1 is linear, 2 quadratic."""
    return math.log(b["seconds"] / a["seconds"]) / math.log(b["mb"] / a["mb"])


def bench_patho(t: Table, budget: float) -> None:
    print(f"\n== pathological inputs (each in its own process; up to {budget:.0f} s per kind)", flush=True)
    done: dict[str, list[dict]] = {}
    for kind, sizes in LADDERS.items():
        runs, spent, skipped = [], 0.0, None
        for mb in sizes:
            if runs:
                last = runs[-1]
                growth = max(1.0, exponent(runs[-2], last)) if len(runs) > 1 else 1.0
                projected = last["seconds"] * (mb / last["mb"]) ** growth
                if projected > budget - spent:
                    skipped = (mb, projected)
                    break
            r = patho_one(kind, mb, timeout=max(30.0, budget - spent + 30))
            spent += r["wall"]
            if "error" in r:
                t.add("patho", f"{kind} {mb} MB", r["error"], "completes", False)
                break
            runs.append(r)
            print(
                f"    {kind} {r['mb']:.2f} MB: {r['seconds']:.2f} s, {r['mentions']:,} numbers, "
                f"peak {r['peak_rss_mb']:.0f} MB",
                flush=True,
            )
        done[kind] = runs
        if skipped:
            print(f"    {kind} {skipped[0]} MB skipped: projected {skipped[1]:.0f} s", flush=True)
        done[kind + "_skipped"] = skipped
    t.raw["patho"] = done
    normal = {round(r["mb"]): r for r in done.get("normal", [])}
    base = max(done.get("normal", []), key=lambda r: r["mb"], default=None)
    if not base:
        return
    base_spm = base["seconds"] / base["mb"]
    base_spn = base["seconds"] / max(base["mentions"], 1)
    t.add(
        "patho",
        f"normal text at {base['mb']:.0f} MB",
        f"{base['mb'] / base['seconds']:.2f} MB/s, {base['peak_rss_mb']:,.0f} MB peak",
    )
    for kind in LADDERS:
        if kind == "normal" or not done.get(kind):
            continue
        runs = done[kind]
        top = runs[-1]
        ref = normal.get(round(top["mb"]), base)
        ref_spm = ref["seconds"] / ref["mb"] if ref else base_spm
        slow = (top["seconds"] / top["mb"]) / ref_spm
        grow = f", growth ×size^{exponent(runs[-2], top):.2f}" if len(runs) > 1 else ""
        per_number = (top["seconds"] / max(top["mentions"], 1)) / base_spn
        t.add(
            "patho",
            f"{kind} at {top['mb']:.2f} MB",
            f"{fmt_s(top['seconds'])}, {slow:.1f}× normal per MB{grow}",
            "≤ 3× per MB",
            slow <= 3,
        )
        t.add(
            "patho",
            f"  {kind}: per number read, vs normal",
            f"{per_number:.1f}× ({top['mentions']:,} numbers)",
        )
        t.add(
            "patho",
            f"  {kind}: peak RSS",
            f"{top['peak_rss_mb']:,.0f} MB "
            f"({(top['peak_rss_mb'] - top['rss_before_mb']) / top['mb']:.0f} MB per MB of input)",
        )
        if done.get(kind + "_skipped"):
            mb, projected = done[kind + "_skipped"]
            t.add("patho", f"  {kind} at {mb} MB", f"not run: projected {projected:,.0f} s", "")


# -- 6. a fresh install -----------------------------------------------------------------------------


def bench_install(t: Table) -> None:
    print("\n== fresh install: python3 -m venv + pip install -e .[test]", flush=True)
    with tempfile.TemporaryDirectory(prefix="gwfw-venv-") as tmp:
        venv = Path(tmp) / "venv"
        py = shutil.which("python3.11") or shutil.which("python3") or sys.executable
        start = time.perf_counter()
        subprocess.run([py, "-m", "venv", str(venv)], check=True)
        pip = subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-e", f"{ROOT}[test]"], capture_output=True, text=True
        )
        wall = time.perf_counter() - start
        size = subprocess.run(["du", "-sh", str(venv)], capture_output=True, text=True).stdout.split()[0]
        downloads = re.findall(r"Downloading \S+ \(([\d.]+) (kB|MB)\)", pip.stdout)
        cached = len(re.findall(r"Using cached", pip.stdout))
        dl_mb = sum(float(v) / (1000 if u == "kB" else 1) for v, u in downloads)
    t.add(
        "install", "venv + pip install -e .[test]", fmt_s(wall) + ("" if pip.returncode == 0 else " (FAILED)")
    )
    t.add("install", "venv size (du -sh)", size)
    t.add(
        "install",
        "downloaded / taken from pip cache",
        f"{dl_mb:.0f} MB in {len(downloads)} files / {cached} files",
    )


# -- main -------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("corpus", type=Path)
    p.add_argument("--small", type=Path, help="a smaller corpus (e.g. 2,500 reports) to see memory growth")
    p.add_argument("--seed", type=int, default=7, help="the corpus seed (for the report added incrementally)")
    p.add_argument(
        "--skip", default="", help="comma-separated sections to skip: extract,build,import,batch,patho"
    )
    p.add_argument("--only", default="", help="comma-separated sections to run (default all)")
    p.add_argument("--install", action="store_true", help="also time a fresh venv + pip install (downloads)")
    p.add_argument(
        "--patho-budget", type=float, default=80.0, help="seconds per pathological kind (default 80)"
    )
    p.add_argument("--floor-runs", type=int, default=3)
    p.add_argument("--out", type=Path, default=OUT, help="where results.md and results.json go")
    args = p.parse_args(argv)
    sections = ["extract", "build", "import", "batch", "patho"] + (["install"] if args.install else [])
    if args.only:
        sections = [s for s in args.only.split(",") if s]
    sections = [s for s in sections if s not in args.skip.split(",")]
    t = Table()
    started = time.perf_counter()
    python = platform.python_version()
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {python}, {platform.system()}"
    t.raw["machine"] = machine
    print(f"gwfw benchmarks on {machine}", flush=True)
    with tempfile.TemporaryDirectory(prefix="gwfw-bench-") as tmp:
        for s in sections:
            s_start = time.perf_counter()
            if s == "extract":
                bench_extract(t, args.corpus)
            elif s == "build":
                bench_build(t, args.corpus, args.small, args.seed, Path(tmp))
            elif s == "import":
                bench_import(t)
            elif s == "batch":
                bench_batch(t, args.floor_runs)
            elif s == "patho":
                bench_patho(t, args.patho_budget)
            elif s == "install":
                bench_install(t)
            t.raw.setdefault("section_seconds", {})[s] = time.perf_counter() - s_start
    total = time.perf_counter() - started
    t.add("total", "benchmark wall time", fmt_s(total), "< 15 min", total < 900)
    print("\n" + "=" * 100)
    print(f"gwfw benchmarks — {machine}")
    print(t.text())
    missed = [r for r in t.rows if r.met is False]
    print(
        f"\n{len(missed)} aim(s) missed"
        + (": " + "; ".join(f"{r.figure.strip()}" for r in missed) if missed else "")
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.md").write_text(
        f"Machine: {machine}\n\n{t.markdown()}\n\n" + "".join(f"- {n}\n" for n in t.notes), encoding="utf-8"
    )
    (args.out / "results.json").write_text(
        json.dumps(
            {"rows": [r.__dict__ for r in t.rows], "notes": t.notes, "raw": t.raw},
            ensure_ascii=False,
            indent=1,
            default=str,
        ),
        encoding="utf-8",
    )
    print(f"wrote {args.out / 'results.md'} and results.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
