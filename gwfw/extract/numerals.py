"""Find and parse every number in a report: 「办结率98.33%」「共48万件」「4万余件次」「10 —22天」.

All language data (digits, magnitudes, units, qualifier words, set phrases) is in
gwfw/langdata/numerals.yaml; this engine compiles it into a few regexes on first use and scans a text
in one left-to-right pass, so extraction stays linear in the text length. Chinese numerals count
only next to a unit word (or as 百分之X), because 一 and friends fill countless slogans
(一件事一次办, 一窗受理, 第一次, 一是).

Qualifiers: a prefix word (超过, 近, 约, 不足 …) and a suffix (余/多 before the unit; 以上, 左右,
以下 … after it) may both appear. The suffix wins, except that a directional prefix beats a
vague 左右 (「超过100人左右」 is more_than), since the bound stated before the number is the more
specific one.

>>> [(n.text, n.value, n.unit, n.qualifier) for n in find_numbers("办理“川渝通办”事项4万余件次，近60万个")]
[('4万余件次', Decimal('40000'), '件次', 'more_than'), ('近60万个', Decimal('600000'), '个', 'nearly')]
>>> n, = find_numbers("平均为企业节省10 —22天时间")
>>> (n.text, n.value, n.value_high, n.unit, n.qualifier)
('10 —22天', Decimal('10'), Decimal('22'), '天', 'exact')
>>> n, = find_numbers("累计办理承诺制信任审批1.7万余\\n件，")
>>> (n.value, n.unit, n.qualifier, n.numeral_end - n.numeral_start)
(Decimal('17000'), '件', 'more_than', 4)
>>> [(n.text, n.value, n.unit) for n in find_numbers("重点抓好三个方面工作：一是深化改革，全区二十一个镇街")]
[('三个', Decimal('3'), '个'), ('二十一个', Decimal('21'), '个')]
>>> find_numbers("做深做实“一件事一次办”，一窗受理，在第一次提出，为万达、爱琴海")
[]
>>> for n in find_numbers("审批时限压缩80%以上，百分之九十，不足５％"):
...     print(n.text, n.value, n.unit, n.qualifier)
80%以上 80 % at_least
百分之九十 90 % exact
不足５％ 5 % less_than
"""

from __future__ import annotations

import re
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal
from functools import cache
from typing import NamedTuple

from ..errors import LexiconError
from ..langdata import load_yaml
from .places import place_names

# The groups of the number pattern, in order: a percent word and its numeral; the first numeral, its inner
# suffix and magnitude; a unit before a range dash, the dash; the second numeral, its suffix and magnitude;
# the inner suffix, unit and outer suffix after them all.
GROUPS = ("pw", "pn", "n1", "a1", "m1", "u1", "dash", "n2", "a2", "m2", "inner", "unit", "outer")
QUALIFIERS = ("exact", "more_than", "at_least", "nearly", "approx", "less_than")

_KNOWN_MAX = 100_000  # values of numerals kept (see _Engine.value): a few MB at most
_UNSEEN = object()  # a numeral not yet in _Engine.known (whose values may be None)
_CTX = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)  # exact arithmetic on any length
_ONE = Decimal(1)
_SPACES = " \t\u3000\xa0"
_SP = f"[{_SPACES}]"
_WS = rf"{_SP}{{0,2}}(?:\r?\n{_SP}{{0,2}})?"  # a short gap, at most one line break
_WS_MAX = 6  # the longest such gap, in characters
_NOT_CJK = r"[^\u3400-\u9fff\uf900-\ufaff]"


class NumberMention(NamedTuple):
    """One number in a text; the span covers qualifier words and unit (「近60万个」)."""

    start: int
    end: int
    value: Decimal  # magnitudes applied: 48万 -> 480000; 98.33% -> 98.33
    value_high: Decimal | None  # upper end of a range (10—22天), else None
    unit: str  # as written, half-width, without 万/亿 (48万件 -> 件); '' if none
    qualifier: str  # one of QUALIFIERS
    numeral_start: int  # span of just the numeral, incl. magnitude (「60万」; 「100余万」 keeps its 余)
    numeral_end: int
    text: str  # text[start:end]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _clean(v: Decimal) -> Decimal:
    """48万 -> 480000 (not 4.8E+5); 6.90 -> 6.9."""
    return v.quantize(_ONE, context=_CTX) if v == v.to_integral_value(context=_CTX) else v.normalize(_CTX)


class _Engine:
    """The regexes and tables compiled from numerals.yaml; built once per process."""

    def __init__(self, lx: dict, gazetteer_names: tuple[str, ...] = ()):
        self.lx = lx
        self.fold = str.maketrans(lx["fullwidth"])
        variants: dict[str, set[str]] = {}
        for wide, narrow in lx["fullwidth"].items():
            variants.setdefault(narrow, {narrow}).add(wide)
        digit = "[0-9" + "".join(w for w, n in lx["fullwidth"].items() if n.isdigit()) + "]"
        sep = "[" + re.escape("".join(variants.get(",", ","))) + "]"
        dot = "[" + re.escape("".join(variants.get(".", "."))) + "]"
        self.arabic_chars = frozenset("0123456789") | {w for w, n in lx["fullwidth"].items() if n.isdigit()}
        self.cn_values = {**lx["digits"], **lx["small_units"], **lx["big_units"]}
        arabic = rf"(?:{digit}{{1,3}}(?:{sep}{digit}{{3}})+(?!{digit})|{digit}+)(?:{dot}{digit}+)?"
        cn = "[" + re.escape("".join(self.cn_values)) + "]"

        def char_re(c: str) -> str:  # a character or any of its full-width forms
            return f"[{re.escape(''.join(sorted(variants[c])))}]" if c in variants else re.escape(c)

        def unit_rest(u: str) -> str:  # a unit after its first character, and what may not follow it
            blocked = lx["unit_blocked_next"].get(u)
            return "".join(map(char_re, u[1:])) + (f"(?!{_alt(blocked)})" if blocked else "")

        # Performance: the units grouped by first character (longest first within a group), behind one test
        # of that character: a number without a unit costs one test, one with a unit tries one group
        by_first: dict[str, list[str]] = {}
        for u in sorted(set(lx["units"]), key=len, reverse=True):
            by_first.setdefault(u[0], []).append(u)
        groups = (
            char_re(c) + (unit_rest(us[0]) if len(us) == 1 else f"(?:{'|'.join(map(unit_rest, us))})")
            for c, us in by_first.items()
        )
        firsts = "".join(sorted({v for c in by_first for v in variants.get(c, {c})}))
        units = f"(?=[{re.escape(firsts)}])(?:{'|'.join(groups)})"
        inner, outer, dash = _alt(lx["inner_suffixes"]), _alt(lx["outer_suffixes"]), _alt(lx["range_dashes"])
        mag = (  # (Performance: the test of a first character spares most numbers the words that follow)
            f"(?=[{re.escape(''.join(sorted({w[0] for w in lx['magnitudes']})))}])"
            f"(?!{_alt(lx['magnitude_exceptions'])})(?:{_alt(lx['magnitudes'])})"
            f"(?=(?:{_WS}(?:{units}))|{inner}|{outer}|{_WS}(?:{dash})|{_NOT_CJK}|\\Z)"
        )
        # A Chinese numeral is a whole run of numeral characters and must stand before a unit or a
        # range dash. Performance: the possessive ++ and the look-behind keep a long run linear (一一一…).
        cn_ahead = rf"(?=(?:{inner})?(?:{mag})?{_WS}(?:{units})|{_WS}(?:{dash}))"
        cn_run = rf"(?<!{cn}){cn}++{cn_ahead}"
        num = f"(?:{arabic}|{cn_run})"
        # a numeral, maybe its suffix and its magnitude, which a space may part from it (「1.2 万件」)
        part = rf"(?P<n{{k}}>{{num}})(?:(?P<a{{k}}>{{inner}})?{_SP}?(?P<m{{k}}>{{mag}}))?"
        tail = (
            rf"(?:(?P<inner>{inner})(?=(?:{_WS}(?:{units}))|{_NOT_CJK}|\Z))?"
            rf"(?:{_WS}(?P<unit>{units}))?(?P<outer>{outer})?"
        )
        point, cn_digits = re.escape(lx["decimal_point"]), "[" + re.escape("".join(lx["digits"])) + "]"
        pct = rf"(?P<pw>{_alt(lx['percent_words'])})(?P<pn>{arabic}|{cn}+(?:{point}{cn_digits}+)?)"
        one, two = (part.format(k=k, num=num, inner=inner, mag=mag) for k in (1, 2))
        # Performance: a range's dash stands within a unit and a gap of the first number; a test for one of
        # the dashes' first characters that far ahead spares most numbers the attempt
        dash_firsts = re.escape("".join(sorted({d[0] for d in lx["range_dashes"]})))
        reach = max(map(len, lx["units"])) + _WS_MAX
        ahead = rf"(?=[^{dash_firsts}]{{0,{reach}}}[{dash_firsts}])"
        ranged = rf"(?:{ahead}(?P<u1>{units})?{_WS}(?P<dash>{dash}){_WS}{two})?"
        never = r"(?:(?!)(?P<u1>)(?P<dash>)(?P<n2>)(?P<a2>)(?P<m2>))?"
        self.pattern = re.compile(rf"(?:{pct}|{one}{ranged}){tail}")
        self.single = re.compile(rf"(?:{pct}|{one}{never}){tail}")
        for compiled in (self.pattern, self.single):  # _mention unpacks the groups in this order
            if tuple(sorted(compiled.groupindex, key=compiled.groupindex.get)) != GROUPS:
                raise LexiconError(f"gwfw/extract/numerals.py: the number pattern's groups are not {GROUPS}")
        # Performance: where a number can start, found by re at C speed, so that the Python loop sees only
        # real candidates and not every 一 of 一件事 or 万 of 万达. The pattern opens with one character class
        # (re scans for it in C), then checks around that character.
        starts = {w[0] for w in lx["percent_words"]} | set(self.cn_values) | self.arabic_chars
        # what can follow the first of a run of Chinese numerals that makes a number: another numeral, a
        # suffix, a magnitude, a gap, a unit or a dash (Performance: most 一 of 一是 or 一窗 go by here)
        follow = set(self.cn_values) | {w[0] for w in [*lx["inner_suffixes"], *lx["magnitudes"]]}
        follow |= set(_SPACES + "\r\n" + firsts) | {d[0] for d in lx["range_dashes"]}
        self.lead = re.compile(
            rf"""
            [{re.escape("".join(sorted(starts)))}]  # a character a number can start with, then what it is:
            (?: (?<=[{re.escape("".join(sorted(self.arabic_chars)))}])  # an Arabic digit
              | {"|".join(rf"(?<={re.escape(w[0])})(?={re.escape(w[1:])})" for w in lx["percent_words"])}
                                                     # the first character of the spelled-out percent word
              | (?<!{cn}{cn}) (?<={cn}) (?=[{re.escape("".join(sorted(follow)))}])  # the first of a run of
                (?={cn}*+(?-x:{cn_ahead}))             # Chinese
            )                                        # numerals with a unit or a range dash after it
            """,
            re.VERBOSE,
        )
        self.skip = re.compile(rf"{cn}+|.", re.DOTALL)
        self.numeral = re.compile(rf"(?P<n>{arabic})(?P<m>{_alt(lx['magnitudes'])})?")
        self.prefix = re.compile(rf"(?P<p>{_alt(lx['prefix_qualifiers'])}){_SP}{{0,3}}\Z")
        self.prefix_ends = frozenset(w[-1] for w in lx["prefix_qualifiers"]) | set(" \t\u3000\xa0")
        self.prefix_span = max(map(len, lx["prefix_qualifiers"])) + 3
        fixed = lx["fixed_expressions"] + [n for n in gazetteer_names if n[0] in self.cn_values]
        self.fixed = re.compile(rf"(?=({_alt(fixed)}))")
        self.fixed_span = max(map(len, fixed))
        self.not_after = tuple(lx["ordinal_prefixes"] + lx["vague_prefixes"])
        self.one_units = frozenset(lx["bare_one_units"])
        self.cn_leading = frozenset(lx["digits"]) | frozenset(lx["leading_units"])
        self.approx_leading = self.cn_leading | frozenset(lx["approx_leading_units"])  # 百余台, 万余件
        self.top_big = max(lx["big_units"].values())
        self.known: dict[tuple[str, str | None], Decimal | None] = {}  # see value
        self.units: dict[str, str] = {}  # a unit as written -> half-width (Performance: see fold_unit)

    def fold_unit(self, unit: str) -> str:
        """A unit in half-width characters, kept for the next time: a dict lookup is quicker than a
        translate, and units come in few spellings."""
        self.units[unit] = folded = unit.translate(self.fold)
        return folded

    def cn(self, s: str) -> Decimal | None:
        """一百零五 -> 105, 二十一 -> 21, 二〇二二 -> 2022, 九十九点九 -> 99.9; None for 三四 (ambiguous) or
        junk."""
        lx = self.lx
        whole, point, decimals = s.partition(lx["decimal_point"])
        if point:  # 九十九点九: each digit after the point is one decimal
            head = self.cn(whole)
            if head is None or not decimals or any(c not in lx["digits"] for c in decimals):
                return None
            return head + Decimal("0." + "".join(str(lx["digits"][c]) for c in decimals))
        if not s or any(c not in self.cn_values for c in s):
            return None
        if all(c in lx["digits"] for c in s):
            zero = any(lx["digits"][c] == 0 for c in s)
            if len(s) == 1 or len(s) >= 3 or zero:
                return Decimal("".join(str(lx["digits"][c]) for c in s))
            return None
        total = section = 0
        digit = None
        for c in s:
            if c in lx["digits"]:
                if digit:  # two non-zero digits in a row: 三四个 means "three or four"
                    return None
                digit = lx["digits"][c] or None  # 零 only marks a gap: 一千零十 is 1010
            elif c in lx["small_units"]:
                section += (1 if digit is None else digit) * lx["small_units"][c]
                digit = None
            else:
                big = lx["big_units"][c]
                section = section + (digit or 0) or (0 if total else 1)  # a bare 万 is 10000
                if big == self.top_big:
                    total, section = (total + section) * big, 0
                else:
                    total, section = total + section * big, 0
                digit = None
        return Decimal(total + section + (digit or 0))

    def value(self, numeral: str, mag: str | None) -> Decimal | None:
        """The value of one numeral (Arabic, full-width or Chinese) times its magnitude word. Performance:
        reports repeat their numerals (years, 100%), so values already worked out are kept, up to a bound."""
        key = (numeral, mag)
        v = self.known.get(key, _UNSEEN)
        if v is not _UNSEEN:
            return v
        v = self._value(numeral, mag)
        if len(self.known) < _KNOWN_MAX:
            self.known[key] = v  # a Decimal is immutable: one object may stand in many mentions
        return v

    def _value(self, numeral: str, mag: str | None) -> Decimal | None:
        if mag is None and numeral.isascii() and numeral.isdigit():
            return Decimal(numeral)  # the usual case, already clean: "0163" -> 163
        if numeral[0] in self.arabic_chars:
            v = Decimal(numeral.translate(self.fold).replace(",", ""))
        else:
            v = self.cn(numeral)
            if v is None:
                return None
        if mag:
            v = _CTX.multiply(v, Decimal(self.lx["magnitudes"][mag]))
        return _clean(v)


@cache
def _engine() -> _Engine:
    return _Engine(load_yaml("numerals.yaml"), place_names())


def parse_numeral(s: str) -> Decimal | None:
    """Parse one numeral string; None if it is not one. Never raises.

    >>> [str(parse_numeral(s)) for s in ("３３７７１", "1,200", "1.7万", "百分之九十", "一百零五", "两")]
    ['33771', '1200', '17000', '90', '105', '2']
    >>> parse_numeral("十")
    Decimal('10')
    >>> parse_numeral("万达"), parse_numeral("1,20"), parse_numeral("")
    (None, None, None)
    """
    try:
        eng = _engine()
        s = s.strip()
        for word in eng.lx["percent_words"]:
            if s.startswith(word) and len(s) > len(word):
                s = s[len(word) :]
                break
        m = eng.numeral.fullmatch(s)
        if m:
            return eng.value(m["n"], m["m"])
        return eng.value(s, None) if s and s[0] not in eng.arabic_chars else None
    except (ArithmeticError, ValueError, KeyError, TypeError):
        return None


def _qualifier(prefix: str | None, suffix: str | None) -> str:
    if suffix is None:
        return prefix or "exact"
    if suffix == "approx" and prefix not in (None, "exact", "approx"):
        return prefix
    return suffix


def _leading_zero(s: str, eng: _Engine) -> bool:
    s = s.translate(eng.fold)
    return len(s) > 1 and s[0] == "0" and s[1].isdigit()


def _mention(text: str, m: re.Match, eng: _Engine, floor: int) -> NumberMention | None:
    """Validate one regex match and build its mention; None if it is not a number."""
    lx = eng.lx
    pw, _, n1, a1, m1, _, _, n2, a2, m2, inner, unit, outer = m.groups()  # Performance: one call; see GROUPS
    unit = (eng.units.get(unit) or eng.fold_unit(unit)) if unit else ""
    if not (pw or n2 or m1 or a1 or inner or outer) and n1.isascii():  # Performance: 「2022年」「98.5%」
        start, end = m.span()  # (the numeral opens the match)
        if text[start - 1 : start] not in eng.prefix_ends:  # and no qualifier word before it
            value = eng.value(n1, None)
            if value is not None:
                return NumberMention(
                    start, end, value, None, unit, "exact", start, start + len(n1), text[start:end]
                )
    if pw:
        value, high, nstart, nend = eng.value(m["pn"], None), None, m.start("pw"), m.end("pn")
        unit = lx["percent_words"][pw]
    else:
        nstart = m.start("n1")
        nend = m.end("m2") if m2 else m.end("n2") if n2 else m.end("m1") if m1 else m.end("n1")
        if n1[0] not in eng.arabic_chars or (n2 and n2[0] not in eng.arabic_chars):  # a Chinese numeral
            chinese = [s for s in (n1, n2) if s and s[0] not in eng.arabic_chars]
            leading = eng.approx_leading if a1 or inner else eng.cn_leading  # 「百余台」: a suffix after it
            if (
                not unit
                or text.endswith(eng.not_after, 0, nstart)
                or any(s[0] not in leading for s in chinese)
            ):
                return None
            if n1 in lx["bare_one"] and not n2 and unit not in eng.one_units:
                return None
            lo, hi = max(0, nstart - eng.fixed_span + 1), min(len(text), nend + eng.fixed_span - 1)
            if any(
                f.start() < nend and f.start() + len(f[1]) > nstart for f in eng.fixed.finditer(text, lo, hi)
            ):
                return None
        value = eng.value(n1, m1)
        high = eng.value(n2, m2) if n2 else None
    if value is None or (n2 and high is None):
        return None
    before = text[nstart - 1 : nstart]
    pm = (
        eng.prefix.search(text, max(floor, nstart - eng.prefix_span), nstart)
        if before in eng.prefix_ends
        else None
    )
    prefix = lx["prefix_qualifiers"][pm["p"]] if pm else None
    if pm and (
        unit in lx["prefix_unit_exceptions"].get(pm["p"], ())  # 近3年: "the last three years"
        or text.endswith(tuple(lx["prefix_blocked_after"].get(pm["p"], ())), 0, pm.start())
    ):  # 节约
        pm, prefix = None, None
    suffix_word = outer or inner or a2 or a1
    suffix = (
        (lx["outer_suffixes"].get(suffix_word) or lx["inner_suffixes"].get(suffix_word))
        if suffix_word
        else None
    )
    start = pm.start() if pm else m.start()
    return NumberMention(
        start, m.end(), value, high, unit, _qualifier(prefix, suffix), nstart, nend, text[start : m.end()]
    )


def _bad_range(m: re.Match, eng: _Engine) -> bool:
    """A dash that does not make a range: dates (2021-07-14), a falling pair, or mixed units."""
    if not m["n2"]:
        return False
    if _leading_zero(m["n1"], eng) or _leading_zero(m["n2"], eng):
        return True
    if m["u1"] and (not m["unit"] or m["u1"].translate(eng.fold) != m["unit"].translate(eng.fold)):
        return True
    low, high = eng.value(m["n1"], m["m1"]), eng.value(m["n2"], m["m2"])
    return low is None or high is None or low >= high


def find_numbers(text: str) -> list[NumberMention]:
    """Every number mention in text, in order of position, non-overlapping. Never raises.

    >>> [(n.text, str(n.value), n.unit) for n in find_numbers("2022年全区共办理163506件，销售额3.42亿元")]
    [('2022年', '2022', '年'), ('163506件', '163506', '件'), ('3.42亿元', '342000000', '元')]
    """
    if not isinstance(text, str) or not text:
        return []
    eng = _engine()
    found: list[NumberMention] = []
    pos = floor = 0
    while (lead := eng.lead.search(text, pos)) is not None:
        m = eng.pattern.match(text, lead.start())
        if m is None:  # a run of Chinese numeral characters without a unit: skip all of it
            pos = eng.skip.match(text, lead.start()).end()
            continue
        bad = m["n2"] is not None and _bad_range(m, eng)  # Performance: most numbers are no range
        if bad:  # read the first number alone; the second is found next
            single = eng.single.match(text, m.start())
            m, bad = (single, _bad_range(single, eng)) if single else (m, bad)
        mention = _mention(text, m, eng, floor) if not bad else None
        if mention is None:  # skip the numeral only: what follows it may start a real number
            pos = m.end("pn") if m["pw"] else m.end("n1")
            continue
        found.append(mention)
        pos = floor = mention.end
    return found
