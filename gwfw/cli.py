"""The `gwfw` command: build, extract, evaluate (and batch, for the notebooks)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import paths
from .errors import GwfwError


def _build(args) -> int:
    from .dataset.build import build
    from .dataset.files import build_lock

    with build_lock(args.out):
        result = build(
            args.raw, args.out, workers=args.workers, cache=None if args.no_cache else args.out / ".cache"
        )
    print(result.summary())
    print(f"wrote {args.out}/observations.csv, mentions.csv (+ .parquet)")
    return 1 if result.problems else 0


def _extract(args) -> int:
    import tempfile

    from .dataset.build import build
    from .dataset.files import write_atomic

    with tempfile.TemporaryDirectory(prefix="gwfw-extract-") as tmp:
        result = build(args.folder, Path(tmp), workers=args.workers, parquet=False)
        write_atomic(args.out, (Path(tmp) / "observations.csv").read_bytes())
    print(result.summary())
    print(f"wrote {args.out}")
    return 1 if result.problems else 0


def _evaluate(args) -> int:
    from .dataset.evaluate import evaluate_files

    print(evaluate_files(args.gold, args.observations).report())
    return 0


def _unmapped(args) -> int:
    from .dataset.unmapped import rank

    contexts, problems = rank(args.folder)
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    print(f"{'count':>5} {'files':>5}  context (▢ = the number)  e.g.")
    for c in contexts[: args.top]:
        print(f"{c.count:>5} {c.files:>5}  {c.key}  {c.example}")
    print(f"{len(contexts)} context(s) in all; {sum(c.count for c in contexts)} number(s) left unmapped")
    return 1 if problems else 0


def _batch(args) -> int:
    from .compare.analysis import batch_plan, quarters_in_data
    from .dataset.load import load_observations
    from .report.batch import run_batch

    obs = load_observations(paths.PROCESSED)
    quarters = quarters_in_data(obs) if args.all else [args.quarter]
    plans = {q: batch_plan(obs, q) for q in quarters}  # a ParameterError names the valid quarters
    if not any(plans.values()):
        print(
            f"gwfw: no notebook to run for {', '.join(quarters) or 'any quarter'} — quarters with data: "
            f"{', '.join(quarters_in_data(obs))}",
            file=sys.stderr,
        )
        return 2
    codes = {d: c for d, c in zip(obs["district"], obs["district_code"]) if c}
    results = run_batch(
        plans,
        notebooks=paths.NOTEBOOKS,
        reports=paths.REPORTS,
        data=paths.PROCESSED,
        codes=codes,
        workers=args.workers,
        force=args.force,
        show_code=args.show_code,
        timeout=args.timeout,
        verbose=args.verbose,
    )
    failed = [r for r in results if r.status == "failed"]
    counts = {s: sum(r.status == s for r in results) for s in ("ok", "failed", "skipped")}
    print(
        f"{len(results)} notebook(s): {counts['ok']} ok, {counts['failed']} failed, "
        f"{counts['skipped']} up to date"
    )
    for r in failed:
        page = r.job.path(".html") if r.has_page else r.job.notebook
        print(f"failed: {page}: {r.error}")
    print(paths.REPORTS / "index.html")
    return 1 if failed else 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="gwfw", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="data/raw -> data/processed (observations and mentions tables)")
    b.add_argument("--raw", type=Path, default=paths.RAW, help="folder of reports and catalog.csv")
    b.add_argument("--out", type=Path, default=paths.PROCESSED, help="folder for the processed tables")
    b.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="extract reports in N processes (default: one per CPU)",
    )
    b.add_argument(
        "--no-cache", action="store_true", help="re-extract every report (default: only new or changed ones)"
    )
    b.set_defaults(run=_build)
    e = sub.add_parser("extract", help="run the extractor on any folder of *.txt reports with a catalog.csv")
    e.add_argument("folder", type=Path)
    e.add_argument("--out", type=Path, required=True, help="observations CSV to write")
    e.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="extract reports in N processes (default: one per CPU)",
    )
    e.set_defaults(run=_extract)
    v = sub.add_parser("evaluate", help="precision and recall of observations against gold labels")
    v.add_argument("--gold", type=Path, required=True)
    v.add_argument("--observations", type=Path, required=True)
    v.set_defaults(run=_evaluate)
    u = sub.add_parser(
        "unmapped",
        help="the most frequent contexts of numbers no rule maps (%%, 件/项/条/次, review words): "
        "where to add phrases",
    )
    u.add_argument("folder", type=Path, help="a folder of *.txt reports with a catalog.csv")
    u.add_argument("--top", type=int, default=40, help="how many contexts to list (default 40)")
    u.set_defaults(run=_unmapped)
    n = sub.add_parser(
        "batch", help="run the district notebooks with papermill into reports/ (HTML, index.html)"
    )
    which = n.add_mutually_exclusive_group(required=True)
    which.add_argument("--quarter", help="one quarter, e.g. 2022Q4")
    which.add_argument("--all", action="store_true", help="every quarter present in the data")
    n.add_argument("--workers", type=int, default=None, help="worker processes (default: one per CPU)")
    n.add_argument("--force", action="store_true", help="run every notebook, even those up to date")
    n.add_argument("--show-code", action="store_true", help="keep the code cells in the HTML pages")
    n.add_argument("--timeout", type=int, default=600, help="seconds a single cell may run (default 600)")
    n.add_argument("--verbose", action="store_true", help="log every cell's output while it runs")
    n.set_defaults(run=_batch)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # `gwfw evaluate … | head`: the reader left, nothing is wrong
        sys.stderr.close()
        return 0
    except GwfwError as exc:  # a clear message naming the file, not a traceback, for failures a user can fix
        print(f"gwfw: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
