"""The extractor on the five seed reports, against the hand-labelled gold figures."""

import pytest

from gwfw.dataset.build import extract_folder
from gwfw.dataset.evaluate import evaluate, read_table
from gwfw.dataset.raw_folder import read_text

from .conftest import GOLD, SEEDS


@pytest.fixture(scope="module")
def seeds():
    """The seed reports alone (data/raw holds others too): the gold labels these five."""
    result = extract_folder(SEEDS)
    assert sorted(result.reports) == sorted(p.name for p in SEEDS.glob("*.txt")) and not result.problems
    return result


def _obs(seeds, file_prefix, indicator):
    return [
        o for o in seeds.observations if o["file"].startswith(file_prefix) and o["indicator"] == indicator
    ]


def test_gold_precision_and_recall(seeds):
    result = evaluate(read_table(GOLD), seeds.observations)
    assert result.recall >= 0.95, result.report()
    assert result.precision >= 0.95, result.report()


def test_evidence_is_the_exact_text_at_its_offsets(seeds):
    texts = {}
    for o in seeds.observations:
        text = texts.setdefault(o["file"], read_text(SEEDS / o["file"])[0])
        assert text[int(o["char_start"]) : int(o["char_end"])] == o["evidence"]


def test_every_number_is_a_mention_and_observations_come_from_mentions(seeds):
    mapped = {(m["file"], m["indicator"], m["value"]) for m in seeds.mentions if m["indicator"]}
    for o in seeds.observations:
        assert (o["file"], o["indicator"], o["value"]) in mapped
    unmapped = [m for m in seeds.mentions if not m["indicator"]]
    assert unmapped and all(m["status"].startswith("unmapped") for m in unmapped)
    # 3.42亿元 of retail sales is read and kept, though no indicator measures it
    assert any(m["value"] == "342000000" and m["unit"] == "元" for m in unmapped)


def test_periods_of_seed_figures(seeds):
    rate = _obs(seeds, "000", "completion_rate")[0]
    assert (rate["period_start"], rate["period_end"], rate["period_label"]) == (
        "2022-01-01",
        "2022-06-30",
        "2022H1",
    )
    stock = next(o for o in _obs(seeds, "000", "application_items") if o["value"] == "1364")
    assert (stock["period_start"], stock["period_end"]) == ("", "2022-05-31")  # 「于4-5月对…1364项」
    windows = _obs(seeds, "002", "windows_total")[0]
    assert (windows["period_end"], windows["period_source"]) == ("2021-07-14", "sentence")  # 目前
    cases = next(o for o in _obs(seeds, "004", "cases_total") if o["value"] == "163506")
    assert (cases["period_start"], cases["period_end"], cases["period_label"]) == (
        "2022-01-01",
        "2022-12-19",
        "2022",
    )
    since = _obs(seeds, "003", "cases_total")[0]  # 「2020年10月推行预审服务以来」
    assert (since["period_start"], since["period_end"]) == ("2020-10-01", "2020-12-31")


def test_city_notice_figures_go_to_their_sections_districts(seeds):
    by_district = {
        (o["district"], o["district_code"]) for o in seeds.observations if o["file"].startswith("003")
    }
    assert ("九龙坡区", "500107") in by_district
    assert ("石柱土家族自治县", "500240") in by_district
    assert ("重庆高新区", "") in by_district
    assert all(d != "重庆市" for d, _ in by_district)
    assert {o["district_code"] for o in seeds.observations if o["file"].startswith("004")} == {"440804"}


def test_complaint_platform_satisfaction_is_not_service_satisfaction(seeds):
    assert not [o for o in seeds.observations if o["value"] == "89.8"]
    assert [o["value"] for o in _obs(seeds, "000", "satisfaction_rate")] == ["99.99"]


def test_restatements_merge_and_conflicts_are_flagged(seeds):
    online = [o for o in _obs(seeds, "001", "fully_online_rate") if o["value"] == "91.25"]
    assert len(online) == 1  # stated twice in the report
    packages = {o["value"]: o["conflict"] for o in _obs(seeds, "001", "one_thing_packages")}
    assert packages == {"250": "True", "231": "True"}
    assert (
        next(o for o in _obs(seeds, "001", "one_thing_packages") if o["value"] == "250")["qualifier"]
        == "more_than"
    )
