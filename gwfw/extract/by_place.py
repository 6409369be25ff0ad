"""A city's figure broken down by its counties: 「全市共收到评价9568条，其中赤坎区1200条、霞山区2300条」.

In a city's (or province's) report, a number right after the name of one of its own counties, with no
indicator name of its own, is that county's part of a figure stated before it: one row per county, with
the county's code. The figure it breaks down is the nearest one mapped in its sentence, or in the sentence
before in its paragraph (「…9568条。其中赤坎区…」), whose indicator fits the number's unit — not only the
last one (「评价22.44万条，好评率100%，其中达孜区32739条」). When none is mapped (the total's own wording was
not read), the nearest indicator name before it in its sentence that fits gives it, but only in a list
(「其中」 before it, or 「、」 around it). Each question reads a bounded stretch of text before the number.

A figure with an indicator name of its own in a sentence that opens with one of the city's counties
(「其中：东兴市共受理838件，办结777件；上思县共受理733件…」) is that county's too (`subject`).
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from ..langdata import load_yaml
from . import places as gazetteer
from .codebook import Indicator
from .context import Section
from .matcher import Matcher
from .name_patterns import list_joiners
from .names import Match
from .numerals import NumberMention
from .places import Place
from .programme_rules import counts_bodies
from .text_index import TextIndex


@cache
def _lexicon() -> dict:
    return load_yaml("places.yaml")


@cache
def _list_tail() -> re.Pattern:
    """What may close a list of counties before the words that follow it: 「等3个县区」「等三个」."""
    return re.compile(
        rf"""
        (?: {"|".join(map(re.escape, _lexicon()["list_tail_words"]))} )   # 等
        (?: [0-9]+ | [一二两三四五六七八九十]+ ) 个?                          # how many: 3个, 三个
        """,
        re.VERBOSE,
    )


@cache
def _enumerator() -> re.Pattern:
    """The number of an item of a list, opening it: 「（一）」「(2)」「3.」「4、」「①」."""
    return re.compile(
        r"""
        [（(]? [一二三四五六七八九十0-9]{1,3} [）)]   # （一）, (2), or 一） once a bracket is stripped
        | [0-9]{1,2} [.．、]                          # 3. 4、
        | [①-⑳]                                      # ①
        """,
        re.VERBOSE,
    )


def has_counties(code: str) -> bool:
    place = gazetteer.by_code().get(code)
    return place is not None and place.level in ("province", "city")


class PlaceBreakdown:
    """Reads the numbers of one report in order (`note` each mapped one, `match` each unmapped one)."""

    def __init__(self, index: TextIndex, matcher: Matcher, numbers: list[NumberMention]):
        self.ix, self.matcher, self.numbers = index, matcher, numbers
        self.mapped: list[tuple[int, Indicator]] = []  # (start, indicator) of the numbers mapped so far
        lx = _lexicon()
        self.strip = matcher.rules["quote_chars"] + lx["place_figure_joiners"]
        self.back, self.name_chars = lx["breakdown_max_figures"], lx["breakdown_name_max_chars"]
        self.line_ends = lx["list_line_ends"]
        self.name_ends = tuple(lx["name_suffixes"])  # every name the gazetteer finds ends with one
        self.lead_words = tuple(lx["subject_lead_words"])
        self.frames, self.frame_max = lx["subject_frames"], lx["subject_frame_max_chars"]
        self.commas, self.colons = lx["period_opening_ends"], matcher.rules["label_marks"]["colons"]
        self.each_words, self.joiners = tuple(lx["shared_by_list_words"]), "".join(list_joiners())
        self.shared_not = tuple(lx["shared_not_words"])
        self.rank_words = tuple(matcher.rules["rank_words"])
        self.figure_verbs = tuple(sorted(lx["place_figure_verbs"], key=len, reverse=True))
        self.counties_together = frozenset(f"venue:{w}" for w in lx["counties_together_words"])

    def names_counties(self, scope: str) -> bool:
        """Is scope the venue of the city's counties together (「各区县」)? Not of one county's own figure."""
        return scope in self.counties_together

    def note(self, n: NumberMention, ind: Indicator) -> None:
        self.mapped.append((n.start, ind))

    def _place_before(self, outer: gazetteer.Place, start: int, end: int) -> tuple[Place | None, int]:
        """A county of outer named right before end (「其中赤坎区」「、霞山区：」; past a verb linking it to
        its figure, 「大足区为」, and a rank word, 「荣昌区最少（」); where its name starts."""
        segment = self.ix.text[start:end].rstrip(self.strip)
        segment = next((segment[: -len(w)] for w in self.figure_verbs if segment.endswith(w)), segment)
        segment = next((segment[: -len(w)] for w in self.rank_words if segment.endswith(w)), segment)
        found, at = None, start
        if not segment.endswith(self.name_ends):  # Performance: the usual case, decided without a search
            return found, at
        for p_start, p_end, candidates in gazetteer.find_places(segment):
            if p_end == len(segment):
                found = next((p for p in candidates if gazetteer.contains(outer, p)), None)
                at = start + p_start
        return found, at

    def _listed(self, start: int, place_start: int) -> bool:
        """Does the county at place_start end a list of places (「綦江区、荣昌区」)?"""
        head = self.ix.text[start:place_start]
        if not head.endswith(tuple(self.joiners)):
            return False  # Performance: the usual county stands alone
        head = head.rstrip(self.joiners)
        return any(p_end == len(head) for _, p_end, _ in gazetteer.find_places(head))

    def _respective_place(self, outer: gazetteer.Place, k: int) -> tuple[gazetteer.Place | None, int]:
        """「其中城关区、达孜区分别为32739条、36773条」: the k-th number after 分别 is the k-th county listed
        before it, when the clause lists only counties of outer and as many numbers."""
        n = self.numbers[k]
        c_start, c_end = self.ix.clause(n.start)
        r = self.ix.respectively.find(c_start, n.start)
        if r < 0:
            return None, c_start
        listed = list(gazetteer.find_places(self.ix.text[c_start:r]))
        counties = [next((p for p in found if gazetteer.contains(outer, p)), None) for _, _, found in listed]
        first = bisect.bisect_right(self.matcher.starts, r)
        stop = bisect.bisect_left(self.matcher.starts, c_end)
        if not counties or None in counties or stop - first != len(counties) or not first <= k < stop:
            return None, c_start
        return counties[k - first], c_start + listed[0][0]

    def _named_after_respectively(self, n: NumberMention) -> Indicator | None:
        """The indicator named between 分别 and the first number of its list that fits n, or None."""
        r = self.ix.respectively.find(self.ix.clause(n.start)[0], n.start)
        first = self.numbers[bisect.bisect_right(self.matcher.starts, r)]
        for t in reversed(self.ix.names_within(r, first.start)):
            if (ind := self.matcher._named(t, n)) is not None:
                return ind
        return None

    def _floor(self, s_start: int) -> int:
        """How far back the figure broken down may stand (see the module docstring)."""
        floor = s_start
        for step in range(2):  # the sentence before; past a line without figures (「其中：」), the one before
            if not floor or not (floor > self.ix.paragraph(floor)[0] or self._line_goes_on(floor)):
                break
            if step and self.mapped and self.mapped[-1][0] >= floor:
                break
            floor = self.ix.sentence(self._before_blanks(floor))[0]
        return floor

    def _breaks_down(self, n: NumberMention, floor: int) -> Indicator | None:
        """The indicator of the figure n breaks down: the nearest mapped since floor that fits."""
        for start, ind in reversed(self.mapped[-self.back :]):
            if start < floor:
                break
            if (fit := self.matcher._fits([ind], n)) is not None:
                return fit
        return None

    def _before_blanks(self, pos: int) -> int:
        """The last position before pos that is not a line break or a space (0 at the start)."""
        pos -= 1
        while pos > 0 and self.ix.text[pos] in " \u3000\r\n":
            pos -= 1
        return max(pos, 0)

    def _line_goes_on(self, pos: int) -> bool:
        """Does the text before pos end a line that goes on (「其中：」, 「达孜区32739条；」)?"""
        return self.ix.text[self._before_blanks(pos)] in self.line_ends

    def _named_before(self, n: NumberMention, floor: int, place_start: int) -> Indicator | None:
        lo = max(floor, place_start - self.name_chars)
        for t in reversed(self.ix.names_within(lo, place_start)):
            if (ind := self.matcher._named(t, n)) is not None:
                return ind
        return None

    def _after_period(self, start: int) -> int:
        """Past a period phrase opening the sentence at start and its comma (「3月，荣昌区收到评价…」
        「今年以来，」): where the sentence's subject may open."""
        text = self.ix.text
        while start < len(text) and text[start] in self.strip:
            start += 1
        end = self.ix.period_phrase_end(start)
        return end + 1 if end >= 0 and text[end : end + 1] in self.commas else start

    def subject(self, section: Section, k: int, evidence_start: int) -> Section:
        """The section of a mapped number k whose sentence (up to 「；」), or the bracket it stands in, opens,
        maybe after its period, with one of the section's counties and names no other place before k
        (「其中：东兴市共受理838件，办结777件；」「（綦江区办件量5678件）」), or whose bracket follows one
        (「綦江区（办件量5678件，办结率99.9%）」): that county's; failing that, the county opening the clause
        of its name (evidence_start); else section unchanged. A sentence opening with the city itself, or
        with 全市, keeps the city's."""
        n, outer = self.numbers[k], gazetteer.by_code()[section.code]
        s_start = self.ix.sentence(n.start)[0]
        found, bracket = None, self._open_bracket(s_start, n.start)
        if bracket >= 0:  # the county the bracket follows, or the one it opens with
            found = self._place_before(outer, s_start, bracket)[0]
            found = found or self._opening(outer, bracket + 1, n.start)
        found = found or self._opening(outer, s_start, n.start)
        # 「全市…，綦江区…98.5%」「…，璧山区…较低，仅为80.5%」
        c_start = self.ix.clause(min(n.start, evidence_start))[0]
        if found is None and c_start > s_start:
            found = self._opening(outer, c_start, n.start)
        if found is None:  # after a label's colon: 「各区县情况：綦江区…」
            label = max(self.ix.text.rfind(c, s_start, n.start) for c in self.colons)
            found = self._opening(outer, label + 1, n.start) if label >= 0 else None
        return section if found is None else Section(section.start, section.end, found.name, found.code)

    def shared(self, section: Section, k: int) -> tuple[Section, ...]:
        """The sections of a mapped number k whose sentence opens, maybe after its period, with a list of two
        or more of the section's counties and says each of them has it, with no other number between
        (「綦江区、荣昌区主动评价率均为100%」), or gives them one rate (「…主动评价率达到100%」): one per
        county; else ()."""
        n, outer = self.numbers[k], gazetteer.by_code()[section.code]
        head = self._head(self.ix.sentence(n.start)[0], n.start)  # (「从主动评价率看，綦江区、荣昌区…」)
        if n.unit != "%" and not any(w in head for w in self.each_words):  # Performance: the usual says no 均
            return ()
        counties, pos = [], 0
        for p_start, p_end, candidates in gazetteer.find_places(head):
            county = next((p for p in candidates if gazetteer.contains(outer, p)), None)
            if p_start != pos or county is None:
                break
            counties.append(county)
            pos = p_end
            while pos < len(head) and head[pos] in self.joiners:
                pos += 1
        rest = head[pos:]
        if tail := _list_tail().match(rest):  # 「…坡头区等3个县区」: how many the list names
            rest = rest[tail.end() :]
        if len(counties) < 2 or any(c.isdigit() for c in rest) or any(w in rest for w in self.shared_not):
            return ()  # (their figure together: 「两区平均…」)
        if n.unit != "%" and not any(w in rest for w in self.each_words):
            return ()  # (a 均 in a county's name: 都江堰市)
        return tuple(Section(section.start, section.end, c.name, c.code) for c in counties)

    def _head(self, start: int, end: int) -> str:
        """text[start:end] past what may come before the places it opens with: a period, a list's number
        (「（一）通川区：…」), a lead word and a frame (「从主动评价率看，…」)."""
        head = self.ix.text[self._after_period(start) : end].lstrip(self.strip)
        if item := _enumerator().match(head):
            head = head[item.end() :].lstrip(self.strip)
        for word in self.lead_words:
            if head.startswith(word):
                head = head[len(word) :].lstrip(self.strip)
                break
        for opening, closing in self.frames:
            if head.startswith(opening) and (at := head.find(closing, 0, self.frame_max)) >= 0:
                return head[at + len(closing) :].lstrip(self.strip)
        return head

    def _opening(self, outer: gazetteer.Place, start: int, end: int) -> Place | None:
        """The county of outer that text[start:end] opens with, past a period and lead words, when it names
        no other place."""
        head, found = self._head(start, end), None
        for p_start, _, candidates in gazetteer.find_places(head):
            if found is not None or p_start:  # a second place, or the first not at the start: not clear
                return None
            found = next((p for p in candidates if gazetteer.contains(outer, p)), None)
            if found is None:  # the city itself, or another city's unit
                return None
        return found

    def _open_bracket(self, start: int, pos: int) -> int:
        """Where the bracket pos stands in opens, after start; -1 when pos is in none."""
        text, marks = self.ix.text, self.matcher.rules["label_marks"]
        opening = max(text.rfind(b, start, pos) for b in marks["opening"])
        closed = opening < 0 or any(text.find(b, opening, pos) >= 0 for b in marks["closing"])
        return -1 if closed else opening

    def item(self, section: Section, found: Match) -> Section:
        """The section of a figure of one item of a list sharing a name (「坡头区、遂溪县主动评价率分别为
        85.2%、80.1%」): the county the item names, when it is one of the section's; else section as it is."""
        outer = gazetteer.by_code()[section.code]
        _, candidates = gazetteer.named_opening(self.ix.text, found.evidence_start, found.item_end)
        county = next((p for p in candidates if gazetteer.contains(outer, p)), None)
        return section if county is None else Section(section.start, section.end, county.name, county.code)

    def match(self, found: Match, section: Section, k: int) -> tuple[Match, Section]:
        """An unmapped number k after a county of the section's city: (its match, its county's section);
        else (found, section) unchanged."""
        n = self.numbers[k]
        if counts_bodies(self.ix.text, n):  # 「郎溪县8个重点乡镇…设立“跨省通办”窗口」: its towns, no figure
            return found, section
        c_start = self.ix.clause(n.start)[0]
        if c_start and self.ix.text[c_start - 1] in self.strip:  # 「赤坎区：1200条」「赤坎区（1200条）」
            c_start = self.ix.clause(c_start - 1)[0]
        start = max(c_start, self.numbers[k - 1].end if k else 0)
        outer = gazetteer.by_code()[section.code]
        place, place_start = self._place_before(outer, start, n.start)
        respective = place is None and bool(self.ix.respectively.starts)
        if respective:
            place, place_start = self._respective_place(outer, k)
        if place is None:
            return found, section
        if not respective and self._listed(start, place_start) and not self.shared(section, k):
            return found, section  # a list's figure together: 「其中綦江区、荣昌区共2.1万条」
        s_start = self.ix.sentence(n.start)[0]
        floor = self._floor(s_start)
        # a figure or a name in the number's own sentence, before one in the sentence before (「…评价8900条。
        # 各区县自助终端办件量：荣昌区123件」: 办件量)
        for lo in dict.fromkeys((s_start, floor)):
            ind, reason = self._breaks_down(n, lo), "a breakdown by place: the indicator of the figure before"
            if ind is None:
                ind = self._named_before(n, lo, place_start)
                reason = "a breakdown by place: the indicator named before the list"
            if ind is not None:
                break
        if ind is None and respective:  # 「綦江区、荣昌区分别收到评价2345条、3456条」
            ind, reason = self._named_after_respectively(n), "respectively, the places listed"
        if ind is None:
            return found, section
        self.matcher.last = (n.start, ind)
        return Match(ind, reason, n.start, n.end), Section(section.start, section.end, place.name, place.code)
