"""Extraction speed of two checkouts, compared in one process: python benchmarks/ab_extract.py A B CORPUS.

A and B are folders holding a `gwfw` package (a worktree, a clone at another commit), whose extract is a
package or, as in `b009ab1` (the code behind issue 9's 6.3 MB/s), one module. Runs in separate
processes differ by ±3-5 % on a shared machine, as much as the changes being weighed; here the two
extract() run report by report in turn, so a slower minute slows both. Whichever runs second on a report
runs about 3 % slower, so the order swaps every round and the ratio is taken over all rounds.
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import sys
import tempfile
import time
from pathlib import Path

from gwfw.dataset.raw_folder import catalogued_files, read_text

MB = 1e6


def load(checkout: Path, name: str, into: Path):
    """The checkout's gwfw package imported as `name` (its imports are relative): its extract and Report."""
    shutil.copytree(checkout / "gwfw", into / name, ignore=shutil.ignore_patterns("__pycache__"))
    module = importlib.import_module(f"{name}.extract")
    return module.extract, module.Report


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", type=Path, help="checkout A (the reference)")
    ap.add_argument("b", type=Path, help="checkout B")
    ap.add_argument("corpus", type=Path, help="a folder of reports with its catalog.csv")
    ap.add_argument("--rounds", type=int, default=6, help="passes over the corpus (even: both orders alike)")
    args = ap.parse_args(argv)
    for checkout in (args.a, args.b):
        if not any((checkout / "gwfw" / name).exists() for name in ("extract", "extract.py")):
            sys.exit(f"ab_extract: {checkout} holds no gwfw package with an extract module")
    jobs = catalogued_files(args.corpus)[0]
    rows = [(p.name, *read_text(p), meta) for p, meta in jobs]
    size = sum(len(text.encode("utf-8")) for _, text, _, _ in rows) / MB
    with tempfile.TemporaryDirectory() as tmp:
        sys.path.insert(0, tmp)
        (extract_a, report_a), (extract_b, report_b) = (
            load(args.a, "gwfw_a", Path(tmp)),
            load(args.b, "gwfw_b", Path(tmp)),
        )
        pairs = [(report_a(*row), report_b(*row)) for row in rows]
        for ra, rb in pairs:  # compile the rules and fill the caches outside the clock
            extract_a(ra)
            extract_b(rb)
        clock = time.process_time
        total_a = total_b = 0.0
        for k in range(args.rounds):
            spent = {"a": 0.0, "b": 0.0}
            for ra, rb in pairs:
                for side in "ba" if k % 2 else "ab":
                    run, report = (extract_a, ra) if side == "a" else (extract_b, rb)
                    start = clock()
                    run(report)
                    spent[side] += clock() - start
            total_a, total_b = total_a + spent["a"], total_b + spent["b"]
            a, b = size / spent["a"], size / spent["b"]
            print(f"round {k + 1}: A {a:.2f} MB/s, B {b:.2f} MB/s", flush=True)
    print(
        f"{len(rows)} reports, {size:.1f} MB: A {size * args.rounds / total_a:.2f} MB/s, "
        f"B {size * args.rounds / total_b:.2f} MB/s, B/A speed {total_a / total_b:.3f}"
    )


if __name__ == "__main__":
    main()
