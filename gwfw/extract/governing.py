"""Which period governs each position of a report: the phrase in its sentence, one carried from earlier in
its paragraph, its section heading's, or the report's reference period (see Governing)."""

from __future__ import annotations

import bisect
from calendar import monthrange
from collections.abc import Sequence
from datetime import date

from . import layout
from .periods import Period, PeriodMention, clip, event_then, event_words, find_periods, lexicon

_STATED = ("document_title", "document_text")  # reference periods the report itself states


class Governing:
    """The period that governs each position of one report's text (see the module docstring).

    A phrase in an earlier sentence of the paragraph carries only over `carry_max_sentences`
    sentences, and not at all when it dates an event: a phrase whose own sentence holds no figure
    and whose period lies outside the reference period the report states (「2019年，中心搬迁至新址。」
    in a report on 2022; a period taken from the publication date alone vetoes nothing).
    """

    def __init__(
        self,
        text: str,
        index,
        reference: Period | None,
        year: int | None,
        doc_date: date | None,
        figure_starts: Sequence[int],
        skip_line: str = "",
        list_separator: str = "",
        now: date | None = None,
    ):
        """now: the date 目前 and 「…以来」 run to, when not the reference period's end (a news item's)."""
        lx = lexicon()
        ref_end = now or (reference.end if reference else None)
        found = list(find_periods(text, year, doc_date, ref_end, index.period_phrases))
        self.found = [p for p in found if not index.is_masked(p.start)] if index.masked else found
        same = tuple(lx["same_period_words"])
        if reference is not None and reference.start is not None and any(w in text for w in same):
            self.found = [
                self._same_period(p, reference) if text.endswith(same, 0, p.end) else p for p in self.found
            ]
        self.ends = [p.end for p in self.found]
        # phrases of a time that cannot be resolved (「截至目前」 in an undated page): a figure after one in
        # its sentence has a time of its own, unknown, and takes no period carried from an earlier sentence
        resolved = {p.start for p in found}
        self.unknown = [start for start, _, _ in index.period_phrases if start not in resolved]
        # where each phrase's paragraph ends (Performance: "is pos in its paragraph" is one comparison)
        lines = index.line_ends
        self.para_ends = [
            lines[k] if (k := bisect.bisect_left(lines, p.start)) < len(lines) else len(text)
            for p in self.found
        ]
        self.index, self.reference, self.doc_date = index, reference, doc_date
        # a period not over by the report's date is cut at the end of what the report covers (「全年累计」
        # in a bulletin on September, published in October: January to September), at the latest at that date
        self.cut_at = min(ref_end, doc_date) if ref_end and doc_date else doc_date
        self.figures = sorted(figure_starts)
        self.carry = lx["carry_max_sentences"]
        self.opening = lx["paragraph_opening_chars"]
        self.events = event_words()
        self.event_then = event_then()  # 「成立于」 right before a phrase
        self.resolved: dict[tuple[int, str], Period | None] = {}
        self.last: tuple[int, int, Period | None] = (-2, -1, None)  # see at
        self.headings = self._headings(text, skip_line)
        self.heading_starts = [h[0] for h in self.headings]
        found = self.found  # the periods that end a list of them: 「5月、6月」
        self.list_ends = {
            i
            for i in range(1, len(found))
            if list_separator and text[found[i - 1].end : found[i].start] == list_separator
        }

    @staticmethod
    def _same_period(p: PeriodMention, reference: Period) -> PeriodMention:
        """「去年同期」: the report's own period (a month, a quarter …) in the year the phrase names, not that
        whole year."""
        years = p.period.end.year - reference.end.year

        def moved(d: date) -> date:  # a month's end stays its end (February)
            y, last = d.year + years, monthrange(d.year + years, d.month)[1]
            return date(y, d.month, last if d.day == monthrange(d.year, d.month)[1] else min(d.day, last))

        return PeriodMention(p.start, p.end, Period(moved(reference.start), moved(reference.end), ""))

    def _headings(self, text: str, title: str) -> list[tuple[int, int, int]]:
        """(start of the governed text, its end, index of the heading's period phrase) per heading
        naming a period, in order."""
        starts = [p.start for p in self.found]

        def dated(start: int, end: int) -> bool:  # does a period phrase stand in text[start:end]?
            i = bisect.bisect_left(starts, start)
            return i < len(starts) and starts[i] < end

        out, last = [], -1
        lines, longest = self.index.line_ends, layout.max_heading_line()
        for i, p in enumerate(self.found):
            k = bisect.bisect_left(lines, p.start)
            if self.para_ends[i] - (lines[k - 1] + 1 if k else 0) > longest:
                continue  # Performance: a line this long is no heading, known without reading it
            h = layout.heading_at(text, p.start, title)
            if h is not None and h.start != last:  # the first phrase of a heading names its period
                out.append((h.end, layout.section_end(text, h, lines, title, dated), i))
                last = h.start
        return out

    def _label(self, i: int, source: str) -> Period:
        key = (i, source)
        if key not in self.resolved:
            self.resolved[key] = self._clip(self.found[i].period, source)
        return self.resolved[key]

    def _clip(self, period: Period, source: str) -> Period:
        over = self.doc_date is None or period.end <= self.doc_date  # (「截至7月底」 in August stays whole)
        return clip(period, self.doc_date if over else self.cut_at, source)

    def _carries(self, i: int, pos: int) -> bool:
        ix, p = self.index, self.found[i]
        s_start, s_end = ix.sentence(p.start)
        k = bisect.bisect_left(self.figures, p.end)
        framing = k < len(self.figures) and self.figures[k] < s_end  # its own sentence states figures
        para_start = ix.paragraph(p.start)[0]
        ends = ix.sentence_ends  # in the paragraph's first sentence: no sentence ends between
        first = bisect.bisect_right(ends, s_start) == bisect.bisect_right(ends, para_start)
        opens = first and p.start - s_start <= self.opening
        if framing and opens:
            return True  # it opens a paragraph of results (「2023年，全区受理…」): the whole paragraph
        if not framing and self.events.search(self.index.text, p.end, s_end):
            return False  # it dates an event (「2015年，中心搬迁至新址。」), not the results that follow
        between = bisect.bisect_left(ix.sentence_ends, pos) - bisect.bisect_left(ix.sentence_ends, p.end)
        if between > self.carry:
            return False
        if framing:
            return True  # it frames its own sentence's figures and the few that follow
        ref = self.reference
        if ref is None or ref.source not in _STATED:
            return True  # only a period the report states shows that another one dates an event
        return p.period.end >= (ref.start or ref.end) and (p.period.start or p.period.end) <= ref.end

    def listed(self, pos: int, sentence_start: int) -> list[Period]:
        """「5月、6月提升至91%」: the periods listed right before pos in its clause, when there are several
        (the figure holds for each); else []."""
        i = bisect.bisect_right(self.ends, pos) - 1
        if i not in self.list_ends:
            return []
        clause_start = self.index.clause(pos)[0]
        j = i
        while j in self.list_ends and self.found[j - 1].start >= clause_start:
            j -= 1
        if j == i or self.found[i].start < clause_start:
            return []
        source = "sentence" if self.found[j].start >= sentence_start else "paragraph"
        return [self._label(m, source) for m in range(j, i + 1)]

    def _ended(self, i: int) -> Period | None:
        """「截至8月底，今年共受理…」: an as-of date right before phrase i in its sentence ends the period i
        names (January to August, not the year up to the report's date); None when it does not."""
        key = (i, "ended")
        if key not in self.resolved:
            asof, p = self.found[i - 1].period, self.found[i].period
            ends = asof.start is None and p.start is not None and p.start <= asof.end <= p.end
            cut = Period(p.start, asof.end, "") if ends else None
            self.resolved[key] = self._clip(cut, "sentence") if cut else None
        return self.resolved[key]

    def _in_text(self, i: int, pos: int, sentence_start: int) -> Period | None:
        """The period the text before pos gives it (phrase i, the last before pos): in its sentence, or
        carried from earlier in its paragraph; None when neither."""
        if i >= 0 and self.found[i].start >= sentence_start:
            if i > 0 and self.found[i - 1].start >= sentence_start:
                return self._ended(i) or self._label(i, "sentence")
            return self._label(i, "sentence")
        if (
            i >= 0
            and pos <= self.para_ends[i]
            and not self._own_unknown(sentence_start, pos)
            and self._carries(i, pos)
        ):
            return self._label(i, "paragraph")
        return None

    def _own_unknown(self, start: int, pos: int) -> bool:
        """Does a period phrase that names no known time stand in text[start:pos] (see unknown)?"""
        k = bisect.bisect_left(self.unknown, start)
        return k < len(self.unknown) and self.unknown[k] < pos

    def at(self, pos: int, sentence_start: int) -> Period | None:
        """The period for a position, given the start of its sentence (pos lies in that sentence)."""
        i = bisect.bisect_right(self.ends, pos) - 1
        # Performance: the answer is the same for the figures of a sentence after the same phrase (a
        # sentence lies within one line, and headings govern whole lines); they are asked one after another
        if i == self.last[0] and sentence_start == self.last[1]:
            return self.last[2]
        found = self._in_text(i, pos, sentence_start)
        if found is None:
            found = self._outside(pos)
        self.last = (i, sentence_start, found)
        return found

    def _outside(self, pos: int) -> Period | None:
        """The period of a position no phrase of the text governs: its section heading's, or the report's."""
        h = bisect.bisect_right(self.heading_starts, pos) - 1
        in_section = h >= 0 and pos < self.headings[h][1]
        return self._label(self.headings[h][2], "section") if in_section else self.reference

    def event_dated_at(self, pos: int, period: Period, stock: bool) -> Period | None:
        """The period of a figure at pos, given the period of its sentence. A phrase in an earlier clause
        that an event names with 于 (「中心成立于2002年，设有窗口150个，累计办件近60万件」) says when the
        event was, not when the figure holds or runs to; so, for a stock, does a phrase followed by an event
        before the stock's clause (「于今年3月迁入新址试运行，…设有27个服务窗口」). The figure then holds when
        the report speaks (its section, the report)."""
        text, p = self.index.text, self.found[bisect.bisect_right(self.ends, pos) - 1]
        c_start = self.index.clause(pos)[0]
        if p.end > c_start:
            return period
        if text.endswith(self.event_then, 0, p.start):
            return self._outside(pos)
        if not stock:
            return period
        for m in self.events.finditer(text, p.end, c_start):  # not in a quoted name (「“叉车启用”等5个…」)
            if text.count("“", p.end, m.start()) <= text.count("”", p.end, m.start()):
                return self._outside(pos)
        return period
