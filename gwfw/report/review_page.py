"""The review pages: a report's text with its figures highlighted in place, and the index of all reports.

Self-contained (no script, font or style from the internet) and safe: every piece of report text is
escaped, here or by Jinja's autoescaping. Figures may overlap (「231项“一件事一次办”集成服务」 holds two),
so the text is cut at every figure's and number's ends and each piece names all figures covering it
(`data-ids`): the pieces of one figure, joined, are exactly the text at its offsets.
"""

from __future__ import annotations

from functools import cache
from html import escape
from pathlib import Path
from urllib.parse import quote

from ..compare.analysis import format_value, period_text, with_unit
from ..dataset.files import write_text
from ..langdata import labels
from ..paths import PACKAGE
from .review import Figure, Review, Tables, words

TEMPLATES = PACKAGE / "report" / "templates"
# Light, clearly different backgrounds; a page's indicators take them in the order they first appear, so
# neighbouring figures differ (the same indicator has one colour on a page; the legend names them).
PALETTE = (
    "#a6cee3",
    "#fdbf6f",
    "#b2df8a",
    "#fb9a99",
    "#cab2d6",
    "#ffff99",
    "#8dd3c7",
    "#fccde5",
    "#bebada",
    "#d9d9d9",
    "#80b1d3",
    "#ccebc5",
)


@cache
def _env():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )


def colours(review: Review) -> dict[str, str]:
    """Indicator -> background on this page; past the palette, colours repeat with a dotted edge."""
    order = list(dict.fromkeys(f.indicator for f in sorted(review.figures, key=lambda f: f.start)))
    return {
        code: PALETTE[i % len(PALETTE)] + ("" if i < len(PALETTE) else ";outline:1px dotted #555")
        for i, code in enumerate(order)
    }


def _shown(f: Figure) -> str:
    try:
        value = format_value(float(f.value), f.qualifier)
    except ValueError:
        value = f.value
    return with_unit(value, f.unit)


def _tooltip(f: Figure) -> str:
    how = labels()["period_source_labels"].get(f.period_source, f.period_source)
    period = f"{period_text(f.period_label) or '—'} ({how})"
    parts = [f"{f.name_zh} ({f.indicator})", _shown(f), period, f.district, f"id {f.id}"]
    if f.row.get("source") in ("corrected", "added"):
        parts.append(f"{f.row['source']}: {f.row.get('note', '')}")
    return " · ".join(parts)


def annotated(review: Review) -> str:
    """The report text as HTML, every figure, rejected figure and unmapped number marked where it stands."""
    text = review.text
    items = [("fig", f.start, f.end, f) for f in review.figures]
    items += [
        ("rej", int(r["char_start"]), int(r["char_end"]), r) for r in review.rejected if r["char_start"]
    ]
    items += [("num", n.start, n.end, n) for n in review.numbers]
    items = [i for i in items if 0 <= i[1] < i[2] <= len(text)]
    cuts = sorted({0, len(text)} | {i[1] for i in items} | {i[2] for i in items})
    starts: dict[int, list] = {}
    for i in items:
        starts.setdefault(i[1], []).append(i)
    active: list = []
    first_piece: set[str] = set()
    out = []
    for a, b in zip(cuts, cuts[1:]):
        active = [i for i in active if i[2] > a] + starts.get(a, [])
        piece = escape(text[a:b])
        nums = [i[3] for i in active if i[0] == "num"]
        if nums:
            n = nums[0]
            kind = "miss" if n.miss else ("restated" if n.row["indicator"] else "unmapped")
            anchor = f' id="t-m-{n.start}"' if a == n.start and n.miss else ""
            piece = f'<span class="n {kind}"{anchor} title="{escape(n.reason)}">{piece}</span>'
        for r in (i[3] for i in active if i[0] == "rej"):
            title = f"已剔除 rejected: {r['indicator']} {r['value']} — {r.get('note', '')} (id {r['id']})"
            anchor = f' id="t-{escape(r["id"])}"' if a == int(r["char_start"]) else ""
            rid = escape(r["id"])
            piece = f'<del class="rej"{anchor} data-rejected="{rid}" title="{escape(title)}">{piece}</del>'
        figs = sorted((i[3] for i in active if i[0] == "fig"), key=lambda f: (f.end - f.start, f.start))
        if figs:
            inner = figs[0]
            anchor = ""
            if inner.id not in first_piece:
                first_piece.add(inner.id)
                anchor = f' id="t-{escape(inner.id)}"'
            ids = " ".join(f.id for f in figs)
            title = "\n".join(_tooltip(f) for f in figs)
            cls = (
                f"fig i-{inner.indicator}"
                + (" nested" if len(figs) > 1 else "")
                + (" low" if any(f.low_confidence for f in figs) else "")
            )
            piece = (
                f'<a class="{cls}"{anchor} href="#f-{escape(inner.id)}" data-ids="{escape(ids)}" '
                f'title="{escape(title)}">{piece}</a>'
            )
        out.append(piece)
    return "".join(out)


def _entry(f: Figure) -> dict:
    return {
        "id": f.id,
        "indicator": f.indicator,
        "name": f.name_zh,
        "value": _shown(f),
        "qualifier": labels()["qualifier_labels"].get(f.qualifier, f.qualifier),
        "period": period_text(f.period_label) or "—",
        "period_rule": labels()["period_source_labels"].get(f.period_source, f.period_source),
        "district": f.district,
        "rule": f.rule,
        "confidence": f.confidence,
        "low": f.low_confidence,
        "scope": f.row.get("scope", ""),
        "source": f.row.get("source", "extracted"),
        "note": f.row.get("note", ""),
        "conflict": f.row.get("conflict") == "True",
        "evidence": f.evidence,
        "line": f.correction_line(),
    }


def _styles(review: Review) -> str:
    return "\n".join(f".gwfw-review .i-{c}{{background:{bg}}}" for c, bg in colours(review).items())


def fragment(review: Review) -> str:
    """The review of one report as an HTML fragment: for the page and for JupyterLab."""
    legend = {f.indicator: f.name_zh for f in sorted(review.figures, key=lambda f: f.start)}
    return (
        _env()
        .get_template("review_fragment.html.j2")
        .render(
            r=review,
            L=words()["labels"],
            text=annotated(review),
            entries=[_entry(f) for f in review.figures],
            misses=review.misses,
            outcomes=review.outcomes,
            legend=list(legend.items()),
            counts=review.counts(),
            indicator_styles=_styles(review),
        )
    )


def page_name(file: str) -> str:
    return f"{Path(file).stem}.html"


def page(review: Review) -> str:
    title = review.catalog.get("title") or review.file
    return (
        _env()
        .get_template("review_page.html.j2")
        .render(title=title, body=fragment(review), L=words()["labels"])
    )


def index(reviews: list[Review], orphans: list[dict]) -> str:
    rows = [
        {
            "href": quote(page_name(r.file)),
            "file": r.file,
            "title": r.catalog.get("title", ""),
            "district": r.catalog.get("district", ""),
            **r.counts(),
        }
        for r in sorted(reviews, key=Review.need)
    ]
    return _env().get_template("review_index.html.j2").render(rows=rows, orphans=orphans, L=words()["labels"])


def write_reviews(
    out: Path, files: list[str] | None = None, processed: Path | None = None, raw: Path | None = None
) -> list[Path]:
    """reports/review/<report>.html for the files asked (all by default), and index.html for all."""
    tables = Tables(processed, raw)
    reviews = {f: tables.review(f) for f in tables.files()}
    wanted = [Path(f).name for f in files] if files else list(reviews)
    written = []
    for f in wanted:
        review = reviews.get(f) or tables.review(f)  # NotBuilt naming the file when it is unknown
        path = Path(out) / page_name(f)
        write_text(path, page(review))
        written.append(path)
    unplaced = [o for rows in tables.status.values() for o in rows if o["status"] != "applied"]
    write_text(Path(out) / "index.html", index(list(reviews.values()), unplaced))
    return written
