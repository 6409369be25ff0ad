"""The language data in gwfw/langdata/, read and checked together, once per process.

Every file's keys and required columns are listed in gwfw/langdata/keys.py. The first use of any file
checks all of them and reports every problem at once, naming the file, the line or key and the fix (as
dateparser validates its language files): a missing key, a key of the wrong type, an unknown key (a typo),
an empty required cell, a YAML syntax error. An edit to the language data fails loudly and completely.
"""

from __future__ import annotations

import csv
import functools

import yaml

from ..errors import LexiconError
from ..paths import DATA_FILES
from .keys import CSV_REQUIRED, YAML_KEYS


def _where(name: str) -> str:
    return f"gwfw/langdata/{name}"


def _read_yaml(name: str, keys: dict[str, type], problems: list[str]) -> dict:
    with open(DATA_FILES / name, encoding="utf-8") as f:
        try:
            data = yaml.safe_load(f) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f": line {mark.line + 1}" if mark else ""
            problems.append(
                f"{_where(name)}{where}: not valid YAML ({getattr(exc, 'problem', None) or exc}) "
                "— fix the syntax there"
            )
            return {}
    if not isinstance(data, dict):
        problems.append(f"{_where(name)}: should hold keys, got {type(data).__name__}")
        return {}
    for key, kind in keys.items():
        if key not in data:
            problems.append(f"{_where(name)}: missing key '{key}' — add it (see the file's comments)")
        elif not isinstance(data[key], kind):
            problems.append(f"{_where(name)}: key '{key}' should be {kind.__name__}, got {data[key]!r}")
    for key in data:
        if key not in keys:
            problems.append(
                f"{_where(name)}: unknown key '{key}' — a typo? gwfw reads only: {', '.join(keys)}"
            )
    return data


def _read_csv(name: str, required: tuple[str, ...], problems: list[str]) -> tuple[dict[str, str], ...]:
    with open(DATA_FILES / name, encoding="utf-8", newline="") as f:
        lines = f.read().splitlines(keepends=True)
    header = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))  # '#': notes
    rows = tuple(csv.DictReader(lines[header:]))
    for i, row in enumerate(rows, start=header + 2):
        for col in required:
            if not (row.get(col) or "").strip():
                problems.append(f"{_where(name)}: line {i}: column '{col}' is empty — fill it in")
    return rows


def check_all() -> dict[str, object]:
    """Every language data file, read and checked: one LexiconError lists every problem in every file."""
    problems: list[str] = []
    data: dict[str, object] = {name: _read_yaml(name, keys, problems) for name, keys in YAML_KEYS.items()}
    data |= {name: _read_csv(name, required, problems) for name, required in CSV_REQUIRED.items()}
    if problems:
        raise LexiconError("\n".join(problems))
    return data


@functools.cache
def _checked() -> dict[str, object]:
    return check_all()


def forget() -> None:
    """Drop the files read so far: the next use reads and checks them again (after an edit in a session)."""
    _checked.cache_clear()


def load_yaml(name: str) -> dict:
    """One YAML file of gwfw/langdata (all of them are checked on first use)."""
    return _checked()[name]


def load_csv(name: str) -> tuple[dict[str, str], ...]:
    """The rows of one CSV file of gwfw/langdata (all files are checked on first use)."""
    return _checked()[name]


def labels() -> dict:
    """The words and marks the pages show (labels.yaml)."""
    return load_yaml("labels.yaml")
