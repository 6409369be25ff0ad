"""As-of comparisons on the seed data: latest figure by quarter end, stale marks, honest notes."""
import pandas as pd
import pytest

import gwfw
from gwfw import analysis


@pytest.fixture(scope="module")
def obs():
    return gwfw.load_observations()


def _row(table, district, indicator):
    rows = table[(table["district"] == district) & (table["indicator"] == indicator)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_as_of_takes_latest_figure_by_quarter_end(obs):
    q2 = analysis.as_of(obs, "2022Q2", analysis.DEFAULT_DISTRICTS)
    rate = _row(q2, "綦江区", "completion_rate")
    assert (rate["value"], rate["period_label"], rate["stale"]) == (98.33, "2022H1", False)
    assert "坡头区" not in set(q2["district"])  # its report covers 2022 to December: not known in Q2
    q4 = analysis.as_of(obs, "2022Q4", analysis.DEFAULT_DISTRICTS)
    assert _row(q4, "坡头区", "completion_rate")["value"] == 100.0
    # 荣昌区's 2021 news figure is superseded in 2022Q4 by its 2022 report
    assert _row(q4, "荣昌区", "avg_visits")["period_label"] == "2022"


def test_old_values_are_marked_stale(obs):
    q4 = analysis.as_of(obs, "2022Q4", ["荣昌区"])
    assert _row(q4, "荣昌区", "cross_province_items")["stale"]  # as of 2021-07-14, five quarters back
    assert not _row(q4, "荣昌区", "electronic_seal_rate")["stale"]


def test_qualifiers_travel_with_values(obs):
    q4 = analysis.as_of(obs, "2022Q4", ["荣昌区"])
    row = q4[(q4["indicator"] == "one_thing_packages") & (q4["value"] == 250)]
    assert list(row["shown"]) == ["250+"]
    assert analysis.format_value(0.08) == "0.08" and analysis.format_value(480000.0) == "480000"


def test_default_indicators_need_two_districts(obs):
    q4 = analysis.as_of(obs, "2022Q4", analysis.DEFAULT_DISTRICTS)
    codes = analysis.default_indicators(q4, analysis.DEFAULT_DISTRICTS)
    assert "completion_rate" in codes and "self_service_terminals" not in codes
    for code in codes:
        assert q4[q4["indicator"] == code]["district"].nunique() >= 2


def test_notes_for_unequal_periods_and_province_definitions(obs):
    q4 = analysis.as_of(obs, "2022Q4", analysis.DEFAULT_DISTRICTS)
    provinces = {"綦江区": "重庆市", "荣昌区": "重庆市", "坡头区": "广东省"}
    notes = analysis.comparability_notes(q4, provinces)
    assert any("办件总量" in n and "different length" in n and "2022H1" in n for n in notes)
    assert any("好差评满意率 (广东省)" in n for n in notes)
    only_chongqing = analysis.comparability_notes(q4[q4["district"] != "坡头区"], provinces)
    assert not any("广东省" in n for n in only_chongqing)


@pytest.mark.parametrize("kwargs,words", [
    (dict(quarter="2022-Q4"), "2022Q4"),
    (dict(quarter="2022Q4", districts=["綦江县"]), "綦江区"),
    (dict(quarter="2022Q4", indicators=["completion"]), "completion_rate"),
])
def test_invalid_parameters_list_what_is_valid(obs, kwargs, words):
    with pytest.raises(analysis.ParameterError, match=words):
        analysis.check_parameters(obs, **kwargs)


def test_batch_plan_and_quarters(obs):
    assert analysis.quarters_in_data(obs) == ["2020Q4", "2021Q3", "2022Q2", "2022Q4"]
    plan = analysis.batch_plan(obs, "2022Q4")
    profiles = [p["district"] for stem, p in plan if stem == "20-district-profile"]
    assert profiles == ["坡头区", "綦江区", "荣昌区"]  # the 2020 city notice is stale by 2022Q4
    assert plan[-1] == ("30-compare-districts", {"districts": list(analysis.DEFAULT_DISTRICTS),
                                                  "indicators": None, "quarter": "2022Q4"})


def test_history_lists_indicators_with_several_periods(obs):
    rows = analysis.history(obs, "荣昌区", "2022Q4")
    assert set(rows["indicator"]) >= {"avg_visits", "fully_online_rate"}
    avg = rows[rows["indicator"] == "avg_visits"].sort_values("period_end")
    assert list(avg["value"]) == [0.15, 0.08]
    assert pd.api.types.is_datetime64_any_dtype(rows["period_end"])
