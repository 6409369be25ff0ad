"""Names that reach their number across something other than linking words.

「评价数据归集并推送22.44万条」: verbs of collecting stand between a count and its name; 「主动评价率：92.6%」
「网上可办率（99.5%）」: a colon or a bracket (which end clauses) does; 「将审批时限从1178个减少到343个，
精简率达75%」: a rate named only as a cut takes its name from the cut stated in the clause before. The words
and marks are language data (gwfw/langdata/extraction.yaml); the Matcher inherits these rules.
"""

from __future__ import annotations

import re
from functools import cache

from .codebook import by_code
from .level_rules import rev_alt
from .name_patterns import rules, unit_fits
from .names import Match
from .numerals import NumberMention


@cache
def _collection_run() -> re.Pattern:
    """On reversed text: linking words, then verbs of collecting joined by their joiners, up to the name
    of a count (「评价数据归集并推送22.44万条」 read back from the number)."""
    r = rules()
    verbs = rev_alt(r["collection_verbs"])
    return re.compile(
        rf"""
        (?:{rev_alt(r["link_words"])}|[{re.escape(r["quote_chars"])}]|\s){{0,4}}?  # 共, 达: before the number
        (?P<verbs> (?:{verbs})                                             # 推送
          (?: (?:{rev_alt(r["collection_joiners"])})? (?:{verbs}) )* )        # 归集并
        """,
        re.VERBOSE,
    )


class LinkedRules:
    """Rules of the Matcher (which provides ix, rules, link, _named and _name_before)."""

    def _labelled(self, n: NumberMention, c_start: int) -> Match | None:
        """「主动评价率：92.6%」「网上可办率（99.5%）位居前列」: a name, a colon or an opening bracket,
        then the number alone (in brackets, closed right after it): the name labels the number. Asked only
        of a number in a unit opening its clause right after a colon or an opening bracket (Matcher.match)."""
        text, marks = self.ix.text, self.rules["label_marks"]
        if c_start < 2 or text[c_start : n.start].strip():
            return None
        if text[c_start - 1] in marks["opening"] and text[n.end : n.end + 1] not in marks["closing"]:
            return None  # 「窗口（含无差别窗口12个）」: not the bracket's one figure
        found = self._name_before(c_start - 1, n, self.ix.clause(c_start - 2)[0])
        if found is None:
            return None
        # the words around the name screen the figure (「全省收到评价数(8486万条)」: the province's)
        why = "name before, then a colon or a bracket"
        return found._replace(reason=why, screen_from=found.evidence_start)

    def _value_reached(self, n: NumberMention, s_start: int, c_start: int) -> Match | None:
        """「办件按时办结率：年度指标值≥98%，实际完成值99.87%」: the value reached, after its target, takes
        the name stated before the target (extraction.yaml value_reached). Asked only when a word of the
        value reached stands shortly before n."""
        text, words = self.ix.text, self.rules["value_reached"]
        word = max(((text.rfind(w, c_start, n.start), w) for w in words["words"]), key=lambda p: p[0])
        if word[0] < 0 or not self.link.fullmatch(text, word[0] + len(word[1]), n.start):
            return None
        lo = max(s_start, word[0] - self.rules["context_back_chars"])  # (a long sentence costs no more)
        target = max(text.rfind(w, lo, word[0]) for w in words["target_words"])
        names = self.ix.names_within(lo, target) if target >= 0 else []
        ind = self._named(names[-1], n) if names else None
        return Match(ind, "the value reached, after its target", names[-1].start, n.end) if ind else None

    def _noted(self, n: NumberMention, c_start: int) -> Match | None:
        """「主动评价率（主动评价数/办件量）为92.3%」「网上可办率(不含涉密事项)达98%」: a name, a note in
        brackets, then linking words only before n: the name's figure, its note kept in the evidence. Asked
        only of a number whose clause opens right after a closing bracket (Matcher.match)."""
        text, marks, close = self.ix.text, self.rules["label_marks"], c_start - 1
        if c_start < n.start and not self.link.fullmatch(text, c_start, n.start):
            return None
        lo = max(0, close - self.rules["note_max_chars"])
        opening = max(text.rfind(b, lo, close) for b in marks["opening"])
        note = text[opening + 1 : close]
        stops = marks["opening"] + marks["closing"] + self.rules["sentence_delimiters"]
        if opening < 1 or any(c in note for c in stops) or any(c.isdigit() for c in note):
            return None  # no note, one of many brackets, or a breakdown (「（含自助终端1.2万件）」)
        found = self._name_before(opening, n, self.ix.clause(opening - 1)[0])
        return found._replace(reason="name before, then a note in brackets") if found else None

    def _ranked(self, n: NumberMention, c_start: int) -> Match | None:
        """「綦江区主动评价率最高，为98.5%」: a name, a word ranking it among its peers closing its clause
        with a comma, then linking words only before n: the name's figure (in a city's bulletin, the
        county's: by_place.PlaceBreakdown.subject). Asked only after a clause ending like a rank word."""
        text, comma = self.ix.text, c_start - 1
        if text[comma] not in self.rules["rank_commas"] or not self.link.fullmatch(text, c_start, n.start):
            return None
        word = next((w for w in self.rules["rank_words"] if text.endswith(w, 0, comma)), "")
        r_start = self.ix.clause(comma - 1)[0]
        found = word and self._name_before(comma - len(word), n, r_start)
        if not found:
            return self._ranked_again(n, r_start, comma - len(word)) if word else None
        return found._replace(reason="name before, then its rank", screen_from=found.evidence_start)

    def _ranked_again(self, n: NumberMention, r_start: int, r_end: int) -> Match | None:
        """「宣汉县主动评价率最高，为98.1%；万源市最低，为85.3%」: a rank of no name, after a short subject
        (text[r_start:r_end], no number in it), in the whole sentence of a ranked figure mapped before:
        that figure's name, for another place."""
        if self.last is None or r_end - r_start > self.rules["elided_subject_max_chars"]:
            return None
        if self.last[0] < self._whole_sentence_start(self.ix.sentence(n.start)[0]):
            return None
        if not unit_fits(self.last[1], n.unit) or any(c.isdigit() for c in self.ix.text[r_start:r_end]):
            return None
        return Match(self.last[1], "the name of the rank before, for another place", r_start, n.end)

    def _collected(self, n: NumberMention, c_start: int) -> Match | None:
        """「评价数据归集并推送22.44万条」: a count (in a unit) of what was collected, its name before the
        verbs of collecting."""
        reach = self.rules["link_max_chars"] + self.rules["collection_max_chars"]
        if not n.unit or not self.ix.collection_verbs.inside(max(c_start, n.start - reach), n.start):
            return None  # Performance: the usual number has no verb of collecting right before it
        start = len(self.ix.text) - n.start
        # Performance: linking words read in many ways (「仅为仅为…」); a long run of them is no such phrase
        run = self.ix.lexicon.link_run.match(self.ix.reversed, start)
        if run.end() - start > self.rules["link_max_chars"]:
            return None
        m = _collection_run().match(self.ix.reversed, start)
        if m is None or len(m["verbs"]) > self.rules["collection_max_chars"]:
            return None
        found = self._name_before(n.start - (m.end() - start), n, c_start)
        if found is None or found.indicator.code not in self.rules["collected_indicators"]:
            return None
        return found._replace(reason="name before, then verbs of collecting")

    def _elided(self, n: NumberMention, s_start: int, c_start: int) -> Match | None:
        """「全市网上可办率为85%，我区为92%」「去年网上可办率为98%，今年达到99.5%」: a clause naming only an
        area (我区, 全市: not a place's name, which a city's list per county reads) or a time, then linking
        words, before n, right after a clause that ends with a figure the rules named: n is that figure of
        this area or time. Whose figure it is, the screens decide as for any."""
        prev = self._neighbour(n, -1)
        if prev is None or prev.end != c_start - 1 or self.last is None or self.last[0] != prev.start:
            return None  # Performance: the usual number has no named figure ending the clause before
        if prev.start < s_start or not unit_fits(self.last[1], n.unit):
            return None
        text, pos, r = self.ix.text, c_start, self.rules
        lead = next((w for w in r["elided_subject_leads"] if text.startswith(w, pos)), "")  # 「其中我区…」
        word = next((w for w in r["elided_subjects"] if text.startswith(w, pos + len(lead))), "")
        pos += len(lead) + len(word)
        if lead and not word:
            return None  # (a part of the figure before: breakdown.py)
        if not word:  # else a period phrase must open the clause (「今年达到99.5%」)
            if (pos := self.ix.period_phrase_end(pos)) < 0:
                return None
        if pos == c_start:
            return None
        if not self.link.fullmatch(text, pos, n.start):  # 「全市共办理…1200万件，我区办理48万件」: the verb
            verb = next((v for v in r["elided_subject_verbs"] if text.startswith(v, pos)), "")  # repeated
            if not (word and verb and verb in text[self.ix.clause(prev.start)[0] : prev.start]):
                return None
            if not self.link.fullmatch(text, pos + len(verb), n.start):
                return None
        return Match(self.last[1], "the name of the clause before, for another place or time", c_start, n.end)

    def _rate_of_cut(self, n: NumberMention, s_start: int, c_start: int) -> Match | None:
        """「将平均承诺办结时间由25天压缩至17天，综合提速率32%」: a share whose clause names only a cut
        (cut_rate: words, after one of its prefixes, then linking words), right after a clause of its
        sentence that cuts an indicator's subject (subjects, with one of its verbs, and no word of
        not_subjects): the rate of that cut. Asked only of a share in a clause after
        another."""
        r, text = self.rules["cut_rate"], self.ix.text
        pos = c_start + next((len(w) for w in r["prefixes"] if text.startswith(w, c_start)), 0)
        word = next((w for w in r["words"] if text.startswith(w, pos)), "")
        if not word or not self.link.fullmatch(text, pos + len(word), n.start):
            return None
        prev = text[max(s_start, self.ix.clause(c_start - 1)[0]) : c_start - 1]
        if not any(v in prev for v in r["verbs"]):
            return None
        if any(w in prev for w in r["not_subjects"]):  # 「实际办结时间…压缩」: no promised limit
            return None
        for code, subjects in r["subjects"].items():
            if any(w in prev for w in subjects):
                why = "a rate named as a cut, of the cut in the clause before"
                return Match(by_code()[code], why, c_start, n.end)
        return None
