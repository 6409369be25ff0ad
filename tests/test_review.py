"""Review pages: every figure highlighted in its report, exactly where its offsets say, offline, escaped."""

import csv
from html.parser import HTMLParser

import pytest

import gwfw
from gwfw import paths
from gwfw.cli import main
from gwfw.compare import analysis
from gwfw.dataset.build import build
from gwfw.dataset.corrections import COLUMNS, row_line
from gwfw.dataset.load import load_observations
from gwfw.dataset.raw_folder import read_catalog, read_text
from gwfw.langdata import labels
from gwfw.report import display as formatting
from gwfw.report.review_page import write_reviews

from .conftest import write_report


class _Spans(HTMLParser):
    """The text inside each element carrying data-ids (per figure id) or data-rejected, in page order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, list[str]]] = []
        self.figures: dict[str, str] = {}
        self.rejected: dict[str, str] = {}
        self.scripts = 0
        self.external = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.scripts += tag == "script"
        for key in ("src", "href"):
            if a.get(key, "").startswith(("http:", "https:", "//")):
                self.external.append(a[key])
        ids = a.get("data-ids", "").split() + ([f"rej:{a['data-rejected']}"] if "data-rejected" in a else [])
        self.stack.append((tag, ids))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        for _, ids in self.stack:
            for i in ids:
                if i.startswith("rej:"):
                    self.rejected[i[4:]] = self.rejected.get(i[4:], "") + data
                else:
                    self.figures[i] = self.figures.get(i, "") + data


def _rows(folder, name):
    with open(folder / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("review")
    write_reviews(out)
    return out


def test_every_report_has_a_page_and_each_highlight_is_the_text_at_its_offsets(pages):
    files = [r["file"] for r in read_catalog(paths.RAW)]
    observations = _rows(paths.PROCESSED, "observations")
    rejected = [r for r in _rows(paths.PROCESSED, "corrections_status") if r["action"] == "reject"]
    assert rejected  # the shipped corrections show, struck through
    for file in files:
        page = pages / f"{file[:-4]}.html"
        parser = _Spans()
        parser.feed(page.read_text(encoding="utf-8"))
        text, _ = read_text(paths.RAW / file)
        mine = [r for r in observations if r["file"] == file]
        assert set(parser.figures) == {r["id"] for r in mine}, file
        for r in mine:
            assert parser.figures[r["id"]] == text[int(r["char_start"]) : int(r["char_end"])] == r["evidence"]
        for r in (r for r in rejected if r["file"] == file):
            assert parser.rejected[r["id"]] == text[int(r["char_start"]) : int(r["char_end"])]
        assert parser.scripts == 0 and parser.external == [], file
    index = (pages / "index.html").read_text(encoding="utf-8")
    assert all(f"{f[:-4]}.html" in index for f in files)


def test_the_index_puts_the_reports_most_in_need_of_a_look_first(pages):
    index = (pages / "index.html").read_text(encoding="utf-8")
    reviews = [gwfw.review(r["file"]) for r in read_catalog(paths.RAW)]
    need = {r.file: -r.need()[0] for r in reviews}
    order = sorted(need, key=lambda f: index.index(f"{f[:-4]}.html"))
    assert [need[f] for f in order] == sorted(need.values(), reverse=True)
    assert max(need.values()) > min(need.values())


def test_a_likely_miss_stands_out_with_an_add_line_and_unmapped_numbers_are_faint():
    review = gwfw.review("002_79b203d46d5c2895.txt")
    misses = {n.text for n in review.misses}
    assert "92%" in misses  # 综合窗口123个,占比92%: an unmapped percentage
    assert "2020年" not in misses  # a date is no miss
    html = review._repr_html_()
    assert 'class="n miss"' in html and 'class="n unmapped"' in html
    [miss] = [n for n in review.misses if n.text == "92%"]
    assert miss.add_line().split(",")[1:3] == ["add", "002_79b203d46d5c2895.txt"]
    assert "CHOOSE_INDICATOR" in miss.add_line() and miss.add_line() in html


def test_each_figure_offers_a_correction_line_that_the_build_accepts(tmp_path):
    review = gwfw.review("004_744fe597f0dcaea5.txt")
    figure = review.figures[0]
    assert figure.correction_line() in review._repr_html_()
    path = tmp_path / "corrections.csv"
    path.write_text(",".join(COLUMNS) + "\n" + figure.correction_line() + "\n", encoding="utf-8")
    result = build(paths.RAW, tmp_path / "out", parquet=False, corrections=path)
    assert [(o.action, o.status) for o in result.corrections] == [("reject", "applied")]
    assert figure.id not in {r["id"] for r in _rows(tmp_path / "out", "observations")}


def test_report_text_is_escaped_and_the_cli_writes_the_pages(tmp_path, capsys):
    raw = tmp_path / "raw"
    text = "<script>alert(1)</script>2022年，我区办结率98.33%，网上受理率99.18%。<b>&amp;</b>\n"
    write_report(raw, "x.txt", text.encode("utf-8"), title="<i>通报</i>", published="2022-07-01")
    assert main(["build", "--raw", str(raw), "--out", str(tmp_path / "data"), "--workers", "1"]) == 0
    out = tmp_path / "pages"
    assert main(["review", "--data", str(tmp_path / "data"), "--raw", str(raw), "--out", str(out)]) == 0
    page = (out / "x.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page and "<i>通报</i>" not in page
    parser = _Spans()
    parser.feed(page)
    assert sorted(parser.figures.values()) == ["办结率98.33%", "网上受理率99.18%"]
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt;" in page
    assert "1 review page(s)" in capsys.readouterr().out


def test_pages_mark_a_corrected_figure_and_quote_the_note(tmp_path):
    rows = _rows(paths.PROCESSED, "observations")
    [target] = [r for r in rows if r["indicator"] == "review_count" and r["value"] == "21686"]
    path = tmp_path / "corrections.csv"
    fix = {"id": target["id"], "action": "fix", "value": "21690", "note": "见第3页 <表2>"}
    path.write_text(",".join(COLUMNS) + "\n" + row_line(fix) + "\n", encoding="utf-8")
    build(paths.RAW, tmp_path / "processed", parquet=False, corrections=path)
    obs = load_observations(tmp_path / "processed")
    table = analysis.as_of(obs, "2022Q4", ["坡头区"])
    values = analysis.values_table(table, with_district=False)
    [note] = values.loc[values["指标"] == "好差评评价数量", "提示"]
    assert note.startswith(labels()["marks"]["corrected"])
    html = formatting.evidence(table[table["indicator"] == "review_count"])
    assert "研究者注" in html and "见第3页 &lt;表2&gt;" in html and labels()["marks"]["corrected"] in html
    plain = formatting.evidence(table[table["indicator"] == "satisfaction_rate"])
    assert "研究者注" not in plain


def test_the_profile_view_marks_a_corrected_figure_and_quotes_the_note(tmp_path):
    rows = _rows(paths.PROCESSED, "observations")
    [target] = [r for r in rows if r["indicator"] == "self_service_terminals" and r["district"] == "坡头区"]
    path = tmp_path / "corrections.csv"
    fix = {"id": target["id"], "action": "fix", "value": "72", "note": "年底又投放1台"}
    shipped = paths.CORRECTIONS.read_text(encoding="utf-8")  # the shipped lines apply as well
    path.write_text(shipped + row_line(fix) + "\n", encoding="utf-8")
    build(paths.RAW, tmp_path / "processed", parquet=False, corrections=path)
    view = gwfw.Profile("坡头区", "2022Q4", folder=tmp_path / "processed")
    shown = view.indicators()
    [mark] = shown.loc[shown["指标"] == "自助服务终端数", "提示"]
    assert mark == labels()["marks"]["corrected"]
    assert set(shown["提示"]) - {""} == {mark}  # no other figure is marked
    evidence = view.evidence()._repr_html_()
    assert "研究者注" in evidence and evidence.count("年底又投放1台") == 1  # the note, quoted once
