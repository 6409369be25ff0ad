"""Is a figure a part of one stated in the sentence before it?

「全省…收集用户评价13,879,360条。其中，政务服务网收到评价数5,739,763条，…」: a sentence that opens
with a breakdown marker (其中) breaks down a figure of the sentence before. Its figures in a unit that
sentence states are parts of it, to the end of the sentence (a 「；」 does not end the breakdown:
「其中，行政许可事项受理2476件…；公共服务事项受理8027件…」). A rate after a count (「其中，网上可办率100%」)
is no part of the count.
The words are language data (breakdown_markers in extraction.yaml, breakdown_sentence_ends in scope.yaml).
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal
from functools import cache

from ..langdata import load_yaml
from .confidence import confidence
from .name_patterns import rules, unit_fits
from .numerals import NumberMention
from .scope_words import constants
from .text_index import TextIndex


@cache
def _patterns() -> tuple[re.Pattern, str]:
    """A breakdown marker opening a sentence (after spaces only), and the magnitude words a number may
    carry before its unit (「1,123.8万件」)."""
    markers = sorted(rules()["breakdown_markers"], key=len, reverse=True)
    magnitudes = "".join(map(re.escape, load_yaml("name_parts.yaml")["unitless_magnitudes"]))
    return re.compile(r"[ \t\u3000]*(" + "|".join(map(re.escape, markers)) + ")"), magnitudes


class Breakdowns:
    """The sentences of one text that open with a breakdown marker, asked per figure."""

    def __init__(self, index: TextIndex):
        self.text = index.text
        self.ends = index.whole_sentence_ends  # where whole sentences end
        self._stated: dict[tuple[int, str], bool] = {}  # (sentence start, unit) -> the sentence states one

    def _start(self, i: int) -> int:
        return self.ends[i - 1] + 1 if i > 0 else 0

    def _before(self, i: int) -> int:
        """The nearest sentence before the i-th that is not blank: a paragraph may open with 其中 after an
        empty line (「…共受理各类审批业务39件，办结39件。\n\n其中，…受理8件」)."""
        j = i - 1
        while j > 0 and not self.text[self._start(j) : self.ends[j]].strip():
            j -= 1
        return j

    def part(self, n: NumberMention, stated: int = -1) -> str:
        """'part:<marker>' when n stands in a sentence that opens with a breakdown marker, after a
        sentence that states a number in n's unit; else ''. stated: where a figure of n's indicator stood
        last; a rate is a part only of the same rate stated in the sentence before (「…投票率99.87%。其中：
        满意票3808张，占比99.79%」: the satisfaction rate is the district's, not a part of the turnout)."""
        if not n.unit:
            return ""
        i = bisect.bisect_left(self.ends, n.start)
        start = self._start(i)
        m = _patterns()[0].match(self.text, start)
        if m is None or m.end() > n.start or i == 0:
            return ""
        before = self._start(self._before(i))
        if n.unit == "%" and stated < before:
            return ""
        key = (before, n.unit)
        if key not in self._stated:
            unit = re.compile(rf"\d\s*[{_patterns()[1]}]?\s*" + re.escape(n.unit))
            self._stated[key] = unit.search(self.text, before, start) is not None
        return "part:" + m.group(1) if self._stated[key] else ""

    def parent_end(self, n: NumberMention) -> int:
        """Where the sentence before n's ends, when n's sentence opens with a breakdown marker; else -1.
        Asked only for a figure already found to be a part (「…接收办理政协提案25件。其中，…会办件15件」: the
        part is of the proposals, and is other business as they are)."""
        i = bisect.bisect_left(self.ends, n.start)
        m = _patterns()[0].match(self.text, self._start(i))
        return self.ends[self._before(i)] - 1 if i > 0 and m is not None and m.end() <= n.start else -1


# characters of a part's name (「各地政务服务APP」「州级政务服务中心」); a longer run is a clause
_PART_NAME_MAX = 12


def part_name(ix: TextIndex, numbers: list[NumberMention], name_start: int, code: str) -> str:
    """The name of the part a figure after a breakdown marker counts, standing between the marker and
    the indicator's name (「其中窗口受理2920件，办结2883件」: 窗口 for both; 「粤省事收到评价数93,099条」:
    粤省事), so that two parts of one sentence are told apart; '' when none (or the whole area's:
    「其中，全区…」)."""
    text, r = ix.text, rules()
    i = bisect.bisect_left(ix.whole_sentence_ends, name_start)
    floor = ix.whole_sentence_ends[i - 1] + 1 if i else 0
    found = [k + len(w) for w in r["breakdown_markers"] if (k := text.rfind(w, floor, name_start)) >= 0]
    marker = max(found, default=-1)
    c_start, end = ix.clause(name_start)[0], name_start
    while marker >= 0:
        name = _part_name(text[max(c_start, marker) : end], r)
        if name or c_start <= marker:
            return "" if name.startswith(constants()["wide_words"]) else name
        # the clause before: a part's figures share its name (窗口: 受理, 办结, 办结率); the name of its first
        # figure (the last name before it, in a unit it fits) must be another indicator's, or it is another
        # part (「办事指南评价6件，办件评价…」)
        while True:  # a clause whose number no name gives (「受理8件，现场勘查8次，办结8件」) is read over
            c_start, stop = ix.clause(c_start - 1)[0], c_start - 1
            start = max(c_start, marker)
            k = bisect.bisect_left(numbers, start, key=lambda m: m.start)  # the clause's first number
            first = numbers[k] if k < len(numbers) and numbers[k].start < stop else None
            names = ix.names_within(start, first.start) if first else []
            if names or first is None or c_start <= marker:
                break
        inds = ix.lexicon.lookup(names[-1].surface) if names else []
        if code in {ind.code for ind in inds} or not any(unit_fits(ind, first.unit) for ind in inds):
            return ""
        end = names[-1].start
    return ""


def _part_name(span: str, r: dict) -> str:
    """The words before a name, without punctuation, quotes and linking words (「州级政务服务中心共」);
    '' when none, or when they are too short, too long or hold a digit to be a name."""
    strip = " \u3000，,：:、；;（）()" + r["quote_chars"]
    name = span.strip(strip)
    while (link := next((w for w in r["link_words"] if name.endswith(w)), None)) is not None:
        name = name[: -len(link)].rstrip(strip)
    name = name.translate(str.maketrans("", "", r["quote_chars"]))  # 「“秦务员”平台」: none left unpaired
    ok = 2 <= len(name) <= _PART_NAME_MAX and not any(ch.isdigit() for ch in name)  # (「会办件」: no name 会)
    return name if ok else ""


def parts_by_sum(rows: list[dict], ix: TextIndex) -> None:
    """「设立服务窗口120个，地区窗口54个，加区窗口66个」: counts of one indicator and period that follow
    another in its sentence and add up to it are its parts, with no 其中 to say so. Each gets the scope
    part:<its clause's words before its number> (part:地区窗口), so that it does not conflict with the
    total; parts named alike are no breakdown."""
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        if not r["scope"] and r["qualifier"] == "exact" and r["value"] and not r["value_high"]:
            key = (r["district_code"], r["indicator"], r["period_label"], r["sentence"])
            groups.setdefault(key, []).append(r)
    for found in groups.values():
        found.sort(key=lambda r: r["char_start"])
        if len(found) < 3 or sum(Decimal(r["value"]) for r in found[1:]) != Decimal(found[0]["value"]):
            continue
        names = []
        for r in found[1:]:
            start = ix.clause(r["char_start"])[0]
            words = ix.text[start : r["char_start"]] + _DIGITS.split(r["evidence"], 1)[0]
            names.append(_part_name(words, rules()))
        if all(names) and len(set(names)) == len(names):
            for r, name in zip(found[1:], names):
                r["scope"] = f"part:{name}"
                r["confidence"] = confidence(r["rule"], r["period_source"], r["scope"])


_DIGITS = re.compile(r"[0-9０-９]")
