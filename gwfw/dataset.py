"""data/raw -> data/processed: extract every report, merge, validate, write atomically.

The same raw data always gives byte-identical files: rows are sorted, numbers are written from
Decimals, nothing carries a timestamp. A restatement of the same figure is one observation; two
different values for one district, indicator and period are both kept and flagged `conflict`.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import schemas
from .extract import MENTION_COLUMNS, OBSERVATION_COLUMNS, Extraction, extract
from .lexicon import rules_version
from .reports import Report, ReportError, catalogued_files, decode

OBSERVATIONS = "observations"
MENTIONS = "mentions"
OBSERVATION_TABLE_COLUMNS = OBSERVATION_COLUMNS + ("conflict",)


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


def _cache_key(data: bytes, meta: dict) -> str:
    digest = hashlib.sha256(data)
    digest.update(json.dumps(meta, sort_keys=True, ensure_ascii=False).encode())
    digest.update(rules_version().encode())
    return digest.hexdigest()[:32]


def process(job: tuple[Path, dict, Path | None]) -> tuple[str, Extraction | str]:
    """One report: (cache key, its extraction or a one-line problem). The extraction comes from the
    cache when the report, its catalog row and the rules are unchanged. Runs in worker processes."""
    path, meta, cache = job
    try:
        data = path.read_bytes()
    except OSError as exc:
        return "", f"{path.name}: cannot be read ({exc.strerror}) — check the file's permissions"
    key = _cache_key(data, meta)
    cached = cache / f"{key}.json" if cache else None
    if cached and cached.exists():
        return key, Extraction(**json.loads(cached.read_text(encoding="utf-8")))
    try:
        text, encoding = decode(data, path.name)
        ex = extract(Report(path.name, text, encoding, meta))
    except ReportError as exc:
        return key, str(exc)
    except Exception as exc:  # one report's bug must not lose the others
        return key, f"{path.name}: extraction failed ({type(exc).__name__}: {exc}) — please report this with the file"
    if cached:
        write_atomic(cached, json.dumps(asdict(ex), ensure_ascii=False).encode("utf-8"))
    return key, ex


def extract_folder(folder: Path, workers: int = 1, cache: Path | None = None) -> BuildResult:
    """Every report of a folder -> validated tables. Reports are read one at a time (memory stays flat)
    and, with workers > 1, extracted in parallel processes."""
    jobs, problems = catalogued_files(folder)
    tasks = [(path, meta, cache) for path, meta in jobs]
    extractions, warnings = [], []
    if workers > 1 and len(tasks) > 1:
        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(process, tasks, chunksize=max(1, min(64, len(tasks) // (4 * workers)))))
    else:
        results = [process(t) for t in tasks]
    for _, result in results:
        if isinstance(result, str):
            problems.append(result)
        else:
            extractions.append(result)
            warnings.extend(result.warnings)
    if cache:  # forget reports that are gone or changed, and extractions by older rules
        live = {f"{key}.json" for key, _ in results}
        for old in cache.glob("*.json"):
            if old.name not in live:
                old.unlink()
    observations, mentions = merge(extractions)
    schemas.validate(OBSERVATIONS, observations, schemas.OBSERVATIONS)
    schemas.validate(MENTIONS, mentions, schemas.MENTIONS)
    return BuildResult(observations, mentions, [e.file for e in extractions], sorted(problems), warnings)


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
