"""data/raw -> data/processed: extract every report, merge, validate, write atomically.

The same raw data always gives byte-identical files: rows are sorted, numbers are written from
Decimals, nothing carries a timestamp. A restatement of the same figure is one observation; two
different values for one district, indicator and period are both kept and flagged `conflict`.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import schemas
from .extract import MENTION_COLUMNS, OBSERVATION_COLUMNS, Extraction, extract
from .reports import load_reports

OBSERVATIONS = "observations"
MENTIONS = "mentions"


@dataclass
class BuildResult:
    observations: list[dict]
    mentions: list[dict]
    reports: list[str]
    problems: list[str] = field(default_factory=list)  # a report that could not be read
    warnings: list[str] = field(default_factory=list)  # read, but something is worth knowing

    def summary(self) -> str:
        per_district: dict[str, int] = defaultdict(int)
        for row in self.observations:
            per_district[row["district"]] += 1
        unmapped = sum(1 for m in self.mentions if not m["indicator"])
        conflicts = sum(1 for o in self.observations if o["conflict"] == "True")
        lines = [f"{len(self.reports)} report(s), {len(self.observations)} figure(s), "
                 f"{len(self.mentions)} number(s) read, {unmapped} left unmapped (kept in {MENTIONS}.csv), "
                 f"{conflicts} figure(s) in conflict"]
        lines += [f"  {district}: {n}" for district, n in sorted(per_district.items())]
        lines += [f"warning: {w}" for w in self.warnings]
        lines += [f"problem: {p}" for p in self.problems]
        return "\n".join(lines)


def merge(extractions: list[Extraction]) -> tuple[list[dict], list[dict]]:
    """Drop restatements, flag conflicts, sort: the final tables."""
    observations, mentions, seen = [], [], set()
    for ex in sorted(extractions, key=lambda e: e.file):
        mentions.extend(ex.mentions)
        for row in sorted(ex.observations, key=lambda r: (r["char_start"], r["indicator"])):
            key = tuple(row[c] for c in ("file", "district", "indicator", "period_start", "period_end",
                                         "value", "value_high", "qualifier"))
            if key not in seen:
                seen.add(key)
                observations.append(row)
    values = defaultdict(set)
    for row in observations:
        values[(row["district"], row["indicator"], row["period_start"], row["period_end"])].add(row["value"])
    for row in observations:
        group = (row["district"], row["indicator"], row["period_start"], row["period_end"])
        row["conflict"] = str(len(values[group]) > 1)
    mentions.sort(key=lambda m: (m["file"], m["char_start"]))
    return observations, mentions


def extract_folder(folder: Path) -> BuildResult:
    reports, problems = load_reports(folder)
    extractions, warnings = [], []
    for report in reports:
        try:
            ex = extract(report)
        except Exception as exc:  # one report's bug must not lose the others
            problems.append(f"{report.file}: extraction failed ({type(exc).__name__}: {exc}) — please report this")
            continue
        extractions.append(ex)
        warnings.extend(ex.warnings)
    observations, mentions = merge(extractions)
    schemas.validate(OBSERVATIONS, observations, schemas.OBSERVATIONS)
    schemas.validate(MENTIONS, mentions, schemas.MENTIONS)
    return BuildResult(observations, mentions, [e.file for e in extractions], problems, warnings)


def to_csv_bytes(rows: list[dict], columns: tuple[str, ...]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _parquet_bytes(csv_bytes: bytes) -> bytes:
    import pandas as pd

    from .tables import typed

    frame = typed(pd.read_csv(io.BytesIO(csv_bytes), dtype=str, keep_default_na=False))
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    return buf.getvalue()


OBSERVATION_TABLE_COLUMNS = OBSERVATION_COLUMNS + ("conflict",)


def write_tables(result: BuildResult, out: Path) -> list[Path]:
    for stale in Path(out).glob(".*.tmp"):  # left by a build that was killed
        stale.unlink()
    written = []
    for name, rows, columns in ((OBSERVATIONS, result.observations, OBSERVATION_TABLE_COLUMNS),
                                (MENTIONS, result.mentions, MENTION_COLUMNS)):
        data = to_csv_bytes(rows, columns)
        for path, payload in ((out / f"{name}.csv", data), (out / f"{name}.parquet", _parquet_bytes(data))):
            write_atomic(path, payload)
            written.append(path)
    return written
