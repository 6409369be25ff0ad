"""Where a district stands among its peers, indicator by indicator (pandas only; the page is in report/).

Peers are the other districts with data in the same city, the same province, all of them, or a list.
For each indicator the district reports by the end of the quarter, its latest figure fixes the period;
each peer contributes its figure for the same period and unit (the same reporting period for flows
and rates, a date in the same quarter for stocks: `period_keys`), so counts over a quarter are never
ranked against counts over a year. Rank 1 is the highest value (the codebook's
direction says whether higher is better); the percentile is the share of the peers below the district,
ties counting half. Peers that report the indicator only for other periods are counted, not ranked.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from ..errors import ParameterError
from ..extract.places import places
from ..langdata import labels
from . import analysis

SCOPES = ("city", "province", "all")


@cache
def _gazetteer() -> tuple[dict, dict]:
    """Places by six-digit code and by name (the first of a name: codes decide when the data has them)."""
    by_code, by_name = {}, {}
    for p in places():
        if p.code:
            by_code.setdefault(p.code, p)
        by_name.setdefault(p.name, p)
    return by_code, by_name


def district_places(obs: pd.DataFrame) -> pd.DataFrame:
    """One row per district with data: its code, city and province from the gazetteer ('' when unknown)."""
    by_code, by_name = _gazetteer()
    pairs = obs[["district", "district_code"]].drop_duplicates().fillna("").astype(str)
    pairs = pairs.assign(code=pairs["district_code"].str.split(".").str[0])
    codes = pairs[pairs["code"] != ""].drop_duplicates("district").set_index("district")["code"]
    rows = []
    for district in sorted(pairs["district"].unique()):
        code = codes.get(district, "")
        place = by_code.get(code) or by_name.get(district)
        rows.append(
            {
                "district": district,
                "code": code,
                "city": place.city if place else "",
                "province": place.province if place else "",
            }
        )
    return pd.DataFrame(rows, columns=["district", "code", "city", "province"])


def peer_group(obs: pd.DataFrame, district: str, peers) -> list[str]:
    """The peers' names (the district left out), sorted; ParameterError naming what is valid."""
    known = district_places(obs).set_index("district")
    if district not in known.index:
        raise ParameterError(
            f"district {district!r} has no data; districts with data: {', '.join(sorted(known.index))}"
        )
    if isinstance(peers, str):
        if peers not in SCOPES:
            raise ParameterError(
                f"peers {peers!r}: give one of {', '.join(SCOPES)}, or a list of districts with data"
            )
        if peers == "all":
            group = known.index
        else:
            where = known.loc[district, peers]
            if not where:
                raise ParameterError(
                    f"peers {peers!r}: the gazetteer gives {district} no {peers} — use 'all' or a list"
                )
            group = known.index[known[peers] == where]
    else:
        group = list(peers)
        unknown = [d for d in group if d not in known.index]
        if unknown:
            raise ParameterError(
                f"peers: {', '.join(map(repr, unknown))} ha(s) no data; districts with data: "
                f"{', '.join(sorted(known.index))}"
            )
    return sorted(d for d in set(group) if d != district)


def period_keys(rows: pd.DataFrame) -> pd.Series:
    """What 'the same period' means: the reporting period's label for flows and rates (2022, 2022H1 —
    whatever day a report's year is cut off), the calendar quarter of the date for a stock (截至 a day).

    >>> rows = pd.DataFrame({"period_label": ["2022H1", "as of 2022-05-31"],
    ...                      "period_end": pd.to_datetime(["2022-06-30", "2022-05-31"])})
    >>> period_keys(rows).tolist()
    ['2022H1', 'as of 2022Q2']
    """
    labels = rows["period_label"].astype(str)
    ends = rows["period_end"]
    quarters = "as of " + ends.dt.year.astype(str) + "Q" + ends.dt.quarter.astype(str)
    return quarters.where(labels.str.startswith("as of "), labels).astype(object)


def peer_figures(obs: pd.DataFrame, district: str, quarter: str, group: list[str]) -> pd.DataFrame:
    """Every figure ranked: per indicator the district's latest by the end of the quarter, and each
    peer's (`group`: from peer_group) for the same period and unit. Columns of analysis.as_of, plus
    `is_district`."""
    analysis.check_parameters(obs, quarter, [district])
    own = analysis.as_of(obs, quarter, [district])
    if own.empty:
        return own.assign(is_district=pd.Series(dtype=bool))
    _, end = analysis.quarter_bounds(quarter)
    candidates = obs[
        obs["indicator"].isin(own["indicator"]) & (obs["period_end"] <= end) & obs["district"].isin(group)
    ]
    candidates = candidates.assign(_period=period_keys(candidates))
    keys = own.assign(_period=period_keys(own))[["indicator", "unit", "_period"]]
    same = candidates.merge(keys, on=["indicator", "unit", "_period"]).drop(columns="_period")
    # a peer with several figures for the period: its latest, then the first in file and text order
    same = same.sort_values(
        ["indicator", "district", "period_end", "file", "char_start"],
        ascending=[True, True, False, True, True],
    )
    same = same.drop_duplicates(["indicator", "district"])
    same = same.assign(
        stale=analysis.as_of_stale(same["period_end"], quarter),
        shown=[analysis.format_value(v, q) for v, q in zip(same["value"], same["qualifier"])],
        alternatives="",
    )
    table = pd.concat([own, analysis._with_codebook(same)], ignore_index=True)
    return table.assign(is_district=table["district"] == district).reset_index(drop=True)


def standing(figures: pd.DataFrame, obs: pd.DataFrame, quarter: str, group: list[str]) -> pd.DataFrame:
    """One row per indicator the district reports: its value, rank, percentile and how many peers report
    the indicator (for the same period, and at all by the end of the quarter)."""
    _, end = analysis.quarter_bounds(quarter)
    anywhere = obs[(obs["period_end"] <= end) & obs["district"].isin(group)]
    reporting = anywhere.groupby("indicator")["district"].nunique()
    rows = []
    for code, part in figures.groupby("indicator", sort=False):
        mine = part[part["is_district"]].iloc[0]
        others = part.loc[~part["is_district"], "value"]
        above, ties = int((others > mine["value"]).sum()), int((others == mine["value"]).sum())
        below = len(others) - above - ties
        rows.append(
            {
                "indicator": code,
                "name_zh": mine["name_zh"],
                "unit": mine["unit"],
                "direction": mine["direction"],
                "period": analysis.period_text(mine["period_label"]),
                "value": mine["value"],
                "shown": analysis.with_unit(mine["shown"], mine["unit"]),
                "rank": above + 1,
                "ranked": len(others) + 1,
                "percentile": round(100 * (below + ties / 2) / len(others)) if len(others) else None,
                "median": others.median() if len(others) else None,
                "same_period": len(others),
                "any_period": int(reporting.get(code, 0)),
                "peers": len(group),
            }
        )
    return pd.DataFrame(rows)


def standing_table(table: pd.DataFrame) -> pd.DataFrame:
    """The standing as a reader's table: headers from labels.yaml, '3 / 12', '75%'."""

    def pct(v):
        return "—" if v is None or pd.isna(v) else f"{v:.0f}%"

    words = labels()["peers"]
    head = words["columns"]
    return pd.DataFrame(
        {
            head["indicator"]: table["name_zh"],
            head["value"]: table["shown"],
            head["period"]: table["period"],
            head["rank"]: [f"{r} / {n}" for r, n in zip(table["rank"], table["ranked"])],
            head["percentile"]: [pct(v) for v in table["percentile"]],
            head["same_period"]: table["same_period"],
            head["any_period"]: [f"{a} / {p}" for a, p in zip(table["any_period"], table["peers"])],
            head["direction"]: table["direction"].map(words["directions"]).fillna(""),
        }
    )


def peer_notes(figures: pd.DataFrame, places_table: pd.DataFrame, quarter: str) -> list[str]:
    """Comparability notes as in the comparison: definitions that differ between provinces, and a
    district figure older than four quarters (its peers are matched to that old period)."""
    provinces = dict(zip(places_table["district"], places_table["province"]))
    notes = analysis.comparability_notes(figures, provinces)
    for r in figures[figures["is_district"] & figures["stale"]].itertuples(index=False):
        period = analysis.period_text(r.period_label)
        notes.append(
            labels()["peers"]["stale"].format(
                name=r.name_zh, district=r.district, period=period, quarter=quarter
            )
        )
    return notes
