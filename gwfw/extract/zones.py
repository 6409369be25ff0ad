"""Where the words of business other than the service hall's govern a report's text.

A 12345 hotline's or a supervision's word (「12345热线共受理诉求1.2万件。办结率99%，满意率98%。」) makes the
figures after it the hotline's, in its sentence and a few sentences on in its paragraph, until a word of
the service hall comes (「区政务服务中心全年受理…」); so does a word of information disclosure, proposals or
letters, over its own sentence. A zone never leaves its paragraph, and no word spans a line break, so the
zones are found per paragraph, when a figure in it is asked about (Performance: most paragraphs hold no
figure that is), and asked per figure by bisection. A heading holding such a word, and no word of the hall,
governs its whole section (「二、12345政务服务便民热线运行情况」「三、收到和处理政府信息公开申请情况」), and a
title naming the hotline the whole report, but a sentence naming the hall before its figure. A title naming a
town or street makes the report that sub-unit's own, but a sentence naming the whole district.
The words are language data (hotline_* and other_business_* in scope.yaml).
"""

from __future__ import annotations

import bisect
import re

from . import layout
from .scope_words import constants, lexicon, patterns
from .text_index import TextIndex


class Zones:
    """The spans of one text that a kind of word ('hotline', 'other') governs."""

    def __init__(self, index: TextIndex, title: str = ""):
        self.ix, self.title = index, title
        # kind -> the paragraph asked last (start, end) and its zones: sorted starts, their ends
        self._last: dict[str, tuple[int, int, list[int], list[int]]] = {}
        self._sections: dict[str, list[tuple[int, int]]] = {}  # kind -> the sections its headings govern
        words = lexicon()["hotline_title_words"]
        self.hotline_title = any(w in title for w in words) and _hall("hotline").search(title) is None
        self.town_title = m.group() if (m := patterns().place.search(title)) else ""

    def _zones_of(self, kind: str, para: tuple[int, int]) -> tuple[list[int], list[int]]:
        """Where the words of a kind govern in a paragraph, as sorted starts and their ends."""
        ix, text, p = self.ix, self.ix.text, patterns()
        words = p.hotline if kind == "hotline" else p.other
        if words.search(text, *para) is None:
            return [], []  # Performance: most paragraphs hold no such word
        lx, back = lexicon(), constants()["back"]
        reset = _hall(kind)
        carry = lx["hotline_carry_sentences" if kind == "hotline" else "other_business_carry_sentences"]
        starts: list[int] = []
        ends: list[int] = []
        for m in words.finditer(text, *para):
            if kind == "hotline" and p.not_hotline.match(text, m.start()):
                continue  # 「投诉受理区」「212345件」
            e = m.end()
            k = bisect.bisect_left(ix.sentence_ends, e) + carry  # the sentence end `carry` sentences on
            stop = min(
                para[1],
                ix.sentence_ends[k] if k < len(ix.sentence_ends) else len(text),
                e + 3 * back,
            )
            found = reset.search(text, self._own_window_end(e) if kind == "hotline" else e, stop)
            stop = found.start() if found else stop
            if starts and e <= ends[-1]:  # overlapping zones: one zone to the later end
                ends[-1] = max(ends[-1], stop)
            else:
                starts.append(e)
                ends.append(stop)
        return starts, ends

    def _own_window_end(self, end: int) -> int:
        """Where the hotline word ending at end stops: after its own window when one follows within a few
        characters (「“办不成事反映”窗口」 is the complaints' window, no word of the hall), else end."""
        own, text, quotes = lexicon()["hotline_own_window"], self.ix.text, constants()["quotes"]
        for k in range(end, min(len(text), end + own["max_gap"] + 1)):
            if word := next((w for w in own["words"] if text.startswith(w, k)), ""):
                return k + len(word)
            if not ("\u4e00" <= text[k] <= "\u9fff" or text[k] in quotes):
                break  # (only characters of the word's own name stand between)
        return end

    def governs(self, kind: str, pos: int) -> bool:
        """Does a word of this kind govern pos: one before it in its sentence, or in the few sentences
        before it in its paragraph, with no word of the service hall in between?"""
        last = self._last.get(kind)
        if last is None or not last[0] <= pos < last[1]:  # Performance: a paragraph's numbers ask in a row
            para = self.ix.paragraph(pos)
            last = self._last[kind] = (*para, *self._zones_of(kind, para))
        _, _, starts, ends = last
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and pos < ends[i]:
            return True
        if not self._sections:
            self._sections = self._sections_by_kind()
        sections = self._sections[kind]
        return bool(sections) and self._headed(kind, pos, sections)

    def town_report(self, pos: int) -> str:
        """The town or street the title names, whose own report this is, unless the sentence names the
        whole district or its hall before pos (town_report_reset_words); else ''."""
        if not self.town_title:
            return ""
        words = patterns().town_reset.search(self.ix.text, self.ix.sentence(pos)[0], pos)
        return "" if words else self.town_title

    def _headed(self, kind: str, pos: int, sections: list[tuple[int, int]]) -> bool:
        """Does pos lie in a section whose heading holds a word of the kind (for a hotline, or in a report
        whose title names one), with no word of the hall before pos in its sentence?"""
        if not any(a <= pos < b for a, b in sections):
            return False
        return _hall(kind).search(self.ix.text, self.ix.sentence(pos)[0], pos) is None

    def _sections_by_kind(self) -> dict[str, list[tuple[int, int]]]:
        """kind -> the sections its numbered headings govern (the whole text when the title names the
        hotline). Performance: one scan finds the few numbered lines holding a word of either kind."""
        text, lx = self.ix.text, lexicon()
        words = {"hotline": lx["hotline_heading_words"], "other": lx["other_business_heading_words"]}
        found: dict[str, list[tuple[int, int]]] = {"hotline": [], "other": []}
        for m in layout.numbered_holding((*words["hotline"], *words["other"])).finditer(text):
            h = layout.heading_at(text, m.start() + 1, self.title)
            if h is None or not h.level:
                continue
            line = text[h.start : h.end]
            for kind in found:
                if any(w in line for w in words[kind]) and _hall(kind).search(line) is None:
                    found[kind].append((h.end, layout.section_end(text, h, self.ix.line_ends, self.title)))
        if self.hotline_title:
            found["hotline"] = [(0, len(text))]
        return found


def _hall(kind: str) -> re.Pattern:
    """The words of the service hall that end what a word of the kind governs."""
    p = patterns()
    return p.reset if kind == "hotline" else p.other_reset
