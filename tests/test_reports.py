"""Reading reports: every encoding the same, every bad input a clear message naming the file."""

from gwfw import paths
from gwfw.dataset.build import extract_folder
from gwfw.dataset.raw_folder import load_reports, read_catalog, read_text

from .conftest import write_report

TEXT = "1—6月，我区“渝快办”平台的政务服务事项申请33771件，受理33136件，办结率98.33%。\n满意率99.99%。\n"


def test_seed_reports_all_load(seeds_copy):
    reports, problems = load_reports(seeds_copy)
    assert problems == []
    assert [r.file[:3] for r in reports] == ["000", "001", "002", "003", "004"]
    assert all(r.encoding == "utf-8" for r in reports)


def test_every_report_in_data_raw_loads(raw_copy):
    """Each report the catalog of data/raw lists loads, in catalog order, with no problem."""
    reports, problems = load_reports(raw_copy)
    assert problems == []
    listed = [row["file"] for row in read_catalog(paths.RAW)]
    assert listed and [r.file for r in reports] == listed
    assert all(r.encoding == "utf-8" and r.text.strip() for r in reports)


def test_every_encoding_gives_the_same_observations(tmp_path):
    variants = {
        "utf8.txt": TEXT.encode("utf-8"),
        "bom.txt": TEXT.encode("utf-8-sig"),
        "gbk.txt": TEXT.encode("gb18030"),
        "utf16.txt": TEXT.encode("utf-16"),
        "utf16le_nobom.txt": TEXT.encode("utf-16-le"),
        "crlf.txt": TEXT.replace("\n", "\r\n").encode("utf-8"),
    }
    for name, data in variants.items():
        write_report(tmp_path, name, data, title="2022年二季度通报")
    texts = {name: read_text(tmp_path / name)[0] for name in variants}
    assert set(texts.values()) == {TEXT}
    result = extract_folder(tmp_path)
    assert result.problems == []
    by_file = {}
    for row in result.observations:
        # the id is a digest of the file name too: the same figures, each file its own ids
        by_file.setdefault(row["file"], []).append({k: v for k, v in row.items() if k not in ("file", "id")})
    first = by_file["utf8.txt"]
    assert any(r["indicator"] == "completion_rate" and r["value"] == "98.33" for r in first)
    assert all(rows == first for rows in by_file.values()), "encodings gave different figures"


def test_bad_inputs_are_named_and_the_rest_goes_on(tmp_path):
    write_report(tmp_path, "good.txt", TEXT.encode(), title="2022年二季度通报")
    write_report(tmp_path, "empty.txt", b"")
    write_report(tmp_path, "binary.txt", bytes(range(256)) * 4)
    write_report(tmp_path, "nodistrict.txt", TEXT.encode(), district="")
    (tmp_path / "uncatalogued.txt").write_text(TEXT, encoding="utf-8")
    with open(tmp_path / "catalog.csv", "a", encoding="utf-8") as f:
        f.write("missing.txt,綦江区,,news,,,,\n")
    result = extract_folder(tmp_path)
    assert result.reports == ["good.txt"]
    assert any(o["file"] == "good.txt" for o in result.observations)
    problems = "\n".join(result.problems)
    for name, words in [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("nodistrict.txt", "no district"),
        ("uncatalogued.txt", "not in catalog.csv"),
        ("missing.txt", "no such file"),
    ]:
        line = next((p for p in result.problems if p.startswith(name)), None)
        assert line is not None, f"no message for {name} in:\n{problems}"
        assert words in line
        assert "\n" not in line


def test_an_unknown_district_is_a_problem_naming_the_row_and_its_figures_keep_the_name_without_a_code(
    tmp_path,
):
    write_report(tmp_path, "x.txt", TEXT.encode(), district="桃源乡", title="2022年二季度通报")
    write_report(tmp_path, "y.txt", TEXT.encode(), district="綦江区", title="2022年二季度通报")
    result = extract_folder(tmp_path)
    assert result.reports == ["x.txt", "y.txt"]
    [problem] = result.problems
    assert problem.startswith("x.txt: catalog.csv line 2: district '桃源乡' is not in the gazetteer")
    codes = {(o["file"], o["district"], o["district_code"]) for o in result.observations}
    assert codes == {("x.txt", "桃源乡", ""), ("y.txt", "綦江区", "500110")}
