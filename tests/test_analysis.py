"""As-of comparisons on the seed data: latest figure by quarter end, stale marks, honest notes."""

import pandas as pd
import pytest

import gwfw
import gwfw.extract.codebook
from gwfw.compare import analysis
from gwfw.langdata import labels


@pytest.fixture(scope="module")
def obs(seeds_data):
    """The seeds' observations, built apart from data/raw's other reports: the facts below are theirs."""
    return gwfw.load_observations(seeds_data)


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


@pytest.mark.parametrize(
    "kwargs,words",
    [
        (dict(quarter="2022-Q4"), "2022Q4"),
        (dict(quarter="2022Q4", districts=["綦江县"]), "綦江区"),
        (dict(quarter="2022Q4", indicators=["completion"]), "completion_rate"),
    ],
)
def test_invalid_parameters_list_what_is_valid(obs, kwargs, words):
    with pytest.raises(analysis.ParameterError, match=words):
        analysis.check_parameters(obs, **kwargs)


def test_batch_plan_and_quarters(obs):
    assert analysis.quarters_in_data(obs) == ["2020Q4", "2021Q3", "2022Q2", "2022Q4"]
    plan = analysis.batch_plan(obs, "2022Q4")
    profiles = [p["district"] for stem, p in plan if stem == "20-district-profile"]
    assert profiles == ["坡头区", "荣昌区"]  # 綦江区's figures end in 2022Q2: its 2022Q2 page stands
    assert [p["district"] for s, p in analysis.batch_plan(obs, "2022Q2") if s == "20-district-profile"] == [
        "綦江区"
    ]
    assert plan[-1] == (
        "30-compare-districts",
        {"districts": list(analysis.DEFAULT_DISTRICTS), "indicators": None, "quarter": "2022Q4"},
    )


def test_history_lists_indicators_with_several_periods(obs):
    rows = analysis.history(obs, "荣昌区", "2022Q4")
    assert set(rows["indicator"]) >= {"avg_visits", "fully_online_rate"}
    avg = rows[rows["indicator"] == "avg_visits"].sort_values("period_end")
    assert list(avg["value"]) == [0.15, 0.08]
    assert pd.api.types.is_datetime64_any_dtype(rows["period_end"])


def _obs(*rows):
    """A tiny observations table, one tuple a row:
    (district, indicator, value, qualifier, period_start, period_end, label, conflict)."""
    frame = pd.DataFrame(
        [
            {
                "file": f"r{n}.txt",
                "district": d,
                "district_code": "",
                "indicator": ind,
                "value": v,
                "value_high": None,
                "unit": gwfw.extract.codebook.by_code()[ind].unit,
                "qualifier": q,
                "period_start": start,
                "period_end": end,
                "period_label": label,
                "period_source": "sentence",
                "evidence": f"{v}",
                "char_start": n,
                "char_end": n + 1,
                "sentence": f"句子{v}",
                "raw_unit": "",
                "rule": "",
                "conflict": c,
            }
            for n, (d, ind, v, q, start, end, label, c) in enumerate(rows)
        ]
    )
    for col in ("period_start", "period_end"):
        frame[col] = pd.to_datetime(frame[col])
    return frame


CONFLICTING = _obs(
    ("甲区", "time_limit_reduction_rate", 91.73, "exact", "2022-01-01", "2022-12-31", "2022", True),
    ("甲区", "time_limit_reduction_rate", 66.7, "exact", "2022-01-01", "2022-12-31", "2022", True),
    ("甲区", "time_limit_reduction_rate", 87.0, "exact", None, "2021-07-14", "as of 2021-07-14", False),
    ("甲区", "one_thing_packages", 250.0, "more_than", None, "2021-06-30", "as of 2021-06-30", False),
    ("乙区", "time_limit_reduction_rate", 96.03, "exact", "2022-01-01", "2022-06-30", "2022H1", False),
)


def test_conflicting_values_are_named_where_one_is_shown():
    q4 = analysis.as_of(CONFLICTING, "2022Q4")
    row = _row(q4, "甲区", "time_limit_reduction_rate")
    assert (row["shown"], row["alternatives"]) == ("91.73", "66.7")
    assert _row(q4, "乙区", "time_limit_reduction_rate")["alternatives"] == ""
    assert analysis.cell_text(row) == "91.73% (2022) ⚠ 另有 also 66.7%"
    # the evidence lists the value not shown right after the one shown: every value on the page has a sentence
    quoted = analysis.with_conflicting(CONFLICTING, q4)
    rates = quoted[quoted["indicator"] == "time_limit_reduction_rate"]
    pairs = list(zip(rates["district"], rates["shown"], rates["alternatives"]))
    at = pairs.index(("甲区", "91.73", "66.7"))
    assert pairs[at + 1] == ("甲区", "66.7", "91.73") and ("乙区", "96.03", "") in pairs and len(pairs) == 3


def test_stale_marks_and_units_in_the_coverage_matrix():
    q4 = analysis.as_of(CONFLICTING, "2022Q4")
    grid = analysis.coverage(q4, ["甲区", "乙区"], ["time_limit_reduction_rate", "one_thing_packages"])
    assert list(grid.columns) == [
        "指标",
        "甲区",
        "乙区",
    ]  # one header row, the indicator a plain column
    cells = grid.set_index("指标")
    assert cells.loc["一件事一次办套餐数", "甲区"] == "250+ 个 (截至 2021-06-30) ⚠ 过旧 stale"
    assert cells.loc["一件事一次办套餐数", "乙区"] == "—"
    assert cells.loc["承诺时限压缩比", "乙区"] == "96.03% (2022H1)"


def test_values_table_is_text_a_reader_understands():
    q4 = analysis.as_of(CONFLICTING, "2022Q4")
    table = analysis.values_table(q4)
    assert list(table.columns) == ["区县", "指标", "数值", "限定", "时期", "时期依据", "提示"]
    packages = table[table["指标"] == "一件事一次办套餐数"].iloc[0]
    assert tuple(packages.iloc[2:]) == (
        "250+ 个",
        "超过（余/多/逾）",
        "截至 2021-06-30",
        "句中写明",
        "⚠ 过旧 stale",
    )
    assert not table.isna().any().any()
    assert "区县" not in analysis.values_table(q4, with_district=False).columns


def test_rate_notes_say_what_a_bar_cannot():
    q4 = analysis.as_of(CONFLICTING, "2022Q4")
    notes = analysis.rate_notes(q4[q4["indicator"] == "time_limit_reduction_rate"], "2022Q4")
    assert notes == [
        "承诺时限压缩比：各区县比率的时期不同（乙区 2022H1; 甲区 2022） · rates over different periods."
    ]

    def notes_for(quarter):
        known = analysis.as_of(CONFLICTING, quarter, ["甲区"], ["time_limit_reduction_rate"])
        return analysis.rate_notes(known, quarter)

    assert notes_for("2022Q2") == []  # 87% as of 2021-07-14 (2021Q3) is three quarters old: not stale
    old = CONFLICTING[CONFLICTING["period_end"] < "2022-01-01"]
    known = analysis.as_of(old, "2022Q3", ["甲区"], ["time_limit_reduction_rate"])
    assert analysis.rate_notes(known, "2022Q3") == [
        "承诺时限压缩比：甲区 的数据为 截至 2021-07-14，早于 2022Q3 末四个季度以上（过旧） · "
        "甲区's figure is from 截至 2021-07-14, more than four quarters before the end of 2022Q3 (stale)."
    ]


def test_history_names_the_other_values_of_a_period():
    rows = analysis.history(CONFLICTING, "甲区", "2022Q4")
    rates = rows[rows["indicator"] == "time_limit_reduction_rate"]
    assert list(zip(rates["shown"], rates["alternatives"])) == [
        ("87", ""),
        ("91.73", "66.7"),
        ("66.7", "91.73"),
    ]


def test_parameter_errors_list_quarters_and_indicator_names(obs):
    with pytest.raises(analysis.ParameterError, match="quarters with data: 2020Q4, 2021Q3, 2022Q2, 2022Q4"):
        analysis.check_parameters(obs, "2022-4")
    with pytest.raises(analysis.ParameterError, match="before every figure"):
        analysis.check_parameters(obs, "2019Q1")
    analysis.check_parameters(obs, "2023Q4")  # later than the data: as-of figures, marked stale where old
    with pytest.raises(analysis.ParameterError, match=r"completion_rate \(办结率\)"):
        analysis.check_parameters(obs, "2022Q4", indicators="completion")
    # IPython shows the message alone, not a traceback through gwfw's code
    assert analysis.ParameterError("x")._render_traceback_() == ["\x1b[31mParameterError\x1b[0m: x"]


def test_indicators_can_be_named_in_chinese(obs):
    codes = analysis.indicator_codes(["办结率", "online_case_rate", " 网上可办率 "])
    assert codes == ["completion_rate", "online_case_rate", "online_available_rate"]
    analysis.check_parameters(obs, "2022Q4", indicators=["办结率"])
    with pytest.raises(analysis.ParameterError, match=r"'办结' is neither a code nor a name"):
        analysis.check_parameters(obs, "2022Q4", indicators=["办结"])


def test_period_text_and_units():
    assert analysis.period_text("as of 2022-12-31") == "截至 2022-12-31"
    assert analysis.period_text("2022H1") == "2022H1"
    assert analysis.with_unit("≥90", "%") == "≥90%" and analysis.with_unit("1364", "项") == "1364 项"


def test_latest_figure_for_the_index(obs):
    assert analysis.latest_figure(obs, {"district": "长寿区", "quarter": "2021Q3"}) == "2020-12-31"
    assert (
        analysis.latest_figure(
            obs, {"districts": ["綦江区", "荣昌区"], "indicators": None, "quarter": "2022Q2"}
        )
        == "2022-06-30"
    )
    assert analysis.latest_figure(obs, {"district": "坡头区", "quarter": "2022Q2"}) == "—"
    assert analysis.latest_figure(obs, {"label": "x", "quarter": "bad"}) == "—"


def test_scoped_figures_stay_apart_from_the_district_figure(obs):
    """The seeds: 荣昌's 66.7% is the 一件事 packages' time cut and 坡头's 62634 the 粤智助 kiosks'
    transactions; neither conflicts with the district's figure nor is shown in its place."""
    for district, indicator, scoped, shown in (
        ("荣昌区", "time_limit_reduction_rate", 66.7, 91.73),
        ("坡头区", "cases_total", 62634, 163506),
    ):
        rows = obs[(obs["district"] == district) & (obs["indicator"] == indicator)]
        narrow = rows[rows["value"] == scoped].iloc[0]
        assert narrow["scope"] and not narrow["conflict"]
        row = _row(analysis.as_of(obs, "2022Q4"), district, indicator)
        assert (row["value"], row["scope"], row["alternatives"]) == (shown, "", "")


def test_a_scoped_figure_is_shown_with_its_scope_where_the_district_has_none(obs):
    row = _row(analysis.as_of(obs, "2020Q4"), "九龙坡区", "cases_total")
    assert row["scope"] == "venue:预审窗口"
    assert analysis.cell_text(row).endswith(f"{labels()['marks']['scope']} venue:预审窗口")
