"""The catalog checked by `gwfw build`: dates in any common form, short district names, and one line per
problem naming the file and the catalog line, while the good reports still build."""

import pytest

from gwfw.cli import main
from gwfw.dataset.dates import find_date, iso_date
from gwfw.dataset.raw_folder import catalogued_files

TEXT = "2022年二季度，区政务服务中心共受理办件5120件，办结5098件，群众满意率99.9%。\n"
HEADER = "file,district,publisher,kind,title,published,url,notes\n"


@pytest.mark.parametrize(
    "written, iso",
    [
        ("2023年11月5日", "2023-11-05"),
        ("2023年11月05日", "2023-11-05"),
        ("2023/7/15", "2023-07-15"),
        ("2023-11-05 10:30", "2023-11-05"),
        ("2023-11-05T10:30:00", "2023-11-05"),
        ("2023.11.05", "2023-11-05"),
        ("20231105", "2023-11-05"),
        ("二〇二三年十一月五日", "2023-11-05"),
        ("二〇二三年十二月三十一日", "2023-12-31"),
        ("２０２３年１１月５日", "2023-11-05"),
        ("2023年11月5号", "2023-11-05"),
        ("2023年11月5日（星期日）", "2023-11-05"),
        (" 2024-02-29 ", "2024-02-29"),
        ("2023年13月5日", None),
        ("2023-02-29", None),
        ("2023年11月", None),
        ("2023", None),
        ("去年11月5日", None),
        ("2023-11/05", None),
        ("11/05/2023", None),
    ],
)
def test_dates_in_the_forms_catalogs_and_pages_use_become_iso(written, iso):
    assert iso_date(written) == iso


def test_a_date_inside_a_line_is_found():
    assert find_date("发布时间：2023-12-04 10:12:36 来源：坡头区政务服务数据管理局") == "2023-12-04"
    assert find_date("成文日期：二〇二三年十一月五日") == "2023-11-05"
    assert find_date("索引号：11500222MB1803418Y/2023-00041") is None


def folder_with_catalog(tmp_path, lines: list[str]):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "catalog.csv").write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    for line in lines:
        (raw / line.split(",")[0]).write_text(TEXT, encoding="utf-8")
    return raw


ROWS = [
    "good.txt,綦江区,,quarterly_bulletin,2022年二季度通报,2022年7月5日,,",
    "short.txt,荣昌,,quarterly_bulletin,2022年二季度通报,2022/7/6,,",
    "baddate.txt,綦江区,,quarterly_bulletin,2022年二季度通报,2022年13月5日,,",
    "badkind.txt,綦江区,,weekly_digest,2022年二季度通报,,,",
    "nowhere.txt,桃源乡,,quarterly_bulletin,2022年二季度通报,,,",
    "twice.txt,綦江区,,quarterly_bulletin,2022年二季度通报,,,",
    "twice.txt,荣昌区,,quarterly_bulletin,2022年二季度通报,,,",
]


def test_every_catalog_problem_is_one_line_naming_file_and_line_and_the_good_reports_still_build(tmp_path):
    raw = folder_with_catalog(tmp_path, ROWS)
    jobs, problems, notes = catalogued_files(raw)
    # a slip in a row is listed and the report still read, with what could not be read set aside;
    # only a file catalogued twice with rows that differ is left out (which row would be right?)
    assert [(p.name, row["district"], row["published"]) for p, row in jobs] == [
        ("baddate.txt", "綦江区", ""),
        ("badkind.txt", "綦江区", ""),
        ("good.txt", "綦江区", "2022-07-05"),
        ("nowhere.txt", "桃源乡", ""),
        ("short.txt", "荣昌区", "2022-07-06"),
    ]
    assert notes == [
        "short.txt: catalog.csv line 3: district '荣昌' read as 荣昌区 — "
        "write 荣昌区 there to silence this note"
    ]
    expected = {
        "baddate.txt": "catalog.csv line 4: published '2022年13月5日' is not a date gwfw can read",
        "badkind.txt": "catalog.csv line 5: kind 'weekly_digest' is not one gwfw knows — use one of",
        "nowhere.txt": "catalog.csv line 6: district '桃源乡' is not in the gazetteer",
        "twice.txt": "catalogued twice (catalog.csv lines 7, 8) — keep one row; the rows differ",
    }
    assert len(problems) == len(expected)
    for problem in problems:
        name, _, rest = problem.partition(": ")
        assert rest.startswith(expected[name]), problem
        assert "\n" not in problem and ("left out" in problem) == (name == "twice.txt")


def test_the_build_writes_the_good_reports_then_lists_the_problems_last_and_exits_1(tmp_path, capsys):
    raw = folder_with_catalog(tmp_path, ROWS)
    code = main(["build", "--raw", str(raw), "--out", str(tmp_path / "out"), "--workers", "1"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    observations = (tmp_path / "out" / "observations.csv").read_text(encoding="utf-8")
    assert "good.txt" in observations and "short.txt" in observations and "baddate.txt" in observations
    assert "twice.txt" not in observations
    problems = [line for line in out if line.startswith("problem: ")]
    assert len(problems) == 4 and out[-len(problems) :] == problems
    assert any(
        "warning: short.txt: catalog.csv line 3: district '荣昌' read as 荣昌区" in line for line in out
    )
