"""The indicator names, programme names and linking words of the codebook, compiled into regexes.

Built once per process from gwfw/langdata (indicators.csv, extraction.yaml). Names are matched
longest first (as prefix trees, gwfw/extract/names.py, which also composes names from parts); quotes
inside a name are optional. The patterns that read *backwards* (on the reversed
text) find the name ending right before a number in one regex match instead of a scan: that is for
speed, the rule itself is "the nearest name before the number, joined by linking words only".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from ..langdata import load_yaml
from .codebook import Indicator, load_codebook
from .names import ComposedNames, concept_surfaces, parts, trie_regex
from .numerals import NumberMention


class Trigger(NamedTuple):
    start: int
    end: int
    surface: str


@cache
def rules() -> dict:
    """extraction.yaml, its linking words completed by the changes to a level (see _change_links)."""
    r = dict(load_yaml("extraction.yaml"))
    r["link_words"] = [*r["link_words"], *_change_links(r)]
    return r


def _change_links(r: dict) -> list[str]:
    """A change verb and a word for "to" link a name to the level it reached, as 提升至 does
    (「自助服务设备增至62台」「好评率升至99.9%」): every such pair is a linking word, so a province's
    verb needs no entry of its own; so is a pair after a baseline (「较上年提升至」), which alone links
    nothing."""
    listed = set(r["link_words"])
    pairs = (
        base + verb + to
        for base in ["", *r["change_baselines"]]
        for verb in r["change_verbs"]
        for to in r["change_to"]
    )
    return sorted({w for w in pairs if w not in listed})


@cache
def list_joiners() -> tuple[str, ...]:
    """What joins the items of a list of names: 「、」 and 和, 及, 与 (extraction.yaml)."""
    r = rules()
    return (r["list_separator"], *r["list_separators_more"])


@cache
def units_accepted() -> dict[str, frozenset[str]]:
    """A codebook unit -> the units of numbers that may measure it (unit_accepts in extraction.yaml)."""
    return {unit: frozenset(units) for unit, units in rules()["unit_accepts"].items()}


@cache
def _units_by_indicator() -> dict[str, frozenset[str]]:
    """An indicator code -> the units its numbers may have, where narrower than its codebook unit's."""
    return {code: frozenset(units) for code, units in rules()["unit_accepts_by_indicator"].items()}


def unit_fits(ind: Indicator, unit: str) -> bool:
    narrow = _units_by_indicator().get(ind.code)
    if narrow is not None:
        return unit in narrow
    return unit in units_accepted().get(ind.unit, frozenset({ind.unit}))


def count_fits(ind: Indicator, n: NumberMention) -> bool:
    """Is n a count of ind in a unit ind's own would not admit: none, but a magnitude word
    (「共办理政务服务事项15万余」), or cases written in 项, too many to be items
    (「全区受理政务事项115.92万项」: extraction.yaml cases_in_items)?"""
    if ind.kind != "count":
        return False
    if not n.unit:
        return any(w in n.text for w in parts()["unitless_magnitudes"])
    many = rules()["cases_in_items"]
    return n.unit == many["unit"] and ind.unit == many["indicator_unit"] and n.value >= many["min_value"]


def _surface_regex(surface: str, quotes: str) -> str:
    """Quotes in a surface form are optional and interchangeable: “全程网办”事项 = 全程网办事项."""
    q = f"[{re.escape(quotes)}]?"
    return "".join(q if ch in quotes else re.escape(ch) for ch in surface)


@cache
def _no_quotes() -> dict[int, None]:
    return str.maketrans("", "", rules()["quote_chars"])


def strip_quotes(s: str) -> str:
    return s.translate(_no_quotes())


@dataclass(frozen=True)
class CompiledNames:
    names: dict[str, list[Indicator]]  # quote-free surface form listed whole -> indicators named by it
    topics: dict[str, list[Indicator]]  # quote-free programme name -> indicators it governs
    afters: dict[str, list[Indicator]]  # quote-free phrase after a rate -> indicators it names
    name_before: re.Pattern  # on reversed text: a name (listed or composed) ending at a position
    # on reversed text: linking words, then a name (「办结率达」 read backwards)
    linked_name_before: re.Pattern
    link_run: re.Pattern  # on reversed text: the characters that linking words, quotes and spaces are made of
    links_before: dict[str, list[str]]  # on reversed text: first character -> linking words, longest first
    name_after: re.Pattern  # a name (listed or composed) starting at a position
    topic: re.Pattern
    rate_after: re.Pattern  # linking words, then a phrase that follows a rate (「的事项已实现全程网办」)
    listed_before: re.Pattern  # on reversed text: the longest listed name ending at a position
    listed_after: re.Pattern  # the longest listed name starting at a position
    composer: ComposedNames  # names composed from parts (gwfw/langdata/name_parts.yaml)
    concept_before: re.Pattern  # on reversed text: the longest concept ending at a position
    concept: re.Pattern  # concepts, forward
    anchors: re.Pattern  # a part every name holds (see name_anchors)

    def lookup(self, surface: str) -> list[Indicator]:
        """The indicators a quote-free name found in a text may measure: a name listed whole in the
        codebook first, else what its parts compose to."""
        listed = self.names.get(surface)
        if listed is not None:
            return listed
        made = self.composer.parse(surface)
        return made.concept.indicators(made.measure, made.obj) if made else []


def _alternation(forms, quotes: str, reverse: bool = False) -> re.Pattern:
    ordered = sorted(set(forms), key=lambda f: (-len(strip_quotes(f)), f))
    return re.compile("|".join(_leading_quote(f[::-1] if reverse else f, quotes) for f in ordered))


def _leading_quote(surface: str, quotes: str) -> str:
    """_surface_regex, with an optional quote at the start written as one alternative per quote, then none
    (“一件事 -> “一件事|”一件事|…|一件事: the same matches in the same order). Performance: when every
    alternative starts with a character, re scans a text for those characters at C speed."""
    if not surface or surface[0] not in quotes:
        return _surface_regex(surface, quotes)
    rest = _surface_regex(surface[1:], quotes)
    return "|".join([*(re.escape(q) + rest for q in quotes), rest])


def names_before(
    surfaces, link_words, quotes: str, composed: str = ""
) -> tuple[re.Pattern, re.Pattern, re.Pattern, dict[str, list[str]]]:
    """The CompiledNames fields that read names and linking words backwards
    (see TextIndex.linked_name_gap); `composed`: the backward pattern of composed names, an
    alternative to the names listed whole (a prefix tree of them: names_before(...)[0])."""
    before = trie_regex(surfaces, quotes, reverse=True)
    before = re.compile(f"(?:{composed})|(?:{before})" if composed else before)
    link_words = sorted(link_words, key=len, reverse=True)
    # Performance: the linking words as a prefix tree (the longer first at each branch, as in the sorted list)
    linked = trie_regex(link_words, "", reverse=True)
    linked = re.compile(rf"(?:{linked}|[{re.escape(quotes)}]|\s)*?(?P<name>{before.pattern})")
    link_run = re.compile(rf"[{re.escape(''.join(link_words) + quotes)}\s]*")
    links: dict[str, list[str]] = {}
    for w in link_words:
        links.setdefault(w[-1], []).append(w[::-1])
    return before, linked, link_run, links


@cache
def compiled_names() -> CompiledNames:
    quotes = rules()["quote_chars"]
    names: dict[str, list[Indicator]] = {}
    topics: dict[str, list[Indicator]] = {}
    afters: dict[str, list[Indicator]] = {}
    for ind in load_codebook():
        for form in ind.surface_forms:
            names.setdefault(strip_quotes(form), []).append(ind)
        for form in ind.topic_forms:
            topics.setdefault(strip_quotes(form), []).append(ind)
        for form in ind.after_forms:
            afters.setdefault(strip_quotes(form), []).append(ind)
    listed = [f for ind in load_codebook() for f in ind.surface_forms]
    decoys = rules()["decoy_names"] + [p + f for p in rules()["negating_prefixes"] for f in listed]
    for decoy in decoys:  # matched like a name, so it hides the shorter name inside it
        names[strip_quotes(decoy)] = []
    surfaces = listed + decoys
    composer = ComposedNames()
    after_links = "|".join(re.escape(w) for w in sorted(rules()["rate_after_links"], key=len, reverse=True))
    after_forms = [f for ind in load_codebook() for f in ind.after_forms]
    after_phrases = _alternation(after_forms, quotes)
    rate_after = re.compile(rf"(?:{after_links}|[{re.escape(quotes)}]|\s)*?(?P<name>{after_phrases.pattern})")
    concept_forms = [f"{quotes[0]}{form}{quotes[0]}" for form in concept_surfaces()]
    listed_after = trie_regex(surfaces, quotes)
    return CompiledNames(
        names,
        topics,
        afters,
        *names_before(surfaces, rules()["link_words"], quotes, f"(?x:{composer.backward.pattern})"),
        re.compile(f"(?x:{composer.forward.pattern})|(?:{listed_after})"),
        _alternation([f for ind in load_codebook() for f in ind.topic_forms], quotes),
        rate_after,
        re.compile(trie_regex(surfaces, quotes, reverse=True)),
        re.compile(listed_after),
        composer,
        re.compile(trie_regex(concept_forms, quotes, reverse=True)),
        re.compile(trie_regex(concept_forms, quotes)),
        re.compile(trie_regex(name_anchors(surfaces + after_forms, concept_surfaces(), quotes), "")),
    )


def name_anchors(surfaces, concept_forms, quotes: str) -> list[str]:
    """Words at least one of which every indicator name holds, whole: the longest quote-free piece of
    each name listed whole, and of each concept (a composed name cannot go without its concept). A clause
    that holds none of them holds no name (Performance: see TextIndex.may_hold_name)."""
    pieces = (max(re.split(f"[{re.escape(quotes)}]", form), key=len) for form in [*surfaces, *concept_forms])
    return sorted({piece for piece in pieces if piece})


@cache
def link_pattern() -> re.Pattern:
    """A run of linking words, quotes and spaces. Performance: the words as a prefix tree (the longer first at
    each branch, as a list sorted by length would try them)."""
    r = rules()
    return re.compile(rf"(?:{trie_regex(r['link_words'], '')}|[{re.escape(r['quote_chars'])}]|\s)*")
