"""One report in, its figures out: every number becomes a mention; those that measure an indicator
also become observations, each with its district, period and the exact text it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from . import periods
from . import places as gazetteer
from .confidence import confidence
from .context import Section, report_context
from .matcher import Matcher
from .name_patterns import rules
from .names import Match
from .numerals import find_numbers
from .scope import Screen
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


@cache
def _places_by_code() -> dict[str, gazetteer.Place]:
    return {p.code: p for p in gazetteer.places() if p.code}


def _has_counties(code: str) -> bool:
    place = _places_by_code().get(code)
    return place is not None and place.level in ("province", "city")


def _place_before(
    text: str, index: TextIndex, section: Section, start: int, end: int
) -> gazetteer.Place | None:
    """A county of a city's (or province's) report named right before a figure: 「其中赤坎区1200条」."""
    outer = _places_by_code()[section.code]
    segment = text[start:end].rstrip(rules()["quote_chars"] + " \u3000")
    found = None
    for _, p_end, candidates in gazetteer.find_places(segment):
        if p_end == len(segment):
            found = next((p for p in candidates if gazetteer.contains(outer, p)), None)
    return found


def _by_place(found: Match, section: Section, matcher: Matcher, index: TextIndex, numbers: list, k: int):
    """An unmapped figure right after a county of the report's city continues the figure before it, for that
    county (「全市共收到评价9568条，其中赤坎区1200条、霞山区2300条」): (match, section)."""
    n = numbers[k]
    if not matcher.continues(n):  # Performance: no figure before it in its sentence to carry on
        return found, section
    c_start = index.clause(n.start)[0]
    start = max(c_start, numbers[k - 1].end if k else 0)
    place = _place_before(index.text, index, section, start, n.start)
    carried = matcher.carry(n, "a breakdown by place: the indicator of the figure before") if place else None
    if carried is None:
        return found, section
    return carried, Section(section.start, section.end, place.name, place.code)


def extract(report: Report) -> Extraction:
    text = report.text
    index = TextIndex(text)
    ctx = report_context(report, index)
    numbers = find_numbers(text)
    matcher = Matcher(index, numbers)
    date_units = set(matcher.rules["date_units"])
    governing = periods.Governing(
        text,
        index,
        ctx.reference,
        ctx.year,
        ctx.doc_date,
        [n.start for n in numbers if n.unit not in date_units],
        report.meta.get("title", ""),
        matcher.rules["list_separator"],
    )
    screen = Screen(index, report.meta.get("title", ""))
    doc_year = ctx.doc_date.year if ctx.doc_date else ctx.year
    no_name, hotline_units = screen.no_name_reason, screen.hotline_units
    counties_listed = {s.code for s in ctx.sections if _has_counties(s.code)}  # a city's or province's parts
    observations, mentions, sentences = [], [], {}
    for k, n in enumerate(numbers):
        section = ctx.section_at(n.start)
        found = matcher.match(n)
        if found.indicator is None and section.code in counties_listed:
            found, section = _by_place(found, section, matcher, index, numbers, k)
        scope = ""
        bounds = index.sentence(n.start)
        if found.indicator is not None:
            county = Screen.county_level(section.code, section.district)
            why, scope = screen.judge(n, found.indicator, bounds, county, doc_year)
            if why:
                found = found._replace(indicator=None, reason=why)
        elif found.reason == no_name and n.unit in hotline_units and screen.in_hotline(n):
            found = found._replace(reason=screen.hotline_reason)
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
        listed = governing.listed(n.start, bounds[0]) if governing.list_ends else []
        for one in (ind, *found.also):
            for p in [p.as_of() if one.measure == "stock" else p for p in listed] or [period]:
                observations.append(
                    {
                        "file": report.file,
                        "district": section.district,
                        "district_code": section.code,
                        "indicator": one.code,
                        "value": value,
                        "value_high": value_high,
                        "unit": one.unit,
                        "qualifier": n.qualifier,
                        "period_start": p.start.isoformat() if p and p.start else "",
                        "period_end": p.end.isoformat() if p else "",
                        "period_label": p.label if p else "",
                        "period_source": p.source if p else "none",
                        "evidence": text[found.evidence_start : found.evidence_end],
                        "char_start": found.evidence_start,
                        "char_end": found.evidence_end,
                        "sentence": sentence,
                        "raw_unit": n.unit,
                        "rule": found.reason,
                        "scope": scope,
                        "confidence": confidence(found.reason, p.source if p else "none", scope),
                    }
                )
    return Extraction(report.file, observations, mentions, ctx.warnings)
