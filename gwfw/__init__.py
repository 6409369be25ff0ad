"""gwfw: source-grounded indicator data from Chinese local government-service reports.

    import gwfw
    obs = gwfw.load_observations()      # one row per figure, with its evidence
    gwfw.load_mentions()                # every number read, mapped or not
    gwfw.indicators(), gwfw.districts() # the codebook and the gazetteer

pandas is imported on first use, so `gwfw --help` stays fast.
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["load_observations", "load_mentions", "indicators", "districts"]


def __getattr__(name: str):
    if name in __all__:
        from . import tables

        return getattr(tables, name)
    raise AttributeError(f"module 'gwfw' has no attribute {name!r}")
