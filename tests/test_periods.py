"""Period phrases resolved against the report's year and date."""

from datetime import date

import pytest

from gwfw.extract.periods import find_periods, label_for

from .conftest import case_params


@pytest.mark.parametrize("case", case_params("periods_*"))
def test_period_phrases(case):
    """Each phrase in a report of the year 2022, dated 2022-07-10, covering the first half: the period it
    resolves to (an empty end: no period at all)."""
    found = list(find_periods(case["text"], 2022, date(2022, 7, 10), date(2022, 6, 30)))
    if not case["end"]:
        assert found == [], f"{case['text']!r} is not a period: {case['note']}"
        return
    assert found, f"no period in {case['text']!r}"
    p = found[0].period
    assert (p.start.isoformat() if p.start else "", p.end.isoformat()) == (case["start"], case["end"])
    assert label_for(p.start, p.end) == case["label"]


MONTHLY = [
    # a monthly bulletin of April 2023, published in May: its phrases name the month, not the publication date
    ("4月1日至4月30日，全区", ("2023-04-01", "2023-04-30"), "2023-04"),
    ("2023年4月1日—30日", ("2023-04-01", "2023-04-30"), "2023-04"),
    ("1月1日-6月30日", ("2023-01-01", "2023-06-30"), "2023H1"),
    ("本月，全区", ("2023-04-01", "2023-04-30"), "2023-04"),
]


@pytest.mark.parametrize("text,span,label", MONTHLY, ids=[c[0] for c in MONTHLY])
def test_monthly_phrases(text, span, label):
    found = list(find_periods(text, 2023, date(2023, 5, 8), date(2023, 4, 30)))
    p = found[0].period
    assert ((p.start.isoformat() if p.start else None), p.end.isoformat()) == span
    assert label_for(p.start, p.end) == label


def test_a_phrase_without_a_year_is_the_latest_before_the_report():
    """While the report's own year is sought (year None), 「12月1日至31日」 in a report of January 2024
    is 2023's."""
    p = next(find_periods("12月1日至31日，", None, date(2024, 1, 8), None)).period
    assert (p.start, p.end) == (date(2023, 12, 1), date(2023, 12, 31))


def _first_period(text: str, published: date) -> tuple[date | None, date]:
    """The span of the first period phrase in text, in a report of the publication's year."""
    p = next(find_periods(text, published.year, published, None)).period
    return p.start, p.end


def test_a_part_of_the_year_not_yet_begun_is_last_year_s():
    """Blind audit 14: news of 9 February 2022 on the fourth quarter, its own year taken as 2022: 「第四季度」
    had not begun, so it is 2021's; 「上半年」 has begun and stays 2022's; a stated year is kept."""
    on = date(2022, 2, 9)
    assert _first_period("全市第四季度满意率为95.95%", on) == (date(2021, 10, 1), date(2021, 12, 31))
    assert _first_period("上半年", on) == (date(2022, 1, 1), date(2022, 6, 30))
    assert _first_period("2022年第四季度", on) == (date(2022, 10, 1), date(2022, 12, 31))


def test_a_whole_year_named_by_its_months_early_in_a_year_is_last_year_s():
    """Blind audit 28: news of 16 February 2016 on the year before, its own year taken as 2016: 「1-12月」 is
    2015 (as 全年 early in a year is); 「1-2月」 has begun and stays 2016's; a stated year is kept."""
    on = date(2016, 2, 16)
    assert _first_period("9个分中心1-12月共办理业务17.1万件", on) == (date(2015, 1, 1), date(2015, 12, 31))
    assert _first_period("1-2月共办理业务2.1万件", on) == (date(2016, 1, 1), date(2016, 2, 29))
    assert _first_period("2016年1-12月", on) == (date(2016, 1, 1), date(2016, 12, 31))


def test_since_a_month_runs_to_the_report_date_and_without_one_to_the_years_end():
    """「2023年1月以来」 runs from January to the date the report speaks at; on a page that states no date,
    to the end of that year, as 「2023年以来」 does (it had been read as January alone)."""

    def span(text, *dates):
        return [(p.period.start, p.period.end) for p in find_periods(text, *dates)]

    assert span("2023年1月以来，好评率100%", 2023, date(2023, 6, 15), date(2023, 6, 15)) == [
        (date(2023, 1, 1), date(2023, 6, 15))
    ]
    undated = [(date(2023, 1, 1), date(2023, 12, 31))]
    assert span("2023年1月以来，好评率100%", None, None, None) == undated
    assert span("2023年以来，好评率100%", None, None, None) == undated
    assert span("2023年6月以来，好评率100%", None, None, None) == [(date(2023, 6, 1), date(2023, 12, 31))]
