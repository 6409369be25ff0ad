"""Like with like: figures of the same period side by side, why a district has none, trends, key facts.

The as-of table (analysis.as_of) gives each district's latest figure, whatever its period: 2022H1 beside
2022. Here, per indicator, the comparison first takes the latest period that most of the compared districts
share: for rates and counts the same period label (2022, 2022H1), for stocks (as of a date) the same quarter.
"""

from __future__ import annotations

import pandas as pd

from ..extract.codebook import by_code, load_codebook
from ..langdata.words import text
from . import analysis
from .settings import compared_districts, sort_districts


def period_key(rows: pd.DataFrame) -> pd.Series:
    """'2022H1' for a flow or rate; '截至 2022Q4' for a stock (an as-of date), so that 12-19 meets 12-31."""
    stock = rows["period_start"].isna()
    quarters = [f"截至 {analysis.quarter_of(d)}" if pd.notna(d) else "" for d in rows["period_end"]]
    return pd.Series(quarters, index=rows.index).where(stock, rows["period_label"].astype(str))


def known_by(obs: pd.DataFrame, quarter: str, districts) -> pd.DataFrame:
    _, end = analysis.quarter_bounds(quarter)
    rows = obs[(obs["period_end"] <= end) & obs["district"].isin(list(districts))]
    return rows.assign(period_key=period_key(rows))


def shared_periods(obs: pd.DataFrame, quarter: str, districts) -> dict[str, str]:
    """indicator -> the latest period shared by the most districts (two at least; for a single district,
    its latest period)."""
    rows = known_by(obs, quarter, districts)
    spans = rows.groupby(["indicator", "period_key"]).agg(
        n=("district", "nunique"), end=("period_end", "max")
    )
    spans = (
        spans[spans["n"] >= min(2, len(list(districts)))]
        .reset_index()
        .sort_values(["indicator", "n", "end"], ascending=False)
    )
    return dict(
        zip(spans.drop_duplicates("indicator")["indicator"], spans.drop_duplicates("indicator")["period_key"])
    )


def same_period(obs: pd.DataFrame, quarter: str, districts) -> pd.DataFrame:
    """One row per (indicator, district) for the indicator's shared period, with the as-of columns."""
    rows = known_by(obs, quarter, districts)
    chosen = shared_periods(obs, quarter, districts)
    keep = pd.Series(
        [chosen.get(i) == k for i, k in zip(rows["indicator"], rows["period_key"])],
        index=rows.index,
        dtype=bool,
    )
    picked = rows[keep]  # a boolean Series: an empty list would select no columns
    if picked.empty:
        return analysis.as_of(picked.drop(columns="period_key"), quarter).assign(period_key=[])
    table = analysis.as_of(picked.drop(columns="period_key"), quarter, districts)
    return table.assign(period_key=[chosen[i] for i in table["indicator"]])


def why_absent(obs: pd.DataFrame, quarter: str, districts) -> list[str]:
    """One line for each district with no current figure at the end of the quarter, saying why."""
    _, end = analysis.quarter_bounds(quarter)
    lines = []
    for district in districts:
        own = obs[obs["district"] == district]
        known = own[own["period_end"] <= end]
        if own.empty:
            lines.append(text("no_report", district=district))
        elif known.empty:
            lines.append(text("first_report", district=district, period=_quarter_label(own, first=True)))
        elif analysis.as_of_stale(known["period_end"], quarter).all():
            lines.append(text("stale_latest", district=district, period=_quarter_label(known, first=False)))
    return lines


def _label(row) -> str:
    return analysis.period_text(row["period_label"])


def _quarter_label(rows: pd.DataFrame, first: bool) -> str:
    """The period a district's first (or latest) figures cover: '2022H1' rather than the as-of date of a
    stock stated in the same report, when the quarter has both."""
    quarters = [analysis.quarter_of(d) for d in rows["period_end"]]
    edge = min(quarters) if first else max(quarters)
    part = rows[[q == edge for q in quarters]]
    flows = part[part["period_start"].notna()]
    part = (flows if len(flows) else part).sort_values(["period_end", "period_start"])
    return _label(part.iloc[-1])


def missing_in_same_period(
    obs: pd.DataFrame, quarter: str, districts, indicator: str, key: str
) -> list[tuple]:
    """For one indicator's same-period row: (district, why, period) for each compared district without a
    figure there; why is other_period (it has another), later_period (its first comes later), not_reported."""
    rows = known_by(obs, quarter, districts)
    rows = rows[rows["indicator"] == indicator]
    later = obs[(obs["indicator"] == indicator) & obs["district"].isin(list(districts))]
    out = []
    for district in districts:
        own = rows[rows["district"] == district]
        if (own["period_key"] == key).any():
            continue
        if not own.empty:
            out.append((district, "other_period", _quarter_label(own, first=False)))
        elif (later["district"] == district).any():
            first = later[later["district"] == district].sort_values("period_end").iloc[0]
            out.append((district, "later_period", _label(first)))
        else:
            out.append((district, "not_reported", ""))
    return out


def trends(
    obs: pd.DataFrame, quarter: str, districts, indicators, changing_only: bool = False
) -> pd.DataFrame:
    """Every figure of the compared districts for these indicators over all periods up to the quarter;
    `changing_only`: only indicators that some district gives for two periods or more (a trend to see)."""
    rows = known_by(obs, quarter, districts)
    rows = rows[rows["indicator"].isin(list(indicators))]
    if changing_only:
        spans = rows.groupby(["indicator", "district"])["period_key"].nunique().groupby("indicator").max()
        rows = rows[rows["indicator"].isin(spans[spans > 1].index)]
    rows = rows.sort_values(["district", "indicator", "period_end", "file", "char_start"])
    rows = rows.drop_duplicates(["district", "indicator", "period_key"])
    rows = rows.assign(shown=[analysis.format_value(v, q) for v, q in zip(rows["value"], rows["qualifier"])])
    order = {i.code: n for n, i in enumerate(load_codebook())}
    names = {i.code: i.name_zh for i in load_codebook()}
    return (
        rows.assign(name_zh=rows["indicator"].map(names), _o=rows["indicator"].map(order))
        .sort_values(["_o", "period_end"])
        .drop(columns="_o")
        .reset_index(drop=True)
    )


def leaders(table: pd.DataFrame) -> list[dict]:
    """Per rate of the same-period table with a direction (higher or lower is better): who leads. Counts
    and stocks grow with a district's size: no leader is named for them."""
    out = []
    for code, group in table.groupby("indicator", sort=False):
        direction, measure = by_code()[code].direction, by_code()[code].measure
        if measure != "rate" or direction not in ("higher", "lower") or group["value"].nunique() < 2:
            continue
        ranked = group.sort_values("value", ascending=direction == "lower")
        first, rest = ranked.iloc[0], ranked.iloc[1:]
        out.append(
            {
                "indicator": code,
                "name_zh": first["name_zh"],
                "district": first["district"],
                "shown": analysis.with_unit(first["shown"], first["unit"]),
                "others": [
                    (r["district"], analysis.with_unit(r["shown"], r["unit"])) for _, r in rest.iterrows()
                ],
                "period": str(first["period_key"]),
            }
        )
    return out


def new_this_quarter(obs: pd.DataFrame, quarter: str, districts=None) -> dict[str, list[str]]:
    """district -> the periods of the figures whose period ends in this quarter (what the quarter brings)."""
    start, end = analysis.quarter_bounds(quarter)
    rows = obs[(obs["period_end"] >= start) & (obs["period_end"] <= end)]
    if districts is not None:
        rows = rows[rows["district"].isin(list(districts))]
    rows = rows.assign(period_key=period_key(rows)).sort_values("period_end")
    return {d: list(dict.fromkeys(g["period_key"])) for d, g in rows.groupby("district", sort=False)}


def key_facts(obs: pd.DataFrame, quarter: str, districts, limit: int = 3) -> str:
    """The index's sentence for a quarter's comparison: who leads on what (same period), and what is new."""
    districts = sort_districts(districts)
    table = same_period(obs, quarter, districts)
    parts = []
    lead = leaders(table)
    if lead:
        shown = [
            f"{x['district']} {x['name_zh']} {x['shown']}（{'、'.join(f'{d} {v}' for d, v in x['others'])}；"
            f"{x['period']}）"
            for x in lead[:limit]
        ]
        more = f" 等 {len(lead)} 项 · {len(lead)} in all" if len(lead) > limit else ""
        parts.append(f"{text('leads_on')}: " + "；".join(shown) + more)
    new = new_this_quarter(obs, quarter, districts)
    if new:
        parts.append(f"{text('new_figures')}: " + "、".join(f"{d}（{'、'.join(p)}）" for d, p in new.items()))
    else:
        parts.append(text("no_new"))
    return "。".join(parts) + "。"


def plan_districts(obs: pd.DataFrame, quarter: str) -> list[str]:
    """Who a quarter's comparison shows: the districts of the settings that have data at all, and, when
    fewer than two of them have current figures, every district with current figures."""
    _, end = analysis.quarter_bounds(quarter)
    known = obs[obs["period_end"] <= end]
    current = set(known.loc[~analysis.as_of_stale(known["period_end"], quarter), "district"])
    chosen = [d for d in compared_districts() if d in set(obs["district"])]
    if sum(d in current for d in chosen) < 2:
        chosen += sorted(current)
    return sort_districts(chosen)


def profile_quarters(obs: pd.DataFrame) -> dict[str, list[str]]:
    """district -> the quarters that bring new figures for it (a figure's period ends in the quarter)."""
    quarters = obs.dropna(subset=["period_end"]).assign(
        q=lambda t: [analysis.quarter_of(d) for d in t["period_end"]]
    )
    return {d: sorted(set(g["q"])) for d, g in quarters.groupby("district", sort=True)}


def page_summary(obs: pd.DataFrame, parameters: dict) -> str:
    """The index's line under a page: a comparison's key facts, or the new periods a profile brings."""
    try:
        quarter = parameters.get("quarter", "")
        if parameters.get("districts"):
            return key_facts(obs, quarter, parameters["districts"])
        if parameters.get("district"):
            district = parameters["district"]
            new = new_this_quarter(obs, quarter, [district]).get(district, [])
            return f"{text('new_figures')}: {'、'.join(new)}" if new else text("no_new")
    except (KeyError, TypeError, ValueError, AttributeError):
        pass
    return ""
