"""Every folder gwfw reads or writes, anchored on the package, never on the working directory.

A notebook run by papermill, a test and the CLI all resolve the same folders (papermill#316).
"""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DATA_FILES = PACKAGE / "langdata"  # language data and codebook shipped with the package
ROOT = PACKAGE.parent
RAW = ROOT / "data" / "raw"
PROCESSED = ROOT / "data" / "processed"
CORRECTIONS = (
    ROOT / "data" / "curation" / "corrections.csv"
)  # a researcher's corrections, applied by the build
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
