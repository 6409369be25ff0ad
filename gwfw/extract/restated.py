"""One figure stated twice in a report. A headline or a lead (「亳州政务服务“好评率”达99.99%」) restates
a figure the body gives with its period (「上半年，…好评率达99.99%」): the copy without a period of its own
would take the report's default period and read as a second figure, of another period. A later sentence may
repeat a figure with the same period (「在…评价3130623次中」): one figure, one row. Each copy is kept in the
mentions, with the reason, and left out of the observations."""

from __future__ import annotations

from ..langdata import load_yaml
from .tables import TABLE

STATED_IN_TEXT = ("sentence", "paragraph", "section")  # period sources: the text dates the figure


def restated(observations: list[dict], mentions: list[dict], mention_of: list[int]) -> list[dict]:
    """The observations less the copies; mention_of[i]: the index in mentions of observation i's number,
    whose status then says why it gives no observation."""
    common = load_yaml("extraction.yaml")["restated_common_values"]
    dated = {_key(o) for o in observations if o["period_source"] in STATED_IN_TEXT}
    kept, seen, dropped, rows_of = [], set(), {}, {}
    for o, k in zip(observations, mention_of):
        rows_of[k] = rows_of.get(k, 0) + 1
        undated_copy = o["period_source"] not in STATED_IN_TEXT and _key(o) in dated
        undated_copy = undated_copy and o["rule"] != TABLE  # (a table's total row is no headline)
        undated_copy = undated_copy and o["value"] not in common.get(o["unit"], ())
        if undated_copy or (*_key(o), o["period_label"]) in seen:
            dropped.setdefault(k, []).append(o["indicator"])
            continue
        seen.add((*_key(o), o["period_label"]))
        kept.append(o)
    for k, codes in dropped.items():
        if len(codes) == rows_of[k]:  # every figure of that number is a copy
            why = f"unmapped: {', '.join(codes)} restated, as the report states it elsewhere with its period"
            mentions[k]["indicator"], mentions[k]["status"] = "", why
    return kept


def _key(o: dict) -> tuple:
    return o["district_code"], o["indicator"], o["value"], o["value_high"], o["scope"]
