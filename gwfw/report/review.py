"""What a researcher checks in one report: its figures where they stand, the numbers left unmapped, the
likely misses, and the corrections already made — read from the processed tables and the report text.

    gwfw.review("001_0f2180a73927f1eb.txt")   # in JupyterLab: the review page inline
    gwfw review                               # reports/review/<report>.html and index.html

Which unmapped numbers are likely misses is language data (gwfw/langdata/review.yaml).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..dataset.corrections import COLUMNS as CORRECTION_COLUMNS
from ..dataset.corrections import evidence_digest, row_line
from ..dataset.raw_folder import read_catalog, read_text
from ..errors import NotBuilt
from ..extract.codebook import by_code
from ..langdata import load_yaml
from ..paths import PROCESSED, RAW


def words() -> dict:
    return load_yaml("review.yaml")


@dataclass(frozen=True)
class Figure:
    """One observation as the page shows it."""

    row: dict  # the observations.csv row

    def __getattr__(self, name: str):
        try:
            return self.row[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def start(self) -> int:
        return int(self.row["char_start"])

    @property
    def end(self) -> int:
        return int(self.row["char_end"])

    @property
    def name_zh(self) -> str:
        ind = by_code().get(self.row["indicator"])
        return ind.name_zh if ind else self.row["indicator"]

    @property
    def confidence(self) -> str:
        return self.row.get("confidence", "")

    @property
    def low_confidence(self) -> bool:
        c, w = self.confidence.strip(), words()
        if not c:
            return False
        try:
            return float(c) < w["low_confidence_below"]
        except ValueError:
            return c.lower() in w["low_confidence_words"]

    def correction_line(self) -> str:
        """A reject of this figure, ready to paste (change 'reject' to 'fix' and the fields to correct it)."""
        fields = {c: self.row.get(c, "") for c in CORRECTION_COLUMNS}
        fields.update({"action": "reject", "note": ""})
        return row_line(fields)


@dataclass(frozen=True)
class Number:
    """A number read in the text that is not a figure: unmapped (with the extractor's reason), a likely miss,
    or a restatement of a figure counted once."""

    start: int
    end: int
    text: str
    reason: str
    miss: bool
    row: dict

    def add_line(self) -> str:
        """An add of this number, ready to paste once the indicator is chosen."""
        fields = {c: "" for c in CORRECTION_COLUMNS}
        fields.update(
            id=evidence_digest(self.row["file"], self.start, self.end, self.text),
            action="add",
            file=self.row["file"],
            district=self.row["district"],
            indicator="CHOOSE_INDICATOR",
            value=self.row["value"],
            qualifier=self.row["qualifier"],
            char_start=str(self.start),
            char_end=str(self.end),
        )
        return row_line(fields)


@dataclass
class Review:
    """One report under review; in JupyterLab it shows itself (the same view as its review page)."""

    file: str
    text: str
    catalog: dict
    figures: list[Figure]
    numbers: list[Number]
    rejected: list[dict]  # corrections_status rows of applied rejects
    outcomes: list[dict] = field(default_factory=list)  # every correction of this report, any status

    @property
    def misses(self) -> list[Number]:
        return [n for n in self.numbers if n.miss]

    def counts(self) -> dict[str, int]:
        return {
            "figures": len(self.figures),
            "low_confidence": sum(f.low_confidence for f in self.figures),
            "likely_misses": len(self.misses),
            "conflicts": sum(f.row.get("conflict") == "True" for f in self.figures),
            "corrections": sum(o["status"] == "applied" for o in self.outcomes),
            "problems": sum(o["status"] != "applied" for o in self.outcomes),
        }

    def need(self) -> tuple:
        """Sort key: the reports most in need of a look first."""
        c = self.counts()
        return (
            -(c["likely_misses"] + c["low_confidence"] + c["conflicts"] + c["problems"]),
            -c["figures"],
            self.file,
        )

    def fragment(self) -> str:
        from .review_page import fragment

        return fragment(self)

    def _repr_html_(self) -> str:
        return self.fragment()


def _rows(folder: Path, name: str) -> list[dict]:
    path = Path(folder) / f"{name}.csv"
    if not path.exists():
        if name == "corrections_status":  # built before corrections existed
            return []
        raise NotBuilt(f"{path}: not built yet — run `gwfw build` (or `make report`)")
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _is_miss(m: dict, sentence_words: tuple[str, ...]) -> bool:
    w = words()
    if any(m["status"].startswith(r) for r in w["not_a_miss"]):
        return False
    if m["unit"] in w["miss_units"]:
        return True
    return m["unit"] in w["miss_count_units"] and any(s in m["context"] for s in sentence_words)


class Tables:
    """The processed tables, read once, grouped by report."""

    def __init__(self, processed: Path | None = None, raw: Path | None = None):
        self.processed, self.raw = Path(processed or PROCESSED), Path(raw or RAW)
        self.observations = self._by_file(_rows(self.processed, "observations"))
        self.mentions = self._by_file(_rows(self.processed, "mentions"))
        self.status = self._by_file(_rows(self.processed, "corrections_status"))
        self.catalog = {r["file"]: r for r in read_catalog(self.raw)}

    @staticmethod
    def _by_file(rows: list[dict]) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        for r in rows:
            out.setdefault(r["file"], []).append(r)
        return out

    def files(self) -> list[str]:
        """Every report built: those the catalog lists and the tables hold."""
        return sorted(f for f in self.catalog if (self.raw / f).exists())

    def review(self, file: str) -> Review:
        name = Path(file).name
        if name not in self.catalog:
            raise NotBuilt(f"{name}: not in {self.raw / 'catalog.csv'} — give a report's file name")
        text, _ = read_text(self.raw / name)
        figures = [Figure(r) for r in self.observations.get(name, [])]
        spans = [(f.start, f.end) for f in figures]
        service = tuple(words()["service_words"])
        numbers = []
        for m in self.mentions.get(name, []):
            a, b = int(m["char_start"]), int(m["char_end"])
            inside = any(s <= a and b <= e for s, e in spans)
            if inside:
                continue  # the figure's own number: the figure's highlight shows it
            if m["indicator"]:  # mapped, yet no figure holds it: a restatement, or a figure rejected
                reason = f"{by_code()[m['indicator']].name_zh}: restates a figure counted once, or rejected"
                numbers.append(Number(a, b, text[a:b], reason, False, m))
            else:
                numbers.append(Number(a, b, text[a:b], m["status"], _is_miss(m, service), m))
        outcomes = self.status.get(name, [])
        rejected = [o for o in outcomes if o["action"] == "reject" and o["status"] == "applied"]
        return Review(name, text, self.catalog[name], figures, numbers, rejected, outcomes)


def review(file: str, processed: Path | None = None, raw: Path | None = None) -> Review:
    """The review of one report (a file name in data/raw): shows itself inline in JupyterLab."""
    return Tables(processed, raw).review(file)
