"""The sentence guard (TextIndex.sentence_may_map) only saves time: with it and without it the extractor
gives the same rows for every phrase of the test cases and every seed and held-out report. A new rule that
maps a number whose sentence holds none of the guard's words fails here until the guard learns them."""

import csv

import pytest

from gwfw import paths
from gwfw.dataset.raw_folder import catalogued_files, read_text
from gwfw.extract import Report, extract
from gwfw.extract.text_index import TextIndex

from .conftest import CASES, SEEDS

META = {"district": "綦江区", "kind": "annual_report", "title": "2023年工作总结", "published": "2023-12-31"}


def _phrases() -> list[str]:
    texts = []
    for path in sorted(CASES.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            texts += [row["text"].replace("\\n", "\n") for row in csv.DictReader(f) if row.get("text")]
    return texts


def _reports() -> list[Report]:
    folders = [SEEDS, *sorted(paths.ROOT.joinpath("benchmarks").glob("heldout*"))]
    jobs = [job for folder in folders for job in catalogued_files(folder)[0]]
    return [Report(p.name, *read_text(p), meta) for p, meta in jobs]


def _rows(reports: list[Report]) -> list:
    return [(ex.observations, ex.mentions) for ex in map(extract, reports)]


@pytest.fixture(scope="module")
def inputs() -> list[Report]:
    phrases = [Report(f"case{i}.txt", text, "utf-8", META) for i, text in enumerate(_phrases())]
    reports = _reports()
    assert len(phrases) > 500 and len(reports) > 150, "the test cases and held-out sets were not found"
    return phrases + reports


def test_the_guard_changes_no_row(inputs, monkeypatch):
    guarded = _rows(inputs)
    monkeypatch.setattr(TextIndex, "sentence_may_map", lambda self, bounds: True)
    assert _rows(inputs) == guarded


def test_the_guard_skips_nameless_sentences():
    index = TextIndex("会议共有代表120人参加。全区网上可办率达99%。")
    first, second = index.sentence(3), index.sentence(15)
    assert not index.sentence_may_map(first)
    assert index.sentence_may_map(second)
