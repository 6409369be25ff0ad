"""How a composed indicator name reaches numbers beyond the name right before them.

The Matcher binds a name to the number right after it. Reports also write a share before its subject
(「90%的日办件量都能当场办结」), after the count it divides (「“零跑腿”事项达到1081项，占比99.91%」), for a
list of concepts at once (「“网上办”“马上办”“一次办”比例均在97%以上」), or as a series over periods
(「4月提升至85.2%，5月、6月提升至91%」). These rules read the parts of composed names
(gwfw/langdata/name_parts.yaml); the Matcher inherits them.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from .codebook import Indicator
from .name_patterns import Trigger, list_joiners, rules
from .names import BEFORE_SUBJECT, Concept, Match, concepts, measure_words, parts, unit_object
from .numerals import NumberMention

# concepts read back from a name: a list of more is not a list of indicators (Performance: and a run of
# concepts costs at most this much per number)
_MAX_LISTED = 8


@cache
def _share_prefix(verbs: bool = False) -> re.Pattern:
    """What may stand before a share that divides a count stated before it (「，占比达」; the whole it
    divides may be named by an object of the parts: 「，占依申请事项总数的」), or with verbs, before a count
    of progress between them (「，完成」). Built once: the linking words are many."""
    objects = [w for words in parts()["objects"].values() for w in words]
    extra = parts()["count_share_verbs"] if verbs else [*parts()["share_words"], *objects]
    words = "|".join(map(re.escape, sorted([*rules()["link_words"], *extra], key=len, reverse=True)))
    return re.compile(
        rf"""
        (?: {words}              # linking and share words: 占比, 达
          | [{re.escape(rules()["quote_chars"])}] # quotes
          | \s                   # spaces
        )*
        """,
        re.VERBOSE,
    )


def _starting(text: str, words: list[str]):
    """The words text starts with, longest first."""
    return (w for w in sorted(words, key=len, reverse=True) if text.startswith(w))


@cache
def _object_words() -> tuple[str, ...]:
    """Every word of what a share divides or a count counts (事项, 办件 ...)."""
    return tuple(w for words in parts()["objects"].values() for w in words)


@cache
def _separators() -> re.Pattern:
    """The separators of a list of names, the longer first (以及 before 及)."""
    return re.compile("|".join(map(re.escape, sorted(parts()["concept_separators"], key=len, reverse=True))))


@cache
def _link_words() -> tuple[frozenset[str], int]:
    """The linking words, and the length of the longest."""
    words = rules()["link_words"]
    return frozenset(words), max(map(len, words))


def _counted_concept(words: str, quotes: str) -> bool:
    """Do the words after a count name a concept it counts, a linking word before it at most (「可网办」
    「实现全程网办」)? A gap of other words parts the count from a share after it."""
    words, forms = words.strip(quotes), concepts()
    if words in forms:
        return True
    links, longest = _link_words()
    cuts = range(1, min(len(words), longest + 1))
    return any(words[:k] in links and words[k:].strip(quotes) in forms for k in cuts)


class ComposedRules:
    """Rules of the Matcher (which provides ix, rules, numbers, starts, last, link, periods_before
    and _fits)."""

    def _object_counted_before(self, pos: int) -> str:
        """items or cases when a count in 项 or 件 ends right before pos in its sentence, else none. The
        count may be followed by the concept it counts (「其中5518项可网办，网办率为80%」)."""
        i = bisect.bisect_left(self.starts, pos) - 1
        if i < 0:
            return "none"
        prev = self.numbers[i]
        if prev.end > pos:
            return "none"
        joins = "".join(set(self.rules["clause_delimiters"]) - set(self.rules["sentence_delimiters"]))
        gap = self.ix.text[prev.end : pos]
        head = gap.rstrip(joins + " \t\u3000")
        if len(gap) - len(head) > 2 or (head and not _counted_concept(head, self.rules["quote_chars"])):
            return "none"
        return unit_object(prev.unit)

    def _object_before_brand(self, pos: int) -> str:
        """items or cases when an object and a quoted brand stand right before pos (「事项“渝快办”网办率」),
        else none."""
        composer = self.ix.lexicon.composer
        m = composer.brand_object.match(self.ix.reversed, len(self.ix.text) - pos)
        if m is None or m["brand"][::-1] in concepts():
            return "none"
        return composer.object_kind[m["obj"][::-1]]

    def _before_periods(self, pos: int, c_start: int) -> int | None:
        """Where a run of periods (「5月、6月」) joined to pos by linking words starts, or None."""
        link, sep, moved, text = self.link, self.rules["list_separator"], None, self.ix.text
        i = bisect.bisect_left(self.starts, pos) - 1
        while (
            i >= 0 and self.numbers[i].start >= c_start and self.numbers[i].unit in self.rules["date_units"]
        ):
            between = text[self.numbers[i].end : pos]
            if moved is None:  # 「截至6月底总数」: the end of the period the figure is stated at
                between = between.removeprefix(next(_starting(between, self.rules["period_end_words"]), ""))
            if not (link.fullmatch(between) or (moved is not None and between == sep)):
                break
            pos = moved = self.numbers[i].start
            i -= 1
        if moved is not None:  # the as-of word before the periods (「截至」)
            word = next((w for w in self.rules["as_of_words"] if text.startswith(w, moved - len(w))), "")
            moved = max(c_start, moved - len(word))
        return moved

    def _listed(self, t: Trigger, ind: Indicator, n: NumberMention) -> Match:
        """A name whose concept ends a list of concepts (「“网上办”“马上办”“一次办”比例均在97%以上」): with a
        word for "each" the figure is every concept's; without, it is one share of them all together."""
        made = self.ix.lexicon.composer.parse(t.surface)
        if not made or made.measure == "count":
            why = self._joined_before(ind, t.start)
            return Match(None, why, t.start, n.end) if why else Match(ind, "name before", t.start, n.end)
        measure = made.measure or "share"
        others, start = self._concepts_before(t.start, measure, made.obj)
        if not others:
            return Match(ind, "name before", t.start, n.end)
        if not any(w in self.ix.text[t.end : n.start] for w in parts()["each_words"]):
            return Match(None, "unmapped: one share of several concepts together", start, n.end)
        also = []
        for concept in reversed(others):
            if concept is None:
                continue  # a quoted item that names no concept (「“掌上办”」) takes no figure
            other = self._fits(concept.indicators(measure, made.obj), n)
            if other and other != ind and other not in also:
                also.append(other)
        return Match(ind, "name before, with the concepts listed before it", start, n.end, tuple(also))

    def _concepts_before(self, start: int, measure: str, obj: str) -> tuple[list[Concept | None], int]:
        """The concepts listed right before start (nearest first), that the measure applies to, and where
        the list starts. With no separator, only quoted concepts make a list (「“网上办”“马上办”」). A quoted
        item that names no concept (「“掌上办”」) is one of the list too, as None, when a concept stands
        before it; with none before it, it is left out (「“渝快办”“一次办”比例」)."""
        others: list[Concept | None] = []
        rev, text, size = self.ix.reversed, self.ix.text, len(self.ix.text)
        quotes = self.rules["quote_chars"]
        kept: tuple[list[Concept | None], int] = ([], start)  # the list up to its furthest concept
        while len(others) < _MAX_LISTED:
            sep = self._sep_before(start)
            if not sep and not (start > 0 and text[start] in quotes and text[start - 1] in quotes):
                break
            if self.ix.is_masked(start - sep - 1):
                break
            m = self.ix.lexicon.concept_before.match(rev, size - start + sep)
            if not m:
                m = self.ix.lexicon.composer.quoted_item.match(rev, size - start + sep)
                if not m:
                    break
                others.append(None)
                start = start - sep - len(m.group())
                continue
            concept = concepts()[self.ix.strip_quotes(m.group()[::-1])]
            if not concept.indicators(measure, obj):
                break  # not a concept this measure applies to (「“好差评”主动评价率」)
            others.append(concept)
            start = start - sep - len(m.group())
            kept = (list(others), start)
        return kept

    def _respective_concepts(self, n: NumberMention, c_start: int, c_end: int) -> Match | None:
        """「“最多跑一次”“一次不用跑”事项比例分别达到99.2%、88.5%」: concepts listed before one name, then
        分别 and as many numbers: the k-th number is the k-th concept's."""
        k = self.ix.respectively.find(c_start, n.start)
        if k < 0:
            return None
        t = self.ix.name_ending_at(k, c_start)
        made = self.ix.lexicon.composer.parse(t.surface) if t else None
        if made is None:
            return None
        measure = made.measure or "share"
        listed, start = self._concepts_before(t.start, measure, made.obj)
        listed = [*reversed(listed), made.concept]
        first, stop = bisect.bisect_right(self.starts, k), bisect.bisect_left(self.starts, c_end)
        i = bisect.bisect_left(self.starts, n.start)
        if len(listed) < 2 or stop - first != len(listed) or not first <= i < stop:
            return None
        concept = listed[i - first]
        ind = self._fits(concept.indicators(measure, made.obj), n) if concept else None
        return Match(ind, "respectively, the concepts listed", start, n.end) if ind else None

    def _subject_after(self, n: NumberMention, c_end: int) -> Match | None:
        """A share before the subject it measures (「90%的日办件量都能当场办结」), also when two shares
        share one (「98%的事项、92%的办件可网上办理」). What stands between the share and the next
        one or the concept says whether it is a share of items or of cases."""
        if n.unit != "%":
            return None
        text = self.ix.text
        m = self.ix.lexicon.concept.search(text, n.end, min(c_end, n.end + parts()["subject_max_chars"]))
        if m is None or self.ix.is_masked(m.start()):
            return None
        shares = parts()["share_words"] + parts()["measures"]["share"]
        if text.startswith(measure_words(), m.end()) or any(w in text[n.end : m.start()] for w in shares):
            return None  # a name of its own, or a subject that is itself a share
        after = self.link.match(text, m.end()).end()
        k = bisect.bisect_left(self.starts, after)
        if k < len(self.numbers) and self.numbers[k].start == after:
            return None  # the concept names the number after it (「…精简21.4%、承诺办理时限压缩41.9%」)
        own_end = m.start()
        for k in range(bisect.bisect_right(self.starts, n.start), len(self.numbers)):
            if self.numbers[k].start >= m.start():
                break
            if self.numbers[k].unit != "%":
                return None
            own_end = min(own_end, self.numbers[k].start)
        if own_end == m.start() and self.rules["list_separator"] in text[n.end : own_end]:
            return None  # the share ends a list; the concept begins another item of it
        # another share first: only its object may stand between (「98%的事项、92%的办件」「97%以上…事项和」)
        own = text[n.end : own_end].rstrip("".join(list_joiners())) if own_end < m.start() else ""
        if own and not own.endswith(_object_words()):
            return None  # a subject of its own (「100%进驻实体大厅、99.92%纳入综合窗口受理」)
        if (m := self._respective_subject(n, m)) is None:  # 「98%和85%的事项分别实现网上可办和全程网办」
            return None
        concept = concepts()[self.ix.strip_quotes(m.group())]
        if not concept.subject_share:
            return None  # a cut of time is no share of the items written before it
        ind = self._fits(concept.indicators("share", self._subject_kind(n.end, own_end)), n)
        return Match(ind, BEFORE_SUBJECT[0], n.start, m.end()) if ind else None

    def _subject_kind(self, start: int, end: int) -> str:
        between = self.ix.text[start:end]
        kinds = {kind for word, kind in self.ix.lexicon.composer.object_kind.items() if word in between}
        return "items" if "items" in kinds else "cases" if "cases" in kinds else "none"

    def _share_after_count(self, n: NumberMention, s_start: int, c_start: int) -> Match | None:
        """「“零跑腿”事项达到1081项，占比99.91%」: a clause of only a share word and its number gives
        the share of the concept counted earlier in the sentence. A list separator right after the count
        opens such a clause too (「“零跑动”事项1200项、占比85%」)."""
        if n.unit != "%":
            return None
        sep = self.rules["list_separator"]
        k = self.ix.text.rfind(sep, max(c_start, n.start - self.rules["link_max_chars"]), n.start)
        i = bisect.bisect_left(self.starts, n.start) - 1
        if k >= 0 and i >= 0 and self.numbers[i].end == k:  # the count, then 、 (Performance: rare)
            c_start = k + len(sep)
        if c_start <= s_start:
            return None
        if n.start - c_start > self.rules["link_max_chars"]:  # Performance: no slice of a long clause
            return None
        prefix = self.ix.text[c_start : n.start]
        if not any(w in prefix for w in parts()["share_words"]) or not _share_prefix().fullmatch(prefix):
            return None
        # the concept nearest before the clause, read backwards from it (at most a few clauses back)
        size = len(self.ix.text)
        floor = max(s_start, c_start - parts()["count_share_max_chars"])
        lx = self.ix.lexicon
        back = lx.concept_before.search(self.ix.reversed, size - c_start, size - floor)
        last = None if back is None else lx.concept.match(self.ix.text, size - back.end())
        if last is not None and "share" not in concepts()[self.ix.strip_quotes(last.group())].codes:
            # a verb counting the concept's cases (「“网上办”事项办结6312件，占比96.9%」): the one before it
            back = lx.concept_before.search(self.ix.reversed, back.end(), size - floor)
            last = None if back is None else lx.concept.match(self.ix.text, size - back.end())
        if last is None or self.ix.is_masked(last.start()):
            return None
        counts = [
            m
            for m in self.numbers[
                bisect.bisect_left(self.starts, last.end()) : bisect.bisect_left(self.starts, c_start)
            ]
            if m.unit not in self.rules["date_units"]
        ]
        object_at = last.end()  # where the object the count counts is named
        if not counts:  # 「1580项政务服务事项实现“全程网办”，占比92.5%」: the count before the concept
            counts = self._count_before(last.start())
            object_at = counts[0].end if counts else object_at
        if not counts or counts[0].unit == "%" or not all(self._done_count(m) for m in counts[1:]):
            return None  # the share divides the one count of the concept (not 「…好评4519条，差评2条，占比」)
        # what the count counts: its unit says so (「“网上办”事项6312件」 counts cases), else the object named
        kind = unit_object(counts[0].unit)
        if kind == "none":
            kind = next(
                (
                    k
                    for w, k in self.ix.lexicon.composer.object_kind.items()
                    if self.ix.text.startswith(w, object_at)
                ),
                kind,
            )
        p = last.start()
        if p > 0 and self.ix.lexicon.concept_before.match(
            self.ix.reversed, len(self.ix.text) - p + self._sep_before(p)
        ):
            return None  # 「“最多跑一趟”和“一趟不用跑”事项达1433项，占比93%」: one share of two concepts
        concept = concepts()[self.ix.strip_quotes(last.group())]
        ind = self._fits(concept.indicators("share", kind), n) if concept.count_share else None
        if ind is None:
            return None
        return Match(ind, "share after the count it divides", last.start(), n.end, screen_from=last.start())

    def _count_before(self, concept_start: int) -> list[NumberMention]:
        """The count right before a concept in its clause, at most count_concept_max_chars before it
        (「1230个事项实现了“不见面审批”」), as a list of it; else []."""
        k = bisect.bisect_left(self.starts, concept_start) - 1
        if k < 0 or self.dated[k]:
            return []
        m = self.numbers[k]
        if (
            m.start < self.ix.clause(concept_start)[0]
            or concept_start - m.end > parts()["count_concept_max_chars"]
        ):
            return []
        return [m]

    def _done_count(self, m: NumberMention) -> bool:
        """Does a count stand in a clause of only a verb of progress (「，完成1535项」), so that it counts the
        concept counted before it, in the same unit (「“最多跑一次”事项1615项，完成1535项，占比95%」)?"""
        c_start = self.ix.clause(m.start)[0]
        if m.start - c_start > self.rules["link_max_chars"]:
            return False
        prefix = self.ix.text[c_start : m.start]
        return any(w in prefix for w in parts()["count_share_verbs"]) and bool(
            _share_prefix(verbs=True).fullmatch(prefix)
        )

    def _sep_before(self, p: int) -> int:
        return next(
            (len(w) for w in parts()["concept_separators"] if self.ix.text.startswith(w, p - len(w))), 0
        )

    def _series(self, n: NumberMention, s_start: int, c_start: int) -> Match | None:
        """「主动评价率4月提升至85.2%，5月、6月提升至91%」: periods and linking words alone, at the start of
        a clause or right after a figure (「…84.57%9月、10月提升至100%」), continue the figure before."""
        start, pos = self.periods_before
        if start != n.start:
            pos = self._before_periods(n.start, c_start)
        if pos is None:
            return None
        i = bisect.bisect_left(self.starts, pos) - 1  # the run may follow the figure it continues directly
        start = max(c_start, self.numbers[i].end if i >= 0 else 0)
        if pos - start > 2 or self.ix.text[start:pos].strip(self.rules["quote_chars"] + " \u3000"):
            return None
        return self.carry(n, "a series: the indicator of the figure before")

    def carry(self, n: NumberMention, reason: str) -> Match | None:
        """The indicator of the last number mapped in n's sentence, when n's unit fits it: for a figure
        that continues a series or breaks one down by place (「其中赤坎区1200条、霞山区2300条」)."""
        if self.last is None or self.last[0] < self.ix.sentence(n.start)[0]:
            return None  # no number mapped earlier in its sentence
        ind = self._fits([self.last[1]], n)
        if ind is None:
            return None
        self.last = (n.start, ind)
        return Match(ind, reason, n.start, n.end)

    def _each_named_item(self, n: NumberMention, c_start: int) -> Match | None:
        """「网上可办率和政务服务事项编目覆盖率均达100%」: names of figures listed before 均 and one number,
        the nearest naming no indicator: the items that name one take the figure, the others none."""
        text, size = self.ix.text, len(self.ix.text)
        near = text[max(c_start, n.start - self.rules["link_max_chars"]) : n.start]
        if not any(w in near for w in parts()["each_words"]):
            return None  # Performance: the usual number has no 均 right before it
        run = self.ix.lexicon.link_run.match(self.ix.reversed, size - n.start).end() - (size - n.start)
        end = next(  # where the nearest item ends: a measure, then linking words only
            (
                n.start - k
                for k in range(min(run, self.rules["link_max_chars"]), 0, -1)
                if text.endswith(measure_words(), c_start, n.start - k)
                and self.link.fullmatch(text, n.start - k, n.start)
            ),
            None,
        )
        if end is None or not any(w in text[end : n.start] for w in parts()["each_words"]):
            return None
        seps = list(_separators().finditer(text, c_start, end))
        bounds = [c_start, *(p for m in seps for p in (m.start(), m.end())), end]
        named = []
        for i_start, i_end in zip(bounds[::2], bounds[1::2]):
            t = self.ix.name_ending_at(i_end, i_start)
            ind = self._named(t, n) if t else None
            if ind and ind not in (other for _, other in named):
                named.append((t.start, ind))
        if not seps or not named or named[-1][0] >= bounds[-2]:
            return None  # no list, no name, or the nearest item names an indicator (a rule before reads it)
        also = tuple(ind for _, ind in named[1:])
        return Match(named[0][1], "a list of names, some naming no indicator", named[0][0], n.end, also)
