"""A report's headings and their levels, for what a heading governs (a period, a plan section)."""

from __future__ import annotations

import bisect
import re
from functools import cache
from typing import NamedTuple

from ..langdata import load_yaml

_TEXT = re.compile(r"\S")


class Heading(NamedTuple):
    start: int  # the heading line's first character
    end: int  # just after its line break: where the text it heads begins
    level: int  # 0 for an unnumbered heading (the highest), then 1 (一、), 2 (（一）) ...


@cache
def _lexicon() -> dict:
    return load_yaml("layout.yaml")


@cache
def _levels() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in _lexicon()["heading_levels"])


def _line(text: str, pos: int, reach: int | None = None) -> tuple[int, int] | None:
    """The start of the line holding pos and its end (the line break or the end of the text); None
    when the line is longer than `reach` characters either side (only the reach is read)."""
    lo, hi = (0, len(text)) if reach is None else (max(0, pos - reach), min(len(text), pos + reach))
    start, end = text.rfind("\n", lo, pos) + 1, text.find("\n", pos, hi)
    if reach is not None and ((start == 0 and lo > 0) or (end < 0 and hi < len(text))):
        return None
    return start, hi if end < 0 else end


def _heading(text: str, start: int, end: int, title: str) -> Heading | None:
    """The line text[start:end] as a heading, if it is one."""
    lx = _lexicon()
    if end - start > 2 * lx["heading_max_chars"]:  # most lines are long: decided without stripping them
        return None
    line = text[start:end].strip()
    if not line or len(line) > lx["heading_max_chars"] or line[-1] in lx["heading_ends_not"]:
        return None
    if line == title or (not title and _TEXT.search(text, 0, start) is None):
        return None  # the report's title: the catalog's, or the first line when the catalog names none
    level = next((k + 1 for k, lv in enumerate(_levels()) if lv.match(line)), 0)
    return Heading(start, end + 1, level)


@cache
def numbered_holding(words: tuple[str, ...]) -> re.Pattern:
    """A line opening with a heading's number (not level 0), after spaces, that holds one of words within
    heading_max_chars; from the line break before it. (Performance: one scan finds the few lines to read.)"""
    levels = "|".join(p.removeprefix("^") for p in _lexicon()["heading_levels"])
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\n[ \t\u3000]*(?:{levels})[^\n]{{0,{_lexicon()['heading_max_chars']}}}?(?:{alt})")


@cache
def _numbered() -> re.Pattern:
    """A line opening with a heading's number, after spaces: one group per level."""
    levels = "|".join(f"({p.removeprefix('^')})" for p in _lexicon()["heading_levels"])
    return re.compile(rf"^[ \t\u3000]*(?:{levels})", re.M)


def numbered_lines(text: str) -> list[tuple[int, int, int]]:
    """Every line opening with a heading's number, however long (a city's notice may run a county's text
    on from its number: 「（一）雨城区。区政务服务中心…」): its start, where its number ends, its level."""
    return [(m.start(), m.end(), m.lastindex or 0) for m in _numbered().finditer(text)]


def max_heading_line() -> int:
    """The longest line (without its line break) that heading_at may read as a heading."""
    return 2 * _lexicon()["heading_max_chars"]


def heading_at(text: str, pos: int, title: str = "") -> Heading | None:
    """The heading whose line holds pos, if that line is a heading."""
    line = _line(text, pos, max_heading_line())
    return None if line is None else _heading(text, *line, title.strip())


def section_end(
    text: str, head: Heading, line_ends: list[int], title: str = "", stops=lambda start, end: False
) -> int:
    """Where the text under a heading ends: at the next heading of its level or above, or at the next
    heading line for which stops(start, end) holds. Only the lines after it are read. line_ends: where
    the text's line breaks stand (TextIndex.line_ends); lines too long for a heading are passed over
    without reading them."""
    title, longest = title.strip(), max_heading_line()
    start, k = head.end, bisect.bisect_left(line_ends, head.end)
    while start < len(text):
        end = line_ends[k] if k < len(line_ends) else len(text)
        if end - start <= longest:
            h = _heading(text, start, end, title)
            if h is not None and (h.level <= head.level or stops(start, end)):
                return start
        start, k = end + 1, k + 1
    return len(text)
