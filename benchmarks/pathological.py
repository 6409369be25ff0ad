"""Inputs built to break an extractor: huge single lines, nothing but numbers, walls of indicator names.

Each generator returns a text of about `size` UTF-8 bytes, deterministically. `normal` (the seed reports
repeated) is the yardstick the others are compared with, per MB.

    python benchmarks/pathological.py KIND MB      # one extraction in this process, JSON on stdout
"""

from __future__ import annotations

import json
import random
import resource
import sys
import time
from functools import cache

from gwfw import paths
from gwfw.dataset.raw_folder import Report, load_reports

KINDS = ("normal", "single_line", "numbers_lines", "numbers_one_line", "indicator_words")
META = {
    "district": "綦江区",
    "publisher": "綦江区政务服务管理办公室",
    "kind": "quarterly_bulletin",
    "title": "关于綦江区2022年二季度政务服务工作情况通报",
    "published": "2022-07-15",
}
UNITS = ("件", "项", "个", "%", "万件", "家", "人次", "天", "个工作日")
LINKS = ("达", "为", "共", "累计", "", "", "")


@cache
def seed_text() -> str:
    reports, _ = load_reports(paths.RAW)
    return "\n".join(r.text for r in reports)


def _fill(piece, size: int) -> str:
    """Repeat pieces from piece(i) until the text holds `size` UTF-8 bytes, then cut there."""
    parts, total, i = [], 0, 0
    while total < size:
        p = piece(i)
        parts.append(p)
        total += len(p.encode("utf-8"))
        i += 1
    text = "".join(parts)
    data = text.encode("utf-8")[:size]
    return data.decode("utf-8", errors="ignore")


def normal(size: int) -> str:
    """The seed reports, repeated."""
    base = seed_text() + "\n"
    return _fill(lambda i: base, size)


def single_line(size: int) -> str:
    """The seed reports on one line: no line break anywhere (a web page saved without them)."""
    base = seed_text().replace("\n", " ") + " "
    return _fill(lambda i: base, size)


def numbers_lines(size: int, seed: int = 1) -> str:
    """Nothing but numbers, ten to a line (a table dumped as text)."""
    rnd = random.Random(seed)
    return _fill(
        lambda i: (
            " ".join(
                f"{rnd.randint(0, 10 ** rnd.randint(1, 7))}"
                + (f".{rnd.randint(0, 99)}" if rnd.random() < 0.3 else "")
                for _ in range(10)
            )
            + "\n"
        ),
        size,
    )


def numbers_one_line(size: int, seed: int = 1) -> str:
    """A heading line, then nothing but numbers separated by spaces on one line, without punctuation
    (a table pasted as one line)."""
    rnd = random.Random(seed)
    return _fill(lambda i: "数据表\n" if i == 0 else f"{rnd.randint(0, 10 ** rnd.randint(1, 7))} ", size)


@cache
def _names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    from gwfw.extract.codebook import load_codebook

    book = load_codebook()
    return (
        tuple(sorted({f for ind in book for f in ind.surface_forms})),
        tuple(sorted({f for ind in book for f in ind.topic_forms})),
    )


def indicator_words(size: int, seed: int = 1) -> str:
    """Indicator names and programme names by the tens of thousands, every third one followed by a
    number; a clause break every 10 names, a sentence and paragraph break every 200 (long sentences)."""
    rnd = random.Random(seed)
    names, topics = _names()

    def piece(i: int) -> str:
        word = rnd.choice(topics) if topics and rnd.random() < 0.2 else rnd.choice(names)
        out = word
        if i % 3 == 2:
            out += rnd.choice(LINKS) + str(rnd.randint(1, 99999)) + rnd.choice(UNITS)
        out += "。\n" if i % 200 == 199 else "，" if i % 10 == 9 else "、"
        return out

    return _fill(piece, size)


GENERATORS = {
    "normal": normal,
    "single_line": single_line,
    "numbers_lines": numbers_lines,
    "numbers_one_line": numbers_one_line,
    "indicator_words": indicator_words,
}


def measure(kind: str, mb: float) -> dict:
    """Extract one generated report in this process: seconds, MB, mentions, peak RSS."""
    from gwfw.extract import extract

    text = GENERATORS[kind](int(mb * 1e6))
    extract(Report("warm.txt", seed_text()[:3000], "utf-8", META))  # compile the rules outside the clock
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = len(text.encode("utf-8"))
    start = time.perf_counter()
    ex = extract(Report(f"{kind}.txt", text, "utf-8", META))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "kind": kind,
        "mb": size / 1e6,
        "seconds": seconds,
        "mentions": len(ex.mentions),
        "observations": len(ex.observations),
        "peak_rss_mb": peak / 1024,
        "rss_before_mb": base_rss / 1024,
    }


if __name__ == "__main__":
    if (
        len(sys.argv) > 3
    ):  # an address-space cap, so a runaway case fails here instead of the machine swapping
        cap = int(float(sys.argv[3]) * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    try:
        print(json.dumps(measure(sys.argv[1], float(sys.argv[2]))))
    except MemoryError:
        print(json.dumps({"kind": sys.argv[1], "mb": float(sys.argv[2]), "error": "MemoryError"}))
        sys.exit(3)
