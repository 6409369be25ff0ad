"""The notebooks: committed clean and thin, and what they show when papermill runs them on the seed data."""

import json
import re

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


def _run(tmp_path, stem, **parameters):
    out = tmp_path / f"{stem}.ipynb"
    papermill.execute_notebook(
        str(paths.NOTEBOOKS / f"{stem}.ipynb"),
        str(out),
        parameters=parameters,
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
    )
    return nbformat.read(out, as_version=4)


def _outputs(nb) -> str:
    parts = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            parts.append(data.get("text/html", "") + data.get("text/plain", "") + o.get("text", ""))
    return "\n".join(parts)


def _images(nb) -> int:
    return sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))


def test_comparison_2022q2_shows_qijiang_completion_rate_with_period_and_evidence(tmp_path):
    nb = _run(tmp_path, "30-compare-districts", quarter="2022Q2")
    text = _outputs(nb)
    assert "98.33% (2022H1)" in text  # the coverage matrix: value, unit and the period it comes from
    assert "1364 项 (截至 2022-05-31)" in text  # a stock: its unit and the date it describes
    assert "办结率98.33%" in text  # the evidence, quoted from the sentence
    assert "<mark>" in text and "000_ad266bfa8973dc8b.txt" in text
    assert (
        "《关于綦江区2022年二季度政务服务工作情况通报》" in text
    )  # the report, named as the catalog names it
    assert "No indicator in % is reported by two" in text and _images(nb) == 0  # 荣昌区's 2021 rates differ


def test_comparison_2022q4_notes_definitions_periods_and_stale_values(tmp_path):
    nb = _run(tmp_path, "30-compare-districts", quarter="2022Q4")
    text = _outputs(nb)
    assert _images(nb) >= 2  # rate charts, one per codebook dimension
    assert "Read with care" in text and "广东省" in text
    assert "different length" in text and "rates over different periods" in text
    assert "98 项 (截至 2021-07-14) ⚠ 过旧 stale" in text  # a stale value says so where it is shown


def test_pages_show_no_codes_reprs_or_raw_timestamps(tmp_path):
    for stem, params in [
        ("30-compare-districts", {"quarter": "2022Q4"}),
        ("20-district-profile", {"district": "荣昌区", "quarter": "2022Q4"}),
    ]:
        text = _outputs(_run(tmp_path, stem, **params))
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


def test_profile_shows_every_indicator_and_change(tmp_path):
    nb = _run(tmp_path, "20-district-profile", district="荣昌区", quarter="2022Q4")
    text = _outputs(nb)
    assert "平均跑动次数" in text and "0.08 次" in text and "0.15 次" in text  # 2021 and 2022
    assert _images(nb) == 1
    assert "<th>区县</th>" not in text  # one district: no column repeating its name
    # the earlier figure drawn under "change over time" is quoted too, not only the latest one
    assert "<mark>平均跑动次数仅为0.15次</mark>" in text


def test_invalid_parameters_stop_at_the_first_cell_with_valid_values(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError) as err:
        _run(tmp_path, "20-district-profile", district="綦江县", quarter="2022Q4")
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


def test_start_here_runs_for_its_own_district_and_takes_out_a_table_and_a_chart(tmp_path):
    nb = _run(tmp_path, "00-start-here", district="荣昌区")
    text = _outputs(nb)
    assert "online_case_rate" in text and "荣昌区" in text
    assert "綦江区" not in text  # every cell follows the parameter
    assert "荣昌区-2022Q4.xlsx" in text and "荣昌区-2022Q4.csv" in text  # saved for Excel
    assert _images(nb) >= 1  # the retitled chart


def test_rendered_comparison_page_is_offline_and_hides_code(tmp_path):
    from gwfw.report import fragments as html

    _run(tmp_path, "30-compare-districts", quarter="2022Q4")
    html.notebook_page(tmp_path / "30-compare-districts.ipynb", tmp_path / "page.html", "2022Q4")
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert "<script" not in page and not re.search(r"""src=["']?(https?:)?//""", page)  # nothing fetched
    assert page.count("data:image/png;base64,") >= 2  # the charts, embedded
    # links to the reports online are plain links a reader may follow; they load nothing
    assert re.search(r'<a href="http://rongchang\.gov\.cn/[^"]+" rel="noopener noreferrer">', page)
    assert "from gwfw import" not in page and "injected-parameters" not in page
