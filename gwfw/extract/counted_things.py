"""Words around a count of cases that say what is counted: 已办 after a count received names the cases
completed (「受理业务58629件,已办57690件」); 件 after a 一件事 name may count the things themselves
(「15件“一件事”」, 「完成…部署的“高效办成一件事”30件」) unless a verb of handling says cases."""

from __future__ import annotations

import bisect
from functools import cache

from .codebook import by_code
from .name_patterns import rules
from .names import Match
from .numerals import NumberMention


@cache
def done_ends() -> frozenset[str]:
    """The last characters of the words for "done" (see CountedThings._done_after_accepted)."""
    return frozenset(w[-1] for w in rules()["done_after_accepted"]["words"])


class CountedThings:
    """Rules of the Matcher (which provides ix, rules, numbers, starts and _fits)."""

    def _handled(self, n: NumberMention) -> bool:
        """Does a verb of handling stand just before n (「已办理115件“一件事”」: cases, not things)?"""
        rule = self.rules["not_counted_before_name"]
        return self._handled_in(self.ix.text[max(0, n.start - rule["unless_chars"]) : n.start])

    def _things_set_up(self, found: Match, n: NumberMention, c_start: int) -> Match:
        """「完成…部署的“高效办成一件事”30件」: 件 counts the things set up, not the cases handled."""
        rule, clause = self.rules["things_set_up"], self.ix.text[c_start : n.start]
        if any(v in clause for v in rule["verbs"]) and not self._handled_in(clause):
            return found._replace(
                indicator=by_code()[rule["reads_as"]], reason="things set up, counted in 件"
            )
        return found

    def _handled_in(self, text: str) -> bool:
        return any(v in text for v in self.rules["not_counted_before_name"]["unless_after"])

    def _done_after_accepted(self, n: NumberMention, s_start: int) -> Match | None:
        """「受理业务58629件,已办57690件」: 已办 right before a count that follows a count of cases received
        names the cases completed."""
        done, text = self.rules["done_after_accepted"], self.ix.text
        word = next((w for w in done["words"] if text.startswith(w, n.start - len(w))), None)
        k = bisect.bisect_left(self.starts, n.start) - 1
        if word is None or k < 0 or self.numbers[k].start < s_start:
            return None
        before = self.numbers[k]  # the count received: in a unit of cases, after an accepted word
        ind = by_code()[done["indicator"]]
        if before.unit not in self.rules["unit_accepts"].get(ind.unit, (ind.unit,)):
            return None
        if not any(w in text[self.ix.clause(before.start)[0] : before.start] for w in done["accepted"]):
            return None
        ind = self._fits([ind], n)
        return Match(ind, "done after a count received", n.start - len(word), n.end) if ind else None
