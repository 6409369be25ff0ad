"""Whose figure a mapped number is: the district's, a narrower scope's, or no result of the district.

The matcher says which indicator a number measures; this says whether the text states it as the
district's result. Not a result (kept in the mentions with the reason): a 12345 hotline or
supervision figure, a target, a change instead of a level, an average instead of a total, a
department's or a town's figure, a wider area's figure in a district's report. Narrower (kept, with a
`scope`): a figure whose sentence names a venue, a programme, a channel or, in a city's report, the city's
own level before it (「“粤智助”…业务办理量共62634笔」「“一件事一次办”…时限压缩率达66.7%」「州级政务服务中心
共受理7173件」), or a part of a figure stated before it (「其中…」).

Every question looks at most `look_back_chars` characters back from the number, so its cost does not
grow with the length of a sentence or paragraph. The words are language data (langdata/scope.yaml).
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from typing import NamedTuple

from .breakdown import Breakdowns
from .codebook import Indicator
from .level_rules import change_to_level
from .name_patterns import rules
from .numerals import NumberMention
from .plans import Plans
from .programme_rules import hall_owns_figure
from .scope_notes import does_not_narrow, note_end
from .scope_words import constants, last_match, lexicon, opening, package_named, patterns, units_counted
from .text_index import TextIndex
from .zones import Zones

_WIDER_LEVEL_ENDINGS = ("省", "市", "州", "盟", "地区", "自治区")  # a unit without a code named like this
_LEVEL_REACH = max(map(len, _WIDER_LEVEL_ENDINGS)) + 1  # such a name, then a list separator (「市、县级」)
_OPENING_MAX = 16  # characters of a date before a wider word opening its sentence (「2023年1-6月，」)


@cache
def _quote_mark() -> re.Pattern:
    """Any one quotation mark (opening or closing: quotes are counted, not paired)."""
    return re.compile(f"[{re.escape(rules()['quote_chars'])}]")


class _Hit(NamedTuple):
    start: int
    end: int
    word: str
    until: int  # the end of the bracketed note it stands in, or of its sentence (scope_notes.note_end)


class Screen:
    """Decides, for each mapped number of one report, whether it is a result and of what scope."""

    def __init__(self, index: TextIndex, title: str, figures: list[int] | None = None):
        """figures: where the report's figures start (numbers in a unit of some indicator), in order."""
        self.ix, self.text, self.title = index, index.text, title
        self.figures, self.opening = figures or [], opening()
        self.lx, self.p = lexicon(), patterns()
        vars(self).update(constants())  # back, quotes, not_counted, separators ... (see _constants)
        self.plans = Plans(index, title)  # where the report states plans
        self.zones = Zones(index, title)  # where hotline (other business) words govern
        self._sent_start, self._sent_hits, self._sent_starts = -1, [], []  # see _sentence
        self._last_hits: tuple[tuple[int, int], tuple[list[_Hit], dict[str, _Hit]]] = ((-1, -1), ([], {}))
        self.seen: dict[tuple[int, str], int] = {}  # (sentence start, indicator) -> first figure's position
        self.stated: dict[str, int] = {}  # indicator -> where a figure of it stood last
        self.breakdowns = Breakdowns(index)  # sentences opening with 其中: parts of the one before

    @staticmethod
    def county_level(code: str, district: str) -> str:
        """The unit's name when this section is a county-level unit (so 全市 names a wider area, unless
        the unit is a county-level city: see own_area_words), else ''."""
        county = not code.endswith("00") if code else not district.endswith(_WIDER_LEVEL_ENDINGS)
        return district if county else ""

    def _sentence(self, start: int, end: int) -> None:
        """Find the words of every check in the sentence text[start:end], once for all its numbers."""
        if self._sent_start != start:
            self._sent_start = start
            noted = any(self.text.find(b, start, end) >= 0 for b in self.note_opens)  # (Performance)
            self._sent_hits = [
                _Hit(*m.span(), m.group(), note_end(self.text, m.span(), start, end) if noted else end)
                for m in self.p.window.finditer(self.text, start, end)
            ]
            self._sent_starts = [h.start for h in self._sent_hits]

    def _hits(self, start: int, end: int) -> tuple[list[_Hit], dict[str, _Hit]]:
        """The words of every check within text[start:end] of the current sentence, in order, and the
        last one of each check."""
        if self._last_hits[0] != (start, end):
            i, j = bisect.bisect_left(self._sent_starts, start), bisect.bisect_left(self._sent_starts, end)
            hits = [h for h in self._sent_hits[i:j] if h.end <= end <= h.until]  # not in a note closed
            checks, last = self.p.checks, {}
            for h in hits:
                for c in checks[h.word]:
                    last[c] = h
            self._last_hits = ((start, end), (hits, last))
        return self._last_hits[1]

    def _listed(self, start: int, end: int, words: tuple[str, ...]) -> bool:
        """Does one of these list words (「、」「等」) stand in text[start:end]?"""
        part = self.text[start:end]
        return any(w in part for w in words)

    def _triggered(self, start: int, end: int) -> bool:
        """Does a word that starts a check stand in text[start:end]? (Words that only qualify one, 全区
        「、」「等」 or a baseline's 截至, are looked for where a check started.)"""
        i, j = bisect.bisect_left(self._sent_starts, start), bisect.bisect_left(self._sent_starts, end)
        return any(h.end <= end for h in self._sent_hits[i:j])

    @staticmethod
    def _after(last: dict[str, _Hit], checks: tuple[str, ...], pos: int) -> bool:
        """Does a word of one of these checks start at or after pos?"""
        return any(c in last and last[c].start >= pos for c in checks)

    def judge(
        self,
        n: NumberMention,
        ind: Indicator,
        sentence: tuple[int, int],
        county: str,
        doc_year: int | None,
        screen_from: int = -1,
        unit: str = "",
        scope_from: int = -1,
    ):
        """(why a mapped number is not a result of the district, or ''; its scope, or '' for the whole
        district). sentence: the bounds of its sentence. screen_from: where its name stands, when in an
        earlier clause (Match.screen_from): the clause words are read from there. unit: the section's, at any
        level (a city's report quoting 全省 quotes a wider area). scope_from: where scope words may start."""
        text, s_start = self.text, sentence[0]
        if self.zones.governs("hotline", n.start):
            return f"unmapped: a 12345 hotline or supervision figure, not {ind.code}", ""
        if self.zones.governs("other", n.start):
            return f"{self.lx['other_business_reason']}, not {ind.code}", ""
        if (town := self.zones.town_report(n.start)) and town not in unit:
            return f"unmapped: {town}'s figure (the report is its own), not the district's {ind.code}", ""
        after = text[n.end : n.end + 4]
        if after[:1] in self.quotes:
            after = after.lstrip(self.quotes)
        if text.startswith(self.requirements, n.start):  # 「不低于80%」: a floor opening the number
            return f"unmapped: a target for {ind.code}, not a result", ""
        if n.value_high and ind.kind == "rate" and text.endswith(self.band_before_range, 0, n.start):
            return f"unmapped: a band of {ind.code}", ""  # 「满意度在85%-100%」: a band some units fall in
        if after.startswith(self.bound_after):  # 「主动评价率低于90%的有遂溪县…」: a bound some units pass
            return f"unmapped: a bound some units pass, not {ind.code}", ""
        if ind.measure == "flow" and after.startswith(self.average_after):  # 「1200件/日」
            return f"unmapped: an average of {ind.code}, not its total", ""
        if after.startswith(self.not_counted):  # (Performance: which noun, asked only when one is there)
            noun = next(w for w in self.not_counted if after.startswith(w))
            return f"unmapped: it counts {noun}, not {ind.code}", ""
        if after.startswith(self.baseline_after):  # 「在国家33项基础上推出…特色“一件事”」: another's count
            return f"unmapped: the baseline a result builds on, not {ind.code}", ""
        if (  # 「13个窗口办件量均超1000件」: a bound each of them passes, not a total (a list of names aside)
            ind.kind == "count"
            and n.qualifier in ("more_than", "at_least")
            and text.endswith(self.each_before_bound, 0, n.start)
            and not self._listed(self.ix.clause(n.start)[0], n.start, self.name_joiners)
        ):
            return f"unmapped: a bound each one passes, not {ind.code}'s total", ""
        if ind.kind == "rate" and (units := units_counted(text, max(s_start, n.start - self.back), n.start)):
            return f"unmapped: a bound {units} pass, not {ind.code}", ""  # 「4个县（市、区）…达到95%」
        if ind.kind == "count" and after.startswith(self.wider_after):  # (not 「77项全国高频事项」: its list)
            wider = next(w for w in self.wider_after if after.startswith(w))
            listed = after.startswith(self.wider_lists, len(wider))
            if not listed and not self._own_area(wider, county or "市"):
                return f"unmapped: it counts {wider}'s, not the district's {ind.code}", ""
        tail = text[n.end : min(self.ix.clause(n.start)[1], n.end + self.lx["guide_max_chars"])]
        if ind.measure == "stock" and (guide := next((w for w in self.lx["guide_nouns"] if w in tail), "")):
            return f"unmapped: it counts {guide}, not {ind.code}", ""
        s_from = max(s_start, n.start - self.back)
        part = self._part(n, ind, s_start)
        if part and (end := self.breakdowns.parent_end(n)) >= 0:
            if self.zones.governs("other", end):
                return f"{self.lx['other_business_reason']}, not {ind.code}", ""  # a part of other business
            if ind.measure == "stock" and self._ends_in_change(end):
                return f"unmapped: a part of a change of {ind.code}, not its level", ""
        self._sentence(*sentence)
        if self._quoted_target(n):
            return f"unmapped: a target for {ind.code}, not a result", ""
        has_year = self.p.year.search(text, s_from, n.start) is not None
        if not self._triggered(s_from, n.start) and not self.plans.planned(n.start):
            # the usual case: no word before it that a check looks for; a year can still be a target's
            # (not_a_result would find nothing else, and no scope)
            if has_year and doc_year and self.plans.later_year(s_from, n.start, doc_year):
                return f"unmapped: a target for {ind.code}, not a result", ""
            return "", part
        year = doc_year if has_year else None
        why = self.not_a_result(n, ind, s_start, s_from, county, year, screen_from, county or unit)
        return why, "" if why else (part or self._scope(n, ind, s_start, max(s_from, scope_from)))

    def not_a_result(
        self,
        n: NumberMention,
        ind: Indicator,
        s_start: int,
        s_from: int,
        county: str,
        doc_year: int | None,
        screen_from: int = -1,
        area: str = "",
    ) -> str:
        """Why a mapped number is not a result of the district, or '' when it is one (hotlines and
        counted nouns were asked before). area: the unit, of any level, whose own-area words are not wider."""
        ix, text, p = self.ix, self.text, self.p
        c_start, _ = ix.clause(screen_from if screen_from >= 0 else n.start)
        c_from = max(c_start, n.start - self.back)
        name = ind.code
        _, last = self._hits(s_from, n.start)
        if self._target(n.start, s_from, last, doc_year):
            return f"unmapped: a target for {name}, not a result"
        if (
            ind.measure == "stock"
            and "new_venue" in last
            and p.future.search(text, s_from, n.start) is not None
        ):
            return f"unmapped: {name} of a new venue still to come, not a result"
        if (
            (ind.measure == "stock" or ind.kind == "ratio")  # (「减少群众跑动次数6万余次」: trips saved)
            and self._after(last, ("change",), self._parent_from(c_start, c_from, s_from))
            and not change_to_level().match(ix.reversed, len(text) - n.start)  # 「精简至70个」: the level
        ):
            return f"unmapped: a change of {name}, not its level"
        if (
            ind.measure == "flow"
            and "average" in last
            and self._averaged(last["average"], c_from, n.start, s_start)
        ):
            return f"unmapped: an average of {name}, not its total"
        if ind.measure == "flow" and "one_day" in last:  # 「活动当天共受理业务50余件」
            return f"unmapped: one day's {name} (an event's), not the period's"
        if ind.measure == "flow" and self._after(last, ("flow_change",), c_from):
            return f"unmapped: a difference of {name}, not its total"
        if name in self.case_totals and self._after(last, ("case_part",), c_from):
            return f"unmapped: {last['case_part'].word}, a part of {name}"
        # a negated word names its own list item only (「容缺办理276项、…服务157个」)
        item = self.text.rfind(self.ix.rules["list_separator"], c_from, n.start) + 1
        if self._after(last, ("negated",), max(c_from, item)):
            return f"unmapped: {last['negated'].word}, not {name}"
        sub = last.get("sub_level")
        if sub and not self._listed(sub.end, n.start, self.wide_words):
            return f"unmapped: a {sub.word} figure, not the district's {name}"
        low = last.get("county_level")  # in a city's report: its counties' figure, unless 「市、县级」 (both)
        if not county and low and low.start >= c_from and not self._both_levels(low.start):
            return f"unmapped: a {low.word} figure (its counties' together), not the district's {name}"
        wider = last.get("wider")
        if (
            area
            and wider
            and not self._own_area(wider.word, area)
            and not text.endswith(self.wider_not_after, 0, wider.start)  # 「区市民服务中心」「应用全省…」
            and not text.startswith(self.wider_not_before, wider.end)  # 「省级部署的」
            and self._wider_reaches(wider, n, s_start, c_start, area)
        ):
            return f"unmapped: {last['wider'].word}'s figure, not the district's {name}"
        named = []
        if "department" in last:  # the nearest department named (「区供电公司“获得电力”…」: not 电力)
            for h in reversed(self._hits(s_from, n.start)[0]):
                if "department" not in p.checks[h.word]:
                    continue
                if m := last_match(p.department, text, h.start, n.start):
                    named.append(m)
                    break
        if "place" in last:  # then a town, if the department was one of a list (「镇…（其中公安窗口、…」)
            named.append(last_match(p.place, text, max(s_from, last["place"].start - 4), n.start))
        # 「区税务局办件量…，办结率100%」, but not 「全区…」 after it, nor one of a list
        # (「区公安局、区市场监督管理局5个部门」) ... unless each has its own figure in brackets
        # (「人社局窗口（办件量2395件）、…」)
        for m in filter(None, named):
            if not self._listed(m.end(), n.start, self.wide_words) and (
                self._listed(m.end(), n.start, self.brackets)
                or not (
                    self._listed(m.end(), n.start, self.list_words)
                    or any(sep in text[max(0, m.start() - 2) : m.start()] for sep in self.separators)
                )
            ):
                return f"unmapped: {m.group()}'s figure, not the district's {name}"
        return ""

    def _ends_in_change(self, end: int) -> bool:
        """Does the clause ending at `end` state a change of its last figure (「全年新增进驻事项210项。其中，
        行政许可事项32项」), not the level after one (「由240项精简至186项」)? Asked for a part only."""
        start = max(self.ix.clause(end)[0], end - self.back)
        k = bisect.bisect_left(self.figures, end) - 1
        if k < 0 or self.figures[k] < start:
            return False
        if change_to_level().match(self.ix.reversed, len(self.text) - self.figures[k]):
            return False
        found = self.p.window.finditer(self.text, start, self.figures[k])
        return any("change" in self.p.checks[m.group()] for m in found)

    def _parent_from(self, c_start: int, c_from: int, s_from: int) -> int:
        """Where the words about a clause start: the clause before too when it opens with 其中, since a part
        of a change is a change (「新增进驻事项210项，其中行政许可事项32项」)."""
        if c_start > s_from and self.text.startswith(self.breakdown_words, c_start):
            return max(s_from, self.ix.clause(c_start - 1)[0])
        return c_from

    def _averaged(self, word: _Hit, c_from: int, pos: int, s_start: int) -> bool:
        """Does the average word govern the flow at pos? In its clause always; from an earlier clause of
        the sentence when it comes before the sentence's first figure (「日平均接待群众2000余人次，办件量
        1500余件」) and no word of a whole comes between (「日均办件600件，全年办件15万件」). After a total
        it is one item of a list of figures (「受理办件153234件,日均受理740件,办结量136027件」)."""
        if word.start >= c_from:
            return True
        k = bisect.bisect_left(self.figures, s_start)
        first = k < len(self.figures) and self.figures[k] < word.start
        return not first and not self._listed(word.end, pos, self.average_stops)

    def _wider_reaches(self, wider: _Hit, n: NumberMention, s_start: int, c_start: int, county: str) -> bool:
        """Is n the wider area's figure? Yes in the wider word's clause. In a later clause of its sentence
        only when the wider word opens the sentence (a date at most before it), a figure stands between
        them (「全市网上可办率达99.8%，全程网办率达90%」: a list of the wider area's figures), and neither
        the district (by name) nor a word of its own (「，我区…」) comes after the wider word. Elsewhere a
        wider word names a platform or a rank (「在全市率先…，」「与省级平台对接率达100%，…」)."""
        if wider.start >= max(c_start, n.start - self.back):
            return True
        if wider.start - s_start > _OPENING_MAX or not self.opening.fullmatch(
            self.text, s_start, wider.start
        ):
            return False  # (Performance: a date is short; nothing read in a long sentence)
        k = bisect.bisect_left(self.figures, wider.end)
        if not (k < len(self.figures) and self.figures[k] < c_start):
            return False
        return not self._listed(wider.end, n.start, (*self.wide_words, county))

    def _own_area(self, word: str, unit: str) -> bool:
        """Does this wider word name the unit's own area (全市 in a county-level city's report)?"""
        return any(unit.endswith(end) and word in words for end, words in self.lx["own_area_words"].items())

    def _target(self, pos: int, s_from: int, last: dict[str, _Hit], doc_year: int | None) -> bool:
        # (a target word before the value reached: 「年度目标值为98%，实际完成值为99.87%」)
        target = "target" in last and not self._listed(last["target"].end, pos, self.reached)
        if target or (doc_year and self.plans.later_year(s_from, pos, doc_year)):
            return True
        return self.plans.planned(pos) and not (
            self._listed(s_from, pos, self.baseline_words) or self.plans.earlier_year(s_from, pos)
        )

    def _both_levels(self, pos: int) -> bool:
        """Does a level above the county stand right before pos (「市、县级」「市县级」)?"""
        before = self.text[max(0, pos - _LEVEL_REACH) : pos].rstrip(self.ix.rules["list_separator"])
        return before.endswith(_WIDER_LEVEL_ENDINGS)

    def _quoted_target(self, n: NumberMention) -> bool:
        """「提前完成了“全流程网办率9月底达到80%”的省目标任务」: a figure inside quotes that a target word
        follows, after the closing quote and in its clause, is the target quoted, not a result."""
        text, (c_start, c_end) = self.text, self.ix.clause(n.start)
        close = _quote_mark().search(text, n.end, c_end)
        if close is None:
            return False  # Performance: the usual figure has no quote after it in its clause
        if len(_quote_mark().findall(text, c_start, n.start)) % 2 == 0:
            return False  # not inside quotes: the quote after it opens a name of its own
        return "target" in self._hits(close.end(), c_end)[1]

    def _part(self, n: NumberMention, ind: Indicator, s_start: int) -> str:
        """'part:其中' for a figure after 其中 when its sentence stated the same indicator before it, or
        in a sentence opening with 其中 after one that stated a figure in its unit."""
        ix = self.ix
        first = self.seen.setdefault((s_start, ind.code), n.start)
        stated, self.stated[ind.code] = self.stated.get(ind.code, -1), n.start
        k = ix.breakdown_markers.find(first, n.start) if first < n.start else -1
        if k < 0:
            return self.breakdowns.part(n, stated)
        return "part:" + next(w for w in ix.rules["breakdown_markers"] if self.text.startswith(w, k))

    def _scope(self, n: NumberMention, ind: Indicator, s_start: int, s_from: int) -> str:
        """The narrower scope the figure's sentence names before it ('kind:word'), or ''."""
        ix, p = self.ix, self.p
        hits, last = self._hits(s_from, n.start)
        kinds, package = p.scope_kind, ""
        for h in reversed(hits):
            if h.word in kinds and (
                ind.code not in kinds[h.word].not_for
                or (package := package_named(self.text, h.start, h.word))
            ):
                break
        else:
            return ""
        best, kind = h, kinds[h.word]
        if kind.kind == "level" and self.seen.get((s_start, ind.code), n.start) >= n.start:
            return ""  # a level beside no figure of the whole area (「全区共发布区级…事项，网上可办率达99%」)
        c_start, _ = ix.clause(n.start)
        # 「镇（街道）全部建成…」「镇（街道）便民服务中心全部实现…」: all of its venues, or of their centres
        after = self.text[best.end : best.end + self.venue_reach].lstrip(self.quotes)
        own = next((w for w in self.centre_nouns if after.startswith(w)), "")
        own += next((w for w in self.venue_quantifiers if after.startswith(w, len(own))), "")
        if (
            self._listed(best.end + len(own), n.start, self.wide_words)
            or (kind.kind in ("programme", "venue") and hall_owns_figure(ix, best.end + len(own), n.start))
            or self._listed(best.end, min(n.start, best.end + self.list_end_reach), self.list_ends)
            or after.startswith(self.separators + kind.not_before)  # (「市级及区(县)大厅…」: both)
        ):
            return ""  # 「全区…」 or the hall in its clause (市民之家), or the word was one of a list
        if best.end <= c_start and ix.breakdown_markers.find(s_start, best.start) >= 0:
            return ""  # the word named a part in a breakdown (「其中…平台45992件，办结率达100%」)
        if does_not_narrow(self.text, best[:2], kind, s_start, n.start, self.figures, self.quotes):
            return ""
        return f"{kind.kind}:{package or p.scope_label.get(best.word, best.word)}"
