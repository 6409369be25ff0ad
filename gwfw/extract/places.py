"""China's administrative units with their codes: who a report or a section of it is about.

gwfw/langdata/divisions.csv is 民政部's table of every province-, prefecture- and county-level unit (its
header names the edition and the later changes); units abolished since stay, marked, because older reports
name them (渝北区 before 2025). gwfw/langdata/districts_extra.csv adds units without a 民政部 code
(development zones such as 重庆高新区) and short forms (石柱县). Names are matched longest first, so
沙坡头区 is never read as 坡头区.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from ..errors import LexiconError
from ..langdata import load_csv, load_yaml

MUNICIPALITIES = ("11", "12", "31", "50")  # province-level cities: their counties sit under the city itself
DIVISIONS = "divisions.csv"  # 民政部's table; its '#' lines name the edition


@dataclass(frozen=True, slots=True)
class Place:
    code: str  # six-digit administrative code, '' when it has none (some development zones)
    name: str
    level: str  # province | city | county | zone
    province: str
    city: str
    aliases: tuple[str, ...] = ()
    kind: str = ""  # 民政部's kind: 市辖区, 县, 县级市, 自治县, 旗 ... ('' for a zone)
    established: str = ""  # year-month a unit was set up after the base edition of divisions.csv, else ''
    abolished: str = ""  # year-month the unit was abolished, '' while in force


@cache
def places() -> tuple[Place, ...]:
    """民政部's units (by code), then the project's zones; extra aliases join the unit they name."""
    rows = {row["code"]: row for row in load_csv(DIVISIONS)}
    bad = [code for code in rows if not (len(code) == 6 and code.isdigit())]
    if bad:
        raise LexiconError(
            f"gwfw/langdata/{DIVISIONS}: code(s) {', '.join(bad)} are not six digits — fix them"
        )
    names = {code: row["name"] for code, row in rows.items()}
    out = {}
    for code, row in sorted(rows.items()):
        name = row["name"]
        info = {"kind": row["kind"], "established": row["established"], "abolished": row["abolished"]}
        prov = names.get(code[:2] + "0000", "")
        if code.endswith("0000"):
            out[code] = Place(code, name, "province", name, name, **info)
        elif code.endswith("00"):
            out[code] = Place(code, name, "city", prov, name, **info)
        else:
            city = prov if code[:2] in MUNICIPALITIES else names.get(code[:4] + "00", prov)
            out[code] = Place(code, name, "county", prov, city, **info)
    extra = []
    for row in load_csv("districts_extra.csv"):
        aliases = tuple(a for a in row.get("aliases", "").split("|") if a and a != row["name"])
        code = row.get("code", "")
        if code in out:
            out[code] = replace(out[code], aliases=tuple(dict.fromkeys(out[code].aliases + aliases)))
        else:
            extra.append(
                Place(
                    code,
                    row["name"],
                    "zone" if not code else "county",
                    row.get("province", ""),
                    row.get("city", ""),
                    aliases,
                )
            )
    return tuple(sorted(out.values(), key=lambda p: p.code)) + tuple(extra)


@cache
def by_code() -> dict[str, Place]:
    return {p.code: p for p in places() if p.code}


def _short_form(name: str, peoples: tuple[str, ...]) -> str:
    """An autonomous unit as texts often name it, its peoples left out (北川羌族自治县: 北川县;
    凉山彝族自治州: 凉山州), or '' when nothing would be left (鄂温克族自治旗) or it is no autonomous unit."""
    kind = next((k for k in ("自治县", "自治旗", "自治州") if name.endswith(k)), "")
    stem = name[: -len(kind)] if kind else ""
    while people := next((w for p in peoples for w in (p + "族", p) if stem.endswith(w) and len(w) > 1), ""):
        stem = stem[: -len(people)]
    return stem + kind[-1] if stem and len(stem) + len(kind) < len(name) else ""  # (some people left out)


@cache
def _short_forms() -> dict[str, Place]:
    """The autonomous units' short forms, for finding them in running text only: a catalog naming 北川县
    keeps its own spelling, as an unknown name does."""
    taken = {n for p in places() for n in (p.name, *p.aliases)}
    provinces = {p.name[:2] for p in places() if p.level == "province"}  # 「河南县级」 is no 河南县
    peoples = tuple(load_yaml("places.yaml")["peoples"])
    shorts = ((_short_form(p.name, peoples), p) for p in places())
    return {s: p for s, p in shorts if s and s not in taken and s[:-1] not in provinces}


@cache
def place_names() -> tuple[str, ...]:
    """Every name, alias and short form the gazetteer finds in running text."""
    return tuple(_name_index()[1])


@cache
def _name_index() -> tuple[dict, dict[str, list[Place]]]:
    """The place names as a prefix tree of dicts (a name ends where a node holds the key ''), and each
    name's places."""
    index: dict[str, list[Place]] = {}
    for p in places():
        for n in (p.name, *p.aliases):
            if len(n) >= 2:
                index.setdefault(n, []).append(p)
    index.update((short, [p]) for short, p in _short_forms().items())
    suffixes = tuple(load_yaml("places.yaml")["name_suffixes"])  # short forms (长寿) are ordinary words
    tree: dict = {}
    for name in index:
        if name.endswith(suffixes):
            node = tree
            for ch in name:
                node = node.setdefault(ch, {})
            node[""] = name
    return tree, index


def _name_at(text: str, i: int) -> tuple[int, list[Place]] | None:
    """The longest place name starting at text[i]: (its end, its candidates), or None."""
    tree, index = _name_index()
    node, j, found = tree.get(text[i]) if i < len(text) else None, i + 1, None
    while node is not None:
        if "" in node:
            found = (j, index[node[""]])
        node = node.get(text[j]) if j < len(text) else None
        j += 1
    return found


def find_places(text: str) -> Iterator[tuple[int, int, list[Place]]]:
    """Every place name in text, longest match first: (start, end, candidate places), one at a time, so
    a caller that needs only the first reads no further. Performance: the tree is walked in Python, where
    a regex of its thousands of names tries each first character in turn at every position."""
    tree, index = _name_index()
    i, size = 0, len(text)
    while i < size:
        node, j, found = tree.get(text[i]), i + 1, None
        while node is not None:
            if "" in node:
                found = (j, node[""])  # the longest so far
            node = node.get(text[j]) if j < size else None
            j += 1
        if found is None:
            i += 1
            continue
        yield i, found[0], index[found[1]]
        i = found[0]


@cache
def _before_name() -> tuple[str, tuple[str, ...], tuple[str, ...], frozenset[str]]:
    """The joiners, the suffixes of names, the time words (longest first) and their last characters."""
    lx = load_yaml("places.yaml")
    words = tuple(sorted(lx["name_place_time_words"], key=len, reverse=True))
    return lx["name_place_joiners"], tuple(lx["name_suffixes"]), words, frozenset(w[-1] for w in words)


def named_right_before(text: str, pos: int) -> tuple[str, list[Place]]:
    """The place whose name ends right before pos (maybe joined by name_place_joiners and time words), and
    its candidates: whose figure a name at pos gives (「荣昌区网上可办率」「顺德区本月办件量」). ('', [])
    when none."""
    joiners, suffixes, times, time_ends = _before_name()
    end = pos
    while True:
        while end > 0 and text[end - 1] in joiners:
            end -= 1
        if end == 0 or text[end - 1] not in time_ends:  # Performance: most names follow no time word
            break
        word = next((w for w in times if text.endswith(w, 0, end)), "")
        if not word:
            break
        end -= len(word)
    if not text.endswith(suffixes, 0, end):
        return "", []  # Performance: most names follow no place's suffix
    before = text[max(0, end - 12) : end]  # Performance: a place name is short
    for start, stop, candidates in find_places(before):
        if stop == len(before):
            return before[start:], candidates
    return "", []


def named_opening(text: str, start: int, end: int) -> tuple[str, list[Place]]:
    """The place whose name opens text[start:end] (a clause; after quotes and spaces), the last of a run of
    names (「重庆市綦江区…」 names 綦江区), and its candidates: whose figures the clause states
    (「重庆市“渝快办”平台全年办件量达3.2亿件」 in a report of 綦江区). ('', []) when none."""
    joiners, suffixes = _before_name()[:2]
    while start < end and text[start] in joiners:
        start += 1
    if start == end or text[start] not in _name_index()[0]:
        return "", []  # Performance: most clauses open with no letter a place's name starts with
    head = text[start : min(end, start + 16)]  # a run of two names is short
    if not any(s in head for s in suffixes):
        return "", []
    name, found, at = "", [], 0
    while (hit := _name_at(head, at)) is not None:  # Performance: names only where the run goes on
        name, found, at = head[at : hit[0]], hit[1], hit[0]
    return name, found


def resolve(name: str, context: str = "") -> tuple[Place | None, str]:
    """The place a catalog names, using context (publisher, title, text) to tell namesakes apart.

    Returns (place or None, warning text or '').
    """
    _, index = _name_index()
    candidates = [p for p in index.get(name.strip(), []) if name.strip() in (p.name, *p.aliases)]
    if not candidates:
        return None, f"'{name}' is not in the gazetteer: its figures keep that name with no district code"
    if len(candidates) == 1:
        return candidates[0], ""

    def score(p: Place) -> int:
        return sum(2 if w in context else 0 for w in (p.province, p.city) if w) + sum(
            1 for w in (p.province[:2], p.city[:2]) if w and w in context
        )

    ranked = sorted(candidates, key=score, reverse=True)
    if score(ranked[0]) > score(ranked[1]):
        return ranked[0], ""
    where = ", ".join(f"{p.province}{p.city} ({p.code})" for p in candidates)
    return (
        None,
        f"'{name}' names several places ({where}); the report does not say which — "
        "its district code is left empty",
    )


def contains(outer: Place, inner: Place) -> bool:
    """Is inner within outer (by administrative code, or by name for code-less zones)?"""
    if outer.code and inner.code:
        prefix = {"province": 2, "city": 4}.get(outer.level, 6)
        return inner.code[:prefix] == outer.code[:prefix] and inner.code != outer.code
    return bool(outer.name) and outer.name in (inner.province, inner.city)
