"""The `gwfw` command: build, extract, evaluate (and batch, for the notebooks)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths


def _build(args) -> int:
    from .dataset import extract_folder, write_tables
    from .locking import build_lock

    with build_lock(args.out):
        result = extract_folder(args.raw)
        write_tables(result, args.out)
    print(result.summary())
    print(f"wrote {args.out}/observations.csv, mentions.csv (+ .parquet)")
    return 1 if result.problems else 0


def _extract(args) -> int:
    from .dataset import OBSERVATION_TABLE_COLUMNS, extract_folder, to_csv_bytes, write_atomic

    result = extract_folder(args.folder)
    write_atomic(args.out, to_csv_bytes(result.observations, OBSERVATION_TABLE_COLUMNS))
    print(result.summary())
    print(f"wrote {args.out}")
    return 1 if result.problems else 0


def _evaluate(args) -> int:
    from .evaluate import evaluate_files

    print(evaluate_files(args.gold, args.observations).report())
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="gwfw", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="data/raw -> data/processed (observations and mentions tables)")
    b.add_argument("--raw", type=Path, default=paths.RAW, help="folder of reports and catalog.csv")
    b.add_argument("--out", type=Path, default=paths.PROCESSED, help="folder for the processed tables")
    b.set_defaults(run=_build)
    e = sub.add_parser("extract", help="run the extractor on any folder of *.txt reports with a catalog.csv")
    e.add_argument("folder", type=Path)
    e.add_argument("--out", type=Path, required=True, help="observations CSV to write")
    e.set_defaults(run=_extract)
    v = sub.add_parser("evaluate", help="precision and recall of observations against gold labels")
    v.add_argument("--gold", type=Path, required=True)
    v.add_argument("--observations", type=Path, required=True)
    v.set_defaults(run=_evaluate)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except Exception as exc:  # a clear one-line message, not a traceback, for expected failures
        from .errors import USER_ERRORS

        if isinstance(exc, USER_ERRORS):
            print(f"gwfw: {exc}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
