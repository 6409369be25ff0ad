"""How far to trust a figure, from the path its rule took: a name right before the number and a period
stated in its sentence are surer than a programme reaching across a sentence or an inferred period.
A review can start with the weakest (langdata/confidence.yaml says which path gives what)."""

from __future__ import annotations

from functools import cache

from ..langdata import load_yaml

LEVELS = ("high", "medium", "low")


@cache
def _lexicon() -> dict:
    return load_yaml("confidence.yaml")


def confidence(rule: str, period_source: str, scope: str) -> str:
    """The lowest of what the rule, the period's source and the scope allow."""
    lx = _lexicon()
    levels = [lx["rules"].get(rule, lx["rule_default"]), lx["periods"].get(period_source, "low")]
    if scope:
        levels.append(lx["scoped"])
    return max(levels, key=LEVELS.index)
