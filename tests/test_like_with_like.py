"""Like with like on the seed data: same-period figures, why a district has none, trends, key facts,
which pages the batch writes, and a district's colour on every page."""

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from IPython.core.interactiveshell import InteractiveShell  # noqa: E402
from IPython.utils.capture import capture_output  # noqa: E402

import gwfw  # noqa: E402
from gwfw import Comparison, Profile  # noqa: E402
from gwfw.compare import analysis  # noqa: E402
from gwfw.compare import like_with_like as like  # noqa: E402
from gwfw.compare.settings import colour_of, district_order  # noqa: E402
from gwfw.report import site  # noqa: E402

THREE = ["綦江区", "荣昌区", "坡头区"]


@pytest.fixture(scope="module")
def obs(seeds_data):
    """The seeds built alone: these tests state facts about those five reports."""
    return gwfw.load_observations(seeds_data)


def test_same_period_puts_figures_of_one_period_side_by_side(obs):
    table = like.same_period(obs, "2022Q4", THREE)
    assert len(table) and table.groupby("indicator")["period_key"].nunique().eq(1).all()
    share = table[table["indicator"] == "instant_item_share"].set_index("district")["value"]
    assert share.to_dict() == {"坡头区": 99.0, "荣昌区": 45.23}  # both 2022; 綦江区 has no such figure
    # stocks meet by quarter: 坡头区 as of 2022-12-19 beside 荣昌区 as of 2022-12-31
    items = table[table["indicator"] == "licensing_items"]
    assert set(items["district"]) == {"坡头区", "荣昌区"} and set(items["period_key"]) == {"截至 2022Q4"}
    # the as-of table sets 綦江区's 2022H1 count beside the others' 2022: the same-period table does not
    latest = analysis.as_of(obs, "2022Q4", THREE)
    assert set(latest[latest["indicator"] == "one_thing_cases"]["period_label"]) == {"2022H1", "2022"}
    assert set(table[table["indicator"] == "one_thing_cases"]["period_label"]) == {"2022"}


def test_the_latest_period_shared_by_most_districts_wins():
    day = pd.Timestamp
    rows = [
        # district, indicator, value, start, end, label
        ("甲区", "completion_rate", 90.0, day("2021-01-01"), day("2021-12-31"), "2021"),
        ("乙区", "completion_rate", 91.0, day("2021-01-01"), day("2021-12-31"), "2021"),
        ("丙区", "completion_rate", 92.0, day("2021-01-01"), day("2021-12-31"), "2021"),
        ("甲区", "completion_rate", 95.0, day("2022-01-01"), day("2022-12-31"), "2022"),
        ("乙区", "completion_rate", 96.0, day("2022-01-01"), day("2022-12-31"), "2022"),
        ("甲区", "satisfaction_rate", 99.0, day("2022-01-01"), day("2022-06-30"), "2022H1"),
        ("乙区", "satisfaction_rate", 98.0, day("2022-01-01"), day("2022-12-31"), "2022"),
    ]
    obs = pd.DataFrame(
        rows, columns=["district", "indicator", "value", "period_start", "period_end", "period_label"]
    )
    chosen = like.shared_periods(obs, "2022Q4", ["甲区", "乙区", "丙区"])
    assert chosen == {
        "completion_rate": "2021"
    }  # three districts share 2021; none share a satisfaction period
    assert like.shared_periods(obs, "2022Q4", ["甲区", "乙区"]) == {"completion_rate": "2022"}


def test_a_district_without_figures_gets_a_line_saying_why(obs):
    assert like.why_absent(obs, "2022Q2", THREE) == [
        "坡头区：首份报告覆盖 2022 · 坡头区: first report covers 2022"
    ]
    assert like.why_absent(obs, "2023Q2", THREE) == [
        "綦江区：最新数据为 2022H1，已过旧 · 綦江区: latest figures 2022H1, stale"
    ]
    assert like.why_absent(obs, "2022Q4", [*THREE, "北碚区"]) == [
        "北碚区：数据中没有报告 · 北碚区: no report in the data"
    ]
    missing = like.missing_in_same_period(obs, "2022Q4", THREE, "instant_item_share", "2022")
    assert missing == [("綦江区", "not_reported", "")]
    missing = like.missing_in_same_period(obs, "2022Q4", THREE, "one_thing_cases", "2022")
    assert [(d, why) for d, why, _ in missing] == [("綦江区", "other_period")]
    assert like.missing_in_same_period(obs, "2022Q2", THREE, "one_thing_cases", "2022H1")[-1] == (
        "坡头区",
        "later_period",
        "2022",
    )


def test_a_hand_run_with_a_district_without_figures_explains_itself(seeds_data):
    """坡头区 alone in 2022Q2 (its first report covers 2022): no empty column, one line saying why."""
    view = Comparison(["坡头区"], None, "2022Q2", seeds_data)
    assert view.present == [] and view.same_period().empty and list(view.dimension_charts()) == []
    assert "坡头区: first report covers 2022" in _html(view.title())
    assert "截至本季度末无数据" in _html(view.latest()) + _html(view.coverage())


def test_comparisons_keep_the_districts_of_the_settings(obs):
    assert like.plan_districts(obs, "2022Q2") == THREE  # 坡头区 stays, with its line
    assert like.plan_districts(obs, "2022Q4") == THREE
    early = like.plan_districts(obs, "2020Q4")  # only the city notice's districts have figures
    assert early[:3] == THREE and "九龙坡区" in early and len(early) > 3


def test_trends_cover_every_period_up_to_the_quarter(obs):
    rows = like.trends(obs, "2022Q4", THREE, ["avg_visits"])
    assert rows[rows["district"] == "荣昌区"]["value"].tolist() == [0.15, 0.08]  # 2021, then 2022
    assert rows["period_end"].max() <= pd.Timestamp("2022-12-31")
    assert like.trends(obs, "2021Q3", THREE, ["avg_visits"])["value"].tolist() == [0.15]


def test_key_facts_name_the_leader_on_rates_and_what_is_new(obs):
    facts = like.key_facts(obs, "2022Q4", THREE)
    assert "坡头区 即办件占比 99%（荣昌区 45.23%；2022）" in facts
    assert "一件事一次办办件量" not in facts  # a count grows with a district's size: no leader named
    assert "本季新数据 · New figures this quarter" in facts and "綦江区（" not in facts
    assert "綦江区（截至 2022Q2、2022H1）" in like.key_facts(obs, "2022Q2", THREE)


def _profiles(obs):
    return [
        (q, p["district"])
        for q in analysis.quarters_in_data(obs)
        for stem, p in analysis.batch_plan(obs, q)
        if stem == "20-district-profile"
    ]


def _html(obj) -> str:
    """What a notebook cell ending in obj shows (text/html and image data)."""
    InteractiveShell.instance()
    with capture_output() as captured:
        obj._ipython_display_()
    return "".join(str(v) for out in captured.outputs for v in out.data.values())


def test_no_two_profile_pages_are_the_same(obs, seeds_data):
    """A profile is written only for a quarter that brings new figures for its district."""
    planned = _profiles(obs)
    assert ("2022Q2", "綦江区") in planned and ("2022Q4", "綦江区") not in planned
    assert ("2021Q3", "荣昌区") in planned and ("2022Q4", "荣昌区") in planned
    assert not any(q == "2021Q3" and d != "荣昌区" for q, d in planned)  # 2020 notice: one page each
    pages = {}
    for quarter, district in planned:
        view = Profile(district, quarter, seeds_data)
        text = "".join(_html(x) for x in (view.title(), view.indicators(), view.history(), view.evidence()))
        pages[quarter, district] = re.sub(r"base64,[A-Za-z0-9+/=]+", "", text)
        plt.close("all")
    assert len(set(pages.values())) == len(pages)
    # a hand run for a quarter without new figures says so
    assert "no new figures for 綦江区 this quarter" in _html(Profile("綦江区", "2022Q4", seeds_data).title())


def test_the_index_says_no_newer_report_since():
    def entry(quarter, district):
        return {
            "notebook": "20-district-profile",
            "quarter": quarter,
            "name": f"{quarter}_{district}",
            "status": "ok",
            "parameters": {"district": district, "quarter": quarter},
            "title": district,
            "has_page": True,
        }

    entries = [entry("2022Q2", "綦江区"), entry("2022Q4", "荣昌区"), entry("2022Q4", "坡头区")]
    q4 = site.quarters(entries)[0]
    assert q4["quarter"] == "2022Q4" and [p["district"] for p in q4["profiles"]] == ["荣昌区", "坡头区"]
    assert [(g["since"], [p["district"] for p in g["pages"]]) for g in q4["older"]] == [
        ("自 2022Q2 以来无更新报告 · no newer report since 2022Q2", ["綦江区"])
    ]
    page = site.index_page(entries)
    assert (
        "no newer report since 2022Q2" in page
        and 'href="2022Q2/2022Q2_%E7%B6%A6%E6%B1%9F%E5%8C%BA.html"' in page  # its last page
    )
    assert page.index("2022Q4") < page.index("2022Q2")


def _colours_in(html: str) -> set[tuple[str, str]]:
    return set(re.findall(r'data-district="([^"]+)" data-colour="(#[0-9a-f]{6})"', html))


def _colours_drawn(figures) -> set[tuple[str, str]]:
    drawn = set()
    for fig in figures:
        for ax in fig.axes:
            for artist in [*ax.patches, *ax.get_lines()]:
                if artist.get_gid():
                    colour = artist.get_facecolor() if artist in ax.patches else artist.get_color()
                    drawn.add((artist.get_gid(), matplotlib.colors.to_hex(colour)))
    return drawn


def test_each_district_has_one_colour_on_every_page():
    """Every page the batch writes from the project's own data (all quarters): the colour key in the HTML and
    every bar and line drawn."""
    obs = gwfw.load_observations()
    seen: dict[str, set[str]] = {}
    for quarter in analysis.quarters_in_data(obs):
        for stem, params in analysis.batch_plan(obs, quarter):
            if stem == "30-compare-districts":
                view = Comparison(params["districts"], None, quarter)
                figures = [*view.dimension_charts(), *view.trends()]
            else:
                view = Profile(params["district"], quarter)
                figures = list(view.history())
            pairs = _colours_in(_html(view.title())) | _colours_drawn(figures)
            assert pairs, (quarter, stem, params)
            for district, colour in pairs:
                seen.setdefault(district, set()).add(colour)
            plt.close("all")
    assert len(seen) >= 9 and all(colours == {colour_of(d)} for d, colours in seen.items())
    listed = [d for d in seen if d in district_order()]  # the settings give these a colour of their own
    assert len(listed) >= 9 and len({colour_of(d) for d in listed}) == len(listed)
