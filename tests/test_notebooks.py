"""The notebooks: committed clean and thin, and what they show when papermill runs them on the seed data."""

import json
import os
import re
import shutil

import nbformat
import papermill
import pytest

from gwfw import paths

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))


def test_there_are_the_four_notebooks():
    assert [p.stem for p in NOTEBOOKS] == [
        "00-start-here",
        "20-district-profile",
        "30-compare-districts",
        "40-peer-group",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_clean_and_thin(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c["outputs"] and c["execution_count"] is None for c in code), "strip the outputs"
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1 and tagged[0] is code[0]
    for cell in code:
        src = "".join(cell["source"])
        assert not re.search(r"^\s*(def|class) |re\.compile|\.\./", src, flags=re.M), (
            f"logic belongs in gwfw:\n{src}"
        )


@pytest.fixture(scope="module")
def seeds_project(tmp_path_factory, seeds_data):
    """A copy of the project whose data/ holds the seeds alone. The notebooks read the package's own
    data/processed, which holds more reports than the seeds; the kernel imports this copy of gwfw
    (PYTHONPATH comes before the editable install), so the pages below show the seeds' figures."""
    root = tmp_path_factory.mktemp("seeds-project")
    shutil.copytree(paths.PACKAGE, root / "gwfw", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(paths.NOTEBOOKS, root / "notebooks")
    shutil.copytree(seeds_data.parent, root / "data")
    return root


def _run(tmp_path, stem, root, **parameters):
    """Run a notebook with papermill on the seeds project (or, with root=paths.ROOT, on data/processed)."""
    out = tmp_path / f"{stem}.ipynb"
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(root) + (os.pathsep + saved if saved else "")
    try:
        papermill.execute_notebook(
            str(root / "notebooks" / f"{stem}.ipynb"),
            str(out),
            parameters=parameters,
            kernel_name="python3",
            progress_bar=False,
            cwd=str(tmp_path),
        )
    finally:
        if saved is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = saved
    return nbformat.read(out, as_version=4)


def _outputs(nb) -> str:
    parts = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            parts.append(data.get("text/html", "") + data.get("text/plain", "") + o.get("text", ""))
    return "\n".join(parts)


def _images(nb) -> int:
    """Charts: figures shown as <img> with alt text (and any plain image output)."""
    raw = sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
    return raw + _outputs(nb).count('src="data:image/png;base64,')


def _alts(nb) -> list[str]:
    return re.findall(r'<img alt="([^"]*)" src="data:image/png', _outputs(nb))


def test_comparison_2022q2_shows_qijiang_completion_rate_with_period_and_evidence(tmp_path, seeds_project):
    nb = _run(tmp_path, "30-compare-districts", seeds_project, quarter="2022Q2")
    text = _outputs(nb)
    assert "98.33% (2022H1)" in text  # the latest figures: value, unit and the period it comes from
    assert "1364 项 (截至 2022-05-31)" in text  # a stock: its unit and the date it describes
    assert "办结率98.33%" in text  # the evidence, quoted from the sentence
    assert "<mark>" in text
    assert (
        "《关于綦江区2022年二季度政务服务工作情况通报》" in text
    )  # the report, named as the catalog names it
    # 坡头区 is compared every quarter: it stays in the title and says why it has no figure
    assert "綦江区、荣昌区、坡头区 · 2022Q2" in text and "坡头区: first report covers 2022" in text
    assert "no period shared by two districts" in text and _images(nb) == 0  # nothing like with like
    assert "the other indicators have one period per district" in text  # no trend to draw: said so


def test_comparison_runs_on_the_projects_own_data(tmp_path):
    """On data/processed (every report of data/raw), the page cites reports beyond the seeds."""
    from gwfw import load_observations
    from gwfw.compare import analysis

    from .conftest import SEEDS

    known = analysis.as_of(load_observations(), "2022Q4", analysis.DEFAULT_DISTRICTS)
    others = set(known["file"]) - {p.name for p in SEEDS.glob("*.txt")}
    assert others, "data/raw has reports beyond the seeds on the three districts"
    text = _outputs(_run(tmp_path, "30-compare-districts", paths.ROOT, quarter="2022Q4"))
    assert all(d in text for d in analysis.DEFAULT_DISTRICTS) and "<mark>" in text
    assert any(name in text for name in others)


def test_comparison_2022q4_compares_like_with_like(tmp_path, seeds_project):
    nb = _run(tmp_path, "30-compare-districts", seeds_project, quarter="2022Q4")
    text = _outputs(nb)
    same, latest = text.index("2022Q4_same-period_同期比较.csv"), text.index("2022Q4_latest_最新数据.csv")
    # the same-period table: 荣昌区 and 坡头区 side by side for 2022, 綦江区 said to lack the indicator
    row = re.search(
        r"<td>即办件占比</td>\s*<td>2022</td>\s*<td>—</td>\s*<td>45.23%</td>\s*<td>99%</td>", text
    )
    assert row and row.start() < same < latest and "綦江区（未报告）" in text
    alts = _alts(nb)
    assert all(alts) and len(alts) == _images(nb)  # every chart has its alt text
    bars = [a for a in alts if a.startswith("条形图")]
    assert len(bars) >= 2 and any("即办件占比（2022）：荣昌区 45.23%、坡头区 99%" in a for a in bars)
    assert sum(a.startswith("小多图") for a in alts) >= 5  # a trend chart per indicator
    assert "Read with care" in text and "广东省" in text
    assert "98 项 (截至 2021-07-14) ⚠ 过旧 stale" in text  # a stale value says so where it is shown
    assert "<details" in text and "Provenance" in text  # offsets and files folded away


def test_pages_show_no_codes_reprs_or_raw_timestamps(tmp_path, seeds_project):
    for stem, params in [
        ("30-compare-districts", {"quarter": "2022Q4"}),
        ("20-district-profile", {"district": "荣昌区", "quarter": "2022Q4"}),
    ]:
        text = _outputs(_run(tmp_path, stem, seeds_project, **params))
        text = re.sub(r"base64,[A-Za-z0-9+/=]+", "base64,", text)  # charts and downloads: not for reading
        for noise in (
            "NaN",
            "00:00:00",
            "<td>exact</td>",
            "<td>more_than</td>",
            "<td>document_title</td>",
            "<td>sentence</td>",
            "as of 20",
            "<td>...</td>",
            "Timestamp(",
        ):
            assert noise not in text, (stem, noise)
        assert "<td>据报告标题</td>" in text and "<td>句中写明</td>" in text


def test_profile_shows_every_indicator_and_change(tmp_path, seeds_project):
    nb = _run(tmp_path, "20-district-profile", seeds_project, district="荣昌区", quarter="2022Q4")
    text = _outputs(nb)
    assert "平均跑动次数" in text and "0.08 次" in text and "0.15 次" in text  # 2021 and 2022
    assert _images(nb) == 1 and _alts(nb)[0].startswith("折线图：荣昌区")
    assert (
        "<th>区县 · district</th>" not in text and "<th>指标 · indicator</th>" in text
    )  # one district: no column repeating its name
    # the earlier figure drawn under "change over time" is quoted too, not only the latest one
    assert "<mark>平均跑动次数仅为0.15次</mark>" in text


def test_invalid_parameters_stop_at_the_first_cell_with_valid_values(tmp_path, seeds_project):
    with pytest.raises(papermill.PapermillExecutionError) as err:
        _run(tmp_path, "20-district-profile", seeds_project, district="綦江县", quarter="2022Q4")
    assert "ParameterError" in str(err.value) and "綦江区" in str(err.value)
    nb = nbformat.read(tmp_path / "20-district-profile.ipynb", as_version=4)
    failed = [
        i
        for i, c in enumerate(nb.cells)
        if any(o.get("output_type") == "error" for o in c.get("outputs", []))
    ]
    first_code_after_parameters = next(
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code"
        and "injected-parameters" not in c.metadata.get("tags", [])
        and "parameters" not in c.metadata.get("tags", [])
    )
    assert failed == [first_code_after_parameters]
    error = next(o for o in nb.cells[failed[0]].outputs if o.output_type == "error")
    # a reader without Python sees the message, not a traceback through gwfw's code
    assert (
        len(error.traceback) == 1
        and "綦江区" in error.traceback[0]
        and "analysis.py" not in error.traceback[0]
    )


def test_start_here_runs_for_its_own_district_and_takes_out_a_table_and_a_chart(tmp_path, seeds_project):
    nb = _run(tmp_path, "00-start-here", seeds_project, district="荣昌区")
    text = _outputs(nb)
    assert "online_case_rate" in text and "荣昌区" in text
    assert "綦江区" not in text  # every cell follows the parameter
    assert "荣昌区-2022Q4.xlsx" in text and "荣昌区-2022Q4.csv" in text  # saved for Excel
    assert _images(nb) >= 1  # the retitled chart


def test_rendered_comparison_page_is_offline_and_hides_code(tmp_path, seeds_project):
    from gwfw.report import fragments as html

    _run(tmp_path, "30-compare-districts", seeds_project, quarter="2022Q4")
    html.notebook_page(tmp_path / "30-compare-districts.ipynb", tmp_path / "page.html", "2022Q4")
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc=", page) and not re.search(r"""src=["']?(https?:)?//""", page)
    assert page.count("<script") == 1 and "gwfw-sortable" in page  # the inline sorting script, no CDN
    assert page.count("data:image/png;base64,") >= 2  # the charts, embedded
    # links to the reports online are plain links a reader may follow; they load nothing
    assert re.search(r'<a href="http://rongchang\.gov\.cn/[^"]+" rel="noopener noreferrer">', page)
    assert "from gwfw import" not in page and "injected-parameters" not in page
