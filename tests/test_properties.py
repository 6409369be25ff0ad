"""Property tests over the whole extraction: any text in, well-formed rows out, never an exception."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gwfw.dataset.build import report_rows
from gwfw.extract import Report, extract

# pieces of real report prose, indicator words, numbers, units, qualifiers and punctuation
PIECES = [
    "办结率",
    "网上可办率达",
    "受理",
    "办件量",
    "“一件事一次办”",
    "跨省通办",
    "窗口",
    "大厅共有",
    "其中",
    "分别",
    "、",
    "，",
    "。",
    "\n",
    "；",
    "《",
    "》",
    "1—6月",
    "上半年",
    "截至",
    "6月底",
    "今年以来",
    "目前",
    "2022年",
    "二季度",
    "98.33",
    "%",
    "％",
    "４万",
    "余",
    "多",
    "以上",
    "近",
    "约",
    "件次",
    "项",
    "个",
    "台",
    "百分之九十",
    "二十一",
    "两",
    "1,200",
    "10—22天",
    "+",
    "零",
    "满意率",
    "督查",
    "电子证照",
    "使用率",
    " ",
    "０.５",
    "亿",
    "万",
    "第",
    "一",
    "是",
]
TEXTS = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=40).map("".join),
)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(text: str, kind: str = "annual_report"):
    meta = {"district": "綦江区", "kind": kind, "title": "2022年工作总结", "published": "2023-01-16"}
    return extract(Report("x.txt", text, "utf-8", meta))


@SETTINGS
@given(TEXTS, st.sampled_from(["annual_report", "news", "quarterly_bulletin"]))
def test_extraction_never_raises_and_rows_are_well_formed(text, kind):
    result = run(text, kind)
    for o in result.observations:
        assert text[o["char_start"] : o["char_end"]] == o["evidence"]
        assert Decimal(o["value"]).is_finite()
        assert o["period_start"] <= o["period_end"] or not o["period_start"]
    for m in result.mentions:
        assert text[m["char_start"] : m["char_end"]] == m["text"]
    assert len(result.mentions) >= len(result.observations)
    report_rows(result)  # every row passes the schema the build checks (SchemaError otherwise)


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_extraction_is_deterministic(text):
    assert run(text) == run(text)


def test_long_line_of_indicator_words():
    """Every copy is read; one figure stated 20,000 times is one observation, the rest say so."""
    text = "办结率98%，" * 20000
    result = run(text)
    assert len(result.mentions) == 20000 and len(result.observations) == 1
    assert sum("completion_rate restated" in m["status"] for m in result.mentions) == 19999
