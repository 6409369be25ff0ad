"""Failures a user can fix: the CLI prints their message instead of a traceback."""
from .lexicon import LexiconError
from .locking import BuildLocked
from .reports import ReportError
from .schemas import SchemaError

USER_ERRORS = (LexiconError, BuildLocked, ReportError, SchemaError, FileNotFoundError)
