"""What each notebook section shows, so the notebooks stay a few calls long and the logic is tested.

view = Comparison(districts, indicators, quarter)   # raises ParameterError listing valid values
view.title(); view.same_period(); view.dimension_charts(); view.latest(); view.trends(); view.evidence()

Each method returns what it shows (see gwfw.report.shown): a `Table` (a pandas DataFrame) for tables,
`Charts` (a list of matplotlib Figures) for charts, a `Block` of HTML for the title and the evidence.
As the last line of a cell it renders as on the published page; assigned, it is yours to change:

    fig = view.dimension_charts()[0]; fig.savefig("same-period.png")
    view.latest().to_excel("latest.xlsx")

The numbers come from gwfw.compare; here they become HTML, charts with alt text and downloads.
"""

from __future__ import annotations

import hashlib
from html import escape
from pathlib import Path

import pandas as pd

from ..compare import analysis
from ..compare import like_with_like as like
from ..compare.settings import colour_of, sort_districts
from ..dataset.load import load_observations
from ..dataset.raw_folder import read_catalog
from ..extract.codebook import by_code
from ..extract.places import places
from ..langdata import labels
from ..langdata.words import text, zh
from ..paths import PROCESSED, RAW
from . import charts as plots
from . import display
from .shown import Block, Charts, Table

MISSING_LEGEND = "（仅 …）only another period · （… 起）first figure later · （未报告）not reported"


def _provinces() -> dict[str, str]:
    return {p.name: p.province for p in places()}


def catalog_sources(folder: Path | None) -> dict[str, dict]:
    """Catalog rows (title, publisher, date, url) by file, from the raw folder beside the processed one."""
    raw = Path(folder).parent / "raw" if folder else RAW
    try:
        return {row["file"]: row for row in read_catalog(raw)}
    except Exception:  # no catalog: the evidence still names the file
        return {}


def data_facts(shown: pd.DataFrame, sources: dict[str, dict]) -> dict[str, str]:
    """The date of the data: the latest period shown and the reports it comes from."""
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
    }


def _dataset(obs: pd.DataFrame, folder: Path | None) -> str:
    """The dataset a page was made from, for the provenance block: its fingerprint and size."""
    path = Path(folder or PROCESSED) / "observations.csv"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    return f"observations.csv {digest}: {len(obs)} figures from {obs['file'].nunique()} reports"


def _tidy(table: pd.DataFrame, sources: dict[str, dict]) -> pd.DataFrame:
    """The figures behind a section as data to take away: numbers as numbers, the period, the report."""
    if table.empty:
        return pd.DataFrame(columns=["district", "indicator", "name_zh", "value", "unit", "period"])
    dates = {
        c: [f"{d:%Y-%m-%d}" if pd.notna(d) else "" for d in table[c]] for c in ("period_start", "period_end")
    }
    return pd.DataFrame(
        {
            "district": table["district"],
            "indicator": table["indicator"],
            "name_zh": table["name_zh"],
            "name_en": table["name_en"],
            "value": table["value"],
            "value_high": table.get("value_high"),
            "qualifier": table["qualifier"],
            "shown": [analysis.with_unit(v, u) for v, u in zip(table["shown"], table["unit"])],
            "unit": table["unit"],
            "period": [analysis.period_text(p) for p in table["period_label"]],
            **dates,
            "stale": table["stale"].astype(bool) if "stale" in table else False,
            "report": [display.source_text(f, sources) for f in table["file"]],
            "sentence": table["sentence"],
        }
    )


def _cell(row) -> str:
    """A same-period cell: the value with its unit and marks; the period is the row's."""
    return analysis.cell_text(row).replace(f" ({analysis.period_text(row['period_label'])})", "", 1)


def _alt_bars(part: pd.DataFrame) -> str:
    """What a dimension chart shows, in words: each indicator's values by district, with periods."""
    items = []
    for name, group in part.groupby("name_zh", sort=False):
        order = sort_districts(group["district"])
        group = group.sort_values("district", key=lambda s: s.map(order.index))
        values = "、".join(
            f"{r['district']} {analysis.with_unit(r['shown'], r['unit'])}" for _, r in group.iterrows()
        )
        items.append(f"{name}（{analysis.period_text(group['period_key'].iloc[0])}）：{values}")
    return "；".join(items)


def _values_in_words(rows: pd.DataFrame, by: str, period: str) -> str:
    """'荣昌区：截至 2021Q3 87%、2022 91.73%；…' — the values a trend chart draws, for its alt text."""
    return "；".join(
        f"{key}："
        + "、".join(
            f"{analysis.period_text(p)} {analysis.with_unit(v, u)}"
            for p, v, u in zip(g[period], g["shown"], g["unit"])
        )
        for key, g in rows.groupby(by, sort=False)
    )


def _folded_notes(items: list[str]) -> str:
    """Many caveats: folded under one line that says how many there are."""
    if not items:
        return ""
    heading = labels()["messages"]["rate_notes"]
    return display.fold(f"{heading} ({len(items)})", display.notes(items, heading))


class _View:
    def __init__(self, quarter: str, folder: Path | None):
        self.folder = folder
        self.quarter = str(quarter).strip()
        self.obs = load_observations(folder)
        self.sources = catalog_sources(folder)

    def _evidence(self, table: pd.DataFrame) -> Block:
        if table.empty:
            return Block(display.muted(labels()["messages"]["nothing_to_quote"]))
        return Block(
            f"<p class='gwfw-muted'>{escape(labels()['messages']['evidence'])}</p>"
            + display.evidence(table, self.sources)
            + display.provenance(table, _dataset(self.obs, self.folder))
        )


class Comparison(_View):
    def __init__(self, districts, indicators, quarter: str, folder: Path | None = None):
        super().__init__(quarter, folder)
        districts = [districts] if isinstance(districts, str) else list(districts)
        indicators = analysis.indicator_codes(indicators)  # codes or Chinese names (办结率)
        analysis.check_parameters(self.obs, self.quarter, districts, indicators)
        self.districts = sort_districts(districts)  # the settings' order: fixed positions on every page
        known = analysis.as_of(self.obs, self.quarter, self.districts, indicators)
        self.indicators = (
            list(indicators) if indicators else analysis.default_indicators(known, self.districts)
        )
        self.known = known  # every value known: the latest section and the evidence show them all
        self.table = known[known["indicator"].isin(self.indicators)].reset_index(drop=True)
        self.provinces = _provinces()
        # with a figure by the end of the quarter: the others have their line under the title, no empty slots
        self.present = [d for d in self.districts if d in set(known["district"])]
        shared = like.same_period(self.obs, self.quarter, self.present)
        self.shared = shared[shared["indicator"].isin(self.indicators)]

    def title(self) -> Block:
        """What is compared, how recent, each district's colour, and a line for each without figures."""
        words = labels()["parameters"]
        params = {words["districts"]: self.districts, words["quarter"]: self.quarter}
        return Block(
            display.title_block(
                f"{'、'.join(self.districts)} · {self.quarter}", params, data_facts(self.known, self.sources)
            )
            + display.colour_key(self.districts, colour_of)
            + display.absent(like.why_absent(self.obs, self.quarter, self.districts), text("absent"))
        )

    def same_period(self) -> Table:
        """Per indicator, the districts' figures for the latest period most of them share (a DataFrame);
        a column names the districts without one there, and why."""
        rows = []
        for code, group in self.shared.groupby("indicator", sort=False):
            key = str(group["period_key"].iloc[0])
            row = {zh("indicator"): group["name_zh"].iloc[0], zh("period"): analysis.period_text(key)}
            cells = {r["district"]: _cell(r) for _, r in group.iterrows()}
            row.update({d: cells.get(d, "—") for d in self.present})
            missing = like.missing_in_same_period(self.obs, self.quarter, self.present, code, key)
            row[zh("missing")] = "；".join(f"{d}（{zh('short_' + why, period=p)}）" for d, why, p in missing)
            rows.append(row)
        return Table.of(
            pd.DataFrame(rows),
            notes=display.muted(MISSING_LEGEND),
            empty=display.muted(f"{text('no_shared')}（{self.quarter}）"),
            data=_tidy(self.shared, self.sources),
            name=f"{self.quarter}_same-period_同期比较",
        )

    def dimension_charts(self) -> Charts:
        """One chart per dimension of the codebook over the same-period figures (a list of Figures): every
        district in its slot and colour, each indicator on its own scale; alt text gives the values."""
        figures, notes, alts = [], [], []
        for dimension, part in self.shared.groupby("dimension", sort=True):
            label = analysis.dimension_label(dimension)
            title = f"{label} · {text('same_period')} · {self.quarter}"
            figures.append(
                plots.dimension_chart(part.assign(period_label=part["period_key"]), self.present, title)
            )
            notes.append(
                display.notes(
                    analysis.comparability_notes(part, self.provinces), labels()["messages"]["rate_notes"]
                )
            )
            alt = text("alt_dimension", dimension=label, districts="、".join(self.present))
            alts.append(f"{alt}。{_alt_bars(part)}")
        return Charts(figures, notes, empty=display.muted(f"{text('no_shared')}: no chart."), alts=alts)

    rate_charts = dimension_charts  # the earlier name

    def latest(self) -> Table:
        """District × indicator: each district's latest figure with unit, period and marks (a DataFrame),
        every indicator known; the caveats and the full detail folded under it."""
        no_data = display.notes([f"{text('no_figures')}（{self.quarter}）"], labels()["messages"]["no_data"])
        if self.known.empty:
            return Table.of(pd.DataFrame(), empty=no_data)
        codes = list(dict.fromkeys(self.known["indicator"]))
        notes = _folded_notes(
            analysis.rate_notes(self.known, self.quarter)
            + analysis.comparability_notes(self.known, self.provinces)
        ) + display.fold(
            "所有数值明细 · All values in detail (qualifier, how the period was found)",
            display.table(analysis.values_table(self.known), sortable=True),
        )
        return Table.of(
            analysis.coverage(self.known, self.present, codes),
            notes=notes,
            data=_tidy(self.known, self.sources),
            name=f"{self.quarter}_latest_最新数据",
        )

    def coverage(self) -> Table:
        """The latest figures as a plain district × indicator table (a DataFrame), without its notes."""
        if self.known.empty:
            return Table.of(
                pd.DataFrame(), empty=display.notes([text("no_figures")], labels()["messages"]["no_data"])
            )
        return Table.of(
            analysis.coverage(self.known, self.present, list(dict.fromkeys(self.known["indicator"])))
        )

    def values(self) -> Table:
        """Every value compared, as text a reader understands (a DataFrame), with notes on counts."""
        notes = display.notes(
            analysis.comparability_notes(self.table[self.table["measure"] != "rate"], self.provinces),
            labels()["messages"]["counts_differ"],
        )
        return Table.of(analysis.values_table(self.table), notes)

    def trends(self) -> Charts:
        """A small-multiples chart per indicator (a list of Figures): a panel per compared district, all
        periods up to the quarter; `.table` holds the figures drawn."""
        rows = like.trends(self.obs, self.quarter, self.present, self.indicators, changing_only=True)
        figures, alts = [], []
        for name, part in rows.groupby("name_zh", sort=False):
            periods = "、".join(
                dict.fromkeys(analysis.period_text(p) for p in part.sort_values("period_end")["period_key"])
            )
            figures.append(plots.trend_chart(part, self.present, f"{name} · {text('trends')}"))
            alt = text("alt_trend", indicator=name, districts="、".join(self.present), periods=periods)
            alts.append(f"{alt}。{_values_in_words(part, 'district', 'period_key')}")
        rest = [by_code()[c].name_zh for c in self.indicators if c not in set(rows["indicator"])]
        notes = [""] * len(figures)
        if figures and rest:
            notes[-1] = display.muted(f"{text('one_period_only')}: {'、'.join(rest)}")
        return Charts(
            figures,
            notes,
            empty=display.muted(f"{text('one_period_only')}: {'、'.join(rest) or '—'}"),
            alts=alts,
        )

    def evidence(self) -> Block:
        return self._evidence(analysis.with_conflicting(self.obs, self.known))


class Profile(_View):
    def __init__(self, district: str, quarter: str, folder: Path | None = None):
        super().__init__(quarter, folder)
        analysis.check_parameters(self.obs, self.quarter, [district])
        self.district = district
        self.table = analysis.as_of(self.obs, self.quarter, [district])
        self.changes = analysis.history(self.obs, district, self.quarter)

    def title(self) -> Block:
        """The district, the quarter, how recent; a banner when the quarter brings nothing new for it."""
        words = labels()["parameters"]
        params = {words["district"]: self.district, words["quarter"]: self.quarter}
        quarters = like.profile_quarters(self.obs).get(self.district, [])
        before = [q for q in quarters if q < self.quarter]
        banner = ""
        if self.quarter not in quarters and before:  # a hand run for a quarter without new figures
            banner = display.notes(
                [text("not_new", district=self.district, quarter=before[-1])], text("no_new")
            )
        return Block(
            display.title_block(
                f"{self.district} · {self.quarter}", params, data_facts(self.table, self.sources)
            )
            + display.colour_key([self.district], colour_of)
            + banner
        )

    def indicators(self) -> Table:
        """The latest figure of each indicator (a DataFrame)."""
        no_data = display.notes(
            [f"{self.district}: {text('no_figures')}（{self.quarter}）"], labels()["messages"]["no_data"]
        )
        if self.table.empty:
            return Table.of(pd.DataFrame(), empty=no_data)
        return Table.of(
            analysis.values_table(self.table, with_district=False),
            data=_tidy(self.table, self.sources),
            name=f"{self.quarter}_{self.district}_最新数据",
        )

    def history(self) -> Charts:
        """The indicators given for several periods: one Figure in the district's colour, and their values
        as `.table`."""
        rows = self.changes
        if rows.empty:
            return Charts(empty=display.muted(labels()["messages"]["no_change"]))
        periods = "、".join(dict.fromkeys(analysis.period_text(p) for p in rows["period_label"]))
        alt = text("alt_history", district=self.district, periods=periods)
        return Charts(
            [
                plots.history_chart(
                    rows,
                    f"{self.district} · {labels()['messages']['change_over_time']}",
                    colour_of(self.district),
                )
            ],
            table=Table.of(
                analysis.values_table(rows.assign(stale=False), with_district=False),
                data=_tidy(rows.assign(stale=False), self.sources),
                name=f"{self.quarter}_{self.district}_变化",
            ),
            alts=[f"{alt}。{_values_in_words(rows, 'name_zh', 'period_label')}"],
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
