"""Every failure a user can fix, under one base class: the CLI prints the message instead of a traceback.

Each class also keeps the built-in base it had before (ValueError, RuntimeError, ...), so code that
catches those still works. This module imports nothing from gwfw: every layer may raise these.
"""

from __future__ import annotations


class GwfwError(Exception):
    """A problem with the user's input, data files or environment, told in one message naming the file."""


class LexiconError(GwfwError, ValueError):
    """A language data file in gwfw/langdata/ is malformed."""


class ReportError(GwfwError, ValueError):
    """A raw report, its catalog or a gold/observations table cannot be read as given."""


class ConvertError(ReportError):
    """A report file (web page, PDF, Word) that `gwfw add` cannot turn into text; the message says what
    to do."""


class SchemaError(GwfwError, ValueError):
    """Rows that break a table's schema, all listed (the first 20 in the message)."""

    def __init__(self, table: str, failures: list[str]):
        self.table = table
        self.failures = failures
        shown = "\n".join(failures[:20])
        more = f"\n… and {len(failures) - 20} more" if len(failures) > 20 else ""
        super().__init__(f"{table}: {len(failures)} row(s) break the schema:\n{shown}{more}")


class BuildLocked(GwfwError, RuntimeError):
    """Another `gwfw build` holds the output folder's lock."""


class NotBuilt(GwfwError, FileNotFoundError):
    """A table, notebook or file the command needs is not there yet."""


class ParameterError(GwfwError, ValueError):
    """A notebook parameter that names nothing in the data; the message lists what is valid."""

    def _render_traceback_(self) -> list[str]:
        """IPython shows this instead of the traceback: a reader needs the message, not our code."""
        return [f"\x1b[31mParameterError\x1b[0m: {self}"]


class MissingPackage(GwfwError, ImportError):
    """A dependency gwfw needs at run time is not installed; the message says how to install it."""


class CorrectionError(GwfwError, ValueError):
    """A correction that cannot be written to data/curation/corrections.csv as asked; the message says why."""


class SchedulerUnreachable(GwfwError, ConnectionError):
    """`--scheduler ADDRESS` names no Dask scheduler that answers."""


class NotShared(GwfwError, FileNotFoundError):
    """A Dask worker cannot see the project's folders: the workers need them on a shared filesystem."""
