"""benchmarks/ab_extract.py runs two checkouts' extract() in one process (behaviour only, never timing)."""

import subprocess
import sys

from gwfw import paths

from .conftest import SEEDS

SCRIPT = paths.ROOT / "benchmarks" / "ab_extract.py"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, encoding="utf-8", check=False
    )


def test_compares_a_checkout_with_itself_round_by_round():
    done = run(str(paths.ROOT), str(paths.ROOT), str(SEEDS), "--rounds", "2")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == ["round 1", "round 2"]
    assert lines[-1].startswith("5 reports, ") and "B/A speed " in lines[-1]
    assert float(lines[-1].rsplit(" ", 1)[1]) > 0


def test_a_folder_without_gwfw_is_named_in_one_line(tmp_path):
    done = run(str(paths.ROOT), str(tmp_path), str(SEEDS))
    assert done.returncode != 0
    assert done.stderr.strip() == f"ab_extract: {tmp_path} holds no gwfw package with an extract module"


def test_a_checkout_whose_extract_is_one_module_is_compared(tmp_path):
    """As in b009ab1, the reference of issue 9's speed, before extract became a package."""
    (tmp_path / "gwfw").mkdir()
    (tmp_path / "gwfw" / "__init__.py").write_text("", encoding="utf-8")
    module = "from gwfw.extract import Report, extract\n"  # the package's, under a module's name
    (tmp_path / "gwfw" / "extract.py").write_text(module, encoding="utf-8")
    done = run(str(paths.ROOT), str(tmp_path), str(SEEDS), "--rounds", "2")
    assert done.returncode == 0, done.stderr
    assert "B/A speed " in done.stdout
