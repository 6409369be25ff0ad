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
