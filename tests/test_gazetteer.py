"""The gazetteer holds 民政部's table of county-level units and tells near-names and namesakes apart."""

import shutil
from collections import Counter

import pytest

from gwfw import langdata as lexicon
from gwfw import paths
from gwfw.extract import places as gazetteer


def counties(in_force_at: str | None = None) -> list[gazetteer.Place]:
    """County-level units with a code; with a year-month, those in force at its end."""
    units = [p for p in gazetteer.places() if p.level == "county" and p.code]
    if in_force_at is None:
        return units
    return [p for p in units if p.established <= in_force_at and not ("" < p.abolished <= in_force_at)]


def test_covers_all_county_level_units_with_codes():
    assert all(len(p.code) == 6 and p.code.isdigit() for p in counties())
    names = {p.name: p for p in counties()}
    assert names["綦江区"].code == "500110" and names["荣昌区"].code == "500153"
    assert (names["坡头区"].code, names["坡头区"].city, names["坡头区"].province) == (
        "440804",
        "湛江市",
        "广东省",
    )


def test_national_totals_match_the_official_counts():
    # 民政部: 2,846 county-level units at the end of 2024 (977 市辖区, 397 县级市, 1,301 县, 117 自治县,
    # 49 旗, 3 自治旗, 1 特区, 1 林区); 2025 merged 江北区 and 渝北区 into 两江新区.
    end_2024 = counties("2024-12")
    assert Counter(p.kind for p in end_2024) == {
        "市辖区": 977,
        "县级市": 397,
        "县": 1301,
        "自治县": 117,
        "旗": 49,
        "自治旗": 3,
        "特区": 1,
        "林区": 1,
    }
    assert len(counties("2025-12")) == 2845
    per_province = Counter(p.province for p in end_2024)
    assert len(per_province) == 31
    assert (
        per_province["四川省"],
        per_province["河北省"],
        per_province["西藏自治区"],
        per_province["北京市"],
    ) == (183, 167, 74, 16)


def test_chongqing_has_its_38_units_and_the_2025_merger():
    def kinds(units):
        return Counter(p.kind for p in units if p.province == "重庆市")

    assert kinds(counties("2024-12")) == {"市辖区": 26, "县": 8, "自治县": 4}
    assert kinds(counties("2025-12")) == {"市辖区": 25, "县": 8, "自治县": 4}
    yubei, where = gazetteer.resolve("渝北区", "")
    assert (yubei.code, yubei.city, yubei.abolished, where) == ("500112", "重庆市", "2025-11", "")
    liangjiang, _ = gazetteer.resolve("两江新区", "")
    assert (liangjiang.code, liangjiang.established) == ("500157", "2025-11")


def test_jiangbei_of_chongqing_and_of_ningbo_are_told_apart():
    assert gazetteer.resolve("江北区", "重庆市江北区人民政府")[0].code == "500105"
    assert gazetteer.resolve("江北区", "宁波市江北区行政审批服务局")[0].code == "330205"
    place, warning = gazetteer.resolve("江北区", "")
    assert place is None and "500105" in warning and "330205" in warning


def test_near_names_are_not_confused():
    text = "宁夏中卫市沙坡头区与湛江坡头区"
    found = [(text[s:e], [p.code for p in cands]) for s, e, cands in gazetteer.find_places(text)]
    assert ("沙坡头区", ["640502"]) in found and ("坡头区", ["440804"]) in found
    assert [[p.code for p in c] for _, _, c in gazetteer.find_places("坡头区政务服务数据管理局")] == [
        ["440804"]
    ]
    assert [[p.code for p in c] for _, _, c in gazetteer.find_places("中卫市沙坡头区")] == [
        ["640500"],
        ["640502"],
    ]


def test_autonomous_units_are_found_in_text_by_their_short_names():
    """Texts often leave an autonomous unit's peoples out of its name (北川县, 凉山州). A catalog naming one
    so keeps its spelling, as any name the gazetteer does not hold does."""

    def codes(text):
        return [[p.code for p in cands] for _, _, cands in gazetteer.find_places(text)]

    assert codes("北川县、凉山州、莫力达瓦旗") == [["510726"], ["513400"], ["150722"]]
    assert codes("北川羌族自治县") == [["510726"]]
    assert codes("鄂温克旗") == []  # (鄂温克族自治旗: nothing is left without its people)
    assert ["632324"] not in codes("河南县级政务服务中心")  # 河南蒙古族自治县: 河南 is a province's name
    assert gazetteer.resolve("北川县")[0] is None and gazetteer.resolve("北川羌族自治县")[0].code == "510726"


def test_namesakes_resolved_from_context_or_left_without_code():
    place, warning = gazetteer.resolve("朝阳区", "北京市朝阳区政务服务管理局")
    assert place.code == "110105" and warning == ""
    place, warning = gazetteer.resolve("朝阳区", "")
    assert place is None and "several places" in warning


def test_development_zone_from_project_extension():
    place, _ = gazetteer.resolve("重庆高新区")
    assert place.code == "" and place.province == "重庆市"
    assert gazetteer.contains(gazetteer.resolve("重庆市")[0], place)
    place, _ = gazetteer.resolve("苏州工业园区")
    assert (place.level, place.code, place.city) == ("zone", "", "苏州市")


def test_every_unit_has_a_kind_that_fits_its_name_and_code():
    """A mistyped row in divisions.csv shows up here: kind, name and code must agree, and each unit's
    prefecture must be in the table."""
    suffix = {
        "市辖区": "区",
        "县级市": "市",
        "县": "县",
        "自治县": "自治县",
        "旗": "旗",
        "自治旗": "自治旗",
        "特区": "特区",
        "林区": "林区",
    }
    codes = {p.code for p in gazetteer.places()}
    for p in counties():
        assert p.name.endswith(suffix[p.kind]), p
        assert p.code[4:] < "81" or p.kind == "县级市", p  # 81-99: a county-level city under a prefecture
        assert (
            p.code[:4] in ("1101", "1201", "3101", "5001", "5002", "4190", "4290", "4690", "6590")
            or p.code[:4] + "00" in codes
        ), p


@pytest.fixture
def data(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(paths.DATA_FILES, copy)
    monkeypatch.setattr(lexicon, "DATA_FILES", copy)
    lexicon.forget()
    gazetteer.places.cache_clear()
    yield copy
    lexicon.forget()
    gazetteer.places.cache_clear()


def test_a_broken_row_in_the_table_names_the_file_and_line(data):
    lines = (data / "divisions.csv").read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("500112,"))
    lines[row] = "500112,渝北区,,,2025-11,500157|500109"
    (data / "divisions.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(lexicon.LexiconError, match=rf"divisions.csv: line {row + 1}: column 'kind' is empty"):
        gazetteer.places()
    lines[row] = "50011,渝北区,市辖区,,,"
    (data / "divisions.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lexicon.forget()
    with pytest.raises(lexicon.LexiconError, match=r"divisions.csv: code\(s\) 50011 are not six digits"):
        gazetteer.places()
