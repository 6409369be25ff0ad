"""One report in, its figures out: every number becomes a mention; those that measure an indicator
also become observations, each with its district, period and the exact text it came from."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from .breakdown import part_name, parts_by_sum
from .by_place import PlaceBreakdown, has_counties
from .confidence import confidence
from .context import report_context
from .governing import Governing
from .list_rules import item_scope
from .matcher import Matcher, figure_units
from .names import BEFORE_SUBJECT, TOPIC
from .numerals import find_numbers
from .places import named_opening, named_right_before
from .restated import restated
from .scope import Screen
from .script import simplified
from .tables import Tables
from .text_index import TextIndex


def other_unit(index: TextIndex, found, code: str, own_words: tuple[str, ...]) -> str:
    """Why a figure named right after another unit's name (「荣昌区网上可办率」「重庆市全程网办率」 in a
    report of 綦江区), or in a clause that opens with it (「重庆市“渝快办”平台全年办件量…」), or after a
    clause that does in its sentence (「德清县网上可办率达100%，全程网办率达92%」), is not the district's,
    or ''. own_words: the district's own subjects (我县, 全县, its hall), which end an earlier one's reach."""
    text, start = index.text, found.evidence_start
    name, candidates = named_right_before(text, start)
    if not candidates and (clause_start := index.clause(start)[0]) < start:
        name, candidates = named_opening(text, clause_start, start)
    if not candidates:
        name, candidates = _subject_before(index, start, found.evidence_end, own_words)
    if not candidates or any(p.code == code for p in candidates):
        return ""
    return f"unmapped: {name}'s figure, not the district's {found.indicator.code}"


def _subject_before(index: TextIndex, start: int, end: int, own_words: tuple[str, ...]) -> tuple[str, list]:
    """The place opening a clause before start's in its sentence (within context_back_chars), when neither
    that clause nor any after it up to the figure's end names the district's own subject (「…，我区为92%」);
    ('', []) when none."""
    text, back = index.text, index.rules["context_back_chars"]  # (how far back a subject is read)
    s_start, c_start = max(index.sentence(start)[0], start - back), index.clause(start)[0]
    if any(w in text[max(c_start, start - back) : end] for w in own_words):
        return "", []
    while c_start > s_start:
        p_start = index.clause(c_start - 1)[0]
        if any(w in text[p_start:c_start] for w in own_words):
            return "", []
        if (opening := named_opening(text, p_start, c_start - 1))[1]:
            return opening
        c_start = p_start
    return "", []


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


def extract(report: Report) -> Extraction:
    source = report.text  # what the rows quote; the rules read it in simplified script (same offsets)
    report = replace(report, text=simplified(source))
    text = report.text
    index = TextIndex(text)
    ctx = report_context(report, index)
    numbers = find_numbers(text)
    matcher = Matcher(index, numbers, report.meta.get("title", ""))
    date_units = set(matcher.rules["date_units"])
    # the figures that make a period opening a paragraph frame it (「2019年，中心搬迁至新址，面积达1.2万
    # 平方米。」 dates an event: its area is no figure of an indicator), and a wider area's word reach on
    units = figure_units()
    figures = [n.start for n in numbers if n.unit not in date_units and n.unit in units]
    governing = Governing(
        text,
        index,
        ctx.reference,
        ctx.year,
        ctx.doc_date,
        figures,
        report.meta.get("title", ""),
        matcher.rules["list_separator"],
        ctx.now,
    )
    screen = Screen(index, report.meta.get("title", ""), figures=figures)
    doc_year = ctx.doc_date.year if ctx.doc_date else ctx.year
    no_name, hotline_units = screen.no_name_reason, screen.hotline_units
    trim = (*screen.breakdown_words, *screen.wide_words)
    own_words = (*screen.wide_words, *matcher.rules["programme_clause_stops"])  # 我县, 全县, its hall
    unit_names = (screen.p.department, screen.p.place, screen.p.item_place)  # whose an item of a list is
    counties_listed = {s.code for s in ctx.sections if has_counties(s.code)}  # a city's or province's parts
    by_place = PlaceBreakdown(index, matcher, numbers)
    tables = Tables(index, matcher, numbers)
    observations, mentions, sentences, mention_of = [], [], {}, []
    only = ctx.sections[0] if len(ctx.sections) == 1 else None  # Performance: most reports have one
    for k, n in enumerate(numbers):
        section = own = only or ctx.section_at(n.start)
        owners: tuple = ()  # the counties sharing a mapped figure of a city's report, when more than one
        bounds = index.sentence(n.start)
        cell = tables.match(k, n, section) if k in tables.cells else None  # 「评价数 | …」 over 「12563 | …」
        found, section = cell or (matcher.match(n, bounds), section)
        item = found.item_end >= 0  # one item of a list sharing a name (「A镇、B镇办件量分别为…」)
        by_county = cell is None and section.code in counties_listed  # (a table's row said whose it is)
        if by_county and found.indicator is None:
            found, section = by_place.match(found, section, k)
            if found.indicator is not None:  # 「从主动评价率看，綦江区、荣昌区达到100%」
                owners = by_place.shared(own, k)
                section = owners[0] if owners else section
        elif by_county:  # 「其中：东兴市共受理838件」 in a city's report: the county's
            if item:
                section = by_place.item(section, found)
            else:
                owners = by_place.shared(section, k)  # 「綦江区、荣昌区…均为100%」: each county's
                section = owners[0] if owners else by_place.subject(section, k, found.evidence_start)
        if found.indicator is not None:
            by_place.note(n, found.indicator)
        scope = ""
        if found.indicator is not None:
            county = Screen.county_level(section.code, section.district)
            clause_start = index.clause(n.start)[0]  # a subject in the figure's own clause names its scope
            named_here = found.reason in BEFORE_SUBJECT or (
                found.reason == TOPIC and found.evidence_start >= clause_start
            )
            scope_from = clause_start if named_here else -1
            why, scope = screen.judge(
                n, found.indicator, bounds, county, doc_year, found.screen_from, section.district, scope_from
            )
            if not why and item:  # the item says whose figure it is, and of what
                why, scope = item_scope(index, found, section.code, trim, unit_names)
            elif not why and county and section.code and section is own:  # (a county's, read from its name)
                why = other_unit(index, found, section.code, own_words)
            if why:
                if screen.seen.get(key := (bounds[0], found.indicator.code)) == n.start:
                    del screen.seen[key]  # no whole that a 其中 after it breaks down (「全市…，其中我区…」)
                found = found._replace(indicator=None, reason=why)
            elif section is not own and (scope.startswith("part:") or by_place.names_counties(scope)):
                scope = ""  # a county's, in its city's breakdown (「其中…汉滨区52.4万件」「各区县…荣昌区…」)
            elif scope.startswith("part:") and (
                name := part_name(index, numbers, found.evidence_start, found.indicator.code)
            ):
                scope = f"part:{name}"  # the part's own name (「其中窗口受理…」: part:窗口)
        elif found.reason == no_name and n.unit in hotline_units and screen.zones.governs("hotline", n.start):
            found = found._replace(reason=screen.hotline_reason)  # (the codebook keeps a hotline's words out)
        period = governing.at(found.item_end if item else n.start, bounds[0])  # 「2022年、2023年…分别」
        # a section under a heading dated after the report (「五、2024年重点工作」 in a report of 2023) is a
        # plan (a later year in the figure's own sentence is a target already: scope.py, plans.py)
        if found.indicator is not None and period is not None and period.source == "section":
            if period.start and ctx.doc_date and period.start > ctx.doc_date:
                why = f"unmapped: a target for {found.indicator.code}, in a section dated after the report"
                found = found._replace(indicator=None, reason=why)
        ind = found.indicator
        if ind is not None and period is not None and period.source == "sentence":
            period = governing.event_dated_at(n.start, period, ind.measure == "stock")
        if ind is not None and period is not None and ind.measure == "stock":
            period = period.as_of()
        if ind is not None and period is None:  # no figure to compare: in no period a reader could place it
            why = f"unmapped: {ind.code} of no period (none in its text, no published date in the catalog)"
            found, ind = found._replace(indicator=None, reason=why), None
        if bounds not in sentences:
            sentences[bounds] = source[bounds[0] : bounds[1]].strip()
        sentence = tables.context(k, source) if cell else sentences[bounds]
        value = number_text(n.value)
        value_high = "" if n.value_high is None else number_text(n.value_high)
        period_label = period.label if period else ""
        mentions.append(
            {
                "file": report.file,
                "district": section.district,
                "district_code": section.code,
                "char_start": n.start,
                "char_end": n.end,
                "text": source[n.start : n.end],
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
        listed = governing.listed(n.start, bounds[0]) if governing.list_ends and not item else []
        for owner, one in ((o, i) for o in owners or (section,) for i in (ind, *found.also)):
            for p in [p.as_of() if one.measure == "stock" else p for p in listed] or [period]:
                observations.append(
                    {
                        "file": report.file,
                        "district": owner.district,
                        "district_code": owner.code,
                        "indicator": one.code,
                        "value": value,
                        "value_high": value_high,
                        "unit": one.unit,
                        "qualifier": n.qualifier,
                        "period_start": p.start.isoformat() if p and p.start else "",
                        "period_end": p.end.isoformat() if p else "",
                        "period_label": p.label if p else "",
                        "period_source": p.source if p else "none",
                        "evidence": source[found.evidence_start : found.evidence_end],
                        "char_start": found.evidence_start,
                        "char_end": found.evidence_end,
                        "sentence": sentence,
                        "raw_unit": n.unit,
                        "rule": found.reason,
                        "scope": scope,
                        "confidence": confidence(found.reason, p.source if p else "none", scope),
                    }
                )
                mention_of.append(len(mentions) - 1)
    parts_by_sum(observations, index)
    observations = restated(observations, mentions, mention_of)
    return Extraction(report.file, observations, mentions, ctx.warnings)
