"""Precision and recall of an observations table against hand-labelled gold figures.

A prediction matches a gold row when file, district and indicator are equal, the value is within
0.5 %, and period_end falls in the same year as the gold's (or its period_end_alt) — and in the same
month when the gold period is shorter than a year. Each gold row matches once (a maximum bipartite
matching, so the order of rows cannot change the score). Gold rows marked `optional` absorb a
matching prediction without counting for or against.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .raw_folder import ReportError, read_text

_NEEDED = ("file", "district", "indicator", "value", "period_end")


def read_table(path: Path) -> list[dict]:
    """The rows of a gold or observations CSV, checked for the columns an evaluation needs."""
    text, _ = read_text(path)
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in _NEEDED if c not in (reader.fieldnames or [])]
    if missing:
        raise ReportError(
            f"{path}: line 1: missing column(s) {', '.join(missing)} — gold and observation tables "
            f"need {', '.join(_NEEDED)}"
        )
    return list(reader)


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _period_ok(gold: dict, pred_end: date | None) -> bool:
    if pred_end is None:
        return False
    start = _date(gold.get("period_start", ""))
    for end in (_date(gold.get("period_end", "")), _date(gold.get("period_end_alt", ""))):
        if end is None or end.year != pred_end.year:
            continue
        shorter_than_year = start is None or (end - start).days < 364
        if not shorter_than_year or end.month == pred_end.month:
            return True
    return False


def matches(gold: dict, pred: dict) -> bool:
    if (gold["file"], gold["district"], gold["indicator"]) != (
        pred["file"],
        pred["district"],
        pred["indicator"],
    ):
        return False
    try:
        g, p = float(gold["value"]), float(pred["value"])
    except ValueError:
        return False
    if abs(p - g) > 0.005 * abs(g) + 1e-9:
        return False
    return _period_ok(gold, _date(pred.get("period_end", "")))


def _is_optional(gold: dict) -> bool:
    return gold.get("optional", "").strip().lower() in ("1", "true", "yes", "y")


def _bipartite(gold: list[dict], preds: list[dict], free: set[int]) -> dict[int, int]:
    """Maximum matching gold -> prediction (Kuhn's algorithm), using only predictions in `free`."""
    edges = [[j for j in sorted(free) if matches(g, preds[j])] for g in gold]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def _listed(row: dict) -> str:
    """One gold or predicted row on one line of the report, with its evidence."""
    period, evidence = row.get("period_end", ""), row.get("evidence", "")
    return f"  {row['file']} {row['district']} {row['indicator']} {row['value']} {period} «{evidence}»"


@dataclass
class Evaluation:
    precision: float
    recall: float
    true_positives: int
    false_hits: list[dict]
    misses: list[dict]
    absorbed: int
    per_indicator: list[dict]

    def report(self) -> str:
        lines = [
            f"precision {self.precision:.3f}  recall {self.recall:.3f}  "
            f"(matched {self.true_positives}, false hits {len(self.false_hits)}, misses {len(self.misses)}, "
            f"absorbed by optional gold {self.absorbed})",
            "",
            "per indicator: gold matched missed false_hits",
        ]
        for row in self.per_indicator:
            lines.append(
                f"  {row['indicator']:<28} {row['gold']:>4} {row['matched']:>7} {row['missed']:>6} "
                f"{row['false_hits']:>10}"
            )
        lines.append("\nmisses:")
        lines += [_listed(g) for g in self.misses] or ["  none"]
        lines.append("\nfalse hits:")
        lines += [_listed(p) for p in self.false_hits] or ["  none"]
        return "\n".join(lines)


def evaluate(gold: list[dict], preds: list[dict]) -> Evaluation:
    required = [g for g in gold if not _is_optional(g)]
    optional = [g for g in gold if _is_optional(g)]
    hit = _bipartite(required, preds, set(range(len(preds))))
    left = set(range(len(preds))) - set(hit.values())
    absorbed = _bipartite(optional, preds, left)
    false_idx = sorted(left - set(absorbed.values()))
    tp = len(hit)
    n_pred = tp + len(false_idx)
    misses = [g for i, g in enumerate(required) if i not in hit]
    false_hits = [preds[j] for j in false_idx]
    codes = sorted({g["indicator"] for g in required} | {p["indicator"] for p in false_hits})
    per = []
    for code in codes:
        n_gold = sum(1 for g in required if g["indicator"] == code)
        n_hit = sum(1 for i in hit if required[i]["indicator"] == code)
        per.append(
            {
                "indicator": code,
                "gold": n_gold,
                "matched": n_hit,
                "missed": n_gold - n_hit,
                "false_hits": sum(1 for p in false_hits if p["indicator"] == code),
            }
        )
    return Evaluation(
        precision=tp / n_pred if n_pred else 1.0,
        recall=tp / len(required) if required else 1.0,
        true_positives=tp,
        false_hits=false_hits,
        misses=misses,
        absorbed=len(absorbed),
        per_indicator=per,
    )


def evaluate_files(gold_path: Path, observations_path: Path) -> Evaluation:
    return evaluate(read_table(Path(gold_path)), read_table(Path(observations_path)))
