"""The peer-group page (notebooks/40-peer-group.ipynb): each method returns what the notebook shows —
a Block of HTML, a Table (a DataFrame) or Charts (matplotlib Figures), as gwfw/report/views.py does —
and the computation stays in gwfw/compare/peers.py.

view = PeerGroup("綦江区", "2022Q4", peers="province")   # ParameterError listing valid values
view.title(); view.standing(); view.distribution(); view.notes()
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..compare import peers as ranking
from ..compare.settings import colour_of
from ..dataset.load import load_observations
from ..langdata import labels
from . import display
from .charts import use_cjk_font
from .shown import Block, Charts, Table
from .views import catalog_sources, data_facts

PEER_COLOUR = "#8a949c"
PEER_DOT = "#4d5a63"
NAMED_PEERS = 8  # up to this many peers, each dot carries its district's name
ZOOM_ABOVE = 50.0  # rates all above this: the axis no longer starts at 0 (and says so)
LOG_SPREAD = 50  # counts whose largest is this many times the smallest get a log axis


class PeerGroup:
    def __init__(self, district: str, quarter: str, peers: object = "province", folder: Path | None = None):
        self.folder = folder
        self.district = district
        self.quarter = str(quarter).strip()
        self.scope = peers
        self.obs = load_observations(folder)
        self.group = ranking.peer_group(self.obs, district, peers)
        self.figures = ranking.peer_figures(self.obs, district, self.quarter, self.group)
        self.ranks = ranking.standing(self.figures, self.obs, self.quarter, self.group)
        self.places = ranking.district_places(self.obs)

    def _scope_text(self) -> str:
        if isinstance(self.scope, str) and self.scope != "all":
            where = self.places.set_index("district").loc[self.district, self.scope]
            return f"{self.scope}: {where}"
        return self.scope if isinstance(self.scope, str) else "list"

    def title(self) -> Block:
        words, peer_words = labels()["parameters"], labels()["peers"]
        params = {
            words["district"]: self.district,
            words["quarter"]: self.quarter,
            peer_words["scope"]: peer_words["scope_text"].format(scope=self._scope_text(), n=len(self.group)),
        }
        own = self.figures[self.figures["is_district"]]
        return Block(
            display.title_block(
                peer_words["title"].format(district=self.district, quarter=self.quarter),
                params,
                data_facts(own, catalog_sources(self.folder)),
            )
        )

    def standing(self) -> Table:
        """Per indicator: value, rank, percentile, how many peers report it (same period / at all)."""
        if self.ranks.empty:
            none = labels()["peers"]["no_figures"].format(district=self.district, quarter=self.quarter)
            return Table.of(pd.DataFrame(), empty=display.notes([none], labels()["messages"]["no_data"]))
        return Table.of(ranking.standing_table(self.ranks))

    def notes(self) -> Block:
        """Comparability notes, or a line saying there is nothing to note."""
        items = ranking.peer_notes(self.figures, self.places, self.quarter)
        if not items:
            return Block(display.muted(labels()["peers"]["nothing_to_note"]))
        return Block(display.notes(items, labels()["messages"]["read_with_care"]))

    def distribution(self) -> Charts:
        """The chart (one Figure), or a line saying why there is none."""
        fig = self.chart()
        none = display.muted(labels()["peers"]["no_chart"].format(district=self.district))
        return Charts([fig] if fig is not None else [], empty=none)

    def chart(self) -> Figure | None:
        """One row per indicator some peer reports for the same period: the peers' figures as a box and
        dots (named when few), the district as a red diamond labelled with its value and rank. None when
        no indicator has a peer figure (the table still lists them all)."""
        rows = self.ranks[self.ranks["same_period"] > 0] if len(self.ranks) else self.ranks
        if rows.empty:
            return None
        use_cjk_font()
        fig = plt.figure(figsize=(9, 0.9 + 1.15 * len(rows)), layout="constrained")
        axes = fig.subplots(len(rows), 1, squeeze=False)[:, 0]
        jitter = np.random.default_rng(0)  # the same page every run
        for ax, row in zip(axes, rows.itertuples(index=False)):
            part = self.figures[self.figures["indicator"] == row.indicator]
            peers_part = part[~part["is_district"]]
            others = peers_part["value"].to_numpy(dtype=float)
            ax.boxplot(
                others,
                orientation="horizontal",
                widths=0.6,
                showfliers=False,
                patch_artist=True,
                boxprops={"facecolor": "#e8ecef", "edgecolor": PEER_COLOUR},
                medianprops={"color": PEER_COLOUR},
                whiskerprops={"color": PEER_COLOUR},
                capprops={"color": PEER_COLOUR},
            )
            ys = 1 + jitter.uniform(-0.22, 0.22, len(others))
            ax.scatter(others, ys, s=16, color=PEER_DOT, alpha=0.5 if len(others) > 50 else 0.9, zorder=3)
            if len(others) <= NAMED_PEERS:
                for x, y, name in zip(others, ys, peers_part["district"]):
                    ax.annotate(
                        name,
                        (x, y),
                        xytext=(0, -10),
                        textcoords="offset points",
                        ha="center",
                        fontsize=7,
                        color=PEER_DOT,
                    )
            ax.scatter(
                [row.value],
                [1],
                marker="D",
                s=70,
                color=colour_of(self.district),
                zorder=4,
                edgecolor="white",
            )
            _value_axis(ax, np.append(others, row.value), row.unit)
            lo, hi = ax.get_xlim()
            where = (row.value - lo) / ((hi - lo) or 1)
            ax.annotate(
                f"{self.district} {row.shown} · {row.rank}/{row.ranked}",
                (row.value, 1),
                xytext=(0, 11),
                textcoords="offset points",
                ha="left" if where < 0.15 else "right" if where > 0.85 else "center",
                fontsize=8,
                color=colour_of(self.district),
            )
            ax.set_yticks([])
            ax.set_ylim(0.45, 1.65)
            title = labels()["peers"]["panel_title"]
            ax.set_title(
                title.format(name=row.name_zh, unit=row.unit, period=row.period, n=row.same_period),
                fontsize=9,
                loc="left",
            )
            ax.spines[["top", "right", "left"]].set_visible(False)
        title = labels()["peers"]["chart_title"]
        fig.suptitle(title.format(district=self.district, scope=self._scope_text(), quarter=self.quarter))
        return fig


def _value_axis(ax, values: np.ndarray, unit: str) -> None:
    """% from 0 to 100 (further if a value is); counts spread over orders of magnitude on a log axis."""
    top = float(values.max())
    if unit == "%":
        top, low = max(100.0, top), float(values.min())
        # all above half: the axis starts near the lowest, else 99 % and 100 % would be one dot
        start = 10 * int((low - 2) // 10) if low >= ZOOM_ABOVE else 0
        ax.set_xlim(start - 0.03 * (top - start), top + 0.03 * (top - start))
        if start:
            ax.set_xlabel(labels()["peers"]["zoomed_axis"].format(start=start), fontsize=8, loc="left")
        return
    positive = values[values > 0]
    if len(positive) == len(values) > 1 and positive.max() / positive.min() >= LOG_SPREAD:
        ax.set_xscale("log")
        ax.set_xlim(positive.min() / 1.5, positive.max() * 1.5)
        return
    top = top or 1.0
    ax.set_xlim(-0.03 * top, top * 1.06)
