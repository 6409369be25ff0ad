"""Period phrases resolved against the report's year and date."""

from datetime import date

import pytest

from gwfw.extract.periods import find_periods, label_for

CASES = [
    # text, (start, end) ISO or None, label — report year 2022, dated 2022-07-10
    ("1—6月，我区", ("2022-01-01", "2022-06-30"), "2022H1"),
    ("上半年，区政务服务中心", ("2022-01-01", "2022-06-30"), "2022H1"),
    ("2022年二季度共召开", ("2022-04-01", "2022-06-30"), "2022Q2"),
    ("第三季度", ("2022-07-01", "2022-09-30"), "2022Q3"),
    ("前三季度", ("2022-01-01", "2022-09-30"), "2022-01–2022-09"),
    ("4-5月对我区", ("2022-04-01", "2022-05-31"), "2022-04–2022-05"),
    ("截止6月底，已办理", (None, "2022-06-30"), "as of 2022-06-30"),
    ("截至2021年底", (None, "2021-12-31"), "as of 2021-12-31"),
    ("今年以来，为", ("2022-01-01", "2022-06-30"), "2022H1"),
    ("今年来我区", ("2022-01-01", "2022-06-30"), "2022H1"),
    ("去年，我们", ("2021-01-01", "2021-12-31"), "2021"),
    ("目前，大厅共有", (None, "2022-06-30"), "as of 2022-06-30"),  # the end of what the report covers
    ("2020年10月推行预审服务以来", ("2020-10-01", "2022-06-30"), "2020-10–2022-06"),
    ("2021年10月", ("2021-10-01", "2021-10-31"), "2021-10"),
]


@pytest.mark.parametrize("text,span,label", CASES, ids=[c[0] for c in CASES])
def test_period_phrases(text, span, label):
    found = list(find_periods(text, 2022, date(2022, 7, 10), date(2022, 6, 30)))
    assert found, f"no period in {text!r}"
    p = found[0].period
    got = (p.start.isoformat() if p.start else None, p.end.isoformat())
    assert got == span
    assert label_for(p.start, p.end) == label


@pytest.mark.parametrize("text", ["5月26日、31日召开", "《清单（2022年版）》", "3个月内", "12345热线"])
def test_not_periods(text):
    assert list(find_periods(text, 2022, None, None)) == []
