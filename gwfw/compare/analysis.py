"""Comparing like with like: what the notebooks show for a quarter, computed and tested here.

As-of semantics: for quarter Q each (district, indicator) takes its latest observation whose
period_end is on or before the end of Q; one older than four quarters is marked stale. Rates compare
directly; counts over periods of different length, or definitions that differ between provinces,
get a visible note instead of a silent side-by-side.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from ..errors import ParameterError
from ..extract.codebook import by_code, load_codebook
from ..langdata import labels, load_csv
from ..langdata.words import text
from .settings import compared_districts

DEFAULT_DISTRICTS = compared_districts()  # gwfw/langdata/site.yaml
STALE_AFTER_QUARTERS = 4
_QUARTER = re.compile(r"(\d{4})Q([1-4])")


def quarter_bounds(quarter: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    m = _QUARTER.fullmatch(str(quarter).strip())
    if not m:
        raise ParameterError(f"quarter {quarter!r} is not of the form 2022Q4 (a year, 'Q', then 1-4)")
    period = pd.Period(f"{m[1]}Q{m[2]}", freq="Q")
    return period.start_time.normalize(), period.end_time.normalize()


def quarter_of(day: pd.Timestamp) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def quarters_in_data(obs: pd.DataFrame) -> list[str]:
    """Every quarter in which some figure's period ends."""
    ends = obs["period_end"].dropna()  # vectorised: a national table has hundreds of thousands of rows
    return [f"{k // 10}Q{k % 10}" for k in sorted(pd.unique(ends.dt.year * 10 + ends.dt.quarter))]


def format_value(value: float, qualifier: str = "exact") -> str:
    """98.33 -> '98.33', 40000 more_than -> '40000+': the qualifier stays with the number.

    >>> format_value(40000.0, "more_than"), format_value(80.0, "at_least"), format_value(98.33)
    ('40000+', '≥80', '98.33')
    """
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    return labels()["qualifier_marks"].get(qualifier, "{v}").format(v=text.replace(",", ""))


def indicator_codes(indicators) -> list[str] | None:
    """Notebook parameters name indicators by code or by Chinese name: ["办结率", "online_rate"] ->
    ["completion_rate", "online_rate"]. Unknown names are kept, for check_parameters to name them.

    >>> indicator_codes("办结率"), indicator_codes(None)
    (['completion_rate'], None)
    """
    if indicators is None:
        return None
    by_name = {ind.name_zh: code for code, ind in by_code().items()}
    items = [indicators] if isinstance(indicators, str) else list(indicators)
    return [by_name.get(str(i).strip(), str(i).strip()) if i not in by_code() else i for i in items]


def check_parameters(obs: pd.DataFrame, quarter: str, districts=None, indicators=None) -> None:
    """Stop a notebook at its first cell when a parameter names nothing valid; the message lists what is."""
    quarters = quarters_in_data(obs)
    try:
        _, end = quarter_bounds(quarter)
    except ParameterError as exc:
        raise ParameterError(f"{exc}; quarters with data: {', '.join(quarters)}") from None
    if quarters and end < quarter_bounds(quarters[0])[1]:
        raise ParameterError(
            f"quarter {quarter!r} is before every figure in the data; "
            f"quarters with data: {', '.join(quarters)}"
        )
    known = sorted(obs["district"].unique())
    for d in [districts] if isinstance(districts, str) else (districts or []):
        if d not in known:
            raise ParameterError(f"district {d!r} has no data; districts with data: {', '.join(known)}")
    for code in indicator_codes(indicators) or []:
        if code not in by_code():
            valid = ", ".join(f"{c} ({i.name_zh})" for c, i in sorted(by_code().items()))
            raise ParameterError(
                f"indicator {code!r} is neither a code nor a name in the codebook; "
                f"valid codes (names): {valid}"
            )


def as_of(obs: pd.DataFrame, quarter: str, districts=None, indicators=None) -> pd.DataFrame:
    """One row per (district, indicator): the latest figure known at the end of the quarter."""
    start, end = quarter_bounds(quarter)
    rows = obs  # the narrow filters first: a national table has hundreds of thousands of rows
    if districts is not None:
        rows = rows[rows["district"].isin(list(districts))]
    if indicators is not None:
        rows = rows[rows["indicator"].isin(list(indicators))]
    rows = rows[rows["period_end"] <= end]
    length = (rows["period_end"] - rows["period_start"]).dt.days.fillna(-1)
    # A district-wide figure first: one of a narrower scope (粤智助 kiosks) only where there is none.
    rows = rows.assign(_length=length, _scoped=_scope(rows) != "").sort_values(
        ["district", "indicator", "_scoped", "period_end", "_length", "file", "char_start"],
        ascending=[True, True, True, False, False, True, True],
    )
    latest = rows.groupby(["district", "indicator"], sort=True).head(1).drop(columns=["_length", "_scoped"])
    latest = latest.assign(
        stale=as_of_stale(latest["period_end"], quarter),
        shown=[format_value(v, q) for v, q in zip(latest["value"], latest["qualifier"])],
        alternatives=[_alternatives(rows, r) for r in latest.itertuples(index=False)],
    )
    return _with_codebook(latest).reset_index(drop=True)


def _scope(frame: pd.DataFrame) -> pd.Series:
    """Each figure's scope, '' for the whole district (tables written before the column existed: all '')."""
    return frame["scope"] if "scope" in frame else pd.Series("", index=frame.index)


def _alternatives(rows: pd.DataFrame, row) -> str:
    """The other values the reports give for the figure shown (same district, indicator, period): '66.7'."""
    if not row.conflict:
        return ""
    same = rows[
        (rows["district"] == row.district)
        & (rows["indicator"] == row.indicator)
        & (rows["period_end"] == row.period_end)
        & (_scope(rows) == getattr(row, "scope", ""))
    ]
    shown = format_value(row.value, row.qualifier)
    others = dict.fromkeys(format_value(v, q) for v, q in zip(same["value"], same["qualifier"]))
    return labels()["list_joiner"].join(o for o in others if o != shown)


def with_conflicting(obs: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """The figures shown, each followed by the other figures the reports give for the same district,
    indicator and period (those a '⚠ 另有' mark names), so that every value on a page has its sentence."""
    if table.empty or not table["conflict"].any():
        return table
    on = ["district", "indicator", "period_end"] + (["scope"] if "scope" in table and "scope" in obs else [])
    keys = table[table["conflict"]][[*on, "stale"]]
    siblings = obs[obs["conflict"]].merge(keys, on=on)
    shown = set(zip(table["file"], table["char_start"]))
    siblings = siblings[[(f, c) not in shown for f, c in zip(siblings["file"], siblings["char_start"])]]
    siblings = _with_codebook(
        siblings.assign(
            shown=[format_value(v, q) for v, q in zip(siblings["value"], siblings["qualifier"])],
            alternatives=[_alternatives(obs, r) for r in siblings.itertuples(index=False)],
        )
    )
    order = {key: n for n, key in enumerate(zip(table["district"], table["indicator"]))}
    both = pd.concat([table.assign(_second=0), siblings.assign(_second=1)], ignore_index=True)
    both["_at"] = [order[k] for k in zip(both["district"], both["indicator"])]
    return (
        both.sort_values(["_at", "_second", "file", "char_start"])
        .drop(columns=["_at", "_second"])
        .reset_index(drop=True)
    )


def period_text(label: str) -> str:
    """A period label as a reader sees it: 'as of 2021-07-14' -> '截至 2021-07-14'; '2022H1' unchanged."""
    label = str(label)
    return labels()["as_of_prefix"] + label[len("as of ") :] if label.startswith("as of ") else label


def with_unit(shown: str, unit: str) -> str:
    """'98.33', '%' -> '98.33%'; '1364', '项' -> '1364 项': the unit stays with the number wherever shown.

    >>> with_unit("98.33", "%"), with_unit("250+", "个"), with_unit("0.08", "")
    ('98.33%', '250+ 个', '0.08')
    """
    if not unit:
        return shown
    return f"{shown}{unit}" if unit == "%" else f"{shown} {unit}"


def _with_codebook(table: pd.DataFrame) -> pd.DataFrame:
    book = pd.DataFrame(
        [
            {
                "indicator": i.code,
                "name_zh": i.name_zh,
                "name_en": i.name_en,
                "measure": i.measure,
                "dimension": i.dimension,
                "direction": i.direction,
            }
            for i in load_codebook()
        ]
    )
    order = {i.code: n for n, i in enumerate(load_codebook())}
    out = table.drop(columns=[c for c in book.columns if c != "indicator" and c in table]).merge(
        book, on="indicator"
    )
    return out.sort_values(
        ["indicator", "district"], key=lambda s: s.map(order) if s.name == "indicator" else s
    )


def default_indicators(table: pd.DataFrame, districts) -> list[str]:
    """Indicators with a value for at least two of the districts compared."""
    counts = table[table["district"].isin(list(districts))].groupby("indicator")["district"].nunique()
    order = [i.code for i in load_codebook()]
    return [c for c in order if counts.get(c, 0) >= 2]


def marks(row) -> list[str]:
    """The marks of a figure shown: corrected or added by a researcher, stale, the other values for its
    period (or that there are some), and its narrower scope."""
    words = labels()
    source = row.get("source")  # corrected or added by a researcher: a small mark first
    found = [words["marks"][source]] if source in ("corrected", "added") else []
    found += [words["marks"]["stale"]] if row.get("stale") else []
    others = row.get("alternatives") or ""
    if others:
        joiner = words["list_joiner"]
        values = joiner.join(with_unit(o, row["unit"]) for o in others.split(joiner))
        found.append(f"{words['marks']['also']} {values}")
    elif row.get("conflict"):
        found.append(words["marks"]["conflict"])
    if row.get("scope"):  # a narrower scope's figure, shown where the district has none
        found.append(f"{words['marks']['scope']} {row['scope']}")
    return found


def cell_text(row) -> str:
    """'98.33% (2022H1)', '98 项 (as of 2021-07-14) ⚠ 过旧 stale', '91.73% (2022) ⚠ 另有 also 66.7%'."""
    text = f"{with_unit(row['shown'], row['unit'])} ({period_text(row['period_label'])})"
    shown = marks({**row, "conflict": False})  # a cell names the other values, or says nothing more
    return " ".join([text, *shown])


def coverage(table: pd.DataFrame, districts, indicators) -> pd.DataFrame:
    """District × indicator: the value with its unit and the period it comes from ('—' where none)."""
    cells = table.assign(cell=[cell_text(r) for _, r in table.iterrows()] if len(table) else [])
    grid = cells.pivot(index="name_zh", columns="district", values="cell")
    names = [by_code()[c].name_zh for c in indicators]
    grid = grid.reindex(index=names, columns=list(districts)).fillna("—")
    grid.columns.name = None
    # a plain column: one header row, '指标' then districts
    return grid.rename_axis(index=labels()["columns"]["indicator"]).reset_index()


@cache
def _scope_notes() -> tuple[dict, ...]:
    return load_csv("comparability.csv")


def comparability_notes(table: pd.DataFrame, districts_provinces: dict[str, str]) -> list[str]:
    """Why two values side by side may not compare: period lengths of counts, province definitions."""
    notes = []
    for code, group in table.groupby("indicator", sort=False):
        ind = by_code()[code]
        if ind.measure == "flow" and group["period_label"].nunique() > 1:
            spans = "; ".join(
                f"{d} {period_text(p)}" for d, p in zip(group["district"], group["period_label"])
            )
            notes.append(text("note_counts_length", name=ind.name_zh, spans=spans))
        provinces = {districts_provinces.get(d, "") for d in group["district"]}
        if len(provinces) > 1:
            for row in _scope_notes():
                if row["indicator"] == code and row["province"] in provinces:
                    notes.append(f"{ind.name_zh} ({row['province']}): {row['note']}")
    return notes


def rate_notes(table: pd.DataFrame, quarter: str) -> list[str]:
    """What a bar chart of rates cannot say by itself: stale figures, and rates over different periods."""
    notes = []
    for code, group in table.groupby("indicator", sort=False):
        name, measure = by_code()[code].name_zh, by_code()[code].measure
        for r in group[group["stale"]].itertuples(index=False):
            period = period_text(r.period_label)
            notes.append(text("note_stale", name=name, district=r.district, period=period, quarter=quarter))
        if group["period_label"].nunique() > 1:
            spans = "; ".join(
                f"{d} {period_text(p)}" for d, p in zip(group["district"], group["period_label"])
            )
            key = "note_rate_periods" if measure == "rate" else "note_periods"
            notes.append(text(key, name=name, spans=spans))
    return notes


def history(obs: pd.DataFrame, district: str, quarter: str) -> pd.DataFrame:
    """Every figure of one district up to the quarter, for indicators stated for several periods."""
    _, end = quarter_bounds(quarter)
    rows = obs[(obs["district"] == district) & (obs["period_end"] <= end)]
    periods = rows.groupby("indicator")["period_end"].nunique()
    rows = rows[rows["indicator"].isin(periods[periods > 1].index)]
    rows = rows.assign(
        shown=[format_value(v, q) for v, q in zip(rows["value"], rows["qualifier"])],
        alternatives=[_alternatives(rows, r) for r in rows.itertuples(index=False)],
    )
    return _with_codebook(rows).sort_values(["indicator", "period_end"]).reset_index(drop=True)


def batch_plan(obs: pd.DataFrame, quarter: str) -> list[tuple[str, dict]]:
    """The notebooks to run for a quarter: a profile and a peer-group page (peers: its province) of each
    district the quarter brings new figures for (none that would repeat an earlier page), and one
    comparison (like_with_like.plan_districts)."""
    from .like_with_like import plan_districts, profile_quarters

    quarter_bounds(quarter)  # a ParameterError for a malformed quarter
    new = [d for d, quarters in profile_quarters(obs).items() if quarter in quarters]
    plan = [("20-district-profile", {"district": d, "quarter": quarter}) for d in sorted(new)]
    plan += [("40-peer-group", {"district": d, "peers": "province", "quarter": quarter}) for d in sorted(new)]
    compared = plan_districts(obs, quarter)
    if compared:
        plan.append(("30-compare-districts", {"districts": compared, "indicators": None, "quarter": quarter}))
    return plan


def latest_figure(obs: pd.DataFrame, parameters: dict) -> str:
    """The end of the latest period a notebook run with these parameters can show ('2022-12-31'), or '—'.

    For the index, so a reader sees that a quarter's profile of a district holds nothing newer than last year.
    """
    try:
        _, end = quarter_bounds(parameters.get("quarter", ""))
        districts = parameters.get("districts") or [parameters.get("district")]
        ends = obs.loc[obs["district"].isin(list(districts)) & (obs["period_end"] <= end), "period_end"]
        indicators = parameters.get("indicators")
        if indicators:
            ends = ends[obs.loc[ends.index, "indicator"].isin(list(indicators))]
        return "—" if ends.empty else f"{ends.max():%Y-%m-%d}"
    except (ParameterError, KeyError, TypeError, AttributeError):
        return "—"


def latest_figures(obs: pd.DataFrame, quarter: str) -> dict[str, str]:
    """latest_figure of every district at once, for a quarter: {district: '2022-12-31'}; {} if invalid."""
    try:
        _, end = quarter_bounds(quarter)
    except ParameterError:
        return {}
    ends = obs.loc[obs["period_end"] <= end].groupby("district")["period_end"].max()
    return {d: f"{e:%Y-%m-%d}" for d, e in ends.items()}


def as_of_stale(period_end: pd.Series, quarter: str) -> pd.Series:
    """True where a figure's period ended more than four quarters before the end of the quarter."""
    stale_before = (pd.Period(str(quarter).strip(), freq="Q") - STALE_AFTER_QUARTERS).end_time.normalize()
    return period_end <= stale_before


def dimension_label(dimension: str) -> str:
    return labels()["dimension_labels"].get(dimension, dimension)


def values_table(table: pd.DataFrame, with_district: bool = True) -> pd.DataFrame:
    """What a reader sees of each figure: value with unit and qualifier, period, how it was found, marks.

    No codes, no NaN, no timestamps: every cell is text. The 提示 column says 'stale' and lists the other
    values the reports give for the same period.
    """

    words = labels()
    head = words["columns"]
    qualifiers, sources = words["qualifier_labels"], words["period_source_labels"]
    rows = [
        {
            head["district"]: r["district"],
            head["indicator"]: r["name_zh"],
            head["value"]: with_unit(r["shown"], r["unit"]),
            head["qualifier"]: qualifiers.get(r["qualifier"], r["qualifier"]),
            head["period"]: period_text(r["period_label"]),
            head["period_source"]: sources.get(r["period_source"], r["period_source"]),
            head["marks"]: words["marks_joiner"].join(marks(r)),
        }
        for _, r in table.iterrows()
    ]
    columns = [
        head[c] for c in ("district", "indicator", "value", "qualifier", "period", "period_source", "marks")
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame if with_district else frame.drop(columns=head["district"])
