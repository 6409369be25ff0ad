"""Failures a user can fix: the CLI prints their message instead of a traceback."""

from .dataset.files import BuildLocked
from .dataset.raw_folder import ReportError
from .dataset.schema import SchemaError
from .langdata import LexiconError

USER_ERRORS = (LexiconError, BuildLocked, ReportError, SchemaError, FileNotFoundError)
