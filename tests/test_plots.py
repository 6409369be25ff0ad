"""Chinese renders in figures on a fresh machine: no missing-glyph warning, with the bundled font."""

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from gwfw.report import charts as plots  # noqa: E402


def test_chinese_labels_render_without_missing_glyphs(tmp_path):
    family = plots.use_cjk_font()
    assert "CJK" in family
    fig, ax = plt.subplots()
    ax.bar(["綦江区", "荣昌区", "坡头区"], [98.33, 91.25, 100])
    ax.set_title("办结率 · 网上可办率 −5%")
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "error", message=".*missing from font"
        )  # "Glyph 21150 … missing from font(s)"
        fig.savefig(tmp_path / "zh.png")
    plt.close(fig)
    used = matplotlib.font_manager.findfont(matplotlib.font_manager.FontProperties(family=["sans-serif"]))
    assert used.endswith(plots.FONT_FILE)


def test_default_font_would_show_tofu(tmp_path):
    """The check above can fail: DejaVu Sans alone lacks the glyphs."""
    fig, ax = plt.subplots()
    ax.set_title("办结率", family="DejaVu Sans")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(tmp_path / "tofu.png")
    plt.close(fig)
    assert any("missing from font" in str(w.message) for w in caught)


def _rates():
    import pandas as pd

    return pd.DataFrame(
        [
            # name, district, value, shown, period, stale, alternatives
            ("承诺时限压缩比", "乙区", 83.0, "83", "2020", False, ""),
            ("承诺时限压缩比", "丙区", 96.7, "96.7", "2020", False, "66.7"),
            ("承诺时限压缩比", "丁区", 80.0, "≥80", "as of 2020-12-31", True, ""),
            ("零跑动事项占比", "甲区", 65.6, "65.6", "2020Q4", False, ""),
        ],
        columns=["name_zh", "district", "value", "shown", "period_label", "stale", "alternatives"],
    )


def test_rate_bars_sit_on_their_labels_with_period_and_marks():
    """With many districts and sparse values, each group holds only its bars, centred on its label."""
    fig = plots.rate_chart(_rates(), ["甲区", "乙区", "丙区", "丁区"], "办事效率 · 2020Q4")
    ax = fig.axes[0]
    ticks = dict(zip([t.get_text() for t in ax.get_yticklabels()], ax.get_yticks()))
    bars = [p for p in ax.patches]
    centres = [b.get_y() + b.get_height() / 2 for b in bars]
    first = centres[:3]  # 乙区, 丙区, 丁区 under 承诺时限压缩比
    assert abs(sum(first) / 3 - ticks["承诺时限压缩比"]) < 1e-9
    assert abs(centres[3] - ticks["零跑动事项占比"]) < 1e-9
    labels = [t.get_text() for t in ax.texts]
    assert "83% (2020)" in labels and "65.6% (2020Q4)" in labels
    assert "96.7% (2020) ⚠ 另有 66.7%" in labels
    assert "≥80% (截至 2020-12-31) ⚠ 过旧" in labels
    assert bars[2].get_hatch() == "//" and bars[0].get_hatch() is None  # the stale bar is hatched
    assert ax.get_xlim()[0] == 0 and [t.get_text() for t in ax.get_legend().get_texts()] == [
        "甲区",
        "乙区",
        "丙区",
        "丁区",
    ]
    plt.close(fig)


def test_history_panels_start_at_zero_and_name_the_periods():
    import pandas as pd

    rows = pd.DataFrame(
        {
            "name_zh": ["全程网办率"] * 3,
            "unit": ["%"] * 3,
            "value": [84.0, 91.25, 90.0],
            "shown": ["84", "91.25", "90"],
            "period_end": pd.to_datetime(["2021-07-14", "2022-12-31", "2022-12-31"]),
            "char_start": [5, 1, 9],
            "period_label": ["as of 2021-07-14", "2022", "2022"],
        }
    )
    fig = plots.history_chart(rows, "荣昌区")
    ax = fig.axes[0]
    assert (
        ax.get_ylim()[0] == 0 and ax.get_ylim()[1] >= 100
    )  # a rate from 0: seven points look like seven points
    assert [t.get_text() for t in ax.get_xticklabels()] == ["截至 2021-07-14", "2022"]
    line = ax.get_lines()[0]
    assert list(line.get_ydata()) == [84.0, 91.25]  # the line joins the first value of each period
    plt.close(fig)


def test_a_district_keeps_its_colour_across_charts():
    rates = _rates()
    everyone = ["甲区", "乙区", "丙区", "丁区"]
    one = plots.rate_chart(rates, everyone, "a")
    other = plots.rate_chart(rates[rates["district"] != "甲区"], everyone, "b")
    colour = {}
    for fig in (one, other):
        ax = fig.axes[0]
        legend = ax.get_legend()
        for text, handle in zip(legend.get_texts(), legend.legend_handles):
            colour.setdefault(text.get_text(), set()).add(tuple(handle.get_facecolor()[:3]))
        plt.close(fig)
    assert all(len(c) == 1 for c in colour.values()) and "甲区" in colour
    assert [t.get_text() for t in other.axes[0].get_legend().get_texts()] == ["乙区", "丙区", "丁区"]
