"""`gwfw add` on files the tests build: the text, the original, the catalog row and what it says it guessed;
the same file twice; a folder of mixed files; an uncertain district; the options; then `gwfw build`."""

import csv
import hashlib
import shutil
from pathlib import Path

import pytest

from gwfw import paths
from gwfw.cli import main
from gwfw.dataset.convert import convert
from tests.report_files import OLD_WORD, docx_report, gov_page, pdf_report, scanned_pdf

TITLE = "关于綦江区2023年第三季度政务服务工作情况的通报"


def rows(raw: Path) -> list[dict]:
    with open(raw / "catalog.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def add(capsys, *args) -> tuple[int, str, str]:
    code = main(["add", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def page(tmp_path) -> Path:
    path = tmp_path / "in" / "綦江区三季度通报.html"
    path.parent.mkdir()
    path.write_bytes(gov_page("gb2312"))
    return path


def test_a_saved_page_becomes_text_original_and_a_complete_catalog_row(tmp_path, page, capsys):
    raw = tmp_path / "raw"
    code, out, err = add(capsys, page, "--raw", raw)
    assert code == 0 and err == ""
    [row] = rows(raw)
    sha = hashlib.sha256(page.read_bytes()).hexdigest()
    assert row == {
        "file": f"000_{sha[:16]}.txt",
        "district": "綦江区",
        "publisher": "綦江区政务服务管理办公室",
        "kind": "quarterly_bulletin",
        "title": TITLE,
        "published": "2023-10-12",
        "url": "http://www.cqqj.gov.cn/bm/tzgg/202310/t20231012_12431001.html",
        "notes": "added from 綦江区三季度通报.html (web page, GB18030)",
        "sha256": sha,
    }
    assert (raw / row["file"]).read_text(encoding="utf-8") == convert(page, page.read_bytes()).text
    assert (raw / "originals" / f"000_{sha[:16]}.html").read_bytes() == page.read_bytes()
    assert "catalog.csv line 2:" in out and f"000_{sha[:16]}.txt,綦江区," in out
    assert "guessed district from 綦江区 in the publisher (綦江区政务服务管理办公室)" in out
    assert "guessed published from the page's 发布日期" in out
    assert "guessed kind from the title (季度 in" in out
    assert out.strip().endswith("1 added, 0 already there, 0 not added")


def test_adding_the_same_file_twice_says_where_it_is_and_changes_nothing(tmp_path, page, capsys):
    raw = tmp_path / "raw"
    add(capsys, page, "--raw", raw)
    before = {p: p.read_bytes() for p in raw.rglob("*") if p.is_file() and not p.name.startswith(".")}
    copy = tmp_path / "copy.html"
    shutil.copy(page, copy)  # the same bytes under another name
    code, out, _ = add(capsys, page, copy, "--raw", raw)
    assert code == 0
    assert out.count("already added as") == 2 and "(catalog.csv line 2) — nothing changed" in out
    after = {p: p.read_bytes() for p in raw.rglob("*") if p.is_file() and not p.name.startswith(".")}
    assert after == before


def test_a_folder_of_mixed_files_adds_the_reports_and_says_why_not_the_others(tmp_path, capsys):
    folder = tmp_path / "downloads"
    (folder / "page_files").mkdir(parents=True)
    (folder / "page.html").write_bytes(gov_page("utf-8"))
    (folder / "page_files" / "frame.htm").write_bytes(b"<html><body>script frame</body></html>")
    (folder / "page_files" / "style.css").write_bytes(b"body{}")
    (folder / "summary.pdf").write_bytes(pdf_report())
    (folder / "rongchang.docx").write_bytes(docx_report())
    (folder / "old.doc").write_bytes(OLD_WORD)
    (folder / "scan.pdf").write_bytes(scanned_pdf())
    (folder / "notes.xlsx").write_bytes(b"PK")
    raw = tmp_path / "raw"
    code, out, err = add(capsys, folder, "--raw", raw)
    assert code == 1
    assert "3 added, 0 already there, 2 not added" in out
    assert "skipped 1 file(s) in the folder(s) that are not reports (.xlsx)" in out
    assert err.count("\n") == 2
    assert "old.doc: a Word 97–2003 (.doc) file, which gwfw cannot read — open it in Word or WPS" in err
    assert "scan.pdf: a scanned PDF with no text layer" in err
    by_source = {r["notes"].split(" (")[0].removeprefix("added from "): r for r in rows(raw)}
    assert set(by_source) == {"page.html", "summary.pdf", "rongchang.docx"}
    pdf, docx = by_source["summary.pdf"], by_source["rongchang.docx"]
    assert (pdf["district"], pdf["kind"], pdf["published"]) == ("綦江区", "work_summary", "2024-01-10")
    assert (
        pdf["publisher"] == "綦江区政务服务管理办公室"
        and pdf["title"] == "綦江区政务服务管理办公室2023年工作总结"
    )
    assert (docx["district"], docx["kind"], docx["published"]) == ("荣昌区", "work_summary", "2023-07-10")
    assert [r["file"][:4] for r in rows(raw)] == ["000_", "001_", "002_"]
    assert "guessed published from the signing date at the end (2024年1月10日)" in out


def test_an_uncertain_district_stops_that_file_says_what_was_found_and_asks_for_it(tmp_path, capsys):
    page = tmp_path / "two.html"
    page.write_bytes(
        gov_page(
            "utf-8",
            title="关于推广荣昌区、綦江区政务服务经验做法的通知",
            publisher="重庆市人民政府办公厅",
            site="重庆市人民政府",
        )
    )
    raw = tmp_path / "raw"
    code, out, err = add(capsys, page, "--raw", raw)
    assert code == 1 and not (raw / "catalog.csv").exists()
    assert err.strip() == (
        "two.html: district not certain — found 荣昌区 in the title "
        "(关于推广荣昌区、綦江区政务服务经验做法的通知); "
        "綦江区 in the title (关于推广荣昌区、綦江区政务服务经验做法的通知); give it with --district NAME"
    )
    code, out, _ = add(capsys, page, "--raw", raw, "--district", "荣昌")
    assert code == 0 and rows(raw)[0]["district"] == "荣昌区"
    assert "district: --district district '荣昌' read as 荣昌区" in out


def test_a_report_naming_no_place_stops_too(tmp_path, capsys):
    page = tmp_path / "none.html"
    page.write_bytes(
        gov_page(
            "utf-8", title="关于政务服务工作情况的通报", publisher="区政务服务管理办公室", site="政务服务网"
        )
    )
    code, _, err = add(capsys, page, "--raw", tmp_path / "raw")
    assert code == 1
    assert "none.html: district not certain — no place name in the publisher, the site name, the title" in err


def test_options_win_over_guesses_and_dates_may_be_written_in_any_common_form(tmp_path, page, capsys):
    raw = tmp_path / "raw"
    url = "http://www.cqqj.gov.cn/zwgk/a.html"
    code, out, _ = add(
        capsys, page, "--raw", raw, "--published", "二〇二三年十一月五日", "--kind", "notice", "--url", url
    )
    assert code == 0
    row = rows(raw)[0]
    assert (row["published"], row["kind"], row["url"]) == ("2023-11-05", "notice", url)
    assert "guessed published" not in out and "guessed kind" not in out


@pytest.mark.parametrize(
    "option, value, words",
    [
        ("--published", "2023年13月5日", "--published '2023年13月5日' is not a date gwfw can read"),
        ("--kind", "weekly", "--kind 'weekly' is not one gwfw knows — use one of proposal_reply,"),
        ("--district", "桃源乡", "--district '桃源乡': '桃源乡' is not in the gazetteer"),
    ],
)
def test_a_bad_option_is_one_line_naming_the_file(tmp_path, page, capsys, option, value, words):
    code, _, err = add(capsys, page, "--raw", tmp_path / "raw", option, value)
    assert code == 1 and err.startswith(f"{page.name}: {words}") and err.count("\n") == 1
    assert not (tmp_path / "raw" / "catalog.csv").exists()


def test_a_catalog_without_the_sha256_column_gets_it_and_keeps_its_rows(tmp_path, page, capsys):
    raw = tmp_path / "raw"
    shutil.copytree(paths.RAW, raw)
    older = [{k: v for k, v in r.items() if k != "sha256"} for r in rows(raw)]  # a catalog from before `add`
    with open(raw / "catalog.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(older[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(older)
    before = rows(raw)
    code, _, _ = add(capsys, page, "--raw", raw)
    assert code == 0
    after = rows(raw)
    assert "sha256" not in before[0] and list(after[0]) == [*before[0], "sha256"]
    assert [{k: r[k] for k in before[0]} for r in after[: len(before)]] == before
    assert after[-1]["file"].startswith(f"{len(before):03d}_")


def test_added_reports_build_with_their_dates_and_districts(tmp_path, page, capsys):
    raw, out = tmp_path / "raw", tmp_path / "out"
    (tmp_path / "in" / "summary.pdf").write_bytes(pdf_report())
    assert add(capsys, page.parent, "--raw", raw)[0] == 0
    assert main(["build", "--raw", str(raw), "--out", str(out), "--workers", "1"]) == 0
    with open(out / "observations.csv", encoding="utf-8", newline="") as f:
        observations = list(csv.DictReader(f))
    files = {r["file"]: r for r in rows(raw)}
    by_file = {name: [o for o in observations if o["file"] == name] for name in files}
    assert all(by_file.values()), "figures from every added report"
    bulletin = next(name for name, r in files.items() if r["kind"] == "quarterly_bulletin")
    assert {o["district"] for o in by_file[bulletin]} == {"綦江区"}
    assert {(o["period_start"], o["period_end"]) for o in by_file[bulletin]} >= {("2023-07-01", "2023-09-30")}


def test_a_plain_text_report_in_gb18030_gets_its_row_from_its_first_line_and_signature(tmp_path, capsys):
    text = (
        "坡头区政务服务数据管理局2023年工作总结\n"
        "2023年，区政务服务中心综合窗口受理业务2.1万宗，同比增长18.4%。\n"
        "湛江市坡头区政务服务数据管理局\n"
        "2024年1月8日\n"
    )
    path = tmp_path / "总结.txt"
    path.write_bytes(text.encode("gb18030"))
    raw = tmp_path / "raw"
    code, out, _ = add(capsys, path, "--raw", raw)
    assert code == 0
    [row] = rows(raw)
    assert (row["district"], row["kind"], row["published"]) == ("坡头区", "work_summary", "2024-01-08")
    assert (row["publisher"], row["title"]) == (
        "湛江市坡头区政务服务数据管理局",
        "坡头区政务服务数据管理局2023年工作总结",
    )
    assert (raw / row["file"]).read_text(encoding="utf-8") == text
    assert "guessed publisher from the signature at the end" in out
