"""Which codebook indicator, if any, a number in a report measures.

An indicator name binds a number when it stands right before it, joined only by linking words
(「办结率达100%」「大厅共有窗口134个」), or right after a count (「1338项依申请类政务服务事项」).
Programme names (topic forms such as 一件事一次办, 跨省通办) reach across their sentence, once per
indicator, but not into a breakdown (「其中…」). The number's unit must fit the indicator's unit, and
the sentence must carry the indicator's required context words and none of its excluded ones.
Every decision is explained in `Match.reason`, so unmapped numbers say why.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import NamedTuple

from ..langdata import load_yaml
from .codebook import Indicator, load_codebook
from .numerals import NumberMention

_SPEC = (
    ("unit_accepts", dict),
    ("link_words", list),
    ("link_max_chars", int),
    ("quote_chars", str),
    ("clause_delimiters", str),
    ("sentence_delimiters", str),
    ("title_brackets", list),
    ("respectively", str),
    ("list_separator", str),
    ("formula_joiners", str),
    ("breakdown_markers", list),
    ("rate_after_links", list),
    ("generic_heads", list),
    ("date_units", list),
    ("section_heading", str),
    ("section_heading_chars", int),
    ("signature_max_chars", int),
    ("as_of_publication_kinds", list),
    ("decoy_names", list),
    ("target_markers", list),
    ("increment_markers", list),
    ("generic_indicators", list),
    ("programme_verbs", list),
)


class Trigger(NamedTuple):
    start: int
    end: int
    surface: str


class Match(NamedTuple):
    indicator: Indicator | None
    reason: str  # how the indicator was found, or why none was
    evidence_start: int
    evidence_end: int


@cache
def rules() -> dict:
    return load_yaml("extraction.yaml", _SPEC)


def _surface_regex(surface: str, quotes: str) -> str:
    """Quotes in a surface form are optional and interchangeable: “全程网办”事项 = 全程网办事项."""
    q = f"[{re.escape(quotes)}]?"
    return "".join(q if ch in quotes else re.escape(ch) for ch in surface)


@cache
def _no_quotes() -> dict[int, None]:
    return str.maketrans("", "", rules()["quote_chars"])


def _strip_quotes(s: str) -> str:
    return s.translate(_no_quotes())


@dataclass(frozen=True)
class _Lexicon:
    names: dict[str, list[Indicator]]  # quote-free surface form -> indicators named by it
    topics: dict[str, list[Indicator]]  # quote-free programme name -> indicators it governs
    afters: dict[str, list[Indicator]]  # quote-free phrase after a rate -> indicators it names
    name_before: re.Pattern  # on reversed text: the longest name ending at a position
    linked_name_before: (
        re.Pattern
    )  # on reversed text: linking words, then a name (「办结率达」 read backwards)
    link_run: re.Pattern  # on reversed text: the characters that linking words, quotes and spaces are made of
    links_before: dict[str, list[str]]  # on reversed text: first character -> linking words, longest first
    name_after: re.Pattern  # the longest name starting at a position
    topic: re.Pattern
    rate_after: re.Pattern  # linking words, then a phrase that follows a rate (「的事项已实现全程网办」)


def _alternation(forms, quotes: str, reverse: bool = False) -> re.Pattern:
    ordered = sorted(set(forms), key=lambda f: (-len(_strip_quotes(f)), f))
    return re.compile("|".join(_surface_regex(f[::-1] if reverse else f, quotes) for f in ordered))


def _names_before(
    surfaces, link_words, quotes: str
) -> tuple[re.Pattern, re.Pattern, re.Pattern, dict[str, list[str]]]:
    """The _Lexicon fields that read names and linking words backwards (see TextIndex.linked_name_gap)."""
    before = _alternation(surfaces, quotes, reverse=True)
    link_words = sorted(link_words, key=len, reverse=True)
    linked = "|".join(re.escape(w[::-1]) for w in link_words)
    linked = re.compile(rf"(?:{linked}|[{re.escape(quotes)}]|\s)*?(?P<name>{before.pattern})")
    link_run = re.compile(rf"[{re.escape(''.join(link_words) + quotes)}\s]*")
    links: dict[str, list[str]] = {}
    for w in link_words:
        links.setdefault(w[-1], []).append(w[::-1])
    return before, linked, link_run, links


@cache
def _lexicon() -> _Lexicon:
    quotes = rules()["quote_chars"]
    names: dict[str, list[Indicator]] = {}
    topics: dict[str, list[Indicator]] = {}
    afters: dict[str, list[Indicator]] = {}
    for ind in load_codebook():
        for form in ind.surface_forms:
            names.setdefault(_strip_quotes(form), []).append(ind)
        for form in ind.topic_forms:
            topics.setdefault(_strip_quotes(form), []).append(ind)
        for form in ind.after_forms:
            afters.setdefault(_strip_quotes(form), []).append(ind)
    for decoy in rules()["decoy_names"]:  # matched like a name, so it hides the shorter name inside it
        names[_strip_quotes(decoy)] = []
    surfaces = [f for ind in load_codebook() for f in ind.surface_forms] + rules()["decoy_names"]
    after_links = "|".join(re.escape(w) for w in sorted(rules()["rate_after_links"], key=len, reverse=True))
    after_phrases = _alternation([f for ind in load_codebook() for f in ind.after_forms], quotes)
    rate_after = re.compile(rf"(?:{after_links}|[{re.escape(quotes)}]|\s)*?(?P<name>{after_phrases.pattern})")
    return _Lexicon(
        names,
        topics,
        afters,
        *_names_before(surfaces, rules()["link_words"], quotes),
        _alternation(surfaces, quotes),
        _alternation([f for ind in load_codebook() for f in ind.topic_forms], quotes),
        rate_after,
    )


@cache
def _link_pattern() -> re.Pattern:
    r = rules()
    words = "|".join(re.escape(w) for w in sorted(r["link_words"], key=len, reverse=True))
    return re.compile(rf"(?:{words}|[{re.escape(r['quote_chars'])}]|\s)*")


@cache
def _accepts() -> dict[str, frozenset[str]]:
    return {unit: frozenset(units) for unit, units in rules()["unit_accepts"].items()}


@cache
def _all_accepted() -> frozenset[str]:
    return frozenset().union(*_accepts().values(), (ind.unit for ind in load_codebook()))


def unit_fits(ind: Indicator, unit: str) -> bool:
    return unit in _accepts().get(ind.unit, frozenset({ind.unit}))


@cache
def _shortest_first(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, words)))


class WordSpans:
    """Every occurrence of some words in one text, overlapping ones included, found once.

    `inside(a, b)` answers `any(w in text[a:b] for w in words)` and `find(a, b)` answers
    `text.find(word, a, b)` by bisection, without reading the text again: a question asked for every
    number costs the same however far the number stands from the start of its clause or sentence.
    """

    def __init__(self, text: str, words: Iterable[str]):
        spans = []  # at each position, only the shortest word starting there matters: it ends first
        pattern = _shortest_first(tuple(sorted(set(words), key=len)))
        m = pattern.search(text)
        while m:
            spans.append((m.start(), m.end()))
            m = pattern.search(text, m.start() + 1)
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]
        # min_end[i]: the smallest end of the occurrences from the i-th on (a suffix minimum)
        self.min_end = list(accumulate(reversed(self.ends), min))[::-1]
        by_end = sorted(spans, key=lambda span: span[1])
        self.sorted_ends = [end for _, end in by_end]
        # max_start[i]: the largest start of the occurrences that end no later than the i-th end
        self.max_start = list(accumulate((start for start, _ in by_end), max))

    def inside(self, start: int, end: int) -> bool:
        """Does one of the words lie wholly within [start, end)?"""
        i = bisect.bisect_left(self.starts, start)
        return i < len(self.min_end) and self.min_end[i] <= end

    def last_start(self, end: int) -> int:
        """The largest start of an occurrence that ends at or before end, or -1: one lies wholly
        within [a, end) exactly when a <= last_start(end)."""
        i = bisect.bisect_right(self.sorted_ends, end)
        return self.max_start[i - 1] if i else -1

    def find(self, start: int, end: int) -> int:
        """The start of the leftmost occurrence wholly within [start, end), or -1 (str.find)."""
        i = bisect.bisect_left(self.starts, start)
        if i == len(self.min_end) or self.min_end[i] > end:
            return -1
        while self.ends[i] > end:  # only for words of different lengths; one word ends in order
            i += 1
        return self.starts[i]


class Names:
    """The programme names of one form in a text, in order (they never overlap)."""

    def __init__(self):
        self.triggers: list[Trigger] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, t: Trigger) -> None:
        self.triggers.append(t)
        self.starts.append(t.start)
        self.ends.append(t.end)


_SHORT_RUN = 12  # linking characters before a number that the regex may read: at most 2**12 readings


class TextIndex:
    """Boundaries, masked titles and indicator names of one text, computed once."""

    def __init__(self, text: str):
        self.rules = r = rules()
        self.text = text
        self.clause_ends = [m.start() for m in re.finditer(f"[{re.escape(r['clause_delimiters'])}]", text)]
        self.sentence_ends = [
            m.start() for m in re.finditer(f"[{re.escape(r['sentence_delimiters'])}]", text)
        ]
        self.line_ends = [m.start() for m in re.finditer("\n", text)]
        self.masked = []  # spans inside 《…》: document titles, not statements
        for pair in r["title_brackets"]:
            o, c = re.escape(pair[0]), re.escape(pair[1])
            self.masked += [(m.start(), m.end()) for m in re.finditer(f"{o}[^{o}{c}。\n]{{0,60}}{c}", text)]
        self.masked.sort()
        self.masked_starts = [start for start, _ in self.masked]
        self.lexicon = _lexicon()
        self.reversed = text[::-1]
        self.topics = [
            Trigger(m.start(), m.end(), _strip_quotes(m.group()))
            for m in self.lexicon.topic.finditer(text)
            if not self.is_masked(m.start())
        ]
        self.topic_starts = [t.start for t in self.topics]
        self.topic_forms: dict[str, Names] = {}  # quote-free programme name -> where it stands
        for t in self.topics:
            self.topic_forms.setdefault(t.surface, Names()).add(t)
        self.programme_verbs = WordSpans(text, r["programme_verbs"])
        self.breakdown_markers = WordSpans(text, r["breakdown_markers"])
        self.target_markers = WordSpans(text, r["target_markers"])
        self.increment_markers = WordSpans(text, r["increment_markers"])
        self.respectively = WordSpans(text, [r["respectively"]])

    def has_topics(self, start: int, end: int) -> bool:
        """Does a programme name start inside [start, end)?"""
        i = bisect.bisect_left(self.topic_starts, start)
        return i < len(self.topic_starts) and self.topic_starts[i] < end

    def name_ending_at(self, pos: int, floor: int) -> Trigger | None:
        """The longest indicator name that ends exactly at pos and starts at or after floor."""
        m = self.lexicon.name_before.match(self.reversed, len(self.text) - pos)
        if not m or pos - len(m.group()) < floor or self.is_masked(pos - 1):
            return None
        return Trigger(pos - len(m.group()), pos, _strip_quotes(m.group()[::-1]))

    def linked_name_gap(self, pos: int) -> int | None:
        """Reading back from pos over linking words, quotes and spaces (「办结率达」): how far back the
        first indicator name reached ends, or None.

        The answer of the regex (?:link|quote|space)*?name on the reversed text: a name right here, else
        after a linking word (the longest first), going deeper before trying the next one. The regex
        backtracks over every way to read the linking words, exponential in a long run of words that
        reads in many ways (「仅为仅为…」). So a run longer than a few characters is walked here in the
        same order, remembering the positions that lead to no name: linear time.
        """
        rev, start = self.reversed, len(self.text) - pos
        if self.lexicon.link_run.match(rev, start).end() - start <= _SHORT_RUN:
            m = self.lexicon.linked_name_before.match(rev, start)
            return m.start("name") - start if m else None
        return self._walk_links(start)

    def _walk_links(self, start: int) -> int | None:
        """linked_name_gap for the reversed text from start, walked depth first with dead ends remembered."""
        rev = self.reversed
        if self.lexicon.name_before.match(rev, start):
            return 0
        leads = self._after_link(start)
        dead: set[int] = set()
        path = [(start, iter(leads))]  # positions being tried, each with where it leads
        while path:
            p, leads = path[-1]
            for q in leads:
                if q in dead:
                    continue
                if self.lexicon.name_before.match(rev, q):
                    return q - start
                path.append((q, iter(self._after_link(q))))
                break
            else:
                dead.add(p)
                path.pop()
        return None

    def _after_link(self, p: int) -> list[int]:
        """Where one linking word, quote or space read from p in the reversed text ends, in regex order."""
        if p >= len(self.reversed):
            return []
        ch = self.reversed[p]
        ends = [p + len(w) for w in self.lexicon.links_before.get(ch, ()) if self.reversed.startswith(w, p)]
        if ch in self.rules["quote_chars"] or ch.isspace():
            ends.append(p + 1)
        return ends

    def name_starting_at(self, pos: int) -> Trigger | None:
        m = self.lexicon.name_after.match(self.text, pos)
        return Trigger(pos, m.end(), _strip_quotes(m.group())) if m and not self.is_masked(pos) else None

    def names_within(self, start: int, end: int) -> list[Trigger]:
        """Indicator names inside a span, leftmost-longest."""
        return [
            Trigger(m.start(), m.end(), _strip_quotes(m.group()))
            for m in self.lexicon.name_after.finditer(self.text, start, end)
        ]

    def is_masked(self, pos: int) -> bool:
        i = bisect.bisect_right(self.masked_starts, pos) - 1
        return i >= 0 and pos < self.masked[i][1]

    def _bounds(self, ends: list[int], pos: int) -> tuple[int, int]:
        """The span between the delimiters around pos (pos on a delimiter ends the span there)."""
        i = bisect.bisect_left(ends, pos)
        return (ends[i - 1] + 1 if i else 0), (ends[i] if i < len(ends) else len(self.text))

    def clause(self, pos: int) -> tuple[int, int]:
        return self._bounds(self.clause_ends, pos)

    def sentence(self, pos: int) -> tuple[int, int]:
        return self._bounds(self.sentence_ends, pos)

    def paragraph(self, pos: int) -> tuple[int, int]:
        return self._bounds(self.line_ends, pos)


class Matcher:
    """Maps the numbers of one text to indicators, left to right."""

    def __init__(self, index: TextIndex, numbers: list[NumberMention]):
        self.ix = index
        self.rules = index.rules
        self.numbers = numbers
        self.starts = [m.start for m in numbers]
        # (programme form, indicator code) -> the names of that form already bound to it, as sorted indices
        self.bound: dict[tuple[str, str], list[int]] = {}
        self.fitting_counts: dict[
            str, list[int]
        ] = {}  # codebook unit -> running count of numbers that fit it
        self.lists: dict[tuple[int, int], tuple[int, int, list[tuple[int, int]]]] = {}  # see _respectively
        self.context: tuple[tuple[int, int], dict[str, bool]] = (
            (-1, -1),
            {},
        )  # a sentence; code -> in context

    def _in_context(self, ind: Indicator, pos: int) -> bool:
        """Does the sentence at pos hold a word the indicator requires and none it excludes?
        Decided once per sentence and indicator."""
        if not (ind.context_required or ind.context_excluded):
            return True
        bounds = self.ix.sentence(pos)
        if bounds != self.context[0]:
            self.context = (bounds, {})
        decided = self.context[1]
        if ind.code not in decided:
            sentence = self.ix.text[bounds[0] : bounds[1]]
            decided[ind.code] = (
                not ind.context_required or any(w in sentence for w in ind.context_required)
            ) and not any(w in sentence for w in ind.context_excluded)
        return decided[ind.code]

    def _fits(self, candidates: list[Indicator], n: NumberMention) -> Indicator | None:
        for ind in candidates:
            if unit_fits(ind, n.unit) and self._in_context(ind, n.start):
                return ind
        return None

    def _fitting_between(self, ind: Indicator, start: int, end: int) -> bool:
        """Does a number starting inside [start, end) have a unit that fits the indicator?"""
        counts = self.fitting_counts.get(ind.unit)
        if counts is None:
            counts = list(accumulate((unit_fits(ind, m.unit) for m in self.numbers), initial=0))
            self.fitting_counts[ind.unit] = counts
        return counts[bisect.bisect_left(self.starts, end)] > counts[bisect.bisect_left(self.starts, start)]

    def _named(self, t: Trigger | None, n: NumberMention) -> Indicator | None:
        return self._fits(self.ix.lexicon.names.get(t.surface, []), n) if t else None

    def _is_formula(self, n: NumberMention) -> bool:
        joiners, quotes = self.rules["formula_joiners"], self.rules["quote_chars"]
        text = self.ix.text
        before = text[max(0, n.numeral_start - 2) : n.numeral_start].strip(quotes)
        after = text[n.numeral_end : n.numeral_end + 2].strip(quotes)
        return bool(before[-1:] and before[-1] in joiners) or bool(after[:1] and after[0] in joiners)

    def _respectively(self, n: NumberMention, c_start: int, c_end: int) -> Match | None:
        """「只跑一次、一次不跑分别占比34.4%、65.6%」: the k-th number goes with the k-th listed item."""
        k = self.ix.respectively.find(c_start, n.start)
        if k < 0:
            return None
        if (c_start, k) not in self.lists:  # the list and its numbers, once per clause
            sep = self.rules["list_separator"]
            items, pos = [], c_start
            for part in self.ix.text[c_start:k].split(sep):
                items.append((pos, pos + len(part)))
                pos += len(part) + len(sep)
            self.lists[c_start, k] = (
                bisect.bisect_right(self.starts, k),
                bisect.bisect_left(self.starts, c_end),
                items,
            )
        first, stop, items = self.lists[c_start, k]  # the listed numbers are self.numbers[first:stop]
        i = bisect.bisect_left(self.starts, n.start)
        if len(items) != stop - first or not (first <= i < stop and self.numbers[i] == n):
            return None
        i_start, i_end = items[i - first]
        for t in reversed(self.ix.names_within(i_start, i_end)):
            ind = self._named(t, n)
            if ind:
                return Match(ind, "respectively", t.start, n.end)
        return Match(None, "unmapped: its item in the list names no indicator", n.start, n.end)

    def _near_before(self, n: NumberMention, c_start: int) -> Match | None:
        """The name closest before the number, joined by linking words only (「办结率达100%」)."""
        gap = self.ix.linked_name_gap(n.start)
        if gap is None:
            return None
        if gap <= self.rules["link_max_chars"]:  # the usual case: the nearest name fits
            t = self.ix.name_ending_at(n.start - gap, c_start)
            ind = self._named(t, n)
            if ind:
                return Match(ind, "name before", t.start, n.end)
        link = _link_pattern()  # rare: a nearer name does not fit; look further back
        for wider in range(gap + 1, min(self.rules["link_max_chars"], n.start - c_start) + 1):
            if wider and not link.fullmatch(self.ix.text, n.start - wider, n.start):
                continue
            t = self.ix.name_ending_at(n.start - wider, c_start)
            ind = self._named(t, n)
            if ind:
                return Match(ind, "name before", t.start, n.end)
        return None

    def _near_after(self, n: NumberMention) -> Match | None:
        """A count right before the name it counts (「1338项依申请类政务服务事项」)."""
        pos, text = n.end, self.ix.text
        while pos < len(text) and (text[pos] == " " or text[pos] in self.rules["quote_chars"]):
            pos += 1
        t = self.ix.name_starting_at(pos)
        ind = self._named(t, n)
        if ind and ind.measure != "rate":
            return Match(ind, "name after", n.start, t.end)
        m = self.ix.lexicon.rate_after.match(self.ix.text, n.end)  # 「93%可网上办理」
        if m and m.end() - n.end <= self.rules["link_max_chars"] + len(m.group("name")):
            ind = self._fits(self.ix.lexicon.afters.get(_strip_quotes(m.group("name")), []), n)
            if ind:
                return Match(ind, "rate before its subject", n.start, m.end())
        return None

    def _counts_own_noun(self, n: NumberMention) -> bool:
        nxt = self.ix.text[n.end : n.end + 1]
        return (
            bool(nxt)
            and "\u4e00" <= nxt <= "\u9fff"
            and not any(self.ix.text.startswith(h, n.end) for h in self.rules["generic_heads"])
        )

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
        if not self.ix.has_topics(s_start, c_end):
            return None
        forms = [
            (form, ind)
            for form in self.ix.topic_forms
            if (ind := self._fits(self.ix.lexicon.topics.get(form, []), n))
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
            if self.ix.breakdown_markers.inside(end, n.start) or self._fitting_between(ind, end, n.start):
                break  # so is every name further back
            if not self._is_bound(form, ind, k):
                return k, False
        beyond = bisect.bisect_right(names.ends, self.ix.breakdown_markers.last_start(n.start))
        return -1, self._free(form, ind, first, beyond) > 0

    def _free_after(self, form: str, ind: Indicator, n: NumberMention, c_end: int) -> int:
        """The index of the nearest free name of one form after n in its clause that can bind, or -1."""
        names = self.ix.topic_forms[form]
        for k in range(bisect.bisect_left(names.starts, n.end), bisect.bisect_right(names.ends, c_end)):
            start = names.starts[k]
            if self.ix.breakdown_markers.inside(n.end, start) or self._fitting_between(ind, n.end, start):
                break  # so is every name further on
            if not self._is_bound(form, ind, k):
                return k
        return -1

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
        return Match(ind, "programme in sentence", min(t.start, n.start), max(t.end, n.end))

    def match(self, n: NumberMention) -> Match:
        if n.unit in self.rules["date_units"]:
            return Match(None, "unmapped: a date or period", n.start, n.end)
        if n.unit not in _all_accepted():
            return Match(None, f"unmapped: no indicator is counted in {n.unit}", n.start, n.end)
        if self.ix.is_masked(n.start):
            return Match(None, "unmapped: inside a document title", n.start, n.end)
        if self._is_formula(n):
            return Match(None, "unmapped: part of a label or formula", n.start, n.end)
        s_start, _ = self.ix.sentence(n.start)
        c_start, c_end = self.ix.clause(n.start)
        found = self._respectively(n, c_start, c_end)
        if found and found.indicator is None:
            return found
        found = found or self._near_after(n) or self._near_before(n, c_start)
        if found and found.indicator.code in self.rules["generic_indicators"]:
            found = self._topic(n, s_start, c_start, c_end, before_only=True) or found
        found = found or self._topic(n, s_start, c_start, c_end)
        if found is None:
            return Match(None, "unmapped: no indicator name joined to it", n.start, n.end)
        if self.ix.target_markers.inside(s_start, n.start):
            return Match(None, f"unmapped: a target for {found.indicator.code}, not a result", n.start, n.end)
        if found.indicator.measure == "stock" and self.ix.increment_markers.inside(c_start, n.start):
            return Match(
                None, f"unmapped: an increase of {found.indicator.code}, not its level", n.start, n.end
            )
        return found
