"""Tables to take away: CSV with a BOM and XLSX, embedded in the page, open with the Chinese intact."""

import base64
import io
import re

import pandas as pd

from gwfw.report import downloads

FRAME = pd.DataFrame(
    {
        "区县": ["綦江区", "荣昌区", "坡头区"],
        "指标": ["办结率", "即办件占比", '<b>&"逗号,"'],
        "value": [98.33, 45.23, 1500],
        "n": [1, 2, 3],
        "stale": [False, True, False],
        "note": ["", None, "⚠ 过旧 stale"],
    }
)


def test_csv_has_a_bom_and_reads_back():
    data = downloads.csv_bytes(FRAME)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 with the Chinese only with the BOM
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert back["区县"].tolist() == FRAME["区县"].tolist() and back["指标"][2] == FRAME["指标"][2]
    assert back["value"].tolist() == [98.33, 45.23, 1500]


def test_xlsx_reads_back_with_numbers_as_numbers():
    back = pd.read_excel(io.BytesIO(downloads.xlsx_bytes(FRAME)), keep_default_na=False)
    assert list(back.columns) == list(FRAME.columns)
    assert back["区县"].tolist() == ["綦江区", "荣昌区", "坡头区"] and back["指标"][2] == FRAME["指标"][2]
    assert back["value"].tolist() == [98.33, 45.23, 1500] and back["n"].dtype.kind == "i"
    assert back["note"].tolist() == ["", "", "⚠ 过旧 stale"]
    assert downloads.xlsx_bytes(FRAME) == downloads.xlsx_bytes(FRAME.copy())  # same table, same bytes


def test_links_carry_both_files_in_the_page():
    html = downloads.links(FRAME, "2022Q4 同期/比较")
    found = dict(re.findall(r'download="([^"]+)" href="data:[^;]+(?:;charset=utf-8)?;base64,([^"]+)"', html))
    assert set(found) == {"2022Q4_同期_比较.csv", "2022Q4_同期_比较.xlsx"}
    assert base64.b64decode(found["2022Q4_同期_比较.csv"]) == downloads.csv_bytes(FRAME)
    back = pd.read_excel(io.BytesIO(base64.b64decode(found["2022Q4_同期_比较.xlsx"])))
    assert back.shape == FRAME.shape
