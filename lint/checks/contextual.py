"""`contextual`: a wrong form that is wrong only in some contexts.

A formulation such as `精准扶贫` or `新时代中国特色社会主义思想` is outdated when used as a
current task, and correct in a retrospective paragraph (`打赢了脱贫攻坚战…坚持精准扶贫`) or in
the text that coined it (the congress report itself). The sentence-level `unless`/`only-if`
filters of lint.checks.textmatch cannot see that far, so this kind adds context at three
scopes:

- `unless-context: {scope: [regex, ...]}`: silent when any regex occurs in that scope;
- `only-if-context: {scope: [regex, ...]}`: reported only when one of them occurs there;
- `unless-all-context: {scope: [regex, ...], ...}`: silent when every scope listed has one
  (a paragraph naming a series of campaigns in a document that reviews five years).

Scopes: `sentence` (as `unless`), `paragraph` (the line holding the match: in plain-text
drafts a paragraph is one line, and official texts often have no blank lines between
paragraphs), `document` (the whole text).

A context regex with a named group `year` (`(?P<year>[12][0-9]{3})年`) counts only where the
year is in the past for this rule (a five-year plan named in the group, `十三五`, counts as
its last year, 2020; a range `2016—2020年` is written with the group on its last year):
earlier than the as-of year (a sentence about `2026年` in a
2026 draft is about now) and no later than the year the rule's `effective.from` falls in (the
wording was still current, or reviewed in a first-quarter report, that year; `2023年，扎实开展
“不忘初心、牢记使命”主题教育` states a campaign that was over). So `2019年，我局深入开展“不忘初心、
牢记使命”主题教育` is history in a 2026 draft and silent, while `2026年，…` is reported. Rule files
share such lists through YAML anchors (`&past` on first use, `*past` after); a scope's list may
hold such a shared list among its regexes (`sentence: [*past, '首倡']`), flattened one level.

Candidates come from `tokens` (no replacement), `swap` (wrong -> right, as in
`substitution`) and `patterns` (with an optional `replacement` template, or dated templates
as in `substitution`), and pass every filter of lint.checks.textmatch first.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from lint.calendar import plan_years
from lint.checks import Finding, RunContext
from lint.checks.substitution import SubstitutionCheck, validate_replacement
from lint.checks.textmatch import CONTEXT_KEYS, TextMatchCheck, compile_pattern
from lint.document import Document
from lint.rule import Rule

SCOPES = ("sentence", "paragraph", "document")
_CONTEXT_KEYS = ("unless-context", "only-if-context", "unless-all-context")

# scope -> compiled regexes
Contexts = dict[str, list[regex.Pattern[str]]]


def _contexts(rule: Rule, key: str) -> Contexts:
    value = rule.params.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict) or not value:
        raise rule.error(key, f"应为范围（{'、'.join(SCOPES)}）到正则表达式的映射")
    out: Contexts = {}
    for scope, pats in value.items():
        if scope not in SCOPES:
            raise rule.error(key, f"未知的范围 {scope!r}，应为 {'、'.join(SCOPES)} 之一")
        if isinstance(pats, str):
            pats = [pats]
        if isinstance(pats, list):
            # a shared list (a YAML alias, `[*past, '首倡']`) may sit inside: one level flattens
            pats = [q for p in pats for q in (p if isinstance(p, list) else [p])]
        if (
            not isinstance(pats, list)
            or not pats
            or not all(isinstance(p, str) and p for p in pats)
        ):
            raise rule.error(key, f"范围 {scope!r}：应为正则表达式的列表")
        out[scope] = [compile_pattern(pat, rule, key) for pat in pats]
    return out


@dataclass(frozen=True)
class ContextOptions:
    """A rule's three context keys, compiled."""

    unless: Contexts
    only_if: Contexts
    unless_all: Contexts

    @staticmethod
    def parse(rule: Rule) -> ContextOptions:
        return ContextOptions(
            _contexts(rule, "unless-context"),
            _contexts(rule, "only-if-context"),
            _contexts(rule, "unless-all-context"),
        )


class ContextualCheck(SubstitutionCheck):
    keys = CONTEXT_KEYS | {"tokens", "swap", "replacement", *_CONTEXT_KEYS}

    @classmethod
    def validate(cls, rule: Rule) -> None:
        p = rule.params
        swap = p.get("swap", {})
        if not isinstance(swap, dict) or not all(
            isinstance(k, str) and k and isinstance(v, str) for k, v in swap.items()
        ):
            raise rule.error("swap", "应为错误写法到正确写法的映射")
        tokens = p.get("tokens", [])
        if not isinstance(tokens, list) or not all(isinstance(t, str) and t for t in tokens):
            raise rule.error("tokens", "应为非空字符串的列表")
        if not swap and not tokens and not p.get("patterns"):
            raise rule.error(None, "contextual 规则须有 tokens、swap 或 patterns")
        validate_replacement(rule)
        if rule.fix_replacement is not None:
            raise rule.error("fix", "contextual 规则的修复文本取自 swap 或 replacement")
        if rule.fix_safety and tokens:
            raise rule.error("fix", "tokens 没有替换文本：要修复请用 swap")
        if not any(p.get(key) for key in _CONTEXT_KEYS):
            raise rule.error(None, "contextual 规则须有 unless-context 或 only-if-context")
        rule.options(ContextOptions.parse)
        TextMatchCheck.validate(rule)

    def __init__(self, rules: Sequence[Rule]) -> None:
        super().__init__(rules)
        options = {r.code: r.options(ContextOptions.parse) for r in rules}
        self.unless = {code: o.unless for code, o in options.items()}
        self.only_if = {code: o.only_if for code, o in options.items()}
        self.unless_all = {code: o.unless_all for code, o in options.items()}

    def literals(self, rule: Rule) -> dict[str, str | None]:
        out: dict[str, str | None] = dict.fromkeys(rule.params.get("tokens", []))
        out.update(rule.params.get("swap", {}))
        return out

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Finding]:
        # Document-scope answers are the same for every candidate of a rule, and paragraph
        # answers for every candidate in the paragraph: each is searched once. Searching the
        # paragraph again per candidate made a long line with many candidates quadratic.
        whole: dict[tuple[str, ...], bool | None] = {}
        for f in super().run(doc, ctx):
            if self._context_ok(doc, f.rule, f.start, f.end, ctx, whole):
                yield f

    def _context_ok(
        self,
        doc: Document,
        rule: Rule,
        start: int,
        end: int,
        ctx: RunContext,
        whole: dict[tuple[str, ...], bool | None],
    ) -> bool:
        def found(key: str, scope: str, pats: list[regex.Pattern[str]]) -> bool | None:
            if scope == "sentence":
                return self._found(doc, rule, scope, pats, start, end, ctx)
            where: tuple[str, ...] = (rule.code, key, scope)
            if scope == "paragraph":
                lines = (doc.line_of(start), doc.line_of(max(start, end - 1)))
                where += (str(lines),)
            if where not in whole:
                whole[where] = self._found(doc, rule, scope, pats, start, end, ctx)
            return whole[where]

        for scope, pats in self.unless[rule.code].items():
            # A search that ran out of regex budget (None) silences the rule: precision first.
            if found("unless", scope, pats) is not False:
                return False
        every = self.unless_all[rule.code]
        if every and all(found("unless-all", sc, pats) is not False for sc, pats in every.items()):
            return False
        return all(
            found("only-if", scope, pats) is True for scope, pats in self.only_if[rule.code].items()
        )

    @staticmethod
    def _found(
        doc: Document,
        rule: Rule,
        scope: str,
        pats: list[regex.Pattern[str]],
        start: int,
        end: int,
        ctx: RunContext,
    ) -> bool | None:
        if scope == "sentence":
            lo, hi = doc.sentence_span(start, end)
        elif scope == "paragraph":
            lo, hi = doc.line_span(doc.line_of(start))
            hi = max(hi, doc.line_ends[doc.line_of(max(start, end - 1))])
        else:
            lo, hi = 0, len(doc.text)
        text = doc.scan_text
        # A year is past when it is before the as-of year and the wording was still current
        # then (no later than the year the rule became effective).
        newest = ctx.as_of.year - 1
        if rule.effective_from is not None:
            newest = min(newest, rule.effective_from.year)

        def past(m: regex.Match[str]) -> bool:
            year = m.group("year")
            return bool(year) and _year_value(year) <= newest

        def probe(timeout: float | None) -> bool:
            for p in pats:
                if "year" in p.groupindex:
                    if any(past(m) for m in list(p.finditer(text, lo, hi, timeout=timeout))):
                        return True
                elif p.search(text, lo, hi, timeout=timeout):
                    return True
            return False

        return ctx.regex_call(rule.code, probe)


def _year_value(text: str) -> int:
    """Four ASCII or full-width digits (int() reads both), or a five-year plan's name
    (`十三五` -> 2020, the plan's last year, as lint.calendar counts it); anything else is no
    year."""
    years = plan_years(text)
    if years is not None:
        return years[1]
    try:
        return int(text)
    except ValueError:
        return 1 << 30


CHECK = ContextualCheck
