"""`past-year`: a year already over written as this year's task.

A draft copied from last year's report keeps `确保完成2025年各项目标任务` in a document dated
November 2026. Reported: a purpose word (`确保`、`力争`、`全力`、`要`…) and a verb of doing
(`完成`、`实现`、`做好`、`抓好`…) governing `YYYY年` (before the as-of year) and its targets or
work (`目标任务`、`各项工作`、`重点任务`…), in either order (`确保2025年目标任务圆满完成`).
Reviews stay silent: a sentence that opens with a past year (`2025年，我们确保完成…`), says it
was done (`了`、`已`、`取得`、`实现了`) or looks back (`过去一年`、`一年来`、`去年`).

Message values: {year}, {as_of_year}.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from lint.checks import Check, Finding, RunContext
from lint.document import Document
from lint.rule import Rule
from lint.timeref import YEAR, year_value

_CL = "，,。；;！!？?：:\n\r"
_PURPOSE = r"(?:确保|力争|务必|全力以赴|全力|奋力|努力|坚决|切实|要|将|争取|为)"
_DO = r"(?:完成|实现|做好|抓好|抓实|落实|冲刺|决战|打好|推进)"
_TARGET = (
    r"(?:各项|全年|年度|既定|主要)?(?:经济社会发展)?(?:目标任务|工作任务|重点任务|重点工作|"
    r"预期目标|各项工作|目标|任务)"
)
_YEAR = r"(?<![0-9０-９—\-－~～至到])(?P<year>" + YEAR + r")\s*年度?(?!以来|底前|前|[—\-－~～至到])"
_PATTERN = regex.compile(
    # 确保完成2025年各项目标任务
    _PURPOSE
    + r"[^"
    + _CL
    + r"]{0,6}?"
    + _DO
    + r"[^"
    + _CL
    + r"]{0,4}?"
    + _YEAR
    + r"[^"
    + _CL
    + r"]{0,12}?"
    + _TARGET
    # 完成好2025年各项工作任务: `好` marks a task to be done
    + r"|(?:完成好|做好|抓好|落实好|推进好)[^"
    + _CL
    + r"]{0,4}?"
    + _YEAR
    + r"[^"
    + _CL
    + r"]{0,12}?"
    + _TARGET
    # 确保2025年目标任务圆满完成
    + r"|"
    + _PURPOSE
    + r"[^"
    + _CL
    + r"]{0,4}?"
    + _YEAR
    + r"[^"
    + _CL
    + r"]{0,12}?"
    + _TARGET
    + r"[^"
    + _CL
    + r"]{0,8}?(?:完成|实现|落实|落到实处|落地|见效)"
)
_BACK = regex.compile(r"了|已经|已|取得|过去(?:的)?一年|一年来|去年|上年|回顾|总结|刚刚过去")
_OPENS_WITH_YEAR = regex.compile(
    r"\s*(?:[（(]?[一二三四五六七八九十\d]+[）)、.．]\s*)?" + YEAR + r"\s*年"
)


class PastYearCheck(Check):
    kind = "past-year"

    @classmethod
    def validate(cls, rule: Rule) -> None:
        if rule.fix_safety:
            raise rule.error("fix", "a past year has no automatic fix: the targets changed too")

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Finding]:
        rules = [r for r in self.rules if r.code in ctx.active]
        if not rules:
            return
        text = doc.scan_text
        for m in _PATTERN.finditer(text):
            year = year_value(m.group("year"))
            if year is None or year >= ctx.as_of.year:
                continue
            lo, hi = doc.sentence_span(m.start(), m.end())
            if _BACK.search(text, lo, hi) or _OPENS_WITH_YEAR.match(text, lo, hi):
                continue
            for rule in rules:
                yield Finding(
                    rule,
                    m.start(),
                    m.end(),
                    values={
                        "match": doc.text[m.start() : m.end()],
                        "year": str(year),
                        "as_of_year": str(ctx.as_of.year),
                    },
                    suggestion=rule.suggestion,
                )


CHECK = PastYearCheck
