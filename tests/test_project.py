"""The project's own promises: dependencies listed consistently, data files valid."""

import re
import tomllib

import yaml

from gwfw import paths
from gwfw.extract.codebook import load_codebook

from .conftest import SEEDS


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower()


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    for extra in ("lab", "dask", "test"):
        wanted |= {_name(r) for r in project["optional-dependencies"][extra]}
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    listed = set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            listed |= {_name(r) for r in dep["pip"] if not r.startswith("-e")}
        else:
            listed.add(_name(dep.replace("=", "==", 1) if "==" not in dep else dep))
    listed -= {"python", "pip"}
    assert listed == wanted


def test_codebook_covers_the_shared_spec():
    spec = paths.ROOT.parent / "shared" / "spec" / "indicators.csv"
    codes = {row.split(",")[0] for row in spec.read_text(encoding="utf-8").splitlines()[1:] if row}
    assert codes <= {ind.code for ind in load_codebook()}


def test_surface_forms_do_not_collide_within_a_unit():
    seen = {}
    for ind in load_codebook():
        for form in ind.surface_forms:
            key = (re.sub('[“”"]', "", form), ind.unit)
            assert seen.setdefault(key, ind.code) == ind.code, f"{form} names both {seen[key]} and {ind.code}"


def test_one_version_number():
    from importlib.metadata import version

    import gwfw

    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert version("gwfw") == gwfw.__version__


def test_test_cases_come_from_where_their_file_says():
    """tests/cases/<what>_<provenance>.csv: a seeds or held-out phrase is in one of that set's reports."""
    import csv

    folders = {"seeds": SEEDS, "heldout": paths.ROOT / "benchmarks" / "heldout"}  # data/raw holds more
    folders["heldout2"] = paths.ROOT / "benchmarks" / "heldout2"
    texts = {name: [p.read_text(encoding="utf-8") for p in f.glob("*.txt")] for name, f in folders.items()}
    checked = 0
    for path in sorted((paths.ROOT / "tests" / "cases").glob("*.csv")):
        provenance = path.stem.split("_")[-1]
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                source = row.get("source") or provenance
                if source in texts:
                    text = row["text"].replace("\\n", "\n")
                    assert any(text in doc for doc in texts[source]), f"{path.name}: {text!r} not in {source}"
                    checked += 1
                else:
                    assert source in ("handwritten", "misses"), f"{path.name}: unknown provenance {source}"
    assert checked >= 30
