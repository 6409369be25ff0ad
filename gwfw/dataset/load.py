"""The processed tables as pandas DataFrames, for notebooks and researchers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import NotBuilt
from ..paths import PROCESSED
from . import schema
from .files import write_atomic

# A column has the same kind in every table that has it.
_KINDS = {name: kind for table in schema.TABLES for name, kind in schema.kinds(table).items()}


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """String columns from CSV -> numbers, booleans and dates where the schema says so."""
    frame = frame.copy()
    for col in frame.columns:
        kind = _KINDS.get(col, "text")
        if kind in ("number", "integer"):
            dtype = "float64" if kind == "number" else "int64"
            frame[col] = pd.to_numeric(frame[col].replace("", None)).astype(dtype)
        elif kind == "bool":
            frame[col] = frame[col].map({"True": True, "False": False}).astype(bool)
        elif kind == "date":
            frame[col] = pd.to_datetime(frame[col].replace("", None), format="%Y-%m-%d")
    return frame


def _load(name: str, folder: Path | None) -> pd.DataFrame:
    path = Path(folder or PROCESSED) / f"{name}.csv"
    if not path.exists():
        raise NotBuilt(f"{path}: not built yet — run `gwfw build` (or `make report`)")
    # pyarrow's reader: the same frame as pandas' own, ~3x faster on a national table (each notebook loads it)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8", engine="pyarrow")
    return typed(frame)


def save_csv_for_excel(frame: pd.DataFrame, path: Path | str) -> Path:
    """Write a table as CSV that Excel opens with its Chinese intact: UTF-8 with a byte-order mark.

    Excel reads a CSV without a BOM in the system's legacy code page (GBK on Chinese Windows, cp1252
    elsewhere), so plain UTF-8 turns 办结率 into mojibake. The file is written atomically.

        gwfw.save_csv_for_excel(view.coverage(), "coverage.csv")
    """
    path = Path(path)
    write_atomic(path, frame.to_csv(index=False).encode("utf-8-sig"), durable=False)
    return path


def load_observations(folder: Path | None = None) -> pd.DataFrame:
    """One row per figure: district, indicator, value, unit, qualifier, period and evidence."""
    return _load("observations", folder)


def load_mentions(folder: Path | None = None) -> pd.DataFrame:
    """Every number read in every report, mapped to an indicator or not, with its sentence."""
    return _load("mentions", folder)


def indicators() -> pd.DataFrame:
    """The codebook: one row per indicator code."""
    from ..extract.codebook import COLUMNS, load_codebook

    def cell(value):
        return "|".join(value) if isinstance(value, tuple) else value

    rows = [{c: cell(getattr(ind, c)) for c in COLUMNS} for ind in load_codebook()]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def districts() -> pd.DataFrame:
    """Every administrative unit of the gazetteer, with its six-digit code, its kind and, for a change after
    the table's base edition, when it was set up or abolished."""
    from ..extract.places import places

    return pd.DataFrame(
        [
            {
                "code": p.code,
                "name": p.name,
                "level": p.level,
                "province": p.province,
                "city": p.city,
                "aliases": "|".join(p.aliases),
                "kind": p.kind,
                "established": p.established,
                "abolished": p.abolished,
            }
            for p in places()
        ]
    )
