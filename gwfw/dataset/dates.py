"""Calendar dates in the forms Chinese catalogs and pages use -> ISO 8601 (2023-11-05).

A date that cannot be read is never guessed: `iso_date` returns None and the caller says so.
The words (Chinese digits, 年/月/日, separators) are in gwfw/langdata/dates.yaml.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache

from ..langdata import load_yaml


@cache
def _words() -> dict:
    return load_yaml("dates.yaml")


@cache
def _pattern() -> re.Pattern:
    w = _words()
    zh = "".join(re.escape(d) for d in w["digits"]) + re.escape(w["ten"])
    digit = "[" + "".join(re.escape(d) for d in w["digits"]) + "]"
    seps = "".join(re.escape(s) for s in w["separators"])
    days = "|".join(re.escape(d) for d in w["day_words"])
    weekdays = "|".join(re.escape(d) for d in w["weekday_words"])
    return re.compile(
        rf"""
        (?<![\d{zh}])                                   # not the tail of a longer number
        (?:
          (?P<y>(?:19|20)\d\d|{digit}{{4}})             # year: four Arabic or Chinese digits
          \s*{re.escape(w["year_word"])}\s*             # 年
          (?P<m>\d{{1,2}}|[{zh}]{{1,3}})                 # month: 11 or 十一
          \s*{re.escape(w["month_word"])}\s*            # 月
          (?P<d>\d{{1,2}}|[{zh}]{{1,3}})                 # day: 5 or 五
          \s*(?:{days})                                 # 日 or 号
        |
          (?P<ny>(?:19|20)\d\d)                          # numeric year
          (?P<sep>[{seps}])                              # a separator ...
          (?P<nm>\d{{1,2}})                              # month
          (?P=sep)                                       # ... the same one again
          (?P<nd>\d{{1,2}})                              # day
          (?:[T\s]+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?      # a time of day, ignored
        |
          (?P<cy>(?:19|20)\d\d)(?P<cm>[01]\d)(?P<cd>[0-3]\d)  # compact: 20231105
        )
        (?!\d)                                           # not the head of a longer number
        (?:\s*[(（]?\s*(?:{weekdays})[{zh}日天]?\s*[)）]?)?  # a weekday after it, ignored
        """,
        re.VERBOSE,
    )


def _number(s: str) -> int | None:
    """'11' -> 11, '十一' -> 11, '二十五' -> 25, '二〇二三' -> 2023 (digit by digit)."""
    if s.isdigit():
        return int(s)
    w = _words()
    digits, ten = w["digits"], w["ten"]
    if ten in s:
        tens, _, units = s.partition(ten)
        if (tens and tens not in digits) or (units and units not in digits):
            return None
        return digits.get(tens, 1) * 10 + digits.get(units, 0)
    if all(c in digits for c in s):
        return int("".join(str(digits[c]) for c in s))
    return None


def _to_date(m: re.Match) -> date | None:
    if m["y"]:
        parts = (m["y"], m["m"], m["d"])
    elif m["ny"]:
        parts = (m["ny"], m["nm"], m["nd"])
    else:
        parts = (m["cy"], m["cm"], m["cd"])
    y, mo, d = (_number(p) for p in parts)
    try:
        return date(y, mo, d) if None not in (y, mo, d) else None
    except ValueError:  # 2023年2月30日
        return None


def iso_date(value: str) -> str | None:
    """The whole value as an ISO date, or None when it is not (only) one date.

    >>> [iso_date(s) for s in ("2023年11月5日", "2023/7/15", "2023-11-05 10:30", "二〇二三年十一月五日")]
    ['2023-11-05', '2023-07-15', '2023-11-05', '2023-11-05']
    >>> [iso_date(s) for s in ("２０２３．１．１６", "20230116", "2023-01-16")]
    ['2023-01-16', '2023-01-16', '2023-01-16']
    >>> [iso_date(s) for s in ("2023年11月", "2023-02-30", "2023-11/05", "", "去年")]
    [None, None, None, None, None]
    """
    text = unicodedata.normalize("NFKC", value).strip()
    m = _pattern().fullmatch(text)
    found = _to_date(m) if m else None
    return found.isoformat() if found else None


def find_date(text: str) -> str | None:
    """The first readable date in a longer text ('发布时间：2023-12-04 10:12:36 来源：…'), as ISO."""
    for m in _pattern().finditer(unicodedata.normalize("NFKC", text)):
        found = _to_date(m)
        if found:
            return found.isoformat()
    return None
