"""Words around a count of cases that say what is counted: 已办 after a count received names the cases
completed (「受理业务58629件,已办57690件」); 件 after a 一件事 name may count the things themselves
(「15件“一件事”」, 「完成…部署的“高效办成一件事”30件」) unless a verb of handling says cases; a mode's word
right before a name of cases counts that mode's cases only (「“一次不跑”办件量」「掌上办办件量」), and a verb
of supervising the cases watched (「已监管15532件办件」); counts of one kind of item each, side by side,
are parts (「办结公共服务事项23002件,办结行政权力事项5094件」); a count of one kind joined to another
(「865项行政许可和公共服务事项」) counts both, not the first; a subset's word by a share's name makes it the
subset's share (「高频事项全程网办占比」); a verb of publishing before a name of cases counts entries
published (「发布行政许可办理事项262件」); a count between a verb of handling and its object is counted by the
name they make (「共办理4.5万件政务服务事项」)."""

from __future__ import annotations

import bisect
from functools import cache

from .codebook import Indicator, by_code
from .name_patterns import Trigger, list_joiners, rules, unit_fits
from .names import Match, concepts, measure_words, parts
from .numerals import NumberMention


@cache
def done_ends() -> frozenset[str]:
    """The last characters of the words for "done" (see CountedThings._done_after_accepted)."""
    return frozenset(w[-1] for w in rules()["done_after_accepted"]["words"])


@cache
def mode_words() -> tuple[tuple[str, ...], frozenset[str]]:
    """The words of a service mode (see CountedThings._mode_cases) and their last characters: the
    concepts that name no count of cases, and mode_before_cases's words."""
    forms = [f for f, c in concepts().items() if not c.indicators("count", "cases")]
    words = tuple(sorted({*forms, *rules()["mode_before_cases"]["words"]}, key=len, reverse=True))
    return words, frozenset(w[-1] for w in words)


@cache
def subset_words() -> tuple[tuple[str, ...], frozenset[str]]:
    """The words of a subset of the items (see CountedThings._subset_share), longest first, and their last
    characters."""
    words = tuple(sorted(rules()["subset_before_share"], key=len, reverse=True))
    return words, frozenset(w[-1] for w in words)


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

    def _mode_cases(self, found: Match, n: NumberMention) -> Match:
        """「“一次不跑”办件量90.72万件」「掌上办办件量1.15万件」: a mode's word right before the name of a
        count of cases counts the cases of that mode, a part of the total (mode_before_cases). A mode's word
        that ends a programme's name (「“一件事一次办”办结8172件」) leaves the count to the programme."""
        start = found.evidence_start
        if start >= n.start:
            return found
        text, quotes = self.ix.text, self.rules["quote_chars"]
        before = text[max(0, start - 12) : start].rstrip(quotes)
        words, ends = mode_words()
        if before[-1:] not in ends or not before.endswith(words):
            return found  # Performance: the usual name has no mode's character right before it
        word = next(w for w in words if before.endswith(w))
        word_start = max(0, start - 12) + len(before) - len(word)
        i = bisect.bisect_right(self.ix.topic_starts, word_start) - 1
        if i >= 0 and self.ix.topics[i].end >= word_start:  # a programme's name goes on with it
            s_start, (c_start, c_end) = self.ix.sentence(n.start)[0], self.ix.clause(n.start)
            if programme := self._topic(n, s_start, c_start, c_end, before_only=True):
                return programme
        return Match(
            None,
            f"unmapped: the cases of one mode ({word}), a part of {found.indicator.code}",
            n.start,
            n.end,
        )

    def _not_counted(self, ind: Indicator, n: NumberMention, end: int) -> str:
        """Why a count right before a name ending at end is no count of ind, or '': 「15件“一件事”」
        counts the things, not the cases (not_counted_before_name); 「24个窗口部门」 counts the bodies the
        name runs on into (bodies_after_name); 「13个窗口办件量均超1000件」 counts the ones a statement is
        about (subject_after_name); 「68项行政许可事项审批权限下放给…」 counts a change (moved_after_name);
        「865项行政许可和公共服务事项」 counts two kinds of item together (joined_after_count)."""
        if ind.code in self.rules["not_counted_before_name"]["indicators"] and not self._handled(n):
            return f"unmapped: a count of the things {ind.code} is named for"
        rule, text = self.rules["joined_after_count"], self.ix.text
        if text.startswith(tuple(self.rules["bodies_after_name"]), end):
            return f"unmapped: a count of bodies ({text[n.end : end]}…), not of {ind.code}"
        if text.startswith(tuple(self.rules["subject_after_name"]), end):
            return f"unmapped: {text[n.end : end]} that its clause says more of, not {ind.code}"
        moved = self.rules["moved_after_name"]
        tail = text[end : min(self.ix.clause(n.start)[1], end + moved["max_chars"])]
        if ind.measure == "stock" and (verb := next((w for w in moved["words"] if w in tail), "")):
            return f"unmapped: a change of {ind.code} ({verb} after it), not its level"
        if ind.unit == "项" and (mode := self._mode_after(end)):  # 「600余项行政许可事项可全流程网办」
            return f"unmapped: the items of one mode ({mode}), not all {ind.code}"
        if ind.code not in rule["indicators"]:
            return ""
        joiner = next((j for j in rule["joiners"] if text.startswith(j, end)), None)
        if joiner is None:
            return ""
        kind = next((k for k in rule["kinds"] if text.startswith(k, end + len(joiner))), "")
        return f"unmapped: {ind.code} and {kind} counted together" if kind else ""

    def _mode_after(self, end: int) -> str:
        """The service mode a count's name ending at end goes on to, past words such as 可 and 实现
        (mode_after_name), or '' (also when it names a share: 「6739项依申请政务服务事项网上可办率」)."""
        text, pos = self.ix.text, end
        while (w := next((w for w in self.rules["mode_after_name"] if text.startswith(w, pos)), "")) != "":
            pos += len(w)
        m = self.ix.lexicon.concept.match(text, pos)
        return m.group() if m and not text.startswith(measure_words(), m.end()) else ""  # not 「…网上可办率」

    def _narrower_after(self, ind: Indicator, end: int) -> Indicator:
        """The narrower kind a name ending at end runs on into (narrower_after_name: 「综合受理窗口
        无差别受理」), or ind."""
        rule = self.rules["narrower_after_name"].get(ind.code)
        if rule and self.ix.text.startswith(tuple(rule["words"]), end):
            return by_code()[rule["code"]]
        return ind

    def _joined_before(self, ind: Indicator, start: int) -> str:
        """「公共服务和行政许可事项共1200项」「通知公告及行政许可共计150个」: the name of ind, starting at
        start, after another kind and a joiner (joined_after_count): the count after it is of both."""
        rule, text = self.rules["joined_after_count"], self.ix.text
        if ind.code not in rule["indicators"]:
            return ""
        joiner = next((j for j in rule["joiners"] if text.endswith(j, 0, start)), None)
        if joiner is None:
            return ""
        kind = next((k for k in rule["kinds"] if text.endswith(k, 0, start - len(joiner))), "")
        return f"unmapped: {kind} and {ind.code} counted together" if kind else ""

    def _subset_share(self, found: Match, n: NumberMention) -> Match:
        """「其中高频事项网上可办比例达100%」「95%以上高频政务服务事项…」: a subset's word right before
        the name of a share, or between the share and the subject after it, makes it the share of those
        items only, not the district's (subset_before_share)."""
        text, start = self.ix.text, found.evidence_start
        words, ends = subset_words()
        if start < n.start:
            reach = len(words[0]) + 2  # the longest word, and a pair of quotes around it
            before = text[max(0, start - reach) : start].rstrip(self.rules["quote_chars"])
            if before[-1:] not in ends or not before.endswith(words):
                return found  # Performance: the usual name has no subset's character right before it
            word = next(w for w in words if before.endswith(w))
        else:
            word = next((w for w in words if w in text[n.end : found.evidence_end]), "")
            if not word:
                return found
        return Match(
            None, f"unmapped: the share of a subset ({word}), not {found.indicator.code}", n.start, n.end
        )

    def _monitored(self, found: Match, n: NumberMention, c_start: int) -> Match:
        """「截至9月已监管15532件办件」: cases a supervision system watched, not cases handled; but not
        when the name before the count opens with a verb of handling (「监察到各部门受理的事项4877件」)."""
        rule = self.rules["monitored_cases"]
        if found.evidence_start < n.start and self.ix.text.startswith(
            tuple(rule["own_verbs"]), found.evidence_start
        ):
            return found
        verb, before = self._verb_before(found, n, c_start, rule)
        if not verb or any(w in before for w in rule["not_in"]):
            return found
        return Match(None, f"unmapped: cases watched ({verb}), not {found.indicator.code}", n.start, n.end)

    def _published(self, found: Match, n: NumberMention, c_start: int) -> Match:
        """「发布行政许可办理事项262件」: the entries of a list published, not cases handled."""
        if found.evidence_start >= n.start:
            return found  # (a name after the count)
        verb, _ = self._verb_before(found, n, c_start, self.rules["published_entries"])
        if not verb:
            return found
        why = f"unmapped: entries published ({verb}), not {found.indicator.code}"
        return Match(None, why, n.start, n.end)

    def _verb_before(self, found: Match, n: NumberMention, c_start: int, rule: dict) -> tuple[str, str]:
        """The first of rule's verbs standing at most its max_chars before the count's name (or the count,
        when the name comes after it) in its clause, or ''; and the text read."""
        start = min(found.evidence_start, n.start)
        before = self.ix.text[max(c_start, start - rule["max_chars"]) : start]
        return next((v for v in rule["verbs"] if v in before), ""), before

    def _between_verb_and_object(self, n: NumberMention, pos: int) -> Trigger | None:
        """「共办理4.5万件政务服务事项」: a count between a verb of handling and its object (which begins at
        pos); the name the verb and the object make, spanning both."""
        text, p = self.ix.text, parts()
        verb = next((v for v in p["verbs_before_count"] if text.endswith(v, 0, n.start)), None)
        if verb is None:
            return None
        m = self.ix.lexicon.composer.forward.match(verb + text[pos : pos + p["verb_object_max_chars"]])
        if m is None or m.end() <= len(verb):
            return None
        return Trigger(n.start - len(verb), pos + m.end() - len(verb), m.group())

    def _kind_part(self, found: Match, n: NumberMention) -> Match:
        """「办结公共服务事项23002件,办结行政权力事项5094件」: one kind of item, with another kind named in
        the sentence outside its name, counts a part of the cases (item_kind_parts)."""
        text, kinds = self.ix.text, self.rules["item_kind_parts"]
        name = text[found.evidence_start : found.evidence_end]
        if found.reason == "respectively":  # 「受理行政许可、公共服务事项分别为…」: the name's own item only
            name = name[: min((k for w in list_joiners() if (k := name.find(w)) >= 0), default=len(name))]
        own = [k for k in kinds if k in name]
        if len(own) != 1:
            return found  # Performance: the usual name holds no kind; two joined are all items
        s_start, s_end = self.ix.sentence(n.start)
        outside = text[s_start : found.evidence_start] + text[found.evidence_start + len(name) : s_end]
        other = next((k for k in kinds if k != own[0] and k in outside), "")
        if not other:
            return found
        why = f"unmapped: {own[0]} beside {other}, a part of {found.indicator.code}"
        return Match(None, why, n.start, n.end)

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
        if not unit_fits(ind, before.unit):
            return None
        if not any(w in text[self.ix.clause(before.start)[0] : before.start] for w in done["accepted"]):
            return None
        ind = self._fits([ind], n)
        return Match(ind, "done after a count received", n.start - len(word), n.end) if ind else None
