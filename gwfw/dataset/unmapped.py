"""`gwfw unmapped`: the most frequent contexts of numbers no rule maps, ranked, so phrases get found.

A number is listed when the rules reached no indicator for it (not when they judged it a target or a
hotline figure) and it looks like a figure: a percentage, a count of 件/项/条/次, or a review word in its
clause. Its context is the few characters before it in its clause, without the linking words that end
them (「按期办结率达」 -> 「按期办结率」), or the few after it when it opens its clause (「95%的事项」).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..extract.name_patterns import rules
from ..extract.numerals import find_numbers
from ..extract.rows import extract
from ..extract.text_index import TextIndex
from ..langdata import load_yaml
from .raw_folder import load_reports

_NOT_WORD = re.compile(r"[^\u4e00-\u9fffA-Za-z]")
_PIECES = re.compile(r"[\d.,、]+")


@cache
def _lexicon() -> dict:
    return load_yaml("unmapped.yaml")


@dataclass
class Context:
    key: str  # 「按期办结率 ▢%」
    count: int
    files: int
    example: str  # a sentence it comes from, and its file


def _trim_links(before: str) -> str:
    """The characters before a number without the linking words and quotes that end them."""
    words = sorted(rules()["link_words"], key=len, reverse=True)
    before = _NOT_WORD.sub("", before)
    changed = True
    while changed and before:
        changed = False
        for w in words:
            if before.endswith(w) and len(before) > len(w):
                before, changed = before[: -len(w)], True
                break
    return before


def contexts_of(text: str, statuses: dict[int, str]) -> list[tuple[str, int]]:
    """(context key, position) of each listed number of one text; statuses: number start -> reason."""
    lx = _lexicon()
    ix = TextIndex(text)
    n_chars = lx["context_chars"]
    out = []
    for n in find_numbers(text):
        if statuses.get(n.start) not in lx["reasons"]:
            continue
        c_start, c_end = ix.clause(n.start)
        clause = text[c_start:c_end]
        if n.unit not in lx["units"] and not any(w in clause for w in lx["review_words"]):
            continue
        # from the previous number or list item on: 「提交5项、其余3项」 -> 「其余」
        raw = _PIECES.split(text[max(c_start, n.start - 4 * n_chars) : n.numeral_start])[-1]
        before = _trim_links(raw)[-n_chars:]
        after = "" if before else _NOT_WORD.sub("", text[n.end : min(c_end, n.end + 2 * n_chars)])[:n_chars]
        out.append((f"{before} ▢{n.unit} {after}".strip(), n.start))
    return out


def rank(folder: Path) -> tuple[list[Context], list[str]]:
    """Every listed context of a folder's reports, most frequent first; and the problems met reading it."""
    reports, problems = load_reports(folder)
    counts: Counter[str] = Counter()
    files: defaultdict[str, set[str]] = defaultdict(set)
    examples: dict[str, str] = {}
    for report in reports:
        ex = extract(report)
        statuses = {int(m["char_start"]): m["status"] for m in ex.mentions}
        ix = None
        for key, pos in contexts_of(report.text, statuses):
            counts[key] += 1
            files[key].add(report.file)
            if key not in examples:
                ix = ix or TextIndex(report.text)
                start, end = ix.sentence(pos)
                examples[key] = f"«{report.text[start:end].strip()[:80]}» ({report.file})"
    ranked = sorted(counts, key=lambda k: (-counts[k], -len(files[k]), k))
    return [Context(k, counts[k], len(files[k]), examples[k]) for k in ranked], problems
