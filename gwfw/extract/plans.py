"""Where a report states plans, whose figures are targets and not results: the whole report when its title
names a plan and no report of results (「2024年政务服务工作要点」), a section under a heading that names one
(「二、下一步工作计划」), and a sentence that names a year after the report's (「到2025年」; 「按照方案要求，
2024年…」 in a report of 2023). A plan's sentence naming a year before the one its title names states its
baseline. The words are language data (scope.yaml).
"""

from __future__ import annotations

from . import layout
from .scope_words import constants, lexicon, patterns
from .text_index import TextIndex


class Plans:
    """The plans of one report, asked per figure (the sections found once, on the first question)."""

    def __init__(self, index: TextIndex, title: str):
        self.ix, self.text, self.title = index, index.text, title
        self.lx, self.p, self.c = lexicon(), patterns(), constants()
        self._sections: list[tuple[int, int]] | None = None
        self.title_year = max((int(m.group()) for m in self.p.year.finditer(title)), default=None)
        self.is_plan = (
            bool(title)
            and any(w in title for w in self.lx["plan_title_words"])
            and not any(w in title for w in self.lx["report_title_words"])
        )

    def planned(self, pos: int) -> bool:
        """Does pos lie in a plan (the report is one, or its section's heading names a plan)?"""
        if self.is_plan:
            return True
        if self._sections == []:
            return False
        if self._sections is None:
            heads = {
                h
                for m in self.p.plan_heading.finditer(self.text)
                if (h := layout.heading_at(self.text, m.start(), self.title)) and not self._reports(h)
            }
            self._sections = sorted(
                (h.end, layout.section_end(self.text, h, self.ix.line_ends, self.title)) for h in heads
            )
        return bool(self._sections) and any(a <= pos < b for a, b in self._sections)

    def _reports(self, h: layout.Heading) -> bool:
        """Does the heading also name a report of results (「2024年工作总结及2025年工作计划」)? Then it heads
        both, and the plan has a heading of its own further on."""
        line = self.text[h.start : h.end]
        return any(w in line for w in self.lx["report_title_words"])

    def later_year(self, start: int, end: int, doc_year: int) -> bool:
        """Does text[start:end] name a year after the report's, as a target does: with a prefix (「到2025年」)
        or without, not after an as-of word (「截至2022年」) nor before a word of a time since
        (「2024年以来」)?"""
        text, c = self.text, self.c
        for m in self.p.year.finditer(text, start, end):
            if int(m.group()) <= doc_year:
                continue
            if text[max(0, m.start() - 6) : m.start()].rstrip().endswith(c["not_year_prefixes"]):
                continue
            after = text[m.end() : min(end, m.end() + c["not_year_after_chars"])]
            if not any(w in after for w in c["not_year_after"]):
                return True
        return False

    def earlier_year(self, start: int, end: int) -> bool:
        """Does text[start:end] name a year before the one the plan's title names, as a plan states its
        baseline (「2024年，全区…共办件36.2万件」 in 「2025年政务服务工作要点」)? A plan whose title names no
        year (「三年行动方案」) may set targets for any of its years."""
        if self.title_year is None:
            return False
        return any(int(m.group()) < self.title_year for m in self.p.year.finditer(self.text, start, end))
