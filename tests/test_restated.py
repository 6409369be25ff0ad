"""A figure stated twice in one report gives one observation (gwfw/extract/restated.py); the copy stays in
the mentions, with the reason."""

from gwfw.extract import Report, extract

META = {"district": "亳州市", "title": "2022年上半年亳州市政务服务工作总结", "published": "2022-08-08"}


def _extract(text: str):
    return extract(Report("r.txt", text, "utf-8", META))


def test_an_undated_copy_of_a_dated_figure_is_no_second_figure():
    ex = _extract("全市“好评率”达99.99%。\n7月，全市“好差评”系统共收到评价4.1万次，好评率达99.99%。\n")
    rates = [o for o in ex.observations if o["indicator"] == "satisfaction_rate"]
    assert [(o["value"], o["period_label"]) for o in rates] == [("99.99", "2022-07")]
    copy = next(m for m in ex.mentions if m["text"] == "99.99%")  # the first, undated
    assert copy["indicator"] == "" and "satisfaction_rate restated" in copy["status"]


def test_a_share_of_100_percent_is_no_copy_of_another_period_s():
    ex = _extract("全市办结率100%。\n7月，全市办结率100%。\n")
    rates = [(o["value"], o["period_label"]) for o in ex.observations]
    assert rates == [("100", "2022H1"), ("100", "2022-07")]


def test_the_same_figure_with_the_same_period_is_one_row():
    ex = _extract("上半年共收到评价3130623次。在“好差评”评价3130623次中，差评17条。\n")
    assert [o["value"] for o in ex.observations if o["indicator"] == "review_count"] == ["3130623"]
    restated = [m["status"].startswith("unmapped: review_count restated") for m in ex.mentions]
    assert restated[:2] == [False, True]
