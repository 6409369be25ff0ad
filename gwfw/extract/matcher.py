"""Which codebook indicator, if any, a number in a report measures.

An indicator name binds a number when it stands right before it, joined only by linking words
(「办结率达100%」「大厅共有窗口134个」), or right after a count (「1338项依申请类政务服务事项」).
Programme names (topic forms such as 一件事一次办, 跨省通办) reach across their sentence, once per
indicator, but not into a breakdown (「其中…」). The number's unit must fit the indicator's unit, and
the sentence must carry the indicator's required context words and none of its excluded ones.
Every decision is explained in `Match.reason`, so unmapped numbers say why.
The text's boundaries and names come from gwfw.extract.text_index, computed once per text.
"""

from __future__ import annotations

import bisect
from functools import cache
from itertools import accumulate

from .codebook import Indicator, load_codebook
from .composed_rules import ComposedRules
from .counted_things import CountedThings, done_ends
from .level_rules import LevelRules, change_to_level, clause_end_chars, to_ends
from .linked_rules import LinkedRules
from .list_rules import SHARED, ListRules
from .name_patterns import (
    Trigger,
    compiled_names,
    count_fits,
    link_pattern,
    rules,
    strip_quotes,
    unit_fits,
    units_accepted,
)
from .names import BEFORE_SUBJECT, NO_NAME, Match, parts
from .numerals import NumberMention
from .programme_rules import ProgrammeRules
from .scope_words import package_named
from .scope_words import patterns as scope_patterns
from .text_index import TextIndex


@cache
def figure_units() -> frozenset[str]:
    """The units some indicator may be counted in: a number in another (平方米, 元) is no figure of one."""
    return frozenset().union(*units_accepted().values(), (ind.unit for ind in load_codebook()))


@cache
def _after_units() -> frozenset[str]:
    """The units of the numbers a phrase after them can name (_phrase_after): those its indicators accept,
    and none ('') when one of them is a count (see name_patterns.count_fits)."""
    inds = [ind for found in compiled_names().afters.values() for ind in found]
    unitless = {""} if any(ind.kind == "count" for ind in inds) else set()
    return frozenset().union(unitless, *(units_accepted().get(ind.unit, {ind.unit}) for ind in inds))


@cache
def _link_firsts() -> frozenset[str]:
    """What a run of linking words can start with (a word's first character, a quote, a space)."""
    r = rules()
    return frozenset([*(w[0] for w in r["link_words"]), *r["quote_chars"], " ", "\u3000"])


@cache
def _label_opens() -> frozenset[str]:
    """The marks after which a name labels the number opening the next clause (「：」「（」)."""
    marks = rules()["label_marks"]
    return frozenset(marks["colons"] + marks["opening"])


@cache
def _formula_near() -> frozenset[str]:
    """A joiner or a quote: what must stand right before or after a numeral in a formula."""
    return frozenset(rules()["formula_joiners"] + rules()["quote_chars"])


@cache
def _sep_ends() -> frozenset[str]:
    """The last characters of the separators of a list of names (「、」「和」…)."""
    return frozenset(w[-1] for w in parts()["concept_separators"])


class Matcher(ComposedRules, CountedThings, LevelRules, LinkedRules, ListRules, ProgrammeRules):
    """Maps the numbers of one text to indicators, left to right (the rules by which composed names
    reach beyond the name right before a number are in ComposedRules, levels stated through a list or a
    change in LevelRules)."""

    def __init__(self, index: TextIndex, numbers: list[NumberMention], title: str = ""):
        """title: the report's, whose words of context hold for all its sentences (see _in_context)."""
        self.ix = index
        self.title = title
        self.rules = index.rules
        self.numbers = numbers
        # Performance: state kept so that a number costs a few bisections, however many names its sentence has
        self.starts = [m.start for m in numbers]
        self.label_opens, self.note_closes = _label_opens(), frozenset(self.rules["label_marks"]["closing"])
        self.reached_words = tuple(self.rules["value_reached"]["words"])
        self.to_ends = to_ends()
        self.clause_end_chars = clause_end_chars()
        self.link_max = self.rules["link_max_chars"]
        self.link_firsts = _link_firsts()
        self.rank_ends = frozenset(w[-1] for w in self.rules["rank_words"])
        self.date_units = frozenset(self.rules["date_units"])
        self.dated = [m.unit in self.date_units for m in numbers]  # a date or period (「5月」)
        # the numbers right before one after a word for "to" (may be the level before a change: 「由164个精简
        # 至70个」), and those right after a date or period (a run of periods may stand before them)
        text = index.text
        self.before_to = {a.start for a, b in zip(numbers, numbers[1:]) if text[b.start - 1] in self.to_ends}
        self.after_dated = {b.start for a, b in zip(numbers, numbers[1:]) if a.unit in self.date_units}
        # (programme form, indicator code) -> the names of that form already bound to it, as sorted indices
        self.bound: dict[tuple[str, str], list[int]] = {}
        # codebook unit -> running count of numbers that fit it ("a figure of the same kind in between")
        self.fitting_counts: dict[str, list[int]] = {}
        self.lists: dict[tuple[int, int], tuple] = {}  # (clause start, 分别) -> its list (see _respectively)
        # the last sentence looked at and its figure's clause end, and for each indicator code whether it is
        # in context there (see _in_context)
        self.context: tuple[tuple, dict[str, bool]] = (((-1, -1), -1), {})
        self.last: tuple[int, Indicator] | None = None  # the last number mapped: its start, its indicator
        self.link = link_pattern()
        self.done_ends = done_ends()
        self.mode_codes = frozenset(self.rules["mode_before_cases"]["indicators"])
        self.level_words = tuple(self.rules["own_level_words"])  # see _name_after
        self.requests = tuple(self.rules["request_openings"])
        self.accepted = figure_units()
        self.after_units = _after_units()
        self.formula_near = _formula_near()
        # a number's start, where periods before it start (see _near_before)
        self.periods_before: tuple[int, int | None] = (-1, None)

    def _whole_sentence_start(self, start: int) -> int:
        """Where the whole sentence holding the sentence that starts at start begins (「；」 ends no whole
        sentence), at most context_back_chars back."""
        ends = self.ix.whole_sentence_ends
        i = bisect.bisect_left(ends, start) - 1
        return max(ends[i] + 1 if i >= 0 else 0, start - self.rules["context_back_chars"])

    def _in_context(self, ind: Indicator, pos: int) -> bool:
        """Does the sentence at pos hold a word the indicator requires, and none it excludes up to the end
        of pos's clause (「…满意率达到99.99%，近两年实现无有效投诉」: the complaints come after)? The required
        word may stand in an earlier part of the whole sentence (「进驻率87.2%；…窗口总数57个」) or in the
        report's title (「…政务服务中心建成投运」: its windows are the hall's). A word of
        the service hall in an earlier clause ends what an excluded word before it says (「依托…12345民生
        热线以及…进驻行政服务中心的优势，…共受理各类事项263156件」), as it ends a hotline's zone
        (gwfw/extract/zones.py). Decided once per stretch and indicator."""
        if not (ind.context_required or ind.context_excluded):
            return True
        bounds = self.ix.sentence(pos)
        c_start, c_end = self.ix.clause(pos)
        key = (bounds, c_end)
        if key != self.context[0]:
            self.context = (key, {})
        decided = self.context[1]
        if ind.code not in decided:
            text, (start, end) = self.ix.text, bounds
            ok = ind.in_context(text[start:end], text[start:c_end])
            if not ok and ind.context_required:  # the whole sentence and the title may hold the required word
                wider = self.title + text[self._whole_sentence_start(start) : end]
                ok = ind.in_context(wider, text[start:c_end])
            if not ok and ind.context_excluded and start < c_start:
                back = max(start, c_start - self.rules["context_back_chars"])  # (a long sentence: flat cost)
                resets = [*scope_patterns().reset.finditer(text, back, c_start)]
                ok = bool(resets) and ind.in_context(text[start:end], text[resets[-1].start() : c_end])
            decided[ind.code] = ok
        return decided[ind.code]

    def _fits(self, candidates: list[Indicator], n: NumberMention) -> Indicator | None:
        for ind in candidates:
            fits = unit_fits(ind, n.unit) or count_fits(ind, n)
            if fits and self._in_context(ind, n.start):
                return ind
        return None

    def _fitting_between(self, ind: Indicator, start: int, end: int) -> bool:
        """Does a number starting inside [start, end) have a unit that fits the indicator?"""
        counts = self.fitting_counts.get(ind.code)  # by code: some indicators narrow their unit's
        if counts is None:
            counts = list(accumulate((unit_fits(ind, m.unit) for m in self.numbers), initial=0))
            self.fitting_counts[ind.code] = counts
        return counts[bisect.bisect_left(self.starts, end)] > counts[bisect.bisect_left(self.starts, start)]

    def _named(self, t: Trigger | None, n: NumberMention) -> Indicator | None:
        """What a name found for n gives it. A share named without its object (「网办率」) right after a count
        of items is a share of items (「可网办事项1580项，网办率99.5%」), of some after a count of cases."""
        if not t:
            return None
        found = self.ix.lexicon.lookup(t.surface)
        made = self.ix.lexicon.composer.parse(t.surface)
        if made and made.obj == "none" and made.measure != "count":
            before = self.ix.text[max(0, t.start - 6) : t.start].rstrip(self.rules["quote_chars"])
            if before.endswith(tuple(parts()["case_share_words"])):  # 「实际“网上办”比例」: cases handled so
                return self._fits(made.concept.indicators("share", "cases") + found, n)
            kind = self._object_counted_before(t.start)
            if kind == "none":  # 「事项“渝快办”网办率」
                kind = self._object_before_brand(t.start)
            # a count of cases turns 即办率 into a case share, not 网上可办率 (after_count, name_parts)
            if kind in made.concept.after_count:
                found = made.concept.indicators("share", kind) + found
        return self._fits(found, n)

    def _is_formula(self, n: NumberMention) -> bool:
        """A joiner right around the numeral, quotes aside (asked when a joiner or a quote stands there)."""
        joiners, quotes = self.rules["formula_joiners"], self.rules["quote_chars"]
        text = self.ix.text
        before = text[max(0, n.numeral_start - 2) : n.numeral_start].strip(quotes)
        after = text[n.numeral_end : n.numeral_end + 2].strip(quotes)
        return bool(before[-1:] and before[-1] in joiners) or bool(after[:1] and after[0] in joiners)

    def _near_before(self, n: NumberMention, c_start: int, named: bool) -> Match | None:
        """The name closest before the number, joined by linking words only (「办结率达100%」), or by
        periods and linking words (「主动评价率4月提升至85.2%」). named: may the clause hold a name?"""
        found = self._name_before(n.start, n, c_start) if named else None
        if found is None:
            # Performance: kept for _series, which asks the same; a run of periods needs one right before
            before = self._before_periods(n.start, c_start) if n.start in self.after_dated else None
            self.periods_before = (n.start, before)
            if before is not None and named:
                found = self._name_before(before, n, c_start)
        return found or (self._collected(n, c_start) if named else None)

    def _name_before(self, pos: int, n: NumberMention, c_start: int) -> Match | None:
        gap = self.ix.linked_name_gap(pos)
        if gap is None:
            return None
        if gap <= self.rules["link_max_chars"]:  # the usual case: the nearest name fits
            t = self.ix.name_ending_at(pos - gap, c_start)
            ind = self._named(t, n)
            if ind:
                return self._listed(t, ind, n)
        # rare: a nearer name does not fit; look further back
        for far in range(gap + 1, min(self.rules["link_max_chars"], pos - c_start) + 1):
            if not self.link.fullmatch(self.ix.text, pos - far, pos):
                continue
            t = self.ix.name_ending_at(pos - far, c_start)
            ind = self._named(t, n)
            if ind:
                return self._listed(t, ind, n)
        return None

    def _name_after(self, n: NumberMention) -> Match | None:
        """A count right before the name it counts (「1338项依申请类政务服务事项」), or a share before 的 and
        the name of its rate (「以98.5%的主动评价率位居全市第一」)."""
        pos, text = n.end, self.ix.text
        while pos < len(text) and (text[pos] == " " or text[pos] in self.rules["quote_chars"]):
            pos += 1
        if n.unit == "%" and text.startswith(self.rules["rate_before_name"], pos):  # a rate's own name only
            t = self.ix.name_starting_at(pos + len(self.rules["rate_before_name"]))
            rate = t and t.surface.endswith(tuple(parts()["measures"]["share"])) and self._named(t, n)
            return Match(rate, "share before its name", n.start, t.end) if rate else None
        if text.startswith(self.level_words, pos):  # 「198项区级行政许可事项」
            pos += len(next(w for w in self.level_words if text.startswith(w, pos)))
        t = self.ix.name_starting_at(pos)
        ind = self._named(t, n)
        if t and not ind:  # 「6739项依申请政务服务事项网上可办率达93.68%」: the count takes the shorter name
            t = self.ix.listed_name_starting_at(pos)
            ind = self._named(t, n)
        if not ind and (verb_object := self._between_verb_and_object(n, pos)):  # 「办理4.5万件…事项」
            t, ind = verb_object, self._named(verb_object, n)
        if ind and (why := self._not_counted(ind, n, t.end)):
            return Match(None, why, n.start, t.end)
        ind = ind and self._narrower_after(ind, t.end)  # 「17个综合受理窗口无差别受理…」
        counted = ind and ind.measure != "rate"
        return Match(ind, "name after", min(n.start, t.start), t.end) if counted else None

    def _phrase_after(self, n: NumberMention) -> Match | None:
        """A rate right before a phrase that names it (「93%可网上办理」)."""
        m = self.ix.lexicon.rate_after.match(self.ix.text, n.end)
        if m and m.end() - n.end <= self.rules["link_max_chars"] + len(m.group("name")):
            ind = self._fits(self.ix.lexicon.afters.get(strip_quotes(m.group("name")), []), n)
            if ind:
                return Match(ind, BEFORE_SUBJECT[1], n.start, m.end())
        return None

    def match(self, n: NumberMention, sentence: tuple[int, int] | None = None) -> Match:
        """What n measures. sentence: the bounds of its sentence, when the caller has them already."""
        ix = self.ix
        text = ix.text  # (Performance: both read once, asked many times below)
        if n.unit in self.date_units:
            return Match(None, "unmapped: a date or period", n.start, n.end)
        if n.unit not in self.accepted:
            return Match(None, f"unmapped: no indicator is counted in {n.unit}", n.start, n.end)
        if ix.masked and ix.is_masked(n.start):
            return Match(None, "unmapped: inside a document title", n.start, n.end)
        if (
            (  # Performance: a formula needs a joiner or a quote right around the numeral
                text[n.numeral_start - 1 : n.numeral_start] in self.formula_near
                or text[n.numeral_end : n.numeral_end + 1] in self.formula_near
            )
            and self._is_formula(n)
        ):
            return Match(None, "unmapped: part of a label or formula", n.start, n.end)
        s_start = (sentence := sentence or ix.sentence(n.start))[0]
        if n.start in self.before_to and self._before_change(n, ix.clause(n.start)[0]):
            return Match(None, "unmapped: the level before a change", n.start, n.end)
        found = None
        if ix.respectively.starts:  # Performance: most texts have no 分别
            c_start, c_end = ix.clause(n.start)
            found = self._respectively(n, c_start, c_end)
            if found is None or found.indicator is None or found.reason == SHARED:  # concepts listed first
                found = self._respective_concepts(n, c_start, c_end) or found
            if found and found.indicator is None:
                return found
        # Performance: no rule maps a number whose sentence holds no name (a number broken over a line may)
        if n.end <= sentence[1] and not ix.sentence_may_map(sentence):
            return Match(None, NO_NAME, n.start, n.end)
        c_start, c_end = ix.clause(n.start)  # (Performance: after the check above, which most numbers end at)
        # The rules in order, the first that finds something decides. Performance: a rule that cannot apply
        # (it reads shares only, needs 至 right before the number, or names in a clause with none) is skipped.
        named = ix.may_hold_name(c_start, c_end if n.end <= c_end else ix.clause(n.end)[1])
        found = (
            found
            or (self._name_after(n) if named else None)
            or (self._phrase_after(n) if n.unit in self.after_units else None)  # Performance: shares only
            or self._near_before(n, c_start, named)
            or (  # Performance: only a figure in a unit opening its clause right after a colon or a bracket
                self._labelled(n, c_start)
                if n.start - c_start <= 1 and n.unit and text[c_start - 1 : c_start] in self.label_opens
                else None
            )
            or (self._noted(n, c_start) if text[c_start - 1 : c_start] in self.note_closes else None)
        )
        if found is None:  # Performance: the two rules below need a word of theirs right before the number
            before = text[n.start - 1 : n.start]
            if before in self.done_ends:  # 「已办57690件」
                found = self._done_after_accepted(n, s_start)
            if found is None and before in self.to_ends:
                found = self._after_change(n, c_start)
            # 「实际完成值为99.87%」: a value reached, its word (6 letters at most) and a linking word
            if found is None and any(w in text[max(0, n.start - 8) : n.start] for w in self.reached_words):
                found = self._value_reached(n, s_start, c_start)
        if found and found.indicator and found.indicator.code in self.mode_codes:  # 「掌上办办件量」
            found = self._mode_cases(found, n)
            found = self._monitored(found, n, c_start) if found.indicator else found
            found = self._published(found, n, c_start) if found.indicator else found
            found = self._kind_part(found, n) if found.indicator else found
        if found and found.indicator is None:
            return found
        if found and found.indicator.code in self.rules["generic_indicators"]:
            found = self._topic(n, s_start, c_start, c_end, before_only=True) or found
        if found is None and ix.topics:  # Performance: most texts name no programme
            found = self._topic(n, s_start, c_start, c_end)
        if found is None and n.unit == "%":
            found = self._subject_after(n, c_end) or self._share_after_count(n, s_start, c_start)
            found = found or (self._rate_of_cut(n, s_start, c_start) if s_start < c_start else None)
        if found is None and self.periods_before != (n.start, None):  # (n.start, None): no series
            found = self._series(n, s_start, c_start)
        if found is None:
            found = self._list_size(n, s_start) or (self._each_named_item(n, c_start) if named else None)
        if (  # Performance: only a short clause of linking words right after another
            found is None
            and s_start < c_start
            and n.start - c_start <= self.link_max
            and (n.start == c_start or text[c_start] in self.link_firsts)
        ):
            before = text[c_start - 2 : c_start - 1]  # a figure (a digit, a unit) or a rank may end the other
            if before in self.clause_end_chars:
                found = self._after_change_clause(n, s_start, c_start)
            elif before in self.rank_ends:  # 「綦江区主动评价率最高，为98.5%」
                found = self._ranked(n, c_start)
        if (  # Performance: a short clause after another, and a figure mapped earlier in the sentence
            found is None
            and s_start < c_start
            and self.last is not None
            and self.last[0] >= s_start
            and n.start - c_start <= self.link_max + self.rules["elided_subject_max_chars"]
        ):
            found = self._elided(n, s_start, c_start)
        if found is None or found.indicator is None:  # (a rule may say why the number is none of its figures)
            return found or Match(None, NO_NAME, n.start, n.end)
        if n.unit == "%" and (found := self._subset_share(found, n)).indicator is None:  # 「高频事项…占比」
            return found
        if found.indicator.code == self.rules["things_set_up"]["indicator"]:  # Performance: 一件事 cases only
            found = self._things_set_up(found, n, c_start)
        elif (  # 「“新生儿出生一件事”实现…等6个事项联办」: a count inside one package, none of packages
            found.indicator.code == self.rules["things_set_up"]["reads_as"]
            and (package := package_named(text, found.evidence_start))
        ):
            return Match(
                None, f"unmapped: a count inside one package ({package}), not of packages", n.start, n.end
            )
        if not found.also and text[found.evidence_start - 1 : found.evidence_start] in _sep_ends():
            found = self._each_listed(found, n, c_start)  # Performance: asked only after a separator
        if (
            ix.target_markers.inside(s_start, n.start)
            or ix.clause_target_markers.inside(c_start, n.start)
            or text[s_start : s_start + 8].lstrip().startswith(self.requests)  # 「请…确保…达到90%以上」
        ):
            return Match(None, f"unmapped: a target for {found.indicator.code}, not a result", n.start, n.end)
        # a clause opening with a list separator goes on a list split by a bracketed note: its head governs
        head = s_start if text.startswith(self.rules["list_separator"], c_start) else c_start
        if (
            found.indicator.measure == "stock"
            and ix.increment_markers.inside(head, n.start)
            and not change_to_level().match(ix.reversed, len(text) - n.start)
        ):
            return Match(
                None, f"unmapped: an increase of {found.indicator.code}, not its level", n.start, n.end
            )
        self.last = (n.start, found.indicator)
        return found
