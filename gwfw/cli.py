"""The `gwfw` command: add, build, extract, evaluate (and batch, for the notebooks)."""

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

    corrections = args.corrections or Path(args.raw).resolve().parent / "curation" / "corrections.csv"
    with build_lock(args.out):
        result = build(
            args.raw,
            args.out,
            workers=args.workers,
            cache=None if args.no_cache else args.out / ".cache",
            corrections=corrections,
            scheduler=args.scheduler,
        )
    print(f"wrote {args.out}/observations.csv, mentions.csv, corrections_status.csv (+ .parquet)")
    print(result.summary())  # its problems, if any, last: the reports they left out are listed at the end
    return 1 if result.problems else 0


def _add(args) -> int:
    from .dataset.add import Options, add

    opts = Options(args.raw, args.district or "", args.kind or "", args.url or "", args.published or "")
    outcomes, messages = add(args.paths, opts)
    for o in outcomes:
        print("\n".join(o.lines), file=sys.stderr if o.status == "failed" else sys.stdout)
    for m in messages:
        print(m)
    counts = {s: sum(o.status == s for o in outcomes) for s in ("added", "duplicate", "failed")}
    print(f"{counts['added']} added, {counts['duplicate']} already there, {counts['failed']} not added")
    for o in outcomes:
        if o.status == "failed":
            print(f"not added: {o.lines[0]}")
    return 1 if counts["failed"] or any(m.endswith("check the path") for m in messages) else 0


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
    results = run_batch(
        plans,
        notebooks=paths.NOTEBOOKS,
        reports=paths.REPORTS,
        data=paths.PROCESSED,
        workers=args.workers,
        force=args.force,
        show_code=args.show_code,
        timeout=args.timeout,
        verbose=args.verbose,
        zips=args.zip,
        scheduler=args.scheduler,
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
    if args.zip:
        for quarter in sorted(plans):
            print(paths.REPORTS / "zip" / f"{quarter}.zip")
    print(paths.REPORTS / "index.html")
    return 1 if failed else 0


def _correct(args) -> int:
    from .dataset import correct

    if args.action == "reject":
        fields = correct.reject_row(args.data, args.id, args.note)
    elif args.action == "fix":
        changes = {k: getattr(args, k) for k in correct.curation.FIXABLE if k != "unit"}
        fields = correct.fix_row(args.data, args.id, changes, args.note)
    else:
        given = {
            k: getattr(args, k)
            for k in ("indicator", "value", "qualifier", "district", "period_start", "period_end")
        }
        fields, evidence = correct.add_row(
            args.raw, args.data, args.file, args.start, args.end, given, args.note
        )
        print(f"evidence: 「{evidence}」")
    line = correct.write(args.corrections, fields)
    print(f"{args.corrections}: appended\n{line}\nrun `gwfw build` to apply it")
    return 0


def _review(args) -> int:
    from .report.review_page import write_reviews

    written = write_reviews(args.out, args.files or None, args.data, args.raw)
    print(f"{len(written)} review page(s) in {args.out}")
    print(args.out / "index.html")
    return 0


def _correct_parser(sub) -> None:
    c = sub.add_parser("correct", help="append a checked correction to data/curation/corrections.csv")
    actions = c.add_subparsers(dest="action", required=True)
    reject = actions.add_parser("reject", help="remove a figure the extractor got wrong")
    reject.add_argument("id", help="the figure's id (review page or observations.csv)")
    fix = actions.add_parser("fix", help="change a figure's value, indicator, period, district or qualifier")
    fix.add_argument("id", help="the figure's id (review page or observations.csv)")
    add = actions.add_parser("add", help="add a figure the extractor missed, from the text at START–END")
    add.add_argument("file", help="the report's file name in data/raw")
    add.add_argument("start", type=int, help="character offset where the evidence starts")
    add.add_argument("end", type=int, help="character offset where it ends (exclusive)")
    for p in (fix, add):
        p.add_argument("--indicator", required=p is add, help="codebook code, e.g. cases_total")
        p.add_argument("--value", help="the number (default for add: the number read at the offsets)")
        p.add_argument("--qualifier", help="exact, more_than, at_least, nearly, approx or less_than")
        p.add_argument("--district", help="the district the figure is about")
        p.add_argument(
            "--period-start", dest="period_start", help="first day, e.g. 2022-01-01 (none for a stock)"
        )
        p.add_argument("--period-end", dest="period_end", help="last day, e.g. 2022-12-31")
    for p in (reject, fix, add):
        p.add_argument("--note", required=True, help="why: kept in the data and quoted beside the figure")
        p.add_argument("--corrections", type=Path, default=paths.CORRECTIONS, help="the corrections file")
        p.add_argument("--data", type=Path, default=paths.PROCESSED, help="the processed tables")
        p.add_argument("--raw", type=Path, default=paths.RAW, help="the raw reports")
        p.set_defaults(run=_correct)


def _scheduler_option(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help=f"run the {what} as tasks on a Dask cluster (tcp://host:8786), or on a local one of N "
        "processes (local:N); needs pip install 'gwfw[dask]' and workers that see this project folder",
    )


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="gwfw", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser(
        "add",
        help="saved web pages, PDF, .docx or .txt reports -> text + catalog row in data/raw (folders too)",
    )
    a.add_argument("paths", type=Path, nargs="+", metavar="PATH", help="report files or folders of them")
    a.add_argument(
        "--raw", type=Path, default=paths.RAW, help="folder of reports and catalog.csv (default data/raw)"
    )
    a.add_argument(
        "--district", help="the district the reports are about (default: read from publisher/site/title)"
    )
    a.add_argument(
        "--kind", help="kind of report, one of gwfw/langdata/kinds.csv (default: read from the title)"
    )
    a.add_argument("--url", help="the address the report was published at (one file only)")
    a.add_argument(
        "--published", help="publication date, e.g. 2023-11-05 or 2023年11月5日 (default: from the file)"
    )
    a.set_defaults(run=_add)
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
    b.add_argument(
        "--corrections",
        type=Path,
        default=None,
        help="corrections to apply (default: curation/corrections.csv beside the raw folder)",
    )
    _scheduler_option(b, "reports")
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
    n.add_argument(
        "--zip", action="store_true", help="also write reports/zip/<quarter>.zip: the HTML pages and an index"
    )
    _scheduler_option(n, "notebooks")
    n.set_defaults(run=_batch)
    _correct_parser(sub)
    r = sub.add_parser(
        "review", help="review pages: each report's text with its figures highlighted in place"
    )
    r.add_argument("files", nargs="*", help="report file names (default: every report)")
    r.add_argument("--out", type=Path, default=paths.REPORTS / "review", help="folder for the pages")
    r.add_argument("--data", type=Path, default=paths.PROCESSED, help="the processed tables")
    r.add_argument("--raw", type=Path, default=paths.RAW, help="the raw reports")
    r.set_defaults(run=_review)
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
