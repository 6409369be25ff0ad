"""A broken language data file stops gwfw with one message naming the file, the line and the fix;
every problem of every file is in that one message."""

import os
import shutil
import subprocess
import sys

import pytest

from gwfw import langdata, paths


@pytest.fixture
def data(tmp_path, monkeypatch):
    copy = tmp_path / "langdata"
    shutil.copytree(paths.DATA_FILES, copy, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    monkeypatch.setattr(langdata, "DATA_FILES", copy)
    return copy


def _problems() -> list[str]:
    with pytest.raises(langdata.LexiconError) as err:
        langdata.check_all()
    return str(err.value).splitlines()


def test_the_shipped_language_data_is_valid():
    data = langdata.check_all()
    assert set(data) == set(langdata.YAML_KEYS) | set(langdata.CSV_REQUIRED)
    assert {p.name for p in paths.DATA_FILES.iterdir() if p.suffix in (".yaml", ".csv")} == set(data)


def test_a_yaml_syntax_error_names_the_file_and_line(data):
    lines = (data / "numerals.yaml").read_text(encoding="utf-8").splitlines()
    lines[9] = "units: [件, 项"  # an unclosed list on line 10
    (data / "numerals.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _problems()[0]
    assert message.startswith("gwfw/langdata/numerals.yaml: line ") and "fix the syntax" in message
    assert int(message.split("line ")[1].split(":")[0]) >= 10


def test_a_missing_key_is_named_with_every_other_one(data):
    text = (data / "numerals.yaml").read_text(encoding="utf-8")
    text = text.replace("\nrange_dashes:", "\nrange_dashez:").replace("\nunits:", "\nunitz:")
    (data / "numerals.yaml").write_text(text, encoding="utf-8")
    problems = _problems()
    assert "gwfw/langdata/numerals.yaml: missing key 'units' — add it (see the file's comments)" in problems
    assert any("missing key 'range_dashes'" in p for p in problems)
    # the misspelt keys are named too: gwfw would never read them
    assert any(p.startswith("gwfw/langdata/numerals.yaml: unknown key 'unitz' — a typo?") for p in problems)


def test_every_problem_of_every_file_in_one_pass(data):
    with open(data / "periods.yaml", "a", encoding="utf-8") as f:
        f.write("quater_word: 季\n")
    with open(data / "labels.yaml", "a", encoding="utf-8") as f:
        f.write("list_joiner: [、]\n")  # a list where a string is read (a duplicate key: the last wins)
    rows = (data / "indicators.csv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    cells = rows[3].split(",")
    cells[header.index("code")] = ""
    rows[3] = ",".join(cells)
    (data / "indicators.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    problems = _problems()
    assert any(p.startswith("gwfw/langdata/periods.yaml: unknown key 'quater_word'") for p in problems)
    assert "gwfw/langdata/labels.yaml: key 'list_joiner' should be str, got ['、']" in problems
    assert "gwfw/langdata/indicators.csv: line 4: column 'code' is empty — fill it in" in problems
    assert len(problems) == 3


def test_the_command_line_stops_with_the_message_not_a_traceback(tmp_path):
    package = tmp_path / "gwfw"
    shutil.copytree(paths.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "langdata" / "periods.yaml").write_text("quarters: {一: 1\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "gwfw", "extract", str(paths.RAW), "--out", str(tmp_path / "o.csv")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )
    assert proc.returncode == 2, proc.stderr
    assert (
        proc.stderr.startswith("gwfw: gwfw/langdata/periods.yaml: line ") and "Traceback" not in proc.stderr
    )
    assert not (tmp_path / "o.csv").exists()
