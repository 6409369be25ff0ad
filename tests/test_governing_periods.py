"""Which period governs a figure when its own sentence names none: a few sentences back in its
paragraph, the heading of its section, then the report's own period."""

from gwfw.extract.rows import Report, extract


def periods_of(
    text: str,
    title: str = "2023年政务服务工作总结",
    published: str = "2023-07-20",
    kind: str = "annual_report",
):
    meta = {"district": "綦江区", "kind": kind, "title": title, "published": published}
    ex = extract(Report("t.txt", text, "utf-8", meta))
    return [(o["indicator"], o["period_label"], o["period_source"]) for o in ex.observations]


def test_a_period_in_the_sentence_before_governs_the_rates_after_it():
    got = periods_of("今年上半年，我区政务服务工作稳步推进。全区网上可办率达99.5%，办结率100%。")
    assert got == [
        ("online_available_rate", "2023H1", "paragraph"),
        ("completion_rate", "2023H1", "paragraph"),
    ]


def test_a_year_dating_an_event_does_not_govern_the_figures_below_it():
    text = "2019年，区政务服务中心搬迁至新址。大厅引入银行服务。网上可办率达99.5%。"
    assert periods_of(text) == [("online_available_rate", "2023", "document_title")]


def test_a_figure_up_to_an_unknown_now_takes_no_period_from_the_sentences_before():
    """An undated profile: 「截至目前」 names the figure's own time, which nothing dates; the month that
    opens the paragraph (a founding, with figures of its own) is not its time, so the figure has none and
    stays a mention (rows.py)."""
    text = "2007年7月成立审批中心，共合并取消行政审批项目174项。截至目前，已办理行政审批事项8万余件。"
    assert periods_of(text, title="中心简介", published="") == []
    got = periods_of(text, title="中心简介", published="2020-05-06")  # a date: 目前 is the publication's
    assert got == [("cases_total", "as of 2020-05-06", "sentence")]


def test_a_period_inside_a_paragraph_reaches_only_a_few_sentences():
    text = "我区持续深化改革。上半年，全区办件量1000件。甲。乙。丙。丁。网上可办率达99.5%。"
    assert periods_of(text) == [
        ("cases_total", "2023H1", "sentence"),
        ("online_available_rate", "2023", "document_title"),
    ]


def test_a_period_opening_a_paragraph_of_results_governs_all_of_it():
    """「上半年，全区办件量…。…。网上可办率…」: the paragraph reports that half-year's results to its end."""
    text = "上半年，全区办件量1000件。甲。乙。丙。丁。网上可办率达99.5%。\n网办率80%。"
    assert periods_of(text) == [
        ("cases_total", "2023H1", "sentence"),
        ("online_available_rate", "2023H1", "paragraph"),
        ("online_case_rate", "2023", "document_title"),
    ]


def test_a_date_of_an_event_within_the_report_period_governs_no_figure():
    text = "2023年3月，区政务服务中心搬迁至新址。大厅引入银行服务。网上可办率达99.5%。"
    assert periods_of(text) == [("online_available_rate", "2023", "document_title")]


def test_a_heading_period_governs_its_section():
    text = (
        "一、今年上半年工作情况\n全区网上可办率达99.5%。\n（一）网上办理\n网办率80%。\n"
        "二、服务效能\n全年办件量1000件。"
    )
    assert periods_of(text) == [
        ("online_available_rate", "2023H1", "section"),
        ("online_case_rate", "2023H1", "section"),
        ("cases_total", "2023", "sentence"),  # 全年: the report's year, stated
    ]


def test_a_monthly_bulletin_figures_are_for_its_month():
    text = "4月1日至4月30日，全区共受理政务服务事项12000件。\n本月主动评价率99%。"
    got = periods_of(text, title="政务服务工作月报", published="2023-05-08")
    assert got == [("cases_accepted", "2023-04", "sentence"), ("active_review_rate", "2023-04", "sentence")]


def test_this_month_in_a_bulletin_dated_early_is_the_month_just_ended():
    text = "本月，全区共受理政务服务事项12000件。"
    early = periods_of(text, title="政务服务工作月报", published="2023-01-06")
    late = periods_of(text, title="政务服务工作月报", published="2023-01-30")
    assert early == [("cases_accepted", "2022-12", "sentence")]
    assert late[0][1] != "2022-12"  # dated late in its month: that month


def test_a_bulletin_of_a_month_in_chinese_numerals_dates_flows_to_it_and_stocks_to_its_end():
    """「四月份，…受理…件」 in a bulletin published in May: April, not the publication date; a stock as of
    April's end."""
    text = "四月份，全县共受理政务服务事项13736件。\n目前，大厅共有窗口45个。"
    got = periods_of(text, title="政务服务工作情况", published="2023-05-05", kind="")
    assert got == [
        ("cases_accepted", "2023-04", "sentence"),
        ("windows_total", "as of 2023-04-30", "sentence"),
    ]


def test_a_december_bulletin_published_in_january_belongs_to_the_year_before():
    text = "本月，全县共受理政务服务事项13736件。"
    got = periods_of(text, title="十二月份政务服务月报", published="2024-01-20")
    assert got == [("cases_accepted", "2023-12", "sentence")]


def test_the_baseline_of_a_comparison_governs_no_figure():
    """「对比2019年底，…压缩41.9%。…」: 2019 is what the figures are compared with, not their period."""
    text = "全区网上可办率达99%，对比2019年底，承诺办理时限压缩41.9%。大厅共有窗口45个。"
    assert periods_of(text) == [
        ("online_available_rate", "2023", "document_title"),
        ("time_limit_reduction_rate", "2023", "document_title"),
        ("windows_total", "as of 2023-07-20", "document_title"),
    ]


def test_a_month_not_yet_over_at_publication_is_of_the_same_year():
    """「四月份…」 in a bulletin of 28 April: April of that year up to its date, not April a year before."""
    text = "四月份，全县共受理政务服务事项13736件。"
    got = periods_of(text, title="政务服务工作情况", published="2023-04-28")
    assert got == [("cases_accepted", "2023-04", "sentence")]


def test_news_on_the_year_just_ended_still_says_this_year_of_its_own():
    """News of March 2024 first naming the year just ended (「去年」) reports on 2023, but counts its
    years from its own date: 去年 is 2023 (not 2022), 今年以来 is 2024 (not 2023)."""
    text = "去年，全县共办理各类政务服务事项26.8万件。今年以来，受理各类事项3.1万件。"
    got = periods_of(text, title="政务服务再提速", published="2024-03-12", kind="news")
    assert [(code, label) for code, label, _ in got] == [("cases_total", "2023"), ("cases_accepted", "2024")]


def test_a_period_named_before_it_ends_keeps_its_name():
    """A half-year summary written on 15 June: its figures run to that day, yet a reader compares them with
    other half-years, not with whole years (the year to date would also clash with the annual report)."""
    half = {"title": "2023年上半年工作总结", "published": "2023-06-15"}
    assert periods_of("上半年，全区办件量1000件。", **half) == [("cases_total", "2023H1", "sentence")]
    assert periods_of("全区办件量1000件。", **half) == [("cases_total", "2023H1", "document_title")]
    got = periods_of("一季度，全区办件量1000件。", published="2023-03-25")
    assert got == [("cases_total", "2023Q1", "sentence")]
    meta = {"district": "綦江区", "kind": "annual_report", **half}
    (row,) = extract(Report("t.txt", "上半年，全区办件量1000件。", "utf-8", meta)).observations
    assert (row["period_start"], row["period_end"]) == ("2023-01-01", "2023-06-15")  # never past the report
    # counterpart: the year to date stays the year
    assert periods_of("今年以来，全区办件量1000件。", **half) == [("cases_total", "2023", "sentence")]


def test_a_period_not_over_ends_where_the_report_does():
    """「全年累计」 in a bulletin on September published on 8 October: January to September, what the bulletin
    covers, not to the day it came out; 「截至10月5日」, over by then, keeps its own date."""
    meta = {"district": "綦江区", "kind": "monthly_bulletin", "title": "2023年9月政务服务运行情况"}
    text = "当月全区办件2.8万件，全年累计办件24.6万件。截至10月5日，全区共设置综合窗口45个。"
    rows = extract(Report("t.txt", text, "utf-8", {**meta, "published": "2023-10-08"})).observations
    got = [(o["indicator"], o["period_start"], o["period_end"]) for o in rows]
    assert got == [
        ("cases_total", "2023-09-01", "2023-09-30"),
        ("cases_total", "2023-01-01", "2023-09-30"),
        ("comprehensive_windows", "", "2023-10-05"),
    ]


def test_years_up_to_a_year_end_start_the_month_after():
    """「五年来」 in a 政府工作报告 of January, which reviews the year before: 2019 to 2023, not from
    December 2018."""
    text, title = "五年来，累计办理政务服务事项520万件。", "2024年政府工作报告"
    got = periods_of(text, title=title, published="2024-01-20")
    assert got == [("cases_total", "2019-01–2023-12", "sentence")]


def test_this_quarter_in_a_bulletin_is_the_quarter_it_covers():
    """「本季度」 in the bulletin of a quarter's month, or dated early in the month after: that quarter."""
    title = "2024年9月政务服务工作动态"
    assert periods_of("本季度办件量4万件。", title=title, published="2024-10-08") == [
        ("cases_total", "2024Q3", "sentence")
    ]
    assert periods_of("本季度办件量4万件。", title="政务服务工作动态", published="2024-10-08") == [
        ("cases_total", "2024Q3", "sentence")
    ]
    # counterpart: 本月 stays the month
    assert periods_of("本月办件量1.3万件。", title=title, published="2024-10-08") == [
        ("cases_total", "2024-09", "sentence")
    ]
