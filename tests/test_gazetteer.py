"""The gazetteer covers every county-level unit and tells near-names and namesakes apart."""

from gwfw.extract import places as gazetteer


def test_covers_all_county_level_units_with_codes():
    counties = [p for p in gazetteer.places() if p.level == "county"]
    assert len(counties) >= 2800
    assert all(len(p.code) == 6 and p.code.isdigit() for p in counties)
    names = {p.name: p for p in counties}
    assert names["綦江区"].code == "500110" and names["荣昌区"].code == "500153"
    assert (names["坡头区"].code, names["坡头区"].city, names["坡头区"].province) == (
        "440804",
        "湛江市",
        "广东省",
    )


def test_near_names_are_not_confused():
    found = [
        (text, [p.code for p in cands])
        for s, e, cands in gazetteer.find_places("宁夏中卫市沙坡头区与湛江坡头区")
        for text in ["宁夏中卫市沙坡头区与湛江坡头区"[s:e]]
    ]
    assert ("沙坡头区", ["640502"]) in found and ("坡头区", ["440804"]) in found


def test_namesakes_resolved_from_context_or_left_without_code():
    place, warning = gazetteer.resolve("朝阳区", "北京市朝阳区政务服务管理局")
    assert place.code == "110105" and warning == ""
    place, warning = gazetteer.resolve("朝阳区", "")
    assert place is None and "several places" in warning


def test_development_zone_from_project_extension():
    place, _ = gazetteer.resolve("重庆高新区")
    assert place.code == "" and place.province == "重庆市"
    assert gazetteer.contains(gazetteer.resolve("重庆市")[0], place)
