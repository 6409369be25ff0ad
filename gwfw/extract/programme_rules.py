"""Programme names reaching across their sentence: 「“一件事一次办”…今年累计办理1500件次」 gives the 1500
the programme's indicator, once per indicator, never into a breakdown (「其中…」)."""

from __future__ import annotations

import bisect
import re
from functools import cache

from .codebook import Indicator
from .name_patterns import rules, unit_fits
from .names import TOPIC, Match, trie_regex
from .numerals import NumberMention
from .periods import lexicon as period_words
from .text_index import TextIndex


@cache
def _noun_before() -> re.Pattern:
    """On reversed text, from a count back to a noun of its own (「重点任务共12项」), past linking words
    and spaces. Performance: the linking words (about a thousand) as a prefix tree."""
    r = rules()
    links = trie_regex(r["link_words"], "", reverse=True)
    nouns = trie_regex(r["own_nouns_before_count"], "", reverse=True)
    return re.compile(
        rf"""
        (?: {links} | \s )*  # 共, 累计, 达 … read backwards
        (?: {nouns} )       # 任务, 内容 …
        """,
        re.VERBOSE,
    )


@cache
def _body_after() -> re.Pattern:
    """A body counted right after a number, a modifier of two characters at most before it (「8个重点乡镇」
    「12个村社区」): the number counts the bodies, not a programme's items."""
    bodies = trie_regex(rules()["counted_bodies"], "")
    return re.compile(
        rf"""
        [\u4e00-\u9fff]{{0,2}}?  # a modifier: 重点, 试点 …
        (?: {bodies} )          # 乡镇, 部门 …
        """,
        re.VERBOSE,
    )


def counts_bodies(text: str, n: NumberMention) -> bool:
    """Does n count bodies (townships, departments …) named right after it?"""
    return _body_after().match(text, n.end) is not None


class ProgrammeRules:
    """Rules of the Matcher (which provides ix, rules, bound, last, _fits and _fitting_between)."""

    def _counts_own_noun(self, n: NumberMention) -> bool:
        """Does n count a noun of its own, so that no programme named earlier can give it an indicator:
        a noun right after it that is no generic head (「15个窗口部门」), or, past link words, one of
        own_nouns_before_count right before it (「梳理细化重点任务共12项」 counts tasks, not packages)?"""
        text = self.ix.text
        nxt = text[n.end : n.end + 1]
        if (
            nxt
            and "\u4e00" <= nxt <= "\u9fff"
            and not text.startswith(tuple(self.rules["generic_heads"]), n.end)
        ):
            return True
        return self._counts_noun_before(n)

    def _counts_noun_before(self, n: NumberMention) -> bool:
        """Is n a count of a noun of its own before it, past link words (「梳理改革任务共18项」)?"""
        size = len(self.ix.text)
        reach = self.rules["link_max_chars"] + max(map(len, self.rules["own_nouns_before_count"]))
        start, stop = size - n.start, size - max(0, n.start - reach)
        return _noun_before().match(self.ix.reversed, start, stop) is not None

    def _topic(
        self, n: NumberMention, s_start: int, c_start: int, c_end: int, before_only: bool = False
    ) -> Match | None:
        """A programme named in the sentence (「“一件事一次办”…今年累计办理1500件次」).

        The names are tried nearest first: those before the number in its sentence (only when the
        number's clause says what was done with the programme and the number does not count its own
        noun), then those after it in its clause. A name is a candidate when it gives this number an
        indicator it has not yet given to another number. At the first candidate, a breakdown marker
        (「其中」) in between means no programme at all; another figure of the same kind in between
        passes the name over; otherwise the name binds.

        The names are looked at form by form rather than one by one: for one form (so one indicator),
        every name beyond the nearest marker or figure of the same kind fares alike. A sentence of
        thousands of names and numbers costs a few bisections per number, not a walk over its names.
        """
        ix = self.ix
        i, j = bisect.bisect_left(ix.topic_starts, s_start), bisect.bisect_left(ix.topic_starts, c_end)
        if i == j or counts_bodies(ix.text, n):
            return None
        near = {t.surface for t in ix.topics[i:j]}  # Performance: the forms named elsewhere cannot bind
        forms = [
            (form, ind)
            for form in ix.topic_forms
            if form in near and (ind := self._fits(ix.lexicon.topics.get(form, []), n))
        ]
        if not self._counts_own_noun(n) and self.ix.programme_verbs.inside(c_start, n.start):
            hits, stop = [], False
            for form, ind in forms:
                k, beyond_marker = self._free_before(form, ind, n, s_start)
                if k >= 0:
                    hits.append((self.ix.topic_forms[form].starts[k], form, ind, k))
                stop = stop or beyond_marker
            if hits:
                return self._bind(*max(hits, key=lambda h: h[0])[1:], n)
            if stop:
                return None
        if not before_only:
            hits = [
                (self.ix.topic_forms[form].starts[k], form, ind, k)
                for form, ind in forms
                if (k := self._free_after(form, ind, n, c_end)) >= 0
            ]
            if hits:
                return self._bind(*min(hits, key=lambda h: h[0])[1:], n)
        return None

    def _free_before(self, form: str, ind: Indicator, n: NumberMention, s_start: int) -> tuple[int, bool]:
        """Names of one form before n in its sentence: (the index of the nearest free one that can bind,
        or -1; whether a free one stands beyond a breakdown marker, which ends the search)."""
        names = self.ix.topic_forms[form]
        first = bisect.bisect_left(names.starts, s_start)
        for k in range(bisect.bisect_right(names.ends, n.start) - 1, first - 1, -1):
            end = names.ends[k]
            if (
                self.ix.breakdown_markers.inside(end, n.start)
                or self.ix.programme_stops.inside(end, n.start)
                or hall_owns_figure(self.ix, end, n.start)
                or self._other_figure_between(ind, end, n.start)
                or self._own_figure_between(form, end, n.start)
            ):
                break  # so is every name further back
            if not self._is_bound(form, ind, k):
                return k, False
        beyond = bisect.bisect_right(names.ends, self.ix.breakdown_markers.last_start(n.start))
        return -1, self._free(form, ind, first, beyond) > 0

    def _other_figure_between(self, ind: Indicator, start: int, end: int) -> bool:
        """Does another figure that fits ind stand between a name and the number (「“一件事”套餐30个，…
        推出15个」: the name gave its figure)? A count of a noun of its own before it (「梳理改革任务18项，
        累计推出32个」) is no such figure: the name reaches past it."""
        if not self._fitting_between(ind, start, end):
            return False
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return any(unit_fits(ind, m.unit) and not self._counts_noun_before(m) for m in self.numbers[lo:hi])

    def _own_figure_between(self, form: str, start: int, end: int) -> bool:
        """Was the last figure mapped, between start and end, one of the programme's own (「“一件事”主题服务
        累计达到56个，本月办件量10.2万宗」: the name stated its figure; the count after it is the hall's)?"""
        last, own = self.last, self.ix.lexicon.topics.get(form, [])
        return last is not None and start <= last[0] < end and last[1] in own

    def _free_after(self, form: str, ind: Indicator, n: NumberMention, c_end: int) -> int:
        """The index of the nearest free name of one form after n in its clause that can bind, or -1."""
        names = self.ix.topic_forms[form]
        for k in range(bisect.bisect_left(names.starts, n.end), bisect.bisect_right(names.ends, c_end)):
            start = names.starts[k]
            if self.ix.breakdown_markers.inside(n.end, start) or self._fitting_between(ind, n.end, start):
                break  # so is every name further on
            if self._opens_later_item(n, start, names.ends[k], c_end):
                continue
            if not self._is_bound(form, ind, k):
                return k
        return -1

    def _opens_later_item(self, n: NumberMention, start: int, end: int, c_end: int) -> bool:
        """Does the name text[start:end] open a later item of a list, with a number of its own
        (「即办219项、“一件事一次办”服务157个」), rather than name what n counts
        (「79项国家、省、市重点“一件事”」)?"""
        if self.rules["list_separator"] not in self.ix.text[n.end : start]:
            return False
        k = bisect.bisect_left(self.starts, end)  # its number: right after it, no 其中 between
        if k == len(self.starts) or self.starts[k] >= c_end:
            return False
        own = self.starts[k]
        return own - end <= self.rules["link_max_chars"] and not self.ix.breakdown_markers.inside(end, own)

    def _is_bound(self, form: str, ind: Indicator, k: int) -> bool:
        bound = self.bound.get((form, ind.code), [])
        i = bisect.bisect_left(bound, k)
        return i < len(bound) and bound[i] == k

    def _free(self, form: str, ind: Indicator, first: int, stop: int) -> int:
        """How many of the names first..stop-1 of one form are not yet bound to ind."""
        bound = self.bound.get((form, ind.code), [])
        return max(0, stop - first) - max(
            0, bisect.bisect_left(bound, stop) - bisect.bisect_left(bound, first)
        )

    def _bind(self, form: str, ind: Indicator, k: int, n: NumberMention) -> Match:
        bisect.insort(self.bound.setdefault((form, ind.code), []), k)
        t = self.ix.topic_forms[form].triggers[k]
        return Match(ind, TOPIC, min(t.start, n.start), max(t.end, n.end))


def hall_owns_figure(index: TextIndex, start: int, n_start: int) -> bool:
    """Does the hall, named in the figure's own clause after a programme or a venue named at start, make
    the figure the hall's (「深化“高效办成一件事”改革，市民之家办件量达58.6万件」「镇村两级共办理…，区政务服务
    中心全年受理事项52.3万件」)? Not when the programme's clause dates the figure from it (「推出“不打烊”
    服务以来，市政务大厅累计办件15527件」)."""
    if not index.programme_clause_stops.inside(max(start, index.clause(n_start)[0]), n_start):
        return False
    own_end = index.clause(start)[1]  # (the programme's own clause: 「…服务以来，」)
    return not any(w in index.text[start:own_end] for w in period_words()["since_words"])
