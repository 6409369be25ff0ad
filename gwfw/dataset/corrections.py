"""data/curation/corrections.csv: a researcher's rejections, fixes and additions, read and checked.

The file is edited by hand (or by `gwfw correct`), so every row is checked on its own: a malformed
row is one message naming its line, and the other rows still apply. Corrections point at figures by
their `id`, a digest of the report file, the evidence's offsets and the indicator: the same report read
by the same rules gives the same id, so a correction survives any number of rebuilds, and a report
or rule change that moves a figure turns its correction into an orphan the build lists (see apply.py).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..errors import CorrectionError
from ..extract.codebook import by_code
from ..extract.numerals import QUALIFIERS
from .files import write_text

COLUMNS = (
    "id",
    "action",
    "file",
    "district",
    "indicator",
    "value",
    "unit",
    "qualifier",
    "period_start",
    "period_end",
    "char_start",
    "char_end",
    "note",
)
ACTIONS = ("reject", "fix", "add")
FIXABLE = ("district", "indicator", "value", "unit", "qualifier", "period_start", "period_end")
_ID = re.compile(r"[0-9a-f]{16}")


def observation_id(file: str, char_start, char_end, indicator: str) -> str:
    """The figure's stable id: 16 hex digits of a digest of where it stands and what it measures.

    >>> observation_id("001_0f2180a73927f1eb.txt", 2936, 2947, "time_limit_reduction_rate")
    '092cf56a98137c80'
    """
    key = "\x1f".join((file, str(int(char_start)), str(int(char_end)), indicator))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def evidence_digest(file: str, char_start, char_end, evidence: str) -> str:
    """An add's fingerprint of the text it quotes (its `id` column): when the report's text at those offsets
    changes, the add becomes an orphan instead of quoting something else."""
    return observation_id(file, char_start, char_end, "\x1e" + evidence)


@dataclass(frozen=True)
class Correction:
    line: int  # the line of corrections.csv the row starts on
    fields: dict  # column -> stripped text

    @property
    def action(self) -> str:
        return self.fields["action"]

    @property
    def id(self) -> str:
        return self.fields["id"]

    @property
    def file(self) -> str:
        return self.fields["file"]

    def given(self, column: str) -> str:
        return self.fields.get(column, "")

    def targeted(self) -> str:
        """What the row names, for a message:
        '荣昌区 time_limit_reduction_rate 66.7% in 001_….txt chars 2936–2947'."""
        f = self.fields
        what = " ".join(x for x in (f["district"], f["indicator"], f["value"] + f["unit"]) if x)
        where = f["file"]
        if f["char_start"] and f["char_end"]:
            where += f" chars {f['char_start']}–{f['char_end']}"
        if not where:
            return (
                f"{what} (the row gives nothing but the id)" if what else "the row gives nothing but the id"
            )
        return f"{what} in {where}" if what else where


def same_value(a: str, b: str) -> bool:
    """'66.7' and '66.70' are one value; '' only equals ''."""
    if not a or not b:
        return a == b
    try:
        return Decimal(a) == Decimal(b)
    except InvalidOperation:
        return a == b


def _decimal(v: str) -> bool:
    try:
        return Decimal(v).is_finite()
    except InvalidOperation:
        return False


def _iso(v: str) -> bool:
    try:
        return date.fromisoformat(v).isoformat() == v
    except ValueError:
        return False


def row_problem(f: dict) -> str:
    """Why a row cannot be applied, or '' when it is well formed (whether it still finds its figure is
    the build's business)."""
    action = f["action"]
    if action not in ACTIONS:
        return f"action {action!r} is not one of {', '.join(ACTIONS)}"
    if action == "add":
        if f["id"] and not _ID.fullmatch(f["id"]):
            return (
                f"id {f['id']!r} of an add is not a fingerprint of its evidence (16 hex digits, as "
                "written by "
                "`gwfw correct add` and on the review page) — or leave it empty"
            )
        missing = [c for c in ("file", "indicator", "char_start", "char_end") if not f[c]]
        if missing:
            return f"an add needs {', '.join(missing)}"
    elif not _ID.fullmatch(f["id"]):
        return f"id {f['id']!r} is not a figure id (16 hex digits, as on the review page)"
    if action == "fix" and not any(f[c] for c in FIXABLE):
        return f"a fix changes nothing — give at least one of {', '.join(FIXABLE)}"
    if f["indicator"] and f["indicator"] not in by_code():
        return f"indicator {f['indicator']!r} is not in the codebook (gwfw/langdata/indicators.csv)"
    if f["value"] and not _decimal(f["value"]):
        return f"value {f['value']!r} is not a number"
    if f["qualifier"] and f["qualifier"] not in QUALIFIERS:
        return f"qualifier {f['qualifier']!r} is not one of {', '.join(QUALIFIERS)}"
    for c in ("period_start", "period_end"):
        if f[c] and not _iso(f[c]):
            return f"{c} {f[c]!r} is not a date like 2022-12-31"
    if f["period_start"] and f["period_end"] and f["period_start"] > f["period_end"]:
        return f"period_start {f['period_start']} is after period_end {f['period_end']}"
    for c in ("char_start", "char_end"):
        if f[c] and not f[c].isdigit():
            return f"{c} {f[c]!r} is not a character offset (a whole number)"
    if f["char_start"] and f["char_end"] and int(f["char_start"]) >= int(f["char_end"]):
        return f"char_start {f['char_start']} is not before char_end {f['char_end']}"
    if f["unit"] and f["indicator"] and by_code()[f["indicator"]].unit != f["unit"]:
        unit = by_code()[f["indicator"]].unit
        return f"unit {f['unit']!r} is not the unit of {f['indicator']} ({unit!r}) — leave it empty"
    return ""


def parse(text: str, name: str) -> tuple[list[Correction], list[str]]:
    """The well-formed corrections of a corrections.csv text, and one message per malformed line."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        return [], []
    header = [h.strip() for h in header]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return [], [
            f"{name}: line 1: missing column(s) {', '.join(missing)} — the header is {','.join(COLUMNS)}"
        ]
    corrections, problems, seen = [], [], {}
    line = reader.line_num + 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(
                f"{name}: line {start}: {len(cells)} fields, the header has {len(header)} — "
                "quote a field that holds a comma"
            )
            continue
        fields = {h: c.strip() for h, c in zip(header, cells) if h in COLUMNS}
        problem = row_problem(fields)
        key = fields["id"] or (fields["file"], fields["char_start"], fields["char_end"], fields["indicator"])
        if not problem and key in seen:
            problem = f"a second correction of the same figure (first on line {seen[key]}) — keep one"
        if problem:
            problems.append(f"{name}: line {start}: {problem}")
            continue
        seen[key] = start
        corrections.append(Correction(start, fields))
    return corrections, problems


def read(path: Path) -> tuple[list[Correction], list[str]]:
    """The corrections of a file ([] when there is none yet), and one message per malformed line."""
    path = Path(path)
    if not path.exists():
        return [], []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [f"{path}: cannot be read ({exc}) — save it as UTF-8 text"]
    return parse(text, str(path))


def row_line(fields: dict) -> str:
    """One CSV line of corrections.csv (no line end), for the review page and `gwfw correct`."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([fields.get(c, "") for c in COLUMNS])
    return out.getvalue()


def append(path: Path, fields: dict) -> int:
    """Append one checked row to corrections.csv (created with its header when missing); its line number."""
    path = Path(path)
    problem = row_problem({c: str(fields.get(c, "")).strip() for c in COLUMNS})
    if problem:
        raise CorrectionError(f"{path}: {problem}")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    if not text.strip():
        text = ",".join(COLUMNS) + "\n"
    elif not text.endswith("\n"):
        text += "\n"
    corrections, _ = parse(text, str(path))
    key = fields.get("id") or tuple(
        str(fields.get(c, "")) for c in ("file", "char_start", "char_end", "indicator")
    )
    for c in corrections:
        if (c.id or (c.file, c.given("char_start"), c.given("char_end"), c.given("indicator"))) == key:
            raise CorrectionError(
                f"line {c.line} of {path} already corrects this figure — edit that line instead"
            )
    text += row_line(fields) + "\n"
    write_text(path, text, durable=True)
    return len(text.splitlines())
