"""What a view returns: the objects themselves, which render in a notebook as the page shows them.

`Table` is a pandas DataFrame (save it with `.to_excel`, `.to_csv`, filter it, restyle it with
`.style`) that a notebook cell renders as gwfw's escaped table followed by its notes. `Charts` is a
list of matplotlib Figures (change a title with `charts[0].axes[0].set_title(...)`, save one with
`.savefig`) that renders each figure followed by its notes. `Block` is a piece of HTML (title box,
evidence list). The batch runs the same cells, so the pages show exactly what a researcher sees.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from . import display as formatting
from . import downloads


def _display(*items) -> None:
    from IPython.display import display

    for item in items:
        if isinstance(item, str):
            if item:
                display(formatting.html(item))
        else:
            display(item)


class Block(str):
    """HTML made by gwfw.report.display (text from reports already escaped there)."""

    def _repr_html_(self) -> str:
        return formatting.STYLE + self

    def _ipython_display_(self) -> None:
        _display(str(self))


class Table(pd.DataFrame):
    """A DataFrame shown as gwfw's table with `notes` (HTML) under it; `empty` (HTML) stands in for no rows.

    With a `name`, the table is sortable (the page's script) and offers `data` (the tidy figures behind it,
    else the table itself) as CSV and XLSX downloads embedded in the page.
    Anything derived from it (`.head()`, a filter, `.style`) is a plain pandas object.
    """

    _metadata = ["notes", "empty_text", "data", "download_name"]

    @property
    def _constructor(self):
        return pd.DataFrame

    @classmethod
    def of(
        cls, frame: pd.DataFrame, notes: str = "", empty: str = "", data: pd.DataFrame | None = None, name=""
    ) -> Table:
        table = cls(frame)
        table.notes, table.empty_text, table.data, table.download_name = notes, empty, data, name
        return table

    def _html_parts(self) -> list[str]:
        if self.empty and self.empty_text:
            return [self.empty_text]
        name = getattr(self, "download_name", "")
        if not name:
            return [formatting.table(pd.DataFrame(self)), getattr(self, "notes", "")]
        data = self.data if getattr(self, "data", None) is not None else pd.DataFrame(self)
        return [
            formatting.table(pd.DataFrame(self), sortable=True) + downloads.links(data, name),
            getattr(self, "notes", ""),
        ]

    def _repr_html_(self) -> str:
        return formatting.STYLE + "".join(self._html_parts())

    def _ipython_display_(self) -> None:
        _display("".join(self._html_parts()))


class Charts(list):
    """The figures of a section, in order, each shown with its notes (HTML); `table` follows them if given.

    With `alts`, each figure is shown as an <img> whose alt text says what it shows (a plain figure output
    has none). The figures are closed to pyplot, so a cell shows each once, and stay usable:
    `fig.axes[0].set_title`, `fig.savefig`, or `fig` alone in a cell to show it again.
    """

    def __init__(self, figures=(), notes=(), empty: str = "", table: Table | None = None, alts=()):
        super().__init__(figures)
        for fig in self:
            plt.close(fig)
        self.notes = list(notes) + [""] * (len(self) - len(notes))
        self.alts = list(alts) + [""] * (len(self) - len(alts))
        self.empty_text = empty
        self.table = table

    def _ipython_display_(self) -> None:
        if not self and self.empty_text:
            return _display(self.empty_text)
        for fig, note, alt in zip(self, self.notes, self.alts):
            if alt:
                _display(formatting.figure(fig, alt) + note)
            else:
                _display(fig, note)
        if self.table is not None:
            _display(self.table)
