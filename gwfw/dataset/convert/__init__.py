"""Report files as researchers hold them -> plain text plus the catalog fields the file itself states.

One module per format: saved web pages (html), PDF with a text layer (pdf), Word .docx (docx); plain
text is read as `gwfw build` reads it. Every failure is a ConvertError (gwfw.errors) whose one-line
message names the file and says what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ...errors import ConvertError
from ...langdata import load_yaml
from ..raw_folder import decode

TABLE_SEPARATOR = " | "  # between the cells of a table row, in every format


@dataclass(frozen=True)
class Found:
    """A catalog field the file states, and where in the file it was read (said back to the user)."""

    value: str
    source: str


@dataclass
class Converted:
    text: str
    found: dict[str, Found]
    format: str  # 'web page (gb18030)', 'PDF, 12 pages', …, for the user
    notes: list[str] = field(
        default_factory=list
    )  # what the catalog's notes should say (pages without text …)


@cache
def words() -> dict:
    return load_yaml("pages.yaml")


READERS = {
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".mhtml": "mhtml",
    ".mht": "mhtml",
    ".pdf": "pdf",
    ".docx": "docx",
    ".txt": "txt",
}
OLD_WORD = {".doc": "Word 97–2003 (.doc)", ".wps": "WPS Writer (.wps)", ".rtf": "Rich Text (.rtf)"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .doc, .wps and .xls files


def readable(path: Path) -> bool:
    return path.suffix.lower() in READERS or path.suffix.lower() in OLD_WORD


def convert(path: Path, data: bytes) -> Converted:
    """The file's text and the fields it states; ConvertError naming the file otherwise."""
    name, suffix = path.name, path.suffix.lower()
    if suffix in OLD_WORD or (suffix == ".docx" and data.startswith(_OLE2)):
        what = OLD_WORD.get(suffix, "Word 97–2003 file named .docx")
        raise ConvertError(
            f"{name}: a {what} file, which gwfw cannot read — open it in Word or WPS, "
            "save it as .docx or PDF, and add that file"
        )
    kind = READERS.get(suffix)
    if kind is None:
        raise ConvertError(
            f"{name}: not a report format gwfw add reads — give a saved web page (.html, .htm, "
            ".mhtml), a PDF, a Word .docx or a .txt file"
        )
    if kind in ("html", "mhtml"):
        from .html import convert_html

        return convert_html(data, name, mhtml=kind == "mhtml")
    if kind == "pdf":
        from .pdf import convert_pdf

        return convert_pdf(data, name)
    if kind == "docx":
        from .docx import convert_docx

        return convert_docx(data, name)
    text, encoding = decode(data, name)
    return Converted(text if text.endswith("\n") else text + "\n", {}, f"text, {encoding.upper()}")
