"""What a report is about: its date, its reference period, and whose figures each part holds."""

from __future__ import annotations

import bisect
import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from typing import TYPE_CHECKING

from ..langdata import load_yaml
from . import periods
from . import places as gazetteer
from .layout import heading_at, numbered_lines
from .name_patterns import rules
from .text_index import TextIndex

if TYPE_CHECKING:  # rows imports this module
    from .rows import Report

_OPENING_CHARS = 2000  # where a text's first line is looked for first (see _first_line)


@cache
def _date(year_required: bool) -> re.Pattern:
    """「2023年1月16日」, the date a report is signed (the year required), or 「1月2日」 in running text (the
    year optional), with the words of periods.yaml."""
    lx = load_yaml("periods.yaml")
    words = {part: re.escape(word) for part, word in lx["date_words"].items()}
    centuries = "|".join(re.escape(c) for c in lx["year_centuries"])
    return re.compile(
        rf"""
        (?:((?:{centuries})\d\d) {words["year"]}){"" if year_required else "?"}  # the year: 2023年
        (?<!\d)(1[0-2]|0?[1-9]) {words["month"]}  # the month: 1月 or 01月, not the end of a longer number
        ([1-3]?\d) {words["day"]}                 # the day: 16日
        """,
        re.VERBOSE,
    )


def _names_its_own_days(text: str, doc_date: date) -> bool:
    """Does the text name a day of its own month up to its date (「1月2日，区政务服务大厅正式开放」 in an
    item of 3 January)? Then it tells of those days, not of the year just ended. Its date on a line of its
    own (a date line: nothing after it but a time or a weekday) is no such day."""
    for m in _date(year_required=False).finditer(text):
        if (m[1] is None or int(m[1]) == doc_date.year) and int(m[2]) == doc_date.month:
            day = int(m[3])
            if 1 <= day < doc_date.day or (day == doc_date.day and not _date_line_rest(text, m.end())):
                return True
    return False


def _date_line_rest(text: str, pos: int) -> bool:
    """Does the line end at pos, but for a time (「10:30」) or a weekday (「星期四」)?"""
    end = text.find("\n", pos)
    rest = text[pos : end if end >= 0 else len(text)].strip()
    return not rest or rest[0].isdigit() or rest.startswith(tuple(load_yaml("dates.yaml")["weekday_words"]))


@dataclass(frozen=True)
class Section:
    start: int
    end: int
    district: str
    code: str


@dataclass(frozen=True)
class ReportContext:
    doc_date: date | None
    reference: periods.Period | None
    year: int | None
    sections: tuple[Section, ...]
    warnings: tuple[str, ...]
    now: date | None = None  # the date 目前 means (Governing)

    def section_at(self, pos: int) -> Section:
        if len(self.sections) == 1:
            return self.sections[0]
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.sections[max(i, 0)]

    @cached_property
    def starts(self) -> list[int]:
        return [s.start for s in self.sections]


def _iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def without_trailing_note(line: str) -> str:
    """A stripped line without the bracketed note that ends it: 「2023年1月16日（此件公开发布）」.

    The same as re.sub(r"[(（][^)）]*[)）]\\s*$", "", line), but linear in the line: that regex rereads
    the rest of the line from every opening bracket, quadratic in a line of thousands of them.
    """
    if not line.endswith((")", "）")):
        return line
    last_close = max(line.rfind(")", 0, -1), line.rfind("）", 0, -1))
    opens = [i for i in (line.find("(", last_close + 1), line.find("（", last_close + 1)) if i >= 0]
    return line[: min(opens)] if opens else line


# The date a government site writes into a page's address, as its publishing systems do: a file named
# t20231215_123.html, folders /art/2023/2/1/, /2023-10/18/, /202302/17/, or a month's folder /202312/.
_URL_DATE = re.compile(
    r"""
    /t(?P<y1>20\d\d)(?P<m1>\d\d)(?P<d1>\d\d)_                 # a file named by its full date
    | /art/(?P<y2>20\d\d)/(?P<m2>\d{1,2})/(?P<d2>\d{1,2})(?=/)    # year / month / day folders
    | /(?P<y3>20\d\d)-?(?P<m3>\d\d)/(?P<d3>\d\d)(?=/)            # a month's folder, then its day's
    | /(?P<y4>20\d\d)(?P<m4>\d\d)(?=/)                           # a month's folder alone
    """,
    re.VERBOSE,
)


def url_date(url: str) -> date | None:
    """The date in a page's address (the day a month's folder holds is unknown: its last), or None.

    >>> url_date("http://www.cqjb.gov.cn/zwgk_190/202503/t20250328_14452968.html")
    datetime.date(2025, 3, 28)
    >>> url_date("https://www.example.gov.cn/xxgk/202312/4ab1a26c.shtml"), url_date("https://example.cn/a.html")
    (datetime.date(2023, 12, 31), None)
    """
    found = list(_URL_DATE.finditer(url))
    if not found:
        return None
    parts = {k[0]: int(v) for k, v in found[-1].groupdict().items() if v}  # (the page's own, not a column's)
    try:
        return date(parts["y"], parts["m"], parts.get("d") or monthrange(parts["y"], parts["m"])[1])
    except ValueError:
        return None


_YEAR = re.compile(r"(20\d\d)年")  # a year as a report writes it


def _catalog_date(report: Report) -> date | None:
    """The catalog's date, else its address's, unless the text names a later year: a page filed under an
    older column's folders (a report on 2025 at …/202208/…) is dated by nothing there."""
    published = _iso(report.meta.get("published", ""))
    if published:
        return published
    found = url_date(report.meta.get("url", ""))
    if found is None:
        return None
    later = (y for y in map(int, _YEAR.findall(report.text)) if y > found.year)
    return None if next(later, None) else found


def document_date(report: Report) -> date | None:
    """The date the report was signed (a short line ending in a full date, or holding one in brackets, or the
    line under a speech's title), else the catalog's, else the one its address holds."""
    limit, full_date = rules()["signature_max_chars"], _date(year_required=True)
    if not full_date.search(report.text):  # Performance: most texts hold no full date; one search says so
        return _catalog_date(report)
    for line in reversed(report.text.splitlines()):
        if not full_date.search(line):  # nor in any part of it
            continue
        # a date alone in brackets under a title is the report's too: 「（2024年10月22日）」
        line = line.strip()
        line = without_trailing_note(line).strip() or line.strip("()（）")
        m = full_date.search(line)
        if m and len(line) <= limit and (m.end() == len(line) or _speech_line(line, m)):
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue
    return _catalog_date(report)


def _speech_line(line: str, m: re.Match) -> bool:
    """Does the line open with the date m found, and where a speech was delivered (rules' speech_line)?"""
    speech = rules()["speech_line"]
    opening = len(line) - len(line.lstrip(speech["opening_marks"]))
    return m.start() == opening and line.startswith(speech["after_date"], m.end())


def _year_just_ended(doc_date: date, text: str) -> periods.Period | None:
    """A report dated in the first days of January speaks of the year just ended (「今年，中心取号量33.5万个」
    in a review published on 8 January): that year, when the report states no period of its own and names
    no day of its own month (_names_its_own_days)."""
    if doc_date.month == 1 and doc_date.day <= periods.lexicon()["year_previous_until_day"]:
        if not _names_its_own_days(text, doc_date):
            return periods.Period(date(doc_date.year - 1, 1, 1), date(doc_date.year - 1, 12, 31), "")
    return None


def _year_reviewed(title: str, doc_date: date, titled: periods.PeriodMention | None) -> periods.Period | None:
    """The year before, for a government work report delivered early in a year (periods.yaml review_titles),
    unless its title names an earlier period (「2021年度四季度政府工作报告任务进展情况」: its own quarter).
    titled: the first period the title names, or None."""
    review, new_year = periods.lexicon()["review_titles"], date(doc_date.year, 1, 1)
    if titled is not None and (titled.period.start or titled.period.end) < new_year:
        return None
    if doc_date.month <= review["until_month"] and any(w in title for w in review["words"]):
        return periods.Period(date(doc_date.year - 1, 1, 1), date(doc_date.year - 1, 12, 31), "")
    return None


def _plan_period(text: str, doc_date: date | None = None) -> periods.Period | None:
    """「“十二五”期间」: the five-year plan text names first, as its years; since it began (「“十四五”以来」),
    up to the report's date."""
    lx = periods.lexicon()
    plans = lx["plan_periods"]
    named = [(text.find(w), w) for w in plans["first_years"] if w in text]
    if not named:
        return None
    at, word = min(named)
    first = plans["first_years"][word]
    end = date(first + plans["years"] - 1, 12, 31)
    since = text[at + len(word) :].lstrip(rules()["quote_chars"]).startswith(tuple(lx["since_words"]))
    return periods.Period(date(first, 1, 1), min(end, doc_date) if since and doc_date else end, "")


def _first_line(text: str) -> str:
    """The first line that is not blank. Performance: read from the text's opening when the line ends there,
    not from all of its lines."""
    lines = text[:_OPENING_CHARS].splitlines()
    k = next((k for k, line in enumerate(lines) if line.strip()), len(lines))
    if k < len(lines) - 1:  # a whole line, ended inside the opening
        return lines[k]
    return next((line for line in text.splitlines() if line.strip()), "")


def _year_reported(report: Report, doc_date: date, index: TextIndex) -> periods.Period | None:
    """A news item of the first months of a year whose text first names the year just ended, or its end
    (「截至2023年年底」 in a results list of 20 February 2024): that year. Words for now (「当前位置」 of a
    page's path) restate the publication date and are passed over."""
    if doc_date.month > periods.lexicon()["year_report_until_month"]:
        return None
    last = date(doc_date.year - 1, 12, 31)
    year = doc_date.year  # 今年: the publication's year
    for found in periods.find_periods(report.text, year, doc_date, None, index.period_phrases):
        if not index.is_masked(found.start) and found.period != periods.Period(None, doc_date, ""):
            return periods.Period(date(last.year, 1, 1), last, "") if found.period.end == last else None
    return None


def _dates_event(text: str, found: periods.PeriodMention, stop: int) -> bool:
    """Does the phrase date an event (「中心于2007年7月成立」「中心成立于2007年」): a word of one after it,
    before stop, or right before it? Then it is no period the report is about (a profile's founding year)."""
    after = periods.event_words().search(text, found.end, stop) is not None
    return after or text.endswith(periods.event_then(), 0, found.start)


def _plan_span(text: str, found: periods.PeriodMention) -> bool:
    """Does the phrase follow a plan's name (「三年行动方案(2021-2023年)」)? Then it is the plan's span."""
    lx = periods.lexicon()
    before = text[max(0, found.start - 8) : found.start].rstrip(lx["plan_span_brackets"])
    return before.endswith(tuple(lx["plan_span_after"]))


def reference_period(report: Report, doc_date: date | None, index: TextIndex) -> periods.Period | None:
    """The period a figure gets when its own text names none."""
    if doc_date and report.meta.get("kind", "") in rules()["as_of_publication_kinds"]:
        reported = _year_reported(report, doc_date, index)
        if reported:
            return periods.with_label(reported, "document_text")
        period = _year_just_ended(doc_date, report.text) or periods.Period(None, doc_date, "")
        return periods.with_label(period, "publication_date")
    title = report.meta.get("title") or _first_line(report.text)
    titled = next(
        (
            found
            for found in periods.find_periods(title, None, doc_date, None)
            if report.meta.get("title") or not _dates_event(title, found, len(title))  # (a first line)
        ),
        None,
    )
    if doc_date and (reviewed := _year_reviewed(title, doc_date, titled)):
        return periods.with_label(reviewed, "document_title")
    if titled:
        return periods.clip(titled.period, doc_date, "document_title")
    for found in periods.find_periods(report.text, None, doc_date, None, index.period_phrases):
        if index.is_masked(found.start) or _dates_event(index.text, found, index.sentence(found.start)[1]):
            continue
        if _plan_span(index.text, found):  # 「…三年行动方案(2021-2023年)」 in a report of 2021
            continue
        if doc_date is None or found.period.end <= doc_date:
            return periods.clip(found.period, doc_date, "document_text")
    if plan := _plan_period(title, doc_date):  # 「“十二五”概述」: a report on a plan's five years
        return periods.with_label(plan, "document_title")
    if doc_date is None and (plan := _plan_period(report.text)):
        return periods.with_label(plan, "document_text")
    if doc_date:
        period = _year_just_ended(doc_date, report.text) or periods.Period(
            date(doc_date.year, 1, 1), doc_date, ""
        )
        return periods.with_label(period, "publication_date")
    return None


def sections(report: Report, index: TextIndex) -> tuple[tuple[Section, ...], tuple[str, ...]]:
    """Split a city-wide report into its districts' numbered sections; the rest stays the city's."""
    name = report.district
    start = report.text[: rules()["place_context_chars"]]
    context = " ".join([report.meta.get("publisher", ""), report.meta.get("title", ""), start])
    place, warning = gazetteer.resolve(name, context)
    whole = Section(0, len(report.text), name, place.code if place else "")
    warnings = (f"{report.file}: {warning}",) if warning else ()
    if place is None or place.level not in ("province", "city"):
        return (whole,), warnings
    heads, chars = numbered_lines(report.text), rules()["section_heading_chars"]
    out, cursor = [], 0
    for i, (start, opened, level) in enumerate(heads):
        if start < cursor:  # (a heading inside a county's section)
            continue
        # the county opening the heading's own line: 「（一）雨城区。…」, not 「二、各县（市、区）情况」
        heading = report.text[opened : opened + chars].split("\n", 1)[0].lstrip()
        found = next(gazetteer.find_places(heading), None)
        if found is None or found[0]:
            continue
        inner = next((p for p in found[2] if gazetteer.contains(place, p)), None)
        if inner is None:
            continue
        # below the top level, a list's item may open with a county (「（三）宣汉县主动评价率最高，…」): a
        # section's heading is a heading line, or closes the county's name (「（一）雨城区。区政务服务中心…」)
        closed = heading[found[1] : found[1] + 1] in rules()["section_name_ends"]
        if level > 1 and not closed and heading_at(report.text, start, report.meta.get("title", "")) is None:
            continue
        end = next((s for s, _, lv in heads[i + 1 :] if lv <= level), len(report.text))
        if cursor < start:
            out.append(Section(cursor, start, whole.district, whole.code))
        out.append(Section(start, end, inner.name, inner.code))
        cursor = end
    if cursor < len(report.text):
        out.append(Section(cursor, len(report.text), whole.district, whole.code))
    return tuple(out), warnings


def _written_now() -> tuple[str, ...]:
    """Words opening a title that count from the day it was written (去年, 今年): periods.yaml
    publication_relative_years."""
    return tuple(periods.lexicon()["publication_relative_years"])


def report_context(report: Report, index: TextIndex) -> ReportContext:
    doc_date = document_date(report)
    ref = reference_period(report, doc_date, index)
    year = None if ref is None else ref.end.year  # 今年: the year the report's period ends (「三年来」)
    now = ref.end if ref else doc_date  # what 目前 and 「…以来」 run to: the end of what the report covers
    news = report.meta.get("kind", "") in rules()["as_of_publication_kinds"]
    if doc_date and ref and ref.end.year < doc_date.year and not news:
        # 「去年，厦门…办件量超16万件」: a title written in the publication's year, as news is
        heads = (report.meta.get("title", ""), _first_line(report.text).strip())
        news = any(h.startswith(_written_now()) for h in heads)
    if news and doc_date and ref and ref.source == "document_text":
        year = doc_date.year  # news on the year just ended (_year_reported): its 今年 is still its own year
        now = doc_date  # ... and its 目前 its own date (「目前，中心进驻471个事项」)
    parts, warnings = sections(report, index)
    return ReportContext(doc_date, ref, year, parts, warnings, now)
