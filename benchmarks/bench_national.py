"""National scale: the build and the batch on a synthetic corpus of every county, process pool vs Dask.

    python benchmarks/bench_national.py benchmarks/out/national [--sample 6] [--skip-build]

FOLDER/raw is the corpus of make_national.py. Measured, each in a fresh interpreter (imports and, for
Dask, the LocalCluster's start included), with the parent's peak RSS from getrusage:
- `gwfw build --no-cache` with 2 local worker processes, then with `--scheduler local:2` (a Dask
  LocalCluster of 2 processes); the two table folders are compared byte for byte;
- the batch on a sample (the notebooks pointed at FOLDER/processed by GWFW_DATA): the profile and
  the peer-group page (peers: province) of `--sample` districts for 2022Q4, with 2 local processes,
  then on local:2; the full national batch (every district × 8 quarters × 2 notebooks) would take
  hours on 2 cores, so it is extrapolated from these per-notebook figures, which RESULTS.md says;
- the pieces of one notebook: a papermill run of a notebook holding only the imports, loading the
  national observations (CSV, and its Parquet twin for comparison), the peer computation;
- Dask's own cost per task: 2,000 empty tasks on local:2.
JSON on the last line of stdout.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

TABLES = ("observations.csv", "mentions.csv", "observations.parquet", "mentions.parquet")
MEASURED = """
import resource, sys, time
if __name__ == "__main__":
    start = time.perf_counter()
    {body}
    wall = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("MEASURED " + json.dumps({{"wall": round(wall, 2), "parent_rss_mb": round(rss), **extra}}))
"""
CLI_BODY = "import json; from gwfw.cli import main; extra = {{'code': main({argv!r})}}"
BATCH_BODY = """import json
    from pathlib import Path
    from gwfw.report.batch import run_batch
    plans = json.loads({plans!r})
    results = run_batch(plans, reports=Path({reports!r}), data=Path({data!r}), workers=2,
                        scheduler={scheduler!r}, log=lambda line: None)
    seconds = [r.seconds for r in results if r.status == "ok"]
    extra = {{"ok": len(seconds), "failed": sum(r.status == "failed" for r in results),
             "errors": [r.error for r in results if r.error][:3],
             "notebook_seconds": round(sum(seconds) / max(1, len(seconds)), 2)}}"""
NOOP_BODY = """import json
    from distributed import Client, LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \\
            Client(cluster) as client:
        client.gather(client.map(abs, range(50)))  # warm up
        t = time.perf_counter()
        client.gather(client.map(abs, range(2000), pure=False))
        extra = {"per_task_ms": round((time.perf_counter() - t) / 2000 * 1000, 3)}"""
PIECES = """
import json, time
t = time.perf_counter()
from gwfw.dataset.load import load_observations
obs = load_observations({data!r})
csv_s = time.perf_counter() - t
import pandas as pd
t = time.perf_counter(); pd.read_parquet({parquet!r}); parquet_s = time.perf_counter() - t
from gwfw.compare import peers
district = sorted(obs["district"].unique())[len(obs["district"].unique()) // 2]
t = time.perf_counter()
group = peers.peer_group(obs, district, "province")
peers.standing(peers.peer_figures(obs, district, "2022Q4", group), obs, "2022Q4", group)
peer_s = time.perf_counter() - t
print("PIECES " + json.dumps({{"load_csv": round(csv_s, 2), "load_parquet": round(parquet_s, 2),
      "peer_province": round(peer_s, 2), "rows": len(obs), "districts": obs["district"].nunique()}}))
"""


def measured(body: str, env: dict | None = None) -> dict:
    code = MEASURED.format(body=body)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    m = re.search(r"^MEASURED (.*)$", proc.stdout, flags=re.M)
    if not m:
        raise SystemExit(f"failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return json.loads(m.group(1))


def build(raw: Path, out: Path, scheduler: str | None) -> dict:
    argv = ["build", "--raw", str(raw), "--out", str(out), "--no-cache", "--workers", "2"]
    argv += ["--scheduler", scheduler] if scheduler else []
    return measured(CLI_BODY.format(argv=argv))


def floor(tmp: Path) -> float:
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_batch import run_floor

    return min(run_floor(tmp, 2))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("folder", type=Path)
    p.add_argument("--sample", type=int, default=6, help="districts in the batch sample (default 6)")
    p.add_argument("--skip-build", action="store_true", help="reuse FOLDER/processed from an earlier run")
    args = p.parse_args(argv)
    raw, local, dask = args.folder / "raw", args.folder / "processed", args.folder / "processed-dask"
    out: dict = {"reports": sum(1 for _ in raw.glob("*.txt"))}
    if not args.skip_build:
        out["build_local"] = build(raw, local, None)
        print(f"build, 2 local processes: {out['build_local']}", flush=True)
        out["build_dask"] = build(raw, dask, "local:2")
        print(f"build, Dask local:2: {out['build_dask']}", flush=True)
        out["identical"] = all(filecmp.cmp(local / t, dask / t, shallow=False) for t in TABLES)
        print(f"tables byte-identical: {out['identical']}", flush=True)
    code = PIECES.format(data=str(local), parquet=str(local / "observations.parquet"))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    out["pieces"] = json.loads(re.search(r"^PIECES (.*)$", proc.stdout, flags=re.M).group(1))
    print(f"one notebook's pieces: {out['pieces']}", flush=True)
    with tempfile.TemporaryDirectory(prefix="gwfw-bench-national-") as tmp:
        out["floor"] = round(floor(Path(tmp)), 2)
        print(f"papermill floor: {out['floor']} s", flush=True)
        import pandas as pd

        obs = pd.read_csv(local / "observations.csv", usecols=["district"], dtype=str)
        districts = sorted(obs["district"].unique())
        step = max(1, len(districts) // args.sample)
        sample = districts[::step][: args.sample]
        plan = [("20-district-profile", {"district": d, "quarter": "2022Q4"}) for d in sample]
        plan += [("40-peer-group", {"district": d, "peers": "province", "quarter": "2022Q4"}) for d in sample]
        plans = json.dumps({"2022Q4": plan}, ensure_ascii=False)
        for name, scheduler in (("batch_local", None), ("batch_dask", "local:2")):
            reports = f"{tmp}/{name}"
            body = BATCH_BODY.format(plans=plans, reports=reports, data=str(local), scheduler=scheduler)
            # the notebooks run in their own kernels: GWFW_DATA points them at the national tables
            out[name] = {
                "notebooks": len(plan),
                **measured(body, {**os.environ, "GWFW_DATA": str(args.folder.resolve())}),
            }
            print(f"{name}: {out[name]}", flush=True)
        out["dask_noop"] = measured(NOOP_BODY)
        print(f"Dask, empty tasks on local:2: {out['dask_noop']}", flush=True)
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
