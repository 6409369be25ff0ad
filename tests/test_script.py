"""Texts in traditional script read as simplified ones, with every offset kept."""

import opencc

from gwfw.extract import Report, extract
from gwfw.extract.script import simplified
from gwfw.langdata import load_yaml

META = {"district": "綦江区", "title": "2023年政务服务工作总结", "published": "2024-01-05"}
TRADITIONAL = "2023年，區政務服務中心受理業務22.37萬件，按期辦結率100%。全區網上可辦率達98%。"
SIMPLE = "2023年，区政务服务中心受理业务22.37万件，按期办结率100%。全区网上可办率达98%。"


def test_every_mark_is_a_character_written_only_in_traditional_script():
    marks = load_yaml("script.yaml")["traditional_marks"]
    t2s = opencc.OpenCC("t2s")
    assert [ch for ch in marks if t2s.convert(ch) == ch] == []
    assert len(set(marks)) == len(marks)
    assert simplified(SIMPLE) is SIMPLE  # a simplified text is never converted


def test_a_traditional_text_gives_the_figures_of_its_simplified_twin_quoted_as_written():
    assert simplified(TRADITIONAL) == SIMPLE
    got, twin = (extract(Report("t.txt", t, "utf-8", META)) for t in (TRADITIONAL, SIMPLE))
    assert [(o["indicator"], o["value"]) for o in got.observations] == [
        (o["indicator"], o["value"]) for o in twin.observations
    ]
    assert [o["indicator"] for o in got.observations] == [
        "cases_total",
        "on_time_completion_rate",
        "online_available_rate",
    ]
    for o in got.observations:  # the evidence is the source's own words, at the source's offsets
        assert TRADITIONAL[o["char_start"] : o["char_end"]] == o["evidence"]
    assert got.observations[0]["evidence"] == "受理業務22.37萬件"
    assert [m["text"] for m in got.mentions][1] == "22.37萬件"


def test_a_line_whose_length_would_change_is_left_as_written(monkeypatch):
    class Lengthening:  # a conversion that turns one character into two (none of OpenCC's t2s is known to)
        def convert(self, text):
            return opencc.OpenCC("t2s").convert(text).replace("务", "事务")

    monkeypatch.setattr("gwfw.extract.script._converter", Lengthening)
    text = "區政務服務中心\n辦結率100%"
    assert simplified(text) == "區政務服務中心\n办结率100%"  # the first line would grow: kept as written
