"""gwfw batch on two tiny notebooks: `good` prints its parameters and draws a figure, `bad` raises."""

import re
import shutil
from pathlib import Path

import pytest

from gwfw import paths
from gwfw.cli import main
from gwfw.compare import analysis
from gwfw.report import fragments as html
from gwfw.report.batch import output_name, plan_jobs, run_batch

FIXTURES = Path(__file__).parent / "fixtures_notebooks"
EVIL = "<script>alert(1)</script>"
PROMPT = re.compile(r"In(\s|&nbsp;)\[")  # nbconvert writes In\xa0[3]: before a code cell
GOOD_SOURCE = ('print(f"label={label}', "plt.subplots", "ax.plot", "# shown in the output", "# Parameters")


def plan(label=EVIL, with_bad=True, **extra):
    jobs = [("good", {"label": label, "quarter": "2022Q4", **extra})]
    return {"2022Q4": jobs + ([("bad", {"label": "x", "quarter": "2022Q4"})] if with_bad else [])}


def setup_folders(tmp: Path) -> Path:
    """A private notebooks folder (tests may edit it) and a data folder with one CSV."""
    shutil.copytree(FIXTURES, tmp / "notebooks")
    (tmp / "data").mkdir()
    (tmp / "data" / "observations.csv").write_text("district,value\n綦江区,1\n", encoding="utf-8")
    return tmp


def run(tmp: Path, plans=None, workers=1, **options) -> dict:
    results = run_batch(
        plans or plan(),
        notebooks=tmp / "notebooks",
        reports=tmp / "reports",
        data=tmp / "data",
        workers=workers,
        log=lambda line: None,
        **options,
    )
    return {r.job.notebook.stem: r for r in results}


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    """One run in two worker processes, shared by the tests that only read its outputs."""
    tmp = setup_folders(tmp_path_factory.mktemp("batch"))
    results = run(tmp, workers=2)
    return tmp / "reports", results


def test_outputs_manifests_and_index_exist(first_run):
    reports, results = first_run
    assert {k: r.status for k, r in results.items()} == {"good": "ok", "bad": "failed"}
    for name in (output_name("good", {"label": EVIL, "quarter": "2022Q4"}), "2022Q4_x_bad"):
        for suffix in (".ipynb", ".html", ".json"):
            assert (reports / "2022Q4" / f"{name}{suffix}").exists()
    index = read(reports / "index.html")
    assert (
        'href="2022Q4/2022Q4_x_bad.html"' in index
        and "2022Q4/2022Q4_script-alert%281%29-script_good.html" in index
    )
    assert results["good"].figures == 1


def test_a_failing_notebook_is_isolated_and_shows_where_it_failed(first_run):
    reports, results = first_run
    page = read(reports / "2022Q4" / "2022Q4_x_bad.html")
    assert "ValueError" in page and "fixture failure for 2022Q4" in page  # the error output
    assert 'href="#papermill-error-cell"' in page and 'id="papermill-error-cell"' in page
    assert "never reached" not in page
    assert "fixture failure for 2022Q4" in results["bad"].error
    status = read(reports / "status.html")  # the build log, linked from the index's footer
    rows = {row.split("</td>")[0]: row for row in status.split("<tr>")[2:]}
    bad_row = next(r for k, r in rows.items() if "2022Q4_x_bad.html" in k)
    good_row = next(r for k, r in rows.items() if "_good.html" in k)
    assert 'class="status failed"' in bad_row and "fixture failure for 2022Q4" in bad_row
    assert 'class="status ok"' in good_row
    assert "figures up to" in status  # the fixtures' data has no periods: the column says so with a dash
    index = read(reports / "index.html")
    assert "failed" in index and 'href="status.html"' in index  # the index: a mark and the footer only


def test_pages_hide_code_and_parameters_by_default(first_run):
    reports, _ = first_run
    page = read(reports / "2022Q4" / f"{output_name('good', {'label': EVIL, 'quarter': '2022Q4'})}.html")
    assert "label=&lt;script&gt;alert(1)&lt;/script&gt; quarter=2022Q4" in page  # printed output is kept
    assert "data:image/png;base64," in page  # the figure, embedded
    assert not PROMPT.search(page)
    for line in GOOD_SOURCE:
        assert line not in page


def test_show_code_keeps_code_but_not_the_parameter_cells(first_run, tmp_path):
    reports, _ = first_run
    executed = reports / "2022Q4" / f"{output_name('good', {'label': EVIL, 'quarter': '2022Q4'})}.ipynb"
    html.notebook_page(executed, tmp_path / "page.html", "title", show_code=True)
    page = read(tmp_path / "page.html")
    assert PROMPT.search(page) and "subplots" in page
    assert "# Parameters" not in page and "# shown in the output" not in page


def test_pages_are_offline_and_titled(first_run):
    reports, _ = first_run
    pages = [*reports.glob("2022Q4/*.html"), reports / "index.html"]
    assert len(pages) == 3
    for path in pages:
        page = read(path)
        assert 'src="http' not in page and 'href="http' not in page and "src='http" not in page
        assert not re.search(r"<script[^>]*\bsrc=", page) and not re.search(
            r"<link[^>]*stylesheet[^>]*http", page
        )
        assert '<html lang="zh-CN">' in page and re.search(r'<meta charset="utf-8"\s*/?>', page)
    bad = read(reports / "2022Q4" / "2022Q4_x_bad.html")
    assert "<title>x · 2022Q4 · 失败报告</title>" in bad


def test_data_from_parameters_is_escaped(first_run):
    reports, _ = first_run
    good = read(reports / "2022Q4" / f"{output_name('good', {'label': EVIL, 'quarter': '2022Q4'})}.html")
    index = read(reports / "index.html")
    for page in (good, index):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<script>alert" not in page
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; · 2022Q4 · 测试报告</title>" in good


def test_unchanged_reports_are_skipped_and_failed_ones_run_again(tmp_path):
    setup_folders(tmp_path)
    first = run(tmp_path)
    page = tmp_path / "reports" / "2022Q4" / f"{first['good'].job.name}.html"
    written = page.stat().st_mtime_ns
    second = run(tmp_path)
    assert second["good"].status == "skipped" and second["bad"].status == "failed"
    assert second["bad"].reason == "last run failed"
    assert second["bad"].seconds > 0 and page.stat().st_mtime_ns == written
    status = read(tmp_path / "reports" / "status.html")
    assert "skipped — up to date" in status and 'class="status failed"' in status


def test_changed_inputs_and_force_run_again(tmp_path):
    setup_folders(tmp_path)
    good = plan(with_bad=False)

    def again(plans=good, **options):
        result = run(tmp_path, plans, **options)["good"]
        return result.status, result.reason

    assert again() == ("ok", "new")
    assert again() == ("skipped", "")
    with open(tmp_path / "data" / "observations.csv", "a", encoding="utf-8") as f:
        f.write("荣昌区,2\n")  # new data bytes
    assert again() == ("ok", "changed: data")
    changed = plan(with_bad=False, extra=["a list parameter"])  # lists are not in the name: same page
    assert again(changed) == ("ok", "changed: parameters")
    notebook = tmp_path / "notebooks" / "good.ipynb"
    notebook.write_bytes(notebook.read_bytes().replace(b"draws one figure", b"draws a figure"))
    assert again(changed) == ("ok", "changed: notebook")
    assert again(changed) == ("skipped", "")
    assert again(changed, show_code=True) == ("ok", "changed: options")
    assert again(changed, show_code=True, force=True) == ("ok", "forced")
    assert len(list((tmp_path / "reports" / "2022Q4").glob("*.html"))) == 1


def test_a_kernel_that_fails_to_start_gets_one_retry(tmp_path, monkeypatch):
    import papermill

    setup_folders(tmp_path)
    real, calls = papermill.execute_notebook, []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("Kernel didn't respond in 60 seconds")
        return real(*args, **kwargs)

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    assert run(tmp_path, plan(with_bad=False))["good"].status == "ok" and len(calls) == 2

    def broken(*args, **kwargs):
        raise RuntimeError("Address already in use")

    monkeypatch.setattr(papermill, "execute_notebook", broken)
    result = run(tmp_path, plan(with_bad=False), force=True)["good"]
    assert result.status == "failed" and "Address already in use" in result.error and not result.has_page
    index, status = read(tmp_path / "reports" / "index.html"), read(tmp_path / "reports" / "status.html")
    assert "Address already in use" in status
    assert 'href="2022Q4/2022Q4_' not in index + status  # no stale page linked


def test_output_names_are_readable_and_safe():
    """Quarter, district name and kind of page: a file mailed alone still says what it is."""
    assert (
        output_name("20-district-profile", {"district": "綦江区", "quarter": "2022Q4"})
        == "2022Q4_綦江区_画像-profile"
    )
    assert (
        output_name(
            "30-compare-districts",
            {"districts": ["綦江区", "荣昌区"], "indicators": None, "quarter": "2022Q4"},
        )
        == "2022Q4_比较-comparison"
    )
    name = output_name("x", {"district": 'a/b:c*?<d>|"e', "quarter": "2022Q4"})
    assert name == "2022Q4_a-b-c-d-e_x" and not set(name) & set('\\/:*?"<>| ')  # Windows and zip safe


def test_plan_problems_are_reported_before_anything_runs(tmp_path):
    setup_folders(tmp_path)
    folders = dict(notebooks=tmp_path / "notebooks", reports=tmp_path / "reports", data=tmp_path / "data")
    with pytest.raises(FileNotFoundError, match="missing.ipynb: notebook not found"):
        plan_jobs({"2022Q4": [("missing", {"quarter": "2022Q4"})]}, **folders)
    twice = {
        "2022Q4": [
            ("good", {"districts": ["a"], "quarter": "2022Q4"}),
            ("good", {"districts": ["b"], "quarter": "2022Q4"}),
        ]
    }
    with pytest.raises(ValueError, match="share an output name"):
        plan_jobs(twice, **folders)


def test_cli_batch_all(tmp_path, monkeypatch, capsys):
    """`gwfw batch --all`: every quarter, newest first in the index, exit 1 listing the failure."""
    monkeypatch.setattr(paths, "NOTEBOOKS", FIXTURES)
    monkeypatch.setattr(paths, "REPORTS", tmp_path / "reports")
    monkeypatch.setattr(analysis, "quarters_in_data", lambda obs: ["2022Q3", "2022Q4"])

    def batch_plan(obs, quarter):
        if quarter == "2022Q4":
            return plan("甲")["2022Q4"]
        return [("good", {"label": "乙", "quarter": quarter})]

    monkeypatch.setattr(analysis, "batch_plan", batch_plan)
    code = main(["batch", "--all", "--workers", "1", "--show-code", "--zip"])
    out = capsys.readouterr().out.strip().splitlines()
    assert code == 1
    assert out[-1] == str(tmp_path / "reports" / "index.html")
    assert any(
        line.startswith("failed: ") and "2022Q4_x_bad.html" in line and "ValueError" in line for line in out
    )
    index = read(tmp_path / "reports" / "index.html")
    assert index.index("2022Q4") < index.index("2022Q3")
    assert "subplots" in read(tmp_path / "reports" / "2022Q3" / "2022Q3_乙_good.html")  # --show-code
    # the executed notebook's injected parameters read as written, not as \u escapes
    executed = read(tmp_path / "reports" / "2022Q3" / "2022Q3_乙_good.ipynb")
    assert 'label = \\"乙\\"' in executed and "\\\\u4e59" not in executed


def test_one_zip_per_quarter_holds_the_pages_and_an_index(tmp_path):
    import zipfile

    setup_folders(tmp_path)
    run(tmp_path, zips=True)
    archive = tmp_path / "reports" / "zip" / "2022Q4.zip"
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        index = z.read("index.html").decode("utf-8")
        page = z.read("2022Q4/2022Q4_script-alert(1)-script_good.html")
    assert sorted(names) == [
        "2022Q4/2022Q4_script-alert(1)-script_good.html",
        "2022Q4/2022Q4_x_bad.html",
        "index.html",
    ]
    assert page == (tmp_path / "reports" / "2022Q4" / "2022Q4_script-alert(1)-script_good.html").read_bytes()
    assert 'href="2022Q4/2022Q4_x_bad.html"' in index and "status.html" not in index  # no link out of the zip
    run(tmp_path, plan(with_bad=False), zips=True)
    first = archive.read_bytes()
    run(tmp_path, plan(with_bad=False), zips=True)
    assert archive.read_bytes() == first  # unchanged pages, the same zip


def test_a_failed_page_ends_at_the_failing_cell(tmp_path):
    """Sections after the error never ran: the page says so instead of showing empty headings."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    failing = new_code_cell(
        "view = Profile('綦江县', '2022Q4')",
        outputs=[
            new_output(
                "error",
                ename="ParameterError",
                evalue="district '綦江县' has no data",
                traceback=["ParameterError: district '綦江县' has no data; districts with data: 綦江区"],
            )
        ],
    )
    nb = new_notebook(
        cells=[
            new_markdown_cell("# 画像"),
            failing,
            new_markdown_cell("## 1. Latest figures"),
            new_code_cell("view.indicators()"),
        ]
    )
    nbformat.write(nb, tmp_path / "failed.ipynb")
    html.notebook_page(tmp_path / "failed.ipynb", tmp_path / "failed.html", "failed")
    page = read(tmp_path / "failed.html")
    assert "districts with data: 綦江区" in page and "画像" in page
    assert "Latest figures" not in page and "The report stopped here" in page


def test_editing_a_report_s_catalog_row_runs_again_the_pages_that_may_cite_it(tmp_path):
    setup_folders(tmp_path)
    (tmp_path / "raw").mkdir()
    catalog = tmp_path / "raw" / "catalog.csv"
    catalog.write_text(
        "file,district,publisher,kind,title,published,url,notes\n"
        "a.txt,綦江区,綦江区政务服务管理办公室,quarterly_bulletin,2022年二季度通报,2022-07-05,,\n",
        encoding="utf-8",
    )
    good = plan(with_bad=False)
    assert run(tmp_path, good)["good"].status == "ok"
    assert run(tmp_path, good)["good"].status == "skipped"
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace("二季度通报", "第二季度工作通报"), encoding="utf-8"
    )
    again = run(tmp_path, good)["good"]
    assert (again.status, again.reason) == ("ok", "changed: sources")


def test_a_page_s_sources_are_the_catalog_rows_of_its_districts_reports(tmp_path):
    import pandas as pd

    from gwfw.report.batch import cited_rows

    raw = tmp_path / "raw"
    raw.mkdir()
    header = "file,district,publisher,kind,title,published,url,notes\n"
    a = "a.txt,綦江区,,quarterly_bulletin,2022年二季度通报,2022-07-05,,\n"
    b = "b.txt,荣昌区,,annual_report,2022年法治政府建设报告,2023-01-16,,\n"
    obs = pd.DataFrame({"district": ["綦江区", "荣昌区"], "file": ["a.txt", "b.txt"]})
    pages = [{"district": "綦江区"}, {"district": "荣昌区"}, {"districts": ["綦江区", "荣昌区"]}]

    def digests(catalog: str) -> list[str]:
        (raw / "catalog.csv").write_text(header + catalog, encoding="utf-8")
        return [cited_rows(obs, raw, parameters) for parameters in pages]

    before = digests(a + b)
    after = digests(a + b.replace("2023-01-16", "2023-01-17"))
    assert [x != y for x, y in zip(before, after, strict=True)] == [False, True, True]
