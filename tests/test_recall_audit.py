"""Classes of phrasing found by a recall audit of every unmapped number in the survey, the held-out sets and
data/raw (round recall19): each class once as a general rule, tested on phrasings written for no report, in
several provinces' words, with counterparts that carry the same words and must give nothing (a change, a
target, a hotline, a wider area, an average, another thing counted).

`expected`: 「code=value」 items separated by 「;」; empty = no observation."""

import pytest

from .test_probe_variants import _observed  # the probe's report (META) and reading of it

# (class, text, expected)
POSITIVES = [
    # a change verb and a word for "to" link a name to the level it reached (「自助服务设备增至62台」)
    ("change to a level", "全县政务服务事项网上可办率升至98.6%", "online_available_rate=98.6"),
    ("change to a level", "“好差评”好评率上升到99.97%", "satisfaction_rate=99.97"),
    ("change to a level", "全区主动评价率由76%升至93%", "active_review_rate=93"),
    ("change to a level", "全年办件量增长至15.2万件", "cases_total=152000"),
    ("change to a level", "区政务服务大厅综合窗口扩大至24个", "comprehensive_windows=24"),
    ("change to a level", "承诺件按时办结率提升为100%", "on_time_completion_rate=100"),
    ("change to a level", "群众平均跑动次数下降至0.15次", "avg_visits=0.15"),
    ("change to a level", "区政务服务中心自助终端增至45台", "self_service_terminals=45"),
    ("change to a level", "好评率稳定保持在99.9%以上", "satisfaction_rate=99.9"),
    # 计 as 共计 (「“好差评”评价数计10791条」)
    ("links", "“好差评”评价总数计3.6万条", "review_count=36000"),
    ("links", "区行政服务中心全年办件量计18.6万件", "cases_total=186000"),
    # two kinds of items joined by 、 as by 和: one total of both (「受理行政许可事项、公共服务事项共计…件」)
    ("joined kinds", "全年受理行政许可、公共服务事项共计8.6万件", "cases_accepted=86000"),
    ("joined kinds", "区政务服务大厅办理行政审批、公共服务事项12.3万件", "cases_total=123000"),
    ("joined kinds", "共办结行政许可事项、其他公共服务事项9.8万件", "cases_completed=98000"),
    (
        "joined kinds",
        "上半年受理依申请事项、公共服务事项共4.1万件，办结率99.9%",
        "cases_accepted=41000; completion_rate=99.9",
    ),
    # a count right before a window noun with its modifier (「共有86个工作窗口」)
    ("window nouns", "区政务服务中心共有48个工作窗口", "windows_total=48"),
    ("window nouns", "县政务大厅设置36个对外服务窗口", "windows_total=36"),
    ("window nouns", "政务服务中心开设24个业务窗口，进驻部门32个", "windows_total=24"),
    ("window nouns", "进驻大厅单位41家，开通65个对外办事窗口", "windows_total=65"),
    # 智能终端 for the hall's kiosks (「290台政务服务智能终端」「13台智能终端整齐排列」)
    ("terminal nouns", "区政务服务中心投放32台政务服务智能终端", "self_service_terminals=32"),
    ("terminal nouns", "大厅配备智能终端15台，可办理社保、医保等高频事项", "self_service_terminals=15"),
    ("terminal nouns", "全县布设28台智能自助终端", "self_service_terminals=28"),
    ("terminal nouns", "大厅设有自助终端机12台", "self_service_terminals=12"),
    # the share of cases reviewed, named with the review's own word (「“好差评”评价率」「办件评价率」): listed
    # whole, since 「“好差评”评价」 composes no share and would hide 评价率 inside it
    ("review share", "全区“好差评”评价率达92.5%", "active_review_rate=92.5"),
    ("review share", "区政务服务中心办件评价率为88.6%", "active_review_rate=88.6"),
    ("review share", "好差评评价率达到95%，好评率100%", "active_review_rate=95; satisfaction_rate=100"),
]

# (class, text): no observation
DISTRACTORS = [
    ("change to a level", "区政务服务中心自助终端增加30台"),  # the change, not the level
    ("change to a level", "区政务服务中心新增自助终端30台"),
    ("change to a level", "全年办件量同比增长12.5%"),
    ("change to a level", "力争网上可办率升至99%"),  # a target
    ("change to a level", "12345热线办结率升至98%"),  # the hotline's
    ("change to a level", "全市网上可办率升至99%"),  # a wider area's
    ("change to a level", "日均办件量增长至1200件"),  # an average
    ("links", "“好差评”差评数计3条"),  # no indicator counts bad reviews
    ("joined kinds", "其中受理行政许可事项2.1万件、公共服务事项6.5万件"),  # each kind its own count: parts
    ("joined kinds", "全年受理便民服务事项13.7万件，受理行政许可事项7.3万件"),
    ("joined kinds", "市政务服务中心受理行政许可、公共服务事项共计36万件"),  # the city's
    ("joined kinds", "月均受理行政许可、公共服务事项7200件"),  # an average
    ("window nouns", "市政务服务中心共有120个工作窗口"),  # the city's
    ("window nouns", "大厅共评选出5个红旗工作窗口"),  # windows honoured
    ("window nouns", "区政务服务中心新增8个业务窗口"),  # an increase
    ("window nouns", "全区共有48个工作窗口"),  # no hall: windows_total needs one in its sentence
    ("terminal nouns", "全市投放政务服务智能终端290台"),  # the city's
    ("terminal nouns", "服务覆盖移动智能终端2.6万台"),  # phones
    ("terminal nouns", "新增政务服务智能终端20台"),  # an increase
    ("review share", "12345热线办件评价率为90%"),  # the hotline's
    ("review share", "全省“好差评”评价率为70.2%"),  # the province's
    ("review share", "人大代表建议办理评价率100%"),  # deputies' proposals
]


@pytest.mark.parametrize("kind,text,expected", POSITIVES, ids=[f"{p[0]}:{p[1][:14]}" for p in POSITIVES])
def test_audited_phrasings_give_their_figures(kind, text, expected):
    assert _observed(text, False) == sorted(w.strip() for w in expected.split(";")), kind


@pytest.mark.parametrize("kind,text", DISTRACTORS, ids=[f"{d[0]}:{d[1][:14]}" for d in DISTRACTORS])
def test_audited_counterparts_give_no_figure(kind, text):
    assert _observed(text, False) == [], kind
