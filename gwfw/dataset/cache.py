"""The build's cache: one entry per report, keyed by its bytes, its catalog row and the rules' version.

An entry is one JSON line (file, warnings, observation rows, counts), then the mentions as CSV lines.
A rebuild extracts only new or changed reports; a missing or damaged entry is simply made again.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import importlib.metadata
import json
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import paths
from .files import replacing

ENTRY_SUFFIX = ".rows"
# The modules whose code decides a report's rows: everything `gwfw.dataset.build` imports (a test keeps this
# complete). A change to any of them, or to any language data file, makes every entry stale.
EXTRACTION_MODULES = (
    "dataset",
    "dataset.apply",
    "dataset.build",
    "dataset.cache",
    "dataset.catalog",
    "dataset.dates",
    "dataset.corrections",
    "dataset.files",
    "dataset.raw_folder",
    "dataset.schema",
    "errors",
    "extract",
    "extract.breakdown",
    "extract.by_place",
    "extract.codebook",
    "extract.composed_rules",
    "extract.confidence",
    "extract.context",
    "extract.counted_things",
    "extract.governing",
    "extract.layout",
    "extract.level_rules",
    "extract.linked_rules",
    "extract.list_rules",
    "extract.matcher",
    "extract.name_patterns",
    "extract.names",
    "extract.numerals",
    "extract.periods",
    "extract.places",
    "extract.plans",
    "extract.programme_rules",
    "extract.restated",
    "extract.rows",
    "extract.scope",
    "extract.scope_notes",
    "extract.scope_words",
    "extract.script",
    "extract.tables",
    "extract.text_index",
    "extract.zones",
    "langdata",
    "langdata.keys",
    "paths",
)


# Language data the extraction never reads: editing what the pages show keeps every cached extraction.
PAGE_ONLY_DATA = ("labels.yaml", "comparability.csv", "review.yaml", "site.yaml", "words.py")


def _module_file(module: str) -> Path:
    path = paths.DATA_FILES.parent.joinpath(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


@functools.cache
def rules_version() -> str:
    """A digest of the extraction code, all the language data and the conversion table's version (OpenCC,
    see gwfw/extract/script.py): a cached extraction is stale when any of them changes (a change to the
    notebooks' code is not)."""
    digest = hashlib.sha256(importlib.metadata.version("opencc").encode())
    code = [_module_file(module) for module in EXTRACTION_MODULES]
    data = [f for f in sorted(paths.DATA_FILES.iterdir()) if f.name not in PAGE_ONLY_DATA]
    files = data + code
    for path in files:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def key(data: bytes, meta: dict) -> str:
    digest = hashlib.sha256(data)
    digest.update(json.dumps(meta, sort_keys=True, ensure_ascii=False).encode())
    digest.update(rules_version().encode())
    return digest.hexdigest()[:32]


def write_entry(entry: Path, head: dict, mentions: Iterable[list[str]]) -> None:
    """The head as one JSON line, then the mention rows as CSV lines, written as they are formatted
    (a report of millions of numbers is not copied into one string)."""
    with replacing([entry], durable=False) as (tmp,), open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(json.dumps(head, ensure_ascii=False) + "\n")
        csv.writer(f, lineterminator="\n").writerows(mentions)


def read_head(entry: Path) -> dict | None:
    """The entry's first line, or None when it is missing or damaged (then the report is extracted again)."""
    try:
        with open(entry, "rb") as f:
            return json.loads(f.readline())
    except (OSError, ValueError):
        return None


@contextmanager
def entries_folder(cache: Path | None, beside: Path | None = None) -> Iterator[Path]:
    if cache is None:  # no cache: the entries live as long as the build, in `beside` (Dask workers see it)
        with tempfile.TemporaryDirectory(prefix=".gwfw-build-", dir=beside) as tmp:
            yield Path(tmp)
        return
    cache.mkdir(parents=True, exist_ok=True)
    for stale in cache.glob(".*.tmp"):  # left by a build that was killed
        stale.unlink()
    yield cache
