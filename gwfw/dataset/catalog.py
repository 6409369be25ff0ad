"""The catalog's rows checked before a build, and rows appended by `gwfw add`.

Each problem is one line naming the catalog line and file, and the build ends non-zero. The report is still
read, with what could not be read set aside (an unreadable date: its figures are dated from its text alone),
so a catalog slip never makes a report's figures vanish.
A date in any common form is read (2023年11月5日 -> 2023-11-05); a short district name the gazetteer
knows (荣昌 -> 荣昌区) is read with a note.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from pathlib import Path

from ..extract import places
from ..langdata import load_csv
from .dates import iso_date
from .files import write_atomic

CATALOG = "catalog.csv"
# sha256: of the original file `gwfw add` kept under originals/ (empty for reports added by hand)
CATALOG_COLUMNS = ("file", "district", "publisher", "kind", "title", "published", "url", "notes", "sha256")

DISTRICT_SUFFIXES = ("区", "县", "市", "旗")  # tried after a short name: 江北 -> 江北区


@cache
def kinds() -> tuple[dict[str, str], ...]:
    """The kinds of report gwfw knows (gwfw/langdata/kinds.csv), in the order `gwfw add` tries them."""
    return load_csv("kinds.csv")


def kind_names() -> list[str]:
    return [k["kind"] for k in kinds()]


def lookup_district(name: str, context: str = ""):
    """The place a catalog's district names: the exact name or alias, else the short name with a suffix.
    Returns (place, '') when exact, (place, note) when read from a short form, (None, reason) otherwise."""

    place, warning = places.resolve(name, context)
    if place is not None:
        return place, "" if place.name == name else f"district '{name}' read as {place.name}"
    if "several places" in warning:
        return None, warning
    found = [p for p in (places.resolve(name + s, context)[0] for s in DISTRICT_SUFFIXES) if p is not None]
    if len(found) == 1:
        return found[0], f"district '{name}' read as {found[0].name}"
    return None, warning


def check_row(row: dict, where: str) -> tuple[dict, list[str], list[str]]:
    """(the row with its date in ISO and its district in full, problems, notes) for one catalog row."""
    problems, notes = [], []
    row = dict(row)
    published = row.get("published", "")
    if published:
        day = iso_date(published)
        if day is None:
            problems.append(
                f"{where}: published '{published}' is not a date gwfw can read — write it as "
                "2023-11-05; until then its figures are dated from the report's text alone"
            )
            row["published"] = ""
        else:
            row["published"] = day
    kind = row.get("kind", "")
    if kind and kind not in kind_names():
        problems.append(
            f"{where}: kind '{kind}' is not one gwfw knows — use one of {', '.join(kind_names())} "
            "(gwfw/langdata/kinds.csv); until then it is read as a report of no particular kind"
        )
    district = row.get("district", "")
    if district:
        context = " ".join((row.get("publisher", ""), row.get("title", "")))
        place, message = lookup_district(district, context)
        if place is not None:
            row["district"] = place.name
            if message:
                notes.append(f"{where}: {message} — write {place.name} there to silence this note")
        elif "several places" not in message:  # a namesake is resolved from the report's text at extraction
            problems.append(
                f"{where}: district '{district}' is not in the gazetteer — write the full name of the "
                "county, district or city (e.g. 荣昌区), as gwfw/extract/places.py knows it; until then its "
                "figures carry the name as written, without a code"
            )
    return row, problems, notes


def append_row(folder: Path, row: dict) -> int:
    """Append a row to the folder's catalog (made if missing; a missing sha256 column is added); returns its
    line number. The catalog is replaced whole, atomically."""
    path = Path(folder) / CATALOG
    if path.exists():
        text = path.read_bytes().decode("utf-8-sig")
        reader = csv.DictReader(io.StringIO(text))
        header = list(reader.fieldnames or CATALOG_COLUMNS)
        rows = list(reader)
    else:
        header, rows = list(CATALOG_COLUMNS), []
    header += [c for c in CATALOG_COLUMNS if c not in header]
    rows.append(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows({c: (r.get(c) or "") for c in header} for r in rows)
    write_atomic(path, out.getvalue().encode("utf-8"))
    return len(rows) + 1
