"""`stale-year`: a year in a plan name or title that is too old for the document's date.

Drafts built from last year's report keep last year's plan names
(`《2019年度创建省级文明单位实施方案》` in a 2026 report). Each regex in `patterns` must have
a named group `year` (four digits, ASCII or full-width); a match is reported when
`as-of year - year > max-age`. `title-only: true` looks only at the document's first
non-blank line. All the filters of lint.checks.textmatch (`unless`, `not-before`, ...) apply.

Message values: {year}, {age} (years between), {as_of_year}.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import regex

from lint.checks import Check, Finding, RunContext
from lint.checks.textmatch import CONTEXT_KEYS, CompiledRule, TextMatchCheck
from lint.document import Document
from lint.rule import Rule


def _scanner(
    pat: regex.Pattern[str], text: str, lo: int, hi: int
) -> Callable[[float | None], list[tuple[int, int, int]]]:
    """All (start, end, year) matches at once: see RunContext.regex_call on lazy iterators."""

    def scan(timeout: float | None) -> list[tuple[int, int, int]]:
        return [
            (m.start(), m.end(), int(m.group("year")))
            for m in pat.finditer(text, lo, hi, timeout=timeout)
            if m.group("year")
        ]

    return scan


class StaleYearCheck(Check):
    keys = CONTEXT_KEYS | {"max-age", "title-only"}

    @classmethod
    def validate(cls, rule: Rule) -> None:
        p = rule.params
        if not p.get("patterns"):
            raise rule.error(None, "stale-year 规则须有含 (?P<year>...) 分组的 patterns")
        age = p.get("max-age")
        if not isinstance(age, int) or isinstance(age, bool) or age < 0:
            raise rule.error("max-age", "应为年数（0 或正整数）")
        if "title-only" in p and not isinstance(p["title-only"], bool):
            raise rule.error("title-only", "应为 true 或 false")
        if rule.fix_safety:
            raise rule.error("fix", "过时的年份没有自动修复：规划本身已改变")
        TextMatchCheck.validate(rule)
        for pat in rule.options(CompiledRule).patterns:
            if "year" not in pat.groupindex:
                raise rule.error("patterns", f"正则表达式 {pat.pattern!r} 没有 (?P<year>...) 分组")

    def __init__(self, rules: Sequence[Rule]) -> None:
        super().__init__(rules)
        self.compiled = {r.code: r.options(CompiledRule) for r in rules}

    @staticmethod
    def _title_span(doc: Document) -> tuple[int, int]:
        for _i, s, e in doc.lines():
            if doc.scan_text[s:e].strip(" \t\u3000\u00a0"):
                return s, e
        return 0, 0

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Finding]:
        text = doc.scan_text
        for rule in self.rules:
            if rule.code not in ctx.active:
                continue
            cr = self.compiled[rule.code]
            lo, hi = self._title_span(doc) if rule.params.get("title-only") else (0, len(text))
            if hi <= lo:
                continue
            max_age: int = rule.params["max-age"]
            for pat in cr.patterns:
                found = ctx.regex_call(rule.code, _scanner(pat, text, lo, hi))
                if found is None:
                    break
                for start, end, year in found:
                    age = ctx.as_of.year - year
                    if age <= max_age or not cr.accepts(doc, start, end, ctx):
                        continue
                    values = dict(match=doc.text[start:end], year=str(year), age=str(age))
                    values["as_of_year"] = str(ctx.as_of.year)
                    yield Finding(
                        rule, start, end, values, suggestion=rule.suggestion, shadow=cr.shadow
                    )


CHECK = StaleYearCheck
