"""One report's extracted figures + its corrections -> the figures the dataset publishes.

Runs after the (cached) extraction, so a change to corrections.csv changes the tables without
reading any report again. Each correction ends in one of three states, all written to
corrections_status.csv and told by `gwfw build`: applied; no longer needed (the extraction already
says what the fix says); orphan (its figure is gone: the report or the rules changed). An add's
evidence is the report's text at its offsets, and must still hold its number, or it is an orphan too.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from ..errors import SchemaError
from ..extract.codebook import by_code
from ..extract.name_patterns import rules
from ..extract.numerals import find_numbers
from ..extract.periods import label_for
from ..extract.places import resolve
from . import schema
from .corrections import FIXABLE, Correction, evidence_digest, observation_id, same_value

STATUS_COLUMNS = (
    "line",
    "action",
    "id",
    "file",
    "char_start",
    "char_end",
    "indicator",
    "value",
    "status",
    "message",
    "note",
)
ADDED_RULE = "added by hand"
CHECKED = "high"  # the confidence of a figure a researcher corrected or added: it was read by a person
_PERIOD = ("period_start", "period_end", "period_label", "period_source")


@dataclass(frozen=True)
class Outcome:
    line: int
    action: str
    id: str  # the figure touched (for an add, the new figure's id; for an orphan, the id it named)
    file: str
    status: str  # applied | no longer needed | orphan
    message: str
    char_start: str = ""
    char_end: str = ""
    indicator: str = ""
    value: str = ""
    note: str = ""

    def row(self) -> list[str]:
        return [str(getattr(self, c)) for c in STATUS_COLUMNS]


@dataclass
class ReportSource:
    """What an add needs of its report, read only when one is applied: the text and its numbers read."""

    file: str
    meta: dict
    text: Callable[[], str | None]  # None when the report cannot be read
    mentions: Callable[[], list[dict]]


@cache
def _sentence_ends() -> re.Pattern:
    return re.compile(f"[{re.escape(rules()['sentence_delimiters'])}]")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence(s) holding text[start:end], by the extractor's sentence delimiters."""
    ends = [m.start() for m in _sentence_ends().finditer(text)]
    i, j = bisect.bisect_right(ends, start - 1), bisect.bisect_left(ends, end)
    lo = ends[i - 1] + 1 if i else 0
    hi = ends[j] if j < len(ends) else len(text)
    return text[lo:hi].strip() or text[start:end]


def _district_code(name: str, meta: dict) -> str:
    place, _ = resolve(name, " ".join((meta.get("publisher", ""), meta.get("title", ""))))
    return place.code if place else ""


def _with_period(row: dict, start: str, end: str, source: str) -> None:
    """Set a figure's period (a stock is 'as of' its end) with its label."""
    if by_code()[row["indicator"]].measure == "stock":
        start = ""
    row["period_start"], row["period_end"], row["period_source"] = start, end, source
    if end:
        row["period_label"] = label_for(date.fromisoformat(start) if start else None, date.fromisoformat(end))
    else:
        row["period_label"] = ""


def _checked(row: dict) -> str:
    """'' when the row fits the observations' schema, else the first failure."""
    try:
        schema.validate("observations", [row])
    except SchemaError as exc:
        return exc.failures[0].split(": ", 1)[-1]
    return ""


def _there_now(rows: list[dict], c: Correction, text: str | None) -> str:
    """What stands where an orphan pointed: the figures read there now, or the text."""
    if not c.given("char_start") or not c.given("char_end"):
        return ""
    a, b = int(c.given("char_start")), int(c.given("char_end"))
    here = [r for r in rows if int(r["char_start"]) < b and a < int(r["char_end"])]
    if here:
        return "; read there now: " + ", ".join(
            f"{r['indicator']} {r['value']}{r['unit']} (id {r['id']})" for r in here
        )
    if text is not None and b <= len(text):
        return f"; the text there now: 「{text[a:b]}」, no figure read"
    return ""


class FiguresOfReport:
    """The figures of one report, by id, as corrections change them."""

    def __init__(self, rows: list[dict], src: ReportSource):
        for r in rows:  # a fixed figure keeps the id of the figure it fixes, whatever the fix changes
            r.setdefault("id", observation_id(r["file"], r["char_start"], r["char_end"], r["indicator"]))
        self.rows = {r["id"]: r for r in rows}
        self.extracted = list(rows)
        self.src = src
        self._text: str | None = None
        self._text_read = False

    def text(self) -> str | None:
        if not self._text_read:
            self._text, self._text_read = self.src.text(), True
        return self._text

    def outcome(self, c: Correction, status: str, message: str, row: dict | None = None, oid: str = ""):
        row = row or {k: c.given(k) for k in ("char_start", "char_end", "indicator", "value")}
        return Outcome(
            c.line,
            c.action,
            oid or c.id,
            c.file or self.src.file,
            status,
            message,
            str(row.get("char_start", "")),
            str(row.get("char_end", "")),
            row.get("indicator", ""),
            row.get("value", ""),
            c.given("note"),
        )

    def orphan(self, c: Correction, why: str) -> Outcome:
        return self.outcome(
            c,
            "orphan",
            f"{why} (it targeted {c.targeted()}){_there_now(self.extracted, c, self.text())}"
            " — the report or the rules changed: check the figure and edit or delete the line",
        )

    def reject(self, c: Correction) -> Outcome:
        row = self.rows.pop(c.id, None)
        if row is None:
            return self.orphan(c, f"no figure has id {c.id}")
        return self.outcome(c, "applied", "rejected", row)

    def fix(self, c: Correction) -> tuple[Outcome, str]:
        old = self.rows.get(c.id)
        if old is None:
            for oid, r in self.rows.items():  # the extraction may now read it as the fix says
                if (r["char_start"], r["char_end"]) == (c.given("char_start"), c.given("char_end")) and all(
                    same_value(r[k], c.given(k)) for k in FIXABLE if c.given(k)
                ):
                    return self.outcome(
                        c,
                        "no longer needed",
                        f"the extraction now reads this figure as the fix says (id {oid}) — delete the line",
                        r,
                        oid,
                    ), ""
            return self.orphan(c, f"no figure has id {c.id}"), ""
        if all(same_value(old[k], c.given(k)) for k in FIXABLE if c.given(k)):
            return self.outcome(
                c, "no longer needed", "the extraction already says what the fix says — delete the line", old
            ), ""
        unit = by_code()[c.given("indicator") or old["indicator"]].unit
        if c.given("unit") and c.given("unit") != unit:
            why = f"unit {c.given('unit')!r} is not the codebook unit {unit!r} — fix the indicator instead"
            return self.outcome(c, "orphan", f"not applied: {why}", old), f"line {c.line}: {why}"
        new = dict(old)
        for k in ("indicator", "value", "qualifier", "district"):
            if c.given(k):
                new[k] = c.given(k)
        new["unit"] = by_code()[new["indicator"]].unit
        if c.given("district"):
            new["district_code"] = _district_code(new["district"], self.src.meta)
        if c.given("period_start") or c.given("period_end") or new["indicator"] != old["indicator"]:
            start = c.given("period_start") or old["period_start"]  # a stock's start is dropped below
            _with_period(
                new,
                start,
                c.given("period_end") or old["period_end"],
                "correction" if c.given("period_start") or c.given("period_end") else old["period_source"],
            )
        new["source"], new["note"] = "corrected", c.given("note")
        new["confidence"] = CHECKED  # a researcher read it
        problem = _checked(new)
        if problem:
            return self.outcome(
                c, "orphan", f"not applied: the fixed figure would break the schema ({problem})", old
            ), f"line {c.line}: the fixed figure breaks the schema: {problem}"
        self.rows[c.id] = new
        return self.outcome(c, "applied", "fixed", new), ""

    def add(self, c: Correction) -> Outcome:
        text = self.text()
        a, b = int(c.given("char_start")), int(c.given("char_end"))
        if text is None:
            return self.orphan(c, "the report cannot be read")
        if b > len(text):
            return self.orphan(c, f"chars {a}–{b} are past the end of the report ({len(text)} chars)")
        span = text[a:b]
        if c.id and c.id != evidence_digest(self.src.file, a, b, span):
            return self.orphan(
                c, f"the text at chars {a}–{b} is no longer the text added, it reads 「{span}」"
            )
        numbers = find_numbers(span)
        if not numbers:
            return self.orphan(c, f"the text at chars {a}–{b}, 「{span}」, holds no number")
        want = c.given("value")
        found = [n for n in numbers if not want or Decimal(want) in (n.value, n.value_high)]
        if not found:
            read = "、".join(str(n.value) for n in numbers)
            return self.orphan(c, f"the text at chars {a}–{b}, 「{span}」, reads {read}, not {want}")
        n = found[0]
        ind = by_code()[c.given("indicator")]
        row = self._added_row(c, text, a, b, ind.unit, n)
        oid = row["id"] = observation_id(row["file"], a, b, ind.code)
        problem = _checked(row)
        if problem:
            return self.outcome(
                c, "orphan", f"not added: the figure would break the schema ({problem})", row, oid
            )
        old = self.rows.get(oid)
        if old is not None and all(same_value(old[k], row[k]) for k in FIXABLE if c.given(k)):
            return self.outcome(
                c,
                "no longer needed",
                f"the extraction now reads this figure (id {oid}) — delete the line",
                old,
                oid,
            )
        self.rows[oid] = row
        said = "added" if old is None else f"added, in place of the extracted {old['value']}{old['unit']}"
        return self.outcome(c, "applied", said, row, oid)

    def _added_row(self, c: Correction, text: str, a: int, b: int, unit: str, n) -> dict:
        """A new figure from the text at [a, b): its number, sentence, district and period as the report
        gives them, unless the correction says otherwise."""
        near = [m for m in self.src.mentions() if int(m["char_start"]) < b and a < int(m["char_end"])]
        district = c.given("district") or (near[0]["district"] if near else self.src.meta.get("district", ""))
        sentence = _sentence(text, a, b)
        row = {
            "file": self.src.file,
            "district": district,
            "district_code": _district_code(district, self.src.meta),
            "indicator": c.given("indicator"),
            "value": c.given("value") or str(n.value),
            "value_high": str(n.value_high) if n.value_high is not None and not c.given("value") else "",
            "unit": unit,
            "qualifier": c.given("qualifier") or n.qualifier,
            "evidence": text[a:b],
            "char_start": str(a),
            "char_end": str(b),
            "sentence": sentence,
            "raw_unit": n.unit,
            "rule": ADDED_RULE,
            "scope": "",  # a researcher adds the district's figure; a narrower one needs no adding
            "confidence": CHECKED,
            "source": "added",
            "note": c.given("note"),
        }
        if c.given("period_end") or c.given("period_start"):
            _with_period(row, c.given("period_start"), c.given("period_end"), "correction")
        else:  # the period the extraction gives the same sentence, else the figure before it
            same = [r for r in self.extracted if r["sentence"] == sentence]
            before = [r for r in self.extracted if int(r["char_start"]) <= a]
            model = (same or before[-1:] or [None])[0]
            if model is None:
                _with_period(row, "", "", "none")
            else:
                _with_period(row, model["period_start"], model["period_end"], model["period_source"])
        return row


def apply(
    rows: list[dict], corrections: list[Correction], src: ReportSource
) -> tuple[list[dict], list[Outcome], list[str]]:
    """The report's figures with its corrections applied (in text order), what became of each
    correction, and the problems (fixes that would break the schema)."""
    report = FiguresOfReport(
        [{**r, "source": r.get("source") or "extracted", "note": r.get("note", "")} for r in rows], src
    )
    outcomes, problems = [], []
    for c in sorted(corrections, key=lambda c: c.line):
        if c.action == "reject":
            outcomes.append(report.reject(c))
        elif c.action == "fix":
            outcome, problem = report.fix(c)
            outcomes.append(outcome)
            if problem:
                problems.append(problem)
        else:
            outcomes.append(report.add(c))
    out = sorted(
        report.rows.values(), key=lambda r: (int(r["char_start"]), r["indicator"], int(r["char_end"]))
    )
    return out, outcomes, problems


def orphaned(c: Correction, why: str) -> Outcome:
    """A correction of a report that is not in this build."""
    return Outcome(
        c.line,
        c.action,
        c.id,
        c.file,
        "orphan",
        f"{why} (it targeted {c.targeted()})",
        c.given("char_start"),
        c.given("char_end"),
        c.given("indicator"),
        c.given("value"),
        c.given("note"),
    )
