"""Where the words of business other than the service hall's govern a report's text.

A 12345 hotline's or a supervision's word (「12345热线共受理诉求1.2万件。办结率99%，满意率98%。」) makes the
figures after it the hotline's, in its sentence and a few sentences on in its paragraph, until a word of
the service hall comes (「区政务服务中心全年受理…」); so does a word of information disclosure, proposals or
letters, over its own sentence. The zones are found once per report and asked per figure by bisection.
The words are language data (hotline_* and other_business_* in scope.yaml).
"""

from __future__ import annotations

import bisect

from .scope_words import constants, lexicon, patterns
from .text_index import TextIndex


class Zones:
    """The spans of one text that a kind of word ('hotline', 'other') governs."""

    def __init__(self, index: TextIndex):
        self.ix = index
        self._zones: dict[str, tuple[list[int], list[int]]] = {}  # kind -> sorted starts, their ends

    def _zones_of(self, kind: str) -> tuple[list[int], list[int]]:
        """Where the words of a kind govern, as sorted starts and their ends, found once."""
        ix, text, p, lx = self.ix, self.ix.text, patterns(), lexicon()
        back = constants()["back"]
        words, reset = (p.hotline, p.reset) if kind == "hotline" else (p.other, p.other_reset)
        carry = lx["hotline_carry_sentences" if kind == "hotline" else "other_business_carry_sentences"]
        starts: list[int] = []
        ends: list[int] = []
        for m in words.finditer(text):
            if kind == "hotline" and p.not_hotline.match(text, m.start()):
                continue  # 「投诉受理区」「212345件」
            e = m.end()
            k = bisect.bisect_left(ix.sentence_ends, e) + carry  # the sentence end `carry` sentences on
            stop = min(
                ix.paragraph(e)[1],
                ix.sentence_ends[k] if k < len(ix.sentence_ends) else len(text),
                e + 3 * back,
            )
            found = reset.search(text, e, stop)
            stop = found.start() if found else stop
            if starts and e <= ends[-1]:  # overlapping zones: one zone to the later end
                ends[-1] = max(ends[-1], stop)
            else:
                starts.append(e)
                ends.append(stop)
        return starts, ends

    def governs(self, kind: str, pos: int) -> bool:
        """Does a word of this kind govern pos: one before it in its sentence, or in the few sentences
        before it in its paragraph, with no word of the service hall in between?"""
        if kind not in self._zones:
            self._zones[kind] = self._zones_of(kind)
        starts, ends = self._zones[kind]
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < ends[i]
