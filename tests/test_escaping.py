"""Text taken from reports is untrusted: a report holding <script> must not put a script into a page."""

import nbformat
import papermill
from nbformat.v4 import new_code_cell, new_notebook

from gwfw.dataset.build import build, extract_folder
from gwfw.report import fragments as html

from .conftest import write_report

HOSTILE = (
    "<script>alert('x')</script>关于綦江区2022年二季度政务服务工作情况通报\n"
    "1—6月，<img src=x onerror=alert(1)>办结率98.33%，满意率99.99%<script>alert(2)</script>。\n"
)


def test_hostile_report_text_is_escaped_in_the_profile_page(tmp_path):
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    write_report(
        raw, "hostile.txt", HOSTILE.encode("utf-8"), title="2022年二季度通报<script>alert(3)</script>"
    )
    result = extract_folder(raw)
    assert any(o["indicator"] == "completion_rate" and "<img" in o["sentence"] for o in result.observations)
    build(raw, processed)
    # the profile notebook's own code, pointed at this data
    nb = new_notebook(
        cells=[
            new_code_cell(
                "from gwfw.report.views import Profile\n"
                f"view = Profile('綦江区', '2022Q2', folder={str(processed)!r})\n"
                "from IPython.display import display\n"
                "display(view.title()); display(view.indicators()); display(view.evidence())"
            )
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    source, executed = tmp_path / "in.ipynb", tmp_path / "out.ipynb"
    nbformat.write(nb, source)
    papermill.execute_notebook(str(source), str(executed), kernel_name="python3", progress_bar=False)
    page = tmp_path / "page.html"
    html.notebook_page(executed, page, "<script>alert(4)</script>")
    text = page.read_text(encoding="utf-8")
    assert "办结率98.33%" in text  # the evidence is there …
    assert "&lt;img src=x onerror=alert(1)&gt;" in text  # … as text
    ours = text.lower().count("<script>\n/* gwfw: a click on a column header")  # the page's sorting script
    assert ours == 1 and text.lower().count("<script") == ours and "<img src=x" not in text


def test_report_titles_and_links_from_the_catalog_are_escaped():
    import pandas as pd

    from gwfw.report import display

    row = pd.DataFrame(
        [
            {
                "district": "綦江区",
                "name_zh": "办结率",
                "shown": "98.33",
                "unit": "%",
                "period_label": "2022H1",
                "sentence": "办结率98.33%",
                "evidence": "办结率98.33%",
                "file": "a.txt",
                "char_start": 1,
                "char_end": 9,
                "stale": False,
                "alternatives": "",
                "conflict": False,
            }
        ]
    )
    sources = {
        "a.txt": {
            "title": "<b onmouseover=alert(1)>通报</b>",
            "publisher": "区政务办",
            "published": "2022-07-01",
            "url": "javascript:alert(2)",
        }
    }
    text = display.evidence(row, sources)
    assert "《&lt;b onmouseover=alert(1)&gt;通报&lt;/b&gt;》 · 区政务办 · 2022-07-01" in text
    assert "javascript:" not in text and "<b onmouseover" not in text
    sources["a.txt"]["url"] = 'https://example.gov.cn/x"onclick="alert(3)'
    text = display.evidence(row, sources)
    assert 'href="https://example.gov.cn/x&quot;onclick=&quot;alert(3)"' in text  # stays inside the attribute
