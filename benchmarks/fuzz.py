"""A long fuzz run of gwfw's whole extraction: gwfw.extract.extract on generated texts.

    python benchmarks/fuzz.py --n 100000 [--seed 1] [--workers 2]

Each text is a random mix of report fragments (slices of the seed reports), numbers in every form
gwfw reads (Arabic, full-width, grouped, decimals, Chinese numerals, 万/亿, 百分之, ranges), units,
qualifiers, indicator and programme names, period phrases, punctuation, line breaks of every kind,
arbitrary Unicode (control characters, surrogate-free astral planes, combining marks, RTL) and now and
then a very long line. The catalog row is random too (district from the gazetteer or made up; kind,
title and date valid or not). Every case checks that extraction

- never raises (and finishes within --case-timeout seconds);
- gives evidence == text[char_start:char_end] for every observation, and text == text[char_start:char_end]
  for every mention, with 0 <= char_start < char_end <= len(text);
- gives finite values: each value and value_high parses as a finite Decimal *and* as a finite float
  (the schema `gwfw build` checks before writing), and the rows pass gwfw.dataset.schema;
- reads a plain run of ASCII digits as exactly that number;
- is deterministic: every --recheck-th case is extracted twice in the process, and a digest of the
  first --hash-cases cases' results is compared with a fresh interpreter run under another
  PYTHONHASHSEED.

Failures are counted by kind; the first of each kind is minimised (chunks, then characters, removed
while the same kind of failure remains) and printed as a Python literal. Exit status 1 if anything failed.
Every case depends only on (--seed, its index): `--only I` replays case I.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from decimal import Decimal, InvalidOperation
from functools import cache

from gwfw import paths

KINDS = ("quarterly_bulletin", "annual_report", "news", "city_notice", "", "weird kind")
PUNCT = list("，。；：、（）《》“”‘’！？,.;:()!?[]【】—-－~～ \t\u3000\xa0") + ["\n", "\r\n", "\r", "\n\n"]
ODD_BREAKS = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"]  # str.splitlines() breaks
CN_NUM = "〇零一二三四五六七八九两十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
FULL = "０１２３４５６７８９"


class CaseTimeout(Exception):
    pass


@cache
def _tally() -> dict:
    """What a run counts: cases, characters, mentions, observations and failures (one per chunk, summed)."""
    return {
        "cases": 0,
        "chars": 0,
        "mentions": 0,
        "observations": 0,
        "failing_cases": 0,
        "failures": [],
        "slowest": (0.0, -1, 0),
    }


def vocab() -> dict[str, list[str]]:
    from gwfw.dataset.raw_folder import load_reports
    from gwfw.extract.codebook import load_codebook
    from gwfw.langdata import load_yaml

    n = load_yaml("numerals.yaml")
    p = load_yaml("periods.yaml")
    reports, _ = load_reports(paths.RAW)
    book = load_codebook()
    return {
        "texts": [r.text for r in reports],
        "units": list(n["units"]),
        "prefix": list(n["prefix_qualifiers"]),
        "suffix": list(n["inner_suffixes"]) + list(n["outer_suffixes"]),
        "mags": list(n["magnitudes"]),
        "dashes": list(n["range_dashes"]),
        "pct": list(n["percent_words"]),
        "fixed": list(n["fixed_expressions"]) + list(n["magnitude_exceptions"]),
        "names": sorted({f for i in book for f in i.surface_forms + i.topic_forms + i.after_forms}),
        "periods": (
            list(p["relative_years"])
            + list(p["halves"])
            + list(p["as_of_words"])
            + list(p["now_words"])
            + [
                "2022年",
                "2021年度",
                "1—6月",
                "1-9月",
                "二季度",
                "第三季度",
                "前三季度",
                "6月底",
                "截至2022年6月30日",
                "今年以来",
                "2022年12月19日",
                "上半年以来",
                "13月",
                "2022年2月30日",
                "0月",
                "1900年",
                "2999年",
            ]
        ),
        "places": [
            "綦江区",
            "重庆市",
            "荣昌区",
            "坡头区",
            "朝阳区",
            "沙坡头区",
            "重庆高新区",
            "市中区",
            "九龙坡区",
        ],
    }


def number(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.35:
        s = str(rng.randint(0, 10 ** rng.randint(1, 9)))
    elif r < 0.5:
        s = f"{rng.randint(0, 9999)}.{rng.randint(0, 10 ** rng.randint(1, 4))}"
    elif r < 0.6:
        s = f"{rng.randint(1, 999)},{rng.randint(0, 999):03d}" + (
            f",{rng.randint(0, 999):03d}" if rng.random() < 0.5 else ""
        )
    elif r < 0.7:
        s = "".join(rng.choice(FULL) for _ in range(rng.randint(1, 6)))
    elif r < 0.85:
        s = "".join(rng.choice(CN_NUM) for _ in range(rng.randint(1, 6)))
    elif r < 0.995:
        s = "".join(rng.choice("0123456789.,，．") for _ in range(rng.randint(1, 12)))
    else:  # very long digit runs: past float range and Decimal's default precision
        s = "".join(rng.choice("0123456789") for _ in range(rng.choice((29, 40, 308, 309, 400, 2000))))
    return s


def token(rng: random.Random) -> str:
    v = vocab()
    r = rng.random()
    if r < 0.22:
        text = rng.choice(v["texts"])
        a = rng.randrange(len(text))
        return text[a : a + rng.randint(1, 300)]
    if r < 0.50:
        parts = []
        if rng.random() < 0.3:
            parts.append(rng.choice(v["prefix"]))
        if rng.random() < 0.1:
            parts.append(rng.choice(v["pct"]))
        parts.append(number(rng))
        if rng.random() < 0.3:
            parts.append(rng.choice(v["mags"]))
        if rng.random() < 0.15:
            parts.append(rng.choice(v["dashes"]) + number(rng))
        if rng.random() < 0.2:
            parts.append(rng.choice(v["suffix"]))
        if rng.random() < 0.7:
            parts.append(rng.choice(v["units"]))
        if rng.random() < 0.15:
            parts.append(rng.choice(v["suffix"]))
        sep = rng.choice(("", "", "", " ", "\n", "\u3000"))
        return sep.join(parts) if rng.random() < 0.2 else "".join(parts)
    if r < 0.62:
        return rng.choice(v["names"])
    if r < 0.68:
        return rng.choice(v["periods"])
    if r < 0.72:
        return rng.choice(v["fixed"] + v["places"])
    if r < 0.86:
        return rng.choice(PUNCT)
    if r < 0.89:
        return rng.choice(ODD_BREAKS)
    if r < 0.99:  # arbitrary Unicode, surrogates excluded
        out = []
        for _ in range(rng.randint(1, 8)):
            c = rng.choice(
                (
                    rng.randint(0, 0x7F),
                    rng.randint(0x80, 0x2FFF),
                    rng.randint(0x3000, 0x9FFF),
                    rng.randint(0xE000, 0xFFFF),
                    rng.randint(0x10000, 0x10FFFF),
                    rng.randint(0x300, 0x36F),
                )
            )
            out.append(chr(c) if not 0xD800 <= c <= 0xDFFF else "?")
        return "".join(out)
    # a very long line: one token repeated, or a long run of one character class
    unit = rng.choice(
        [
            rng.choice(v["names"]),
            number(rng),
            "一",
            "9",
            " ",
            "、",
            "“",
            "《",
            rng.choice(v["units"]),
            "办件量达" + number(rng) + "件",
        ]
    )
    return unit * rng.randint(200, max(201, 20000 // max(len(unit), 1)))


def case(seed: int, i: int) -> tuple[str, dict]:
    """The text and catalog row of case i."""
    rng = random.Random(f"gwfw-fuzz:{seed}:{i}")
    v = vocab()
    size = rng.choice((1, 2, 4, 8, 16, 32, 64, 128, 256))
    text = "".join(token(rng) for _ in range(rng.randint(1, size)))
    if rng.random() < 0.3:
        text = text.replace("\n", "")
    # never empty: gwfw reports a catalog row without a district as a problem and does not extract it
    district = rng.choice(v["places"] + ["桃源乡", "xx", " 綦江区 ", rng.choice(v["names"])]).strip()
    published = rng.choice(("", "2022-07-15", "2021-02-30", "not a date", "1899-01-01", "2999-12-31"))
    title = rng.choice(("", token(rng), "关于2022年二季度政务服务工作情况通报"))
    meta = {
        "file": f"fuzz{i}.txt",
        "district": district,
        "publisher": rng.choice(("", token(rng))),
        "kind": rng.choice(KINDS),
        "title": title,
        "published": published,
        "url": "",
        "notes": "",
    }
    return text, meta


# -- checks -----------------------------------------------------------------------------------------


def _finite(v: str) -> bool:
    """An exact, finite decimal (as the CSV holds it; a float64 copy in Parquet may overflow to inf)."""
    try:
        return Decimal(v).is_finite()
    except InvalidOperation:
        return False


def run_extract(text: str, meta: dict):
    from gwfw.dataset.raw_folder import Report, normalise
    from gwfw.extract import extract

    return extract(Report(meta.get("file", "fuzz.txt"), normalise(text), "utf-8", meta))


def check(text: str, meta: dict, recheck: bool) -> tuple[dict[str, str], object]:
    """({failure kind: detail of its first instance}, extraction or None). Every kind is collected, so
    one kind of failure never hides another in the same case."""
    from gwfw.dataset.build import report_rows
    from gwfw.dataset.raw_folder import normalise

    try:
        ex = run_extract(text, meta)
    except CaseTimeout:
        return {"timeout": ""}, None
    except Exception as exc:  # noqa: BLE001 — any exception is the finding
        return {f"raises {type(exc).__name__}": f"{exc}"[:300]}, None
    found: dict[str, str] = {}
    t = normalise(text)
    for kind, rows, field in (("observation", ex.observations, "evidence"), ("mention", ex.mentions, "text")):
        for row in rows:
            s, e = row["char_start"], row["char_end"]
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(t)):
                found.setdefault(f"{kind} offsets", f"{s}:{e} of {len(t)}")
            elif row[field] != t[s:e]:
                found.setdefault(
                    f"{kind} {field} != text[char_start:char_end]", f"{row[field]!r} != {t[s:e]!r}"
                )
            for col in ("value", "value_high"):
                if (row[col] or col == "value") and not _finite(row[col]):
                    found.setdefault(
                        f"{kind} {col} not finite",
                        f"{row[col][:60]!r}… ({len(row[col])} chars) from {row[field][:60]!r}…",
                    )
            if kind == "mention":
                span = row["text"]
                if span.isascii() and span.isdigit() and Decimal(row["value"]) != Decimal(span):
                    found.setdefault(
                        "plain digits misread",
                        f"{span[:60]!r} ({len(span)} digits) read as {row['value'][:60]!r}",
                    )
    if recheck:
        again = run_extract(text, meta)
        if asdict(again) != asdict(ex):
            found["nondeterministic"] = "a second extraction in the same process differs"
    try:
        report_rows(ex)
    except Exception as exc:  # noqa: BLE001
        lines = str(exc).splitlines()
        found["fails the schema (gwfw build reports it as this report's problem)"] = (
            lines[1] if len(lines) > 1 else lines[0]
        )[:160]
    return found, ex


def digest(ex) -> bytes:
    return hashlib.sha256(
        json.dumps(asdict(ex), sort_keys=True, ensure_ascii=False, default=str).encode()
    ).digest()


def _alarm(signum, frame):
    raise CaseTimeout()


def run_range(args: tuple[int, int, int, int, float]) -> dict:
    """Cases [start, stop): counts, failures (index, kind, detail), slowest case."""
    seed, start, stop, recheck, timeout = args
    signal.signal(signal.SIGALRM, _alarm)
    out = _tally()
    for i in range(start, stop):
        text, meta = case(seed, i)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        t0 = time.perf_counter()
        try:
            found, ex = check(text, meta, recheck > 0 and i % recheck == 0)
        except CaseTimeout:
            found, ex = {"timeout": ""}, None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        dt = time.perf_counter() - t0
        out["cases"] += 1
        out["chars"] += len(text)
        if dt > out["slowest"][0]:
            out["slowest"] = (dt, i, len(text))
        for kind, detail in found.items():
            out["failures"].append((i, kind, detail))
        if ex is not None:
            out["mentions"] += len(ex.mentions)
            out["observations"] += len(ex.observations)
        out["failing_cases"] += bool(found)
    return out


def hash_cases(seed: int, n: int) -> str:
    h = hashlib.sha256()
    for i in range(n):
        text, meta = case(seed, i)
        try:
            h.update(digest(run_extract(text, meta)))
        except Exception as exc:  # noqa: BLE001
            h.update(f"{type(exc).__name__}".encode())
    return h.hexdigest()


# -- minimising a failing input ---------------------------------------------------------------------


def minimise(text: str, meta: dict, kind: str, budget: float = 60.0) -> str:
    """Remove chunks, then single characters, while the failure stays of the same kind."""
    deadline = time.monotonic() + budget
    signal.signal(signal.SIGALRM, _alarm)

    def fails(t: str) -> bool:
        signal.setitimer(signal.ITIMER_REAL, 20)
        try:
            return kind in check(t, meta, kind == "nondeterministic")[0]
        except CaseTimeout:
            return kind == "timeout"
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    chunk = max(1, len(text) // 2)
    while chunk >= 1 and time.monotonic() < deadline:
        i, changed = 0, False
        while i < len(text) and time.monotonic() < deadline:
            candidate = text[:i] + text[i + chunk :]
            if candidate and fails(candidate):
                text, changed = candidate, True
            else:
                i += chunk
        if not changed:
            chunk //= 2
    return text


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--n", type=int, default=100000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    p.add_argument("--recheck", type=int, default=10, help="extract every N-th case twice (0: never)")
    p.add_argument("--hash-cases", type=int, default=2000, help="cases compared across two interpreters")
    p.add_argument("--case-timeout", type=float, default=20.0, help="seconds before a case counts as hung")
    p.add_argument("--only", type=int, help="replay one case and print it")
    p.add_argument("--hash-only", type=int, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.hash_only is not None:
        print(hash_cases(args.seed, args.hash_only))
        return 0
    if args.only is not None:
        text, meta = case(args.seed, args.only)
        print(repr(text)[:2000], meta)
        print(check(text, meta, True)[0] or "no failure")
        return 0
    start = time.perf_counter()
    step = 500
    ranges = [
        (args.seed, a, min(a + step, args.n), args.recheck, args.case_timeout) for a in range(0, args.n, step)
    ]
    total = _tally()
    with ProcessPoolExecutor(max(1, args.workers)) as pool:
        for k, part in enumerate(pool.map(run_range, ranges)):
            for key in ("cases", "chars", "mentions", "observations", "failing_cases"):
                total[key] += part[key]
            total["failures"] += part["failures"]
            total["slowest"] = max(total["slowest"], tuple(part["slowest"]))
            if (k + 1) % 20 == 0 or k + 1 == len(ranges):
                print(
                    f"  {total['cases']:,} cases, {total['failing_cases']:,} failing, "
                    f"{time.perf_counter() - start:.0f} s",
                    flush=True,
                )
    elapsed = time.perf_counter() - start
    # the same results in a fresh interpreter with another hash seed
    n_hash = min(args.hash_cases, args.n)
    here = hash_cases(args.seed, n_hash)
    env = dict(os.environ, PYTHONHASHSEED="12345")
    there = subprocess.run(
        [sys.executable, __file__, "--seed", str(args.seed), "--hash-only", str(n_hash)],
        capture_output=True,
        text=True,
        env=env,
    ).stdout.strip()
    if here != there:
        total["failures"].append(
            (
                -1,
                "nondeterministic across interpreters",
                f"digest of the first {n_hash} cases differs under PYTHONHASHSEED=12345",
            )
        )
    by_kind: dict[str, list] = {}
    for i, kind, detail in total["failures"]:
        by_kind.setdefault(kind, []).append((i, detail))
    slow_s, slow_i, slow_len = total["slowest"]
    print(
        f"\nfuzz: {total['cases']:,} cases, {total['chars'] / 1e6:.1f} M characters, "
        f"{total['mentions']:,} numbers read, {total['observations']:,} figures, "
        f"in {elapsed:.0f} s with {args.workers} process(es)"
    )
    print(f"slowest case: #{slow_i}, {slow_len:,} characters, {slow_s:.2f} s")
    print(
        f"determinism: {n_hash:,} cases {'identical' if here == there else 'DIFFERENT'} "
        "across two interpreters, "
        f"every {args.recheck}th case re-extracted in-process"
    )
    if not by_kind:
        print("no failures")
        return 0
    print(f"{total['failing_cases']:,} failing case(s), {len(by_kind)} kind(s) of failure:")
    for kind, items in sorted(by_kind.items(), key=lambda kv: -len(kv[1])):
        i, detail = items[0]
        print(f"\n* {kind}: {len(items)} case(s), e.g. #{i}: {detail}")
        if i >= 0:
            text, meta = case(args.seed, i)
            small = minimise(text, meta, kind)
            print(f"  minimised ({len(text):,} -> {len(small):,} chars), replay with --only {i}:")
            print(f"  text = {small!r}" if len(small) < 600 else f"  text = {small[:600]!r}…")
            print(f"  meta = {dict((k, v) for k, v in meta.items() if v)!r}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
