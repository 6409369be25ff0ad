import shutil
from pathlib import Path

import pytest

from gwfw import paths
from gwfw.dataset.build import build

SEEDS = paths.ROOT.parent / "shared" / "corpus" / "seeds"
GOLD = SEEDS / "gold.csv"
CATALOG_HEADER = "file,district,publisher,kind,title,published,url,notes\n"


@pytest.fixture
def raw_copy(tmp_path) -> Path:
    """A private copy of data/raw that a test may break."""
    dest = tmp_path / "raw"
    shutil.copytree(paths.RAW, dest)
    return dest


def copy_seeds(dest: Path) -> Path:
    """The five seed reports and their catalog (not the gold) as a raw folder of their own: data/raw holds
    more reports than the seeds, so a test of what the seeds say reads them from here."""
    dest.mkdir(parents=True)
    for path in SEEDS.iterdir():
        if path.is_file() and path != GOLD:
            shutil.copy2(path, dest / path.name)
    assert len(list(dest.glob("*.txt"))) == 5, f"{SEEDS}: expected the five seed reports"
    return dest


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A private copy of the seed reports that a test may break."""
    return copy_seeds(tmp_path / "seeds")


@pytest.fixture(scope="session")
def seeds_data(tmp_path_factory) -> Path:
    """The seeds built alone, laid out as the project is: <folder>/raw and <folder>/processed (the views
    read the catalog beside the processed folder). Returns <folder>/processed."""
    folder = tmp_path_factory.mktemp("seeds-data")
    build(copy_seeds(folder / "raw"), folder / "processed")
    return folder / "processed"


def write_report(
    folder: Path,
    name: str,
    data: bytes,
    district: str = "綦江区",
    kind: str = "quarterly_bulletin",
    title: str = "",
    published: str = "",
) -> Path:
    """A report file plus its catalog row (catalog created when missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    catalog = folder / "catalog.csv"
    if not catalog.exists():
        catalog.write_text(CATALOG_HEADER, encoding="utf-8")
    with open(catalog, "a", encoding="utf-8") as f:
        f.write(f"{name},{district},,{kind},{title},{published},,\n")
    path = folder / name
    path.write_bytes(data)
    return path


CASES = Path(__file__).parent / "cases"


def case_params(*names: str, marks=()) -> list:
    """One pytest param per row of the CSV files tests/cases/<name>.csv (a name may be a glob), id'd by file
    and line. Files are named <what>_<provenance>: seeds, heldout, heldout2 (the phrase is in those
    reports) or handwritten. A literal \\n in a cell is a line break."""
    import csv

    params = []
    for path in sorted({p for name in names for p in CASES.glob(f"{name}.csv")}):
        with open(path, encoding="utf-8", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                row = {k: v.replace("\\n", "\n") for k, v in row.items()}
                params.append(pytest.param(row, id=f"{path.stem}:{line}:{row['text'][:16]}", marks=marks))
    assert params, f"no cases in tests/cases/ for {names}"
    return params
