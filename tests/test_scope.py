"""Whose figure a mapped number is: distractors that must not become observations (each kept in the
mentions with its reason), narrower scopes, and how far a figure can be trusted."""

import pytest

from gwfw.extract.rows import Report, extract

META = {
    "district": "綦江区",
    "kind": "annual_report",
    "title": "2023年政务服务工作总结",
    "published": "2024-01-10",
}


def run(text: str, **meta):
    return extract(Report("t.txt", text, "utf-8", {**META, **meta}))


# text, the reason every indicator-worded figure in it must carry instead of becoming an observation
DISTRACTORS = [
    # 12345 hotline and supervision
    ("12345热线共受理群众诉求12000件，办结率99.5%，满意率98.7%，及时办结率97%。", "hotline"),
    ("全区12345政务服务便民热线受理工单3.2万件。即时办结率95%，按时办结率99%。", "hotline"),
    ("区政府督办710件任务，办结率100%。", "hotline"),
    # targets in plans
    ("力争到2025年，全区政务服务事项网上可办率达到100%。", "target"),
    ("到2025年，全程网办率达到95%以上。", "target"),
    ("目标：依申请政务服务事项网上可办率达到98%。", "target"),
    # changes, not stocks
    ("全年取消行政许可事项12项，下放行政许可事项30项。", "change"),
    ("调整行政许可事项8项。", "change"),
    # averages read as totals
    ("大厅月均办件量1.2万件，日均办件量600件。", "average"),
    # one department's or one sub-unit's figures
    ("区税务局办件量12000件，办结率100%。", "not the district's"),
    ("不动产登记中心全年受理业务8000件。", "not the district's"),
    ("古南街道便民服务中心办件量3000件。", "not the district's"),
    # a city-wide figure in a district's report
    ("全市网上可办率达99%。", "全市's figure"),
]


@pytest.mark.parametrize("text,why", DISTRACTORS, ids=[d[0][:14] for d in DISTRACTORS])
def test_distractors_are_kept_as_mentions_with_their_reason(text, why):
    ex = run(text)
    assert ex.observations == []
    figures = [m for m in ex.mentions if m["unit"] in ("%", "件", "项") and m["text"] != "12345"]
    assert figures and all(why in m["status"] for m in figures), [(m["text"], m["status"]) for m in figures]


def test_the_district_figures_beside_distractors_stay():
    ex = run("全市网上可办率达99%，我区网上可办率达99.5%。区政府督办710件任务。全区办件量12万件。")
    assert [(o["indicator"], o["value"]) for o in ex.observations] == [
        ("online_available_rate", "99.5"),
        ("cases_total", "120000"),
    ]


def test_a_plan_states_targets_except_its_baseline():
    text = "截至2022年底，全区网上可办率达95%。全区网上可办率达到100%，全程网办率达到90%。"
    ex = run(text, title="綦江区2023年政务服务工作要点")
    assert [(o["indicator"], o["value"]) for o in ex.observations] == [("online_available_rate", "95")]
    assert sum("a target" in m["status"] for m in ex.mentions) == 2


def test_a_plans_sentence_naming_a_year_before_the_plans_states_its_baseline():
    """「2024年，全区…共办件36.2万件」 in the plan for 2025 is what the plan builds on, a result."""
    text = "2025年目标：全程网办率达到90%以上。2024年，全区政务服务中心共办件36.2万件，网上可办率达99.2%。"
    ex = run(text, title="2025年政务服务工作要点", published="2025-02-10")
    assert [(o["indicator"], o["value"]) for o in ex.observations] == [
        ("cases_total", "362000"),
        ("online_available_rate", "99.2"),
    ]
    assert (
        run(
            text.replace("2024年", "2025年"), title="2025年政务服务工作要点", published="2025-02-10"
        ).observations
        == []
    )


def test_a_title_naming_an_action_reports_its_results_but_one_naming_its_plan_states_targets():
    """「实施“三项行动”…」 titles a report on an action under way; 「…行动方案」 the plan of one."""
    text = "2023年，全区网上可办率达95%，全程网办率达90%。"
    done = run(text, title="实施“三项行动”全力提升政务服务效能")
    assert [(o["indicator"], o["value"]) for o in done.observations] == [
        ("online_available_rate", "95"),
        ("fully_online_rate", "90"),
    ]
    planned = run(text, title="綦江区政务服务提质增效三年行动方案")
    assert planned.observations == [] and sum("a target" in m["status"] for m in planned.mentions) == 2


def test_a_plan_section_of_a_report_states_targets():
    text = "一、工作成效\n全区网上可办率达99%。\n二、下一步工作计划\n全区网上可办率达到100%。"
    ex = run(text)
    assert [(o["indicator"], o["value"]) for o in ex.observations] == [("online_available_rate", "99")]


def test_a_notices_requirements_section_states_targets():
    """A notice ends with what it asks of its units (「三、工作要求」): a rate there is a floor to keep, not a
    result. The results above it stay."""
    text = (
        "一、总体情况\n第三季度，全区主动评价率为96.3%。\n三、工作要求\n"
        "各镇街要对照通报，查找不足，确保主动评价率稳定在95%以上。"
    )
    ex = run(text, published="2023-10-12")
    assert [(o["indicator"], o["value"]) for o in ex.observations] == [("active_review_rate", "96.3")]
    assert any(m["value"] == "95" and "a target" in m["status"] for m in ex.mentions)


def test_a_heading_of_both_results_and_plans_is_no_plan_section():
    """A title line 「2024年工作总结及2025年工作计划」 (here the second line of a title set on two) heads the
    results too; the plan has its own heading."""
    text = (
        "綦江区政务服务中心\n2024年工作总结及2025年工作计划\n一、2024年工作成效\n全区一窗受理率100%。\n"
        "二、2025年工作计划\n全区网上可办率达到100%。"
    )
    ex = run(text, title="綦江区政务服务2024年工作总结及2025年工作计划", published="2025-01-10")
    assert [(o["indicator"], o["value"]) for o in ex.observations] == [("one_window_rate", "100")]
    assert any("a target" in m["status"] for m in ex.mentions)


SCOPED = [
    (
        "2022年我区“粤智助”政府服务自助机服务用户人数共35293人,业务办理量共62634笔。",
        "cases_total",
        "venue:自助机",
    ),
    ("实现231项“一件事一次办”集成服务,时限压缩率达66.7%。", "time_limit_reduction_rate", "programme:一件事"),
    ("预审窗口共受理业务27650件，群众“好差评”评价满意率达100%。", "satisfaction_rate", "venue:预审窗口"),
    ("全年办件量163506件，其中政务大厅办件量77144件。", "cases_total", "part:政务大厅"),
    ("全年办件量163506件，其中办件量77144件为线上办理。", "cases_total", "part:其中"),  # no name of its own
    ("全年共办件56.2万件，其中“秦务员”平台办件21.3万件。", "cases_total", "part:秦务员平台"),
    ("全区各镇街便民服务中心办件量3000件。", "cases_total", "venue:镇街"),
    # the centres below the hall, counted: the townships' or streets' together; alone, a county's own hall
    ("全区14个便民服务中心共产生办件2948件。", "cases_total", "venue:便民服务中心"),
    ("全区5个街道便民服务中心可受理事项325项，全年办件12936件。", "cases_total", "venue:街道便民服务中心"),
    ("县便民服务中心全年办件12万件。", "cases_total", ""),
    # a programme named in the figure's own clause is its subject: a channel before it does not narrow it
    ("全区2492项事项实现“掌上办”，325项实现“零材料”办理。", "zero_material_items", ""),
    ("实现“跨省通办”事项120项，办件量3000件。", "cases_total", "programme:跨省通办"),
    ("全年提供上门服务86次，办理业务230件。", "cases_total", "programme:上门服务"),
    # the channel named further back (right before 办件量, 「掌上办办件量」, it names a mode's cases: no row)
    ("通过“掌上办”渠道办件1.15万件，占比3.3%。", "cases_total", "channel:掌上办"),
    ("基层便民服务中心(站)办理完成各类事项257万件。", "cases_total", "venue:基层便民服务"),
    # a city's counties together, and a service hours programme (weekends and holidays)
    ("截止今年5月，各县区办件量163件，咨询量474件。", "cases_total", "venue:各县区"),
    ("推出双休日、节假日“不打烊”服务以来，市政务大厅累计办件15527件。", "cases_total", "programme:不打烊"),
]


@pytest.mark.parametrize("text,indicator,scope", SCOPED, ids=[s[2] for s in SCOPED])
def test_a_narrower_scope_is_kept_with_the_figure(text, indicator, scope):
    got = [o["scope"] for o in run(text).observations if o["indicator"] == indicator]
    assert got[-1] == scope


def test_each_part_of_a_breakdown_is_named_so_parts_are_told_apart():
    text = (
        "全年共受理办件19万件，办结率99.9%，其中窗口受理6487件，办结6445件，办结率99.4%，"
        "统一平台受理各类办件5974件，办结5849件，办结率97.9%。"
        "全年收到评价12万条。其中，政务服务网收到评价数9万条，短信评价数2万条，办事指南评价6条，办件评价1万条。"
    )
    got = [(o["indicator"], o["value"], o["scope"]) for o in run(text).observations if o["scope"]]
    assert got == [
        ("cases_accepted", "6487", "part:窗口"),
        ("completion_rate", "99.4", "part:窗口"),  # (办结 was not stated for the whole: it is no part)
        ("cases_accepted", "5974", "part:统一平台"),
        ("completion_rate", "97.9", "part:统一平台"),
        ("review_count", "90000", "part:政务服务网"),
        ("review_count", "20000", "part:短信"),
        ("review_count", "10000", "part:其中"),  # after another part's count of reviews: its own name
    ]


def test_a_rate_after_qizhong_is_a_part_only_of_the_same_rate_stated_before():
    turnout = "4-6月份累计办件3816件，群众参与投票3811件，投票率99.87%。其中：满意票3808张，占比99.79%。"
    got = {o["indicator"]: o["scope"] for o in run(turnout).observations}
    assert got["satisfaction_rate"] == ""  # the district's satisfaction rate, not a part of the turnout
    same = run("全年满意率99.9%。其中，窗口满意率99.8%。").observations
    assert [(o["value"], o["scope"]) for o in same] == [("99.9", ""), ("99.8", "part:窗口")]


def test_a_paragraph_opening_with_qizhong_breaks_down_the_one_before_an_empty_line():
    text = "共受理各类审批业务39件，办结39件。\n\n其中，市政设施类审批受理8件，办结8件；广告审批受理22件。"
    got = [(o["value"], o["scope"]) for o in run(text).observations if o["indicator"] == "cases_accepted"]
    assert got == [("39", ""), ("8", "part:市政设施类审批"), ("22", "part:广告审批")]


def test_a_parts_figures_share_its_name_across_a_clause_no_name_gives():
    text = "共受理审批业务39件，办结39件。其中，市政设施类审批受理8件，现场勘查8次，办结8件。"
    got = [(o["indicator"], o["scope"]) for o in run(text).observations if o["value"] == "8"]
    assert got == [("cases_accepted", "part:市政设施类审批"), ("cases_completed", "part:市政设施类审批")]


def test_a_countys_figure_in_its_citys_breakdown_is_no_part():
    text = "2016年全市政务服务中心总计办件量122.7万件，其中市本级14.0万件，汉滨区52.4万件、汉阴县20.0万件。"
    ex = run(text, district="安康市", title="2016年安康市政务服务工作总结", published="2016-12-31")
    got = {(o["district"], o["value"]): o["scope"] for o in ex.observations}
    assert got[("汉滨区", "524000")] == got[("汉阴县", "200000")] == ""


def test_counts_that_add_up_to_the_one_before_them_are_its_parts():
    text = "共进驻部门31个，设立服务窗口120个，地区窗口54个，加区窗口66个。"
    got = [(o["indicator"], o["value"], o["scope"]) for o in run(text).observations]
    assert got == [
        ("windows_total", "120", ""),
        ("windows_total", "54", "part:地区窗口"),
        ("windows_total", "66", "part:加区窗口"),
    ]
    # counterparts: figures that do not add up, or parts named alike, stay as they are
    for text in (
        "设立服务窗口120个，地区窗口54个，加区窗口60个。",
        "全年受理3000件，受理1200件，受理1800件。",
    ):
        assert all(o["scope"] == "" for o in run(text).observations)


@pytest.mark.parametrize(
    "text",
    [
        "推进“一件事一次办”。全区网上可办率达99%。",  # another sentence
        "深化“一件事一次办”改革，全区网上可办率达99%。",  # the district named in between
        "建成企业开办、民生服务等11类综合窗口，设置无差别综合窗口13个。",  # one item of a list
        "2022年全区共投放“粤智助”政府服务自助机71台。",  # a count of the venue itself
        "自助区涵盖了区公安局、区市场监督管理局5个部门12台自助设备。",  # a list of departments
        "网上可办率、一窗通办率及全程网办率均达到100%。",  # 通办 inside an indicator's name is no programme
    ],
)
def test_district_figures_have_no_scope(text):
    obs = run(text).observations
    assert obs and all(o["scope"] == "" for o in obs)


def test_confidence_follows_the_rule_and_the_period():
    text = "上半年，全区办结率99%。\n网上可办率达98%。\n“一件事一次办”今年累计办理1500件。"
    conf = {o["indicator"]: o["confidence"] for o in run(text).observations}
    assert conf["completion_rate"] == "high"  # the name before it, the period in its sentence
    assert conf["online_available_rate"] == "high"  # the report's title names the year
    assert conf["one_thing_cases"] == "low"  # a programme reaching across its sentence
    ex = run("网上可办率达98%。", title="政务服务工作情况", published="2023-07-01")
    assert ex.observations[0]["confidence"] == "medium"  # the period is the publication's


@pytest.mark.parametrize(
    "text, district, hotline",
    [
        # the hotline's word governs the next sentence of its paragraph, not the next paragraph
        ("12345热线共受理群众诉求12000件。办结率99.5%。\n全区政务服务事项办结率99.8%。", ["99.8"], ["99.5%"]),
        # a hotline paragraph between two of the hall's: each paragraph is judged on its own words
        (
            "全区政务服务事项办结率99.8%。\n区信访局来信办结率99.5%，12345热线办结率99.1%。\n全区政务服务满意率99.9%。",
            ["99.8", "99.9"],
            ["99.5%", "99.1%"],
        ),
    ],
)
def test_a_hotline_word_governs_its_own_paragraph_only(text, district, hotline):
    ex = run(text)
    assert [o["value"] for o in ex.observations] == district
    assert [m["text"] for m in ex.mentions if "hotline" in m["status"] and "%" in m["text"]] == hotline


def test_a_numbered_heading_of_other_business_governs_its_section():
    """Audit 50: 「二、依申请公开情况」 heads requests for disclosure, 「二、12345…热线运行情况」 the
    hotline's cases; the next numbered heading ends them. A site's breadcrumb (「当前位置：首页>>信息公开」)
    heads nothing, and a section of what was published (主动公开) may hold the hall's figures."""
    text = (
        "当前位置：首页>>信息公开>>工作报告\n一、政务服务大厅运行情况\n全年受理各类办件15.6万件，办结率99.9%。\n"
        "二、12345政务服务便民热线运行情况\n全年共受理3.2万件，办结率99.5%，满意率98.7%。\n"
        "三、政府信息依申请公开情况\n全年收到申请25件，办结25件，按时办结率100%。\n"
        "四、政府信息主动公开情况\n本年度受理行政许可业务66295件。\n"
    )
    got = [(o["indicator"], o["value"]) for o in run(text).observations]
    assert got == [("cases_accepted", "156000"), ("completion_rate", "99.9"), ("cases_accepted", "66295")]


def test_a_title_naming_the_hotline_makes_the_report_the_hotlines():
    """Audit 50: a city's monthly 12345 notice ranks its units; a unit's 按时办结率 is the hotline's."""
    text = "一、考评情况\n本月，按时办结率99.67%，考评得分95分。"
    assert run(text, title="2022年2月份市12345在线平台绩效考评情况通报").observations == []
    counterpart = run(text, title="2022年2月份政务服务“好差评”情况通报")  # (the hall's word in the title)
    assert [o["indicator"] for o in counterpart.observations] == ["on_time_completion_rate"]


def test_a_title_naming_a_town_makes_the_report_the_towns_own():
    """A street's or town's report catalogued under its district: its centre's figures are the street's,
    but a sentence naming the whole district or its hall states the district's."""
    text = (
        "上半年，东沙街道便民服务中心共受理群众办事事项3862件。中心设窗口8个，其中综合窗口5个，网上可办率达99%。"
        "上半年，全区政务服务中心共受理办件15.2万件。"
    )
    town = run(text, title="东沙街道便民服务中心2024年上半年工作情况", published="2024-07-10")
    assert [(o["indicator"], o["value"]) for o in town.observations] == [("cases_accepted", "152000")]
    assert any("东沙街道's figure" in m["status"] for m in town.mentions if m["text"] == "8个")
    district = run(text, title="2024年上半年政务服务工作情况", published="2024-07-10")
    assert {o["value"] for o in district.observations} == {"8", "5", "99", "152000"}
    title = "景德镇市2024年上半年政务服务工作情况"
    city = run(text, title=title, district="景德镇市", published="2024-07-10")
    assert {o["value"] for o in city.observations} == {"8", "5", "99", "152000"}  # (景德镇市: a city's name)
