"""One text, indexed once: clause, sentence and line boundaries, masked titles, names and marker words.

Performance code: every question the matcher asks for a number (which clause, is this inside a title,
which name ends here, is there a marker word between two positions) is answered by bisection over
positions found once per text, so a report costs the same per number however long it is.
"""

from __future__ import annotations

import bisect
import re
import sys
from functools import cache, cached_property
from itertools import accumulate
from operator import itemgetter

import numpy as np

from ..langdata import load_yaml
from .name_patterns import Trigger, compiled_names, rules, strip_quotes
from .periods import phrases


@cache
def words_pattern(words: tuple[str, ...]) -> re.Pattern:
    """Any of the words, shortest first (see WordSpans)."""
    return re.compile("|".join(map(re.escape, sorted(set(words), key=len))))


@cache
def _marker_pattern(key: str) -> re.Pattern:
    """The words of one marker list of extraction.yaml (or the one word), for WordSpans."""
    words = rules()[key]
    return words_pattern((words,) if isinstance(words, str) else tuple(words))


@cache
def _nameless_rule_words() -> re.Pattern:
    """Any of the words by which a rule maps a number with no indicator name in its sentence: 已办 after a
    count received (「收件120件，已办118件」), a rate named only as a cut (「由25天压缩至17天，提速率32%」),
    a rank after a ranked figure (「…最高，为98.1%；万源市最低，为85.3%」)."""
    r = rules()
    words = (*r["done_after_accepted"]["words"], *r["cut_rate"]["words"], *r["rank_words"])
    return re.compile("|".join(map(re.escape, words)))


@cache
def _whole_sentence_ends() -> str:
    return load_yaml("scope.yaml")["breakdown_sentence_ends"]


@cache
def _title_patterns() -> tuple[re.Pattern, ...]:
    """The document titles to mask, compiled once for all texts."""
    r, titles = rules(), []
    for pair in r["title_brackets"]:
        o, c = re.escape(pair[0]), re.escape(pair[1])
        inside = f"[^{o}{c}{re.escape(r['title_stops'])}]{{0,{r['title_max_chars']}}}"
        titles.append(re.compile(f"{o}{inside}{c}"))
    return tuple(titles)


@cache
def _delimiter_table(sets: tuple[str, ...]) -> tuple[np.ndarray, tuple[np.ndarray, ...]]:
    """For every code point, a bit per set of delimiter characters it belongs to; and per set, which of
    the 256 combinations of bits hold its bit."""
    table = np.zeros(sys.maxunicode + 1, dtype=np.uint8)
    for bit, chars in enumerate(sets):
        table[[ord(ch) for ch in chars]] |= 1 << bit
    combinations = np.arange(256)
    return table, tuple((combinations & (1 << bit)) != 0 for bit in range(len(sets)))


def delimiter_positions(text: str, *sets: str) -> tuple[list[int], ...]:
    """For each set of characters (at most 8), the positions in text of its characters, in order.
    Performance: one table lookup per character in numpy, where a regex scan makes a match object per
    delimiter (a report has one every dozen characters); then one lookup per delimiter and set."""
    table, in_set = _delimiter_table(sets)
    kinds = table[np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)]
    at = kinds.nonzero()[0]  # every delimiter, then each set's among them
    kinds = kinds[at]
    return tuple(at[member[kinds]].tolist() for member in in_set)


class WordSpans:
    """Every occurrence of some words in one text, overlapping ones included, found once.

    `inside(a, b)` answers `any(w in text[a:b] for w in words)` and `find(a, b)` answers
    `text.find(word, a, b)` by bisection, without reading the text again: a question asked for every
    number costs the same however far the number stands from the start of its clause or sentence.
    """

    def __init__(self, text: str, pattern: re.Pattern):
        """pattern: from words_pattern (compiled once for all texts)."""
        spans = []  # at each position, only the shortest word starting there matters: it ends first
        m = pattern.search(text)
        if m is None:  # Performance: most texts hold few of the words, many none
            self.starts, self.ends, self.min_end, self.sorted_ends, self.max_start = [], [], [], [], []
            return
        while m:
            spans.append((m.start(), m.end()))
            m = pattern.search(text, m.start() + 1)
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]
        # min_end[i]: the smallest end of the occurrences from the i-th on (a suffix minimum)
        self.min_end = list(accumulate(reversed(self.ends), min))[::-1]
        by_end = sorted(spans, key=itemgetter(1))
        self.sorted_ends = [end for _, end in by_end]
        # max_start[i]: the largest start of the occurrences that end no later than the i-th end
        self.max_start = list(accumulate(map(itemgetter(0), by_end), max))

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


# Performance: the longest span MarkerWords reads with a regex search rather than from WordSpans
_SHORT_SPAN = 200


class MarkerWords:
    """Some marker words in one text, asked about spans as WordSpans is. Performance: a short span (a clause,
    a sentence) is read by one regex search, so a report whose numbers ask few questions never looks for the
    words in all of its text; a long span is answered from the occurrences found once (WordSpans), so that
    a text of endless clauses stays linear."""

    def __init__(self, text: str, pattern: re.Pattern):
        self.text, self.pattern = text, pattern

    @cached_property
    def spans(self) -> WordSpans:
        return WordSpans(self.text, self.pattern)

    def inside(self, start: int, end: int) -> bool:
        if end - start <= _SHORT_SPAN:
            return self.pattern.search(self.text, max(start, 0), end) is not None
        return self.spans.inside(start, end)

    def find(self, start: int, end: int) -> int:
        if end - start <= _SHORT_SPAN:
            m = self.pattern.search(self.text, max(start, 0), end)
            return m.start() if m else -1
        return self.spans.find(start, end)

    def last_start(self, end: int) -> int:
        return self.spans.last_start(end)


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


# Performance: linking characters before a number that the regex may read (at most 2**12 readings);
# a longer run is walked by TextIndex._walk_links, linear.
_SHORT_RUN = 12


def _found_on_first_question(key: str) -> cached_property:
    """A TextIndex attribute: the MarkerWords of one marker list of extraction.yaml."""
    return cached_property(lambda index: MarkerWords(index.text, _marker_pattern(key)))


class TextIndex:
    """Boundaries, masked titles and indicator names of one text, computed once."""

    def __init__(self, text: str):
        self.rules = rules()
        self.text = text
        r = self.rules
        # whole sentences: a 「；」 does not end one (see gwfw/extract/breakdown.py)
        self.clause_ends, self.sentence_ends, self.line_ends, self.whole_sentence_ends = delimiter_positions(
            text, r["clause_delimiters"], r["sentence_delimiters"], "\n", _whole_sentence_ends()
        )
        # spans inside 《…》: document titles, not statements
        titles = _title_patterns()
        self.masked = sorted((m.start(), m.end()) for title in titles for m in title.finditer(text))
        self.masked_starts = [start for start, _ in self.masked]
        self.lexicon = compiled_names()
        self.reversed = text[::-1]
        self.topics = [
            Trigger(m.start(), m.end(), strip_quotes(m.group()))
            for m in self.lexicon.topic.finditer(text)
            if not self.is_masked(m.start())
        ]
        self.topic_starts = [t.start for t in self.topics]
        self.topic_forms: dict[str, Names] = {}  # quote-free programme name -> where it stands
        for t in self.topics:
            self.topic_forms.setdefault(t.surface, Names()).add(t)
        self.respectively = WordSpans(text, _marker_pattern("respectively"))  # asked about every number
        self._named_clause: tuple[tuple[int, int], bool] = ((-1, -1), False)  # see may_hold_name
        self._named_sentence: tuple[tuple[int, int], bool] = ((-1, -1), False)  # see sentence_may_map

    # Performance: the marker words asked only about some numbers (mapped ones, after a programme name, a
    # stock) are found on the first question, so a report that never asks reads its text for them not at all.
    breakdown_markers = _found_on_first_question("breakdown_markers")
    target_markers = _found_on_first_question("target_markers")
    clause_target_markers = _found_on_first_question("clause_target_markers")
    programme_verbs = _found_on_first_question("programme_verbs")
    programme_stops = _found_on_first_question("programme_stops")
    programme_clause_stops = _found_on_first_question("programme_clause_stops")
    increment_markers = _found_on_first_question("increment_markers")
    collection_verbs = _found_on_first_question("collection_verbs")

    strip_quotes = staticmethod(strip_quotes)

    @cached_property
    def period_phrases(self) -> list[tuple[int, int, tuple]]:
        """periods.phrases of the text: read once for the reference period and for the figures' periods."""
        return phrases(self.text)

    def period_phrase_end(self, start: int) -> int:
        """Where the period phrase starting exactly at start ends, or -1 when none starts there."""
        phrases = self.period_phrases
        i = bisect.bisect_left(phrases, (start,))
        return phrases[i][1] if i < len(phrases) and phrases[i][0] == start else -1

    def has_topics(self, start: int, end: int) -> bool:
        """Does a programme name start inside [start, end)?"""
        i = bisect.bisect_left(self.topic_starts, start)
        return i < len(self.topic_starts) and self.topic_starts[i] < end

    def may_hold_name(self, start: int, end: int) -> bool:
        """Could an indicator name stand in the clauses [start, end)? No, when none of the words every name
        holds (CompiledNames.anchors) is in them, and they do not open right after a bracketed note
        (「全程网办(Ⅳ级以上)比率」: a name that began in the clause before). Performance: most numbers'
        clauses hold no name, and the rules that read names are then not asked."""
        if (start, end) != self._named_clause[0]:  # Performance: a clause's numbers ask in a row
            self._named_clause = (
                (start, end),
                (start > 0 and self.text[start - 1] in self.lexicon.composer.note_closes)
                or self.lexicon.anchors.search(self.text, start, end) is not None,  # none spans a delimiter
            )
        return self._named_clause[1]

    def sentence_may_map(self, bounds: tuple[int, int]) -> bool:
        """Could any rule map a number of this sentence? Every rule reads an indicator name, a programme or
        one of _nameless_rule_words in the number's sentence. Performance: most numbers stand in a sentence
        with none of them, and are then unmapped at once."""
        if bounds != self._named_sentence[0]:
            start, end = bounds
            self._named_sentence = (
                bounds,
                self.lexicon.anchors.search(self.text, start, end) is not None
                or self.has_topics(start, end)
                or _nameless_rule_words().search(self.text, start, end) is not None,
            )
        return self._named_sentence[1]

    def longest_name(
        self, listed: re.Match | None, composed: re.Match | None, backward: bool = False
    ) -> str | None:
        """The longer of a listed and a composed name found at one place; a listed one on a tie, or when
        the composed one names nothing (so a decoy still hides the shorter name inside it)."""
        if (
            composed
            and (not listed or len(composed.group()) > len(listed.group()))
            and self.lexicon.lookup(strip_quotes(composed.group()[::-1] if backward else composed.group()))
        ):
            return composed.group()
        return listed.group() if listed else composed.group() if composed else None

    def name_ending_at(self, pos: int, floor: int) -> Trigger | None:
        """The longest indicator name that ends exactly at pos and starts at or after floor."""
        start = len(self.text) - pos
        found = self.longest_name(
            self.lexicon.listed_before.match(self.reversed, start),
            self.lexicon.composer.backward.match(self.reversed, start),
            backward=True,
        )
        if not found or self.is_masked(pos - 1):
            return None
        if pos - len(found) < floor and not self._note_ends_at(pos - len(found), pos, floor):
            return None
        return Trigger(pos - len(found), pos, strip_quotes(found[::-1]))

    def _note_ends_at(self, start: int, end: int, floor: int) -> bool:
        """Is text[start:end] a composed name whose bracketed note ends right before floor
        (「全程网办(Ⅳ级以上)比率」: the brackets end a clause, the name goes on)?"""
        m = self.lexicon.composer.forward.fullmatch(self.text, start, end)
        return bool(m and floor in (m.end("note"), m.end("note2")))

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
        if not self.lexicon.name_after.match(self.text, pos):  # the usual case: no name of either kind
            return None
        found = self.longest_name(
            self.lexicon.listed_after.match(self.text, pos),
            self.lexicon.composer.forward.match(self.text, pos),
        )
        return (
            Trigger(pos, pos + len(found), strip_quotes(found)) if found and not self.is_masked(pos) else None
        )

    def listed_name_starting_at(self, pos: int) -> Trigger | None:
        """The codebook's whole name starting at pos, even where a longer composed name holds it
        (「依申请政务服务事项」 inside 「依申请政务服务事项网上可办率」)."""
        m = self.lexicon.listed_after.match(self.text, pos)
        return Trigger(pos, m.end(), strip_quotes(m.group())) if m and not self.is_masked(pos) else None

    def names_within(self, start: int, end: int) -> list[Trigger]:
        """Indicator names inside a span, leftmost-longest."""
        out, pos = [], start
        while (m := self.lexicon.name_after.search(self.text, pos, end)) is not None:
            t = self.name_starting_at(m.start())
            if t is None or t.end > end:
                t = Trigger(m.start(), m.end(), strip_quotes(m.group()))
            out.append(t)
            pos = max(t.end, m.start() + 1)
        return out

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
