"""From one report's text to its rows: numerals, periods, places, codebook, matcher, rows.

`extract(report)` is the entry point; it knows nothing about folders, caches or files.
"""

from .rows import MENTION_COLUMNS, OBSERVATION_COLUMNS, Extraction, extract

__all__ = ["MENTION_COLUMNS", "OBSERVATION_COLUMNS", "Extraction", "extract"]
