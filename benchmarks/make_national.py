"""A synthetic national corpus: one quarterly bulletin per county-level unit of the gazetteer per quarter.

    python benchmarks/make_national.py --quarters 8 --seed 7 --out benchmarks/out/national [--every K]

Each report is the seed quarterly bulletin in data/raw (its catalog kind `quarterly_bulletin`) grown by
make_corpus.py's generator with the county, the year and the quarter pinned instead of drawn: the
quarters are the last N ending 2022Q4, the bulletin's cumulative period follows the quarter (1—3月,
1—6月, 1—9月, 1—12月), and its numbers, noise and encodings vary as in make_corpus.py. So every county
has a figure for the same period as its peers, which is what a peer comparison at national scale needs.
`--every K` keeps every K-th county (a sample, for tests and quick runs). Deterministic like
make_corpus.py: the same arguments give a byte-identical folder.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from make_corpus import Corpus, Fixed, finish_folder

from gwfw import paths
from gwfw.dataset.raw_folder import read_catalog
from gwfw.extract.places import places

LAST_QUARTER = (2022, 4)
SEED_KIND = "quarterly_bulletin"


def quarters(n: int) -> list[tuple[int, int]]:
    """The last n quarters ending LAST_QUARTER, oldest first: [(2021, 1), ..., (2022, 4)] for n=8."""
    year, q = LAST_QUARTER
    out = []
    for _ in range(n):
        out.append((year, q))
        year, q = (year, q - 1) if q > 1 else (year - 1, 4)
    return out[::-1]


def counties(every: int = 1) -> list:
    """Every county-level unit of the gazetteer with a code, in code order; every K-th with `every`."""
    units = sorted((p for p in places() if p.level == "county" and p.code), key=lambda p: p.code)
    return units[::every]


def write_national(out: Path, n_quarters: int, seed: int, every: int = 1, raw: Path = paths.RAW) -> tuple:
    """Write the corpus; returns (reports, bytes, counties)."""
    out.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(raw, seed)
    seed_file = next(r["file"] for r in read_catalog(raw) if r.get("kind") == SEED_KIND)
    seed_year = 2022  # the seed bulletin's year (二季度 of 2022)
    units = counties(every)
    rows, written, total, i = [], set(), 0, 0
    for year, q in quarters(n_quarters):
        for place in units:
            fixed = Fixed(seed_file, place, year - seed_year, (q - 2) % 4)
            name, data, row = corpus.report(i, fixed)
            (out / name).write_bytes(data)
            written.add(name)
            rows.append(row)
            total += len(data)
            i += 1
    finish_folder(out, rows, written)
    return i, total, len(units)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--quarters", type=int, default=8)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--every", type=int, default=1, help="keep every K-th county (default: all)")
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args(argv)
    start = time.perf_counter()
    n, total, units = write_national(args.out, args.quarters, args.seed, args.every)
    print(
        f"{n} reports ({units} counties × {args.quarters} quarters), {total / 1e6:.1f} MB in {args.out} "
        f"({time.perf_counter() - start:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
