"""The one definition of each processed table: its columns in order, each with its kind and its check.

Everything else derives from here: the CSV header and column order (`names`), the row checks run
before anything is written, the Parquet types (`arrow_types`) and the pandas types (`gwfw.load_*`).
All failures are collected (as pandera's lazy validation does) so one run shows every problem.
Kept as plain checks, run on each report's rows as it is extracted: this keeps pandera's import cost
out of `gwfw build`, and a report whose rows break the schema is that report's problem alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..errors import SchemaError
from ..extract.codebook import by_code
from ..extract.confidence import LEVELS as CONFIDENCE_LEVELS
from ..extract.numerals import QUALIFIERS

PERIOD_SOURCES = (
    "sentence",
    "paragraph",
    "section",
    "document_title",
    "document_text",
    "publication_date",
    "none",
    "correction",  # given by a researcher in data/curation/corrections.csv
)
SOURCES = ("extracted", "corrected", "added")  # who says what a figure is: the extractor or a researcher
KINDS = ("text", "number", "integer", "date", "bool")
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


def _any(v: str) -> bool:
    return True


def _date(v: str) -> bool:
    return bool(_ISO.fullmatch(v))


def _district_code(v: str) -> bool:
    return bool(_CODE.fullmatch(v))


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # one of KINDS: how the CSV text is typed in Parquet and pandas
    check: Callable[[str], bool] = _any  # on the CSV text of each cell
    computed: bool = False  # set by the build from all reports together, not by the extraction


OBSERVATIONS: tuple[Column, ...] = (
    # a digest of file, char_start, char_end and indicator (gwfw.dataset.corrections.observation_id):
    # what a correction names; a fixed figure keeps the id of the figure it fixes
    Column("id", "text", lambda v: bool(re.fullmatch(r"[0-9a-f]{16}", v)), computed=True),
    Column("file", "text", _nonempty),
    Column("district", "text", _nonempty),
    Column("district_code", "text", _optional(_district_code)),
    Column("indicator", "text", lambda v: v in by_code()),
    Column("value", "number", _number),
    Column("value_high", "number", _optional(_number)),
    Column("unit", "text", _nonempty),
    Column("qualifier", "text", lambda v: v in QUALIFIERS),
    Column("period_start", "date", _optional(_date)),
    Column("period_end", "date", _optional(_date)),
    Column("period_label", "text"),
    Column("period_source", "text", lambda v: v in PERIOD_SOURCES),
    Column("evidence", "text", _nonempty),
    Column("char_start", "integer", _integer),
    Column("char_end", "integer", _integer),
    Column("sentence", "text", _nonempty),
    Column("raw_unit", "text"),
    Column("rule", "text", _nonempty),
    Column("scope", "text", lambda v: v == "" or ":" in v),  # '' = the whole district; else 'kind:word'
    Column("confidence", "text", lambda v: v in CONFIDENCE_LEVELS),
    # another value for the same district, indicator, period and scope
    Column("conflict", "bool", computed=True),
    Column("source", "text", lambda v: v in SOURCES, computed=True),  # extracted | corrected | added
    Column("note", "text", computed=True),  # the researcher's note, for a corrected or added figure
)

MENTIONS: tuple[Column, ...] = (
    Column("file", "text", _nonempty),
    Column("district", "text", _nonempty),
    Column("district_code", "text", _optional(_district_code)),
    Column("char_start", "integer", _integer),
    Column("char_end", "integer", _integer),
    Column("text", "text", _nonempty),
    Column("value", "number", _number),
    Column("value_high", "number", _optional(_number)),
    Column("unit", "text"),
    Column("qualifier", "text", lambda v: v in QUALIFIERS),
    Column("indicator", "text", lambda v: v == "" or v in by_code()),
    Column("status", "text", _nonempty),
    Column("period_label", "text"),
    Column("context", "text"),
)

TABLES = {"observations": OBSERVATIONS, "mentions": MENTIONS}


def names(table: str, computed: bool = True) -> tuple[str, ...]:
    """The table's columns in file order; without `computed`, those one report's extraction fills."""
    return tuple(c.name for c in TABLES[table] if computed or not c.computed)


def kinds(table: str) -> dict[str, str]:
    return {c.name: c.kind for c in TABLES[table]}


def arrow_types(table: str) -> dict:
    """The Parquet type of each column (pyarrow is imported only when Parquet is written)."""
    import pyarrow as pa

    types = {"text": pa.string(), "number": pa.float64(), "integer": pa.int64(), "date": pa.date32()}
    types["bool"] = pa.bool_()
    return {c.name: types[c.kind] for c in TABLES[table]}


def _row_checks(table: str, row: dict) -> Iterable[str]:
    if table == "observations":
        if by_code()[row["indicator"]].unit != row["unit"]:
            yield f"unit '{row['unit']}' is not the codebook unit of {row['indicator']}"
        if row["period_start"] and row["period_end"] and row["period_start"] > row["period_end"]:
            yield f"period_start {row['period_start']} is after period_end {row['period_end']}"
    if int(row["char_start"]) >= int(row["char_end"]):
        yield "char_start is not before char_end"


def validate(table: str, rows: list[dict]) -> None:
    """Raise SchemaError listing every failing (row, column, value) of one report's rows."""
    columns = [c for c in TABLES[table] if not c.computed]
    failures = []
    for i, row in enumerate(rows):
        missing = [c.name for c in columns if c.name not in row]
        if missing:
            failures.append(f"row {i} ({row.get('file', '?')}): missing column(s) {missing}")
            continue
        bad = [
            f"column {c.name}: bad value {row[c.name]!r}" for c in columns if not c.check(str(row[c.name]))
        ]
        if not bad:
            bad = list(_row_checks(table, row))
        failures.extend(f"row {i} ({row['file']}): {msg}" for msg in bad)
    if failures:
        raise SchemaError(table, failures)
