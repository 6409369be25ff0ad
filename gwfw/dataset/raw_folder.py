"""Reading a folder of reports: `*.txt` files described by a `catalog.csv`.

Chinese sites serve GB18030/GBK as often as UTF-8; files arrive with BOMs, UTF-16 or CRLF line ends.
Every decodable report becomes the same text whatever its encoding (line ends normalised to \\n):
character offsets in the processed data refer to that text, which `read_text` returns.
Problems never stop the folder: each one is collected as a one-line message naming the file.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

from ..errors import ReportError
from ..extract.rows import Report
from .catalog import CATALOG, CATALOG_COLUMNS, check_row

_UNUSUAL = re.compile("[^\x20-\x7e\n\r\t\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _looks_like_text(text: str) -> bool:
    """Mostly ASCII, CJK and their punctuation: tells a report from binary decoded by luck."""
    return len(_UNUSUAL.findall(text)) <= 0.1 * len(text)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if not data.strip():
        raise ReportError(f"{name}: the file is empty — remove it or its catalog row, or fill it in")
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise ReportError(
                    f"{name}: starts as {enc.upper()} text but byte {exc.start} is not {enc.upper()} "
                    "(a truncated or damaged file) — save or download the report again"
                ) from None
    if b"\x00" in data:
        # UTF-16 without a BOM leaves NUL bytes beside ASCII characters; anything else with NULs is binary
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text, enc
        raise ReportError(f"{name}: binary data, not a text report — export the report as plain text (.txt)")
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if not _looks_like_text(text):
            raise ReportError(
                f"{name}: binary data, not a text report — export the report as plain text (.txt)"
            )
        return text, enc
    raise ReportError(f"{name}: not UTF-8 nor GB18030 text — convert it to UTF-8")


def normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path) -> tuple[str, str]:
    """The report's text as gwfw sees it (offsets refer to this), and the encoding it was read in."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ReportError(unreadable(Path(path), exc)) from None
    return decode(data, Path(path).name)


def unreadable(path: Path, exc: OSError) -> str:
    """One line for a file that cannot be opened, with the fix that fits the cause."""
    fix = {
        FileNotFoundError: "check the path",
        IsADirectoryError: "a folder has this name: rename it",
        PermissionError: "check the file's permissions",
    }.get(type(exc), "check the file and the disk")
    return f"{path.name}: cannot be read ({exc.strerror}) — {fix}"


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Bytes of a report -> (normalised text, encoding used); ReportError naming the file if unreadable."""
    text, enc = _decode(data, name)
    return normalise(text), enc


def read_catalog(folder: Path) -> list[dict]:
    path = Path(folder) / CATALOG
    if not Path(folder).is_dir():
        raise ReportError(f"{folder}: no such folder — give the folder that holds the reports and {CATALOG}")
    if not path.exists():
        raise ReportError(f"{path}: no catalog — add {CATALOG} with columns {', '.join(CATALOG_COLUMNS)}")
    text, _ = read_text(path)
    rows = list(csv.DictReader(io.StringIO(text)))
    header = rows[0].keys() if rows else csv.reader(io.StringIO(text)).__next__()
    missing = [c for c in ("file", "district") if c not in header]
    if missing:
        raise ReportError(
            f"{path}: missing column(s) {', '.join(missing)} — the catalog needs {', '.join(CATALOG_COLUMNS)}"
        )
    return [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in rows]


def catalogued_files(folder: Path) -> tuple[list[tuple[Path, dict]], list[str], list[str]]:
    """(path, checked catalog row) of every report to read, sorted by name, the problems met and notes; reads
    no report. A problem in a row is listed and the report still read (see catalog.check_row); only a file
    catalogued twice with rows that differ is left out. Without a readable catalog nothing can be attributed:
    ReportError, and no table is written."""
    folder = Path(folder)
    problems: list[str] = []
    notes: list[str] = []
    catalog = read_catalog(folder)
    rows: dict[str, list[dict]] = {}
    lines: dict[str, list[int]] = {}
    bad: set[str] = set()
    for i, row in enumerate(catalog, start=2):
        name = row.get("file", "")
        if not name:
            problems.append(
                f"{CATALOG}: line {i}: no file name — fill in the 'file' column or delete the row"
            )
            continue
        lines.setdefault(name, []).append(i)
        row, row_problems, row_notes = check_row(row, f"{name}: {CATALOG} line {i}")
        problems += row_problems
        notes += row_notes
        rows.setdefault(name, []).append(row)
    for name, at in lines.items():
        if len(at) > 1:
            differ = any(r != rows[name][0] for r in rows[name])
            problems.append(
                f"{name}: catalogued twice ({CATALOG} lines {', '.join(map(str, at))}) — keep one row"
                + ("; the rows differ, so the report is left out until then" if differ else "")
            )
            if differ:
                bad.add(name)
    files = {p.name: p for p in folder.glob("*.txt")}
    for name in sorted(set(lines) - set(files)):
        problems.append(
            f"{name}: listed in {CATALOG} but no such file in {folder} — add the file or delete the row"
        )
    jobs = []
    for name in sorted(files):
        row = None if name in bad else rows.get(name, [None])[0]
        if name not in lines:
            problems.append(
                f"{name}: not in {CATALOG} — add a row with its district, publisher, kind, title and date"
            )
        elif row is None:
            continue  # its row's problems are listed above
        elif not row.get("district"):
            problems.append(f"{name}: the catalog row has no district — fill in the 'district' column")
        else:
            jobs.append((files[name], row))
    return jobs, problems, notes


def load_reports(folder: Path) -> tuple[list[Report], list[str]]:
    """Every readable, catalogued report of a folder, sorted by file name, and the problems met."""
    jobs, problems, _ = catalogued_files(folder)
    reports = []
    for path, row in jobs:
        try:
            text, enc = read_text(path)
        except ReportError as exc:
            problems.append(str(exc))
            continue
        reports.append(Report(path.name, text, enc, row))
    return reports, problems
