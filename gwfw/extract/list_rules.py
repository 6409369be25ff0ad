"""Numbers paired with the items of a list before 分别.

「只跑一次、一次不跑分别占比34.4%、65.6%」: each item names an indicator; the k-th number is the k-th item's.
「龙头镇、乾塘镇便民服务中心办件量分别为1200件、800件」「2022年、2023年办件量分别为…」: only the last item
ends in a name, which every item shares; the k-th number is that indicator's figure of the k-th item (a
town, a window, a year, a county). `Match.item_end` marks where the item's own words end; `item_scope`,
with the rows' reading of periods and places, says what the item makes of the figure.

Without 分别, names listed before a figure with 均 (「办结率、按时办结率均达100%」), or verbs of handling
before one that opens a name (「受理、办结审批服务事项60万余件」), share it: `Match.also`.
"""

from __future__ import annotations

import bisect
import re

from .name_patterns import Trigger, list_joiners, unit_fits
from .names import Match, parts
from .numerals import NumberMention
from .places import named_opening
from .text_index import TextIndex

SHARED = "respectively, a name shared by the list"
SERIES = "respectively, a series of periods after the figure it goes on"


def list_items(text: str, start: int, end: int, sep: str, more: str = "") -> list[tuple[int, int]]:
    """The spans of the items of the list text[start:end], split at sep (and at any character of more)."""
    items, pos = [], start
    for i in range(start, end + 1):
        if i == end or text.startswith(sep, i) or (more and text[i] in more):
            items.append((pos, i))
            pos = i + (len(sep) if i < end and text.startswith(sep, i) else 1)
    return items


class ListRules:
    """Rules of the Matcher (which provides ix, rules, numbers, starts, lists, link, _named, _fits and
    _sep_before)."""

    def _respectively(self, n: NumberMention, c_start: int, c_end: int) -> Match | None:
        """The k-th number after 分别 goes with the k-th listed item (asked only of texts with a 分别)."""
        k = self.ix.respectively.find(c_start, n.start)
        if k < 0:
            return None
        if (c_start, k) not in self.lists:  # the list and its numbers, once per clause
            self.lists[c_start, k] = self._list_at(c_start, k, c_end)
        first, stop, items, shared = self.lists[c_start, k]  # the listed numbers are self.numbers[first:stop]
        i = bisect.bisect_left(self.starts, n.start)
        if len(items) != stop - first or not (first <= i < stop and self.numbers[i] == n):
            return None
        i_start, i_end = items[i - first]
        if shared is not None and (ind := self._named(shared, n)):
            own_end = min(i_end, shared.start) if i == stop - 1 else i_end  # (the last may end in it)
            return Match(ind, SHARED, i_start, n.end, item_end=own_end)
        for t in reversed(self.ix.names_within(i_start, i_end)):
            ind = self._named(t, n)
            if ind:
                return Match(ind, "respectively", t.start, n.end)
        if (series := self._series_of_periods(n, items)) is not None:  # 「1月为65.2%，2月、3月分别…」
            return Match(series, SERIES, i_start, n.end, item_end=i_end)
        return Match(None, "unmapped: its item in the list names no indicator", n.start, n.end)

    def _list_at(self, c_start: int, k: int, c_end: int) -> tuple:
        """The clause's listed numbers (self.numbers[first:stop]), the items of its list and the name they
        share, if any."""
        first, stop = bisect.bisect_right(self.starts, k), bisect.bisect_left(self.starts, c_end)
        sep, count = self.rules["list_separator"], stop - first
        more = "".join(self.rules["list_separators_more"])
        items = list_items(self.ix.text, c_start, k, sep)
        if len(items) != count:  # 「A和B分别为…和…」
            items = list_items(self.ix.text, c_start, k, sep, more)
        # the items stand before the clause: a list of periods (「2022年、2023年，办件量分别为…」), or the
        # list of a 分别 earlier in the sentence (「…分别受理办件28.3万件、31.6万件，办结率分别为…」)
        if len(items) == 1 < count and (
            before := self._periods_before(c_start) or self._listed_earlier(c_start, count)
        ):
            return first, stop, before, self._shared_before(c_start, k) or self._shared_after(k, first, stop)
        return first, stop, items, self._shared_name(items, first) or self._shared_after(k, first, stop)

    def _periods_before(self, c_start: int) -> list[tuple[int, int]]:
        """The items of a list of periods making the clause before c_start (「2022年、2023年，」「2022年和
        2023年，」); [] when it is none."""
        text = self.ix.text
        if c_start < 1 or text[c_start - 1] not in self.rules["list_comma"]:
            return []
        more = "".join(self.rules["list_separators_more"])
        items = list_items(
            text, self.ix.clause(c_start - 1)[0], c_start - 1, self.rules["list_separator"], more
        )
        periods = all(self.ix.period_phrase_end(start) == end for start, end in items)
        return items if len(items) > 1 and periods else []

    def _listed_earlier(self, c_start: int, count: int) -> list[tuple[int, int]]:
        """The items of the last list paired with as many numbers earlier in the sentence, when they name no
        indicator (periods, places: not 「受理、办结…分别为…」); [] when none."""
        last = next(((start, v[2]) for (start, k), v in reversed(self.lists.items()) if k < c_start), None)
        if last is None or last[0] < self.ix.sentence(c_start)[0] or len(last[1]) != count:
            return []
        return [] if any(self.ix.names_within(s, e) for s, e in last[1]) else last[1]

    def _shared_before(self, c_start: int, k: int) -> Trigger | None:
        """The last name of the clause, joined to 分别 by linking words only (「办件量分别为」)."""
        names = self.ix.names_within(c_start, k)
        t = names[-1] if names else None
        return t if t is not None and self.link.fullmatch(self.ix.text, t.end, k) else None

    def _shared_after(self, k: int, first: int, stop: int) -> Trigger | None:
        """The name right after 分别 and right before the first listed number (「区政务服务中心分别受理办件
        28.3万件、31.6万件」): the name every item shares; None when there is none."""
        if stop - first < 2:
            return None
        t = self.ix.name_starting_at(k + len(self.rules["respectively"]))
        return t if t is not None and t.end == self.numbers[first].start else None

    def _series_of_periods(self, n: NumberMention, items: list[tuple[int, int]]):
        """The indicator of the figure mapped last in n's sentence, when every item of the list is a period
        alone (「主动评价率1月为65.2%，2月、3月分别提升至78.3%、85.6%」) and n fits it; else None."""
        if self.last is None or self.last[0] < self.ix.sentence(n.start)[0]:
            return None
        if not unit_fits(self.last[1], n.unit):
            return None
        return self.last[1] if all(self.ix.period_phrase_end(start) == end for start, end in items) else None

    def _respective_subject(self, n: NumberMention, concept: re.Match) -> re.Match | None:
        """「98%和85%的政务服务事项分别实现网上可办和全程网办」: shares before 分别 pair, in order, with the
        concepts listed after it (the first of them is concept): the one of n, the k-th share of its
        clause (concept itself when no 分别 stands between); None when the list is shorter."""
        if not self.ix.respectively.starts or self.ix.respectively.find(n.end, concept.start()) < 0:
            return concept  # Performance: most texts have no 分别
        text, c_start = self.ix.text, self.ix.clause(n.start)[0]
        first, own = bisect.bisect_left(self.starts, c_start), bisect.bisect_left(self.starts, n.start)
        before = self.numbers[first:own]
        joiners = "".join(w for w in list_joiners() if len(w) == 1) + self.rules["quote_chars"]
        found = concept
        for _ in range(sum(1 for m in before if m.unit == "%")):
            start = found.end()
            while start < len(text) and text[start] in joiners:
                start += 1
            found = self.ix.lexicon.concept.match(text, start) if start > found.end() else None
            if found is None:
                return None
        return found

    def _shared_name(self, items: list[tuple[int, int]], first: int) -> Trigger | None:
        """The name that ends the last item, joined to 分别 by linking words only, when every item has words
        of its own before it and no other item names an indicator its number fits (「综合窗口、专业窗口受理量
        分别为…」: 综合窗口 names windows, not cases): the name every item shares."""
        if len(items) < 2 or first + len(items) > len(self.numbers):
            return None
        *others, (last_start, last_end) = items
        names = self.ix.names_within(last_start, last_end)
        if not names or names[-1].start <= last_start or any(s >= e for s, e in others):
            return None
        t, text = names[-1], self.ix.text
        before = self.numbers[first - 1] if first else None  # 「A、B事项覆盖度由0%分别提升至…」: the level
        if before and before.end == last_end and before.start in self.before_to:  # before the change
            last_end = before.start - next(
                (len(w) for w in self.rules["change_from"] if text.endswith(w, 0, before.start)), 0
            )
        if t.end < last_end and not self.link.fullmatch(text, t.end, last_end):
            return None
        for (s, e), n in zip(others, self.numbers[first:]):
            if any(self._named(u, n) for u in self.ix.names_within(s, e)):
                return None
        return t

    def _each_listed(self, found: Match, n: NumberMention, c_start: int) -> Match:
        """「办结率、按时办结率均达100%」「按时办结率和满意率均为100%」: names listed before the one
        found, then a word for "each": the figure is every listed name's too."""
        text, start, sep_before = self.ix.text, found.evidence_start, self._sep_before
        if not (k := sep_before(start)):
            return found
        if not any(w in text[start : n.start] for w in parts()["each_words"]):
            return self._verbs_listed(found, n, start - k)
        also: list = []
        while start > c_start and (k := sep_before(start)):
            end = start - k
            names = [t for t in self.ix.names_within(max(c_start, end - 16), end) if t.end == end]
            ind = self._named(names[0], n) if names else None
            if ind is None:
                return found  # an item that names no indicator: not a list of names
            if ind != found.indicator and ind not in also:
                also.append(ind)
            start = names[0].start
        return found._replace(evidence_start=start, also=tuple(reversed(also))) if also else found

    def _verbs_listed(self, found: Match, n: NumberMention, end: int) -> Match:
        """「共受理、办结审批服务事项60万余件」: a verb of handling listed before the one opening the name
        found takes its object, and the figure is its indicator's too. end: where the item before the
        separator ends."""
        text, start, verbs = self.ix.text, found.evidence_start, parts()["shared_object_verbs"]
        verb = next((v for v in verbs if text.startswith(v, start)), "")
        other = next((v for v in verbs if text.endswith(v, 0, end) and v != verb), "") if verb else ""
        own = self.ix.name_starting_at(start)
        if not other or own is None or (self.ix.name_ending_at(end, 0) or own).start != end - len(other):
            return found  # (no verb alone before it: 「网上受理、办结…」 names a channel)
        if self.ix.respectively.inside(start, n.start):
            return found  # 「受理和办结…分别为12万件、11.8万件」: one figure each
        ind = self._fits(self.ix.lexicon.lookup(other + own.surface[len(verb) :]), n)
        if ind is None or ind == found.indicator:
            return found
        return found._replace(evidence_start=end - len(other), also=(ind,))


def item_scope(
    ix: TextIndex, found: Match, code: str, trim: tuple[str, ...], units: tuple[re.Pattern, ...]
) -> tuple[str, str]:
    """(why the figure is not the district's, or ''; its scope) of one item of a list sharing a name. The
    item's own words, less its periods (which date the figure) and trim (其中, 全区), make the scope
    (part:综合窗口); a place other than the district, or a unit (units: a town, a department), makes it
    that one's figure, as it would standing alone before the name."""
    text, start, end = ix.text, found.evidence_start, found.item_end
    name, candidates = named_opening(text, start, end)
    if candidates:
        return ("", "") if any(p.code == code for p in candidates) else (_not_own(name, found), "")
    k = bisect.bisect_left(ix.period_phrases, (start,))
    own = []
    for p_start, p_end, _ in ix.period_phrases[k:]:
        if p_start >= end:
            break
        own.append(text[start:p_start])
        start = max(start, p_end)
    own.append(text[start:end])
    words = "".join(own)
    for w in trim:
        words = words.replace(w, "")
    words = words.strip(ix.rules["quote_chars"] + " \u3000的")
    if unit := next((m.group() for p in units if (m := p.search(words))), ""):
        return _not_own(unit, found), ""
    return "", f"part:{words}" if words else ""


def _not_own(unit: str, found: Match) -> str:
    return f"unmapped: {unit}'s figure (one item of a list), not the district's {found.indicator.code}"
