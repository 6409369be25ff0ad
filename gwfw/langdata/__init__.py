"""Loading and validating the language data in gwfw/langdata/, once per process.

Every problem in a data file is reported at once, naming the file, the key and the value
(as dateparser validates its language files), so an edit to a lexicon fails loudly.
"""

from __future__ import annotations

import csv
import functools

import yaml

from ..errors import LexiconError
from ..paths import DATA_FILES


def _require(problems: list[str], data: dict, name: str, spec: dict[str, type]) -> None:
    for key, kind in spec.items():
        if key not in data:
            problems.append(f"gwfw/langdata/{name}: missing key '{key}' — add it (see the file's comments)")
        elif not isinstance(data[key], kind):
            problems.append(f"gwfw/langdata/{name}: key '{key}' should be {kind.__name__}, got {data[key]!r}")


@functools.cache
def load_yaml(name: str, spec: tuple[tuple[str, type], ...]) -> dict:
    path = DATA_FILES / name
    with open(path, encoding="utf-8") as f:
        try:
            data = yaml.safe_load(f) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f": line {mark.line + 1}" if mark else ""
            raise LexiconError(
                f"gwfw/langdata/{name}{where}: not valid YAML ({getattr(exc, 'problem', None) or exc}) "
                "— fix the syntax there"
            ) from None
    problems: list[str] = []
    _require(problems, data, name, dict(spec))
    if problems:
        raise LexiconError("\n".join(problems))
    return data


@functools.cache
def load_csv(name: str, required: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    path = DATA_FILES / name
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().splitlines(keepends=True)
    header = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))  # '#': notes
    rows = list(csv.DictReader(lines[header:]))
    problems = []
    for i, row in enumerate(rows, start=header + 2):
        for col in required:
            if not (row.get(col) or "").strip():
                problems.append(f"gwfw/langdata/{name}: line {i}: column '{col}' is empty — fill it in")
    if problems:
        raise LexiconError("\n".join(problems))
    return tuple(rows)
