"""Charts for the notebooks, with a CJK font that ships with gwfw's dependencies.

matplotlib's default DejaVu Sans has no Chinese glyphs (tofu boxes, matplotlib#14269), and a
fresh machine may have no CJK font at all. The mplfonts package ships Noto Sans CJK SC: we register
that file by path and select it by the family name the file itself reports, so a stale font cache
or a misspelt family name cannot silently fall back.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import font_manager

from ..compare.analysis import period_text, with_unit
from ..compare.settings import colour_of, sort_districts
from ..errors import MissingPackage
from ..langdata import labels
from ..langdata.words import en, zh

FONT_FILE = "NotoSansCJKsc-Regular.otf"


def font_path() -> Path:
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise MissingPackage(
            "Chinese labels need the mplfonts package (Noto Sans CJK) — run: pip install mplfonts"
        )
    return Path(spec.submodule_search_locations[0]) / "fonts" / FONT_FILE


@cache
def use_cjk_font() -> str:
    """Register the bundled CJK font and make it matplotlib's default; returns its family name."""
    path = font_path()
    font_manager.fontManager.addfont(str(path))
    family = font_manager.FontProperties(fname=str(path)).get_name()
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [family, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False  # the CJK font lacks U+2212
    matplotlib.rcParams["figure.dpi"] = 110
    return family


def _bar_label(row, with_period: bool = True) -> str:
    """'98.33% (2022H1)', '91.73% (2022) ⚠ 另有 66.7%', '87% (截至 2021-07-14) ⚠ 过旧': the period,
    other values for the same period and staleness are on the chart, not only in the tables."""
    words = labels()
    marks, joiner = words["chart_marks"], words["list_joiner"]
    label = with_unit(row["shown"], row["unit"])
    if with_period:
        label += f" ({period_text(row['period_label'])})"
    if row.get("alternatives"):
        label += f" {marks['also']} " + joiner.join(
            with_unit(o, row["unit"]) for o in row["alternatives"].split(joiner)
        )
    return label + (f" {marks['stale']}" if row.get("stale") else "")


def _ticks_to(ax, top: float) -> None:
    """Axis ticks from 0 to the top of the data only (the space right of it is for the bar labels)."""
    from matplotlib.ticker import MaxNLocator

    ticks = [t for t in MaxNLocator(nbins=5).tick_values(0, top) if 0 <= t <= top * 1.0001]
    ax.set_xticks(ticks)


def dimension_chart(table: pd.DataFrame, districts, title: str):
    """One panel per indicator of a codebook dimension, one bar slot per compared district.

    Every district has its slot in every panel, in the settings' order and in its own colour (an empty slot
    says 无数据 · no figure), so positions and colours mean the same in every chart of every page. Each
    panel has its own scale from 0 (units differ within a dimension); rates run to 100 %.
    """
    use_cjk_font()
    districts = sort_districts(districts)
    names = list(dict.fromkeys(table["name_zh"]))
    n = len(districts)
    fig, axes = plt.subplots(len(names), 1, figsize=(7.5, 0.5 + len(names) * (0.6 + 0.26 * n)), squeeze=False)
    for ax, name in zip(axes[:, 0], names):
        part = table[table["name_zh"] == name]
        unit = str(part["unit"].iloc[0])
        periods = list(dict.fromkeys(period_text(p) for p in part["period_label"]))
        one_period = len(periods) == 1  # then the panel's title names it, not every bar
        top = float(part["value"].max()) or 1.0
        top = max(100.0, top) if unit == "%" else top
        for k, district in enumerate(districts):
            rows = part[part["district"] == district]
            if rows.empty:
                ax.text(
                    0, k, f" {zh('no_figure')} · {en('no_figure')}", va="center", fontsize=7, color="#888"
                )
                continue
            row = rows.iloc[0]
            stale = bool(row.get("stale"))
            bar = ax.barh(
                k,
                row["value"],
                height=0.72,
                color=colour_of(district),
                alpha=0.45 if stale else 1.0,
                hatch="//" if stale else None,
                edgecolor="white",
                gid=district,
            )
            ax.bar_label(bar, labels=[_bar_label(row, not one_period)], padding=3, fontsize=8.5)
        ax.set_yticks(range(n), districts, fontsize=9)
        for tick, district in zip(ax.get_yticklabels(), districts):
            tick.set_color(colour_of(district))
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(0, top * 1.45)  # room for the labels right of the bars
        ax.spines["bottom"].set_bounds(0, top)
        _ticks_to(ax, top)
        when = f" · {periods[0]}" if one_period else ""
        ax.set_title(f"{name} [{unit}]{when}", fontsize=10, loc="left")
        ax.tick_params(axis="x", labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(title, fontsize=11.5)
    fig.tight_layout()
    return fig


def trend_chart(rows: pd.DataFrame, districts, title: str):
    """Small multiples for one indicator: a panel per compared district, the same periods on every x axis
    and the same y scale from 0, so the panels compare at a glance; an empty panel says 无数据."""
    use_cjk_font()
    districts = sort_districts(districts)
    periods = list(dict.fromkeys(rows.sort_values("period_end")["period_key"]))
    cols = min(len(districts), 4)
    lines = -(-len(districts) // cols)
    width = max(1.2 + 0.75 * len(periods), 2.3)
    fig, axes = plt.subplots(
        lines, cols, figsize=(min(width * cols, 11), 0.7 + 1.9 * lines), squeeze=False, sharey=True
    )
    unit = str(rows["unit"].iloc[0]) if len(rows) else ""
    top = float(rows["value"].max()) if len(rows) else 1.0
    for ax in axes.flat[len(districts) :]:
        ax.set_visible(False)
    for ax, district in zip(axes.flat, districts):
        part = rows[rows["district"] == district].sort_values("period_end")
        x = [periods.index(p) for p in part["period_key"]]
        colour = colour_of(district)
        if part.empty:
            ax.text(
                0.5,
                0.5,
                f"{zh('no_figure')}\n{en('no_figure')}",
                ha="center",
                va="center",
                transform=ax.transAxes,
                fontsize=8,
                color="#888",
            )
        else:
            stock = part["period_start"].isna().tolist()
            for kind in (True, False):  # a line joins figures of one kind only: no flow-to-stock line
                xs = [xx for xx, st in zip(x, stock) if st == kind]
                ys = [yy for yy, st in zip(part["value"], stock) if st == kind]
                ax.plot(xs, ys, color=colour, marker="o", gid=district)
            for xx, y, label in zip(x, part["value"], part["shown"]):
                ax.annotate(
                    label, (xx, y), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=7
                )
        ax.set_title(district, fontsize=9, color=colour)
        ax.set_xticks(range(len(periods)), [period_text(p) for p in periods], fontsize=7, rotation=30)
        ax.set_xlim(-0.5, len(periods) - 0.5)
        ax.set_ylim(0, max(100.0, top * 1.15) if unit == "%" else (top * 1.3 or 1))
        ax.tick_params(axis="y", labelsize=7)
        ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(f"{title} [{unit}]", fontsize=10)
    fig.tight_layout()
    return fig


def history_chart(rows: pd.DataFrame, title: str, colour: str = "#1f77b4"):
    """One small panel per indicator: its values period by period, from 0, each labelled with its qualifier.

    Periods are evenly spaced and named on the axis by their labels (2021H1, 2022, 截至 2021-07-14), the
    line joins the first value of each period; other values the reports give for the same period (conflicts)
    are drawn as hollow dots.
    """
    use_cjk_font()
    names = list(dict.fromkeys(rows["name_zh"]))
    fig, axes = plt.subplots(len(names), 1, figsize=(7, 0.6 + 2.0 * len(names)), squeeze=False)
    for ax, name in zip(axes[:, 0], names):
        part = rows[rows["name_zh"] == name].sort_values(["period_end", "char_start"])
        ends = list(dict.fromkeys(part["period_end"]))
        x = part["period_end"].map({e: i for i, e in enumerate(ends)})
        first = ~part.duplicated("period_end")
        ax.plot(x[first], part["value"][first], color=colour, alpha=0.6)
        ax.scatter(x[first], part["value"][first], color=colour, zorder=3)
        ax.scatter(x[~first], part["value"][~first], facecolor="white", edgecolor=colour, zorder=3)
        for xx, y, label in zip(x, part["value"], part["shown"]):
            ax.annotate(label, (xx, y), textcoords="offset points", xytext=(6, 0), va="center", fontsize=8)
        labels = [" / ".join(dict.fromkeys(part.loc[part["period_end"] == e, "period_label"])) for e in ends]
        ax.set_xticks(range(len(ends)), [period_text(lab) for lab in labels], fontsize=8)
        ax.set_xlim(-0.4, len(ends) - 0.4)
        unit = part["unit"].iloc[0]
        top = float(part["value"].max())
        ax.set_ylim(0, max(100.0, top * 1.1) if unit == "%" else (top * 1.25 or 1))
        ax.set_title(f"{name} [{unit}]", fontsize=10)
        ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(title)
    fig.tight_layout()
    return fig
