"""data/raw -> data/processed: extract every report, validate, write atomically.

Built for tens of thousands of reports on a laptop:
- each report is extracted, stripped of restatements and schema-checked on its own, in worker
  processes; its rows go to a cache entry keyed by the report's bytes, its catalog row and the rules'
  version, so a rebuild extracts only new or changed reports, and a report whose rows break the schema
  is that report's problem, not the build's;
- the tables are streamed from the entries, in file order, into temporary files that replace the old
  tables only once all of them are complete. The build keeps in memory only each observation's
  (district, indicator, period, value), to flag conflicts: about 10 KB a report, whatever its text.

The same raw data always gives byte-identical files: rows are sorted, numbers are written from
Decimals, nothing carries a timestamp. A restatement of the same figure is one observation; two
different values for one district, indicator and period are both kept and flagged `conflict`.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LexiconError, ReportError, SchemaError
from ..extract.rows import Extraction, extract
from . import corrections as curation
from . import schema
from .apply import STATUS_COLUMNS, Outcome, ReportSource, apply, orphaned
from .cache import ENTRY_SUFFIX, entries_folder, read_head, write_entry
from .cache import key as cache_key
from .files import replacing
from .raw_folder import Report, catalogued_files, decode, unreadable

OBSERVATIONS = "observations"
MENTIONS = "mentions"
STATUS = "corrections_status"  # what became of each correction: applied, no longer needed, orphan
OBSERVATION_TABLE_COLUMNS = schema.names(OBSERVATIONS)
OBSERVATION_COLUMNS = schema.names(OBSERVATIONS, computed=False)  # those one report's extraction fills
MENTION_COLUMNS = schema.names(MENTIONS)
PARQUET_BLOCK = 1 << 20  # bytes of CSV per Parquet row group: bigger blocks cost memory, not time
# The same figure stated twice in one report: one observation.
_RESTATEMENT = (
    "district",
    "indicator",
    "period_start",
    "period_end",
    "value",
    "value_high",
    "qualifier",
    "scope",
)
# One district, indicator and period with more than one value across the reports: a conflict.
# A figure of a narrower scope (粤智助 kiosks, a 一件事 package) conflicts only with its own scope's.
_GROUP = tuple(
    OBSERVATION_COLUMNS.index(c) for c in ("district", "indicator", "period_start", "period_end", "scope")
)
_VALUE = OBSERVATION_COLUMNS.index("value")


@dataclass(frozen=True)
class Extracted:
    """What a worker sends back about one report: small, whatever the size of the report."""

    file: str
    entry: Path | None = None  # the cache entry holding its rows
    problem: str = ""  # why the report could not be read; then there is no entry
    warnings: tuple[str, ...] = ()
    figures: tuple[
        tuple[tuple[str, ...], str], ...
    ] = ()  # ((district, indicator, start, end), value) per observation
    numbers: int = 0
    unmapped: int = 0


@dataclass
class BuildResult:
    reports: list[str]
    problems: list[str] = field(default_factory=list)  # a report that could not be read
    warnings: list[str] = field(default_factory=list)  # read, but something is worth knowing
    figures: dict[str, int] = field(default_factory=dict)  # per district
    numbers: int = 0
    unmapped: int = 0
    conflicts: int = 0
    corrections: list[Outcome] = field(default_factory=list)  # one per well-formed correction
    # The rows, as written to CSV: filled only by `extract_folder`, which reads the tables back.
    observations: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"{len(self.reports)} report(s), {sum(self.figures.values())} figure(s), "
            f"{self.numbers} number(s) read, {self.unmapped} left unmapped (kept in {MENTIONS}.csv), "
            f"{self.conflicts} figure(s) in conflict"
        ]
        lines += [f"  {district}: {n}" for district, n in sorted(self.figures.items())]
        if self.corrections:
            done = Counter(o.action for o in self.corrections if o.status == "applied")
            lines.append(
                f"corrections: {sum(done.values())} applied ({done['reject']} rejected, {done['fix']} fixed, "
                f"{done['add']} added), "
                + ", ".join(
                    f"{sum(o.status == s for o in self.corrections)} {s}"
                    for s in ("no longer needed", "orphan")
                )
            )
            lines += [
                f"correction: line {o.line}: {o.action} {o.status}: {o.message}"
                for o in self.corrections
                if o.status != "applied"
            ]
        lines += [f"warning: {w}" for w in self.warnings]
        lines += [f"problem: {p}" for p in self.problems]
        return "\n".join(lines)


# -- one report (runs in worker processes) ----------------------------------------------------------


def report_rows(ex: Extraction) -> tuple[list[dict], list[dict]]:
    """A report's observations without restatements, in text order, and its mentions: both checked
    against the schema (SchemaError otherwise)."""
    observations, seen = [], set()
    for row in sorted(ex.observations, key=lambda r: (r["char_start"], r["indicator"])):
        key = tuple(row[c] for c in _RESTATEMENT)
        if key not in seen:
            seen.add(key)
            observations.append(row)
    schema.validate(OBSERVATIONS, observations)
    schema.validate(MENTIONS, ex.mentions)
    return observations, ex.mentions


def _write_entry(entry: Path, ex: Extraction) -> dict:
    """A report's cache entry, from its rows checked against the schema; returns the entry's head."""
    observations, mentions = report_rows(ex)
    head = {
        "file": ex.file,
        "warnings": list(ex.warnings),
        "observations": [[row[c] for c in OBSERVATION_COLUMNS] for row in observations],
        "numbers": len(mentions),
        "unmapped": sum(1 for m in mentions if not m["indicator"]),
    }
    write_entry(entry, head, ([m[c] for c in MENTION_COLUMNS] for m in mentions))
    return head


def process(job: tuple[Path, dict, Path]) -> Extracted:
    """One report -> its cache entry (made unless the report, its catalog row and the rules are unchanged)."""
    path, meta, cache = job
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Extracted(path.name, problem=unreadable(path, exc))
    entry = cache / f"{cache_key(data, meta)}{ENTRY_SUFFIX}"
    head = read_head(entry)
    if head is None:
        try:
            text, encoding = decode(data, path.name)
            head = _write_entry(entry, extract(Report(path.name, text, encoding, meta)))
        except ReportError as exc:
            return Extracted(path.name, problem=str(exc))
        except SchemaError as exc:
            return Extracted(
                path.name,
                problem=f"{path.name}: {exc.table}: {len(exc.failures)} row(s) break the "
                f"schema, first {exc.failures[0]} — please report this with the file",
            )
        except LexiconError:  # the rules themselves are broken: no report can be read, stop with that message
            raise
        except Exception as exc:  # one report's bug must not lose the others
            first = (str(exc).splitlines() or [""])[0]
            return Extracted(
                path.name,
                problem=f"{path.name}: extraction failed ({type(exc).__name__}: {first}) "
                "— please report this with the file",
            )
    figures = tuple((tuple(row[i] for i in _GROUP), row[_VALUE]) for row in head["observations"])
    return Extracted(
        path.name, entry, "", tuple(head["warnings"]), figures, head["numbers"], head["unmapped"]
    )


# -- all reports ------------------------------------------------------------------------------------


def build(
    raw: Path,
    out: Path,
    workers: int = 1,
    cache: Path | None = None,
    parquet: bool = True,
    corrections: Path | None = None,
    scheduler: str | None = None,
) -> BuildResult:
    """Every report of `raw` -> observations and mentions tables in `out` (CSV, and Parquet unless told not),
    with a researcher's `corrections` (a corrections.csv) applied to the extracted figures.

    The corrections apply to the extracted rows, cached or not: a change to them rewrites the tables
    without extracting any report again. The mentions are copied into their table as the workers finish
    each report, in file order; the
    observations follow once every report is known, since a conflict can involve any two of them. All
    tables replace the old ones together at the end, or none does. The reports are extracted in `workers`
    local processes, or as tasks on the Dask `scheduler` (scheduler.py): the same tables either way."""
    # imported here: where the reports are extracted does not change their rows, nor the rules' version
    from .scheduler import Lost, executor, progress

    raw, out = Path(raw).resolve(), Path(out).resolve()  # workers elsewhere do not share our cwd
    cache = Path(cache).resolve() if cache is not None else None
    jobs, problems, notes = catalogued_files(raw)
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(".*.tmp"):  # left by a build that was killed
        stale.unlink()
    for stale in out.glob(".gwfw-build-*"):
        shutil.rmtree(stale, ignore_errors=True)
    names = [f"{OBSERVATIONS}.csv", f"{MENTIONS}.csv", f"{STATUS}.csv"] + (
        [f"{OBSERVATIONS}.parquet", f"{MENTIONS}.parquet"] if parquet else []
    )
    done: list[Extracted] = []
    with (
        entries_folder(cache, beside=out) as entries,
        replacing([out / n for n in names]) as tmps,
        executor(scheduler, workers if len(jobs) > 1 else 1) as ex,
    ):
        if hasattr(ex, "check_shared"):
            ex.check_shared([raw, entries])
        with open(tmps[1], "wb") as mentions, progress(len(jobs), "report") as bar:
            mentions.write((",".join(MENTION_COLUMNS) + "\n").encode("utf-8"))
            tasks = [(path, meta, entries) for path, meta in jobs]
            for (path, _, _), r in zip(tasks, ex.ordered(process, tasks)):
                bar.update()
                if isinstance(r, Lost):
                    problems.append(f"{path.name}: {r.error}")
                    continue
                if r.problem:
                    problems.append(r.problem)
                    continue
                done.append(r)
                with open(r.entry, "rb") as f:
                    f.readline()  # the head: observations, written below
                    shutil.copyfileobj(f, mentions)
        fixes, malformed = curation.read(corrections) if corrections else ([], [])
        problems += malformed
        corrected, outcomes = _corrected(done, fixes, {p.name: (p, m) for p, m in jobs}, problems)
        conflicts = _write_observations(done, tmps[0], corrected)
        with open(tmps[2], "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(STATUS_COLUMNS)
            writer.writerows(o.row() for o in outcomes)
        if parquet:  # pyarrow works outside the GIL: the two tables convert side by side
            with ThreadPoolExecutor(2) as pool:
                list(pool.map(_to_parquet, tmps[:2], tmps[3:], (OBSERVATIONS, MENTIONS)))
        if cache is not None:  # forget reports that are gone or changed, and extractions by older rules
            live = {r.entry.name for r in done}
            for old in entries.glob(f"*{ENTRY_SUFFIX}"):
                if old.name not in live:
                    old.unlink()
    figures = Counter(
        group[0]
        for r in done
        for group, _ in (_figures(corrected[r.file]) if r.file in corrected else r.figures)
    )
    return BuildResult(
        reports=[r.file for r in done],
        problems=sorted(problems),
        warnings=notes + [w for r in done for w in r.warnings],
        figures=dict(figures),
        numbers=sum(r.numbers for r in done),
        unmapped=sum(r.unmapped for r in done),
        conflicts=conflicts,
        corrections=outcomes,
    )


# -- corrections ------------------------------------------------------------------------------------


def _rows(entry: Path) -> list[dict]:
    """A report's extracted observations from its cache entry, as strings (as written to CSV)."""
    return [{c: str(v) for c, v in zip(OBSERVATION_COLUMNS, row)} for row in read_head(entry)["observations"]]


def _figures(rows: list[dict]) -> tuple[tuple[tuple[str, ...], str], ...]:
    return tuple((tuple(r[OBSERVATION_COLUMNS[i]] for i in _GROUP), r["value"]) for r in rows)


def _mentions(entry: Path) -> list[dict]:
    with open(entry, encoding="utf-8", newline="") as f:
        f.readline()
        return [dict(zip(MENTION_COLUMNS, row)) for row in csv.reader(f)]


def _text_or_none(path: Path) -> str | None:
    try:
        return decode(path.read_bytes(), path.name)[0]
    except (OSError, ReportError):
        return None


def _corrected(
    done: list[Extracted], fixes: list, jobs: dict[str, tuple[Path, dict]], problems: list[str]
) -> tuple[dict[str, list[dict]], list[Outcome]]:
    """The figures of every report a correction touches, corrected, and what became of each correction.
    Reads only those reports' entries (and texts, for adds): the other reports are untouched."""
    entries = {r.file: r.entry for r in done}
    if any(not c.file for c in fixes):  # a hand-written row with an id alone: find its report
        owner = {
            curation.observation_id(r["file"], r["char_start"], r["char_end"], r["indicator"]): r["file"]
            for d in done
            for r in _rows(d.entry)
        }
        fixes = [c if c.file else type(c)(c.line, {**c.fields, "file": owner.get(c.id, "")}) for c in fixes]
    by_file = defaultdict(list)
    for c in fixes:
        by_file[c.file].append(c)
    corrected, outcomes = {}, []
    for file, group in sorted(by_file.items()):
        if file not in entries:
            why = (
                "no figure has this id in any report"
                if not file
                else f"{file} is not among the reports built"
            )
            outcomes += [orphaned(c, why) for c in group]
            continue
        path, meta = jobs[file]
        src = ReportSource(file, meta, lambda p=path: _text_or_none(p), lambda e=entries[file]: _mentions(e))
        rows, said, failed = apply(_rows(entries[file]), group, src)
        corrected[file] = rows
        outcomes += said
        problems += [f"{file}: corrections: {p}" for p in failed]
    return corrected, sorted(outcomes, key=lambda o: o.line)


def _write_observations(done: list[Extracted], path: Path, corrected: dict[str, list[dict]]) -> int:
    """The observations of every report (corrected where a researcher said so), each flagged when its
    district, indicator and period has another value anywhere; returns how many are."""
    figures = {r.file: _figures(corrected[r.file]) if r.file in corrected else r.figures for r in done}
    values = defaultdict(set)
    for r in done:
        for group, value in figures[r.file]:
            values[group].add(value)
    conflicts = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(OBSERVATION_TABLE_COLUMNS)
        for r in done:
            rows = corrected[r.file] if r.file in corrected else _rows(r.entry)
            for (group, _), row in zip(figures[r.file], rows):
                conflict = len(values[group]) > 1
                conflicts += conflict
                full = {
                    "source": "extracted",
                    "note": "",
                    **row,
                    "conflict": str(conflict),
                }
                full.setdefault(
                    "id",
                    curation.observation_id(
                        row["file"], row["char_start"], row["char_end"], row["indicator"]
                    ),
                )
                writer.writerow([full[c] for c in OBSERVATION_TABLE_COLUMNS])
    return conflicts


def _to_parquet(csv_path: Path, parquet_path: Path, table: str) -> None:
    """CSV -> Parquet in batches (memory stays flat), typed as the schema says."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    reader = pacsv.open_csv(
        csv_path,
        read_options=pacsv.ReadOptions(block_size=PARQUET_BLOCK),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),  # a span may cross a line: 「1.7万余\n件」
        convert_options=pacsv.ConvertOptions(column_types=schema.arrow_types(table)),
    )
    with pq.ParquetWriter(parquet_path, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)


def extract_folder(folder: Path, workers: int = 1, cache: Path | None = None) -> BuildResult:
    """The tables of a folder in memory, rows as written to CSV: for `gwfw extract` and tests."""
    with tempfile.TemporaryDirectory(prefix="gwfw-extract-") as tmp:
        result = build(folder, Path(tmp), workers, cache, parquet=False)
        for name, rows in ((OBSERVATIONS, result.observations), (MENTIONS, result.mentions)):
            with open(Path(tmp) / f"{name}.csv", encoding="utf-8", newline="") as f:
                rows.extend(csv.DictReader(f))
    return result
