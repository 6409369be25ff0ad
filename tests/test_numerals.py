"""Tests for gwfw.numerals: hand-written edge cases, real report phrases and properties."""

from __future__ import annotations

import ast
import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gwfw.extract.numerals import QUALIFIERS, NumberMention, find_numbers, parse_numeral
from gwfw.langdata import load_yaml

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).parent / "cases" / "numbers_edge_handwritten.csv"
RAW = ROOT / "data" / "raw"
CJK = re.compile(r"[\u3400-\u9fff]")


def _cases() -> list:
    """One param per CSV row (a literal \\n in the file is a line break); ids name the CSV line."""
    params = []
    with open(CASES, encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            row = {k: v.replace("\\n", "\n") for k, v in row.items()}
            value = row["value"] + (".." + row["value_high"] if row["value_high"] else "")
            label = f"{value}-{row['qualifier']}" if row["value"] else "no-number"
            params.append(pytest.param(row, id=f"csv-line-{line}:{label}"))
    return params


@pytest.mark.parametrize("row", _cases())
def test_handwritten_case(row):
    found = find_numbers(row["text"])
    if not row["value"]:
        assert found == [], f"expected no number in {row['text']!r}, got {[n.text for n in found]}"
        return
    assert len(found) == 1, [n.text for n in found]
    n = found[0]
    assert n.text == row["mention_text"]
    assert n.value == Decimal(row["value"])
    assert n.value_high == (Decimal(row["value_high"]) if row["value_high"] else None)
    assert n.unit == row["unit"]
    assert n.qualifier == row["qualifier"]


def test_integral_values_have_no_exponent():
    (n,) = find_numbers("1.7万件")
    assert str(n.value) == "17000"
    (n,) = find_numbers("98.33%")
    assert str(n.value) == "98.33"
    assert str(parse_numeral("3.42亿")) == "342000000"


def test_numeral_span_is_just_the_numeral():
    text = "扫码总数逾3万次。"
    (n,) = find_numbers(text)
    assert text[n.numeral_start : n.numeral_end] == "3万"
    assert (n.start, n.end) == (text.index("逾"), text.index("。"))


def test_several_numbers_in_order():
    text = "申请33771件，受理33136件，办结32725件，办结率98.33%。5月26日、31日"
    got = [(n.text, n.value, n.unit) for n in find_numbers(text)]
    assert got == [
        ("33771件", Decimal(33771), "件"),
        ("33136件", Decimal(33136), "件"),
        ("32725件", Decimal(32725), "件"),
        ("98.33%", Decimal("98.33"), "%"),
        ("5月", Decimal(5), "月"),
        ("26日", Decimal(26), "日"),
        ("31日", Decimal(31), "日"),
    ]


@pytest.mark.parametrize(
    "text, values",
    [
        ("2021-07-14", [2021, 7, 14]),  # a date, not a range
        ("由30天至5天", [30, 5]),  # a falling pair is no range
        ("〔2022〕5号", [2022, 5]),
        ("3万达广场", [3]),  # 万 of a proper noun is no magnitude
    ],
)
def test_not_ranges_or_magnitudes(text, values):
    found = find_numbers(text)
    assert [n.value for n in found] == [Decimal(v) for v in values]
    assert all(n.value_high is None for n in found)


@pytest.mark.parametrize(
    "s, expected",
    [
        ("33771", 33771),
        ("３３７７１", 33771),
        ("1,200", 1200),
        ("1，200", 1200),
        ("98.33", "98.33"),
        ("4万", 40000),
        ("1.7万", 17000),
        ("3千", 3000),
        ("二十一", 21),
        ("两", 2),
        ("三", 3),
        ("十", 10),
        ("一百零五", 105),
        ("一千零十", 1010),
        ("百分之九十", 90),
        ("百分之98", 98),
        ("二〇二二", 2022),
        ("一亿三千万", 130000000),
        ("三万亿", 3000000000000),
        ("壹佰贰拾", 120),
        ("", None),
        ("万达", None),
        ("1,20", None),
        ("三四", None),
        ("4万余", None),
        ("abc", None),
    ],
)
def test_parse_numeral(s, expected):
    assert parse_numeral(s) == (None if expected is None else Decimal(expected))


# Phrases of the five real reports: (file prefix, mention text, value, value_high, unit, qualifier).
REAL = [
    ("000", "98.33%", "98.33", None, "%", "exact"),
    ("000", "48万件", "480000", None, "件", "exact"),
    ("000", "1—6月", "1", "6", "月", "exact"),
    ("000", "33771件", "33771", None, "件", "exact"),
    ("000", "3.42亿元", "342000000", None, "元", "exact"),
    ("000", "30%以上", "30", None, "%", "at_least"),
    ("000", "80余户", "80", None, "户", "more_than"),
    ("000", "三个", "3", None, "个", "exact"),
    ("001", "4万余件次", "40000", None, "件次", "more_than"),
    ("001", "近60万个", "600000", None, "个", "nearly"),
    ("001", "逾3万次", "30000", None, "次", "more_than"),
    ("001", "120多项", "120", None, "项", "more_than"),
    ("001", "250余项", "250", None, "项", "more_than"),
    ("001", "0.08次", "0.08", None, "次", "exact"),
    ("001", "90%以上", "90", None, "%", "at_least"),
    ("001", "2021—2025年", "2021", "2025", "年", "exact"),
    ("002", "200万元", "2000000", None, "元", "exact"),
    ("002", "0.15次", "0.15", None, "次", "exact"),
    ("002", "四家", "4", None, "家", "exact"),
    ("003", "10 —22天", "10", "22", "天", "exact"),
    ("003", "1.7万余\n件", "17000", None, "件", "more_than"),
    ("003", "5.3万余家", "53000", None, "家", "more_than"),
    ("003", "100余万元", "1000000", None, "元", "more_than"),
    ("003", "80%以上", "80", None, "%", "at_least"),
    ("003", "699项", "699", None, "项", "exact"),
    ("003", "15215个工作日", "15215", None, "个工作日", "exact"),
    ("004", "1200多件", "1200", None, "件", "more_than"),
    ("004", "5121项", "5121", None, "项", "exact"),
    ("004", "120万次", "1200000", None, "次", "exact"),
    ("004", "99.93%", "99.93", None, "%", "exact"),
]


def _report(prefix: str) -> str:
    (path,) = RAW.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "prefix, mention, value, high, unit, qualifier", REAL, ids=[f"{r[0]}:{r[1]}" for r in REAL]
)
def test_real_report_phrase(prefix, mention, value, high, unit, qualifier):
    found = [n for n in find_numbers(_report(prefix)) if n.text == mention]
    assert found, f"{mention!r} not found"
    for n in found:
        assert (n.value, n.value_high, n.unit, n.qualifier) == (
            Decimal(value),
            Decimal(high) if high else None,
            unit,
            qualifier,
        )


@pytest.mark.parametrize("path", sorted(RAW.glob("*.txt")), ids=lambda p: p.name[:3])
def test_real_reports_are_well_formed(path):
    """Every report of data/raw, whatever its length (some hold only a page's opening): each run of digits
    is read as part of a number, and each number read is well formed."""
    text = path.read_text(encoding="utf-8")
    found = find_numbers(text)
    _check_mentions(text, found)
    digits = [m for m in re.finditer(r"[0-9０-９]+", text)]
    assert digits, "a report without a digit: not a report of figures"
    missed = [
        text[max(0, m.start() - 8) : m.end() + 4]
        for m in digits
        if not any(n.start <= m.start() and m.end() <= n.end for n in found)
    ]
    assert not missed, missed
    for phrase in ("一件事一次办", "一窗受理", "一网通办", "一站式", "只跑一次", "一次不跑", "第一"):
        for k in (m.start() for m in re.finditer(phrase, text)):
            assert not any(n.start < k + len(phrase) and n.end > k for n in found), (phrase, k)
    for n in found:  # the numeral span parses to the value on its own
        numeral = text[n.numeral_start : n.numeral_end]
        if n.value_high is None and not any(w in numeral for w in ("余", "多")):
            assert parse_numeral(numeral) == n.value, numeral


def _check_mentions(text: str, found: list[NumberMention]) -> None:
    last_end = 0
    for n in found:
        assert 0 <= last_end <= n.start <= n.numeral_start < n.numeral_end <= n.end <= len(text)
        assert n.text == text[n.start : n.end]
        assert n.value.is_finite() and n.value >= 0
        assert n.value_high is None or (n.value_high.is_finite() and n.value_high > n.value)
        assert n.qualifier in QUALIFIERS
        assert n.unit == n.unit.strip()
        last_end = n.end


# Characters the engine cares about, so random text often forms (near-)numbers.
_LX = load_yaml("numerals.yaml")
_ALPHABET = sorted(
    set("0123456789,.-— \n\u3000、。，第")
    | set(_LX["fullwidth"])
    | set("".join(_LX["digits"]))
    | set("".join(_LX["small_units"]))
    | set("".join(_LX["big_units"]))
    | set("".join(_LX["units"]))
    | set("".join(_LX["prefix_qualifiers"]))
    | set("".join(_LX["inner_suffixes"]))
    | set("".join(_LX["outer_suffixes"]))
    | set("".join(_LX["range_dashes"]))
    | set("".join(_LX["percent_words"]))
)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_find_numbers_never_raises_on_any_text(text):
    _check_mentions(text, find_numbers(text))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_find_numbers_on_numeral_soup(text):
    _check_mentions(text, find_numbers(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET + ["a", "€"], max_size=20) | st.text(max_size=20))
def test_parse_numeral_never_raises(s):
    v = parse_numeral(s)
    assert v is None or (isinstance(v, Decimal) and v.is_finite())


def _chinese(n: int) -> str:
    """A plain reference writer of Chinese numerals below 10^8, for round trips."""
    digits = "零一二三四五六七八九"
    if n == 0:
        return digits[0]

    def below_10000(k: int) -> str:
        out, gap = "", False
        for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d, k = divmod(k, value)
            if d:
                out += (digits[0] if gap and out else "") + digits[d] + unit
                gap = False
            else:
                gap = True
        return out

    high, low = divmod(n, 10000)
    if not high:
        return below_10000(low)
    return below_10000(high) + "万" + ("零" if 0 < low < 1000 else "") + below_10000(low)


@given(st.integers(min_value=0, max_value=99_999_999))
def test_parse_numeral_round_trips(n):
    assert parse_numeral(str(n)) == n
    assert parse_numeral(f"{n:,}") == n
    assert parse_numeral(_chinese(n)) == n


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(["件", "个", "项", "人次", "%"]))
def test_arabic_number_with_unit_in_sentence(n, unit):
    (n_found,) = find_numbers(f"全年共办理{n}{unit}，同比增长")
    assert (n_found.value, n_found.unit, n_found.qualifier) == (n, unit, "exact")


def test_long_runs_finish():
    """Linear scanning: long runs of digits and of 一 (timing checked by hand, not asserted)."""
    assert len(find_numbers("1" * 200_000)) == 1
    assert find_numbers("一" * 200_000) == []
    assert len(find_numbers("1,2" * 50_000)) > 1


def test_non_str_input():
    assert find_numbers("") == []


def test_engine_has_no_chinese_literals():
    """Language data belongs in numerals.yaml: only docstrings may hold Chinese text."""
    source = (ROOT / "gwfw" / "extract" / "numerals.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(node)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            assert not CJK.search(node.value), node.value


def test_yaml_qualifiers_are_known():
    for key in ("prefix_qualifiers", "inner_suffixes", "outer_suffixes"):
        assert set(_LX[key].values()) <= set(QUALIFIERS), key
