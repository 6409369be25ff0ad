"""Hard inputs and hard situations: behaviour only, never timing (the figures are in benchmarks/).

- pathological reports at small size (a 2 MB single line, nothing but numbers, walls of indicator
  names): extraction completes and every evidence slice is the report's own text;
- long lines, clauses and sentences: the work of an extraction (function calls and characters sliced
  or searched, counted, not timed) grows in proportion to the text, never with its square;
- two `gwfw build` started at once on the same output folder: both end, the tables are complete and
  equal to a fresh build, and a build that gave up says another build was running;
- a folder broken in every way we know: every problem message names its file.
"""

import random
import re
import shutil
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest

from gwfw import paths
from gwfw.dataset.build import extract_folder
from gwfw.dataset.files import build_lock
from gwfw.dataset.raw_folder import Report, ReportError, load_reports
from gwfw.extract import extract
from gwfw.extract.codebook import load_codebook

from .conftest import CATALOG_HEADER, write_report

GWFW = str(Path(sys.executable).parent / "gwfw")
META = {
    "district": "綦江区",
    "publisher": "綦江区政务服务管理办公室",
    "kind": "quarterly_bulletin",
    "title": "关于綦江区2022年二季度政务服务工作情况通报",
    "published": "2022-07-15",
}


def seed_text() -> str:
    reports, _ = load_reports(paths.RAW)
    return "\n".join(r.text for r in reports)


def fill(piece, size: int) -> str:
    parts, total, i = [], 0, 0
    while total < size:
        parts.append(piece(i))
        total += len(parts[-1].encode("utf-8"))
        i += 1
    return "".join(parts)


def extract_checked(text: str):
    """Extract; every offset in range and every evidence/text the report's own slice."""
    ex = extract(Report("hard.txt", text, "utf-8", META))
    for row in ex.observations:
        assert 0 <= row["char_start"] < row["char_end"] <= len(text)
        assert row["evidence"] == text[row["char_start"] : row["char_end"]]
        assert row["evidence"]
    for row in ex.mentions:
        assert 0 <= row["char_start"] < row["char_end"] <= len(text)
        assert row["text"] == text[row["char_start"] : row["char_end"]]
        assert Decimal(row["value"]).is_finite()
    return ex


# -- pathological inputs ----------------------------------------------------------------------------


def test_a_2mb_report_on_a_single_line():
    base = seed_text()
    line = fill(lambda i: base.replace("\n", " ") + " ", 2_000_000)
    assert "\n" not in line
    ex = extract_checked(line)
    per_copy = extract_checked(base.replace("\n", " ") + " ")
    copies = line.count(base.replace("\n", " ")[:200])
    # every figure of every copy is an observation, or a mention that says it restates one (restated.py)
    restated = sum("restated" in m["status"] for m in ex.mentions)
    assert len(ex.observations) + restated >= (copies - 1) * len(per_copy.observations) > 0
    assert {(o["indicator"], o["value"]) for o in per_copy.observations} <= {
        (o["indicator"], o["value"]) for o in ex.observations
    }


def test_a_report_of_only_numbers_reads_every_number_once():
    rnd = random.Random(3)
    tokens, lines = [], []
    while sum(map(len, lines)) < 500_000:
        row = [
            str(rnd.randint(0, 10 ** rnd.randint(1, 7)))
            + (f".{rnd.randint(1, 99)}" if rnd.random() < 0.3 else "")
            for _ in range(10)
        ]
        tokens += row
        lines.append(" ".join(row))
    ex = extract_checked("\n".join(lines) + "\n")
    assert [Decimal(m["value"]) for m in ex.mentions] == [Decimal(t) for t in tokens]
    assert ex.observations == []  # no indicator name anywhere: nothing is a figure


def test_numbers_on_one_line_without_any_punctuation():
    rnd = random.Random(4)
    tokens = [str(rnd.randint(0, 10**6)) for _ in range(15_000)]
    ex = extract_checked(" ".join(tokens))
    assert [m["text"] for m in ex.mentions] == tokens


def test_tens_of_thousands_of_indicator_names():
    rnd = random.Random(5)
    names = sorted({f for ind in load_codebook() for f in ind.surface_forms})
    units = ("件", "项", "个", "%", "万件", "家", "人次", "个工作日")

    def piece(i: int) -> str:
        out = rnd.choice(names)
        if i % 3 == 2:
            out += rnd.choice(("达", "为", "共", "")) + str(rnd.randint(1, 99999)) + rnd.choice(units)
        return out + ("。" if i % 200 == 199 else "，" if i % 10 == 9 else "、")

    text = fill(piece, 500_000)
    assert len(text) // 6 > 20_000  # well over twenty thousand names
    ex = extract_checked(text)
    assert len(ex.observations) > 1000
    for row in ex.observations[:2000]:
        assert row["value"] and row["indicator"]


def test_a_run_of_one_numeral_character_and_of_brackets():
    for text in (
        "一" * 200_000 + "件",
        "9" * 5_000 + "。",
        "《" * 100_000 + "办件量12件",
        "“" * 100_000 + "12%",
        "（" * 100_000,
        "（" * 100_000 + "）",
    ):
        extract_checked(text)


def test_a_trailing_bracketed_note_is_dropped_as_the_regex_did():
    from gwfw.extract.context import without_trailing_note

    note = re.compile(r"[(（][^)）]*[)）]\s*$")
    rnd = random.Random(6)
    for _ in range(20_000):
        line = "".join(rnd.choice("()（）a 日\t\u3000") for _ in range(rnd.randint(0, 12))).strip()
        assert without_trailing_note(line) == note.sub("", line), line


# -- no per-number work that grows with the distance to a line, clause or sentence start ----------------


class CountingText(str):
    """A report text that counts the characters that Python-level string operations on it touch."""

    touched = 0

    def __getitem__(self, key):
        out = str.__getitem__(self, key)
        CountingText.touched += len(out)
        return out

    def _scanned(self, start, end, found=-1, forward=True):
        """Count what a search reads: from where it starts to where it found its word (or gave up)."""
        start, end, _ = slice(start, end).indices(len(self))
        if found >= 0:
            start, end = (start, found + 1) if forward else (found, end)
        CountingText.touched += max(0, end - start)
        return found

    def find(self, sub, start=None, end=None):
        return self._scanned(start, end, str.find(self, sub, start, end))

    def rfind(self, sub, start=None, end=None):
        return self._scanned(start, end, str.rfind(self, sub, start, end), forward=False)

    def count(self, sub, start=None, end=None):
        self._scanned(start, end)
        return str.count(self, sub, start, end)

    def __contains__(self, sub):
        return self._scanned(None, None, str.find(self, sub)) >= 0


def extraction_work(text: str) -> int:
    """A machine-independent measure of the work of one extraction: Python and C function calls, plus
    the characters sliced or searched on the report's text. Not a timing."""
    calls = 0

    def profile(frame, event, arg):
        nonlocal calls
        calls += event in ("call", "c_call")

    CountingText.touched = 0
    sys.setprofile(profile)
    try:
        extract(Report("work.txt", CountingText(text), "utf-8", META))
    finally:
        sys.setprofile(None)
    return calls + CountingText.touched


def _one_line(k: int) -> str:
    base = seed_text().replace("\n", " ")
    return (base * (k // len(base) + 1))[:k]


def _numbers_one_line(k: int) -> str:
    rnd = random.Random(8)
    return "数据表\n" + " ".join(str(rnd.randint(0, 10**6)) for _ in range(k // 7))


GROWING = {  # text of about k characters, each shape long in one way
    "a report on one line": _one_line,
    "numbers on one line": _numbers_one_line,
    "names in a clause, then numbers": lambda k: (
        "实现" + "“跨省通办”、" * (k // 16) + "，办理" + "".join(f"{i}% " for i in range(k // 16))
    ),
    "names then figures of their kind": lambda k: (
        "办理" + "跨省通办、" * (k // 12) + "".join(f"{i}项 " for i in range(k // 12))
    ),
    "figures then names after them": lambda k: (
        "".join(f"{i}件 " for i in range(k // 10)) + "一件事 " * (k // 10)
    ),
    "one sentence of targets": lambda k: (
        "力争" + "".join(f"窗口{i}个满意率{i % 100}%" for i in range(k // 12))
    ),
    "one sentence of increases and contexts": lambda k: (
        "新增大厅" + "".join(f"窗口{i}个电子证照使用率{i % 100}%" for i in range(k // 16))
    ),
    "values reached with no target": lambda k: (
        "办件按时办结率" + "".join(f"，实际完成值{i % 100}%" for i in range(k // 10))
    ),
    "a long table of names and values": lambda k: "".join(f"| 办件量 | {i}件 |\n" for i in range(k // 14)),
}


@pytest.mark.parametrize("shape", GROWING)
def test_extraction_work_grows_in_proportion_to_the_text(shape):
    """Four times the text, about four times the work: a per-number cost that grows with the distance to
    a line, clause or sentence start (or with the names before the number) would make it about 16."""
    make = GROWING[shape]
    extract(Report("warm.txt", seed_text()[:3000], "utf-8", META))  # compile the rules first
    extract(Report("warm.txt", make(16_000), "utf-8", META))  # and compile what this shape's text asks for
    small, large = extraction_work(make(4_000)), extraction_work(make(16_000))
    assert large / small < 6, (shape, small, large)


def test_a_huge_number_is_one_reports_problem_not_the_builds(tmp_path):
    write_report(
        tmp_path, "good.txt", "1—6月，办件量33771件，办结率98.33%。\n".encode(), title="2022年二季度"
    )
    write_report(tmp_path, "huge.txt", ("编号" + "7" * 400 + "。受理" + "8" * 29 + "件。\n").encode())
    result = extract_folder(tmp_path)  # must not raise SchemaError
    assert "good.txt" in result.reports
    assert all(m["value"] != "" for m in result.mentions)
    assert any(m["value"] == "8" * 29 for m in result.mentions)


# -- two builds at once -----------------------------------------------------------------------------


def _raw_folder(tmp: Path, copies: int = 12) -> Path:
    """The seed reports, each also under a few more names: enough work that two builds overlap."""
    raw = tmp / "raw"
    shutil.copytree(paths.RAW, raw)
    lines = (raw / "catalog.csv").read_text(encoding="utf-8").splitlines()
    rows = lines[1:]
    with open(raw / "catalog.csv", "a", encoding="utf-8") as f:
        for k in range(copies):
            for row in rows:
                name = row.split(",", 1)[0]
                shutil.copy(raw / name, raw / f"copy{k}_{name}")
                f.write(f"copy{k}_{row}\n")
    return raw


def _build(raw: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [GWFW, "build", "--raw", str(raw), "--out", str(out), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _tables(out: Path) -> dict[str, bytes]:
    return {n: (out / n).read_bytes() for n in ("observations.csv", "mentions.csv")}


def test_two_builds_started_at_once(tmp_path):
    raw = _raw_folder(tmp_path)
    out = tmp_path / "out"
    procs = [_build(raw, out), _build(raw, out)]
    results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
    codes = [code for code, _, _ in results]
    assert 0 in codes, results
    for code, _stdout, stderr in results:
        if code != 0:  # it gave up waiting: it must say why, in one line
            assert code == 2 and "another gwfw build" in stderr, stderr
    fresh = tmp_path / "fresh"
    assert _build(raw, fresh, "--no-cache").wait(timeout=300) == 0
    assert _tables(out) == _tables(fresh)
    import pandas as pd

    for name in ("observations.parquet", "mentions.parquet"):
        pd.testing.assert_frame_equal(pd.read_parquet(out / name), pd.read_parquet(fresh / name))
    assert not list(out.glob(".*.tmp")), "a half-written file was left behind"


def test_a_build_that_waits_goes_through_and_one_that_gives_up_says_why(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(paths.RAW, raw)
    out = tmp_path / "out"
    assert _build(raw, out).wait(timeout=300) == 0
    before = _tables(out)
    # held for a moment: the second build waits, then runs
    held = threading.Event()

    def hold(seconds: float) -> None:
        with build_lock(out):
            held.set()
            time.sleep(seconds)

    t = threading.Thread(target=hold, args=(1.0,))
    t.start()
    held.wait()
    proc = _build(raw, out)
    code, (_, stderr) = proc.wait(timeout=300), proc.communicate()
    t.join()
    assert code == 0, stderr
    assert _tables(out) == before
    # held for longer than a build waits: it stops, says why, and leaves the tables as they were
    with build_lock(out):
        proc = _build(raw, out)
        code, (_, stderr) = proc.wait(timeout=300), proc.communicate()
    assert code == 2
    assert "another gwfw build" in stderr and str(out) in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert _tables(out) == before


# -- a broken folder --------------------------------------------------------------------------------

GOOD = "1—6月，我区政务服务事项申请33771件，办结率98.33%。\n".encode()
BROKEN = {
    "empty.txt": b"",
    "blank.txt": b"  \n\r\n ",
    "binary.txt": bytes(range(256)) * 4,
    "nul.txt": b"abc\x00def",
    "not_gb18030.txt": b"\x81\x20" * 20,
    "ff.txt": b"\xff" * 10,
    "latin1.txt": "café résumé, 33 pièces".encode("latin-1"),
    "utf16_truncated.txt": b"\xff\xfe" + "办结率98%".encode("utf-16-le") + b"\x00",
    "utf16_lone_surrogate.txt": b"\xff\xfe" + b"\x00\xd8\x41\x00",
    "nodistrict.txt": GOOD,
}


def broken_folder(folder: Path) -> set[str]:
    """Every way a folder can be broken that we know of; returns the names a message may cite."""
    folder.mkdir()
    (folder / "good.txt").write_bytes(GOOD)
    rows = ["good.txt,綦江区,,quarterly_bulletin,2022年二季度通报,,,"]
    for name, data in BROKEN.items():
        (folder / name).write_bytes(data)
        rows.append(f"{name},{'' if name == 'nodistrict.txt' else '綦江区'},,news,,2022-07-01,,")
    (folder / "uncatalogued.txt").write_bytes(GOOD)
    (folder / "a_folder.txt").mkdir()  # matches *.txt, cannot be read as a file
    (folder / "twice.txt").write_bytes(GOOD)
    rows += [
        "twice.txt,綦江区,,news,,,,",
        "twice.txt,綦江区,,news,,,,",
        "a_folder.txt,綦江区,,news,,,,",
        "missing.txt,綦江区,,news,,,,",
        ",綦江区,,news,,,,",
    ]
    (folder / "catalog.csv").write_text(CATALOG_HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return {*BROKEN, "uncatalogued.txt", "a_folder.txt", "twice.txt", "missing.txt", "catalog.csv"}


@pytest.mark.parametrize("workers", [1, 2])
def test_every_problem_of_a_broken_folder_names_its_file(tmp_path, workers):
    names = broken_folder(tmp_path / "raw")
    result = extract_folder(tmp_path / "raw", workers=workers)
    assert result.reports == ["good.txt", "twice.txt"]
    assert any(o["file"] == "good.txt" for o in result.observations)
    cited = set()
    for problem in result.problems:
        assert "\n" not in problem
        name = problem.split(":", 1)[0]
        assert name in names, f"the message does not start with a file of the folder: {problem}"
        cited.add(name)
    assert cited == names, f"no message for {sorted(names - cited)}"


def test_the_command_line_lists_every_problem_with_its_file(tmp_path):
    names = broken_folder(tmp_path / "raw")
    proc = subprocess.run(
        [GWFW, "build", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1  # problems, but the good reports went through
    problems = [ln[len("problem: ") :] for ln in proc.stdout.splitlines() if ln.startswith("problem: ")]
    assert {p.split(":", 1)[0] for p in problems} == names
    assert (tmp_path / "out" / "observations.csv").exists()


def test_a_missing_folder_or_catalog_stops_the_build_and_keeps_the_old_tables(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "observations.csv").write_text("previous", encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r.txt").write_bytes(GOOD)
    for raw, expected in ((tmp_path / "typo", "no such folder"), (tmp_path / "a", "no catalog")):
        proc = subprocess.run(
            [GWFW, "build", "--raw", str(raw), "--out", str(out)], capture_output=True, text=True
        )
        assert proc.returncode == 2 and expected in proc.stderr and str(raw) in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
    (tmp_path / "a" / "catalog.csv").write_text("name,place\nr.txt,綦江区\n", encoding="utf-8")
    with pytest.raises(ReportError, match=r"catalog.csv: missing column\(s\) file, district"):
        extract_folder(tmp_path / "a")
    assert (out / "observations.csv").read_text(encoding="utf-8") == "previous"


def test_a_broken_utf16_file_is_called_unreadable_not_a_bug(tmp_path):
    write_report(tmp_path, "u16.txt", b"\xff\xfe" + "办结率98%".encode("utf-16-le") + b"\x00")
    result = extract_folder(tmp_path)
    assert len(result.problems) == 1
    assert "extraction failed" not in result.problems[0] and "please report" not in result.problems[0]
    assert result.problems[0].startswith("u16.txt: ") and "UTF-16" in result.problems[0]
