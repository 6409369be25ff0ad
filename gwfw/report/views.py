"""What each notebook section shows, so the notebooks stay a few calls long and the logic is tested.

view = Comparison(districts, indicators, quarter)   # raises ParameterError listing valid values
view.title(); view.coverage(); view.rate_charts(); view.values(); view.evidence()
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from ..compare import analysis
from ..compare import formatting as display
from ..dataset.load import load_observations
from ..dataset.raw_folder import read_catalog
from ..extract.codebook import by_code
from ..extract.places import places
from ..paths import PROCESSED, RAW
from . import charts as plots

RATE_NOTES = "注意 · Read with care: periods and definitions differ"
EVIDENCE_NOTE = (
    "每个数值都附有其出处原句，标黄的是原文中的数字 · "
    "Every value shown above, with the sentence it came from; the marked text is the exact evidence."
)


def _show(*items) -> None:
    from IPython.display import display as ipy_display

    for item in items:
        if isinstance(item, str):
            if item:
                ipy_display(display.html(item))
        else:
            ipy_display(item)
            plt.close(item)


def _provinces() -> dict[str, str]:
    return {p.name: p.province for p in places()}


def _sources(folder: Path | None) -> dict[str, dict]:
    """Catalog rows (title, publisher, date, url) by file, from the raw folder beside the processed one."""
    raw = Path(folder).parent / "raw" if folder else RAW
    try:
        return {row["file"]: row for row in read_catalog(raw)}
    except Exception:  # no catalog: the evidence still names the file
        return {}


def _data_facts(
    obs: pd.DataFrame, folder: Path | None, shown: pd.DataFrame, sources: dict[str, dict]
) -> dict[str, str]:
    """The date of the data: the latest period shown, the reports it comes from, the dataset's fingerprint."""
    path = Path(folder or PROCESSED) / "observations.csv"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    latest = shown["period_end"].max() if len(shown) else pd.NaT
    files = sorted(set(shown["file"])) if len(shown) else []
    published = sorted(d for d in ((sources.get(f) or {}).get("published", "") for f in files) if d)
    reports = f"{len(files)} 份报告 · {len(files)} report{'s' if len(files) != 1 else ''}" + (
        f"（最近发布 latest published {published[-1]}）" if published else ""
    )
    return {
        "数据截至 / figures up to": "—" if pd.isna(latest) else f"{latest:%Y-%m-%d}",
        "来源报告 / source reports": reports,
        "数据集 / dataset": f"observations.csv {digest}: {len(obs)} figures "
        f"from {obs['file'].nunique()} reports",
    }


class _View:
    def __init__(self, quarter: str, folder: Path | None):
        self.folder = folder
        self.quarter = str(quarter).strip()
        self.obs = load_observations(folder)
        self.sources = _sources(folder)

    def evidence(self) -> None:
        self._evidence(self.table)

    def _evidence(self, table: pd.DataFrame) -> None:
        if table.empty:
            return _show(display.muted("No figures to quote. · 无可引用的数值。"))
        _show(f"<p class='gwfw-muted'>{EVIDENCE_NOTE}</p>" + display.evidence(table, self.sources))


class Comparison(_View):
    def __init__(self, districts, indicators, quarter: str, folder: Path | None = None):
        super().__init__(quarter, folder)
        self.districts = [districts] if isinstance(districts, str) else list(districts)
        indicators = [indicators] if isinstance(indicators, str) else indicators
        analysis.check_parameters(self.obs, self.quarter, self.districts, indicators)
        known = analysis.as_of(self.obs, self.quarter, self.districts, indicators)
        self.indicators = (
            list(indicators) if indicators else analysis.default_indicators(known, self.districts)
        )
        self.known = known  # every value known: the coverage matrix and the evidence show them all
        self.table = known[known["indicator"].isin(self.indicators)].reset_index(drop=True)
        self.provinces = _provinces()

    def title(self) -> None:
        params = {
            "区县 / districts": self.districts,
            "季度 / quarter": self.quarter,
            "比较的指标 / indicators compared": [by_code()[c].name_zh for c in self.indicators] or "—",
        }
        _show(
            display.title_block(
                f"{'、'.join(self.districts)} · {self.quarter}",
                params,
                _data_facts(self.obs, self.folder, self.known, self.sources),
            )
        )

    def coverage(self) -> None:
        if self.known.empty:
            return _show(
                display.notes([f"No figures for these districts by the end of {self.quarter}."], "No data")
            )
        codes = list(dict.fromkeys(self.known["indicator"]))
        _show(display.table(analysis.coverage(self.known, self.districts, codes)))

    def evidence(self) -> None:
        self._evidence(analysis.with_conflicting(self.obs, self.known))

    def rate_charts(self) -> None:
        rates = self.table[(self.table["measure"] == "rate") & (self.table["unit"] == "%")]
        if rates.empty:
            return _show(
                display.muted(
                    "No indicator in % is reported by two of these districts or more: no chart. · "
                    "无共同的比率指标。"
                )
            )
        for dimension, part in rates.groupby("dimension", sort=True):
            fig = plots.rate_chart(
                part,
                self.districts,  # all of them: a district keeps its colour across charts
                f"{analysis.dimension_label(dimension)} · {self.quarter}",
            )
            _show(
                fig,
                display.notes(
                    analysis.rate_notes(part, self.quarter)
                    + analysis.comparability_notes(part, self.provinces),
                    RATE_NOTES,
                ),
            )

    def values(self) -> None:
        _show(
            display.table(analysis.values_table(self.table)),
            display.notes(
                analysis.comparability_notes(self.table[self.table["measure"] != "rate"], self.provinces),
                "Counts are not all alike",
            ),
        )


class Profile(_View):
    def __init__(self, district: str, quarter: str, folder: Path | None = None):
        super().__init__(quarter, folder)
        analysis.check_parameters(self.obs, self.quarter, [district])
        self.district = district
        self.table = analysis.as_of(self.obs, self.quarter, [district])
        self.changes = analysis.history(self.obs, district, self.quarter)

    def title(self) -> None:
        params = {"区县 / district": self.district, "季度 / quarter": self.quarter}
        _show(
            display.title_block(
                f"{self.district} · {self.quarter}",
                params,
                _data_facts(self.obs, self.folder, self.table, self.sources),
            )
        )

    def indicators(self) -> None:
        if self.table.empty:
            return _show(
                display.notes([f"No figures for {self.district} by the end of {self.quarter}."], "No data")
            )
        _show(display.table(analysis.values_table(self.table, with_district=False)))

    def history(self) -> None:
        rows = self.changes
        if rows.empty:
            return _show(
                display.muted(
                    "Each indicator has one period in the data so far: no change to show yet. · "
                    "各指标暂只有一个时期的数据。"
                )
            )
        _show(
            plots.history_chart(rows, f"{self.district} · 变化 · change over time"),
            display.table(analysis.values_table(rows.assign(stale=False), with_district=False)),
        )

    def evidence(self) -> None:
        """The latest figures, then the earlier ones the change over time shows."""
        latest = analysis.with_conflicting(self.obs, self.table)
        shown = set(zip(latest["file"], latest["char_start"]))
        earlier = self.changes[
            pd.Series(
                [(f, c) not in shown for f, c in zip(self.changes["file"], self.changes["char_start"])],
                index=self.changes.index,
                dtype=bool,
            )
        ]
        self._evidence(pd.concat([latest, earlier.assign(stale=False, alternatives="")], ignore_index=True))
