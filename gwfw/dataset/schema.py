"""The shape every processed table must have, checked row by row before anything is written.

All failures are collected (as pandera's lazy validation does) so one run shows every problem.
Kept as plain checks, run on each report's rows as it is extracted: this keeps pandera's import cost
out of `gwfw build`, and a report whose rows break the schema is that report's problem alone.
The observations' `conflict` column is not here: the build sets it from all reports together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation

from ..errors import SchemaError
from ..extract.codebook import by_code
from ..extract.numerals import QUALIFIERS

PERIOD_SOURCES = ("sentence", "paragraph", "document_title", "document_text", "publication_date", "none")
_ISO = re.compile(r"\d{4}-\d\d-\d\d")
_CODE = re.compile(r"\d{6}")


def _number(v: str) -> bool:
    """A finite decimal, exact whatever its length (a 400-digit run is still a number read)."""
    try:
        return Decimal(v).is_finite()
    except InvalidOperation:
        return False


def _optional(check: Callable[[str], bool]) -> Callable[[str], bool]:
    return lambda v: v == "" or check(v)


def _nonempty(v: str) -> bool:
    return v != ""


def _integer(v: str) -> bool:
    return v.isdigit()


OBSERVATIONS: dict[str, Callable[[str], bool]] = {
    "file": _nonempty,
    "district": _nonempty,
    "district_code": _optional(lambda v: bool(_CODE.fullmatch(v))),
    "indicator": lambda v: v in by_code(),
    "value": _number,
    "value_high": _optional(_number),
    "unit": _nonempty,
    "qualifier": lambda v: v in QUALIFIERS,
    "period_start": _optional(lambda v: bool(_ISO.fullmatch(v))),
    "period_end": _optional(lambda v: bool(_ISO.fullmatch(v))),
    "period_label": lambda v: True,
    "period_source": lambda v: v in PERIOD_SOURCES,
    "evidence": _nonempty,
    "char_start": _integer,
    "char_end": _integer,
    "sentence": _nonempty,
    "raw_unit": lambda v: True,
    "rule": _nonempty,
}

MENTIONS: dict[str, Callable[[str], bool]] = {
    "file": _nonempty,
    "district": _nonempty,
    "district_code": _optional(lambda v: bool(_CODE.fullmatch(v))),
    "char_start": _integer,
    "char_end": _integer,
    "text": _nonempty,
    "value": _number,
    "value_high": _optional(_number),
    "unit": lambda v: True,
    "qualifier": lambda v: v in QUALIFIERS,
    "indicator": lambda v: v == "" or v in by_code(),
    "status": _nonempty,
    "period_label": lambda v: True,
    "context": lambda v: True,
}


def _row_checks(table: str, row: dict) -> Iterable[str]:
    if table == "observations":
        if by_code()[row["indicator"]].unit != row["unit"]:
            yield f"unit '{row['unit']}' is not the codebook unit of {row['indicator']}"
        if row["period_start"] and row["period_end"] and row["period_start"] > row["period_end"]:
            yield f"period_start {row['period_start']} is after period_end {row['period_end']}"
    if int(row["char_start"]) >= int(row["char_end"]):
        yield "char_start is not before char_end"


def validate(table: str, rows: list[dict], columns: dict[str, Callable[[str], bool]]) -> None:
    """Raise SchemaError listing every failing (row, column, value)."""
    failures = []
    for i, row in enumerate(rows):
        missing = [c for c in columns if c not in row]
        if missing:
            failures.append(f"row {i} ({row.get('file', '?')}): missing column(s) {missing}")
            continue
        bad = [
            f"column {col}: bad value {row[col]!r}"
            for col, check in columns.items()
            if not check(str(row[col]))
        ]
        if not bad:
            bad = list(_row_checks(table, row))
        failures.extend(f"row {i} ({row['file']}): {msg}" for msg in bad)
    if failures:
        raise SchemaError(table, failures)
