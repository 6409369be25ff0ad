"""The words of scope.yaml, compiled once per process for gwfw/extract/scope.py: the patterns its checks
search the text with and the word tuples they compare against."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from ..langdata import load_yaml
from .name_patterns import list_joiners
from .name_patterns import rules as text_rules


@cache
def lexicon() -> dict:
    return load_yaml("scope.yaml")


def _alt(words) -> str:
    """A regex for any of the words, longest first, with shared beginnings factored out (「一件事|一业一证」
    -> 「一(?:件事|业一证)」): the same matches as the plain alternation, found faster."""
    tree: dict = {}
    for w in map(str, words):
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in node.items() if ch]
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")" if len(alts) > 1 or "" in node else alts[0]
        return body + "?" if "" in node else body  # a word ending here: the longer ones are tried first

    return build(tree)


def _not_hotline(words, names_not_before, number_not_before, negations) -> str:
    """What makes a hotline word found no hotline's (matched where it starts): a place or a mechanism of
    the hall (「投诉受理区」「投诉受理机制」); its number (12345) inside a longer one (「办件量212345件」) or
    counting something (「收到12345条评价」). Performance: a veto asked per word found, so that the scan for
    the words stays one plain alternation."""
    numbers = _alt([w for w in map(str, words) if w.isdigit()]) or "(?!)"
    names = _alt([w for w in map(str, words) if not w.isdigit()])
    return rf"""
        (?:{names})(?={_alt(names_not_before)})  # a place or a mechanism: 「投诉受理区」
        | {"|".join(f"(?<={re.escape(w)})(?:{names})" for w in negations)}  # said not to happen: 「零投诉」
        | (?<=[0-9０-９.．])(?:{numbers})         # the end of a longer number
        | (?:{numbers})(?=[0-9０-９.．{"".join(map(re.escape, number_not_before))}])  # a digit, a unit after
    """


# The word lists looked for in the text before a number, under the name of their check.
_WINDOW_LISTS = {
    "target": ("target_words",),
    "change": ("change_words",),
    "not_change": ("change_not_words",),  # read by no check: they only hide the change word inside them
    "average": ("average_words",),
    "one_day": ("one_day_words",),
    "flow_change": ("flow_change_words",),
    "wider": ("wider_area_words",),
    "department": ("department_stems", "department_names"),  # stems, and names whole
    "place": ("place_suffixes",),
    "negated": ("negated_words",),
    "sub_level": ("sub_level_words",),
    "county_level": ("county_level_words",),
    "case_part": ("case_part_words",),
    "new_venue": ("new_venue_words",),
}


class ScopeKind(NamedTuple):
    """What a scope word names, and when it names nothing narrower (scope.yaml, scopes)."""

    kind: str  # venue, programme, channel, level
    not_for: frozenset[str]  # indicators it does not narrow
    not_before: tuple[str, ...]  # what may not follow it
    needs_before: tuple[str, ...]  # what must stand before it in its sentence (a level: the whole area)
    # what may not stand shortly before it (「政务服务网涡阳分厅」: a website's page)
    not_after: tuple[str, ...]


@dataclass(frozen=True)
class Patterns:
    window: re.Pattern  # every word of _WINDOW_LISTS and the scopes: one pass over the text before a number
    checks: dict[str, frozenset[str]]  # word -> the checks it belongs to
    scope_kind: dict[str, ScopeKind]  # scope word -> what it names
    scope_label: dict[str, str]  # scope word -> the scope it names, when not the word itself (「14个…中心」)
    hotline: re.Pattern
    not_hotline: re.Pattern  # matched where a hotline word starts: it is none (see _not_hotline)
    reset: re.Pattern
    other: re.Pattern  # business other than the service hall's: information disclosure, proposals, letters
    other_reset: re.Pattern
    town_reset: re.Pattern  # a word of the whole district, in a town's own report (see Zones.town_report)
    year: re.Pattern
    department: re.Pattern
    place: re.Pattern
    item_place: re.Pattern
    plan_heading: re.Pattern
    future: re.Pattern  # a word of what is still to come (将, 建成后), asked only after a new venue's word
    units_counted: re.Pattern  # how many units a rate holds for (「4个县（市、区）」)


def _behind_lookbehinds(words, heads) -> str:
    """The words as alternatives, longest first, each behind lookbehinds for heads(word): what stands
    before it in the words it is part of that it does not name."""
    alts = []
    for word in sorted(map(str, words), key=len, reverse=True):
        alts.append("".join(f"(?<!{re.escape(h)})" for h in heads(word)) + re.escape(word))
    return "|".join(alts)


def _stems(lx: dict) -> str:
    """The department stems, not inside the words that name no department (「人民政府」: 民政 after 人)."""
    within = lx["department_stem_not_within"]
    return _behind_lookbehinds(
        lx["department_stems"], lambda s: [w[: w.index(s)] for w in within if w.find(s) > 0]
    )


def _place_suffix(lx: dict) -> str:
    """A suffix of a town's or street's name, not ending the words that name no place (「城镇」: 镇 after
    城)."""
    not_words = list(map(str, lx["place_not_words"]))
    return _behind_lookbehinds(
        lx["place_suffixes"], lambda s: [w[: -len(s)] for w in not_words if w.endswith(s) and w != s]
    )


@cache
def patterns() -> Patterns:
    lx = lexicon()
    name_not = "".join(re.escape(c) for c in lx["place_name_not"])
    kinds, labels = {}, {}
    for kind, spec in lx["scopes"].items():
        scope = ScopeKind(
            kind,
            frozenset(spec.get("not_for", [])),
            tuple(spec.get("not_before", [])),
            tuple(spec.get("needs_before", [])),
            tuple(spec.get("not_after", [])),
        )
        kinds.update(dict.fromkeys(map(str, spec["words"]), scope))
        below = scope._replace(not_for=frozenset())  # (a count of windows too)
        kinds.update(dict.fromkeys(map(str, spec.get("below_hall_words", [])), below))
        for w in map(str, spec.get("counted_words", [])):  # 「14个便民服务中心」: the scope is the centres
            for by in spec["counted_by"]:
                kinds[by + w], labels[by + w] = below, w
    checks: dict[str, set[str]] = {w: {"scope"} for w in kinds}
    for check, keys in _WINDOW_LISTS.items():
        for w in (str(w) for key in keys for w in lx[key]):
            checks.setdefault(w, set()).add(check)
    return Patterns(
        window=re.compile(_alt(checks)),
        checks={w: frozenset(c) for w, c in checks.items()},
        scope_kind=kinds,
        scope_label=labels,
        hotline=re.compile(_alt(lx["hotline_words"])),
        not_hotline=re.compile(
            _not_hotline(
                lx["hotline_words"],
                lx["hotline_not_before"],
                lx["hotline_number_not_before"],
                text_rules()["negations"],
            ),
            re.VERBOSE,
        ),
        reset=re.compile(_alt(lx["hotline_reset_words"])),
        other=re.compile(
            f"(?:{_alt(lx['other_business_words'])})(?!{_alt(lx['other_business_not_before'])})"
        ),
        other_reset=re.compile(_alt(lx["other_business_reset_words"])),
        town_reset=re.compile(_alt(lx["town_report_reset_words"])),
        year=re.compile(r"(?:19|20)\d\d(?=\s*年)"),  # a year; its prefix is asked after (a quicker scan)
        # a department stem, up to six more characters (no 等/各: 「公安、税务等部门」 is all of them),
        # then a suffix
        department=re.compile(
            rf"(?:{_stems(lx)})[^\W\d等各和及与]{{0,6}}?(?:{_alt(lx['department_suffixes'])})"
            rf"|{_alt(lx['department_names'])}"  # or a department's name whole: 区教委
        ),
        # a named town or street: two to four characters that are not a generic word, then a suffix that
        # ends no generic word, or a town named with one (赤城镇) right before its hall
        place=re.compile(
            rf"""
            [^\W\d{name_not}]{{2,4}} (?:{_place_suffix(lx)}) (?!街|村|市)  # a name and 镇 (not 城镇,
                                                                       # nor 景德镇市: a city's)
            | (?<![^\W\d]) [^\W\d{name_not}] (?:{_alt(lx["place_not_words"])})  # or one letter, 城镇
              (?={_alt(lx["place_halls"])})                             # before its hall: 赤城镇便民服务
            """,
            re.VERBOSE,
        ),
        # a list's item that is a town's or street's name whole: its suffix may end a generic word (赤城镇)
        item_place=re.compile(rf"^[^\W\d{name_not}]{{2,4}}(?:{_alt(lx['place_suffixes'])})$"),
        plan_heading=re.compile(_alt(lx["plan_heading_words"])),
        future=re.compile(_alt(lx["plan_future_words"])),
        units_counted=re.compile(
            rf"""
            (?: [0-9]+ | [一二两三四五六七八九十]+ ) 个     # how many: 4个, 十二个
            (?: {_alt(lx["units_counted_levels"])} )?      # at which level: 区级
            (?: {_alt(lx["units_counted_before_rate"])} )  # of which units: 县（市、区）, 部门
            (?!级)                                         # (not the level of what is counted: 县级事项)
            """,
            re.VERBOSE,
        ),
    )


def units_counted(text: str, start: int, end: int) -> str:
    """How many units a rate at end holds for, counted in its clause before it (「全市共有4个县（市、区）
    主动评价率达到95%以上」: a bound they pass, not the area's rate), or ''. The brackets of 县（市、区）
    end no clause here."""
    if text.find("个", start, end) < 0:
        return ""  # Performance: the usual rate's clause counts nothing in 个
    m = last_match(patterns().units_counted, text, start, end)
    if m is None or text.endswith(tuple(lexicon()["units_counted_not_after"]), 0, m.start()):
        return ""  # (a list of them by name: 「…坡头区等3个县区」)
    return "" if any(c in text[m.end() : end] for c in _clause_ends_but_brackets()) else m.group()


@cache
def _clause_ends_but_brackets() -> str:
    brackets = {*lexicon()["inclusion_notes"]["opens"], *lexicon()["inclusion_notes"]["closes"]}
    return "".join(c for c in text_rules()["clause_delimiters"] if c not in brackets)


def last_match(pattern: re.Pattern, text: str, start: int, end: int) -> re.Match | None:
    """The last match of pattern within text[start:end]."""
    return next(reversed([*pattern.finditer(text, start, end)]), None)


@cache
def constants() -> dict:
    """The Screen's word tuples and sets, built once per process rather than once per report."""
    lx, rules = lexicon(), text_rules()
    list_ends, separators = tuple(lx["list_end_words"]), tuple(lx["list_separators"])
    # the centres a venue word may go on with (「镇（街道）便民服务中心」「镇(街道)政务服务中心」)
    centres = [*lx["scopes"]["venue"]["counted_words"], *rules["programme_clause_stops"]]
    return {
        "back": lx["look_back_chars"],
        "quotes": "".join(rules["quote_chars"]) + " ",
        "not_counted": tuple(lx["not_counted_nouns"]),
        "baseline_after": tuple(lx["baseline_after_count"]),
        "note_opens": tuple(lx["inclusion_notes"]["opens"]),
        "wider_after": tuple(lx["wider_after_count"]),
        "wider_lists": tuple(lx["wider_list_words"]),
        "separators": separators,
        "list_ends": list_ends,
        "list_end_reach": lx["list_end_max_chars"],
        "each_before_bound": tuple(lx["each_before_bound"]),
        "band_before_range": tuple(lx["band_before_range"]),
        "bound_after": tuple(lx["bound_after_figure"]),
        "name_joiners": list_joiners(),
        "wide_words": tuple(lx["district_wide_words"]),
        "venue_quantifiers": tuple(lx["venue_quantifiers"]),
        "reached": tuple(rules["value_reached"]["words"]),
        "centre_nouns": tuple(sorted(centres, key=len, reverse=True)),
        "venue_reach": max(map(len, centres)) + max(map(len, lx["venue_quantifiers"])),
        "baseline_words": tuple(lx["baseline_words"]),
        "list_words": list_ends + separators,
        "brackets": tuple(lx["own_figure_brackets"]),
        "case_totals": frozenset(lx["case_part_of"]),
        "not_year_prefixes": tuple(lx["not_target_year"]["prefixes"]),
        "not_year_after": tuple(lx["not_target_year"]["after"]),
        "not_year_after_chars": lx["not_target_year"]["after_chars"],
        "average_stops": tuple(lx["average_stops"]),
        "requirements": tuple(lx["requirement_qualifiers"]),
        "average_after": tuple(lx["average_after"]),
        "package_heads": frozenset(lx["package_heads"]),
        "whole_topics": tuple(lx["whole_programme_topics"]),
        "topic_max": lx["package_topic_max_chars"],
        "quote_marks": rules["quote_chars"],
        "wider_not_after": tuple(lx["wider_not_after"]),
        "wider_not_before": tuple(lx["wider_not_before"]),
        "breakdown_words": tuple(rules["breakdown_markers"]),
        "no_name_reason": lx["no_name_reason"],
        "hotline_units": frozenset(lx["hotline_units"]),
        "hotline_reason": "unmapped: a 12345 hotline or supervision figure",
    }


@cache
def opening() -> re.Pattern:
    """What may stand before a wider word that opens its sentence: a date (「2023年，全市…」) or a time word
    (「本月全市…」)."""
    r = text_rules()
    chars = "0123456789０１２３４５６７８９ \u3000" + "".join(r["date_units"]) + r["clause_delimiters"]
    words = sorted(lexicon()["wider_opening_words"], key=len, reverse=True)
    return re.compile(
        rf"""
        (?: [{re.escape(chars)}]            # digits, date units, spaces and delimiters: 「2023年1-6月，」
          | {"|".join(map(re.escape, words))}  # a time word: 本月, 今年
        )*
        """,
        re.VERBOSE,
    )


def package_named(text: str, start: int, word: str = "") -> str:
    """The one package a programme word (word, or a package head, at start) names after a topic inside its
    quotes (「“企业开办一件事”」), or '' (「“一件事一次办”」「“高效办成一件事”」: the whole programme)."""
    c = constants()
    head = word or next((h for h in c["package_heads"] if text.startswith(h, start)), "")
    if head not in c["package_heads"]:
        return ""
    first = start
    while first > start - c["topic_max"] and first > 0 and text[first - 1].isalpha():
        first -= 1
    if first in (start, 0) or text[first - 1] not in c["quote_marks"]:
        return ""
    topic = text[first:start]
    return "" if topic.endswith(c["whole_topics"]) else topic + head
