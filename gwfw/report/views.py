"""What each notebook section shows, so the notebooks stay a few calls long and the logic is tested.

view = Comparison(districts, indicators, quarter)   # raises ParameterError listing valid values
view.title(); view.coverage(); view.rate_charts(); view.values(); view.evidence()

Each method returns what it shows (see gwfw.report.shown): a `Table` (a pandas DataFrame) for tables,
`Charts` (a list of matplotlib Figures) for charts, a `Block` of HTML for the title and the evidence.
As the last line of a cell it renders as on the published page; assigned, it is yours to change:

    fig = view.rate_charts()[0]; fig.axes[0].set_title("…"); fig.savefig("rates.png")
    view.coverage().to_excel("coverage.xlsx")
"""

from __future__ import annotations

import hashlib
from html import escape
from pathlib import Path

import pandas as pd

from ..compare import analysis
from ..compare import formatting as display
from ..dataset.load import load_observations
from ..dataset.raw_folder import read_catalog
from ..extract.codebook import by_code
from ..extract.places import places
from ..langdata import labels
from ..paths import PROCESSED, RAW
from . import charts as plots
from .shown import Block, Charts, Table


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
    facts = labels()["facts"]
    reports = facts["reports"].format(n=len(files), s="s" if len(files) != 1 else "")
    if published:
        reports += facts["latest_published"].format(date=published[-1])
    return {
        facts["figures_up_to"]: "—" if pd.isna(latest) else f"{latest:%Y-%m-%d}",
        facts["source_reports"]: reports,
        facts[
            "dataset"
        ]: f"observations.csv {digest}: {len(obs)} figures from {obs['file'].nunique()} reports",
    }


class _View:
    def __init__(self, quarter: str, folder: Path | None):
        self.folder = folder
        self.quarter = str(quarter).strip()
        self.obs = load_observations(folder)
        self.sources = _sources(folder)

    def evidence(self) -> Block:
        return self._evidence(self.table)

    def _evidence(self, table: pd.DataFrame) -> Block:
        if table.empty:
            return Block(display.muted(labels()["messages"]["nothing_to_quote"]))
        note = escape(labels()["messages"]["evidence"])
        return Block(f"<p class='gwfw-muted'>{note}</p>" + display.evidence(table, self.sources))


class Comparison(_View):
    def __init__(self, districts, indicators, quarter: str, folder: Path | None = None):
        super().__init__(quarter, folder)
        self.districts = [districts] if isinstance(districts, str) else list(districts)
        indicators = analysis.indicator_codes(indicators)  # codes or Chinese names (办结率)
        analysis.check_parameters(self.obs, self.quarter, self.districts, indicators)
        known = analysis.as_of(self.obs, self.quarter, self.districts, indicators)
        self.indicators = (
            list(indicators) if indicators else analysis.default_indicators(known, self.districts)
        )
        self.known = known  # every value known: the coverage matrix and the evidence show them all
        self.table = known[known["indicator"].isin(self.indicators)].reset_index(drop=True)
        self.provinces = _provinces()

    def title(self) -> Block:
        words = labels()["parameters"]
        params = {
            words["districts"]: self.districts,
            words["quarter"]: self.quarter,
            words["indicators"]: [by_code()[c].name_zh for c in self.indicators] or "—",
        }
        return Block(
            display.title_block(
                f"{labels()['list_joiner'].join(self.districts)} · {self.quarter}",
                params,
                _data_facts(self.obs, self.folder, self.known, self.sources),
            )
        )

    def coverage(self) -> Table:
        """District × indicator: each cell the value with unit, period and marks (a DataFrame)."""
        no_data = display.notes(
            [f"No figures for these districts by the end of {self.quarter}."], labels()["messages"]["no_data"]
        )
        if self.known.empty:
            return Table.of(pd.DataFrame(), empty=no_data)
        codes = list(dict.fromkeys(self.known["indicator"]))
        return Table.of(analysis.coverage(self.known, self.districts, codes))

    def evidence(self) -> Block:
        return self._evidence(analysis.with_conflicting(self.obs, self.known))

    def rate_charts(self) -> Charts:
        """One bar chart per dimension of the codebook (a list of Figures), each with its notes."""
        rates = self.table[(self.table["measure"] == "rate") & (self.table["unit"] == "%")]
        figures, notes = [], []
        for dimension, part in rates.groupby("dimension", sort=True):
            figures.append(
                plots.rate_chart(
                    part,
                    self.districts,  # all of them: a district keeps its colour across charts
                    f"{analysis.dimension_label(dimension)} · {self.quarter}",
                )
            )
            notes.append(
                display.notes(
                    analysis.rate_notes(part, self.quarter)
                    + analysis.comparability_notes(part, self.provinces),
                    labels()["messages"]["rate_notes"],
                )
            )
        return Charts(figures, notes, empty=display.muted(labels()["messages"]["no_common_rate"]))

    def values(self) -> Table:
        """Every value compared, as text a reader understands (a DataFrame), with notes on counts."""
        notes = display.notes(
            analysis.comparability_notes(self.table[self.table["measure"] != "rate"], self.provinces),
            labels()["messages"]["counts_differ"],
        )
        return Table.of(analysis.values_table(self.table), notes)


class Profile(_View):
    def __init__(self, district: str, quarter: str, folder: Path | None = None):
        super().__init__(quarter, folder)
        analysis.check_parameters(self.obs, self.quarter, [district])
        self.district = district
        self.table = analysis.as_of(self.obs, self.quarter, [district])
        self.changes = analysis.history(self.obs, district, self.quarter)

    def title(self) -> Block:
        words = labels()["parameters"]
        params = {words["district"]: self.district, words["quarter"]: self.quarter}
        return Block(
            display.title_block(
                f"{self.district} · {self.quarter}",
                params,
                _data_facts(self.obs, self.folder, self.table, self.sources),
            )
        )

    def indicators(self) -> Table:
        """The latest figure of each indicator (a DataFrame)."""
        no_data = display.notes(
            [f"No figures for {self.district} by the end of {self.quarter}."], labels()["messages"]["no_data"]
        )
        if self.table.empty:
            return Table.of(pd.DataFrame(), empty=no_data)
        return Table.of(analysis.values_table(self.table, with_district=False))

    def history(self) -> Charts:
        """The indicators given for several periods: one Figure, and their values as `.table`."""
        rows = self.changes
        if rows.empty:
            return Charts(empty=display.muted(labels()["messages"]["no_change"]))
        change = labels()["messages"]["change_over_time"]
        return Charts(
            [plots.history_chart(rows, f"{self.district} · {change}")],
            table=Table.of(analysis.values_table(rows.assign(stale=False), with_district=False)),
        )

    def evidence(self) -> Block:
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
        return self._evidence(
            pd.concat([latest, earlier.assign(stale=False, alternatives="")], ignore_index=True)
        )
