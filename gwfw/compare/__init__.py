"""Comparing districts over quarters with pandas: as-of selection, like with like, comparability notes."""
