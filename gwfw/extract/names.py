"""Indicator names composed from parts, and the regexes that find any name in a text.

Provinces write one indicator many ways (「“一趟不用跑”事项占比」「零跑动比例」「事项零跑腿率」). Rather than
list each whole, gwfw/langdata/name_parts.yaml describes the parts: a service concept, the object it is
measured on (items or cases) and a measure (share or count). `composed_names` builds every combination
and says which codebook code each names; names listed whole in the codebook take precedence.

Thousands of names in one regex alternation would be tried one by one at every number; `trie_regex`
writes them as a prefix tree instead, so a lookup costs about the length of the name it finds.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from ..errors import LexiconError
from ..langdata import load_yaml
from .codebook import Indicator, by_code

_KINDS = ("items", "cases", "none")
NO_NAME = "unmapped: no indicator name joined to it"  # the reason of most unmapped numbers (Matcher.match)
# A share written before the subject it names (「90%的区级政务服务事项实现全程网办」「93%可网上办理」)
BEFORE_SUBJECT = ("share before its subject", "rate before its subject")
TOPIC = "programme in sentence"


class Match(NamedTuple):
    """What a number measures, if anything, and why."""

    indicator: Indicator | None
    reason: str  # how the indicator was found, or why none was
    evidence_start: int
    evidence_end: int
    also: tuple[
        Indicator, ...
    ] = ()  # more indicators the same figure gives (「“网上办”“一次办”比例均在97%以上」)
    # where the words that screen the figure (全市, 日均 …) are read from when its name stands in an earlier
    # clause of its sentence (「全市“零跑腿”事项达到1081项，占比99.91%」); -1: from the number's own clause
    screen_from: int = -1
    # one item of a list before 分别 sharing the name after the list (list_rules.py): where the item's
    # own words end (「龙头镇、乾塘镇便民服务中心办件量分别为…」: after 龙头镇, after 乾塘镇便民服务中心);
    # -1 otherwise
    item_end: int = -1


@cache
def parts() -> dict:
    return load_yaml("name_parts.yaml")


@cache
def measure_words() -> tuple[str, ...]:
    """Every measure word of a name (率, 比例, 数, 量 ...)."""
    return tuple(w for words in parts()["measures"].values() for w in words)


@dataclass(frozen=True, slots=True)
class Concept:
    """One row of `concepts`: its codes by measure ("share", "count") and object kind."""

    key: str  # its first form, to tell concepts apart
    codes: dict[str, dict[str, str]]
    bare: bool
    # the object kinds a count right before a name without object gives it (「…办结12262件,即办率达62.3%」)
    after_count: frozenset[str] = frozenset({"items"})
    subject_share: bool = True  # may a share written before its subject (「95%的事项…」) be its measure?
    count_share: bool = True  # may a share in the clause after its count (「…1081项，占比99.91%」)?

    def indicators(self, measure: str, obj: str) -> list[Indicator]:
        """What a name made of this concept, an object kind and a measure ("" = none) may measure."""
        measures = ("share", "count") if measure == "" else (measure,)
        return [by_code()[self.codes[m][obj]] for m in measures if obj in self.codes.get(m, {})]


@dataclass(frozen=True, slots=True)
class Composed:
    concept: Concept
    obj: str  # items, cases or none
    measure: str  # share, count or "" (none)


def _codes(name: str, value, where: str, problems: list[str]) -> dict[str, str]:
    codes = dict.fromkeys(_KINDS, value) if isinstance(value, str) else dict(value or {})
    for kind, code in codes.items():
        if kind not in _KINDS:
            problems.append(
                f"gwfw/langdata/name_parts.yaml: concept {where}: {name}: "
                f"object '{kind}' is not one of {_KINDS}"
            )
        if code not in by_code():
            problems.append(
                f"gwfw/langdata/name_parts.yaml: concept {where}: {name}: '{code}' is not a codebook code"
            )
    return codes


def _quote_chars() -> str:
    return "".join(parts()["concept_quotes"])


def _classified(forms: list[str], words: list[str]) -> list[str]:
    """「“一窗”分类受理」: a concept's forms ending in one of `classified_tails`, with a quoted head and
    one of the concept's classifying words before the tail."""
    tails, q = parts()["classified_tails"], parts()["concept_quotes"][0]
    return [
        f"{q[0]}{form[: -len(tail)]}{q[-1]}{word}{tail}"
        for form in forms
        for tail in tails
        if form.endswith(tail) and len(form) > len(tail)
        for word in words
    ]


@cache
def concept_surfaces() -> tuple[str, ...]:
    """Every concept form as written (a quote inside one is optional and may be any quote, as in the
    codebook's names: 「“满意度”评价」 = 满意度评价), the classified forms included."""
    return tuple(f for row in parts()["concepts"] for f in _row_forms(row))


def _row_forms(row: dict) -> list[str]:
    forms = row.get("forms") or []
    return [*forms, *_classified(forms, row.get("classifiers") or []), *_built(row.get("form_parts") or [])]


def _built(sequences: list[list[list[str]]]) -> list[str]:
    """「缩短办理时间」「办理时限平均压缩」: forms built from parts, one word of each part in order
    ("" = the part may be left out)."""
    return ["".join(words) for seq in sequences for words in itertools.product(*seq)]


@cache
def concepts() -> dict[str, Concept]:
    """Each concept form (quote-free) -> its concept, checked against the codebook."""
    out, problems = {}, []
    unquote = str.maketrans("", "", _quote_chars())
    for i, row in enumerate(parts()["concepts"], start=1):
        forms = row.get("forms") or []
        if not forms:
            problems.append(f"gwfw/langdata/name_parts.yaml: concept no. {i} has no forms")
            continue
        codes = {
            m: _codes(m, row[m], f"no. {i} ({forms[0]})", problems) for m in ("share", "count") if m in row
        }
        after, subject = frozenset(row.get("after_count") or ["items"]), row.get("subject_share", True)
        concept = Concept(
            forms[0].translate(unquote),
            codes,
            bool(row.get("bare", True)),
            after,
            subject,
            row.get("count_share", True),
        )
        for form in _row_forms(row):
            out[form.translate(unquote)] = concept
    if problems:
        raise LexiconError("\n".join(problems))
    return out


def unit_object(unit: str) -> str:
    return parts()["unit_objects"].get(unit, "none")


class ComposedNames:
    """Finds and reads composed names: [object] concept [modifier] [object] [joiner] [measure].

    The parts are matched by one regex, forwards and backwards (names before a number are read back from
    it); `parse` says what a quote-free name found either way is made of, or None when no codebook code
    fits its parts (「办理」 alone, a count of a concept that has only a share)."""

    def __init__(self):
        p = parts()
        objects = [w for words in p["objects"].values() for w in words]
        leading = [w for w in objects if len(w) >= p["leading_object_min_chars"]]  # not 件 of 邮件受理
        measures = [w for words in p["measures"].values() for w in words]
        self.object_kind = {w: kind for kind, words in p["objects"].items() for w in words}
        self.measure_kind = {w: kind for kind, words in p["measures"].items() for w in words}
        opens = re.escape("".join(pair[0] for pair in p["concept_quotes"]))
        closes = re.escape("".join(pair[-1] for pair in p["concept_quotes"]))
        opening, closing = f"[{opens}]?", f"[{closes}]?"

        def alt(words, reverse=False, quotes=""):
            return f"(?:{trie_regex(words, quotes, reverse)})"

        quote_chars = _quote_chars()
        forms = concept_surfaces()
        kinds = [*p["joined_kinds"], *p["objects"]["items"]]  # the first of two kinds joined

        def joined(reverse=False):
            """「行政许可和其他」 before the object: a kind, a joiner, maybe a word for "other"; or one of
            joined_kinds alone (「行政许可公共服务事项」)."""
            others = f"{alt(p['object_others'], reverse)}?"
            seq = [alt(kinds, reverse), alt(p["object_joiners"], reverse), others]
            return f"(?:{''.join(seq[::-1] if reverse else seq)}|{alt(p['joined_kinds'], reverse)})"

        # Performance: each pattern first checks the one character it can start with (most places in
        # a text start no name), and each part is a prefix tree (trie_regex), not a list of words.
        note_open = re.escape("".join(pair[0] for pair in p["note_brackets"]))
        self.note_closes = "".join(pair[-1] for pair in p["note_brackets"])
        note_close = re.escape(self.note_closes)
        note = rf"[{note_open}][^\W\d]{{1,{p['note_max_chars']}}}[{note_close}]"  # (Ⅳ级以上): letters only
        back_note = rf"[{note_close}][^\W\d]{{1,{p['note_max_chars']}}}[{note_open}]"
        not_after = "".join(f"(?<!{re.escape(w)})" for w in p["concept_not_after"])  # 一件事(一次办)
        not_after_back = "".join(f"(?!{re.escape(w[::-1])})" for w in p["concept_not_after"])
        first = "".join(sorted({w[0] for w in [*leading, *concepts(), quote_chars]}))
        last = "".join(sorted({w[-1] for w in [*measures, *objects, *concepts(), quote_chars]}))
        self.forward = re.compile(
            rf"""
            (?=[{re.escape(first)}])                           # a name can start here
            (?P<pre>{alt(leading)})?                           # an object before: 事项(可网办率)
            {opening} {not_after}                              # not inside a programme's name
            (?P<concept>{alt(forms, False, quote_chars)}) {closing} # maybe quoted: “一趟不用跑”
            (?P<note>{note})?                                  # a note: (Ⅳ级以上)
            (?: (?:{alt(p["modifiers"])})?                     # 各类
                {joined()}?                                    # 行政许可和其他 (公共服务事项)
                (?P<obj>{alt(objects)}) )?                     # its object: 事项, 件, 审批服务事项
            (?: (?P<note2>{note})?                             # or here, after the object
                {alt(p["joiners"])}?                           # 的
                (?P<measure>{alt(measures)}) )?                # the measure: 率, 比例, 占比, 数, 量
            """,
            re.VERBOSE,
        )
        self.backward = re.compile(  # the same, read on the reversed text from the name's last character
            rf"""
            (?=[{re.escape(last)}])                                      # a name can end here
            (?: (?P<measure>{alt(measures, True)}) {alt(p["joiners"], True)}?     # 率, 的比例
                (?P<note2>{back_note})? )?                               # a note: (Ⅳ级以上)
            (?: (?P<obj>{alt(objects, True)}) {joined(True)}?      # 事项, 行政许可和其他公共服务事项
                (?:{alt(p["modifiers"], True)})? )?                      # 各类事项
            (?P<note>{back_note})?                                       # or a note before them
            {closing} (?P<concept>{alt(forms, True, quote_chars)})  # the concept, maybe quoted
            {not_after_back} {opening}                                   # not inside a programme's name
            (?P<pre>{alt(leading, True)})?                               # an object before it
            """,
            re.VERBOSE,
        )
        # on reversed text, from a name's start: 「事项“渝快办”」 read backwards
        self.brand_object = re.compile(
            rf"""
            [{closes}]                                # the brand's closing quote
            (?P<brand>[^\W\d]{{1,{p["brand_max_chars"]}}})  # the brand (letters only): 渝快办
            [{opens}]                                 # its opening quote
            (?P<obj>{alt(leading, True)})             # the object before it: 事项
            """,
            re.VERBOSE,
        )
        # on reversed text: a short quoted item of a list (「“掌上办”」), that names no concept
        self.quoted_item = re.compile(rf"[{closes}][^\W\d]{{1,{p['brand_max_chars']}}}[{opens}]")
        self.unquote = str.maketrans("", "", quote_chars)
        self.parsed: dict[str, Composed | None] = {}

    def parse(self, name: str) -> Composed | None:
        if name not in self.parsed:
            self.parsed[name] = self._parse(name)
        return self.parsed[name]

    def _parse(self, name: str) -> Composed | None:
        m = self.forward.fullmatch(name)
        if not m or (m["pre"] and m["obj"]) or ((m["note"] or m["note2"]) and not m["measure"]):
            return None  # two objects; a note with no measure after it
        concept = concepts()[m["concept"].translate(self.unquote)]
        obj_word = m["pre"] or m["obj"]
        obj = self.object_kind[obj_word] if obj_word else "none"
        measure = self.measure_kind[m["measure"]] if m["measure"] else ""
        if not (concept.bare or obj_word or measure) or not concept.indicators(measure, obj):
            return None
        return Composed(concept, obj, measure)


def trie_regex(surfaces, quotes: str, reverse: bool = False) -> str:
    """One regex for many names, as a prefix tree: at each branch the longer continuations come first,
    so the longest name wins. Performance: a lookup costs about the length of the name found, where an
    alternation of the names would try them one by one. A quote in a name is optional and may be any quote
    (“全程网办”事项 = 全程网办事项)."""
    root: dict = {}
    for surface in set(surfaces):
        node = root
        for ch in surface[::-1] if reverse else surface:
            node = node.setdefault("Q" if ch in quotes else ch, {})
        node[""] = {}
    quote = f"[{re.escape(quotes)}]?"

    def emit(node: dict) -> str:
        branches = [
            (quote if key == "Q" else re.escape(key)) + emit(child)
            for key, child in sorted(node.items(), key=lambda kv: (kv[0] == "Q", kv[0]))
            if key
        ]
        if "" in node:
            branches.append("")
        if len(branches) == 1:
            return branches[0]
        return f"(?:{'|'.join(branches)})"

    return emit(root) if root else "(?!)"
