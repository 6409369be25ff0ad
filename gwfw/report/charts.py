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

from ..compare.analysis import period_text
from ..errors import MissingPackage
from ..langdata import labels

FONT_FILE = "NotoSansCJKsc-Regular.otf"
PALETTE = ["#1b6ca8", "#e07b39", "#3a9a5b", "#b8423f", "#7d5ba6", "#8c6d31", "#cc5f9a", "#5f6b73"]


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


def _bar_label(row) -> str:
    """'98.33% (2022H1)', '91.73% (2022) ⚠ 另有 66.7%', '87% (截至 2021-07-14) ⚠ 过旧': the period,
    other values for the same period and staleness are on the chart, not only in the tables."""
    words = labels()
    marks, joiner = words["chart_marks"], words["list_joiner"]
    label = f"{row['shown']}% ({period_text(row['period_label'])})"
    if row.get("alternatives"):
        label += f" {marks['also']} " + joiner.join(f"{o}%" for o in row["alternatives"].split(joiner))
    return label + (f" {marks['stale']}" if row.get("stale") else "")


def rate_chart(table: pd.DataFrame, districts, title: str):
    """Grouped horizontal bars: one group per rate indicator, one bar per district that reports it.

    `districts` gives the order and the colours (the k-th district always gets the k-th colour, so a district
    keeps its colour across the charts of a page); the legend lists only those with a bar.

    Each group holds only the districts with a value, centred on its label (no empty slots, however many
    districts are compared); every bar is labelled with its value and period; a stale figure is hatched and
    says so. The axis runs from 0 to 100 % (further only if a value exceeds 100).
    """
    use_cjk_font()
    names = list(dict.fromkeys(table["name_zh"]))
    order = {d: k for k, d in enumerate(districts)}
    height, gap = 0.8, 0.7
    positions, ticks, y = [], [], 0.0
    for name in names:
        rows = table[table["name_zh"] == name].sort_values("district", key=lambda s: s.map(order))
        ys = [y + j * height for j in range(len(rows))]
        positions += [(yy, row) for yy, (_, row) in zip(ys, rows.iterrows())]
        ticks.append(y + (len(rows) - 1) * height / 2)
        y = ys[-1] + height + gap
    fig, ax = plt.subplots(figsize=(9, 0.9 + 0.3 * len(positions) + 0.15 * len(names)))
    seen = set()
    for yy, row in positions:
        k = order.get(row["district"], 0)
        stale = bool(row.get("stale"))
        bar = ax.barh(
            yy,
            row["value"],
            height=height * 0.9,
            color=PALETTE[k % len(PALETTE)],
            alpha=0.45 if stale else 1.0,
            hatch="//" if stale else None,
            edgecolor="white",
            label=None if row["district"] in seen else row["district"],
        )
        seen.add(row["district"])
        ax.bar_label(bar, labels=[_bar_label(row)], padding=3, fontsize=8)
    ax.set_yticks(ticks, names)
    ax.invert_yaxis()
    top = max(100.0, float(table["value"].max()))
    ax.set_xlim(0, top * 1.32)  # room for the labels right of the bars
    ax.set_xticks([t for t in range(0, int(top) + 1, 20)])
    ax.spines["bottom"].set_bounds(0, top)
    ax.set_xlabel("%")
    ax.set_title(title)
    handles, labels = ax.get_legend_handles_labels()
    by_order = sorted(zip(handles, labels), key=lambda hl: order.get(hl[1], 0))
    ax.legend(
        [h for h, _ in by_order],
        [lab for _, lab in by_order],
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8,
        frameon=False,
    )
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def history_chart(rows: pd.DataFrame, title: str):
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
        ax.plot(x[first], part["value"][first], color=PALETTE[0], alpha=0.6)
        ax.scatter(x[first], part["value"][first], color=PALETTE[0], zorder=3)
        ax.scatter(x[~first], part["value"][~first], facecolor="white", edgecolor=PALETTE[3], zorder=3)
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
