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
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import font_manager

FONT_FILE = "NotoSansCJKsc-Regular.otf"
PALETTE = ["#1b6ca8", "#e07b39", "#3a9a5b", "#b8423f", "#7d5ba6", "#8c6d31", "#cc5f9a", "#5f6b73"]


def font_path() -> Path:
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("Chinese labels need the mplfonts package (Noto Sans CJK) — run: pip install mplfonts")
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


def rate_chart(table: pd.DataFrame, districts, title: str):
    """Grouped horizontal bars: one group per rate indicator, one bar per district, value labels."""
    use_cjk_font()
    names = list(dict.fromkeys(table["name_zh"]))
    fig, ax = plt.subplots(figsize=(8, 0.6 + 0.45 * len(names) * max(1, len(districts)) / 1.5))
    height = 0.8 / max(1, len(districts))
    for k, district in enumerate(districts):
        rows = table[table["district"] == district].set_index("name_zh")
        ys = [i + k * height for i, n in enumerate(names) if n in rows.index]
        vals = [rows.loc[n, "value"] for n in names if n in rows.index]
        labels = [rows.loc[n, "shown"] + "%" for n in names if n in rows.index]
        bars = ax.barh(ys, vals, height=height, color=PALETTE[k % len(PALETTE)], label=district)
        ax.bar_label(bars, labels=labels, padding=3, fontsize=8)
    ax.set_yticks([i + height * (len(districts) - 1) / 2 for i in range(len(names))], names)
    ax.invert_yaxis()
    ax.set_xlim(0, max(105, float(table["value"].max()) * 1.15))
    ax.set_xlabel("%")
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def history_chart(rows: pd.DataFrame, title: str):
    """One small panel per indicator: its values over time, labelled with period and qualifier."""
    use_cjk_font()
    names = list(dict.fromkeys(rows["name_zh"]))
    fig, axes = plt.subplots(len(names), 1, figsize=(7, 2.2 * len(names)), squeeze=False)
    for ax, name in zip(axes[:, 0], names):
        part = rows[rows["name_zh"] == name].sort_values(["period_end", "char_start"])
        first = part.drop_duplicates("period_end")  # the line joins one value per period; conflicts stay dots
        ax.plot(first["period_end"], first["value"], color=PALETTE[0], alpha=0.6)
        ax.scatter(part["period_end"], part["value"], color=PALETTE[0], zorder=3)
        locator = mdates.AutoDateLocator(maxticks=6)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        for x, y, label, period in zip(part["period_end"], part["value"], part["shown"], part["period_label"]):
            ax.annotate(f"{label} ({period})", (x, y), textcoords="offset points", xytext=(4, 6), fontsize=8)
        ax.set_title(f"{name} [{part['unit'].iloc[0]}]", fontsize=10)
        ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(title)
    fig.tight_layout()
    return fig
