import shutil
from pathlib import Path

import pytest

from gwfw import paths

SEEDS = paths.ROOT.parent / "shared" / "corpus" / "seeds"
GOLD = SEEDS / "gold.csv"
CATALOG_HEADER = "file,district,publisher,kind,title,published,url,notes\n"


@pytest.fixture
def raw_copy(tmp_path) -> Path:
    """A private copy of data/raw that a test may break."""
    dest = tmp_path / "raw"
    shutil.copytree(paths.RAW, dest)
    return dest


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
