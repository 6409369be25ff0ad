"""A page's tables to take away: CSV (UTF-8 with BOM, so Excel shows the Chinese) and XLSX, embedded in
the page as data: URIs, so a page mailed as a single file still carries its data.

The XLSX is written here (a workbook of one sheet, inline strings): a few XML parts in a zip with fixed
dates, so the same table gives the same bytes, with no spreadsheet package to install.
"""

from __future__ import annotations

import base64
import io
import math
import re
import zipfile
from html import escape
from xml.sax.saxutils import escape as xml_escape

import pandas as pd

_SAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
        '<sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM: Excel opens it with the Chinese intact by a double click."""
    return "\ufeff".encode() + frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def _column(n: int) -> str:
    name = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name


def _cell(ref: str, value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, (bool,)) or not isinstance(value, (int, float)):
        text = xml_escape(str(value))
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    return f'<c r="{ref}"><v>{value!r}</v></c>'


def xlsx_bytes(frame: pd.DataFrame) -> bytes:
    """One sheet: the header, then the rows; numbers stay numbers, everything else is text."""
    rows = [list(frame.columns)] + [
        [v.item() if hasattr(v, "item") else v for v in row] for row in frame.itertuples(index=False)
    ]
    body = "".join(
        f'<row r="{i + 1}">' + "".join(_cell(f"{_column(j)}{i + 1}", v) for j, v in enumerate(row)) + "</row>"
        for i, row in enumerate(rows)
    )
    sheet = f'<worksheet xmlns="{_MAIN}"><sheetData>{body}</sheetData></worksheet>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in [*_PARTS.items(), ("xl/worksheets/sheet1.xml", sheet)]:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, _XML + xml)
    return out.getvalue()


def safe_name(name: str) -> str:
    """A file name any zip tool and Windows accept: '2022Q4 同期/比较' -> '2022Q4_同期_比较'."""
    return _SAFE.sub("_", name).strip("._") or "table"


def links(frame: pd.DataFrame, name: str) -> str:
    """Two download links (CSV, XLSX) carrying the table in the page itself."""
    name = safe_name(name)
    csv_uri = "data:text/csv;charset=utf-8;base64," + base64.b64encode(csv_bytes(frame)).decode()
    xlsx_uri = (
        "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,"
        + base64.b64encode(xlsx_bytes(frame)).decode()
    )
    return (
        f'<p class="gwfw-downloads">下载 · download: '
        f'<a download="{escape(name)}.csv" href="{csv_uri}">CSV</a> · '
        f'<a download="{escape(name)}.xlsx" href="{xlsx_uri}">XLSX</a></p>'
    )
