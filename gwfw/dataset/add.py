"""`gwfw add`: report files as researchers hold them -> DIR/<name>.txt, the original under DIR/originals/,
and a complete catalog row, printed with the fields that were guessed and where they were read.

Files are handled one at a time; a file that cannot be added gets one line saying why and the others go
on. The same file twice (same SHA-256, or the same text) changes nothing and says where it already is.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReportError
from . import catalog as cat
from .convert import Found, convert, readable
from .dates import iso_date
from .files import catalog_lock, write_atomic
from .guess import guess_district, guess_kind, text_fields
from .raw_folder import read_catalog

ORIGINALS = "originals"
_NUMBERED = re.compile(r"(\d+)_")  # 007_… : the number of a report in its folder
ASSET_FOLDER = "_files"  # a browser's 'Web page, complete' keeps images and scripts in <page>_files/


@dataclass
class Options:
    raw: Path
    district: str = ""
    kind: str = ""
    url: str = ""
    published: str = ""


@dataclass
class Outcome:
    path: Path
    status: str  # added | duplicate | failed
    lines: list[str] = field(default_factory=list)  # what to tell the user


def collect(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The files to add, folders walked in name order, and one line about what was passed over."""
    files, skipped, messages = [], [], []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if not f.is_file() or any(
                    part.endswith(ASSET_FOLDER) for part in f.relative_to(p).parts[:-1]
                ):
                    continue
                (files if readable(f) else skipped).append(f)
        elif p.exists():
            files.append(p)
        else:
            messages.append(f"{p}: no such file or folder — check the path")
    if skipped:
        kinds = sorted({f.suffix.lower() or f.name for f in skipped})
        messages.append(
            f"skipped {len(skipped)} file(s) in the folder(s) that are not reports ({' '.join(kinds)})"
        )
    return files, messages


def _next_number(folder: Path, rows: list[dict]) -> int:
    names = [f.name for f in folder.glob("*.txt")] + [row.get("file", "") for row in rows]
    numbers = [int(m.group(1)) for name in names if (m := _NUMBERED.match(name))]
    return max(numbers, default=-1) + 1


def _duplicate(folder: Path, rows: list[dict], sha: str, text: str | None) -> str:
    """Where this file (by SHA-256) or, once converted, its text already is; '' when it is new."""
    if text is None:
        for i, row in enumerate(rows, start=2):
            if row.get("sha256") == sha:
                return f"{folder / row['file']} ({cat.CATALOG} line {i})"
        return ""
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).digest()
    for f in sorted(folder.glob("*.txt")):
        if f.stat().st_size == len(data) and hashlib.sha256(f.read_bytes()).digest() == digest:
            return f"{f} (the same text)"
    return ""


def _given_or_found(found: dict[str, Found], opts: Options) -> tuple[dict, list[str]]:
    """Title, publisher, date and address: the options first, then what the file states."""
    row: dict[str, str] = {}
    said: list[str] = []
    for key in ("title", "publisher", "published", "url"):
        if getattr(opts, key, ""):
            row[key] = getattr(opts, key)
        elif key in found:
            row[key] = found[key].value
            said.append(f"{key} from {found[key].source}")
    if opts.published:
        row["published"] = iso_date(opts.published) or ""
        if not row["published"]:
            raise ReportError(
                f"--published '{opts.published}' is not a date gwfw can read — give it as 2023-11-05"
            )
    return row, said


def _kind(row: dict, found: dict[str, Found], opts: Options, said: list[str]) -> None:
    if opts.kind:
        if opts.kind not in cat.kind_names():
            raise ReportError(
                f"--kind '{opts.kind}' is not one gwfw knows — use one of {', '.join(cat.kind_names())}"
            )
        row["kind"] = opts.kind
        return
    kind = guess_kind(row.get("title", ""), found["column"].value if "column" in found else "")
    if kind:
        row["kind"] = kind.value
        said.append(f"kind from {kind.source}")


def _district(row: dict, found: dict[str, Found], opts: Options, said: list[str]) -> None:
    """--district as the gazetteer knows it, else read from the publisher, site name and title; when that is
    not certain the file stops with what was found."""
    if opts.district:
        place, note = cat.lookup_district(opts.district, f"{row.get('publisher', '')} {row.get('title', '')}")
        if place is None:
            raise ReportError(f"--district '{opts.district}': {note}")
        if note:
            said.append(f"district: --district {note}")
        row["district"] = place.name
        return
    sources = []
    for key, where in (("publisher", "the publisher"), ("site", "the site name"), ("title", "the title")):
        text = row.get(key) or (found[key].value if key in found else "")
        if text:
            sources.append((where, text))
    guess = guess_district(sources)
    if guess.place is None:
        raise ReportError(f"district not certain — {guess.source}; give it with --district NAME")
    row["district"] = guess.place.name
    said.append(f"district from {guess.source}")


def add_file(path: Path, opts: Options) -> Outcome:
    """One file -> text, original and catalog row; or one line saying why not."""
    folder = opts.raw
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Outcome(
            path, "failed", [f"{path}: cannot be read ({exc.strerror}) — check the path and permissions"]
        )
    sha = hashlib.sha256(data).hexdigest()
    rows = read_catalog(folder) if (folder / cat.CATALOG).exists() else []
    try:
        where = _duplicate(folder, rows, sha, None)
        if not where:
            converted = convert(path, data)
            where = _duplicate(folder, rows, sha, converted.text)
        if where:
            return Outcome(path, "duplicate", [f"{path}: already added as {where} — nothing changed"])
        found = {**text_fields(converted.text), **converted.found}  # the page's metadata before the text's
        row, said = _given_or_found(found, opts)
        _kind(row, found, opts, said)
        _district(row, found, opts, said)
    except ReportError as exc:  # a ConvertError, or an option or a guess that stops this file
        message = str(exc)
        return Outcome(
            path, "failed", [message if message.startswith(path.name) else f"{path.name}: {message}"]
        )
    name = f"{_next_number(folder, rows):03d}_{sha[:16]}"
    notes = [f"added from {path.name} ({converted.format})"] + converted.notes
    row.update(file=f"{name}.txt", sha256=sha, notes="; ".join(notes))
    line = _write(folder, name, path.suffix.lower(), data, converted.text, row)
    lines = [
        f"{path} -> {folder / row['file']} ({converted.format}); {cat.CATALOG} line {line}:",
        "  " + _csv(row),
    ]
    lines += [f"  guessed {s}" for s in said]
    missing = [k for k in ("title", "publisher", "kind", "published") if not row.get(k)]
    if missing:
        lines.append(f"  not found: {', '.join(missing)} — fill in line {line} of {folder / cat.CATALOG}")
    return Outcome(path, "added", lines)


def _csv(row: dict) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([row.get(c, "") for c in cat.CATALOG_COLUMNS])
    return out.getvalue()


def _write(folder: Path, name: str, suffix: str, data: bytes, text: str, row: dict) -> int:
    """The original, the text, then the catalog row (the row last: a report is added once it is listed)."""
    original = folder / ORIGINALS / f"{name}{suffix}"
    target = folder / f"{name}.txt"
    write_atomic(original, data)
    write_atomic(target, text.encode("utf-8"))
    try:
        return cat.append_row(folder, row)
    except BaseException:
        original.unlink(missing_ok=True)
        target.unlink(missing_ok=True)
        raise


def add(paths: list[Path], opts: Options) -> tuple[list[Outcome], list[str]]:
    """Add every file of `paths` (folders walked) to opts.raw, one at a time; (outcomes, other messages)."""
    files, messages = collect(paths)
    if opts.url and len(files) > 1:
        raise ReportError(
            f"--url names one page, but {len(files)} files were given — add that page on its own"
        )
    opts.raw.mkdir(parents=True, exist_ok=True)
    with catalog_lock(opts.raw):
        return [add_file(f, opts) for f in files], messages
