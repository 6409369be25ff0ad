"""Levels stated through something else: the size of a named list, and a level after a change.

「《莲湖区行政许可事项清单(2022年版)》(共215项)」 states how many licensing items there are through the list
that holds them; 「窗口数量由164个精简至70个」 states the number of windows now (70) after the number before
(164), which is kept as a mention. The words are language data (gwfw/langdata/extraction.yaml).
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from .name_patterns import compiled_names, rules, strip_quotes
from .names import Match
from .numerals import NumberMention

_NOUN_MAX = 6  # letters between the level before a change and its verb (「个窗口」)


def rev_alt(words) -> str:
    """Any of the words, written backwards (for patterns read on the reversed text), the longer first."""
    return "|".join(re.escape(w[::-1]) for w in sorted(set(words), key=len, reverse=True))


@cache
def _list_size() -> re.Pattern:
    """On reversed text, from a count back to the name of the list it sizes."""
    r = rules()
    closing = "".join(pair[-1] for pair in r["title_brackets"])
    return re.compile(
        rf"""
        (?: {rev_alt(r["list_size_links"])} | [(（\s{re.escape(r["quote_chars"])}] )*  # 「(共」「，共计」
        [{re.escape(closing)}]?                              # the title's end: 》
        (?: [)）] [^()（）]{{1,{r["list_version_max_chars"]}}} [(（] )?  # a version: (2022年版)
        [{re.escape(closing)}]?                              # 》 after the version
        (?: {rev_alt(r["list_nouns"])} )                    # the list: 清单
        (?P<name> (?-x:{compiled_names().listed_before.pattern}) )  # what it lists: 行政许可事项
        """,
        re.VERBOSE,
    )


@cache
def _list_size_first() -> frozenset[str]:
    """The characters a _list_size match can start with, read back from a count (the last character of a
    link word, of a list noun, a bracket or a quote; or a space): Performance, any other before a count
    decides without the regex."""
    r = rules()
    closing = "".join(pair[-1] for pair in r["title_brackets"])
    lasts = (w[-1] for w in [*r["list_size_links"], *r["list_nouns"]])
    return frozenset([*lasts, *"(（)）", *closing, *r["quote_chars"]])


def _dated(reverse: bool = False) -> str:
    """A period dating a level of a change, then its joiner (「今年的」「2023年的」「2024年6月的」): maybe a
    year's digits, a few letters or a month's digits, a joiner of change_dated (extraction.yaml); backwards
    for reversed text."""
    d = rules()["change_dated"]
    joiners = rev_alt(d["joiners"]) if reverse else "|".join(map(re.escape, d["joiners"]))
    letters = rf"(?:[^\W\d]|[0-9０-９]){{1,{d['period_max_chars']}}}?"
    if reverse:
        return rf"(?:(?:{joiners}){letters}(?:[0-9０-９]{{4}})?)"
    return rf"(?:(?:[0-9０-９]{{4}})?{letters}(?:{joiners}))"


@cache
def clause_end_chars() -> frozenset[str]:
    """The characters a change stated in a clause can end with (digits, the last character of a unit):
    Performance, a clause ending in another is no change before a level (LevelRules._after_change_clause)."""
    r = rules()
    units = [*r["change_clause"]["units"], *(u for us in r["unit_accepts"].values() for u in us)]
    return frozenset([*"0123456789", *(u[-1] for u in units if u)])


@cache
def _dated_joiner_starts() -> frozenset[str]:
    return frozenset(w[0] for w in rules()["change_dated"]["joiners"])


@cache
def _change_between() -> re.Pattern:
    """What stands between the level before a change and the level after it: 「精简至」, 「个窗口压减到」,
    「提升至今年的」."""
    r = rules()
    verbs = "|".join(map(re.escape, sorted(r["change_verbs"], key=len, reverse=True)))
    to = "|".join(map(re.escape, r["change_to"]))
    return re.compile(rf"[^\W\d]{{0,{_NOUN_MAX}}}?(?:{verbs})(?:{to}){_dated()}?")


@cache
def _change_between_max() -> int:
    """The most characters _change_between can match (Performance: a longer gap is no change)."""
    r = rules()
    dated = 4 + r["change_dated"]["period_max_chars"] + max(map(len, r["change_dated"]["joiners"]))
    return _NOUN_MAX + max(map(len, r["change_verbs"])) + max(map(len, r["change_to"])) + dated


@cache
def to_ends() -> frozenset[str]:
    """The last characters of the words for "to" (至, 到) and of the joiners after a period that dates the
    level (的): what stands right before a level after a change."""
    r = rules()
    return frozenset(w[-1] for w in [*r["change_to"], *r["change_dated"]["joiners"]])


@cache
def change_to_level() -> re.Pattern:
    """On reversed text, ending at a figure: a change verb, then a word for "to" (「精简至」「增加到」), maybe
    a period (「提升至今年的」). The figure is the level after the change, not the change."""
    r = rules()
    return re.compile(rf"{_dated(True)}?(?:{rev_alt(r['change_to'])})(?:{rev_alt(r['change_verbs'])})")


@cache
def _change_from() -> re.Pattern:
    """On reversed text, from the level before a change: a few letters, then 由 (「由最初设计时的212个」), or
    a period and its joiner (「由2022年的240项」)."""
    r = rules()
    return re.compile(
        rf"(?:{_dated(True)}|[^\W\d]{{0,{r['change_from_max_chars']}}}?)(?:{rev_alt(r['change_from'])})"
    )


@cache
def _change_gap() -> re.Pattern:
    """What stands between a name and a change stated right after it: 「较上年提高」「同比增长了」
    「较2022年提升」「较上年的78.2%提高了」."""
    r = rules()
    words = [*r["change_clause"]["compare_words"], *r["change_verbs"]]
    years = "|".join(re.escape(u) for u in r["date_units"])
    return re.compile(
        rf"""
        (?: {"|".join(map(re.escape, sorted(words, key=len, reverse=True)))}  # 较上年, 提高, 了
          | [0-9０-９]{{1,4}} (?:{years}) 份?    # a year or month compared with: 2022年, 3月份
          | 的 [0-9０-９]+ (?:\.[0-9０-９]+)? %   # the level compared with: 的78.2%
        )*
        """,
        re.VERBOSE,
    )


class LevelRules:
    """Rules of the Matcher (which provides ix, rules, numbers, starts, dated, to_ends, link, _fits, _named,
    _counts_own_noun and _name_before)."""

    def _list_size(self, n: NumberMention, s_start: int) -> Match | None:
        """「…行政许可事项清单(2022年版)》(共215项」: the count of the items a named list holds."""
        before = self.ix.text[n.start - 1 : n.start] if n.start > s_start else ""
        if not before or not (before in _list_size_first() or before.isspace()):
            return None  # Performance: the usual case
        size = len(self.ix.text)
        m = _list_size().match(self.ix.reversed, size - n.start, size - s_start)
        if m is None or self._counts_own_noun(n):
            return None
        name = self.ix.strip_quotes(m["name"][::-1])
        ind = self._fits([i for i in self.ix.lexicon.names.get(name, []) if i.measure == "stock"], n)
        if ind is None:
            return None
        start = size - m.end()
        title = self._title_before(start)
        if word := next((w for w in self.rules["national_list_words"] if w in title), ""):
            why = f"unmapped: the size of a list set for the country ({word}), not {ind.code}"
            return Match(None, why, start, n.end)
        return Match(ind, "the size of a named list", start, n.end)

    def _title_before(self, pos: int) -> str:
        """The document title that holds pos (TextIndex.masked), from its opening bracket to pos; or ''."""
        ix = self.ix
        i = bisect.bisect_right(ix.masked_starts, pos) - 1
        return ix.text[ix.masked[i][0] : pos] if i >= 0 and pos < ix.masked[i][1] else ""

    def _changed(self, first: NumberMention, then: NumberMention, c_start: int) -> int | None:
        """Where 由 stands when `first` is the level before a change and `then` the level after, or None."""
        if (
            then.start - first.end > _change_between_max()
            or first.end > then.start
            or first.start < c_start
            or first.unit in self.rules["date_units"]
        ):
            return None
        if not _change_between().fullmatch(self.ix.text, first.end, then.start):
            return None
        size = len(self.ix.text)
        m = _change_from().match(self.ix.reversed, size - first.start, size - c_start)
        return size - m.end() if m else None

    def _neighbour(self, n: NumberMention, step: int, undated: bool = False) -> NumberMention | None:
        """The number step places from n; undated: the nearest that way which is no date
        (「至2023年的186项」)."""
        i = bisect.bisect_left(self.starts, n.start) + step
        while undated and 0 <= i < len(self.numbers) and self.dated[i]:
            i += 1 if step > 0 else -1
        return self.numbers[i] if 0 <= i < len(self.numbers) else None

    def _before_change(self, n: NumberMention, c_start: int) -> bool:
        """Is n the level before a change (「由164个精简至70个」's 164)? Asked only when a word for "to"
        stands right before the next number (Matcher.before_to)."""
        i = bisect.bisect_left(self.starts, n.start) + 1  # the next number
        if self.dated[i]:  # 「由2022年的240项精简至2023年的186项」: the level after the date
            if self.ix.text[self.numbers[i].end : self.numbers[i].end + 1] not in _dated_joiner_starts():
                return False  # Performance: a date that dates no level after a change
            after = self._neighbour(n, 1, undated=True)
            if after is None:
                return False
            i = bisect.bisect_left(self.starts, after.start)
        return self._changed(n, self.numbers[i], c_start) is not None

    def _after_to(self, n: NumberMention) -> bool:
        """Performance: does a word for "to" (「至」) end right before n? Asked before anything else."""
        return n.start > 0 and self.ix.text[n.start - 1] in to_ends()

    def _after_change(self, n: NumberMention, c_start: int) -> Match | None:
        """「窗口数量由164个精简至70个」: the level after a change takes the name before 由."""
        if not self._after_to(n):
            return None  # Performance: the usual case
        first = self._neighbour(n, -1, undated=True)
        pos = None if first is None else self._changed(first, n, c_start)
        if pos is None:
            return None
        found = self._name_before(pos, n, c_start)
        if found is None or found.indicator is None:  # 「由原来的16个窗口整合为8个」: the noun after
            t = self.ix.name_starting_at(first.end)
            ind = self._named(t, n) if t and t.end <= n.start else None
            found = Match(ind, "", pos, n.end) if ind else None
        if found is None:
            found = self._name_split_by_from(pos, first, n, c_start)
        return found._replace(reason="the level after a change") if found else None

    def _after_change_clause(self, n: NumberMention, s_start: int, c_start: int) -> Match | None:
        """「网上可办率较上年提高3个百分点，达到98.5%」: a clause of linking words only before n, right
        after a clause that ends with a change of a named figure (in points, in %, or in n's own unit:
        「办件量较上年增加2万件，达到12万件」): n is the level, and takes that name."""
        prev = self._neighbour(n, -1)
        if (
            prev is None
            or c_start <= s_start
            or prev.end != c_start - 1
            or (prev.unit not in self.rules["change_clause"]["units"] and prev.unit != n.unit)
            or n.start - c_start > self.rules["link_max_chars"]
        ):
            return None  # Performance: the usual number has no change right before its clause
        if not self.link.fullmatch(self.ix.text, c_start, n.start):
            return None
        p_start = self.ix.clause(prev.start)[0]
        names = self.ix.names_within(p_start, prev.start)
        if not names or not _change_gap().fullmatch(self.ix.text, names[-1].end, prev.start):
            return None
        gap, t = self.ix.text[names[-1].end : prev.start], names[-1]
        if not any(v in gap for v in self.rules["change_verbs"]):
            # 「新上线“一件事”主题服务15个，累计达到42个」: the increase stated before the name, the level it
            # reached after; the words of the increase do not screen the level (its own clause's do)
            if gap or not self.ix.increment_markers.inside(p_start, t.start):
                return None  # a comparison with no change (「较上年3个百分点」) is no change
            ind = self._named(t, n)
            return Match(ind, "the level an increase reached", t.start, n.end) if ind else None
        ind = self._named(t, n)
        return (
            Match(ind, "the level after a change stated before it", t.start, n.end, screen_from=t.start)
            if ind
            else None
        )

    def _name_split_by_from(
        self, pos: int, first: NumberMention, n: NumberMention, c_start: int
    ) -> Match | None:
        """「办理时限由平均缩短64%上升到81%」: 由 splits the name; the words before it and those between it
        and the level before the change (「办理时限」「平均缩短」) are read as one name."""
        text, lex = self.ix.text, self.ix.lexicon
        word = next((w for w in self.rules["change_from"] if text.startswith(w, pos)), "")
        after = first.start - pos - len(word)  # the letters between 由 and the level before the change
        joined = (text[c_start:pos] + text[pos + len(word) : first.start])[::-1]
        name = self.ix.longest_name(
            lex.listed_before.match(joined), lex.composer.backward.match(joined), True
        )
        if not name or len(name) <= after:
            return None  # the name does not reach back across 由
        ind = self._fits(lex.lookup(strip_quotes(name[::-1])), n)
        return Match(ind, "", pos - (len(name) - after), n.end) if ind else None
