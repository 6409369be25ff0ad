"""Word .docx reports -> text through python-docx: paragraphs and tables in document order, one line per
paragraph, a table row's cells joined with the separator (a merged cell once)."""

from __future__ import annotations

import io
import zipfile

from . import TABLE_SEPARATOR, Converted, ConvertError


def _rows(table) -> list[str]:
    out = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column it spans
                continue
            seen.add(id(cell._tc))
            text = "".join(p.text.strip() for p in cell.paragraphs)
            if text:
                cells.append(text)
        if cells:
            out.append(TABLE_SEPARATOR.join(cells))
    return out


def convert_docx(data: bytes, name: str) -> Converted:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        doc = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise ConvertError(
            f"{name}: not a readable .docx file (damaged, or another format renamed) — open it in "
            "Word or WPS and save it again as .docx or PDF"
        ) from None
    lines = []
    for block in doc.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_rows(block))
        elif block.text.strip():
            lines.append(" ".join(block.text.replace("\u3000", " ").split()))
    if not lines:
        raise ConvertError(f"{name}: the Word file holds no text (only images?) — gwfw does not do OCR")
    return Converted("\n".join(lines) + "\n", {}, ".docx")
