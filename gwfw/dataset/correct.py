"""`gwfw correct reject|fix|add`: a checked row appended to corrections.csv, for those who prefer a command.

Each row is checked as the build will check it: a reject or fix names a figure of the current
observations.csv (and records what it targeted, so an orphan can be told later); an add's offsets
must hold its number in the report's text, and its district and period default to what the
extraction reads there, written out in the row so the next build applies exactly what was seen.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import CorrectionError
from . import corrections as curation
from .apply import FiguresOfReport, ReportSource
from .raw_folder import ReportError, read_catalog, read_text

_TARGET = tuple(c for c in curation.COLUMNS if c not in ("id", "action", "note"))  # what a line aims at


def _observations(processed: Path) -> list[dict]:
    path = Path(processed) / "observations.csv"
    if not path.exists():
        raise CorrectionError(f"{path}: not built yet — run `gwfw build` first")
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _figure(processed: Path, oid: str) -> dict:
    for row in _observations(processed):
        if row.get("id") == oid:
            return row
    raise CorrectionError(
        f"{Path(processed) / 'observations.csv'}: no figure has id {oid!r} — copy the id from the review "
        "page "
        "(reports/review/) or rebuild with `gwfw build`"
    )


def reject_row(processed: Path, oid: str, note: str) -> dict:
    """A reject of figure `oid`, recording what it rejects."""
    row = _figure(processed, oid)
    if row.get("source") == "added":
        raise CorrectionError(
            f"figure {oid} was added by hand: delete its add line in corrections.csv instead"
        )
    return {"id": oid, "action": "reject", **{c: row[c] for c in _TARGET}, "note": note}


def fix_row(processed: Path, oid: str, changes: dict, note: str) -> dict:
    """A fix of figure `oid`: the fields that change, and where the figure stands."""
    row = _figure(processed, oid)
    if row.get("source") == "added":
        raise CorrectionError(f"figure {oid} was added by hand: edit its add line in corrections.csv instead")
    changes = {k: v for k, v in changes.items() if v not in (None, "")}
    if not changes:
        raise CorrectionError(f"fix {oid}: nothing to change — give --value, --indicator, --period-end, …")
    if all(curation.same_value(row[k], str(v)) for k, v in changes.items()):
        raise CorrectionError(f"fix {oid}: the figure already says this — nothing to correct")
    fields = {
        "id": oid,
        "action": "fix",
        "file": row["file"],
        "char_start": row["char_start"],
        "char_end": row["char_end"],
        "note": note,
    }
    return {**fields, **{k: str(v) for k, v in changes.items()}}


def add_row(
    raw: Path, processed: Path, file: str, start: int, end: int, given: dict, note: str
) -> tuple[dict, str]:
    """An add of the figure at chars [start, end) of `file`, checked against the text; the row and its
    evidence."""
    catalog = {r["file"]: r for r in read_catalog(raw)}
    if file not in catalog:
        raise CorrectionError(f"{file}: not in {Path(raw) / 'catalog.csv'} — give the report's file name")
    try:
        text, _ = read_text(Path(raw) / file)
    except ReportError as exc:
        raise CorrectionError(str(exc)) from None
    fields = {c: "" for c in curation.COLUMNS}
    fields.update({k: str(v) for k, v in given.items() if v not in (None, "")})
    fields.update(
        {"action": "add", "file": file, "char_start": str(start), "char_end": str(end), "note": note}
    )
    problem = curation.row_problem(fields)
    if problem:
        raise CorrectionError(f"add {file} {start} {end}: {problem}")
    rows = [r for r in _observations(processed) if r["file"] == file and r.get("source") != "added"]
    mentions_path = Path(processed) / "mentions.csv"
    with open(mentions_path, encoding="utf-8", newline="") as f:
        mentions = [m for m in csv.DictReader(f) if m["file"] == file]
    report = FiguresOfReport(rows, ReportSource(file, catalog[file], lambda: text, lambda: mentions))
    outcome = report.add(curation.Correction(0, fields))
    if outcome.status == "orphan":
        raise CorrectionError(f"add {file} {start} {end}: {outcome.message.split(' (it targeted')[0]}")
    if outcome.status == "no longer needed":
        raise CorrectionError(
            f"add {file} {start} {end}: the extraction already reads this figure "
            f"(id {outcome.id}) — nothing to add"
        )
    added = report.rows[outcome.id]
    fields["id"] = curation.evidence_digest(file, start, end, added["evidence"])
    for k in ("district", "value", "qualifier", "period_start", "period_end"):
        fields[k] = fields[k] or added[k]
    return fields, added["evidence"]


def write(path: Path, fields: dict) -> str:
    """Append the row; the line as written."""
    curation.append(path, fields)
    return curation.row_line(fields)
