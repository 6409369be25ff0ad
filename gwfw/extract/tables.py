"""Tables kept as text, a row a line and its cells between `|`, as the corpus's pages are stored.

A number alone in a cell measures what its column's header names: 「评价总数（条） | 主动评价率」 over
「12563 | 98.21%」. No rule reading names beside a number joins them, for the header is a line above. The
row says whose the figure is: a county of the report's city or province, the whole (合计, 全市) or the
report's own unit when the row names none; a row of anything else (a town, a department) is that row's
own, not the district's. A row opening with a month holds for that month (its period phrase governs the
line). When the column's header names nothing, a row whose label names an indicator may
(「| 办结率 | 99.76% |」, `Tables._row_named`).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import cache
from typing import NamedTuple

from ..langdata import load_yaml
from . import places as gazetteer
from .codebook import Indicator
from .context import Section
from .matcher import Matcher
from .name_patterns import Trigger
from .names import Match
from .numerals import NumberMention
from .text_index import TextIndex

TABLE = "a table's column header or row label"


class Cell(NamedTuple):
    start: int  # the cell's text, spaces stripped
    end: int
    text: str


class Joined(NamedTuple):
    header: Cell | None  # the column's header, None when the row stands under none of as many cells
    label: Cell | None  # the row's first cell that is no number (「东坡区」「合计」), None when all are
    header_line: tuple[int, int] | None  # where the header's line and the row's line stand
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
    """Each number (by its index; starts: theirs) alone in a cell of a row: under its column's header when
    the row has as many cells as a header above it, else with none. Performance: only the lines holding a
    separator are read, and a text with none holds no table."""
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
        if not numeric or all(numbers[k].unit in date_units for k in numeric.values()):
            header, header_line = cells, (start, end)  # names, or periods (「| 指标 | 2023年 | 2024年 |」)
            continue
        over = header if header is not None and len(header) == len(cells) else None
        label = next((c for i, c in enumerate(cells) if c.text and i not in numeric), None)
        for i, k in numeric.items():
            if numbers[k].unit not in date_units:
                joined[k] = Joined(
                    over[i] if over else None, label, header_line if over else None, (start, end)
                )
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
        self.targets, self.values = tuple(lx["target_headers"]), tuple(lx["value_headers"])
        self.ordinals = frozenset(lx["ordinal_headers"])
        self.per_row = Counter(  # how many figures each row holds, its ordinal (「| 1 | 办件量 |」) aside
            c.row_line for c in self.cells.values() if not (c.header and c.header.text in self.ordinals)
        )

    def _named(self, header: Cell, n: NumberMention) -> tuple[Indicator | None, str]:
        """What a header (or a row's label) names for n, if anything; and why not, when it names one but n
        is none of it."""
        note = _unit_note().search(header.text)
        t = self._name_closing(header, header.start + (note.start() if note else len(header.text)))
        if t is None:
            return None, ""
        unit = note["unit"] if note else ""
        if unit.startswith(self.magnitudes):
            return None, f"unmapped: a table's column in {unit}, whose cells are not read"
        candidates = self.ix.lexicon.lookup(t.surface)
        if not n.unit:  # the column's unit, or the unit of what it names
            ind = next((c for c in candidates if not unit or c.unit == unit), None)
            n = n._replace(unit=unit or (ind.unit if ind else ""))
        return self.matcher._fits(candidates, n), ""

    def _name_closing(self, cell: Cell, end: int) -> Trigger | None:
        """The name closing a cell's words (up to end), maybe before a tail (「申请数量」: 申请), after words
        that name no place (「“好差评”满意率」, not 「东坡区办件量」)."""
        text = self.ix.text
        for tail in ("", *self.tails):
            if text.endswith(tail, cell.start, end) and (
                t := self.ix.name_ending_at(end - len(tail), cell.start)
            ):
                return None if next(gazetteer.find_places(text[cell.start : t.start]), None) else t
        return None

    def match(self, k: int, n: NumberMention, section: Section) -> tuple[Match, Section] | None:
        """Number k's match as a table's cell, and whose it is; None when neither its column's header nor
        its row's label names anything."""
        cell = self.cells[k]
        ind, why = self._named(cell.header, n) if cell.header and cell.header.text else (None, "")
        if ind is None and not why and cell.label is not None:  # 「| 办件量 | 12.6万件 |」: the row names it
            return self._row_named(cell, n, section)
        if ind is None:
            return (Match(None, why, n.start, n.end), section) if why else None
        row = cell.label.text if cell.label else ""
        whole = not row or row in self.totals or row == section.district
        whose = section if whole else self._own(row, section)
        if whose is None:
            return Match(
                None, f"unmapped: a table row of {row}, not the district's {ind.code}", n.start, n.end
            ), section
        start = cell.label.start if cell.label and cell.label.start < n.start else n.start  # the row up to n
        return Match(ind, TABLE, start, n.end), whose

    def _row_named(self, cell: Joined, n: NumberMention, section: Section) -> tuple[Match, Section] | None:
        """The figure of a row whose label names an indicator (「| 办结率 | 99.76% |」), the report's own:
        in a column of values (「数值」「实际完成值」), or of none when it is the row's one figure. In a
        column of targets (「年度指标值」) it is a target; under any other header (「| 行政许可 | 72 |」
        under 「本年处理决定数量」), or beside other figures under none, nothing is said (None)."""
        head = cell.header.text if cell.header else ""
        target = any(w in head for w in self.targets)
        if head and not target and not any(w in head for w in self.values):
            return None
        if not head and self.per_row[cell.row_line] > 1:
            return None
        ind, why = self._named(cell.label, n)
        if ind is not None and target:
            why = f"unmapped: a target for {ind.code}, in a table's column of targets ({head})"
        if ind is None or why:
            return (Match(None, why, n.start, n.end), section) if why else None
        return Match(ind, TABLE, cell.label.start, n.end), section

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
        cell, row = self.cells[k], source[slice(*self.cells[k].row_line)].strip()
        return source[slice(*cell.header_line)].strip() + "\n" + row if cell.header_line else row
