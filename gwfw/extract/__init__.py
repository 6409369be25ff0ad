"""From one report's text to its rows: numerals, periods, places, codebook, matcher, rows.

`extract(report)` is the entry point; it knows nothing about folders, caches or files. The rows'
columns and types are defined once, in gwfw.dataset.schema.
"""

from .rows import Extraction, Report, extract

__all__ = ["Extraction", "Report", "extract"]
