"""The evaluation rule of the extraction issue, on small hand-made tables."""

from gwfw.dataset.evaluate import evaluate

GOLD = dict(
    file="a.txt",
    district="綦江区",
    indicator="completion_rate",
    value="98.33",
    unit="%",
    qualifier="exact",
    period_start="2022-01-01",
    period_end="2022-06-30",
    period_end_alt="",
    optional="",
)


def pred(**kw):
    row = dict(
        file="a.txt", district="綦江区", indicator="completion_rate", value="98.33", period_end="2022-06-30"
    )
    row.update(kw)
    return row


def test_exact_match_and_tolerance():
    assert evaluate([GOLD], [pred(value="98.7")]).recall == 1.0  # within 0.5 %
    assert evaluate([GOLD], [pred(value="99.0")]).recall == 0.0


def test_period_month_matters_for_short_periods_only():
    assert evaluate([GOLD], [pred(period_end="2022-06-15")]).recall == 1.0
    assert evaluate([GOLD], [pred(period_end="2022-09-30")]).recall == 0.0
    year = dict(GOLD, period_start="2022-01-01", period_end="2022-12-31")
    assert evaluate([year], [pred(period_end="2022-06-30")]).recall == 1.0
    assert evaluate([dict(GOLD, period_end_alt="2021-12-31")], [pred(period_end="2021-12-31")]).recall == 1.0


def test_each_gold_row_matches_once_and_optional_rows_absorb():
    result = evaluate([GOLD], [pred(), pred()])
    assert (result.true_positives, len(result.false_hits), result.precision) == (1, 1, 0.5)
    optional = dict(GOLD, value="100", optional="1")
    result = evaluate([GOLD, optional], [pred(), pred(value="100")])
    assert (result.precision, result.recall, result.absorbed) == (1.0, 1.0, 1)
    assert evaluate([optional], []).recall == 1.0  # an optional miss costs nothing


def test_matching_is_order_independent():
    wide = dict(GOLD, value="100")  # matches both predictions
    narrow = dict(GOLD, value="99.2")  # matches only 99.6
    preds = [pred(value="99.6"), pred(value="100.4")]
    assert evaluate([wide, narrow], preds).true_positives == 2  # a greedy first-fit would give 1
    assert evaluate([narrow, wide], preds[::-1]).true_positives == 2


def test_a_table_without_the_needed_columns_or_file_is_one_message(tmp_path, capsys):
    from gwfw.cli import main

    bad = tmp_path / "gold.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["evaluate", "--gold", str(bad), "--observations", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: line 1: missing column(s) file, district, indicator, value, period_end" in err
    assert main(["evaluate", "--gold", str(tmp_path / "nope.csv"), "--observations", str(bad)]) == 2
    assert "nope.csv: cannot be read (No such file or directory) — check the path" in capsys.readouterr().err
