"""A generalisation probe (issue 9): phrasings written for no set, in words of no report the rules were
written against, for each class of the issue's "What goes wrong" and the main indicator families.
Positives must give exactly the figures listed; distractors (hotline, target, change, average, sub-unit,
wider area) none.

`expected`: 「code=value」 items separated by 「;」, each optionally with 「#period label」; empty = none."""

import pytest

from gwfw.extract import Report, extract

META = {
    "district": "綦江区",
    "kind": "annual_report",
    "title": "2023年政务服务工作总结",
    "published": "2023-12-31",
}

# (class, text, expected)
POSITIVES = [
    # linking words: an adverb before the verb, 突破 as "more than", 到了 after a change
    ("links", "区政务服务中心综窗率已经达到85%", "one_window_rate=85"),
    ("links", "政务服务事项可网办率已经达到99%", "online_available_rate=99"),
    ("links", "好评率持续保持100%", "satisfaction_rate=100"),
    ("links", "按时办结率始终保持100%", "on_time_completion_rate=100"),
    ("links", "主动评价率突破80%", "active_review_rate=80"),
    ("links", "网上可办率从92%提升到了98.2%", "online_available_rate=98.2"),
    ("links", "主动评价率达到了85%", "active_review_rate=85"),
    ("links", "“好差评”好评率稳定在99.9%以上", "satisfaction_rate=99.9"),
    # review counts: a verb of reviewing, cases received
    ("reviews", "全年群众共作出评价25638次，好评率100%", "review_count=25638; satisfaction_rate=100"),
    ("reviews", "办事群众对窗口服务进行评价1.2万条", "review_count=12000"),
    ("reviews", "共收到“好差评”评价数据1.56万条", "review_count=15600"),
    ("reviews", "共收到群众评价8,652条，其中好评8,650条", "review_count=8652; positive_review_count=8650"),
    ("reviews", "评价总量达到２３４５６条", "review_count=23456"),
    ("reviews", "服务评价5800余次，满意率100%", "review_count=5800; satisfaction_rate=100"),
    ("cases", "区政务服务大厅全年共接件9.8万件", "cases_accepted=98000"),
    ("cases", "全年共受理办件１５６３２件，办结１５６００件", "cases_accepted=15632; cases_completed=15600"),
    ("cases", "全年共受理各类行政审批和公共服务事项8.9万件", "cases_accepted=89000"),
    ("cases", "中心全年共办理各项政务服务事项23.6万件次", "cases_total=236000"),
    ("cases", "全年共受理政务服务事项6.5万余", "cases_accepted=65000"),
    ("cases", "全年共接收处理各类政务服务事项12万件", "cases_total=120000"),
    ("cases", "共处理行政许可事项320件", "cases_total=320"),
    ("cases", "全年共办理各类政务服务事项11.2万件，同比增长12.3%", "cases_total=112000"),
    # a share after the count it divides, the whole it divides named by an object
    ("share after count", "即办件事项达到680项，占依申请事项总数的48%", "instant_item_share=48"),
    ("share after count", "“最多跑一次”事项达1520项，占总事项的98.6%", "max_one_visit_share=98.6"),
    ("share after count", "网上办件9.6万件，占办件总量的86%", "online_case_rate=86"),
    ("share after count", "“全程网办”事项1520项，占比达88%", "fully_online_rate=88"),
    ("share after count", "“零跑动”事项1200项、占比85%", "zero_visit_share=85"),
    (
        "share after count",
        "“最多跑一次”事项1500项、占比98%，“零跑动”事项1200项、占比80%",
        "max_one_visit_share=98; zero_visit_share=80",
    ),
    # regional vocabulary and full-width digits
    ("regional", "全区“一趟不用跑”事项占比提升至91.3%", "zero_visit_share=91.3"),
    ("regional", "全区“一次办”事项比率为96.8%", "max_one_visit_share=96.8"),
    ("regional", "依申请事项平均减时间比例为62.7%", "time_limit_reduction_rate=62.7"),
    ("regional", "承诺时限较法定时限压缩了58.4%", "time_limit_reduction_rate=58.4"),
    ("regional", "“当场受理、当场办结”事项占比达到65%", "on_the_spot_completion_rate=65"),
    ("regional", "“全程网办”事项占比达７６．５％", "fully_online_rate=76.5"),
    ("regional", "截至目前，旗本级即办件比为52.75%", "instant_item_share=52.75"),  # 比 as a share's measure
    # the number before its subject
    ("number first", "99%以上的依申请事项实现网上可办", "online_available_rate=99"),
    ("number first", "80%以上的办件做到当场办结", "on_the_spot_completion_rate=80"),
    ("number first", "全区90%以上的事项实现“零跑动”", "zero_visit_share=90"),
    # a change stated between the name and the level (「较上年提高3个百分点，达到98.5%」)
    ("change then level", "网上可办率较上年提高3个百分点，达到98.5%", "online_available_rate=98.5"),
    ("change then level", "全程网办率提升了5个百分点，达到86%", "fully_online_rate=86"),
    ("change then level", "全区网上可办率较2022年提升2.3个百分点，达99.1%", "online_available_rate=99.1"),
    ("change then level", "全程网办占比较上年提高5个百分点，为85%", "fully_online_rate=85"),
    ("change then level", "全年办件量同比增长15.2%，达到12.6万件", "cases_total=126000"),
    ("change then level", "好评率99.9%，较上年提高0.1个百分点", "satisfaction_rate=99.9"),
    (
        "change then level",
        "全年共办理各类事项12万件，同比增长12.3%，办结率100%",
        "cases_total=120000; completion_rate=100",
    ),
    ("stocks", "现有政务服务窗口88个", "windows_total=88"),
    ("stocks", "全区累计上线“一件事”主题服务42个", "one_thing_packages=42"),
    ("reviews", "累计收到群众评价4.8万条，主动评价率达91.2%", "review_count=48000; active_review_rate=91.2"),
    ("change then level", "办件量较上年增加2万件，达到12万件", "cases_total=120000"),
    # a period dating each level of a change (「由去年的95%提升至今年的99%」)
    ("dated change", "网上可办率由去年的95%提升至今年的99%", "online_available_rate=99"),
    ("dated change", "主动评价率较去年同期的62%提升至88%", "active_review_rate=88"),
    ("dated change", "网上可办率从2022年的95%提高到2023年的99%", "online_available_rate=99#2023"),
    ("dated change", "全区主动评价率由一季度的70%提升至四季度的95%", "active_review_rate=95#2023Q4"),
    ("dated change", "全区行政许可事项由2022年的240项精简至2023年的186项", "licensing_items=186"),
    # a name labels its number across a colon or a bracket
    ("label", "主动评价率：92.6%", "active_review_rate=92.6"),
    ("label", "“好差评”评价数：12,345条", "review_count=12345"),
    ("label", "受理量：2.3万件", "cases_accepted=23000"),
    ("label", "网上可办率（99.5%）位居前列", "online_available_rate=99.5"),
    ("label", "无差别综合窗口(8个)：实现“一窗通办”", "universal_windows=8"),
    # more regional vocabulary
    ("regional", "网上实办率达65.3%", "online_case_rate=65.3"),
    ("regional", "分领域综合受理率为95%", "one_window_rate=95"),
    ("reviews", "共收到评价12,345笔", "review_count=12345"),
    # the district's own figures after a wider area's in one sentence, or after a wider word naming no figure
    (
        "own after wider",
        "全市网上可办率达99.8%，我区网上可办率达100%，全程网办率达92%",
        "online_available_rate=100; fully_online_rate=92",
    ),
    ("own after wider", "在全市率先推行“一窗综办”，全程网办率达92%", "fully_online_rate=92"),
    ("own after wider", "区政务服务平台与省级平台对接率达100%，全程网办率达92%", "fully_online_rate=92"),
    ("own after wider", "全市网上可办率达99.8%，綦江区达到100%，全程网办率达92%", "fully_online_rate=92"),
    ("own unit", "重庆市綦江区网上可办率达99%", "online_available_rate=99"),
    ("own unit", "綦江区的网上可办率达99%", "online_available_rate=99"),
    ("own unit", "在重庆市率先实现网上可办率达99%", "online_available_rate=99"),
    # periods
    ("periods", "今年上半年，全区网上可办率达99.1%", "online_available_rate=99.1#2023H1"),
    ("periods", "2022年全年，全区共受理政务服务事项8.6万件", "cases_accepted=86000#2022"),
    ("periods", "2022年度全年办件量8.6万件", "cases_total=86000#2022"),
    ("periods", "全年共办件8.6万件", "cases_total=86000#2023"),
    ("periods", "2023年1月至11月，共受理政务服务事项11.2万件", "cases_accepted=112000#2023-01–2023-11"),
    ("periods", "2021—2023年，累计办件35万件。", "cases_total=350000#2021-01–2023-12"),
    ("periods", "2021年至2023年共收到评价12万条", "review_count=120000#2021-01–2023-12"),
    (
        "periods",
        "2019年，区政务服务中心搬迁至新址，面积达1.2万平方米。中心不断优化服务。推行延时服务。深化帮办代办。"
        "全区网上可办率100%。",
        "online_available_rate=100#2023",
    ),
    (
        "periods",
        "主动评价率5月为62%，6月提升至75%",
        "active_review_rate=62#2023-05; active_review_rate=75#2023-06",
    ),
]

# (class, text): no observation
DISTRACTORS = [
    ("hotline", "“12345”政务服务便民热线工单办结率达98.7%"),
    ("hotline", "市长热线转办工单1.2万件，及时办结率100%"),
    ("hotline", "区政府督查室督办事项210件，按期办结率100%"),
    ("target", "计划明年实现网上可办率100%"),
    ("target", "下一步，将推动“最多跑一次”事项比例达到99%"),
    ("target", "下步将确保主动评价率保持在90%以上"),
    ("target", "到2025年，“一趟不用跑”事项占比达到80%以上"),
    ("target", "《实施方案》提出，到2025年全区“一窗综办”比例达到95%"),
    ("change", "承接市级下放行政许可事项18项"),
    ("change", "新增“一件事一次办”套餐8个"),
    ("change", "本年度新增自助终端12台"),
    ("change", "全年即办件比上年增长10%"),  # 比 as "than": no name
    ("average", "月均受理政务服务事项2.1万件"),
    ("average", "平均每月办结各类事项1.8万件"),
    ("sub-unit", "区不动产登记中心受理业务1.6万件，办结率99.9%"),
    ("sub-unit", "区医保局网上可办率达100%"),
    ("wider area", "全省“好差评”主动评价率为70.2%"),
    ("wider area", "市级政务服务中心办件量36万件"),
    ("wider area", "全市网上可办率较上年提高3个百分点，达到98.5%"),
    ("wider area", "全市“零跑腿”事项达到1081项，占比99.91%"),
    ("average", "日均办件量同比增长20%，达到1200件"),
    ("hotline", "12345热线办结率较上年提高3个百分点，达到98.5%"),
    ("target", "力争网上可办率较上年提高3个百分点，达到98.5%"),
    ("no change", "网上可办率较上年3个百分点，达到98.5%"),
    ("wider area", "我市主动评价率95%"),
    ("wider area", "本省政务服务事项全程网办率为88.6%"),
    ("change", "办件量较上年增加2万件"),
    ("change", "主动评价率环比提升5个百分点"),
    ("label", "网上可办率（不含涉密事项12项）"),
    ("label", "目标：网上可办率达到98%"),
    ("label", "12345热线：办结率99%"),
    ("wider area", "全市政务服务事项网上可办率达99.8%，全程网办率达90%"),
    ("wider area", "2023年，全市共收到评价120万条，好评率99.9%"),
    ("wider area", "市政务服务中心全年办件量36万件"),
    ("other unit", "荣昌区网上可办率达99%"),
    ("other unit", "江北区网上可办率99%"),
    ("wider area", "重庆市全程网办率达到90%"),
    ("other", "人大建议办结率100%"),
    ("other", "处理差评12件"),
    ("hotline", "处理群众诉求1.2万件"),
    ("other", "收到差评15条，整改率100%"),
    ("other", "全年办理政府信息公开申请58件，按时答复率100%"),
]


def _observed(text: str, by_period: bool) -> list[str]:
    ex = extract(Report("probe.txt", text, "utf-8", META))
    return sorted(
        f"{o['indicator']}={o['value']}" + (f"#{o['period_label']}" if by_period else "")
        for o in ex.observations
    )


@pytest.mark.parametrize("kind,text,expected", POSITIVES, ids=[f"{p[0]}:{p[1][:14]}" for p in POSITIVES])
def test_probe_phrasings_give_their_figures(kind, text, expected):
    want = sorted(w.strip() for w in expected.split(";"))
    assert _observed(text, any("#" in w for w in want)) == want, kind


@pytest.mark.parametrize("kind,text", DISTRACTORS, ids=[f"{d[0]}:{d[1][:14]}" for d in DISTRACTORS])
def test_probe_distractors_give_no_figure(kind, text):
    assert _observed(text, False) == [], kind


# (text, indicator, scope): a narrower venue's figure is kept apart from the district's
SCOPED = [
    ("各镇（街道）便民服务中心办件量5.6万件", "cases_total", "venue:镇（街道）"),
    ("村(社区)便民服务中心共办理事项1.2万件", "cases_total", "venue:村(社区)"),
]


@pytest.mark.parametrize("text,indicator,scope", SCOPED, ids=[s[0][:14] for s in SCOPED])
def test_probe_narrower_venues_keep_their_scope(text, indicator, scope):
    ex = extract(Report("probe.txt", text, "utf-8", META))
    assert [(o["indicator"], o["scope"]) for o in ex.observations] == [(indicator, scope)]
