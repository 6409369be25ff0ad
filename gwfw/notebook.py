"""What each notebook section shows, so the notebooks stay a few calls long and the logic is tested.

    view = Comparison(districts, indicators, quarter)   # raises ParameterError listing valid values
    view.title(); view.coverage(); view.rate_charts(); view.values(); view.evidence()
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from . import analysis, display, plots
from .codebook import by_code
from .gazetteer import places
from .paths import PROCESSED
from .tables import load_observations

VALUE_COLUMNS = {"district": "区县", "name_zh": "指标", "shown": "数值", "unit": "单位", "qualifier": "限定",
                 "period_label": "时期", "period_source": "时期依据", "stale": "过旧", "conflict": "冲突"}
EVIDENCE_NOTE = "Every value below is quoted with the sentence it came from; the marked text is the exact evidence."


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


def _data_facts(obs: pd.DataFrame, folder: Path | None, shown: pd.DataFrame) -> dict[str, str]:
    path = Path(folder or PROCESSED) / "observations.csv"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    latest = shown["period_end"].max()
    return {
        "数据 / data": f"{obs['file'].nunique()} reports, {len(obs)} figures (observations.csv {digest})",
        "最新数据 / latest figure shown": "—" if pd.isna(latest) else f"{latest:%Y-%m-%d}",
    }


class _View:
    def __init__(self, quarter: str, folder: Path | None):
        self.folder = folder
        self.quarter = quarter
        self.obs = load_observations(folder)

    def evidence(self) -> None:
        self._evidence(self.table)

    def _evidence(self, table: pd.DataFrame) -> None:
        if table.empty:
            return _show(display.notes(["No figures to quote."], "Evidence"))
        _show(f"<p class='gwfw-muted'>{EVIDENCE_NOTE}</p>" + display.evidence(table))

    def _values_frame(self, table: pd.DataFrame) -> pd.DataFrame:
        frame = table[list(VALUE_COLUMNS)].rename(columns=VALUE_COLUMNS)
        return frame.assign(过旧=frame["过旧"].map({True: "stale", False: ""}),
                            冲突=frame["冲突"].map({True: "conflict", False: ""}))


class Comparison(_View):
    def __init__(self, districts, indicators, quarter: str, folder: Path | None = None):
        super().__init__(quarter, folder)
        self.districts = [districts] if isinstance(districts, str) else list(districts)
        analysis.check_parameters(self.obs, quarter, self.districts, indicators)
        known = analysis.as_of(self.obs, quarter, self.districts, indicators)
        self.indicators = list(indicators) if indicators else analysis.default_indicators(known, self.districts)
        self.known = known  # every value known: the coverage matrix and the evidence show them all
        self.table = known[known["indicator"].isin(self.indicators)].reset_index(drop=True)
        self.provinces = _provinces()

    def title(self) -> None:
        params = {"区县 / districts": self.districts, "季度 / quarter": self.quarter,
                  "比较的指标 / indicators compared": [by_code()[c].name_zh for c in self.indicators] or "—"}
        _show(display.title_block(f"区县政务服务指标比较 · {self.quarter}", params,
                                  _data_facts(self.obs, self.folder, self.known)))

    def coverage(self) -> None:
        if self.known.empty:
            return _show(display.notes([f"No figures for these districts by the end of {self.quarter}."], "No data"))
        codes = list(dict.fromkeys(self.known["indicator"]))
        _show(display.grid(analysis.coverage(self.known, self.districts, codes)))

    def evidence(self) -> None:
        self._evidence(self.known)

    def rate_charts(self) -> None:
        rates = self.table[(self.table["measure"] == "rate") & (self.table["unit"] == "%")]
        if rates.empty:
            return _show(display.notes(["No percentage indicator is shared by these districts."], "No rates"))
        for dimension, part in rates.groupby("dimension", sort=True):
            fig = plots.rate_chart(part, [d for d in self.districts if d in set(part["district"])],
                                   f"{dimension} · {self.quarter}")
            _show(fig, display.notes(analysis.comparability_notes(part, self.provinces), "Definitions differ"))

    def values(self) -> None:
        _show(display.table(self._values_frame(self.table)),
              display.notes(analysis.comparability_notes(self.table[self.table["measure"] != "rate"], self.provinces),
                            "Counts are not all alike"))


class Profile(_View):
    def __init__(self, district: str, quarter: str, folder: Path | None = None):
        super().__init__(quarter, folder)
        analysis.check_parameters(self.obs, quarter, [district])
        self.district = district
        self.table = analysis.as_of(self.obs, quarter, [district])

    def title(self) -> None:
        params = {"区县 / district": self.district, "季度 / quarter": self.quarter}
        _show(display.title_block(f"{self.district} · 政务服务画像 · {self.quarter}", params,
                                  _data_facts(self.obs, self.folder, self.table)))

    def indicators(self) -> None:
        if self.table.empty:
            return _show(display.notes([f"No figures for {self.district} by the end of {self.quarter}."], "No data"))
        _show(display.table(self._values_frame(self.table)))

    def history(self) -> None:
        rows = analysis.history(self.obs, self.district, self.quarter)
        if rows.empty:
            return _show(display.notes(["Each indicator has one period in the data so far: no change to show yet."],
                                       "Change over time"))
        _show(plots.history_chart(rows, f"{self.district}: change over time"),
              display.table(self._values_frame(rows.assign(stale=False))))
