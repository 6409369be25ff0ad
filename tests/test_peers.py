"""Peer comparisons: on the seed data, and on a synthetic national corpus (benchmarks/make_national.py)."""

import sys

import nbformat
import pandas as pd
import papermill
import pytest

from gwfw import paths
from gwfw.compare import analysis, peers
from gwfw.dataset.build import build
from gwfw.dataset.load import load_observations
from gwfw.errors import ParameterError
from gwfw.extract.places import places
from gwfw.report.peer_group import PeerGroup

sys.path.insert(0, str(paths.ROOT / "benchmarks"))
from make_national import write_national  # noqa: E402


@pytest.fixture(scope="module")
def seeds(seeds_data):
    return load_observations(seeds_data)


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    """Every 60th county of the gazetteer over the last 2 quarters, built: (processed folder, table). Over 31
    provinces, more than 31 counties put two in one province, whatever the gazetteer's order."""
    tmp = tmp_path_factory.mktemp("national")
    write_national(tmp / "raw", n_quarters=2, seed=7, every=60)
    build(tmp / "raw", tmp / "processed", workers=1, parquet=False)
    return tmp / "processed", load_observations(tmp / "processed")


def _row(table, code):
    return table[table["indicator"] == code].iloc[0]


def test_peer_groups_follow_the_gazetteer(seeds):
    chongqing = ["九龙坡区", "巴南区", "石柱土家族自治县", "荣昌区", "重庆高新区", "铜梁区", "长寿区"]
    assert peers.peer_group(seeds, "綦江区", "province") == chongqing
    assert peers.peer_group(seeds, "坡头区", "province") == []  # no other district of 广东 in the data
    assert peers.peer_group(seeds, "坡头区", "all") == sorted(set(seeds["district"]) - {"坡头区"})
    assert peers.peer_group(seeds, "坡头区", ["荣昌区", "坡头区"]) == ["荣昌区"]


@pytest.mark.parametrize(
    "district, scope, message",
    [
        ("坡头区", "county", "give one of city, province, all"),
        ("坡头区", ["火星区"], "'火星区' ha(s) no data"),
        ("火星区", "all", "district '火星区' has no data; districts with data: "),
    ],
)
def test_a_peer_group_that_names_nothing_says_what_is_valid(seeds, district, scope, message):
    with pytest.raises(ParameterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        peers.peer_group(seeds, district, scope)


def test_seed_districts_rank_on_same_period_figures_only(seeds):
    group = peers.peer_group(seeds, "坡头区", "all")
    figures = peers.peer_figures(seeds, "坡头区", "2022Q4", group)
    table = peers.standing(figures, seeds, "2022Q4", group)
    # 即办件占比 2022: 坡头区 99%, 荣昌区 45.23% (both annual reports of 2022)
    quick = _row(table, "instant_item_share")
    assert (quick["rank"], quick["ranked"], quick["percentile"], quick["same_period"]) == (1, 2, 100, 1)
    peer = figures[(figures["indicator"] == "instant_item_share") & ~figures["is_district"]].iloc[0]
    assert (peer["district"], peer["value"]) == ("荣昌区", 45.23)
    trips = _row(table, "avg_visits")  # 0 visits against 0.08: ranked last, though lower is better
    assert (trips["rank"], trips["ranked"], trips["direction"]) == (2, 2, "lower")
    # a stock as of 2022-12-19 meets one as of 2022-12-31: the same quarter
    items = _row(table, "licensing_items")
    assert items["same_period"] == 1 and items["period"] == "截至 2022-12-19"
    # 办结率: 綦江区 reports it for 2022H1 only, another period: counted, not ranked
    done = _row(table, "completion_rate")
    assert (done["same_period"], done["any_period"], done["ranked"]) == (0, 1, 1)
    assert pd.isna(done["percentile"])


def test_a_district_whose_period_no_peer_shares_gets_a_table_and_no_chart(seeds, seeds_data):
    # 綦江区's figures are for 2022H1, nobody else's
    view = PeerGroup("綦江区", "2022Q4", "all", folder=seeds_data)
    assert set(view.ranks["same_period"]) == {0}
    assert view.chart() is None
    assert len(view.distribution()) == 0 and "no chart" in view.distribution().empty_text
    assert len(view.standing()) == len(analysis.as_of(seeds, "2022Q4", ["綦江区"]))


def test_standing_on_a_national_corpus_agrees_with_a_count_from_the_observations(national):
    folder, obs = national
    district = sorted(obs["district"].unique())[3]
    group = peers.peer_group(obs, district, "all")
    figures = peers.peer_figures(obs, district, "2022Q4", group)
    table = peers.standing(figures, obs, "2022Q4", group)
    latest = analysis.as_of(obs, "2022Q4", [district])
    assert list(table["indicator"]) == list(latest["indicator"]) and len(table) >= 10
    for row in table.itertuples(index=False):
        mine = latest[latest["indicator"] == row.indicator].iloc[0]
        label = mine["period_label"]
        if label.startswith("as of "):
            continue  # stocks match on the quarter of their date: checked on the seeds
        others = obs[
            (obs["indicator"] == row.indicator)
            & (obs["period_label"] == label)
            & (obs["unit"] == mine["unit"])
            & (obs["district"] != district)
        ]
        assert row.same_period == others["district"].nunique() > 0
        assert row.ranked == row.same_period + 1 and 1 <= row.rank <= row.ranked
        assert row.same_period <= row.any_period <= row.peers == obs["district"].nunique() - 1
        ranked = figures[figures["indicator"] == row.indicator]
        higher = (ranked.loc[~ranked["is_district"], "value"] > mine["value"]).sum()
        assert row.rank == higher + 1
        assert 0 <= row.percentile <= 100


def test_province_peers_on_a_national_corpus_share_the_province(national):
    folder, obs = national
    province = {p.code: p.province for p in places()}
    codes = dict(zip(obs["district"], obs["district_code"].astype(str).str.split(".").str[0]))
    by_province = {}
    for d, c in codes.items():
        by_province.setdefault(province[c], []).append(d)
    district = next(sorted(ds)[0] for _, ds in sorted(by_province.items()) if len(ds) >= 2)
    group = peers.peer_group(obs, district, "province")
    assert group == sorted(set(by_province[province[codes[district]]]) - {district})
    view = PeerGroup(district, "2022Q4", "province", folder=folder)
    fig = view.chart()
    assert fig is not None
    assert len(fig.axes) == int((view.ranks["same_period"] > 0).sum())


def test_the_batch_plans_a_peer_group_page_per_profiled_district(seeds):
    plan = analysis.batch_plan(seeds, "2022Q4")
    profiled = [p["district"] for stem, p in plan if stem == "20-district-profile"]
    grouped = [p["district"] for stem, p in plan if stem == "40-peer-group"]
    assert grouped == profiled and profiled
    assert all(p["peers"] == "province" for stem, p in plan if stem == "40-peer-group")


def test_the_peer_group_notebook_runs_on_the_seed_data(tmp_path):
    out = tmp_path / "40.ipynb"
    papermill.execute_notebook(
        str(paths.NOTEBOOKS / "40-peer-group.ipynb"),
        str(out),
        parameters={"district": "荣昌区", "quarter": "2022Q4", "peers": "all"},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
    )
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 1
    html = "\n".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "即办件占比" in html and "2 / 2" in html and "荣昌区 · 2022Q4 · 同组比较" in html
    assert "承诺时限压缩比 (广东省)" in html  # the province's definition note, as in the comparison


@pytest.mark.parametrize("which", ["seeds", "national"])
def test_the_batch_index_dates_every_district_as_one_call_per_job_would(which, seeds, national):
    obs = seeds if which == "seeds" else national[1]
    for quarter in analysis.quarters_in_data(obs) + ["2019Q1"]:
        table = analysis.latest_figures(obs, quarter)
        for district in sorted(obs["district"].unique())[:40]:
            one = analysis.latest_figure(obs, {"district": district, "quarter": quarter})
            assert table.get(district, "—") == one
