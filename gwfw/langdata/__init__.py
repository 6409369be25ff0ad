"""The language data in gwfw/langdata/, read and checked together, once per process.

Every file's keys and required columns are listed here. The first use of any file checks all of them and
reports every problem at once, naming the file, the line or key and the fix (as dateparser validates its
language files): a missing key, a key of the wrong type, an unknown key (a typo), an empty required
cell, a YAML syntax error. An edit to the language data fails loudly and completely.
"""

from __future__ import annotations

import csv
import functools

import yaml

from ..errors import LexiconError
from ..paths import DATA_FILES

# Each YAML file: its keys and their types. A key not listed is an error (a typo would go unread).
YAML_KEYS: dict[str, dict[str, type]] = {
    "numerals.yaml": {
        "fullwidth": dict,
        "digits": dict,
        "small_units": dict,
        "big_units": dict,
        "leading_units": list,
        "magnitudes": dict,
        "magnitude_exceptions": list,
        "percent_words": dict,
        "decimal_point": str,
        "units": list,
        "unit_blocked_next": dict,
        "prefix_qualifiers": dict,
        "prefix_unit_exceptions": dict,
        "inner_suffixes": dict,
        "outer_suffixes": dict,
        "range_dashes": list,
        "ordinal_prefixes": list,
        "vague_prefixes": list,
        "bare_one": list,
        "bare_one_units": list,
        "fixed_expressions": list,
        "prefix_blocked_after": dict,
    },
    "periods.yaml": {
        "as_of_closers": list,
        "relative_years": dict,
        "whole_year_words": list,
        "same_period_words": list,
        "year_suffix": str,
        "year_not_followed_by": list,
        "quarters": dict,
        "quarter_word": str,
        "quarter_prefix": str,
        "quarters_to_date_prefix": str,
        "months_to_date_word": str,
        "month_counts": dict,
        "halves": dict,
        "month_range_joiners": str,
        "month_end_words": list,
        "month_suffix": list,
        "day_word": str,
        "as_of_words": list,
        "now_words": list,
        "since_words": list,
        "since_max_gap": int,
        "since_words_adjacent": list,
        "now_not_after": list,
        "year_centuries": list,
        "date_words": dict,
        "month_word": str,
        "since_stops": str,
        "relative_months": dict,
        "day_range_joiners": str,
        "carry_max_sentences": int,
        "paragraph_opening_chars": int,
        "relative_month_previous_until_day": int,
        "year_previous_until_day": int,
        "year_report_until_month": int,
        "plan_periods": dict,
        "event_words": list,
        "month_numerals": dict,
        "month_numeral_not_after": str,
        "baseline_before": list,
        "baseline_after": list,
    },
    "layout.yaml": {
        "heading_max_chars": int,
        "heading_ends_not": str,
        "heading_levels": list,
    },
    "scope.yaml": {
        "hotline_words": list,
        "new_venue_words": list,
        "wider_after_count": list,
        "plan_future_words": list,
        "hotline_carry_sentences": int,
        "hotline_reset_words": list,
        "hotline_units": list,
        "no_name_reason": str,
        "not_counted_nouns": list,
        "guide_nouns": list,
        "guide_max_chars": int,
        "list_end_max_chars": int,
        "other_business_words": list,
        "other_business_not_before": list,
        "other_business_carry_sentences": int,
        "other_business_reset_words": list,
        "other_business_reason": str,
        "negated_words": list,
        "sub_level_words": list,
        "county_level_words": list,
        "own_figure_brackets": list,
        "case_part_words": list,
        "case_part_of": list,
        "breakdown_sentence_ends": str,
        "plan_title_words": list,
        "report_title_words": list,
        "baseline_words": list,
        "plan_heading_words": list,
        "target_words": list,
        "requirement_qualifiers": list,
        "not_target_year": dict,
        "change_words": list,
        "average_words": list,
        "average_after": list,
        "flow_change_words": list,
        "average_stops": list,
        "wider_area_words": list,
        "wider_not_after": list,
        "wider_opening_words": list,
        "own_area_words": dict,
        "department_stems": list,
        "department_suffixes": list,
        "department_names": list,
        "place_suffixes": list,
        "place_name_not": list,
        "place_not_words": list,
        "look_back_chars": int,
        "scopes": dict,
        "package_heads": list,
        "whole_programme_topics": list,
        "package_topic_max_chars": int,
        "district_wide_words": list,
        "list_end_words": list,
        "list_separators": list,
    },
    "confidence.yaml": {
        "rules": dict,
        "rule_default": str,
        "periods": dict,
        "scoped": str,
    },
    "unmapped.yaml": {
        "units": list,
        "review_words": list,
        "reasons": list,
        "context_chars": int,
    },
    "extraction.yaml": {
        "as_of_words": list,
        "period_end_words": list,
        "collection_verbs": list,
        "collection_joiners": list,
        "collection_max_chars": int,
        "collected_indicators": list,
        "unit_accepts": dict,
        "unit_accepts_by_indicator": dict,
        "cut_rate": dict,
        "link_words": list,
        "link_max_chars": int,
        "quote_chars": str,
        "clause_delimiters": str,
        "sentence_delimiters": str,
        "title_brackets": list,
        "respectively": str,
        "list_separator": str,
        "list_separators_more": list,
        "formula_joiners": str,
        "breakdown_markers": list,
        "programme_stops": list,
        "rate_after_links": list,
        "generic_heads": list,
        "own_level_words": list,
        "counted_bodies": list,
        "date_units": list,
        "section_heading": str,
        "section_heading_chars": int,
        "signature_max_chars": int,
        "as_of_publication_kinds": list,
        "decoy_names": list,
        "target_markers": list,
        "clause_target_markers": list,
        "increment_markers": list,
        "generic_indicators": list,
        "not_counted_before_name": dict,
        "bodies_after_name": list,
        "done_after_accepted": dict,
        "things_set_up": dict,
        "subset_before_share": list,
        "joined_after_count": dict,
        "mode_before_cases": dict,
        "monitored_cases": dict,
        "item_kind_parts": list,
        "programme_verbs": list,
        "own_nouns_before_count": list,
        "title_max_chars": int,
        "title_stops": str,
        "place_context_chars": int,
        "list_nouns": list,
        "list_size_links": list,
        "list_version_max_chars": int,
        "change_from": list,
        "change_from_max_chars": int,
        "change_verbs": list,
        "change_to": list,
        "change_baselines": list,
        "change_clause": dict,
        "elided_subjects": list,
        "elided_subject_max_chars": int,
        "change_dated": dict,
        "label_marks": dict,
    },
    "places.yaml": {
        "name_suffixes": list,
        "place_figure_joiners": str,
        "breakdown_max_figures": int,
        "name_place_joiners": str,
        "name_place_time_words": list,
        "breakdown_name_max_chars": int,
        "list_line_ends": str,
        "subject_lead_words": list,
    },
    "dates.yaml": {
        "digits": dict,
        "ten": str,
        "year_word": str,
        "month_word": str,
        "day_words": list,
        "separators": list,
        "weekday_words": list,
    },
    "pages.yaml": {
        "meta_names": dict,
        "info_labels": dict,
        "header_labels": dict,
        "header_fields": list,
        "furniture_words": list,
        "not_publishers": list,
        "title_separators": list,
        "publisher_endings": list,
        "page_number_words": dict,
    },
    "review.yaml": {
        "miss_units": list,
        "miss_count_units": list,
        "service_words": list,
        "not_a_miss": list,
        "low_confidence_below": float,
        "low_confidence_words": list,
        "labels": dict,
    },
    "name_parts.yaml": {
        "objects": dict,
        "leading_object_min_chars": int,
        "modifiers": list,
        "joined_kinds": list,
        "object_joiners": list,
        "object_others": list,
        "measures": dict,
        "joiners": list,
        "concept_quotes": list,
        "unit_objects": dict,
        "concepts": list,
        "concept_separators": list,
        "each_words": list,
        "share_words": list,
        "count_share_max_chars": int,
        "count_concept_max_chars": int,
        "count_share_verbs": list,
        "subject_max_chars": int,
        "brand_max_chars": int,
        "unitless_magnitudes": list,
        "classified_tails": list,
        "note_max_chars": int,
        "note_brackets": list,
    },
    "labels.yaml": {
        "marks": dict,
        "chart_marks": dict,
        "list_joiner": str,
        "marks_joiner": str,
        "as_of_prefix": str,
        "qualifier_marks": dict,
        "qualifier_labels": dict,
        "period_source_labels": dict,
        "dimension_labels": dict,
        "columns": dict,
        "parameters": dict,
        "facts": dict,
        "messages": dict,
        "site_words": dict,
        "peers": dict,
    },
    "site.yaml": {
        "compare": list,
        "order": list,
        "palette": list,
        "others": list,
        "pages": dict,
    },
}
# Each CSV file: the columns every row must fill.
CSV_REQUIRED: dict[str, tuple[str, ...]] = {
    "indicators.csv": ("code", "name_zh", "unit", "measure", "surface_forms"),
    "divisions.csv": ("code", "name", "kind"),
    "districts_extra.csv": ("name",),
    "kinds.csv": ("kind", "name_zh"),
    "comparability.csv": ("indicator", "province", "note"),
}


def _where(name: str) -> str:
    return f"gwfw/langdata/{name}"


def _read_yaml(name: str, keys: dict[str, type], problems: list[str]) -> dict:
    with open(DATA_FILES / name, encoding="utf-8") as f:
        try:
            data = yaml.safe_load(f) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f": line {mark.line + 1}" if mark else ""
            problems.append(
                f"{_where(name)}{where}: not valid YAML ({getattr(exc, 'problem', None) or exc}) "
                "— fix the syntax there"
            )
            return {}
    if not isinstance(data, dict):
        problems.append(f"{_where(name)}: should hold keys, got {type(data).__name__}")
        return {}
    for key, kind in keys.items():
        if key not in data:
            problems.append(f"{_where(name)}: missing key '{key}' — add it (see the file's comments)")
        elif not isinstance(data[key], kind):
            problems.append(f"{_where(name)}: key '{key}' should be {kind.__name__}, got {data[key]!r}")
    for key in data:
        if key not in keys:
            problems.append(
                f"{_where(name)}: unknown key '{key}' — a typo? gwfw reads only: {', '.join(keys)}"
            )
    return data


def _read_csv(name: str, required: tuple[str, ...], problems: list[str]) -> tuple[dict[str, str], ...]:
    with open(DATA_FILES / name, encoding="utf-8", newline="") as f:
        lines = f.read().splitlines(keepends=True)
    header = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))  # '#': notes
    rows = tuple(csv.DictReader(lines[header:]))
    for i, row in enumerate(rows, start=header + 2):
        for col in required:
            if not (row.get(col) or "").strip():
                problems.append(f"{_where(name)}: line {i}: column '{col}' is empty — fill it in")
    return rows


def check_all() -> dict[str, object]:
    """Every language data file, read and checked: one LexiconError lists every problem in every file."""
    problems: list[str] = []
    data: dict[str, object] = {name: _read_yaml(name, keys, problems) for name, keys in YAML_KEYS.items()}
    data |= {name: _read_csv(name, required, problems) for name, required in CSV_REQUIRED.items()}
    if problems:
        raise LexiconError("\n".join(problems))
    return data


@functools.cache
def _checked() -> dict[str, object]:
    return check_all()


def forget() -> None:
    """Drop the files read so far: the next use reads and checks them again (after an edit in a session)."""
    _checked.cache_clear()


def load_yaml(name: str) -> dict:
    """One YAML file of gwfw/langdata (all of them are checked on first use)."""
    return _checked()[name]


def load_csv(name: str) -> tuple[dict[str, str], ...]:
    """The rows of one CSV file of gwfw/langdata (all files are checked on first use)."""
    return _checked()[name]


def labels() -> dict:
    """The words and marks the pages show (labels.yaml)."""
    return load_yaml("labels.yaml")
