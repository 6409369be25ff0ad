"""HTML pieces for notebook output that reads well without Python.

Text from reports (evidence, sentences, titles, district names) is untrusted: every piece is
escaped here, and only here, before it reaches a page.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from ..langdata import labels
from ..langdata.words import headers

STYLE = """<style>
.gwfw-title{border-left:4px solid #1b6ca8;padding:8px 14px;margin:8px 0 16px 0;background:#f5f8fb}
.gwfw-title h2{margin:0 0 8px 0;font-size:1.35em}
.gwfw-title table.gwfw-facts td,.jp-RenderedHTMLCommon .gwfw-title table.gwfw-facts td{
  text-align:left;padding:2px 14px 2px 0;border:0;background:none}
.gwfw-title table.gwfw-facts{margin:0}
.gwfw-note{border-left:4px solid #e07b39;background:#fdf5ee;padding:6px 12px;margin:6px 0}
.gwfw-note ul{margin:4px 0}
table.gwfw-table{border-collapse:collapse;font-size:0.9em;margin:4px 0}
table.gwfw-table th,table.gwfw-table td,
.jp-RenderedHTMLCommon table.gwfw-table th,.jp-RenderedHTMLCommon table.gwfw-table td{
  border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:middle;line-height:1.5}
table.gwfw-table th{background:#f0f0f0}
.gwfw-evidence li{margin:6px 0}.gwfw-evidence mark{background:#ffe58a}
.gwfw-warn{color:#9b1c1c;font-weight:600}
.gwfw-curated{color:#1b4f72;background:#eef5fb;padding:0 4px;font-size:0.92em}
.gwfw-muted{color:#666;font-size:0.85em}.gwfw-empty{font-size:0.95em;font-style:italic}
.gwfw-key span{display:inline-block;margin:2px 10px 2px 0;white-space:nowrap}
.gwfw-key i{display:inline-block;width:0.9em;height:0.9em;margin-right:4px;vertical-align:-1px;
  border-radius:2px}
.gwfw-absent{border-left:4px solid #adb5bd;background:#f6f7f8;padding:4px 12px;margin:6px 0}
.gwfw-absent ul{margin:2px 0;padding-left:1.2em}
.gwfw-figure{margin:8px 0;overflow-x:auto}.gwfw-figure img{max-width:100%;height:auto}
@media (max-width:700px){.gwfw-figure img{max-width:none;width:620px}}
table.gwfw-table th{white-space:nowrap}table.gwfw-sortable td:first-child{white-space:nowrap}
.gwfw-figure figcaption{color:#555;font-size:0.85em}
.gwfw-downloads{font-size:0.85em;margin:2px 0 10px 0}
.gwfw-scroll{overflow-x:auto;max-width:100%}
table.gwfw-sortable th{cursor:pointer}
details.gwfw-fold{margin:4px 0}details.gwfw-fold>summary{cursor:pointer;font-weight:600;padding:2px 0}
</style>"""


def html(text: str):
    from IPython.display import HTML

    return HTML(STYLE + text)


def title_block(title: str, parameters: dict[str, object], facts: dict[str, str]) -> str:
    """The box at the top of a page: what is compared, for which quarter, and how recent the data is."""
    rows = "".join(
        f"<tr><td>{escape(str(k))}</td><td><b>{escape(_show(v))}</b></td></tr>" for k, v in parameters.items()
    )
    rows += "".join(
        f"<tr><td>{escape(str(k))}</td><td>{escape(_show(v))}</td></tr>" for k, v in facts.items()
    )
    return f'<div class="gwfw-title"><h2>{escape(title)}</h2><table class="gwfw-facts">{rows}</table></div>'


def _show(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return labels()["list_joiner"].join(map(str, value))
    return labels()["parameters"]["default"] if value is None else str(value)


def notes(items: list[str], heading: str | None = None) -> str:
    if not items:
        return ""
    lis = "".join(f"<li>{escape(n)}</li>" for n in items)
    heading = labels()["messages"]["read_with_care"] if heading is None else heading
    return f'<div class="gwfw-note"><b>{escape(heading)}</b><ul>{lis}</ul></div>'


def muted(text: str) -> str:
    """A plain remark ('nothing to show here'): unlike notes(), no warning colour (kept for caveats)."""
    return f"<p class='gwfw-muted gwfw-empty'>{escape(text)}</p>"


def table(frame: pd.DataFrame, sortable: bool = False) -> str:
    """A plain table; every cell escaped. A sortable one sorts by a click on its header (the page's script)
    and scrolls sideways on a phone instead of widening the page."""
    classes = "gwfw-table gwfw-sortable" if sortable else "gwfw-table"
    frame = frame.rename(columns=headers())  # Chinese first, English beside
    out = frame.to_html(index=False, escape=True, classes=classes, border=0, na_rep="—")
    return f'<div class="gwfw-scroll">{out}</div>' if sortable else out


def figure(fig, alt: str, caption: str = "") -> str:
    """A chart as an <img> with alt text saying what it shows (nbconvert writes none for a figure)."""
    import base64
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    data = base64.b64encode(buffer.getvalue()).decode()
    cap = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return (
        f'<figure class="gwfw-figure"><img alt="{escape(alt, quote=True)}" '
        f'src="data:image/png;base64,{data}">{cap}</figure>'
    )


def fold(summary: str, body: str, open_: bool = False) -> str:
    """A collapsed block (<details>): the reader opens what they want to read."""
    return (
        f'<details class="gwfw-fold"{" open" if open_ else ""}><summary>{escape(summary)}</summary>'
        f"{body}</details>"
    )


def colour_key(districts, colour_of) -> str:
    """The districts of a page with their colours, as every chart of every page draws them."""
    chips = "".join(
        f'<span data-district="{escape(d, quote=True)}" data-colour="{colour_of(d)}">'
        f'<i style="background:{colour_of(d)}"></i>{escape(d)}</span>'
        for d in districts
    )
    return f'<div class="gwfw-key">{chips}</div>'


def absent(lines: list[str], heading: str) -> str:
    """Districts without a figure, one line each saying why: nothing disappears without a word."""
    if not lines:
        return ""
    lis = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return f'<div class="gwfw-absent"><b>{escape(heading)}</b><ul>{lis}</ul></div>'


def source_text(file: str, sources: dict[str, dict]) -> str:
    """'《title》 · publisher · 2023-01-16' from the catalog row of a report, or the file name alone."""
    row = sources.get(file) or {}
    parts = [
        f"《{row['title']}》" if row.get("title") else "",
        row.get("publisher", ""),
        row.get("published", ""),
    ]
    return " · ".join(p for p in parts if p) or file


def _link(url: str) -> str:
    """A link to the report online (a plain link: the page loads nothing from it); only http(s) addresses."""
    if not url.startswith(("http://", "https://")):
        return ""
    text = escape(labels()["messages"]["original"])
    return f' <a href="{escape(url, quote=True)}" rel="noopener noreferrer">{text}</a>'


def evidence(rows: pd.DataFrame, sources: dict[str, dict] | None = None) -> str:
    """Each figure shown, with the sentence it came from, the exact evidence marked, and its report."""
    from ..compare.analysis import marks, period_text, with_unit

    sources = sources or {}
    words = labels()
    items = []
    for r in rows.itertuples(index=False):
        sentence = str(r.sentence)
        at = sentence.find(str(r.evidence))
        if at >= 0:
            quoted = (
                escape(sentence[:at])
                + "<mark>"
                + escape(str(r.evidence))
                + "</mark>"
                + escape(sentence[at + len(str(r.evidence)) :])
            )
        else:  # evidence spanning a line break: show it beside the sentence
            quoted = escape(sentence) + " — <mark>" + escape(str(r.evidence)) + "</mark>"
        head = f"{r.district} · {r.name_zh} · {with_unit(r.shown, r.unit)} ({period_text(r.period_label)})"
        found = marks(r._asdict())
        note = str(getattr(r, "note", "") or "") if getattr(r, "source", "") in ("corrected", "added") else ""
        if note:  # the researcher's reason, quoted under the report's sentence
            said = escape(words["messages"]["researcher_note"])
            quoted += f"<br><span class='gwfw-curated'>{said}：「{escape(note)}」</span>"
        warn = f" <span class='gwfw-warn'>{escape(words['marks_joiner'].join(found))}</span>" if found else ""
        url = (sources.get(r.file) or {}).get("url", "")
        where = source_text(r.file, sources)
        items.append(
            (
                f"{r.name_zh} · {getattr(r, 'name_en', '')}".rstrip(" ·"),
                f"<li><b>{escape(head)}</b>{warn}<br>「{quoted}」<br>"
                f"<span class='gwfw-muted'>{escape(where)}{_link(url)}</span></li>",
            )
        )
    groups: dict[str, list[str]] = {}
    for name, item in items:
        groups.setdefault(name, []).append(item)
    return "".join(
        fold(f"{name} ({len(lis)})", f'<ol class="gwfw-evidence">{"".join(lis)}</ol>')
        for name, lis in groups.items()
    )


def provenance(rows: pd.DataFrame, dataset: str) -> str:
    """Where each figure sits in its report file (character offsets) and which dataset the page was made
    from: for whoever checks a figure against the raw text; collapsed, out of the reader's way."""
    cols = ["district", "name_zh", "shown", "file", "char_start", "char_end"]
    frame = rows[cols].rename(
        columns={
            "district": "区县 district",
            "name_zh": "指标 indicator",
            "shown": "数值 value",
            "file": "文件 file",
            "char_start": "起 start",
            "char_end": "止 end",
        }
    )
    body = f"<p class='gwfw-muted'>{escape(dataset)}</p>" + table(frame.drop_duplicates(), sortable=True)
    return fold("出处与版本 · Provenance (files, character offsets, dataset)", body)
