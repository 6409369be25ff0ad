"""Reference periods: which stretch of time a figure describes.

Reports state periods loosely (「1—6月」「上半年」「截至6月底」「今年以来」), often once a paragraph. We
find every period phrase in a text and resolve it against the report's own year and date; governing.py
decides which phrase each figure takes. `Period.source` records which rule decided."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from itertools import compress, repeat
from operator import is_not
from typing import NamedTuple

from ..langdata import load_yaml


@dataclass(frozen=True, slots=True)
class Period:
    start: date | None  # None for a point in time (a stock "as of" end)
    end: date
    label: str
    source: str = ""

    def as_of(self) -> Period:
        """The same period seen as a point in time at its end, for stocks."""
        return Period(None, self.end, f"as of {self.end.isoformat()}", self.source)


class PeriodMention(NamedTuple):  # (Performance: many per report; a frozen dataclass is slower to make)
    start: int
    end: int
    period: Period


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _by_first(pairs: set[str]) -> str:
    """Two-character words as one alternative per first character (「上[半年]」): Performance, the regex
    tries each alternative in turn at every position where a phrase can start."""
    seconds: dict[str, list[str]] = {}
    for w in sorted(pairs):
        seconds.setdefault(w[0], []).append(w[1])
    return "|".join(re.escape(f) + "[" + "".join(map(re.escape, s)) + "]" for f, s in seconds.items())


@cache
def lexicon() -> dict:
    return load_yaml("periods.yaml")


@cache
def _pattern() -> re.Pattern:
    """One regex for every period phrase, assembled from periods.yaml (the words are data, not code)."""
    lx = lexicon()
    rel = _alt(lx["relative_years"])
    not_after = _alt(lx["year_not_followed_by"])
    centuries = "|".join(re.escape(c) for c in lx["year_centuries"])
    month = r"(?:1[0-2]|0?[1-9])"
    to_date = re.escape(lx["quarters_to_date_prefix"])
    counts = f"(?:{month}|{_alt([*lx['month_numerals'], *lx['month_counts']])})"
    months = lx["months_to_date_word"]
    to_month = rf"(?P<tomonth> {to_date} (?P<mn>{counts}) {months})"  # 前10个月
    day_joiners = re.escape(lx["day_range_joiners"])
    year = rf"""(?:
        (?: (?P<yfrom>(?:{centuries})\d\d) \s* (?:{lx["year_suffix"]})? \s* [{day_joiners}] \s* )?  # 2021—
        (?P<year>(?:{centuries})\d\d) \s* {lx["year_suffix"]}
          (?!(?!{to_date}{counts}{months})(?:{not_after}))  # 2022年, not 2022年版 (but 2022年前10个月)
        | (?P<rel>{rel}) (?P<same>{_alt(lx["same_period_words"])})?       # 今年, 去年, 去年同期
    )"""
    q = _alt(str(k) for k in lx["quarters"])
    joiners = re.escape(lx["month_range_joiners"])
    ends = _alt(lx["month_end_words"])
    cn = rf"(?<![{lx['month_numeral_not_after']}])(?:{_alt(lx['month_numerals'])})"  # 四, 十二 (months)
    month_word = re.escape(lx["month_word"])
    quarter_word, day_word = lx["quarter_word"], lx["day_word"]
    quarter_prefix = re.escape(lx["quarter_prefix"])

    def body(tag: str) -> str:  # the same phrase after a year and standing alone; group names must differ
        return rf"""
            {"" if tag else to_month + " |"}                                        # (after a year only)
            (?P<todate{tag}> {to_date} (?P<qn{tag}>{q}) {quarter_word})               # 前三季度
            | {quarter_prefix}? (?P<q{tag}>{q}) {quarter_word}                        # (第)二季度
            | (?P<half{tag}>{_alt(lx["halves"])})                                     # 上半年
            | (?P<m1{tag}>{month}|{cn}) (?:{month_word})? \s* [{joiners}] \s*        # 1—, 1月至
              (?P<m2{tag}>{month}|{cn}) {month_word}                                   # 6月
            | (?P<mc{tag}>{cn}) {month_word}                                       # 四月 ...
              (?: (?P<mcend{tag}>{ends}) | {_alt(lx["month_suffix"])} ){"" if tag else "?"}  # ...份, ...底
            | (?P<m{tag}>{month}) {month_word}                                     # 6月 ...
              (?: (?P<day{tag}>[1-3]?\d) {day_word}                                 # ... 30日
                  (?: \s* (?:{_alt(lx["day_range_fillers"])})? [{day_joiners}] \s*        # ... (运行)至
                      (?:(?P<dy2{tag}>(?:{centuries})\d\d) {lx["year_suffix"]})?          # (2024年)
                      (?:(?P<dm2{tag}>{month}) {month_word})? (?P<dd2{tag}>[1-3]?\d) {day_word}  # (4月)30日
                  )?
                | (?P<mend{tag}>{ends})                                              # ... 底
                | {_alt(lx["month_suffix"])}                                        # ... 份
              )?
        """

    as_of = rf"(?P<asof>{_alt(lx['as_of_words'])})?"  # 截至
    since = rf"""(?P<since>
        [^{re.escape(lx["since_stops"])}]{{0,{lx["since_max_gap"]}}}? (?:{_alt(lx["since_words"])})  # …以来
        | {_alt(lx["since_words_adjacent"])}                                          # 今年来
    )?"""
    # Performance: every phrase starts with a digit or one of these characters; checking that first lets
    # the scan skip ordinary text in C instead of trying each alternative at every position.
    ago = _alt(lx["years_since_words"])
    year_counts = [*lx["month_numerals"], *lx["month_counts"]]
    words = [
        *year_counts,
        *lx["now_words"],
        *lx["relative_months"],
        *lx["as_of_words"],
        *lx["relative_years"],
        *lx["halves"],
        *lx["month_numerals"],
        *map(str, lx["quarters"]),
        lx["quarter_prefix"],
        lx["quarters_to_date_prefix"],
    ]
    first = "".join(sorted({w[0] for w in words} - set("0123456789")))
    # Performance: those characters are common (上, 全, 十 …); the first two characters of a phrase are
    # not. After the check of one character, this one lets the scan pass over most of them before the
    # alternatives. A numeral of one character starts a phrase only before 月, a range joiner or a space
    # (「四月」「一至三月」).
    quarters = [str(k) for k in lx["quarters"]]
    whole = [*lx["now_words"], *lx["relative_months"], *lx["as_of_words"], *lx["relative_years"]]
    whole += lx["halves"]
    pairs = {w[:2] for w in [*whole, *lx["month_numerals"]] if len(w) >= 2}
    pairs |= {q + quarter_word[0] for q in quarters} | {lx["quarter_prefix"] + q for q in quarters}
    pairs |= {  # 前三季度, 前10个月, 前两个月
        lx["quarters_to_date_prefix"] + w[0]
        for w in [*quarters, *lx["month_numerals"], *lx["month_counts"], *"0123456789"]
    }
    single = "".join(w for w in year_counts if len(w) == 1)
    # Performance: the second characters of all of those, tested before the alternatives: most 一 and 全
    # (「一是」「全区」) are passed over with one more character read
    seconds = {w[1] for w in pairs} | {lx["month_word"], quarter_word[0], *lx["month_range_joiners"]}
    seconds |= {w[0] for w in lx["years_since_words"]}
    second = rf"[\d\s{re.escape(''.join(sorted(seconds)))}]"
    # Performance: a phrase starting with a digit is a year (「2022」) or a month or quarter right before
    # its word, a space or a range joiner (「6月」「1—6月」「1季度」), or a count of years (「10年来」); most
    # digits begin other numbers.
    after_digits = rf"\s|{month_word}|{re.escape(quarter_word[0])}|[{joiners}]|{ago}"
    digits = rf"(?:{centuries})\d\d | \d\d? (?:{after_digits})"
    # Performance: the pattern opens by taking one character of a class, so that re scans for the class in
    # C; it then steps back over that character and reads the phrase from it, in the group `phrase`. A
    # phrase never starts inside a run of digits (「12022年」 holds no year). Its first digit is an ASCII one
    # (years, months and quarters are read in ASCII digits), and [0-9] is a quicker test than \d.
    return re.compile(
        rf"""
        [0-9{re.escape(first)}] (?<!\d\d) (?={second})                # a phrase can start here
        (?<= (?= (?P<phrase>                                         # (read from that character)
        (?={digits}                                                  # ... and go on here
          | (?!\d) (?:{_by_first(pairs)})
          | [{re.escape(single)}] (?:{month_word}|\s|[{joiners}]|{ago}) )
        (?:
            (?<!{_alt(lx["now_not_after"])})                          # (not 项目前期)
            (?P<now>{_alt(lx["now_words"])}) (?!{_alt(lx["now_not_before"])})  # 目前 (至今, not 至今年)
            | (?P<relm>{_alt(lx["relative_months"])})                     # 本月
            | (?P<ago>1\d|[1-9]|{_alt(year_counts)}) (?:{ago})              # 三年来, 10年来 (not 22年来)
            | {as_of}
              (?: {year} (?:{body("")})?                               # a year, maybe with a part of it
                | (?<![\d.]) (?:{body("_")})                          # a part standing alone: 上半年
              )
              {since}
              (?P<asofend>{_alt(lx["as_of_closers"])})?                # 至2019年11月7日止
        )
        ) ) . )                                                      # (the character taken)
        """,
        re.VERBOSE,
    )


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


@lru_cache(maxsize=4096)  # Performance: a report's figures share a few periods, and reports share them
def label_for(start: date | None, end: date) -> str:
    """A readable name for a period.

    >>> label_for(date(2022, 1, 1), date(2022, 6, 30)), label_for(date(2022, 4, 1), date(2022, 6, 30))
    ('2022H1', '2022Q2')
    >>> label_for(date(2022, 1, 1), date(2022, 9, 30)), label_for(None, date(2022, 6, 30))
    ('2022-01–2022-09', 'as of 2022-06-30')
    >>> label_for(date(2022, 1, 1), date(2022, 12, 19)), label_for(date(2022, 4, 1), date(2022, 4, 28))
    ('2022', '2022-04')
    """
    if start is None:
        return f"as of {end.isoformat()}"
    if start.year == end.year and start.day == 1 and end == _month_end(end.year, end.month):
        y, m1, m2 = start.year, start.month, end.month
        if (m1, m2) == (1, 12):
            return str(y)
        if (m1, m2) in ((1, 6), (7, 12)):
            return f"{y}H{1 if m1 == 1 else 2}"
        if m2 - m1 == 2 and m1 % 3 == 1:
            return f"{y}Q{(m1 + 2) // 3}"
        if m1 == m2:
            return f"{y}-{m1:02d}"
    if start.year == end.year and start == date(start.year, 1, 1) and end != _month_end(end.year, end.month):
        return f"{start.year}"  # a year up to the report's date
    if (start.year, start.month, start.day) == (end.year, end.month, 1):
        return f"{start:%Y-%m}"  # a month up to the report's date
    return f"{start:%Y-%m}–{end:%Y-%m}"


def clip(period: Period, doc_date: date | None, source: str) -> Period:
    """The period as named (「上半年」 in a summary of 15 June: 2022H1), ended at the report's date."""
    period = with_label(period, source)
    if doc_date is None or period.end <= doc_date or (period.start and period.start > doc_date):
        return period
    label = period.label if period.start is not None else f"as of {doc_date.isoformat()}"
    return Period(period.start, doc_date, label, source)


def phrases(text: str) -> list[tuple[int, int, tuple]]:
    """Every period phrase in text, in order, but the baselines of comparisons (「较上年」, and a phrase
    right after one: 「比去年全年」) and of changes (「由2023年的78.2%」): its span and the groups of its
    match, read once per text whatever year it is then resolved against."""
    keys = ("baseline_before", "baseline_after", "change_from_before", "change_from_after")
    before, after, from_before, from_after = (tuple(lexicon()[k]) for k in keys)
    found, pos, pattern, baseline_end = [], 0, _pattern(), -1
    while (m := pattern.search(text, pos)) is not None:  # as finditer, with the phrase's span
        start, end = m.span("phrase")
        pos = max(end, m.end())
        changed = text.endswith(from_before, 0, start) and text.startswith(from_after, end)  # 「由2023年的」
        if changed or start == baseline_end or text.endswith(before, 0, start) or text.startswith(after, end):
            baseline_end = end
        else:
            found.append((start, end, m.groups()))
    return found


def find_periods(
    text: str,
    year: int | None,
    doc_date: date | None,
    ref_end: date | None,
    found: list[tuple[int, int, tuple]] | None = None,
) -> Iterator[PeriodMention]:
    """Every period phrase in text, in order, resolved, but the baselines of comparisons. `year` is the
    report's own year (今年); `found`: phrases(text), when the caller has it already."""
    for start, end, groups in phrases(text) if found is None else found:
        # Performance: a report repeats its period phrases (「2023年」), and reports share them; the groups
        # that matched and the dates they are read against decide the period, so it is worked out once
        key = (groups, year, doc_date, ref_end)
        period = _RESOLVED.get(key, _UNSEEN)
        if period is _UNSEEN:
            period = _resolve(groups, year, doc_date, ref_end)
            if len(_RESOLVED) < _RESOLVED_MAX:
                _RESOLVED[key] = period
        if period is not None:
            yield PeriodMention(start, end, period)


_RESOLVED: dict[tuple, Period | None] = {}  # see find_periods
_RESOLVED_MAX = 100_000  # a few MB at most
_UNSEEN = object()


@cache
def _group_names() -> tuple[tuple[str, ...], dict[str, None]]:
    """The name of each group of the pattern, by number, without the trailing _ of the standalone phrase
    (m_ -> m); and every such name, unset."""
    by_number = {i: name.rstrip("_") for name, i in _pattern().groupindex.items()}
    names = tuple(by_number.get(i, "") for i in range(1, _pattern().groups + 1))
    return names, dict.fromkeys(n for n in names if n)


def _resolve(groups: tuple, year: int | None, doc_date: date | None, ref_end: date | None) -> Period | None:
    """The period of a phrase, from the groups of its match (a tuple, not groupdict(): Performance, the
    groups that matched are picked in C)."""
    lx = lexicon()
    names, unset = _group_names()
    g = unset.copy()
    g.update(compress(zip(names, groups), map(is_not, groups, repeat(None))))
    if g["mc"]:  # a month in Chinese numerals: as its digits would be read
        g["m"], g["mend"] = g["mc"], g["mcend"]
    now = ref_end or doc_date
    if g["now"]:  # 目前 in a report means the end of what it reports on; in news, its date
        return Period(None, now, "") if now else None
    if g["relm"]:  # 本月, 本季度: the month or quarter the report covers (a bulletin's), else of its date
        if now is None:
            return None
        k, span = now.year * 12 + now.month - 1, lx["relative_months"][g["relm"]]
        if ref_end is None and now.day <= lx["relative_month_previous_until_day"]:
            k -= 1  # a bulletin dated early in a month reports the month just ended
        k, last = k - k % span, k - k % span + span - 1  # the first month of its span, and the last
        return Period(date(k // 12, k % 12 + 1, 1), _month_end(last // 12, last % 12 + 1), "")
    if g["ago"]:  # 「成立10年来」: that many years to the report's date (五年来 to 2023-12-31: from 2019-01)
        after = now + timedelta(days=1) if now and (n := _month(g["ago"])) else None
        return Period(date(after.year - n, after.month, 1), now, "") if after else None
    y = (
        int(g["year"])
        if g["year"]
        else (year + lx["relative_years"][g["rel"]] if g["rel"] and year else year)
    )
    early = doc_date is not None and doc_date.month <= lx["year_report_until_month"]
    if y and early and g["rel"] in lx["whole_year_words"]:  # 「全年」 early in a year: the last whole year
        y = min(y, doc_date.year - 1)
    if y is None and doc_date is not None and not g["rel"]:
        # No year anywhere yet (the report's reference period is being sought): the latest such period
        # begun by the report's date — 「4月1日至4月30日」 in May, 「四月份」 on 28 April.
        found = _resolved_in(g, doc_date.year, now)
        if found is None or (found.start or found.end) <= doc_date:
            return found
        return _resolved_in(g, doc_date.year - 1, now)
    if y is None or not 1949 < y < 2200:
        return None
    found = _resolved_in(g, y, now)
    if found and found.start and doc_date and not (g["year"] or g["rel"]):
        whole = (found.start.month, found.start.day, found.end.month, found.end.day) == (1, 1, 12, 31)
        if found.start > doc_date or (whole and early and found.start.year == doc_date.year):
            return _resolved_in(g, y - 1, now)  # 「第四季度」「1-12月」 in February: the last one
    return found


def _month(word: str) -> int:
    """A month or a count of months, in digits or Chinese numerals."""
    lx = lexicon()
    return int(word) if word.isdigit() else lx["month_numerals"].get(word) or lx["month_counts"][word]


def _resolved_in(g: dict, y: int, now: date | None) -> Period | None:
    """The period of a matched phrase (groups g) in year y."""
    lx = lexicon()
    if g["tomonth"]:
        start, end = date(y, 1, 1), _month_end(y, _month(g["mn"]))
    elif g["todate"]:
        start, end = date(y, 1, 1), _month_end(y, 3 * lx["quarters"][g["qn"]])
    elif g["q"]:
        q = lx["quarters"][g["q"]]
        start, end = date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
    elif g["half"]:
        h = lx["halves"][g["half"]]
        start, end = date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
    elif g["dd2"]:
        m1, d1 = int(g["m"]), int(g["day"])
        m2, d2 = int(g["dm2"] or m1), int(g["dd2"])
        try:  # 「2008年2月28日至2011年2月28日」: the end in a year of its own
            start, end = date(y, m1, d1), date(int(g["dy2"] or y), m2, d2)
        except ValueError:
            return None
        if end < start:
            return None
    elif g["m1"]:
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        if m2 < m1:
            return None
        start, end = date(y, m1, 1), _month_end(y, m2)
    elif g["m"]:
        mo = _month(g["m"])
        start, end = date(y, mo, 1), _month_end(y, mo)
        if g["day"]:
            day = int(g["day"])
            if day > end.day or day < 1:
                return None
            if g["since"] and not g["asof"]:  # 「自2021年3月8日新址启用以来」: from that day to the date
                start = date(y, mo, day)
                return Period(start, now, "") if now and now >= start else None
            if not (g["asof"] or g["asofend"]):
                return None  # a dated event, not a reference period (「至…日止」 closes a point in time)
            start, end = None, date(y, mo, day)
        elif g["mend"]:
            start = None
    elif g["year"] or g["rel"]:
        first = int(g["yfrom"]) if g["yfrom"] and int(g["yfrom"]) < y else y  # 「2021—2023年」
        start, end = date(first, 1, 1), date(y, 12, 31)
    else:
        return None
    start = None if g["asof"] else start
    if g["since"] and start is None:
        return None
    if g["since"] and (now is None or now >= start):
        end = now or date(start.year, 12, 31)  # undated: its year's end, as 「2023年以来」 (not the month's)
    return Period(start, end, "")


@cache
def event_words() -> re.Pattern:
    """Words that show a period dates an event (搬迁, 成立 …), not results."""
    return re.compile(_alt(lexicon()["event_words"]))


@cache
def event_then() -> tuple[str, ...]:
    """An event word and the joiner that dates it (「成立于」), as they stand right before a period."""
    return tuple(f"{w}{lexicon()['event_date_joiner']}" for w in lexicon()["event_words"])


def with_label(p: Period, source: str) -> Period:
    return Period(p.start, p.end, label_for(p.start, p.end), source)
