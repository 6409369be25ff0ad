"""`gwfw unmapped` on the seeds: the contexts of numbers no rule maps, most frequent first."""

from gwfw import paths
from gwfw.cli import main
from gwfw.dataset.unmapped import contexts_of, rank


def test_the_seeds_unmapped_contexts_are_ranked_with_an_example():
    contexts, problems = rank(paths.RAW)
    assert problems == []
    counts = [c.count for c in contexts]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1
    keys = {c.key for c in contexts}
    assert "进驻 ▢项" in keys  # 坡头: 「进驻事项390项」, a count no indicator takes
    assert not any("办结率" in k or "网上可办率" in k for k in keys)  # mapped figures are not listed
    assert all(c.example.endswith(".txt)") for c in contexts)


def test_only_figures_the_rules_did_not_reach_are_listed():
    text = "进驻事项390项，办结率达到99%，共召开会议3次，培训2天。"
    statuses = {
        text.index("390"): "unmapped: no indicator name joined to it",
        text.index("99%"): "name before",
        text.index("3次"): "unmapped: no indicator name joined to it",
        text.index("2天"): "unmapped: no indicator name joined to it",
    }
    assert [k for k, _ in contexts_of(text, statuses)] == ["进驻 ▢项", "共召开会议 ▢次"]


def test_the_command_prints_the_ranked_list(capsys):
    assert main(["unmapped", str(paths.RAW), "--top", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:2] == ["count", "files"] and len(out) == 5
    assert out[-1].endswith("number(s) left unmapped")
