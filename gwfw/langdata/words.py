"""The site's words, Chinese first with English beside: the site_words of gwfw/langdata/labels.yaml."""

from __future__ import annotations

from functools import cache

from . import labels


@cache
def _labels() -> dict[str, tuple[str, str]]:
    return {key: (pair[0], pair[1]) for key, pair in labels()["site_words"].items()}


def zh(key: str, **values) -> str:
    return _labels()[key][0].format(**values)


def en(key: str, **values) -> str:
    return _labels()[key][1].format(**values)


def text(key: str, **values) -> str:
    """'同期比较 · Same period'; placeholders filled in both: text('first_report', district=…, period=…).

    >>> text("first_report", district="坡头区", period="2022")
    '坡头区：首份报告覆盖 2022 · 坡头区: first report covers 2022'
    """
    return f"{zh(key, **values)} · {en(key, **values)}"


def headers() -> dict[str, str]:
    """The tables' column names as a page shows them, English beside: '指标' -> '指标 · indicator'
    (a DataFrame keeps the short Chinese names, handy in code)."""
    keys = [*labels()["columns"], "missing"]
    return {zh(key): text(key) for key in keys if key in _labels()}
