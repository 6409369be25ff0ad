"""Comparing districts over quarters with pandas: as-of selection, comparability notes, formatting."""
