"""The notebook views return what they show, and render it as the published page does (on the seeds, built
apart from the rest of data/raw: the figures asserted are theirs)."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
from IPython.core.interactiveshell import InteractiveShell  # noqa: E402
from IPython.core.pylabtools import select_figure_formats  # noqa: E402
from IPython.utils.capture import capture_output  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from gwfw import Comparison, Profile  # noqa: E402

DISTRICTS = ["綦江区", "荣昌区", "坡头区"]


def _shown(obj):
    """The outputs a notebook cell ending in obj gets (as in the batch), as (mimetype, data) pairs."""
    shell = InteractiveShell.instance()
    select_figure_formats(shell, {"png"})  # as the kernel's inline backend does
    with capture_output() as captured:
        obj._ipython_display_()
    return [
        (kind, data) for out in captured.outputs for kind, data in out.data.items() if kind != "text/plain"
    ]


def test_coverage_is_a_dataframe_a_researcher_can_save(tmp_path, seeds_data):
    coverage = Comparison(DISTRICTS, None, "2022Q4", seeds_data).coverage()
    assert isinstance(coverage, pd.DataFrame)
    assert list(coverage.columns) == ["指标", *DISTRICTS]
    assert coverage.shape[0] >= 5 and any("%" in str(v) for v in coverage["綦江区"])
    coverage.to_excel(tmp_path / "coverage.xlsx", index=False)
    back = pd.read_excel(tmp_path / "coverage.xlsx").fillna("")
    assert back.shape == coverage.shape and back["指标"].tolist() == coverage["指标"].tolist()
    shown = _shown(coverage)
    assert [kind for kind, _ in shown] == ["text/html"] and "gwfw-table" in shown[0][1]
    assert type(coverage.head(2)) is pd.DataFrame  # what a researcher derives is plain pandas


def test_dimension_charts_are_figures_whose_titles_can_change(seeds_data):
    charts = Comparison(DISTRICTS, None, "2022Q4", seeds_data).dimension_charts()
    assert len(charts) >= 1 and all(isinstance(fig, Figure) for fig in charts)
    fig = charts[0]
    assert "2022Q4" in fig.get_suptitle()
    fig.axes[0].set_title("my title")
    assert fig.axes[0].get_title() == "my title"
    shown = _shown(charts)
    html = "".join(data for kind, data in shown if kind == "text/html")
    assert html.count('<img alt="条形图') == len(charts)  # each figure once, with its alt text
    assert "Read with care" in html


def test_a_csv_for_excel_keeps_its_chinese(tmp_path, seeds_data):
    import gwfw

    coverage = Comparison(DISTRICTS, None, "2022Q4", seeds_data).coverage()
    path = gwfw.save_csv_for_excel(coverage, tmp_path / "coverage.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "指标".encode() in data
    back = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert back.columns.tolist() == coverage.columns.tolist() and len(back) == len(coverage)


def test_a_comparison_takes_chinese_indicator_names(seeds_data):
    by_name = Comparison(DISTRICTS, ["办结率"], "2022Q4", seeds_data)
    assert by_name.indicators == ["completion_rate"]
    assert by_name.values().equals(Comparison(DISTRICTS, ["completion_rate"], "2022Q4", seeds_data).values())


def test_no_common_rate_shows_a_remark_and_returns_no_figure(seeds_data):
    charts = Comparison(["綦江区"], None, "2022Q4", seeds_data).rate_charts()
    assert list(charts) == []
    assert [kind for kind, _ in _shown(charts)] == ["text/html"]


def test_profile_returns_its_table_and_its_chart_with_the_values(seeds_data):
    view = Profile("荣昌区", "2022Q4", seeds_data)  # the seeds give 荣昌区 figures for several periods
    latest = view.indicators()
    assert isinstance(latest, pd.DataFrame) and len(latest) >= 5
    history = view.history()
    assert len(history) == 1 and isinstance(history[0], Figure)
    assert isinstance(history.table, pd.DataFrame) and len(history.table) >= 2
    shown = _shown(history)
    assert [kind for kind, _ in shown] == ["text/html", "text/html"]  # the chart, then its values
    assert shown[0][1].count('<img alt="折线图：荣昌区') == 1 and "<table" in shown[1][1]
    unchanged = Profile(
        "綦江区", "2022Q4", seeds_data
    ).history()  # one period per indicator: a remark, no chart
    assert list(unchanged) == [] and [kind for kind, _ in _shown(unchanged)] == ["text/html"]


def test_values_and_evidence_keep_their_notes_and_escaping(seeds_data):
    view = Comparison(DISTRICTS, None, "2022Q4", seeds_data)
    values = view.values()
    assert isinstance(values, pd.DataFrame)
    assert list(values.columns) == ["区县", "指标", "数值", "限定", "时期", "时期依据", "提示"]
    assert set(values["区县"]) <= set(DISTRICTS) and len(values) >= 3
    assert "<mark>" in view.evidence()._repr_html_()
