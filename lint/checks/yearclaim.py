"""`year-claim`: a sentence that says which year it is, checked against the calendar.

`今年是“十四五”规划收官之年` was true in 2025 only; `今年是中华人民共和国成立75周年` in
2024 only. A claim has a subject year and a verb — `今年`/`本年` (the as-of year), `明年`
(the next), `去年` (the last), a year written out (`2026年`, `二〇二六年`) that is the as-of
year or later, or `值此…之际` — followed by `是`/`为`/`适逢`/`恰逢`/`正值`/`迎来`…, then the
labels: the first clause and every following one that starts with `也是`/`又是`/`还是`. A
written-out year before the as-of year is a look-back: it is not judged.

What is checked, from the facts the rule names (`facts:`):

- `plans`: a plan's position. `开局`/`起步` is the plan's first year, `收官`/`决胜`/`冲刺` its
  last, `谋划`/`谋篇`/`编制` (the next plan's drafting) one of the two years before it starts,
  `第N年` that year, and `关键`/`攻坚`/`重要`/`实施` any year inside the period. Preparing
  for a start (`为“十五五”良好开局打牢基础`) counts as drafting.
- `meetings`: `全面贯彻…二十大精神的开局之年` is the year after the meeting, `…召开之年` its
  year. Unconfirmed meetings are never used.
- `anniversaries`: `中国共产党成立105周年`, `新中国成立七十七周年`, `建党105周年华诞`: the
  number must be the claimed year minus the founding year.

Message values: {year} (the claimed year), {expected} (what the calendar says), {hint} (the
labels the calendar gives that year, if any).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

import regex

from lint.calendar import Anniversary, Calendar, Meeting, Plan
from lint.checks import Check, Finding, RunContext
from lint.document import Document
from lint.rule import Rule
from lint.timeref import (
    NUMBER,
    PLAN_NAME,
    QUOTES,
    YEAR,
    document_year_marks,
    number_value,
    plan_of,
    rule_calendar,
    rule_facts,
    validate_facts,
    year_marks,
    year_value,
)
from lint.windows import anchored_matches, literal_positions

_SECTIONS = ("plans", "meetings", "anniversaries")

# subject + verb; `今年是否` is a question, not a claim
_CLAIM = regex.compile(
    r"(?:(?<![0-9０-９〇零○一二三四五六七八九])(?P<year>" + YEAR + r")\s*年"
    r"|(?<![0-9０-９])(?P<rel>今年|本年度?|明年|去年))"
    r"\s*[，,]?\s*(?:也|又|还|更|将|即将|就)?"
    r"(?:是|作为|为|适逢|恰逢|正值|正逢|迎来|喜迎|欣逢|逢)(?!否|不是|主要|指)"
    r"|(?P<rel2>值此)"
)
_CLAUSE_END = regex.compile(r"[，,。；;！!？?\n\r]")
_SENTENCE_END = regex.compile(r"[。；;！!？?\n\r]")
# a following clause that continues the list of labels: `，也是…之年`
_MORE = regex.compile(r"\s*(?:同时)?(?:也|又|还|更)?(?:是|为)(?!否)")
_PLAN = regex.compile(PLAN_NAME)

_START = "开局|起步|开篇|开好局|启航|开启"
_END = "收官|收尾|决胜|冲刺|决战|最后一年"
_DRAFT = "谋划|谋篇|编制|布局|蓄势|起草|前期研究"
_MID = "关键|攻坚|重要|承上启下|中期|深化|实施|推进|实现"
# `“十四五”规划全面完成之年`: after the name, completing it is its last year (before the
# name, `完成“十四五”规划目标任务的关键一年` stays a year inside the period)
_DONE = "完成之年|完成的一年|圆满完成之年|全面完成之年"
_POS_AFTER = regex.compile(
    rf"(?P<nth>第(?P<n>[一二三四五1-5])(?:个)?年)|(?P<pos>{_START}|{_END}|{_DONE}|{_DRAFT}|{_MID})"
)
_NTH = regex.compile(r"(?P<nth>第(?P<n>[一二三四五1-5])(?:个)?年)")
_POS_BEFORE = regex.compile(rf"(?P<pos>{_START}|{_END}|{_DRAFT}|实施|推进|实现)[{QUOTES}]?$")
_PREPARE_AFTER = regex.compile(
    r"(?:打牢|奠定|打下|打好|夯实|筑牢)[^，,]{0,4}基础|做好准备|蓄势|铺路"
)
_LABEL_END = regex.compile(r"之年|一年|第[二三四五2-5]个?年|关键期|之际|年份|元年|周年|华诞|岁生日")
_MEETING_TAIL = (
    r"[^，,。；;]{0,14}?(?:(?P<open>开局)之年|(?P<held>召开)之年|(?P<open2>开局)的?一年)"
)
_ANNIV_TAIL = rf"\s*(?:的|第)?\s*(?P<n>{NUMBER})\s*(?:周年|岁(?:华诞|生日)?|年华诞|华诞)"


@dataclass(frozen=True)
class Claim:
    year: int
    start: int  # of the claimed label text
    end: int


def _kind(pos: str) -> str:
    for name, words in (("start", _START), ("end", _END + "|" + _DONE), ("draft", _DRAFT)):
        if pos in words.split("|"):
            return name
    return "mid"


class YearClaimCheck(Check):
    keys = frozenset({"facts"})

    @classmethod
    def validate(cls, rule: Rule) -> None:
        validate_facts(rule, ())
        refs = {r.partition(":")[0] for r in rule.params["facts"]}
        if not refs & set(_SECTIONS):
            raise rule.error("facts", f"至少列出 {'、'.join(_SECTIONS)} 中的一项")
        if rule.fix_safety:
            raise rule.error("fix", "年份提法没有自动修复：须改写句子")

    def __init__(self, rules: Sequence[Rule]) -> None:
        super().__init__(rules)
        # rule code -> (anniversary aliases, meeting aliases): compiled on the first claim, as
        # most drafts make none and a cold start should not pay for them
        self._aliases: dict[str, tuple[_Aliases | None, _Aliases | None]] = {}

    def aliases(self, rule: Rule) -> tuple[_Aliases | None, _Aliases | None]:
        if rule.code not in self._aliases:
            anns = [a for a in rule_facts(rule, "anniversaries") if a.confirmed]
            meets = [m for m in rule_facts(rule, "meetings") if m.confirmed]
            self._aliases[rule.code] = (
                _alias_regex(anns, _ANNIV_TAIL) if anns else None,
                _alias_regex(meets, _MEETING_TAIL) if meets else None,
            )
        return self._aliases[rule.code]

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Finding]:
        rules = [r for r in self.rules if r.code in ctx.active]
        if not rules:
            return
        text = doc.scan_text
        claims = list(_claims(text, ctx.as_of.year, document_year_marks(doc)))
        # `在庆祝建军98周年之际`, `隆重庆祝…76周年`: an anniversary as this year's occasion
        occasions = "周年" in text
        if not claims and not occasions:
            return
        for rule in rules:
            calendar = rule_calendar(rule)
            plans = [p for p in rule_facts(rule, "plans") if p.confirmed]
            anniversaries, meetings = self.aliases(rule)
            spans: list[tuple[int, int, int, str, str]] = []
            for claim in claims:
                body = text[claim.start : claim.end]
                found: list[tuple[int, int, str, str]] = []
                if plans:
                    found += [(*f, "plan") for f in _plan_claims(body, claim.year, calendar, plans)]
                if meetings is not None:
                    found += [(*f, "meeting") for f in _meeting_claims(body, claim.year, meetings)]
                if anniversaries is not None:
                    found += [
                        (*f, "anniversary")
                        for f in _anniversary_claims(body, claim.year, anniversaries)
                    ]
                spans += [
                    (claim.start + s, claim.start + e, claim.year, x, k) for s, e, x, k in found
                ]
            if occasions and anniversaries is not None:
                inside = _Within([(c.start, c.end) for c in claims])
                spans += [
                    (s, e, ctx.as_of.year, x, "anniversary")
                    for s, e, x in _occasion_claims(text, ctx.as_of.year, anniversaries)
                    if not inside(s)
                ]
            for start, end, year, expected, what in sorted(spans):
                hint = _hint(calendar.labels_of(year), year, what)
                values = {"year": str(year), "expected": expected, "hint": hint}
                yield Finding(rule, start, end, values, suggestion=rule.suggestion)


def _hint(labels: Sequence[str], year: int, what: str) -> str:
    """The year's labels of the kind the claim made: its plan label for a plan claim, its
    meeting label for a meeting claim; an anniversary's right number is already said."""
    if what == "plan":
        labels = [x for x in labels if _PLAN.search(x)]
    elif what == "meeting":
        labels = [x for x in labels if "精神" in x]
    else:
        labels = []
    return f"；{year}年是" + "、".join(labels) if labels else ""


# An anniversary named as the occasion of this year: `在（庆祝）…N周年之际` or a celebration
# ending its clause (`隆重庆祝…N周年。`). Not a celebration named as an event
# (`庆祝…成立100周年大会上的讲话`), nor a sentence or paragraph that looks back.
_OCCASION_BEFORE = regex.compile(
    r"(?:在|于)(?:隆重|热烈|喜迎|迎来|举国)?(?:庆祝|纪念|欢庆)?$|(?:隆重|热烈|共同|欢)庆祝$|隆重纪念$"
)
_OCCASION_AFTER = regex.compile(r"(?:华诞)?(?:之际|[，,。；;！!\n\r]|$)")
# A celebration set as a goal (`以优异成绩庆祝…N周年`, `迎接…N周年`) is never history: any
# number behind this year's is a stale copy, round or not.
_CLAUSE_STOP = regex.compile(r"[，,。；;！!？?\n\r]")
_GOAL_BEFORE = regex.compile(r"(?:成绩|成效|行动|业绩)(?:迎接|庆祝|献礼)$|(?:喜迎|迎接)$")
_LOOK_BACK = regex.compile(
    r"去年|上年|过去|一年来|五年来|以来|回顾|曾经|当年|那年|历史上|"
    r"(?<![0-9０-９])(?:1[89]|20)[0-9]{2}\s*年"
)


def _occasion_claims(text: str, year: int, aliases: _Aliases) -> list[tuple[int, int, str]]:
    out = []
    pat, entries = aliases
    where: _Places | None = None  # built at the first candidate: most texts have none
    for m in _near_anniversaries(text, pat):
        goal = _GOAL_BEFORE.search(text, max(0, m.start() - 6), m.start()) is not None
        if not goal and not (
            _OCCASION_BEFORE.search(text, max(0, m.start() - 6), m.start())
            and _OCCASION_AFTER.match(text, m.end())
        ):
            continue
        entry = _entry(m, entries)
        assert isinstance(entry, Anniversary)
        claimed = number_value(m.group("n"))
        right = year - entry.date.year
        # a stale copy is one or two years behind; a round anniversary further back
        # (`在庆祝建党100周年之际，党中央首次颁授“七一勋章”`) is told as history
        if claimed is None or not (
            claimed < right if goal else 1 <= right - claimed <= 2 and claimed % 5 != 0
        ):
            continue
        where = where or _Places(text)
        para_lo, _ = where.paragraph(m.start(), m.end())
        lo = max(where.sentence_start(m.start()), para_lo)
        # a goal is judged up to its clause's end: `以优异成绩庆祝…75周年，奋力夺取2025年…`
        # names a year after it that is no look-back at the celebration
        hi = where.clause_end(m.end()) if goal else where.sentence_end(m.end())
        if where.look_back(lo, hi) or where.para_back():
            continue
        out.append((m.start(), m.end(), f"{year}年是{entry.name}{right}周年"))
    return out


def _near_anniversaries(text: str, pat: regex.Pattern[str]) -> Iterator[regex.Match[str]]:
    """The alias regex run only just before each `周年`: it has no literal prefix to search
    for, and over a whole document it cost more than the rest of the rule."""
    seen = -1
    i = text.find("周年")
    while i >= 0:
        lo = max(seen, i - 40, 0)
        for m in pat.finditer(text, lo, i + 4):
            if m.start() >= seen:
                seen = m.end()
                yield m
        i = text.find("周年", i + 2)


_PARA_BACK = regex.compile(r"过去一年|过去五年|一年来|五年来|去年|上年|回顾")
_SENTENCE_START = regex.compile(r"[。；;！!？?]")


class _Within:
    """Whether a position lies inside one of some spans, by bisection: asked once per
    occasion, a scan of every claim made the rule quadratic on a text full of both."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self.starts = [lo for lo, _ in spans]
        self.reach: list[int] = []  # the furthest end of the spans starting up to each one
        for _, hi in spans:
            self.reach.append(max(hi, self.reach[-1]) if self.reach else hi)

    def __call__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.reach[i] > pos


class _Places:
    """Sentence and clause limits and look-back words around an occasion, found once per
    paragraph that holds one.

    Searched afresh for every occasion, each limit and each look-back scan walked the rest of
    a long paragraph: quadratic on a line full of anniversaries. Every limit an occasion needs
    lies within its paragraph (line breaks end sentences and clauses), so the paragraph is
    indexed when the first occasion in it is met, and occasions come in order. The answers are
    those of the searches they replace: the words never span a line break, and `_LOOK_BACK` is
    found at every start (overlapped), so the first found in a span is the one a search of the
    span finds.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.lo = self.hi = -1
        self.whole = False

    def paragraph(self, start: int, end: int) -> tuple[int, int]:
        if not (self.whole and self.lo <= start and end <= self.hi):
            text = self.text
            self.lo = text.rfind("\n", 0, start) + 1
            hi = text.find("\n", end)
            self.hi = len(text) if hi < 0 else hi
            lo, hi = self.lo, self.hi
            # a span across a line break gives limits no later occasion may share
            self.whole = "\n" not in text[start:end]
            self.enders = [m.start() for m in _SENTENCE_START.finditer(text, lo, hi)]
            self.sentence_ends = [m.start() for m in _SENTENCE_END.finditer(text, lo, hi)]
            self.clause_stops = [m.start() for m in _CLAUSE_STOP.finditer(text, lo, hi)]
            self.has_para_back = _PARA_BACK.search(text, lo, hi) is not None
            self.back = [
                (m.start(), m.end()) for m in _LOOK_BACK.finditer(text, lo, hi, overlapped=True)
            ]
            self.back_starts = [b for b, _ in self.back]
        return self.lo, self.hi

    def sentence_start(self, pos: int) -> int:
        """After the last sentence end before `pos` in the paragraph, or its start."""
        i = bisect.bisect_left(self.enders, pos)
        return self.enders[i - 1] + 1 if i else self.lo

    def sentence_end(self, pos: int) -> int:
        return _next(self.sentence_ends, pos, self.hi)

    def clause_end(self, pos: int) -> int:
        return _next(self.clause_stops, pos, self.hi)

    def para_back(self) -> bool:
        return self.has_para_back

    def look_back(self, lo: int, hi: int) -> bool:
        i = bisect.bisect_left(self.back_starts, lo)
        while i < len(self.back) and self.back[i][0] < hi:
            if self.back[i][1] <= hi:
                return True
            i += 1
        return False


def _next(places: list[int], pos: int, default: int) -> int:
    i = bisect.bisect_left(places, pos)
    return places[i] if i < len(places) else default


# a regex over every entry's aliases, and the entries its groups a0, a1 … stand for
_Aliases = tuple[regex.Pattern[str], tuple[Anniversary | Meeting, ...]]
_Named = TypeVar("_Named", Anniversary, Meeting)


def _alias_regex(entries: Sequence[Anniversary | Meeting], tail: str) -> _Aliases:
    """One regex for all aliases; group `a<i>` tells which entry matched (longest first)."""
    parts = []
    for i, entry in enumerate(entries):
        aliases = sorted(entry.aliases, key=len, reverse=True)
        parts.append(f"(?P<a{i}>" + "|".join(f"(?:{a})" for a in aliases) + ")")
    pattern = regex.compile(rf"[{QUOTES}]?(?:{'|'.join(parts)})[{QUOTES}]?{tail}", regex.V0)
    return pattern, tuple(entries)


def _entry(
    m: regex.Match[str], entries: tuple[Anniversary | Meeting, ...]
) -> Anniversary | Meeting:
    for i, entry in enumerate(entries):
        if m.group(f"a{i}") is not None:
            return entry
    raise LookupError(m.group(0))


def _claim_starts(text: str, marks: list[tuple[int, int]] | None = None) -> list[int]:
    """Every position where _CLAIM can match: a written-out year (`marks`, the text's
    year_marks), the first character of `今年`/`本年`/`明年`/`去年` and `值此` (found from their
    literals, lint.windows)."""
    starts = [y for y, _q in (year_marks(text) if marks is None else marks)]
    starts += [q - 1 for q in literal_positions(text, "年") if q and text[q - 1] in "今本明去"]
    starts += literal_positions(text, "值此")
    return starts


def _claims(
    text: str, as_of_year: int, marks: list[tuple[int, int]] | None = None
) -> Iterator[Claim]:
    """Each claim's labels: the span from the verb to the end of its last label clause."""
    for m in anchored_matches(_CLAIM, text, _claim_starts(text, marks)):
        if m.group("year"):
            year = year_value(m.group("year"))
            # a named year before the as-of year is a look-back: not judged
            if year is None or year < as_of_year:
                continue
        else:
            rel = m.group("rel") or m.group("rel2")
            year = as_of_year + {"明年": 1, "去年": -1}.get(rel, 0)
        start = m.end()
        stop = _SENTENCE_END.search(text, start, start + 300)
        limit = stop.start() if stop else min(len(text), start + 300)
        end, pos = start, start
        while pos < limit:
            c = _CLAUSE_END.search(text, pos, limit)
            clause_end = c.start() if c else limit
            if _LABEL_END.search(text, pos, clause_end):
                end = clause_end
            else:
                break
            nxt = clause_end + 1
            more = _MORE.match(text, nxt, limit) if nxt < limit else None
            if more is None:
                break
            pos = more.end()
        if end > start:
            yield Claim(year, start, end)


def _plan_claims(
    body: str, year: int, calendar: Calendar, plans: Sequence[Plan]
) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    mentions = list(_PLAN.finditer(body))
    for i, m in enumerate(mentions):
        plan = plan_of(m.group(0), calendar)
        if plan is None or plan not in plans:
            continue
        # the label of this plan lies between its name and the next plan's (or clause end)
        stop = mentions[i + 1].start() if i + 1 < len(mentions) else len(body)
        c = _CLAUSE_END.search(body, m.end(), stop)
        stop = c.start() if c else stop
        after = body[m.end() : stop]
        before = body[max(0, m.start() - 8) : m.start()]
        b = _POS_BEFORE.search(before)
        # `第二年` says more than the `实施` before it: `规划实施的第二年`
        a = _NTH.search(after) or _POS_AFTER.search(after)
        if b is not None:
            kind = _kind(b.group("pos"))
            label_start = m.start() - (len(before) - b.start())
        elif a is not None and a.group("nth"):
            kind = "nth"
            label_start = m.start()
        elif a is not None:
            kind = _kind(a.group("pos"))
            label_start = m.start()
        else:
            continue
        # `为“十五五”良好开局打牢基础`, `为“十二五”发展打好基础的重要一年`: preparing the
        # next plan, done in the years before it
        if kind in ("start", "mid") and _PREPARE_AFTER.search(after):
            kind = "draft"
        lo, hi, expected = _plan_range(plan, kind, a)
        if not lo <= year <= hi:
            if label_start > 0 and body[label_start - 1] in QUOTES:
                label_start -= 1
            if b is not None:
                label_end = m.end() + (1 if m.end() < len(body) and body[m.end()] in QUOTES else 0)
            else:
                label_end = m.end() + (a.end() if a is not None else 0)
            # the label runs on to 之年 unless another plan's label comes first
            nxt = mentions[i + 1].start() if i + 1 < len(mentions) else len(body)
            tail = _LABEL_END.search(body, label_end, min(label_end + 20, nxt))
            out.append((label_start, tail.end() if tail else label_end, expected))
    return out


def _plan_range(plan: Plan, kind: str, a: regex.Match[str] | None) -> tuple[int, int, str]:
    name, first, last = plan.name, plan.first, plan.last
    if kind == "start":
        return first, first, f"“{name}”开局之年是{first}年"
    if kind == "end":
        return last, last, f"“{name}”收官之年是{last}年"
    if kind == "draft":
        return (
            first - 2,
            first - 1,
            f"“{name}”规划的谋划编制在{first - 2}—{first - 1}年，{first}年起已进入“{name}”时期",
        )
    if kind == "nth" and a is not None:
        n = number_value(a.group("n")) or 1
        return first + n - 1, first + n - 1, f"“{name}”第{a.group('n')}年是{first + n - 1}年"
    return first, last, f"“{name}”时期为{first}—{last}年"


def _named(
    body: str, aliases: _Aliases, kind: type[_Named]
) -> Iterator[tuple[regex.Match[str], _Named]]:
    """Each mention in `body` of a calendar entry of `kind`, with that entry."""
    pat, entries = aliases
    for m in pat.finditer(body):
        entry = _entry(m, entries)
        assert isinstance(entry, kind)
        yield m, entry


def _meeting_claims(body: str, year: int, aliases: _Aliases) -> list[tuple[int, int, str]]:
    out = []
    for m, meeting in _named(body, aliases, Meeting):
        if m.group("held"):
            right = meeting.start.year
            expected = f"{meeting.name}召开于{right}年"
        else:
            right = meeting.end.year + 1
            expected = f"{meeting.name}（{meeting.end.year}年）后的开局之年是{right}年"
        if right != year:
            out.append((m.start(), m.end(), expected))
    return out


def _anniversary_claims(body: str, year: int, aliases: _Aliases) -> list[tuple[int, int, str]]:
    out = []
    for m, entry in _named(body, aliases, Anniversary):
        claimed = number_value(m.group("n"))
        if claimed is None:
            continue
        right = year - entry.date.year
        if claimed != right and right > 0:
            out.append((m.start(), m.end(), f"{year}年是{entry.name}{right}周年"))
    return out


CHECK = YearClaimCheck
