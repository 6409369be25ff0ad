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
            ("承诺时限压缩比", "荣昌区", 83.0, "83", "2020", False, ""),
            ("承诺时限压缩比", "坡头区", 96.7, "96.7", "2020", False, "66.7"),
            ("承诺时限压缩比", "九龙坡区", 80.0, "≥80", "as of 2020-12-31", True, ""),
            ("零跑动事项占比", "綦江区", 65.6, "65.6", "2020Q4", False, ""),
        ],
        columns=["name_zh", "district", "value", "shown", "period_label", "stale", "alternatives"],
    ).assign(unit="%")


def _bars(fig) -> dict:
    """(panel title, district) -> the bar drawn for it."""
    return {(ax.get_title(loc="left"), p.get_gid()): p for ax in fig.axes for p in ax.patches}


def test_dimension_chart_gives_every_district_its_slot_and_colour():
    """Fixed positions: every compared district has its slot in every panel, in the settings' order;
    an empty slot says so; each bar carries value and period; a stale bar is hatched."""
    from gwfw.compare.settings import colour_of

    fig = plots.dimension_chart(_rates(), ["九龙坡区", "坡头区", "綦江区", "荣昌区"], "办事效率 · 2020Q4")
    first, second = fig.axes
    order = ["綦江区", "荣昌区", "坡头区", "九龙坡区"]  # compare, then order, from site.yaml
    for ax in fig.axes:
        assert [t.get_text() for t in ax.get_yticklabels()] == order and ax.get_xlim()[0] == 0
    bars = _bars(fig)
    assert len(bars) == 4
    for (_title, district), bar in bars.items():
        assert matplotlib.colors.to_hex(bar.get_facecolor()) == colour_of(district)
        assert abs(bar.get_y() + bar.get_height() / 2 - order.index(district)) < 1e-9  # its own slot
    assert bars["承诺时限压缩比 [%]", "九龙坡区"].get_hatch() == "//"
    assert bars["承诺时限压缩比 [%]", "荣昌区"].get_hatch() is None
    labels = [t.get_text() for t in first.texts]
    assert "83% (2020)" in labels and "96.7% (2020) ⚠ 另有 66.7%" in labels
    assert "≥80% (截至 2020-12-31) ⚠ 过旧" in labels
    assert sum("无数据" in t for t in labels) == 1  # 綦江区 has no figure for this one
    assert sum("无数据" in t.get_text() for t in second.texts) == 3
    plt.close(fig)


def test_trend_panels_share_periods_and_scale():
    import pandas as pd

    rows = pd.DataFrame(
        {
            "district": ["荣昌区", "荣昌区", "荣昌区", "坡头区"],
            "name_zh": ["一件事一次办件量"] * 4,
            "unit": ["件"] * 4,
            "value": [3507.0, 115.0, 1500.0, 75.0],
            "shown": ["3507", "115", "1500", "75"],
            "period_key": ["2022H1", "截至 2022Q2", "2022", "2022"],
            "period_start": pd.to_datetime(["2022-01-01", None, "2022-01-01", "2022-01-01"]),
            "period_end": pd.to_datetime(["2022-06-30", "2022-06-30", "2022-12-31", "2022-12-31"]),
        }
    )
    fig = plots.trend_chart(rows, ["綦江区", "荣昌区", "坡头区"], "一件事一次办件量")
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in axes] == ["綦江区", "荣昌区", "坡头区"]
    ticks = {tuple(t.get_text() for t in ax.get_xticklabels()) for ax in axes}
    assert len(ticks) == 1 and len(next(iter(ticks))) == 3  # the same periods on every panel
    assert len({ax.get_ylim() for ax in axes}) == 1 and axes[0].get_ylim()[0] == 0
    assert "无数据" in axes[0].texts[0].get_text()
    lines = [line for line in axes[1].get_lines() if len(line.get_xdata())]
    # 2022H1 and 2022 are joined; the stock read as of 2022-06-30 is a dot of its own
    assert sorted(len(line.get_xdata()) for line in lines) == [1, 2]
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
    """Colours come from the settings file, not from which districts a chart shows."""
    from gwfw.compare.settings import colour_of

    rates = _rates()
    colour = {}
    for districts in (
        ["綦江区", "荣昌区", "坡头区", "九龙坡区"],
        ["荣昌区", "九龙坡区"],
        ["九龙坡区", "坡头区"],
    ):
        part = rates[rates["district"].isin(districts)]
        fig = plots.dimension_chart(part, districts, "x")
        for (_, district), bar in _bars(fig).items():
            colour.setdefault(district, set()).add(matplotlib.colors.to_hex(bar.get_facecolor()))
        plt.close(fig)
    assert colour == {d: {colour_of(d)} for d in ("綦江区", "荣昌区", "坡头区", "九龙坡区")}
    assert len({colour_of(d) for d in colour}) == 4
