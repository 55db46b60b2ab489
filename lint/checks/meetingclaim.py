"""`meeting-recency`: a congress or plenum called just held, or still ahead, long after it met.

A draft reusing a 2024 text keeps `深入学习贯彻刚刚闭幕的党的二十届三中全会精神` in December
2026, or a 2022 one `以优异成绩迎接党的二十大胜利召开` after the congress. Reported, for a
meeting of the calendar (`facts: [meetings]`) named with its session (`二十届三中全会`, `党的
二十大`, not a bare `三中全会`):

- *just held*: a word of recency (`刚刚`、`刚`、`近日`、`日前`、`不久前`、`前不久`、`新近`) with a
  verb of meeting (`闭幕`、`召开`、`举行`、`结束`) right before the name (`刚刚闭幕的…`) or right
  after it (`…刚刚胜利闭幕`, `…近日在京闭幕`), when the document's date is more than `days`
  (default 180) after the meeting closed;
- *still ahead*: `即将召开的…`、`…即将召开`、`…召开在即`、`迎接…胜利召开` once the meeting has
  opened.

Silent: a sentence naming a year before the document's (`2024年7月，刚刚闭幕的…` narrates the
past), and meetings the calendar marks unconfirmed.

Message values: {meeting}, {start}, {end}, {as_of}.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

import regex

from lint.calendar import Meeting, chinese_day, period_values
from lint.checks import Check, Finding, RunContext
from lint.document import Document
from lint.rule import Rule
from lint.timeref import past_year_in, rule_facts, validate_facts
from lint.windows import literal_positions, windowed_matches

_RECENT = (
    r"(?:刚刚|刚|近日|日前|不久前|前不久|新近)"
    r"(?:在\p{Han}{1,4}?)?(?:胜利|隆重)?(?:闭幕|召开|举行|结束)"
)
_AHEAD_BEFORE = r"(?:即将(?:胜利)?(?:召开|举行)的|迎接)"
_AHEAD_AFTER = r"(?:即将(?:胜利)?(?:召开|举行)|召开在即)"


class _Names:
    """One pattern over the names of a rule's meetings, and the meeting each name stands for."""

    def __init__(self, meetings: Sequence[Meeting]) -> None:
        self.meeting: dict[str, Meeting] = {}
        for m in meetings:
            if m.confirmed:
                for name in (m.name, *m.aliases):
                    self.meeting[name] = m
        ordered = sorted(self.meeting, key=len, reverse=True)
        names = "|".join(regex.escape(n) for n in ordered)
        # Each name's last two characters (`十大`, `全会`): a match holds one of them, found as
        # a literal, and is searched for only around it (lint.windows).
        self.anchors = sorted({n[-2:] for n in ordered})
        self.longest = len(ordered[0]) if ordered else 0
        party = r"(?:党的|中国共产党)?"
        # `迎接…（胜利）召开` only: `迎接` before a name alone is the usual look-ahead of a plan
        self.pattern = regex.compile(
            rf"(?P<recent>{_RECENT})的?{party}(?P<name>{names})"
            rf"|{party}(?P<name>{names})(?:已经?)?(?P<recent>{_RECENT})"
            rf"|(?P<ahead>{_AHEAD_BEFORE}){party}(?P<name>{names})(?P<tail>(?:胜利|顺利)?召开)?"
            rf"|{party}(?P<name>{names})(?P<ahead>{_AHEAD_AFTER})"
        )

    def windows(self, text: str) -> list[tuple[int, int, int]]:
        """Where a match can start, around each anchor: its name starts at most `longest`
        characters before the anchor, and at most _BEFORE_NAME characters of the pattern
        come before the name (`刚刚在北京胜利闭幕的中国共产党`: 18); it reads at most
        _AFTER_NAME characters after the name (`已经刚刚在北京胜利闭幕`: 14)."""
        reach = self.longest + _BEFORE_NAME
        return [
            (max(0, a - reach), a, a + self.longest + _AFTER_NAME)
            for anchor in self.anchors
            for a in literal_positions(text, anchor)
        ]


# See _Names.windows; the margins over 18 and 14 are for safety, not needed.
_BEFORE_NAME = 24
_AFTER_NAME = 24


class MeetingRecencyCheck(Check):
    keys = frozenset({"facts", "days"})

    @classmethod
    def validate(cls, rule: Rule) -> None:
        validate_facts(rule, ("meetings",))
        days = rule.params.get("days", 180)
        if not isinstance(days, int) or isinstance(days, bool) or days < 1:
            raise rule.error("days", "应为正整数（天数）")
        if rule.fix_safety:
            raise rule.error("fix", "会议时间的说法没有自动修复：须改写句子")

    def __init__(self, rules: Sequence[Rule]) -> None:
        super().__init__(rules)
        self._names: dict[str, _Names] = {}

    def names(self, rule: Rule) -> _Names:
        if rule.code not in self._names:
            self._names[rule.code] = _Names(rule_facts(rule, "meetings"))
        return self._names[rule.code]

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Finding]:
        rules = [r for r in self.rules if r.code in ctx.active]
        text = doc.scan_text
        if not rules or not ("会" in text or "大" in text):
            return
        for rule in rules:
            names = self.names(rule)
            if not names.meeting:
                continue
            days = dt.timedelta(days=rule.params.get("days", 180))
            for m in windowed_matches(names.pattern, text, names.windows(text)):
                meeting = names.meeting[m.group("name")]
                if m.group("ahead") is not None:
                    # `迎接党的二十大` alone looks ahead without saying it has not met
                    if m.group("ahead") == "迎接" and m.group("tail") is None:
                        continue
                    stale = ctx.as_of >= meeting.start
                else:
                    stale = ctx.as_of > meeting.end + days
                if not stale:
                    continue
                lo, hi = doc.sentence_span(m.start(), m.end())
                if past_year_in(text[lo:hi], ctx.as_of.year):
                    continue
                values = {**period_values("meeting", meeting), "as_of": chinese_day(ctx.as_of)}
                yield Finding(rule, m.start(), m.end(), values, suggestion=rule.suggestion)


CHECK = MeetingRecencyCheck
