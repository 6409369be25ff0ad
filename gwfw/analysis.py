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

from .codebook import by_code, load_codebook
from .lexicon import load_csv

DEFAULT_DISTRICTS = ("綦江区", "荣昌区", "坡头区")
STALE_AFTER_QUARTERS = 4
_QUARTER = re.compile(r"(\d{4})Q([1-4])")
QUALIFIER_MARKS = {"exact": "{v}", "more_than": "{v}+", "at_least": "≥{v}", "nearly": "近{v}",
                   "approx": "≈{v}", "less_than": "<{v}"}


class ParameterError(ValueError):
    """A notebook parameter that names nothing in the data; the message lists what is valid."""


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
    return sorted({quarter_of(d) for d in obs["period_end"].dropna()})


def format_value(value: float, qualifier: str = "exact") -> str:
    """98.33 -> '98.33', 40000 more_than -> '40000+': the qualifier stays with the number.

    >>> format_value(40000.0, "more_than"), format_value(80.0, "at_least"), format_value(98.33)
    ('40000+', '≥80', '98.33')
    """
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    return QUALIFIER_MARKS.get(qualifier, "{v}").format(v=text.replace(",", ""))


def check_parameters(obs: pd.DataFrame, quarter: str, districts=None, indicators=None) -> None:
    """Stop a notebook at its first cell when a parameter names nothing valid."""
    quarter_bounds(quarter)
    known = sorted(obs["district"].unique())
    for d in [districts] if isinstance(districts, str) else (districts or []):
        if d not in known:
            raise ParameterError(f"district {d!r} has no data; districts with data: {', '.join(known)}")
    codes = sorted(by_code())
    for code in indicators or []:
        if code not in by_code():
            raise ParameterError(f"indicator {code!r} is not in the codebook; valid codes: {', '.join(codes)}")


def as_of(obs: pd.DataFrame, quarter: str, districts=None, indicators=None) -> pd.DataFrame:
    """One row per (district, indicator): the latest figure known at the end of the quarter."""
    start, end = quarter_bounds(quarter)
    rows = obs[obs["period_end"] <= end]
    if districts is not None:
        rows = rows[rows["district"].isin(list(districts))]
    if indicators is not None:
        rows = rows[rows["indicator"].isin(list(indicators))]
    length = (rows["period_end"] - rows["period_start"]).dt.days.fillna(-1)
    rows = rows.assign(_length=length).sort_values(
        ["district", "indicator", "period_end", "_length", "file", "char_start"],
        ascending=[True, True, False, False, True, True])
    latest = rows.groupby(["district", "indicator"], sort=True).head(1).drop(columns="_length")
    stale_before = (pd.Period(quarter, freq="Q") - STALE_AFTER_QUARTERS).end_time.normalize()
    latest = latest.assign(
        stale=latest["period_end"] <= stale_before,
        shown=[format_value(v, q) for v, q in zip(latest["value"], latest["qualifier"])],
    )
    return _with_codebook(latest).reset_index(drop=True)


def _with_codebook(table: pd.DataFrame) -> pd.DataFrame:
    book = pd.DataFrame([{"indicator": i.code, "name_zh": i.name_zh, "name_en": i.name_en, "measure": i.measure,
                          "dimension": i.dimension, "direction": i.direction} for i in load_codebook()])
    order = {i.code: n for n, i in enumerate(load_codebook())}
    out = table.drop(columns=[c for c in book.columns if c != "indicator" and c in table]).merge(book, on="indicator")
    return out.sort_values(["indicator", "district"], key=lambda s: s.map(order) if s.name == "indicator" else s)


def default_indicators(table: pd.DataFrame, districts) -> list[str]:
    """Indicators with a value for at least two of the districts compared."""
    counts = table[table["district"].isin(list(districts))].groupby("indicator")["district"].nunique()
    order = [i.code for i in load_codebook()]
    return [c for c in order if counts.get(c, 0) >= 2]


def coverage(table: pd.DataFrame, districts, indicators) -> pd.DataFrame:
    """District × indicator: the value shown and the period it comes from ('—' where none)."""
    cells = table.assign(cell=table["shown"] + " (" + table["period_label"] + ")" + table["stale"].map({True: " ⚠旧", False: ""}))
    grid = cells.pivot(index="name_zh", columns="district", values="cell")
    names = [by_code()[c].name_zh for c in indicators]
    return grid.reindex(index=names, columns=list(districts)).fillna("—").rename_axis(index="指标", columns="区县")


@cache
def _scope_notes() -> tuple[dict, ...]:
    return load_csv("comparability.csv", ("indicator", "province", "note"))


def comparability_notes(table: pd.DataFrame, districts_provinces: dict[str, str]) -> list[str]:
    """Why two values side by side may not compare: period lengths of counts, province definitions."""
    notes = []
    for code, group in table.groupby("indicator", sort=False):
        ind = by_code()[code]
        if ind.measure == "flow" and group["period_label"].nunique() > 1:
            spans = "; ".join(f"{d} {p}" for d, p in zip(group["district"], group["period_label"]))
            notes.append(f"{ind.name_zh}: counts over periods of different length ({spans}) — not directly comparable.")
        provinces = {districts_provinces.get(d, "") for d in group["district"]}
        if len(provinces) > 1:
            for row in _scope_notes():
                if row["indicator"] == code and row["province"] in provinces:
                    notes.append(f"{ind.name_zh} ({row['province']}): {row['note']}")
    return notes


def history(obs: pd.DataFrame, district: str, quarter: str) -> pd.DataFrame:
    """Every figure of one district up to the quarter, for indicators stated for several periods."""
    _, end = quarter_bounds(quarter)
    rows = obs[(obs["district"] == district) & (obs["period_end"] <= end)]
    periods = rows.groupby("indicator")["period_end"].nunique()
    rows = rows[rows["indicator"].isin(periods[periods > 1].index)]
    rows = rows.assign(shown=[format_value(v, q) for v, q in zip(rows["value"], rows["qualifier"])])
    return _with_codebook(rows).sort_values(["indicator", "period_end"]).reset_index(drop=True)


def batch_plan(obs: pd.DataFrame, quarter: str) -> list[tuple[str, dict]]:
    """The notebooks to run for a quarter: a profile of each district with recent data, one comparison."""
    _, end = quarter_bounds(quarter)
    recent = obs[(obs["period_end"] <= end) & ~as_of_stale(obs["period_end"], quarter)]
    districts = sorted(recent["district"].unique())
    plan = [("20-district-profile", {"district": d, "quarter": quarter}) for d in districts]
    compared = [d for d in DEFAULT_DISTRICTS if d in districts]
    compared = compared if len(compared) >= 2 else districts  # a comparison of one district says nothing
    if compared:
        plan.append(("30-compare-districts", {"districts": compared, "indicators": None, "quarter": quarter}))
    return plan


def as_of_stale(period_end: pd.Series, quarter: str) -> pd.Series:
    stale_before = (pd.Period(quarter, freq="Q") - STALE_AFTER_QUARTERS).end_time.normalize()
    return period_end <= stale_before
