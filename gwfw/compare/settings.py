"""The site settings in gwfw/langdata/site.yaml: districts compared every quarter and their colours.

A district's colour depends on the settings file only, never on which districts a page shows, so a
reader who learns 荣昌区 is orange on one page finds it orange on every other page.
"""

from __future__ import annotations

import hashlib
from functools import cache

from ..errors import LexiconError
from ..langdata import load_yaml


@cache
def site() -> dict:
    data = load_yaml("site.yaml")
    names = list(data["compare"]) + list(data["order"])
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise LexiconError(f"gwfw/langdata/site.yaml: {', '.join(twice)} listed twice in compare/order")
    if len(names) > len(data["palette"]):
        raise LexiconError(
            f"gwfw/langdata/site.yaml: {len(names)} districts in compare/order but "
            f"{len(data['palette'])} colours in palette — add colours"
        )
    return data


def compared_districts() -> tuple[str, ...]:
    return tuple(site()["compare"])


def district_order() -> list[str]:
    return list(site()["compare"]) + list(site()["order"])


def colour_of(district: str) -> str:
    """The colour of a district on every page: its place in compare + order, else one of `others` by name.

    >>> colour_of("綦江区"), colour_of("荣昌区")
    ('#1f77b4', '#e8590c')
    """
    order = district_order()
    if district in order:
        return site()["palette"][order.index(district)]
    others = site()["others"]
    return others[int(hashlib.sha256(district.encode()).hexdigest(), 16) % len(others)]


def sort_districts(districts) -> list[str]:
    """Districts in the settings' order (then the others by name): positions fixed across pages."""
    order = {d: k for k, d in enumerate(district_order())}
    return sorted(dict.fromkeys(districts), key=lambda d: (order.get(d, len(order)), d))


def page_kind(notebook: str) -> str:
    """The word a page's file name carries for its notebook ('画像-profile'), else the notebook's name."""
    return str(site()["pages"].get(notebook, notebook))
