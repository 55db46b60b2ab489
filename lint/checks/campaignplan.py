"""`campaign-plan`: a plan for the current year that schedules a campaign already over.

The campaign rules (FM3xx) spare the first quarter after a campaign ended, because annual
reports written then review it. A plan, 要点 or 方案 for the current year does not review: it
schedules. So in a document whose title names the as-of year (or the next one, for a plan
written in December) as a plan (`2025年党建工作要点`, `关于印发2025年…实施方案的通知`), a
campaign of the calendar (`facts: [campaigns]`) that ended before the as-of date is reported
from the day after it ended until the campaign rules take over (1 April of the next year).
Silent: its results and aftermath (`巩固…成果`, `…以来`, `…期间`, `常态化长效化`), and
sentences about a past year.

Message values: {campaign}, {start}, {end}.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

import regex

from lint.calendar import Campaign, period_values
from lint.checks import Check, Finding, RunContext
from lint.document import Document
from lint.rule import Rule
from lint.timeref import YEAR, past_year_in, rule_facts, validate_facts, year_value

_TITLE = regex.compile(
    r"(?P<year>" + YEAR + r")\s*年度?[^\n]{0,40}?"
    r"(?:工作要点|要点|工作计划|计划|工作安排|安排|实施方案|工作方案|方案|工作任务|任务清单)"
)
_AFTER_BACK = regex.compile(
    r"[”\"]?\s*(?:的)?(?:成果|以来|期间|结束|总结|开展以来|中(?:查摆|发现|形成))"
)
_SENTENCE_BACK = regex.compile(r"巩固|拓展|深化[^，。；]{0,20}成果|常态化|长效化|回顾|去年|上年")


class CampaignPlanCheck(Check):
    keys = frozenset({"facts"})

    @classmethod
    def validate(cls, rule: Rule) -> None:
        validate_facts(rule, ("campaigns",))
        if rule.fix_safety:
            raise rule.error("fix", "已结束的专项工作没有自动修复")

    def __init__(self, rules: Sequence[Rule]) -> None:
        super().__init__(rules)
        # compiled when a document turns out to be this year's plan: most are not
        self._patterns: dict[str, list[tuple[Campaign, regex.Pattern[str]]]] = {}

    def patterns(self, rule: Rule) -> list[tuple[Campaign, regex.Pattern[str]]]:
        if rule.code not in self._patterns:
            self._patterns[rule.code] = [
                (c, regex.compile("|".join(f"(?:{p})" for p in c.patterns), regex.V0))
                for c in rule_facts(rule, "campaigns")
                if c.confirmed
            ]
        return self._patterns[rule.code]

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Finding]:
        rules = [r for r in self.rules if r.code in ctx.active]
        if not rules or not _plan_for_this_year(doc, ctx.as_of):
            return
        text = doc.scan_text
        for rule in rules:
            for campaign, pat in self.patterns(rule):
                if not campaign.end < ctx.as_of < dt.date(campaign.end.year + 1, 4, 1):
                    continue
                for m in pat.finditer(text):
                    if _AFTER_BACK.match(text, m.end(), m.end() + 8):
                        continue
                    lo, hi = doc.sentence_span(m.start(), m.end())
                    sentence = text[lo:hi]
                    if _SENTENCE_BACK.search(sentence) or past_year_in(sentence, ctx.as_of.year):
                        continue
                    values = period_values("campaign", campaign)
                    yield Finding(rule, m.start(), m.end(), values, suggestion=rule.suggestion)


def _plan_for_this_year(doc: Document, as_of: dt.date) -> bool:
    """Whether the document's title (its first non-blank lines) names a plan for this year."""
    seen = 0
    for _i, s, e in doc.lines():
        line = doc.scan_text[s:e].strip(" \t\u3000\u00a0#")
        if not line:
            continue
        m = _TITLE.search(line)
        if m is not None:
            year = year_value(m.group("year"))
            return year == as_of.year or (year == as_of.year + 1 and as_of.month == 12)
        seen += 1
        if seen == 3:  # 标题 may follow a 发文字号 or an organ's name
            return False
    return False


CHECK = CampaignPlanCheck
