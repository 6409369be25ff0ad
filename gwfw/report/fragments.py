"""HTML for people without Python: one page per executed notebook, and reports/index.html.

Pages work offline: figures are inline PNG, and templates/report.html.j2 drops the scripts nbconvert's
lab template loads from CDNs (require.js, MathJax, mermaid, widgets; nbconvert#754), which are slow or
blocked on many networks. Code is hidden unless asked for (papermill#130, nbconvert#155), and the
`parameters` / `injected-parameters` cells are removed: the notebooks print their own title block.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..dataset.files import write_text
from ..paths import PACKAGE

TEMPLATES = PACKAGE / "report" / "templates"
REMOVED_TAGS = ("parameters", "injected-parameters")
# papermill's banner is inline HTML that nbconvert's markdown renderer splits; a markdown link survives
FAILED_BANNER = (
    "运行出错，报告在此中断 · This report stopped with an error: "
    "[go to the failing cell](#papermill-error-cell)"
)
STOPPED_NOTE = (
    "*报告在此停止，以下各节未运行 · The report stopped here; the sections after this point did not run.*"
)


@cache
def exporter(show_code: bool = False):
    """One exporter per process and setting: building one costs about a second, reusing it ~0.1 s a page."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    hide = not show_code
    html = HTMLExporter(
        template_name="lab",
        template_file=str(TEMPLATES / "report.html.j2"),
        embed_images=True,
        exclude_input=hide,
        exclude_input_prompt=hide,
        exclude_output_prompt=hide,
        language_code="zh",
        require_js_url="",
        mathjax_url="",
        jquery_url="",
        jupyter_widgets_base_url="",
        widget_renderer_url="",
        mermaid_js_url="",
    )
    html.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags=REMOVED_TAGS, enabled=True), enabled=True
    )
    return html


def notebook_page(notebook: Path, page: Path, title: str, show_code: bool = False) -> int:
    """Write the HTML page of an executed (or failed) notebook; return how many figures it shows."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    nb.metadata["title"] = title  # the lab template escapes it into <title>
    for cell in nb.cells:
        if "papermill-error-cell-tag" in cell.metadata.get("tags", []) and "href=" in cell.source:
            cell.source = FAILED_BANNER
    failed = next(
        (
            i
            for i, cell in enumerate(nb.cells)
            if any(out.get("output_type") == "error" for out in cell.get("outputs", []))
        ),
        None,
    )
    if failed is not None:  # the sections after the failing cell never ran: no empty headings under the error
        nb.cells = nb.cells[: failed + 1] + [nbformat.v4.new_markdown_cell(STOPPED_NOTE)]
    body, _ = exporter(show_code).from_notebook_node(nb)
    # nbconvert accepts only ISO 639-1 codes; the page is Simplified Chinese as written in mainland China
    write_text(page, body.replace('<html lang="zh">', '<html lang="zh-CN">', 1))
    return sum(
        1
        for cell in nb.cells
        for out in cell.get("outputs", [])
        if any(m.startswith("image/") for m in out.get("data", {}))
    )


def page_title(notebook: Path, parameters: dict) -> str:
    """'綦江区 · 2022Q4 · 区县政务服务画像': parameters, quarter last, then the notebook's first heading."""
    import json

    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    heading = next(
        (
            line.lstrip("#").strip()
            for c in cells
            if c["cell_type"] == "markdown"
            for line in "".join(c["source"]).splitlines()
            if line.startswith("#")
        ),
        notebook.stem,
    )
    shown = [
        "、".join(map(str, v)) if isinstance(v, (list, tuple)) else str(v)
        for k, v in sorted(parameters.items(), key=lambda kv: kv[0] == "quarter")
        if v is not None
    ]
    return " · ".join([*shown, heading.split(" · ")[0]])


def show_parameters(parameters: dict) -> str:
    """{'districts': ['綦江区', '荣昌区'], 'indicators': None}
    -> 'districts: 綦江区、荣昌区 · indicators: 默认 …'."""

    def one(value):
        if isinstance(value, (list, tuple)):
            return "、".join(map(str, value))
        return "默认 / default" if value is None else str(value)

    return " · ".join(f"{key}: {one(value)}" for key, value in parameters.items() if key != "quarter")
