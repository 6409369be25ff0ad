"""When a scope word in a figure's sentence does not narrow the figure after all.

A narrower scope keeps a figure apart from the district's in the comparisons, so a scope read wrongly
hides a district's own figure. The cases:

- a level's word (市本级, 州级) narrows only beside the whole area's figure (「全州共受理…，州级政务服务中心
  共受理…」); alone (「市本级办理政务服务事项159.72万件」) it is the unit's own figure;
- a word inside a note of what the figure includes (「区政务服务中心(含之江分中心)累计受理…」) widens it;
- a word opening a list's item, right before a figure of its own, labels that figure only (「网上办32798件，
  掌上办4753件，现场办50470件，办结率100%」);
- a word inside a note breaking down an earlier figure, closed before this one (「事项69074项（州级995项，
  …），网办率为80%」);
- a word of a kind's not_after shortly before it: 「安徽政务服务网涡阳分厅上线…事项」 is the county's page of
  the province's service website, not a branch hall.

The words are language data (scope.yaml: each scope kind's needs_before and not_after, inclusion_notes).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cache

from .name_patterns import rules as text_rules
from .scope_words import ScopeKind, lexicon


def _in_inclusion_note(text: str, start: int, floor: int, n_start: int) -> bool:
    """Does the word at start stand inside an open bracket that a word of inclusion opens (「（含…」),
    closed before the number at n_start (inside it, the word names the number's own part: 「（含自助终端
    办件1.2万件）」)?"""
    notes = lexicon()["inclusion_notes"]
    lo = max(floor, start - notes["max_chars"])
    opened = max(text.rfind(b, lo, start) for b in notes["opens"])
    if opened < 0 or any(c in text[opened:start] for c in notes["closes"]):
        return False
    if not any(c in text[start:n_start] for c in notes["closes"]):
        return False
    return text.startswith(tuple(notes["words"]), opened + 1)


# a figure right before a bracket: the note breaks that figure down
_AFTER_FIGURE = re.compile(
    r"""
    [0-9０-９%％]  # the figure's last digit or its percent sign
    [^\W\d]{0,3}   # its unit at most (项, 件次)
    \Z             # where the bracket opens
    """,
    re.VERBOSE,
)


def note_end(text: str, word: tuple[int, int], s_start: int, s_end: int) -> int:
    """Where the note breaking a figure down that holds the word closes, or s_end when it stands in none:
    such a word speaks of the note's figures only (「发布事项69074项（…村级45774项），其中55182项可网办，
    网办率为80%」). A note after a name (「第一分中心(社保大厅)」) says what the name is: its words stay."""
    notes = lexicon()["inclusion_notes"]
    start, end = word
    reach = notes["breakdown_max_chars"]  # (Performance: a word's cost stays flat in a long sentence)
    opened = max(text.rfind(b, max(s_start, start - reach), start) for b in notes["opens"])
    if opened < 0 or any(c in text[opened:start] for c in notes["closes"]):
        return s_end
    if not _AFTER_FIGURE.search(text, max(s_start, opened - 4), opened):
        return s_end
    stop = min(s_end, end + reach)
    return min((k for c in notes["closes"] if (k := text.find(c, end, stop)) >= 0), default=s_end)


def _labels_own_figure(
    text: str, word: tuple[int, int], n_start: int, figures: Sequence[int], quotes: str
) -> bool:
    """Does the word open an item of a list (a delimiter before it) and a figure other than the one at
    n_start start right after it, quotes and spaces aside? (Not 「第二批“一件事”60个场景上线，…共产生32万
    余件」: a programme's word inside its clause governs the sentence.)"""
    start, end = word
    before = text[max(0, start - 2) : start].rstrip(quotes)[-1:]
    if not before or before not in _item_openers():
        return False
    i = bisect.bisect_left(figures, end)
    return i < len(figures) and figures[i] < n_start and not text[end : figures[i]].strip(quotes)


@cache
def _item_openers() -> str:
    """The characters after which a list's item or a clause begins (not a bracket: 「74个村(居)基层公共
    服务平台45992件」 names the venue inside its item)."""
    notes = lexicon()["inclusion_notes"]
    brackets = {*notes["opens"], *notes["closes"]}
    return (
        "".join(c for c in text_rules()["clause_delimiters"] if c not in brackets)
        + text_rules()["list_separator"]
    )


def does_not_narrow(
    text: str,
    word: tuple[int, int],
    kind: ScopeKind,
    s_start: int,
    n_start: int,
    figures: Sequence[int],
    quotes: str,
) -> bool:
    """word: the scope word's span; kind: what it names; figures: where the report's figures start, in
    order."""
    start, end = word
    if kind.needs_before and not any(w in text[s_start:start] for w in kind.needs_before):
        return True
    near = text[max(s_start, start - lexicon()["scope_not_after_chars"]) : start]
    if any(w in near for w in kind.not_after):
        return True
    return _in_inclusion_note(text, start, s_start, n_start) or _labels_own_figure(
        text, word, n_start, figures, quotes
    )
