"""One report in, its figures out: every number becomes a mention; those that measure an indicator
also become observations, each with its district, period and the exact text it came from."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from decimal import Decimal

from . import periods
from .context import ReportContext, report_context
from .matcher import Matcher
from .numerals import find_numbers
from .text_index import TextIndex


@dataclass(frozen=True)
class Report:
    """One report's text, as decoded by gwfw.dataset.raw_folder, with its catalog row."""

    file: str
    text: str
    encoding: str
    meta: dict = field(default_factory=dict)  # the catalog row

    @property
    def district(self) -> str:
        return self.meta.get("district", "").strip()


@dataclass(frozen=True)
class Extraction:
    file: str
    observations: list[dict]
    mentions: list[dict]
    warnings: tuple[str, ...]


def number_text(value: Decimal | None) -> str:
    """Decimal as plain text without exponent: 4.8E+5 -> '480000'."""
    if value is None:
        return ""
    text = str(value)  # numerals already gives normalised values; the exponent form is the rare case
    return format(value.normalize(), "f") if "E" in text else text


class _Periods:
    """The governing period for any position: sentence, then paragraph, then the document."""

    def __init__(self, text: str, index: TextIndex, ctx: ReportContext):
        ref_end = ctx.reference.end if ctx.reference else None
        found = [
            p
            for p in periods.find_periods(text, ctx.year, ctx.doc_date, ref_end)
            if not index.is_masked(p.start)
        ]
        self.found = found
        self.ends = [p.end for p in found]
        self.index = index
        self.ctx = ctx
        self.resolved: dict[tuple[int, str], periods.Period] = {}

    def at(self, pos: int, sentence_start: int) -> periods.Period | None:
        """The period for a position, given the start of its sentence."""
        i = bisect.bisect_right(self.ends, pos) - 1
        if i < 0 or self.found[i].start < self.index.paragraph(pos)[0]:
            return self.ctx.reference
        key = (i, "sentence" if self.found[i].start >= sentence_start else "paragraph")
        if key not in self.resolved:
            self.resolved[key] = periods.with_label(
                periods.clip(self.found[i].period, self.ctx.doc_date), key[1]
            )
        return self.resolved[key]


def extract(report: Report) -> Extraction:
    text = report.text
    index = TextIndex(text)
    ctx = report_context(report, index)
    numbers = find_numbers(text)
    matcher = Matcher(index, numbers)
    governing = _Periods(text, index, ctx)
    observations, mentions, sentences = [], [], {}
    for n in numbers:
        section = ctx.section_at(n.start)
        found = matcher.match(n)
        bounds = index.sentence(n.start)
        period = governing.at(n.start, bounds[0])
        ind = found.indicator
        if ind is not None and period is not None and ind.measure == "stock":
            period = period.as_of()
        if bounds not in sentences:
            sentences[bounds] = text[bounds[0] : bounds[1]].strip()
        sentence = sentences[bounds]
        value, value_high = number_text(n.value), number_text(n.value_high)
        period_label = period.label if period else ""
        mentions.append(
            {
                "file": report.file,
                "district": section.district,
                "district_code": section.code,
                "char_start": n.start,
                "char_end": n.end,
                "text": n.text,
                "value": value,
                "value_high": value_high,
                "unit": n.unit,
                "qualifier": n.qualifier,
                "indicator": ind.code if ind else "",
                "status": found.reason,
                "period_label": period_label,
                "context": sentence,
            }
        )
        if ind is None:
            continue
        observations.append(
            {
                "file": report.file,
                "district": section.district,
                "district_code": section.code,
                "indicator": ind.code,
                "value": value,
                "value_high": value_high,
                "unit": ind.unit,
                "qualifier": n.qualifier,
                "period_start": period.start.isoformat() if period and period.start else "",
                "period_end": period.end.isoformat() if period else "",
                "period_label": period_label,
                "period_source": period.source if period else "none",
                "evidence": text[found.evidence_start : found.evidence_end],
                "char_start": found.evidence_start,
                "char_end": found.evidence_end,
                "sentence": sentence,
                "raw_unit": n.unit,
                "rule": found.reason,
            }
        )
    return Extraction(report.file, observations, mentions, ctx.warnings)
