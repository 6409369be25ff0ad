"""A broken language data file stops gwfw with one message naming the file, the line and the fix."""

import os
import shutil
import subprocess
import sys

import pytest

from gwfw import langdata as lexicon
from gwfw import paths
from gwfw.extract.numerals import _SPEC as NUMERALS_SPEC


@pytest.fixture
def data(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(paths.DATA_FILES, copy)
    monkeypatch.setattr(lexicon, "DATA_FILES", copy)
    return copy


def test_a_yaml_syntax_error_names_the_file_and_line(data):
    lines = (data / "numerals.yaml").read_text(encoding="utf-8").splitlines()
    lines[9] = "units: [件, 项"  # an unclosed list on line 10
    (data / "numerals.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(lexicon.LexiconError) as err:
        lexicon.load_yaml.__wrapped__("numerals.yaml", NUMERALS_SPEC)
    message = str(err.value)
    assert message.startswith("gwfw/langdata/numerals.yaml: line ") and "fix the syntax" in message
    assert int(message.split("line ")[1].split(":")[0]) >= 10


def test_a_missing_key_is_named_with_every_other_one(data):
    text = (data / "numerals.yaml").read_text(encoding="utf-8")
    text = text.replace("\nrange_dashes:", "\nrange_dashez:").replace("\nunits:", "\nunitz:")
    (data / "numerals.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(lexicon.LexiconError) as err:
        lexicon.load_yaml.__wrapped__("numerals.yaml", NUMERALS_SPEC)
    assert "missing key 'units'" in str(err.value) and "missing key 'range_dashes'" in str(err.value)


def test_an_empty_required_csv_cell_names_its_line(data):
    rows = (data / "indicators.csv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    cells = rows[3].split(",")
    cells[header.index("code")] = ""
    rows[3] = ",".join(cells)
    (data / "indicators.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(lexicon.LexiconError, match=r"indicators.csv: line 4: column 'code' is empty"):
        lexicon.load_csv.__wrapped__("indicators.csv", ("code",))


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
