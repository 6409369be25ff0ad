"""A researcher's corrections: applied by the build after extraction, kept across rebuilds, never lost
silently when the report or the rules change."""

import csv

import pytest

from gwfw import paths
from gwfw.cli import main
from gwfw.dataset import build as build_module
from gwfw.dataset.build import build
from gwfw.dataset.corrections import COLUMNS, evidence_digest, observation_id, parse, row_line
from gwfw.dataset.raw_folder import read_text

RONGCHANG = "001_0f2180a73927f1eb.txt"
POTOU = "004_744fe597f0dcaea5.txt"
CITY = "003_73c6234cb26c16dc.txt"


def _rows(folder, name="observations"):
    with open(folder / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _find(rows, file, indicator, value):
    [row] = [r for r in rows if r["file"] == file and r["indicator"] == indicator and r["value"] == value]
    return row


def _write(path, *rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [",".join(COLUMNS)] + [row_line({c: r.get(c, "") for c in COLUMNS}) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The seeds' tables as the extractor alone makes them."""
    out = tmp_path_factory.mktemp("extracted")
    build(paths.RAW, out, parquet=False)
    return _rows(out)


def test_ids_are_a_digest_of_file_offsets_and_indicator_and_unique(extracted):
    ids = [r["id"] for r in extracted]
    assert len(set(ids)) == len(ids)
    for r in extracted:
        assert r["id"] == observation_id(r["file"], r["char_start"], r["char_end"], r["indicator"])
        assert r["source"] == "extracted" and r["note"] == ""
    committed = {r["id"] for r in _rows(paths.PROCESSED) if r["source"] == "extracted"}
    assert committed <= set(ids)  # the committed data uses the same ids


def _three_corrections(tmp_path, extracted, raw):
    rejected = _find(extracted, RONGCHANG, "time_limit_reduction_rate", "66.7")
    fixed = _find(extracted, POTOU, "review_count", "21686")
    text, _ = read_text(raw / CITY)
    start = text.index("1309项政务服务事项")
    end = start + len("1309项政务服务事项")
    corrections = _write(
        tmp_path / "curation" / "corrections.csv",
        {**rejected, "action": "reject", "note": "一件事 time cut"},  # the line the review page offers
        {"id": fixed["id"], "action": "fix", "value": "21690", "note": "typo in the report, 21690 elsewhere"},
        {
            "id": evidence_digest(CITY, start, end, text[start:end]),
            "action": "add",
            "file": CITY,
            "indicator": "application_items",
            "char_start": str(start),
            "char_end": str(end),
            "period_end": "2020-12-31",
            "note": "石柱 items",
        },
    )
    return corrections, rejected, fixed, (start, end, text)


def test_reject_fix_and_add_survive_two_rebuilds_and_a_build_without_cache(tmp_path, raw_copy, extracted):
    corrections, rejected, fixed, (a, b, text) = _three_corrections(tmp_path, extracted, raw_copy)
    cache = tmp_path / "cache"
    outputs = []
    for run, use_cache in (("one", True), ("two", True), ("fresh", False)):
        result = build(raw_copy, tmp_path / run, cache=cache if use_cache else None, corrections=corrections)
        assert result.problems == []
        assert [o.status for o in result.corrections] == ["applied"] * 3
        outputs.append((tmp_path / run / "observations.csv").read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    rows = _rows(tmp_path / "fresh")
    assert rejected["id"] not in {r["id"] for r in rows}
    [fix] = [r for r in rows if r["id"] == fixed["id"]]
    assert (fix["value"], fix["source"], fix["note"]) == (
        "21690",
        "corrected",
        "typo in the report, 21690 elsewhere",
    )
    [add] = [r for r in rows if r["source"] == "added"]
    assert (add["file"], add["district"], add["value"], add["unit"]) == (
        CITY,
        "石柱土家族自治县",
        "1309",
        "项",
    )
    assert add["evidence"] == text[a:b] and add["sentence"].find(add["evidence"]) >= 0
    assert add["id"] == observation_id(CITY, a, b, "application_items")
    assert add["period_label"] == "as of 2020-12-31"  # a stock
    # the conflict the rejected figure caused is gone
    assert _find(rows, RONGCHANG, "time_limit_reduction_rate", "91.73")["conflict"] == "False"


def test_a_change_to_the_corrections_alone_extracts_nothing_again(tmp_path, raw_copy, extracted, monkeypatch):
    corrections, rejected, *_ = _three_corrections(tmp_path, extracted, raw_copy)
    cache = tmp_path / "cache"
    build(raw_copy, tmp_path / "one", cache=cache, parquet=False)
    assert rejected["id"] in {r["id"] for r in _rows(tmp_path / "one")}

    def no_extraction(*args):
        raise AssertionError("a report was extracted again")

    monkeypatch.setattr(build_module, "extract", no_extraction)
    result = build(raw_copy, tmp_path / "two", cache=cache, parquet=False, corrections=corrections)
    assert result.problems == [] and rejected["id"] not in {r["id"] for r in _rows(tmp_path / "two")}


def test_a_changed_report_turns_its_corrections_into_listed_orphans(tmp_path, raw_copy, extracted):
    corrections, rejected, *_ = _three_corrections(tmp_path, extracted, raw_copy)
    before = corrections.read_bytes()
    for name in (RONGCHANG, CITY):  # a line added at the top moves every offset
        path = raw_copy / name
        path.write_text("更新说明。\n" + read_text(path)[0], encoding="utf-8")
    result = build(raw_copy, tmp_path / "out", corrections=corrections)
    status = {o.action: o for o in result.corrections}
    assert status["reject"].status == "orphan" and status["add"].status == "orphan"
    assert "time_limit_reduction_rate 66.7%" in status["reject"].message  # what it targeted
    assert f"{RONGCHANG} chars {rejected['char_start']}–{rejected['char_end']}" in status["reject"].message
    assert "is no longer the text added" in status["add"].message
    assert status["fix"].status == "applied"  # 坡头's report did not change
    summary = result.summary()
    assert "2 orphan" in summary and "correction: line 2: reject orphan" in summary
    assert corrections.read_bytes() == before  # kept in the file
    listed = _rows(tmp_path / "out", "corrections_status")
    assert [r["status"] for r in listed] == ["orphan", "applied", "orphan"]
    # the rejected figure is back, as the extractor reads the changed report
    assert (
        _find(_rows(tmp_path / "out"), RONGCHANG, "time_limit_reduction_rate", "66.7")["source"]
        == "extracted"
    )


def test_a_fix_the_extraction_already_equals_is_no_longer_needed(tmp_path, extracted):
    row = _find(extracted, POTOU, "review_count", "21686")
    corrections = _write(tmp_path / "c.csv", {"id": row["id"], "action": "fix", "value": "21686.0"})
    result = build(paths.RAW, tmp_path / "out", parquet=False, corrections=corrections)
    [outcome] = result.corrections
    assert outcome.status == "no longer needed"
    assert "correction: line 2: fix no longer needed: the extraction already says" in result.summary()
    assert _find(_rows(tmp_path / "out"), POTOU, "review_count", "21686")["source"] == "extracted"


def test_a_malformed_row_is_one_message_naming_its_line_and_the_others_apply(tmp_path, extracted):
    row = _find(extracted, RONGCHANG, "time_limit_reduction_rate", "66.7")
    path = tmp_path / "corrections.csv"
    path.write_text(
        ",".join(COLUMNS)
        + "\n"
        + f"{row['id']},delete,,,,,,,,,,,\n"
        + f"{row['id'][:8]},reject,,,,,,,,,,,\n"
        + ",fix,x.txt,,,abc,,,,,,,\n"
        + f'{row["id"]},reject,,,,,,,,,,,"a note, with a comma"\n'
        + f"{row['id']},fix,,,,,,,2022-13-01,,,,\n"
        + "too,few,fields\n",
        encoding="utf-8",
    )
    corrections, problems = parse(path.read_text(encoding="utf-8"), "corrections.csv")
    assert problems == [
        "corrections.csv: line 2: action 'delete' is not one of reject, fix, add",
        f"corrections.csv: line 3: id '{row['id'][:8]}' is not a figure id "
        "(16 hex digits, as on the review page)",
        "corrections.csv: line 4: id '' is not a figure id (16 hex digits, as on the review page)",
        "corrections.csv: line 6: period_start '2022-13-01' is not a date like 2022-12-31",
        "corrections.csv: line 7: 3 fields, the header has 13 — quote a field that holds a comma",
    ]
    assert [c.line for c in corrections] == [5]
    result = build(paths.RAW, tmp_path / "out", parquet=False, corrections=path)  # found by its id alone
    assert [o.status for o in result.corrections] == ["applied"]
    assert sum(p.startswith(str(path)) for p in result.problems) == 5
    assert all("\n" not in p for p in result.problems)


def test_cli_correct_appends_checked_rows(tmp_path, raw_copy, capsys):
    data, corrections = tmp_path / "processed", tmp_path / "curation" / "corrections.csv"
    assert main(["build", "--raw", str(raw_copy), "--out", str(data), "--workers", "1"]) == 0
    row = _find(_rows(data), POTOU, "cases_total", "62634")
    common = ["--data", str(data), "--corrections", str(corrections), "--raw", str(raw_copy)]
    assert main(["correct", "reject", row["id"], "--note", "粤智助 kiosks only", *common]) == 0
    other = _find(_rows(data), POTOU, "review_count", "21686")
    assert main(["correct", "fix", other["id"], "--value", "21690", "--note", "n", *common]) == 0
    text, _ = read_text(raw_copy / POTOU)
    at = text.index("62634笔")
    assert (
        main(
            [
                "correct",
                "add",
                POTOU,
                str(at),
                str(at + 6),
                "--indicator",
                "one_thing_cases",
                "--note",
                "example",
                *common,
            ]
        )
        == 0
    )
    assert "evidence: 「62634笔」" in capsys.readouterr().out
    parsed, problems = parse(corrections.read_text(encoding="utf-8"), "c")
    assert problems == [] and [c.action for c in parsed] == ["reject", "fix", "add"]
    assert parsed[0].fields["value"] == "62634" and parsed[0].fields["note"] == "粤智助 kiosks only"
    assert parsed[2].fields["value"] == "62634" and parsed[2].fields["period_end"] == "2022-12-19"
    # refused, with one line saying why; nothing appended
    size = corrections.stat().st_size
    assert main(["correct", "reject", "0123456789abcdef", "--note", "n", *common]) == 2
    assert main(["correct", "reject", row["id"], "--note", "again", *common]) == 2
    assert (
        main(["correct", "add", POTOU, "0", "4", "--indicator", "cases_total", "--note", "n", *common]) == 2
    )
    err = capsys.readouterr().err.splitlines()
    assert "no figure has id '0123456789abcdef'" in err[0] and "already corrects this figure" in err[1]
    assert "holds no number" in err[2]
    assert corrections.stat().st_size == size
    result = build(raw_copy, tmp_path / "again", parquet=False, corrections=corrections)
    assert [o.status for o in result.corrections] == ["applied"] * 3


def test_the_shipped_corrections_apply_and_the_seeds_scope_problems_stay_apart():
    """The shipped lines all apply; the seeds' scope problems need none any more: the extraction keeps
    those figures with their narrower scope, apart from the district's own (no conflict)."""
    status = _rows(paths.PROCESSED, "corrections_status")
    assert status and all(r["status"] == "applied" for r in status)
    rows = _rows(paths.PROCESSED)
    values = {(r["district"], r["indicator"], r["value"]) for r in rows}
    assert ("荣昌区", "cases_total", "50000") not in values  # a town's cases (吴家镇), rejected
    scope = {(r["district"], r["indicator"], r["value"]): r["scope"] for r in rows}
    assert scope[("荣昌区", "time_limit_reduction_rate", "66.7")].startswith("programme:")
    assert scope[("坡头区", "cases_total", "62634")].startswith("venue:")
    pre_review = [r for r in rows if r["district"] == "九龙坡区" and "预审" in r["sentence"]]
    assert pre_review and all(r["scope"].startswith("venue:") for r in pre_review)
    assert not [r for r in rows if r["scope"] and r["conflict"] == "True"]


def test_a_fix_of_the_period_or_indicator_relabels_the_figure(tmp_path, extracted):
    count = _find(extracted, POTOU, "review_count", "21686")
    share = _find(extracted, POTOU, "completion_rate", "100")
    windows = _find(extracted, POTOU, "self_service_terminals", "71")
    corrections = _write(
        tmp_path / "c.csv",
        {"id": count["id"], "action": "fix", "period_end": "2022-06-30", "note": "上半年"},
        {"id": share["id"], "action": "fix", "indicator": "on_time_completion_rate", "unit": "%"},
        {"id": windows["id"], "action": "fix", "unit": "个", "value": "72"},
    )
    result = build(paths.RAW, tmp_path / "out", parquet=False, corrections=corrections)
    assert [o.status for o in result.corrections] == ["applied", "applied", "orphan"]
    assert result.problems == [
        f"{POTOU}: corrections: line 4: unit '个' is not the codebook unit '台' — fix the indicator instead"
    ]
    rows = {r["id"]: r for r in _rows(tmp_path / "out")}
    fixed = rows[count["id"]]
    assert (fixed["period_start"], fixed["period_end"], fixed["period_label"], fixed["period_source"]) == (
        "2022-01-01",
        "2022-06-30",
        "2022H1",
        "correction",
    )
    moved = rows[share["id"]]  # keeps the id it was corrected under, keeps its period
    assert (moved["indicator"], moved["period_label"], moved["source"]) == (
        "on_time_completion_rate",
        "2022",
        "corrected",
    )
    assert rows[windows["id"]]["value"] == "71" and rows[windows["id"]]["source"] == "extracted"
