"""Every folder gwfw reads or writes, anchored on the package, never on the working directory.

A notebook run by papermill, a test and the CLI all resolve the same folders (papermill#316).
"""

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DATA_FILES = PACKAGE / "langdata"  # language data and codebook shipped with the package
ROOT = PACKAGE.parent
# GWFW_DATA: another folder holding raw/ and processed/ (benchmarks/bench_national.py points the
# notebooks, which run in their own kernels, at a synthetic national corpus this way)
DATA = Path(os.environ["GWFW_DATA"]).resolve() if os.environ.get("GWFW_DATA") else ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
CORRECTIONS = DATA / "curation" / "corrections.csv"  # a researcher's corrections, applied by the build
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
