"""gwfw: source-grounded indicator data from Chinese local government-service reports.

    import gwfw
    obs = gwfw.load_observations()      # one row per figure, with its evidence
    gwfw.load_mentions()                # every number read, mapped or not
    gwfw.indicators(), gwfw.districts() # the codebook and the gazetteer
    gwfw.Profile(...), gwfw.Comparison(...), gwfw.PeerGroup(...)  # the notebooks' views: they return
                                        # DataFrames and Figures
    gwfw.save_csv_for_excel(table, "t.csv")  # CSV as UTF-8 with BOM, so Excel shows the Chinese
    gwfw.review("001_0f2180a73927f1eb.txt")  # a report's figures highlighted in its text

The pipeline runs one way: extract <- dataset <- compare <- report <- cli (langdata, paths and errors
underneath). pandas is imported on first use, so `gwfw --help` stays fast.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = [
    "load_observations",
    "load_mentions",
    "indicators",
    "districts",
    "save_csv_for_excel",
    "Profile",
    "Comparison",
    "review",
    "PeerGroup",
]

_HOMES = {
    "load_observations": "dataset.load",
    "load_mentions": "dataset.load",
    "indicators": "dataset.load",
    "districts": "dataset.load",
    "save_csv_for_excel": "dataset.load",
    "Profile": "report.views",
    "Comparison": "report.views",
    "review": "report.review",
    "PeerGroup": "report.peer_group",
}


def __getattr__(name: str):
    if name in _HOMES:
        from importlib import import_module

        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module 'gwfw' has no attribute {name!r}")
