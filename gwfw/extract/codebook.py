"""The indicator codebook (gwfw/langdata/indicators.csv): codes, units, and the words reports use for each.

The project's copy extends ../shared/spec/indicators.csv with `measure` (rate, stock or flow),
`topic_forms` (programme names that govern a whole sentence), `after_forms` (what a rate written
before its subject is followed by: 「93%可网上办理」), and context words an indicator
requires or excludes in its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..langdata import LexiconError, load_csv, load_yaml

COLUMNS = (
    "code",
    "name_zh",
    "name_en",
    "kind",
    "unit",
    "direction",
    "dimension",
    "measure",
    "surface_forms",
    "topic_forms",
    "after_forms",
    "context_required",
    "context_excluded",
    "notes",
)
MEASURES = ("rate", "stock", "flow")


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    name_zh: str
    name_en: str
    kind: str
    unit: str
    direction: str
    dimension: str
    measure: str
    surface_forms: tuple[str, ...]
    topic_forms: tuple[str, ...]
    after_forms: tuple[str, ...]
    context_required: tuple[str, ...]
    context_excluded: tuple[str, ...]
    notes: str

    def in_context(self, sentence: str, before: str | None = None) -> bool:
        """Does the sentence hold a word the indicator requires, and its part `before` the figure's own
        (the whole sentence when not given) none it excludes?"""
        before = sentence if before is None else before
        return (not self.context_required or any(w in sentence for w in self.context_required)) and not any(
            _holds(before, w) for w in self.context_excluded
        )


def _holds(text: str, word: str) -> bool:
    """Is the word in the text? A word in digits (12345) only as a number of its own, not inside a longer
    one (「办件量212345件」); a word only where it is not said to be absent (「零投诉」)."""
    return word in text and (_numeral(word) if word.isdigit() else _unnegated(word)).search(text) is not None


@cache
def _unnegated(word: str) -> re.Pattern:
    negations = load_yaml("extraction.yaml")["negations"]
    return re.compile("".join(f"(?<!{re.escape(n)})" for n in negations) + re.escape(word))


@cache
def _numeral(word: str) -> re.Pattern:
    return re.compile(rf"(?<![0-9０-９.．]){re.escape(word)}(?![0-9０-９.．])")


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


@cache
def load_codebook() -> tuple[Indicator, ...]:
    rows = load_csv("indicators.csv")
    problems, seen, out = [], set(), []
    for i, row in enumerate(rows, start=2):
        missing = [c for c in COLUMNS if c not in row]
        if missing:
            raise LexiconError(f"gwfw/langdata/indicators.csv: missing columns {missing}")
        if row["code"] in seen:
            problems.append(f"gwfw/langdata/indicators.csv: line {i}: code '{row['code']}' appears twice")
        if row["measure"] not in MEASURES:
            problems.append(
                f"gwfw/langdata/indicators.csv: line {i}: measure '{row['measure']}' is not one of {MEASURES}"
            )
        seen.add(row["code"])
        fields = {c: row[c] for c in COLUMNS}
        for c in ("surface_forms", "topic_forms", "after_forms", "context_required", "context_excluded"):
            fields[c] = _split(row[c])
        out.append(Indicator(**fields))
    if problems:
        raise LexiconError("\n".join(problems))
    return tuple(out)


@cache
def by_code() -> dict[str, Indicator]:
    return {ind.code: ind for ind in load_codebook()}
