"""Tables kept as text, a row a line and its cells between `|`, as the corpus's pages are stored.

A number alone in a cell measures what its column's header names: 「评价总数（条） | 主动评价率」 over
「12563 | 98.21%」. No rule reading names beside a number joins them, for the header is a line above. The
row says whose the figure is: a county of the report's city or province, the whole (合计, 全市) or the
report's own unit when the row names none; a row of anything else (a town, a department, a month) is that
row's own, not the district's.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from typing import NamedTuple

from ..langdata import load_yaml
from . import places as gazetteer
from .codebook import Indicator
from .context import Section
from .matcher import Matcher
from .names import Match
from .numerals import NumberMention
from .text_index import TextIndex

TABLE = "a table's column header"


class Cell(NamedTuple):
    start: int  # the cell's text, spaces stripped
    end: int
    text: str


class Joined(NamedTuple):
    header: Cell  # the column's header
    label: Cell | None  # the row's first cell that is no number (「东坡区」「合计」), None when all are
    header_line: tuple[int, int]  # where the header's line and the row's line stand
    row_line: tuple[int, int]


@cache
def _lexicon() -> dict:
    return load_yaml("tables.yaml")


@cache
def _unit_note() -> re.Pattern:
    return re.compile(
        r"""
        [（(] (?P<unit> [^（）()]{1,4} ) [）)]  # a unit in brackets: 「（条）」「(%)」
        \s* $                                  # closing the header
        """,
        re.VERBOSE,
    )


def _cells(text: str, start: int, end: int) -> list[Cell]:
    """The cells of the line text[start:end]: the stretches between separators, spaces stripped; none
    before a separator opening the line, none after one closing it."""
    sep, cells, pos = _lexicon()["cell_separator"], [], start
    line = text[start:end]
    if line.lstrip().startswith(sep):
        pos = start + line.index(sep) + 1
    while pos <= end:
        stop = text.find(sep, pos, end)
        stop = end if stop < 0 else stop
        left = len(text[pos:stop]) - len(text[pos:stop].lstrip())
        cell = text[pos:stop].strip()
        cells.append(Cell(pos + left, pos + left + len(cell), cell))
        pos = stop + 1
    if cells and not cells[-1].text:
        cells.pop()  # (after the separator closing the line; an empty cell before it keeps its column)
    return cells


def _number_in(cell: Cell, numbers: list[NumberMention], starts: list[int]) -> int | None:
    """The index of the number that fills the cell, if one does."""
    k = bisect.bisect_left(starts, cell.start)
    return k if k < len(numbers) and numbers[k].start == cell.start and numbers[k].end == cell.end else None


def join_cells(text: str, numbers: list[NumberMention], starts: list[int], date_units) -> dict[int, Joined]:
    """Each number (by its index; starts: theirs) alone in a cell of a row under a header of as many cells.
    Performance: only the lines holding a separator are read, and a text with none holds no table."""
    if _lexicon()["cell_separator"] not in text:
        return {}
    joined: dict[int, Joined] = {}
    header: list[Cell] | None = None
    header_line, last_end = (0, 0), -1
    for m in _table_line().finditer(text):
        start, end = m.span()
        cells = _cells(text, start, end)
        filled = sum(1 for c in cells if c.text)
        if start != last_end + 1 or filled < 2:
            header = None  # a caption, a blank row or prose ends the table
        last_end = end
        if filled < 2:
            continue
        numeric = {
            i: k for i, c in enumerate(cells) if c.text and (k := _number_in(c, numbers, starts)) is not None
        }
        if not numeric:
            header, header_line = cells, (start, end)
            continue
        if header is None or len(header) != len(cells):
            continue
        label = next((c for i, c in enumerate(cells) if c.text and i not in numeric), None)
        for i, k in numeric.items():
            if header[i].text and numbers[k].unit not in date_units:
                joined[k] = Joined(header[i], label, header_line, (start, end))
    return joined


@cache
def _table_line() -> re.Pattern:
    sep = re.escape(_lexicon()["cell_separator"])
    return re.compile(
        rf"""
        ^ [^\n]* {sep} [^\n]* $  # a line holding a separator
        """,
        re.VERBOSE | re.MULTILINE,
    )


class Tables:
    """The table cells of one report, and what each measures."""

    def __init__(self, index: TextIndex, matcher: Matcher, numbers: list[NumberMention]):
        self.ix, self.matcher = index, matcher
        self.cells = join_cells(index.text, numbers, matcher.starts, matcher.date_units)
        lx = _lexicon()
        self.tails, self.magnitudes = tuple(lx["header_name_tails"]), tuple(lx["unit_note_magnitudes"])
        self.totals = frozenset(lx["total_row_labels"])

    def _named(self, header: Cell, n: NumberMention) -> tuple[Indicator | None, str]:
        """What the header names for n, if anything; and why not, when it names one but n is none of it."""
        note = _unit_note().search(header.text)
        name_end = header.start + (note.start() if note else len(header.text))
        t = self.ix.name_starting_at(header.start)
        if t is None or self.ix.text[t.end : name_end].strip() not in ("", *self.tails):
            return None, ""
        unit = note["unit"] if note else ""
        if unit.startswith(self.magnitudes):
            return None, f"unmapped: a table's column in {unit}, whose cells are not read"
        candidates = self.ix.lexicon.lookup(t.surface)
        if not n.unit:  # the column's unit, or the unit of what it names
            ind = next((c for c in candidates if not unit or c.unit == unit), None)
            n = n._replace(unit=unit or (ind.unit if ind else ""))
        return self.matcher._fits(candidates, n), ""

    def match(self, k: int, n: NumberMention, section: Section) -> tuple[Match, Section] | None:
        """Number k's match as a table's cell, and whose it is; None when its column names nothing."""
        cell = self.cells[k]
        ind, why = self._named(cell.header, n)
        if ind is None:
            return (Match(None, why, n.start, n.end), section) if why else None
        row = cell.label.text if cell.label else ""
        whole = not row or row in self.totals or row == section.district
        whose = section if whole else self._own(row, section)
        if whose is None:
            why = f"unmapped: a table row of {row}, not the district's {ind.code}"
        if why:
            return Match(None, why, n.start, n.end), section
        start = cell.label.start if cell.label and cell.label.start < n.start else n.start  # the row up to n
        return Match(ind, TABLE, start, n.end), whose

    @staticmethod
    def _own(row: str, section: Section) -> Section | None:
        """The section of a row naming the report's own unit or one of its counties (「东坡区」 in a table of
        眉山市); None for a row of anything else."""
        found = next(gazetteer.find_places(row), None)
        if found is None or found[:2] != (0, len(row)) or len(found[2]) != 1:
            return None
        place, outer = found[2][0], gazetteer.by_code().get(section.code)
        if place.code == section.code:
            return section
        if outer is not None and gazetteer.contains(outer, place):
            return Section(section.start, section.end, place.name, place.code)
        return None

    def context(self, k: int, source: str) -> str:
        """What a reader needs to see number k's figure: its column's header line above its row."""
        cell = self.cells[k]
        return source[slice(*cell.header_line)].strip() + "\n" + source[slice(*cell.row_line)].strip()
