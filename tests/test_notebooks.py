"""The notebooks: committed clean and thin, and what they show when papermill runs them on the seed data."""
import json
import re

import nbformat
import papermill
import pytest

from gwfw import paths

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))


def test_there_are_the_three_notebooks():
    assert [p.stem for p in NOTEBOOKS] == ["00-start-here", "20-district-profile", "30-compare-districts"]


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
        assert not re.search(r"^\s*(def|class) |re\.compile|\.\./", src, flags=re.M), f"logic belongs in gwfw:\n{src}"


def _run(tmp_path, stem, **parameters):
    out = tmp_path / f"{stem}.ipynb"
    papermill.execute_notebook(str(paths.NOTEBOOKS / f"{stem}.ipynb"), str(out), parameters=parameters,
                               kernel_name="python3", progress_bar=False, cwd=str(tmp_path))
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
    assert "98.33 (2022H1)" in text  # the coverage matrix: value and the period it comes from
    assert "办结率98.33%" in text  # the evidence, quoted from the sentence
    assert "<mark>" in text and "000_ad266bfa8973dc8b.txt" in text
    assert "No percentage indicator is shared" in text and _images(nb) == 0  # 荣昌区's 2021 rates differ


def test_comparison_2022q4_notes_definitions_and_period_lengths(tmp_path):
    nb = _run(tmp_path, "30-compare-districts", quarter="2022Q4")
    text = _outputs(nb)
    assert _images(nb) >= 2  # rate charts, one per codebook dimension
    assert "Definitions differ" in text and "广东省" in text
    assert "different length" in text


def test_profile_shows_every_indicator_and_change(tmp_path):
    nb = _run(tmp_path, "20-district-profile", district="荣昌区", quarter="2022Q4")
    text = _outputs(nb)
    assert "平均跑动次数" in text and "0.08" in text and "0.15" in text  # 2021 and 2022
    assert _images(nb) == 1


def test_invalid_parameters_stop_at_the_first_cell_with_valid_values(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError) as err:
        _run(tmp_path, "20-district-profile", district="綦江县", quarter="2022Q4")
    assert "ParameterError" in str(err.value) and "綦江区" in str(err.value)
    nb = nbformat.read(tmp_path / "20-district-profile.ipynb", as_version=4)
    failed = [i for i, c in enumerate(nb.cells) if any(o.get("output_type") == "error" for o in c.get("outputs", []))]
    first_code_after_parameters = next(i for i, c in enumerate(nb.cells)
                                       if c.cell_type == "code" and "injected-parameters" not in c.metadata.get("tags", [])
                                       and "parameters" not in c.metadata.get("tags", []))
    assert failed == [first_code_after_parameters]


def test_start_here_runs(tmp_path):
    text = _outputs(_run(tmp_path, "00-start-here"))
    assert "completion_rate" in text
