"""Catalog fields that `gwfw add` reads from a report when the user did not give them, each with where it
was read, so the command can say so. A guess that is not certain is no guess: the district stops the file.

The words (kinds and their title words, the endings of government bodies' names) are in gwfw/langdata.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..extract import places
from .catalog import kinds
from .convert import Found, words
from .dates import find_date

TITLE_MAX_CHARS = 80  # a first line longer than this is a paragraph, not a title
SIGNATURE_LINES = 6  # the signing date is among the last lines of a report


def guess_kind(title: str, column: str) -> Found | None:
    """The first kind (in kinds.csv order) whose title words are in the title, else whose column words are in
    the page's column name."""
    for field, text, where in (
        ("title_words", title, "the title"),
        ("column_words", column, "the page's column"),
    ):
        for k in kinds():
            hits = [w for w in k.get(field, "").split("|") if w and w in text]
            if text and hits:
                return Found(k["kind"], f"{where} ({hits[0]} in {text})")
    return None


def text_fields(text: str) -> dict[str, Found]:
    """Title, signing date and signing body of a report without page metadata (PDF, Word, plain text)."""
    found: dict[str, Found] = {}
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    endings = tuple(words()["publisher_endings"])
    if len(lines) > 1 and len(lines[0]) <= 40 and lines[0].endswith(endings):  # the letterhead (红头)
        found["publisher"] = Found(lines[0], "the letterhead (the first line)")
        lines_for_title = lines[1:]
    else:
        lines_for_title = lines
    first = lines_for_title[0] if lines_for_title else ""
    if first and len(first) <= TITLE_MAX_CHARS and not first.endswith((":", "：")):  # not 「区委、区政府：」
        where = "the first line" if first == lines[0] else "the line under the letterhead"
        found["title"] = Found(first, f"{where} of the text")
    tail = lines[-SIGNATURE_LINES:]
    for i in range(len(tail) - 1, -1, -1):
        day = find_date(tail[i]) if len(tail[i]) <= 30 else None
        if day:
            found["published"] = Found(day, f"the signing date at the end ({tail[i]})")
            before = tail[i - 1] if i > 0 else ""
            if before and len(before) <= 40 and before.endswith(endings):
                found["publisher"] = Found(before, "the signature at the end")
            break
    return found


@dataclass(frozen=True)
class DistrictGuess:
    place: places.Place | None
    source: str  # where it was read, or what was found when not certain


def guess_district(sources: list[tuple[str, str]]) -> DistrictGuess:
    """The district from (where, text) pairs — publisher, site name, title — through the gazetteer: the
    longest names first, county-level units before cities. Certain only when every county-level name found
    is one and the same place (or, with none, every city); otherwise place is None and source says what
    was found."""
    context = " ".join(text for _, text in sources)
    counties: dict[str, list[str]] = {}
    cities: dict[str, list[str]] = {}
    unsure: list[str] = []
    by_name: dict[str, places.Place] = {}
    for where, text in sources:
        for start, end, candidates in places.find_places(text):
            name = text[start:end]
            place = places.resolve(name, context)[0] if len(candidates) > 1 else candidates[0]
            if place is None:
                unsure.append(f"{name} in {where} (several places have this name)")
                continue
            by_name[place.name] = place
            level = counties if place.level in ("county", "zone") else cities
            level.setdefault(place.name, []).append(f"{name} in {where} ({text})")
    for level in (counties, cities):
        if len(level) == 1 and not unsure:
            name, seen = next(iter(level.items()))
            return DistrictGuess(by_name[name], seen[0])
        if level or unsure:
            return DistrictGuess(
                None, "found " + "; ".join([s for group in level.values() for s in group] + unsure)
            )
    return DistrictGuess(
        None,
        "no place name in " + ", ".join(where for where, _ in sources)
        if sources
        else "the file states no title, publisher or site name to read it from",
    )
