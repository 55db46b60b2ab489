"""`plan-period`: a five-year plan period treated as current after it ended, or the next
plan's drafting treated as this year's task after its outline was adopted.

The dates come from the plans the rule names in the calendar (`facts: [plans:十四五]`);
each rule picks one aspect with `check:`.

- `current`: a mention of a plan whose last year is before the as-of year, in a clause that
  carries it forward: a verb of carrying out (`推进`、`落实`、`实施好`、`围绕`、`紧盯`、`加快`),
  a purpose (`确保`、`力争`、`高质量完成`), the wrap-up as a task (`打好…收官战`、`确保…圆满
  收官`、`为…收官`), or the period with a modal (`“十四五”时期要`). Silent: look-backs (a year
  before the as-of year in the sentence, `以来`、`期间`、`时期` without a modal, `了`、`已`、
  `取得`、`提前完成`, a 过去五年/五年来/回顾 paragraph), the name of a plan document
  (`《“十四五”数字经济发展规划》`, `“十四五”生态环境保护规划`: special plans stay in force
  until replaced), and year labels (`今年是…之年`: the year-claim kind judges those).
- `drafting`: a plan whose outline was adopted on or before the as-of date, named as the
  object of drafting (`编制“十五五”规划`、`“十五五”规划编制工作`、`谋划“十五五”经济社会发展`)
  or of preparation (`为“十五五”良好开局打牢基础`, once the period has begun). Only the master
  plan counts: a special plan (`编制“十五五”交通专项规划`) is still drafted after the outline.

Message values: {plan}, {first}, {last}, {outline} (the day the outline was adopted),
{current} (the plan of the as-of year), {current_first}, {current_last}.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import regex

from lint.calendar import Calendar, Plan, chinese_day
from lint.checks import Finding, RunContext, SubCheck
from lint.document import Document
from lint.rule import Rule
from lint.timeref import (
    PLAN_NAME,
    QUOTES,
    past_year_in,
    plan_name_starts,
    plan_of,
    rule_calendar,
    rule_facts,
    validate_facts,
)
from lint.windows import anchored_matches

_PLAN = regex.compile(PLAN_NAME)
_Q = f"[{QUOTES}]?"
_CLAUSE = "，,。；;！!？?：:\n\r"
_CLAUSE_END = regex.compile(f"[{_CLAUSE}]")

# --- current -----------------------------------------------------------------------------
# Verbs that carry a plan forward, ending right before the plan name (clause text before it).
_CARRY = regex.compile(
    r"(?:推进|落实|实施|推动|抓好|执行|围绕|紧扣|紧盯|锚定|聚焦|对标|对照|衔接|服务|加快|"
    r"实施好|落实好|推进好|抓好|打好|打赢|决战|决胜|冲刺|确保|力争|奋力|全力|努力|务必|符合|"
    # the period as the present: `我市正处于“十四五”规划实施的关键时期`
    r"正处于|正处在|处于|正值|"
    # the period as still to begin: `开启“十四五”新征程`
    r"开启|迈入)"
    r"[^" + _CLAUSE + r"]{0,16}$"
)
# `完成`/`实现` carry it forward only with a purpose word: `全面完成` alone may be a review.
_COMPLETE = regex.compile(
    r"(?:确保|力争|全力|奋力|努力|务必|坚决|冲刺|高质量|高标准|要|将|为)"
    r"(?:[^" + _CLAUSE + r"]{0,30})(?:完成|实现|达到|收官)[^" + _CLAUSE + r"]{0,10}$"
)
# a paragraph of this year's targets: `主要预期目标是：…能耗完成“十四五”考核目标`
_TARGETS = regex.compile(r"(?:主要)?预期目标(?:是|为)|主要目标(?:是|为)")
_BARE_COMPLETE = regex.compile(r"(?:完成|实现|达到)[^" + _CLAUSE + r"]{0,4}$")
# after the name: the wrap-up as a task, or the period with a modal verb
_AFTER_FORWARD = regex.compile(
    r"^[^" + _CLAUSE + r"]{0,12}?(?:收官(?:攻坚)?战|相衔接)"
    r"|^(?:时期|期间)(?:我们|我[省市县区局]|全[省市县区])?(?:要|将|必须|应当?)"
    # `以“十四五”规划为引领`
    r"|^(?:规划)?(?:纲要)?为(?:引领|指导|统领|依据|遵循|导向)"
)
# a task set for the period (`为“十四五”末…打下基础` is what a past year achieved: not one)
_PERIOD_PURPOSE = regex.compile(
    r"(?:确保|力争|全力|奋力|努力|务必|坚决|要|将)[^" + _CLAUSE + r"]{0,12}$"
)
# the clause after `“十四五”时期，` says what is to be done
_NEXT_MODAL = regex.compile(
    r"[，,]\s*(?:我们|我[省市县区局]|全[省市县区]|各级各部门)?(?:要|必须|务必)"
)
# look-backs in the clause after the name
_AFTER_BACK = regex.compile(
    r"^(?:[^" + _CLAUSE + r"]{0,12}?(?:以来|了))|^(?:时期|期间|末)(?!要|将|必须|应)"
)
_BEFORE_BACK = regex.compile(
    # `全面完成` is a review, `确保全面完成` a task still ahead
    r"(?:提前|已经|已|超额|胜利"
    r"|(?<!确保|力争|全力|奋力|努力|务必|坚决|要|将|为)(?:基本|如期|全面))"
    r"(?:完成|实现|收官)[^" + _CLAUSE + r"]{0,10}$"
    r"|(?:回顾|总结|评估)[^" + _CLAUSE + r"]{0,16}$"
    # a yardstick, not a task: `投入强度高于“十三五”时期实际`
    r"|(?:高于|低于|超过|好于|快于|多于|少于|比|较|相比|对比)[^" + _CLAUSE + r"]{0,4}$"
)
_SENTENCE_BACK = regex.compile(
    r"过去(?:的)?(?:一|五|几)年|[一五]年来|近年来|刚刚过去|去年|上年|取得(?:了)?|完成了|实现了|"
    r"已经|已(?:于|全面|圆满|顺利|如期)"
)
# the plan's completion as the predicate after its name: forward only with a purpose before
_AFTER_DONE = regex.compile(r"^[^" + _CLAUSE + r"]{0,12}?(?:完成|收官(?!(?:攻坚)?战)|实现)")
_PURPOSE = regex.compile(
    r"(?:确保|力争|全力|奋力|努力|务必|坚决|冲刺|推动|为|要|将)[^" + _CLAUSE + r"]{0,12}$"
)
_PARAGRAPH_BACK = regex.compile(r"过去(?:的)?五年|五年来|回顾(?:过去|五年|“十|\"十)")
# a year label: the year-claim kind judges `今年是“十四五”规划收官之年`
_LABEL = regex.compile(r"之年|一年|关键期|谋篇|开局")
_YEAR_LABEL = regex.compile(r"之年|一年|关键期")
# a plan document named after the plan: `“十四五”生态环境保护规划`, `“十四五”规划纲要` is the
# master plan (its targets ended with the period)
_DOCUMENT = regex.compile(r"^(?P<mid>[\p{Han}（）()]{1,16}?)(?:专项)?规划")
_MASTER = ("发展", "经济社会发展", "国民经济和社会发展", "时期", "期间")

# --- drafting ------------------------------------------------------------------------------
# between the verb and the name only a region may stand: `编制西部大开发“十三五”规划` is a
# special plan
# (or a description ending in 的: `精心编制体现时代特征、符合上海特点的“十五五”规划`)
_DRAFT_VERB = regex.compile(
    r"(?:编制|制定|起草|谋划)(?:好|完成)?"
    r"(?:全省|全市|全县|全区|全州|本省|本市|本县|本区|我省|我市|我县|我区|[省市县区州])?"
    r"(?:经济社会发展|国民经济和社会发展)?(?:[^，,。；;：:\n]{2,40}的)?[“\"]?$"
)
# the master plan after the name: 规划, 发展规划, 规划纲要, 经济社会发展 (not 重大项目)
_MASTER_AFTER = regex.compile(
    r"^" + _Q + r"(?:(?:经济社会)?发展)?(?:规划(?:纲要|建议)?|思路|总体思路|蓝图)?"
    r"(?:编制|起草|谋划)?"
    r"(?:工作)?(?=[" + _CLAUSE + r"是的]|$)"
)
_DRAFT_AFTER = regex.compile(
    r"^" + _Q + r"(?:(?:经济社会)?发展)?规划(?:纲要)?(?:的)?(?:编制|起草|谋划|前期研究)"
    r"|^" + _Q + r"(?:谋划|谋篇布局|谋篇)(?!之年)"
)
# preparing the plan's start (`为“十五五”良好开局打牢基础`, `为“十五五”开好局、起好步奠定坚实基础`);
# `确保“十五五”开好局、起好步` is the opening year's own task and has no such verb after it
_PREPARE = regex.compile(
    r"^" + _Q + r"(?:时期)?(?:(?:良好|顺利)开局|开好局(?:[、，,]?起好步)?)"
    r"(?:打牢|奠定|打下|打好|夯实|做好)"
)
_DRAFT_BACK = regex.compile(r"了|已经|已|完成|印发|出台|审议通过|批准|获批|通过")


_TITLE_REACH = 120  # a plan title is shorter than this


def _in_title(text: str, lo: int, pos: int) -> bool:
    """Whether `pos` is inside a 《title》 that starts on the same line (looked for in a bounded
    window: a scan back to the line start would be quadratic on a long one-line file)."""
    opened = text.rfind("《", max(lo, pos - _TITLE_REACH), pos)
    return opened >= 0 and text.find("》", opened, pos) < 0


class PlanPeriodCheck(SubCheck):
    checks = ("current", "drafting")
    keys = frozenset({"check", "facts"})

    @classmethod
    def validate(cls, rule: Rule) -> None:
        super().validate(rule)
        validate_facts(rule, ("plans",))
        if rule.fix_safety:
            raise rule.error("fix", "规划期没有自动修复：须改写句子")

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Finding]:
        active = self.active_by_check(ctx)
        if not active:
            return
        text = doc.scan_text
        mentions = list(anchored_matches(_PLAN, text, plan_name_starts(text)))
        if not mentions:
            return
        for name, rules in active.items():
            for rule in rules:
                plans = set(rule_facts(rule, "plans"))
                calendar = rule_calendar(rule)
                for m in mentions:
                    plan = plan_of(m.group(0), calendar)
                    if plan is None or plan not in plans or not plan.confirmed:
                        continue
                    span = _judge(name, doc, m, plan, ctx)
                    if span is not None:
                        yield self._finding(doc, rule, span, plan, calendar, ctx)

    @staticmethod
    def _finding(
        doc: Document,
        rule: Rule,
        span: tuple[int, int],
        plan: Plan,
        calendar: Calendar,
        ctx: RunContext,
    ) -> Finding:
        now = calendar.plan_of_year(ctx.as_of.year)
        outline = plan.outline
        values = {
            "match": doc.text[span[0] : span[1]],
            "plan": plan.name,
            "first": str(plan.first),
            "last": str(plan.last),
            "outline": chinese_day(outline) if outline else "",
            "current": now.name if now else "",
            "current_first": str(now.first) if now else "",
            "current_last": str(now.last) if now else "",
        }
        return Finding(rule, span[0], span[1], values=values, suggestion=rule.suggestion)


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    lo = start
    while lo > 0 and text[lo - 1] not in _CLAUSE and start - lo < 60:
        lo -= 1
    c = _CLAUSE_END.search(text, end, end + 80)
    return lo, c.start() if c else min(len(text), end + 80)


def _name_span(text: str, m: regex.Match[str]) -> tuple[int, int]:
    """The plan name with its quotes."""
    start, end = m.start(), m.end()
    if start > 0 and text[start - 1] in QUOTES:
        start -= 1
    if end < len(text) and text[end] in QUOTES:
        end += 1
    return start, end


def _line_has(doc: Document, pattern: regex.Pattern[str], offset: int) -> bool:
    """Whether the paragraph (line) holding `offset` matches `pattern`: searched once per line
    and pattern, so many plan names on one long line cost one scan, not one each."""
    line = doc.line_of(offset)
    cache: dict[tuple[int, str], bool] = doc.meta.setdefault("plan-period.lines", {})  # type: ignore[assignment]
    key = (line, pattern.pattern)
    if key not in cache:
        lo, hi = doc.line_span(line)
        cache[key] = pattern.search(doc.scan_text, lo, hi) is not None
    return cache[key]


class _Mention(NamedTuple):
    """A plan name (with its quotes) and the clause around it."""

    start: int
    end: int
    lo: int
    hi: int
    before: str
    after: str


def _mention(doc: Document, m: regex.Match[str], label: regex.Pattern[str]) -> _Mention | None:
    """The mention to judge, or None when it stands in a 《title》 or its clause holds a
    `label` (the period named as the label of a year, not as a current task)."""
    text = doc.scan_text
    start, end = _name_span(text, m)
    lo, hi = _clause(text, start, end)
    line_lo, _ = doc.line_span(doc.line_of(start))
    if _in_title(text, line_lo, start) or label.search(text, lo, hi):
        return None
    return _Mention(start, end, lo, hi, text[lo:start], text[end:hi])


def _judge(
    name: str, doc: Document, m: regex.Match[str], plan: Plan, ctx: RunContext
) -> tuple[int, int] | None:
    """The span to report for a mention of `plan` under the rule group `name`, or None. The
    cheap date gate of each group runs before the mention's clause is looked at."""
    if name == "current":
        if plan.last >= ctx.as_of.year:
            return None
        mention = _mention(doc, m, _LABEL)
        return None if mention is None else _current(doc, mention, ctx)
    if plan.outline is None or ctx.as_of < plan.outline:
        return None
    mention = _mention(doc, m, _YEAR_LABEL)
    return None if mention is None else _drafting(doc, mention, plan, ctx)


def _current(doc: Document, mention: _Mention, ctx: RunContext) -> tuple[int, int] | None:
    """A plan whose period has ended, in a clause that carries it forward as current."""
    text = doc.scan_text
    start, end, _lo, hi, before, after = mention
    doc_m = _DOCUMENT.match(after)
    if doc_m and doc_m.group("mid") not in _MASTER and not doc_m.group("mid").startswith("规划"):
        return None  # a special plan, in force until replaced
    # `力争“十四五”末…`, `要在“十四五”期间…`, `“十四五”时期，我们要…`: the period as the
    # time of a task
    purposed_period = after.startswith(("时期", "期间", "末")) and (
        _PERIOD_PURPOSE.search(before)
        or (after in ("时期", "期间") and _NEXT_MODAL.match(text, hi, hi + 12))
    )
    if _AFTER_BACK.match(after) and not (_AFTER_FORWARD.match(after) or purposed_period):
        return None
    if _BEFORE_BACK.search(before):
        return None
    if _AFTER_DONE.match(after) and not _PURPOSE.search(before):
        return None  # `“十四五”规划目标任务圆满完成`: a statement, not a task
    forward = (
        purposed_period
        or _AFTER_FORWARD.match(after)
        # `为“十四五”圆满收官提供坚强保证`: the completion as the purpose of the clause
        or (_AFTER_DONE.match(after) and _PURPOSE.search(before))
        or _CARRY.search(before)
        or _COMPLETE.search(before)
    )
    if not forward and not (_BARE_COMPLETE.search(before) and _line_has(doc, _TARGETS, start)):
        return None
    s_lo, s_hi = doc.sentence_span(start, end)
    sentence = text[s_lo:s_hi]
    if past_year_in(sentence, ctx.as_of.year) or _SENTENCE_BACK.search(sentence):
        return None
    if _line_has(doc, _PARAGRAPH_BACK, start):
        return None
    return start, end


def _drafting(
    doc: Document, mention: _Mention, plan: Plan, ctx: RunContext
) -> tuple[int, int] | None:
    """A plan whose outline was adopted, named as the object of drafting or preparation."""
    text = doc.scan_text
    start, end, lo, hi, before, after = mention
    drafted = (_DRAFT_VERB.search(before) and _MASTER_AFTER.match(after)) or _DRAFT_AFTER.match(
        after
    )
    prepared = _PREPARE.match(after) and ctx.as_of.year >= plan.first
    if not (drafted or prepared):
        return None
    s_lo, s_hi = doc.sentence_span(start, end)
    if _DRAFT_BACK.search(text, lo, hi) or past_year_in(text[s_lo:s_hi], ctx.as_of.year):
        return None
    return lo if drafted and _DRAFT_VERB.search(before) else start, hi


CHECK = PlanPeriodCheck
