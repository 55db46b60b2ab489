"""`past-year`: a year already over written as this year's task.

A draft copied from last year's report keeps `确保完成2025年各项目标任务` in a document dated
November 2026. Reported: a purpose word (`确保`、`力争`、`全力`、`要`…) and a verb of doing
(`完成`、`实现`、`做好`、`抓好`、`夺取`…) governing `YYYY年` (before the as-of year) and its
targets, indicators or work (`目标任务`、`各项工作`、`主要经济指标`、`全年红`…), in either order
(`确保2025年目标任务圆满完成`), or the year's own project list (`2025年度民生实事项目`).
Reviews stay silent: a sentence that opens with a past year (`2025年，我们确保完成…`), says it
was done (`了`、`已`、`取得`、`实现了`) or looks back (`过去一年`、`一年来`、`去年`).

Message values: {year}, {as_of_year}.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

import regex

from lint.checks import Check, Finding, RunContext
from lint.document import Document
from lint.rule import Rule
from lint.timeref import YEAR, document_year_marks, year_value
from lint.windows import windowed_matches

_CL = "，,。；;！!？?：:\n\r"
_PURPOSE = r"(?:确保|力争|务必|全力以赴|全力|奋力|努力|坚决|切实|要|将|争取|为)"
_DO = r"(?:完成|实现|做好|抓好|抓实|落实|冲刺|决战|打好|推进|夺取)"
_TARGET = (
    r"(?:各项|全年|年度|既定|主要)?(?:经济社会发展)?(?:目标任务|工作任务|重点任务|重点工作|"
    r"预期目标|各项工作|目标|任务|经济指标|指标|全年红”?)"
)
_YEAR = r"(?<![0-9０-９—\-－~～至到])(?P<year>" + YEAR + r")\s*年度?(?!以来|底前|前|[—\-－~～至到])"
# A year's own list of projects (`2025年度民生实事项目`, `2025年重点项目`) is that year's work
# too; the name must follow the year closely, without a `的` (`2024年开工的重点项目` are
# projects still being built, not last year's list).
_PROJECTS = (
    r"(?:民生实事(?:项目|工程)?|实事项目|为民办实事|重点项目|重大项目|民生项目|重点工程|攻坚任务)"
)


def _gap(most: int) -> str:
    """Up to `most` characters inside one clause, as few as possible."""
    return rf"[^{_CL}]{{0,{most}}}?"


_PATTERN = regex.compile(
    # 确保完成2025年各项目标任务
    _PURPOSE
    + _gap(6)
    + _DO
    + _gap(4)
    + _YEAR
    + _gap(12)
    + _TARGET
    # 完成好2025年各项工作任务: `好` marks a task to be done
    + r"|(?:完成好|做好|抓好|落实好|推进好)"
    + _gap(4)
    + _YEAR
    + _gap(12)
    + _TARGET
    # 确保2025年目标任务圆满完成
    + r"|"
    + _PURPOSE
    + _gap(4)
    + _YEAR
    + _gap(12)
    + _TARGET
    + _gap(8)
    + r"(?:完成|实现|落实|落到实处|落地|见效)"
    # 今年要高质量完成2025年度民生实事项目
    + r"|"
    + _PURPOSE
    + _gap(6)
    + _DO
    + _gap(4)
    + _YEAR
    + rf"[^的{_CL}]{{0,4}}?"
    + _PROJECTS
    # 确保2025年主要经济指标稳中有进: the year right after the purpose word
    + r"|(?:确保|力争|争取)"
    + _gap(2)
    + _YEAR
    + _gap(12)
    + _TARGET
)
_BACK = regex.compile(r"了|已经|已|取得|过去(?:的)?一年|一年来|去年|上年|回顾|总结|刚刚过去")
_OPENS_WITH_YEAR = regex.compile(
    r"\s*(?:[（(]?[一二三四五六七八九十\d]+[）)、.．]\s*)?" + YEAR + r"\s*年"
)


# A deadline or target dated in a past year, written as still ahead: `到2025年，…达到10%`,
# `力争到2025年末…`, `2025年底前完成…`, `要在2025年春节前将…发放到位`, `在2025年内建成…`.
# The frame opens a clause or follows a purpose word, so `由…增加到2025年的…` (a range) and
# `截至2025年末` (a result) are not deadlines; a clause-opening `到` must be followed in its
# sentence by a target (`达到`、`实现`、`突破`…), a `…前` by a verb of doing before any `的`
# (`2005年底前注册营运的黄标车` names vehicles, it sets no deadline).
# A heading marker opens a clause too: `六、2025年底前完成…`, `（三）2025年底前…`, `2. 到2025年…`.
# The indentation is bounded: this lookbehind is tried at every position, and an unbounded run
# would scan back over a long run of spaces each time (quadratic).
_HEADING = (
    r"(?<=(?:^|[\n\r])[ \t\u3000]{0,8}"
    r"(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、]|[①-⑳]))"
)
_OPENS = (
    r"(?:(?:(?<=^|[，,。；;！!？?：:\n\r（(])|" + _HEADING + r")\s*"
    r"|(?<=确保|力争|争取|力求|计划|预计|务必|必须|要|将|应|须|并))"
)
# a month after the year: `2025年6月底前`
_MONTH = r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末|中旬|上旬|下旬|份)?"
_AIM = r"(?:确保|力争|争取|力求|计划|务必|必须|要|将|应当|应|须)?"
_DY = r"(?<![0-9０-９])(?P<dy>" + YEAR + r")\s*年"
_BY = regex.compile(
    _OPENS
    + _AIM
    + r"(?:(?P<to>到)"
    + _DY
    + r"(?:底|末|年底|年末|"
    + _MONTH
    + r")?(?!前)"
    + r"|(?:在|于)?"
    + _DY
    + r"(?:底|末|年底|年末|上半年|下半年|[一二三四]季度|春节|元旦|国庆|汛期|年内|"
    + _MONTH
    + r")?(?:前|以前|之前)"
    + r"|在"
    + _DY
    + r"(?:内|年内)"
    # 项目计划于2025年底竣工投产: a date planned, with no `前`
    + r"|(?<=计划|预计|拟)(?:于|在)"
    + _DY
    + r"(?:底|末|年底|年末|上半年|下半年|"
    + _MONTH
    + r")?)"
)
_TARGET_AHEAD = regex.compile(
    r"达到|实现|完成|建成|突破|超过|提高到|提升到|提高至|提升至|降至|降到|下降|降低|控制在|"
    r"增加到|增长到|扩大到|不低于|不少于|不超过|覆盖|全面|全部|基本"
)
_DO_AHEAD = regex.compile(
    r"[^的，,]{0,14}?(?:完成|实现|建成|建立|全部|全面|发放|到位|落实|出台|制定|启动|开工|竣工|"
    r"投用|投产|清零|整改|销号|达到|实施|完工|交付|改造|淘汰|覆盖)"
)
# sentences that state a result or quote an older plan's target, and paragraphs that review
_RESULT = regex.compile(
    r"了|已经|已|取得|累计|同比|较上年|比上年|比去年|比(?:[12][0-9]{3})年|年均|过去(?:的)?(?:一|五)年|"
    r"一年来|五年来|去年|上年|回顾|总结|刚刚过去|提出|明确|要求|规定|确定|部署|指出|设定|目标是|"
    r"按照|根据|曾|原计划|原定|原拟"
)
_REVIEW_PARAGRAPH = regex.compile(r"过去(?:的)?(?:一|五)年|一年来|五年来|回顾|去年|上年")
_SENTENCE_STOP = regex.compile(r"[。；;！!？?\n\r]")


# Both patterns are searched for only around the years the text writes out (see
# lint.windows): a match of _PATTERN starts at most _BEFORE_YEAR characters before its year
# (`全力以赴` + 6 + `完成` + 4); one of _BY after spaces (from _OPENS) and at most three
# characters (`确保到`, `应当在`). Neither reads further than _AFTER_NIAN characters after
# the year's `年` (at most `度` + 12 + `各项经济社会发展目标任务` + 8 + `落到实处` and a
# lookahead: 39; the margin is for safety, not needed).
_BEFORE_YEAR = 16
_AFTER_NIAN = 64


def _pattern_windows(text: str, marks: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    return [(max(0, y - _BEFORE_YEAR), y, q + _AFTER_NIAN) for y, q in marks]


def _deadline_windows(text: str, marks: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    windows = []
    for y, q in marks:
        lo = max(0, y - 3)
        while lo and text[lo - 1].isspace():
            lo -= 1
        windows.append((lo, y, q + _AFTER_NIAN))
    return windows


def _deadlines(
    doc: Document, text: str, as_of_year: int, marks: list[tuple[int, int]]
) -> Iterator[tuple[int, int, int]]:
    """Past-year deadlines and targets written as still ahead: (start, end, year)."""
    # Whether each paragraph (line) reviews the past, searched once per line: searching it
    # again for every deadline on it made a long line quadratic.
    reviews: dict[int, bool] = {}
    for m in windowed_matches(_BY, text, _deadline_windows(text, marks)):
        year = year_value(m.group("dy"))
        if year is None or year >= as_of_year:
            continue
        lo, hi = doc.sentence_span(m.start(), m.end())
        if m.group("to"):
            if not _TARGET_AHEAD.search(text, m.end(), hi):
                continue
        elif not _DO_AHEAD.match(text, m.end(), hi):
            continue
        # inside a title: `《…到2025年…规划》`
        if text.count("《", lo, m.start()) > text.count("》", lo, m.start()):
            continue
        if _RESULT.search(text, lo, hi):
            continue
        line = doc.line_of(m.start())
        if line not in reviews:
            p_lo, p_hi = doc.line_span(line)
            reviews[line] = _REVIEW_PARAGRAPH.search(text, p_lo, p_hi) is not None
        if reviews[line]:
            continue
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        yield start, m.end(), year


class PastYearCheck(Check):
    @classmethod
    def validate(cls, rule: Rule) -> None:
        if rule.fix_safety:
            raise rule.error("fix", "过去的年份没有自动修复：目标任务也已改变")

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Finding]:
        rules = [r for r in self.rules if r.code in ctx.active]
        if not rules:
            return
        text = doc.scan_text
        spans: list[tuple[int, int, int]] = []
        marks = document_year_marks(doc)
        for m in windowed_matches(_PATTERN, text, _pattern_windows(text, marks)):
            year = year_value(m.group("year"))
            if year is None or year >= ctx.as_of.year:
                continue
            lo, hi = doc.sentence_span(m.start(), m.end())
            if _BACK.search(text, lo, hi) or _OPENS_WITH_YEAR.match(text, lo, hi):
                continue
            spans.append((m.start(), m.end(), year))
        if marks:
            # `spans` are sorted and apart (one finditer): a bisection finds the one that
            # may hold a deadline, instead of a look at all of them for each.
            starts = [s for s, _e, _y in spans]
            ends = [e for _s, e, _y in spans]
            for d in list(_deadlines(doc, text, ctx.as_of.year, marks)):
                i = bisect.bisect_right(starts, d[0]) - 1
                if i < 0 or d[0] >= ends[i]:
                    spans.append(d)
        # `{match}` is the flagged text: the engine fills it in.
        as_of_year = str(ctx.as_of.year)
        for start, end, year in sorted(spans):
            for rule in rules:
                values = {"year": str(year), "as_of_year": as_of_year}
                yield Finding(rule, start, end, values, suggestion=rule.suggestion)


CHECK = PastYearCheck
