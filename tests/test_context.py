"""What a report is about: the date it was signed, the period its figures default to, and, in a
city-wide notice, which district each numbered section speaks for."""

from datetime import date

from gwfw.extract import Report, extract
from gwfw.extract.context import (
    document_date,
    reference_period,
    report_context,
    sections,
    without_trailing_note,
)
from gwfw.extract.text_index import TextIndex

from .conftest import write_report


def _report(text: str, **meta) -> Report:
    return Report("r.txt", text, "utf-8", {"district": "綦江区", **meta})


# -- signature dates -----------------------------------------------------------------------------------


def test_the_signature_line_dates_the_report():
    text = "一、办件情况\n上半年办结率98%。\n重庆市綦江区政务服务管理办公室\n2022年7月15日\n"
    assert document_date(_report(text, published="2022-08-01")) == date(2022, 7, 15)


def test_a_bracketed_note_after_the_signature_date_is_read_past():
    text = "正文。\n重庆市荣昌区政务服务管理办公室 2023年1月16日（此件公开发布）\n"
    assert document_date(_report(text)) == date(2023, 1, 16)


def test_a_date_alone_in_brackets_under_the_title_dates_the_report():
    """「（2024年10月22日）」 under a 人大 report's title: written then, posted months later."""
    text = "关于政务服务工作的调研报告\n区人大常委会调研组\n（2024年10月22日）\n今年1-9月，办件31.8万件。"
    assert document_date(_report(text, published="2025-01-20")) == date(2024, 10, 22)
    text = "关于全区政务服务工作情况的报告\n（2024年1月1日起施行）\n正文。"  # a date in a note: no signature
    assert document_date(_report(text, published="2025-01-20")) == date(2025, 1, 20)


def test_the_line_under_a_speechs_title_dates_the_report():
    """「——2025年8月26日在…会议上」: the day a report to the congress was delivered, maybe on two lines."""
    text = "关于优化营商环境工作情况的报告\n——2025年8月26日在县第十八届人大常委会第二十九次会议上\n正文。"
    assert document_date(_report(text, published="2025-09-02")) == date(2025, 8, 26)
    text = "政府工作报告\n——2019年12月24日在武昌区第十五届人民代表大会\n第五次会议上\n正文。"
    assert document_date(_report(text, published="2020-01-10")) == date(2019, 12, 24)
    text = "政府工作报告\n（2024年12月30日在区第三届人民代表大会第五次会议上）\n正文。"
    assert document_date(_report(text, published="2025-01-10")) == date(2024, 12, 30)
    text = "会议纪要\n——2025年8月26日起实施新规\n正文。"  # (a date that opens a rule's start, no speech)
    assert document_date(_report(text, published="2025-09-02")) == date(2025, 9, 2)


def test_a_date_inside_a_sentence_is_not_a_signature():
    text = "2022年7月1日起，我区推行预审服务，办结率98%。\n"
    assert document_date(_report(text, published="2022-08-01")) == date(2022, 8, 1)  # the catalog's
    assert document_date(_report(text)) is None


def test_an_impossible_signature_date_falls_back_to_the_catalog():
    assert document_date(_report("正文。\n2022年2月30日\n", published="2022-03-02")) == date(2022, 3, 2)


def test_a_long_line_ending_in_a_date_is_not_a_signature():
    line = "据统计" + "政务服务" * 10 + "截至2022年6月30日"
    assert len(line) > 40
    assert document_date(_report(line + "\n")) is None


def test_with_no_date_in_the_catalog_the_page_address_dates_the_report():
    """Government sites write the day a page went up into its address; a catalog copied from a search
    often leaves `published` empty (the probes of December 2026 lost every figure of such pages)."""
    text = "今年以来，全区“好差评”系统共获取评价46530条，好评率99.9%。\n"
    trs = "http://www.example.gov.cn/xxgk/202312/t20231215_1234.html"
    assert document_date(_report(text, url=trs)) == date(2023, 12, 15)
    assert document_date(_report(text, url="http://www.example.gov.cn/art/2023/2/1/art_12_34.html")) == date(
        2023, 2, 1
    )
    month = document_date(_report(text, url="http://www.example.gov.cn/qxdt/202312/4ab1a26c.shtml"))
    assert month == date(2023, 12, 31)  # a month's folder: its day unknown, its last taken
    assert document_date(_report(text, published="2023-12-20", url=trs)) == date(
        2023, 12, 20
    )  # the catalog's
    got = {(o["indicator"], o["period_label"]) for o in extract(_report(text, url=trs)).observations}
    assert got == {("review_count", "2023"), ("satisfaction_rate", "2023")}
    assert extract(_report(text)).observations == []  # (no date anywhere: no period a reader could place)


def test_an_address_older_than_the_years_the_text_names_dates_nothing():
    """A page moved under an old column keeps the column's folders: a 2025 report at …/202208/… ."""
    text = "2025年，综合窗口共受理各类事项19669件。\n"
    assert (
        document_date(_report(text, url="http://www.example.gov.cn/xxgk/202208/t20220831_26.shtml")) is None
    )
    assert document_date(
        _report(text, url="http://www.example.gov.cn/xxgk/202601/t20260110_26.shtml")
    ) == date(2026, 1, 10)


def test_a_trailing_note_is_cut_at_its_opening_bracket():
    assert without_trailing_note("2023年1月16日（此件公开发布）") == "2023年1月16日"
    assert without_trailing_note("办件情况（一）") == "办件情况"
    assert without_trailing_note("办件（含网办）情况") == "办件（含网办）情况"


# -- reference periods ---------------------------------------------------------------------------------


def _reference(text: str, **meta):
    report = _report(text, **meta)
    return reference_period(report, document_date(report), TextIndex(text))


def test_the_title_gives_the_reference_period():
    ref = _reference(
        "办结率98%。\n", title="关于綦江区2022年二季度政务服务工作情况通报", published="2022-07-20"
    )
    assert (ref.start, ref.end, ref.label, ref.source) == (
        date(2022, 4, 1),
        date(2022, 6, 30),
        "2022Q2",
        "document_title",
    )


def test_without_a_title_the_text_gives_it_but_not_a_period_after_the_report():
    text = "各项工作有序推进。\n2023年计划新增窗口。2022年上半年办结率98%。\n"  # no title: its first line
    ref = _reference(text, published="2022-07-20")
    assert (ref.label, ref.source) == ("2022H1", "document_text")  # 2023 lies after the report's date


def test_a_year_dating_an_event_is_no_period_of_the_report():
    text = "中心简介\n中心于2007年7月成立，2015年更名为政务服务中心。截至目前，已办理审批事项8万余件。\n"
    assert _reference(text) is None  # a profile's founding and renaming years: no period of its figures
    ref = _reference(text, published="2020-05-06")
    assert ref.end == date(2020, 5, 6)  # 截至目前: the publication's day
    text = "中心于2007年7月成立。\n2019年全年办件8万余件。\n"  # the next phrase not dating an event gives it
    assert (_reference(text).label, _reference(text).source) == ("2019", "document_text")


def test_a_plans_span_named_after_it_is_no_period_of_the_report():
    text = "工作情况汇报\n我县制定了三年行动方案(2021-2023年)。2021年1-11月，共办结审批事项1.7万件。\n"
    ref = _reference(text)
    assert (ref.start, ref.end) == (date(2021, 1, 1), date(2021, 11, 30))  # not 2021-2023, the plan's years
    ref = _reference("工作情况汇报\n2021-2023年，我县共办结审批事项5.1万件。\n")  # the same span, no plan's
    assert (ref.start, ref.end) == (date(2021, 1, 1), date(2023, 12, 31))


def test_news_is_the_state_at_publication():
    ref = _reference(
        "大厅共有窗口50个。\n", kind="news", title="2022年上半年工作总结", published="2022-07-20"
    )
    assert (ref.start, ref.end, ref.source) == (None, date(2022, 7, 20), "publication_date")


def test_with_no_period_anywhere_the_year_to_publication_is_taken():
    ref = _reference("大厅共有窗口50个。\n", published="2022-07-20")
    assert (ref.start, ref.end, ref.source) == (date(2022, 1, 1), date(2022, 7, 20), "publication_date")
    assert _reference("大厅共有窗口50个。\n") is None  # no date at all: no period, said so in the rows


def test_early_in_january_a_report_speaks_of_the_year_just_ended():
    """「今年，中心取号量33.5万个」 in news of 8 January is about the year before; on 16 January, or with a
    period of its own, the usual rules hold."""
    text = "今年，中心取号量33.5万个。\n"
    ref = _reference(text, kind="news", title="中心推动政务服务均衡发展", published="2024-01-08")
    assert (ref.start, ref.end, ref.label) == (date(2023, 1, 1), date(2023, 12, 31), "2023")
    ref = _reference(text, published="2024-01-08")
    assert (ref.start, ref.end) == (date(2023, 1, 1), date(2023, 12, 31))
    ref = _reference(text, kind="news", title="中心推动政务服务均衡发展", published="2024-01-16")
    assert (ref.start, ref.end) == (None, date(2024, 1, 16))
    ref = _reference(text, title="2024年1月政务服务工作动态", published="2024-01-08")
    assert (ref.source, ref.end) == ("document_title", date(2024, 1, 8))


def test_a_government_work_report_early_in_a_year_reviews_the_year_before():
    """A work report delivered to the people's congress in January to March reports on the year before,
    though its title names the year of delivery; delivered later, or titled with an earlier period of its
    own (a progress report on its tasks), the usual rules hold."""
    text = "全区政务服务事项网上可办率达99.9%，办件量12万件。\n"
    title = "政府工作报告——2024年1月15日在綦江区第十八届人民代表大会第四次会议上"
    ref = _reference(text, title=title, published="2024-01-20")
    assert (ref.start, ref.end, ref.label) == (date(2023, 1, 1), date(2023, 12, 31), "2023")
    ref = _reference(text, title="綦江区2024年政府工作报告", published="2024-02-20")
    assert (ref.start, ref.end) == (date(2023, 1, 1), date(2023, 12, 31))
    ref = _reference(text, title="綦江区2024年政府工作报告", published="2024-06-20")
    assert (ref.start, ref.end) == (date(2024, 1, 1), date(2024, 6, 20))
    ref = _reference(text, title="2021年度四季度政府工作报告任务进展情况", published="2022-01-25")
    assert (ref.start, ref.end) == (date(2021, 10, 1), date(2021, 12, 31))
    obs = extract(_report(text, title=title, published="2024-01-20")).observations
    assert {(o["indicator"], o["period_label"]) for o in obs} == {
        ("online_available_rate", "2023"),
        ("cases_total", "2023"),
    }


def test_a_five_year_plan_named_in_the_title_or_in_an_undated_text_gives_its_years():
    """News audit 2: 「“十三五”回顾」 dates a report on the plan's five years (title), and so does
    「“十三五”期间」 in a text with no date at all; a dated news item naming a plan keeps its date."""
    text = "“十三五”期间，中心累计办理审批服务事项85万余件。\n"
    ref = _reference(text, title="“十三五”回顾")
    assert (ref.start, ref.end, ref.source) == (date(2016, 1, 1), date(2020, 12, 31), "document_title")
    ref = _reference("中心工作回顾\n" + text)  # no title: the first line, which names no plan
    assert (ref.start, ref.end, ref.source) == (date(2016, 1, 1), date(2020, 12, 31), "document_text")
    ref = _reference(text, kind="news", title="中心召开务虚会", published="2021-03-02")
    assert (ref.start, ref.end, ref.source) == (None, date(2021, 3, 2), "publication_date")


def test_a_plan_since_it_began_runs_to_the_report_not_to_the_plans_end():
    """「“十四五”以来」 in a title of January 2024: the plan's years so far, not 2021-2025 (its end lies after
    the report); a plan's own document keeps its span."""
    text = "全区累计办理政务服务事项58万件。\n"
    ref = _reference(text, title="綦江区“十四五”以来政务服务工作综述", published="2024-01-10")
    assert (ref.start, ref.end, ref.label) == (date(2021, 1, 1), date(2024, 1, 10), "2021-01–2024-01")
    ref = _reference(text, title="綦江区数字政府建设“十四五”行动方案", published="2022-04-27")
    assert (ref.start, ref.end) == (date(2021, 1, 1), date(2025, 12, 31))


def test_news_early_in_a_year_naming_the_year_just_ended_reports_on_it():
    """A results list published on 20 February 2024 whose text first names the end of 2023 gives the
    stocks at the end of 2023; 「当前位置」 (the page's path) restates the publication date and is passed
    over. Later in the year, or with the current year named first, the publication date holds."""
    text = "当前位置: 首页\n推出108个“一件事一次办”服务事项。\n截至2023年年底，平台汇聚政策1484个。\n"
    ref = _reference(text, kind="news", title="政务服务成绩单", published="2024-02-20")
    assert (ref.start, ref.end, ref.source) == (date(2023, 1, 1), date(2023, 12, 31), "document_text")
    ref = _reference(text, kind="news", title="政务服务成绩单", published="2024-07-20")
    assert (ref.start, ref.end, ref.source) == (None, date(2024, 7, 20), "publication_date")
    text = "当前位置: 首页\n今年1月，推出108个“一件事一次办”服务事项。\n截至2023年年底，汇聚政策1484个。\n"
    ref = _reference(text, kind="news", title="政务服务成绩单", published="2024-02-20")
    assert (ref.start, ref.end, ref.source) == (None, date(2024, 2, 20), "publication_date")


# -- sections of a city-wide notice --------------------------------------------------------------------

CITY_NOTICE = (
    "重庆市政务服务管理办公室关于2022年二季度政务服务工作情况的通报\n"
    "全市办结率99%。\n"
    "一、九龙坡区推行预审服务\n九龙坡区办结率98%。\n"
    "二、巴南区优化窗口\n巴南区大厅共有窗口40个。\n"
    "三、下一步工作\n全市将继续推进。\n"
)


def test_a_city_notice_gives_each_district_section_to_its_district():
    report = Report("city.txt", CITY_NOTICE, "utf-8", {"district": "重庆市", "title": "2022年二季度通报"})
    parts, warnings = sections(report, TextIndex(CITY_NOTICE))
    assert warnings == ()
    names = [(s.district, CITY_NOTICE[s.start : s.end].splitlines()[0]) for s in parts]
    assert names == [
        ("重庆市", "重庆市政务服务管理办公室关于2022年二季度政务服务工作情况的通报"),
        ("九龙坡区", "一、九龙坡区推行预审服务"),
        ("巴南区", "二、巴南区优化窗口"),
        ("重庆市", "三、下一步工作"),  # a section naming no district stays the city's
    ]
    assert [s.code for s in parts[1:3]] == ["500107", "500113"]
    assert parts[0].start == 0 and parts[-1].end == len(CITY_NOTICE)


def test_a_heading_is_its_own_line_not_the_county_opening_the_next():
    """「二、各县（市、区）情况」 names no county, though the line after it opens with one: the section
    stays the city's; each county's item (「（一）通川区：…」) is that county's section, and its figures go
    to that county."""
    text = (
        "一、总体情况\n5月，全市共产生办件23.5万件，主动评价率92.8%。\n"
        "二、各县（市、区）情况\n（一）通川区：办件量3.2万件，主动评价率90.6%。\n"
        "（二）达川区：办件量2.8万件，主动评价率96.4%。\n"
    )
    report = Report("city.txt", text, "utf-8", {"district": "达州市", "published": "2023-06-08"})
    parts, _ = sections(report, TextIndex(text))
    names = [(s.district, text[s.start : s.end].splitlines()[0]) for s in parts]
    assert names == [
        ("达州市", "一、总体情况"),
        ("通川区", "（一）通川区：办件量3.2万件，主动评价率90.6%。"),
        ("达川区", "（二）达川区：办件量2.8万件，主动评价率96.4%。"),
    ]
    rows = {(o["district"], o["indicator"], o["value"]) for o in extract(report).observations}
    assert ("达川区", "cases_total", "28000") in rows and ("通川区", "cases_total", "32000") in rows
    assert ("达州市", "active_review_rate", "92.8") in rows


def test_a_district_report_is_one_section_whatever_its_headings():
    text = "一、九龙坡区经验借鉴\n我区办结率98%。\n"
    parts, _ = sections(_report(text), TextIndex(text))
    assert [(s.district, s.start, s.end) for s in parts] == [("綦江区", 0, len(text))]


def test_the_figures_of_a_city_notice_land_in_their_districts(tmp_path):
    from gwfw.dataset.build import extract_folder

    raw = tmp_path / "raw"
    write_report(raw, "city.txt", CITY_NOTICE.encode("utf-8"), district="重庆市", title="2022年二季度通报")
    rows = {(o["district"], o["indicator"], o["value"]) for o in extract_folder(raw).observations}
    assert ("九龙坡区", "completion_rate", "98") in rows and ("重庆市", "completion_rate", "99") in rows
    assert ("巴南区", "windows_total", "40") in rows


def test_the_context_puts_it_together():
    text = CITY_NOTICE + "重庆市政务服务管理办公室\n2022年7月15日\n"
    report = Report("city.txt", text, "utf-8", {"district": "重庆市", "title": "2022年二季度通报"})
    ctx = report_context(report, TextIndex(text))
    assert ctx.doc_date == date(2022, 7, 15) and ctx.year == 2022 and ctx.reference.label == "2022Q2"
    assert ctx.section_at(text.index("巴南区大厅")).district == "巴南区"
    assert ctx.section_at(0).district == "重庆市"


def test_without_a_title_the_first_line_not_blank_is_read_as_one_however_long():
    title = "关于綦江区" + "政务服务" * 600 + "2022年二季度工作情况通报"  # longer than the opening read first
    body = "\n2021年办结率98%。"
    for text in ("\n \u3000\r\n" + title + body, "\n\n" + title[-18:] + body):
        ref = _reference(text, published="2022-07-20")
        assert (ref.label, ref.source) == ("2022Q2", "document_title")


def test_news_on_the_year_just_ended_dates_its_now_words_by_its_own_date():
    """Blind audit 9: an interview of 29 May 2019 that first names 2018 (「去年全年…」) reports on 2018,
    but its 「目前」 and 「成立三年来」 run to the day it was published; a report's, to its period's end."""
    text = "去年全年办结业务12万件。\n目前，中心进驻行政许可事项408项。中心成立三年来，累计办结业务35万件。\n"
    meta = {"district": "辽宁省", "title": "中心成立三年", "published": "2019-05-29"}

    def rows(text: str, **more) -> dict[str, dict]:
        return {o["value"]: o for o in extract(Report("r.txt", text, "utf-8", {**meta, **more})).observations}

    news = rows(text, kind="news")
    assert news["120000"]["period_label"] == "2018"
    assert news["408"]["period_label"] == "as of 2019-05-29"
    assert (news["350000"]["period_start"], news["350000"]["period_end"]) == ("2016-05-01", "2019-05-29")
    assert rows("2018年工作总结\n" + text)["408"]["period_label"] == "as of 2018-12-31"


def test_a_figure_no_reader_could_place_in_time_stays_a_mention_that_says_why():
    """Blind audits 7 and 12: a profile page with no date and no period in its text gave figures of no
    period, which no comparison can use; the catalog's published date is what dates them."""
    text = "目前，中心共有86个工作窗口，截至目前累计办件9171件。\n"
    undated = extract(_report(text))
    assert undated.observations == []
    assert [m["status"] for m in undated.mentions] == [
        "unmapped: windows_total of no period (none in its text, no published date in the catalog)",
        "unmapped: cases_total of no period (none in its text, no published date in the catalog)",
    ]
    dated = extract(_report(text, published="2024-03-01"))
    assert [(o["indicator"], o["period_label"]) for o in dated.observations] == [
        ("windows_total", "as of 2024-03-01"),
        ("cases_total", "as of 2024-03-01"),
    ]


def test_a_title_opening_with_last_year_counts_its_years_from_the_publication():
    """Blind audit 27: an item of 3 April 2025 of no known kind, whose first line is 「去年，…」, reports on
    2024: its 去年 is 2024 (not the year before the 2024 its text names), so the headline and the body's
    figure are one row. A title that opens with no such word keeps the report's own year."""
    text = (
        "去年，厦门“高效办成一件事”办件量超16万件，居全省第一\n"
        "2024年，厦门全力推进改革，“高效办成一件事”全年办件量突破16万件。\n"
    )
    rows = extract(_report(text, district="厦门市", published="2025-04-03")).observations
    got = [(o["indicator"], o["value"], o["period_end"]) for o in rows]
    assert got == [("one_thing_cases", "160000", "2024-12-31")]
    other = "厦门办好“一件事”\n2024年，厦门“高效办成一件事”全年办件量突破16万件。去年办件量为12万件。\n"
    rows = extract(_report(other, district="厦门市", published="2025-04-03")).observations
    assert sorted(o["period_end"] for o in rows) == ["2023-12-31", "2024-12-31"]
