"""HTML pieces for notebook output that reads well without Python.

Text from reports (evidence, sentences, titles, district names) is untrusted: every piece is
escaped here, and only here, before it reaches a page.
"""
from __future__ import annotations

from html import escape

import pandas as pd

STYLE = """<style>
.gwfw-title{border-left:4px solid #1b6ca8;padding:6px 12px;margin:8px 0;background:#f5f8fb}
.gwfw-title h1{margin:0 0 6px 0;font-size:1.6em}.gwfw-title td{padding:1px 10px 1px 0}
.gwfw-note{border-left:4px solid #e07b39;background:#fdf5ee;padding:6px 12px;margin:6px 0}
.gwfw-table{border-collapse:collapse;font-size:0.9em}.gwfw-table th,.gwfw-table td{border:1px solid #ddd;padding:3px 8px;text-align:left}
.gwfw-table th{background:#f0f0f0}.gwfw-evidence li{margin:4px 0}.gwfw-evidence mark{background:#ffe58a}
.gwfw-muted{color:#666;font-size:0.85em}
</style>"""


def html(text: str):
    from IPython.display import HTML

    return HTML(STYLE + text)


def title_block(title: str, parameters: dict[str, object], facts: dict[str, str]) -> str:
    rows = "".join(f"<tr><td>{escape(str(k))}</td><td><b>{escape(_show(v))}</b></td></tr>"
                   for k, v in {**parameters, **facts}.items())
    return f'<div class="gwfw-title"><h1>{escape(title)}</h1><table>{rows}</table></div>'


def _show(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "、".join(map(str, value))
    return "（默认 / default）" if value is None else str(value)


def notes(items: list[str], heading: str = "Read with care") -> str:
    if not items:
        return ""
    lis = "".join(f"<li>{escape(n)}</li>" for n in items)
    return f'<div class="gwfw-note"><b>{escape(heading)}</b><ul>{lis}</ul></div>'


def table(frame: pd.DataFrame) -> str:
    """A plain table; every cell escaped."""
    return frame.to_html(index=False, escape=True, classes="gwfw-table", border=0, na_rep="—")


def grid(frame: pd.DataFrame) -> str:
    """A table with a labelled index (the coverage matrix); every cell escaped."""
    return frame.to_html(escape=True, classes="gwfw-table", border=0, na_rep="—")


def evidence(rows: pd.DataFrame) -> str:
    """Each figure shown, with the sentence it came from and the exact evidence marked."""
    items = []
    for r in rows.itertuples(index=False):
        sentence = str(r.sentence)
        at = sentence.find(str(r.evidence))
        if at >= 0:
            quoted = (escape(sentence[:at]) + "<mark>" + escape(str(r.evidence)) + "</mark>"
                      + escape(sentence[at + len(str(r.evidence)):]))
        else:  # evidence spanning a line break: show it beside the sentence
            quoted = escape(sentence) + " — <mark>" + escape(str(r.evidence)) + "</mark>"
        head = f"{r.district} · {r.name_zh} · {r.shown} {r.unit} ({r.period_label})"
        source = f"{r.file}, characters {r.char_start}–{r.char_end}"
        items.append(f"<li><b>{escape(head)}</b><br>「{quoted}」 <span class='gwfw-muted'>{escape(source)}</span></li>")
    return f'<ol class="gwfw-evidence">{"".join(items)}</ol>'
