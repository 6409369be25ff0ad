"""HTML pieces for notebook output that reads well without Python.

Text from reports (evidence, sentences, titles, district names) is untrusted: every piece is
escaped here, and only here, before it reaches a page.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from ..langdata import labels

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


def table(frame: pd.DataFrame) -> str:
    """A plain table; every cell escaped."""
    return frame.to_html(index=False, escape=True, classes="gwfw-table", border=0, na_rep="—")


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
    from .analysis import marks, period_text, with_unit

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
        chars = words["messages"]["characters"]
        where = f"{source_text(r.file, sources)} · {r.file}, {chars} {r.char_start}–{r.char_end}"
        items.append(
            f"<li><b>{escape(head)}</b>{warn}<br>「{quoted}」<br>"
            f"<span class='gwfw-muted'>{escape(where)}{_link(url)}</span></li>"
        )
    return f'<ol class="gwfw-evidence">{"".join(items)}</ol>'
