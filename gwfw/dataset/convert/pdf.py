"""PDF reports -> text, through pdfplumber (MIT, on pdfminer.six): its ruled-table finder gives each table
row's cells, so a figure stays on the line of its row label; pypdfium2 reads text faster but has no cells.

Lines that a page wraps mid-sentence are joined back into paragraphs (a line that reaches the right margin
continues on the next line unless that one is indented), so 「申\\n请17件」 does not split a phrase; page
numbers alone on a line are dropped. A PDF without a text layer (a scan) is refused: OCR is not part of gwfw.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from functools import cache

from . import TABLE_SEPARATOR, Converted, ConvertError, words

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@cache
def _page_number() -> re.Pattern:
    """A page number alone on its line: 「- 3 -」「— 3 —」「3」「第3页 共12页」「3/12」."""
    w = words()["page_number_words"]
    before, after, total = (re.escape(w[k]) for k in ("before", "after", "total"))
    return re.compile(
        rf"""
        [\s\-—–]*                          # dashes around it
        (?:{before}\s*)?\d+\s*(?:{after})?   # the number, perhaps as 第3页
        (?:\s*(?:/|{total})\s*\d+\s*(?:{after})?)?  # 「/12」 or 「共12页」
        [\s\-—–]*
        """,
        re.VERBOSE,
    )


def _join(a: str, b: str) -> str:
    """Two pieces of one paragraph: no space between Chinese characters, one between other words."""
    if not a or not b:
        return a + b
    return a + b if _CJK.match(a[-1]) or _CJK.match(b[0]) else f"{a} {b}"


def _cell(text: str | None) -> str:
    parts = [p.strip() for p in (text or "").splitlines() if p.strip()]
    out = ""
    for p in parts:
        out = _join(out, p)
    return out


def _page_items(page) -> list[tuple[float, str, object]]:
    """The page's text lines and tables, top to bottom: (top, 'line' | 'table', line dict | rows)."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    rest = page.filter(outside) if boxes else page
    items = [(ln["top"], "line", ln) for ln in rest.extract_text_lines(strip=True, return_chars=False)]
    items += [(t.bbox[1], "table", t.extract()) for t in tables]
    return sorted(items, key=lambda item: item[0])


def _paragraphs(
    items: list[tuple[float, str, object]], out: list[str], open_paragraph: bool, margins: tuple[float, float]
) -> bool:
    """Add a page's lines to `out` as paragraphs: a line ending near the right margin continues on an
    unindented next line, on this page or the next. Returns whether the last paragraph is still open."""
    left, right = margins
    lines = [i for i, (_, kind, _) in enumerate(items) if kind == "line"]
    ends = {lines[0], lines[-1]} if lines else set()  # where a page's header or footer stands
    for i, (_, kind, item) in enumerate(items):
        if kind == "table":
            rows = (TABLE_SEPARATOR.join(c for c in map(_cell, row) if c) for row in item)
            out.extend(r for r in rows if r)
            open_paragraph = False
            continue
        text = item["text"].strip()
        if not text or (i in ends and _page_number().fullmatch(text)):
            continue
        width = (item["x1"] - item["x0"]) / max(len(text), 1)  # about one character
        indented = item["x0"] > left + 0.8 * width
        if open_paragraph and not indented and out:
            out[-1] = _join(out[-1], text)
        else:
            out.append(text)
        open_paragraph = item["x1"] >= right - 1.5 * width
    return open_paragraph


def _most_common(values, default: float) -> float:
    """The value most lines share (to the point), or the default when no two lines share one."""
    counts = Counter(round(v) for v in values)
    best = max(counts, key=lambda v: (counts[v], v), default=None)
    return float(best) if best is not None and counts[best] > 1 else default


def convert_pdf(data: bytes, name: str) -> Converted:
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = list(pdf.pages)
    except Exception as exc:  # pdfplumber wraps pdfminer's errors, which share no base class
        causes = " ".join(type(e).__name__ for e in (exc, *exc.args) if isinstance(e, BaseException))
        if "Password" in causes or "Encrypt" in causes:
            raise ConvertError(
                f"{name}: the PDF is locked with a password — save an unprotected copy (or print it to PDF) "
                "and add that"
            ) from None
        raise ConvertError(f"{name}: not a readable PDF (damaged or cut short) — download it again") from None
    paragraphs: list[str] = []
    no_text: list[int] = []
    open_paragraph = False
    with pdf:
        pages_items = []
        for number, page in enumerate(pages, start=1):
            if page.chars:
                pages_items.append(_page_items(page))
            else:
                no_text.append(number)
    # the text block's margins over the whole document (a page of short lines has no full line): where most
    # lines start, and where most lines end, since the wrapped lines of paragraphs all end at the margin
    lines = [item for items in pages_items for _, kind, item in items if kind == "line"]
    margins = (
        _most_common((ln["x0"] for ln in lines), min((ln["x0"] for ln in lines), default=0.0)),
        _most_common((ln["x1"] for ln in lines), float("inf")),
    )  # no shared line end: no line wraps
    for items in pages_items:
        open_paragraph = _paragraphs(items, paragraphs, open_paragraph, margins)
    if not paragraphs:
        raise ConvertError(
            f"{name}: a scanned PDF with no text layer ({len(pages)} page(s) of images) — gwfw does "
            "not do OCR: find the report as a web page, a text PDF or a Word file"
        )
    notes = []
    if no_text:
        notes.append(
            f"PDF pages without a text layer (scans), their text is missing: {', '.join(map(str, no_text))}"
        )
    return Converted("\n".join(paragraphs) + "\n", {}, f"PDF, {len(pages)} page(s)", notes)
