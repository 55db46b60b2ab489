"""`substitution`: a wrong form with its right form (`swap: {wrong: right}`).

The message may use {match} and {replacement}; the replacement is the suggestion, and with
`fix: safe|unsafe` also the fix. `patterns` may be used too, with `replacement` giving a
template (`\\1` groups) for what they match.

The right wording can itself change with time (the list of plenums a document should name
grows with each plenum), so `replacement` may also be a list of dated templates, judged at the
document's date: `[{until: 2025-10-23, text: A}, {text: B}]` gives A before 2025-10-23 and B
from then on (`until` is exclusive; the last entry has none).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from lint.checks import Finding
from lint.checks.textmatch import CONTEXT_KEYS, CompiledRule, Hit, TextMatchCheck
from lint.document import Document
from lint.model import Edit, Fix, as_date
from lint.rule import Rule

_new = tuple.__new__


class SubstitutionCheck(TextMatchCheck):
    keys = CONTEXT_KEYS | {"swap", "replacement"}

    @classmethod
    def validate(cls, rule: Rule) -> None:
        swap = rule.params.get("swap", {})
        if not isinstance(swap, dict) or not all(
            isinstance(k, str) and k and isinstance(v, str) for k, v in swap.items()
        ):
            raise rule.error("swap", "应为错误写法到正确写法的映射")
        if not swap and not rule.params.get("patterns"):
            raise rule.error(None, "substitution 规则须有 swap 或 patterns")
        if rule.params.get("patterns") and "replacement" not in rule.params:
            raise rule.error("replacement", "patterns 须配 replacement 模板")
        validate_replacement(rule)
        if rule.fix_replacement is not None:
            raise rule.error("fix", "substitution 规则的修复文本取自 swap")
        super().validate(rule)

    def literals(self, rule: Rule) -> dict[str, str | None]:
        return dict(rule.params.get("swap", {}))

    def pattern_replacer(self, rule: Rule, day: dt.date) -> str | Callable[[Any], str] | None:
        template = replacement_template(rule, day)
        if template is None or "\\" not in template:
            # Only backslash escapes (`\1`, `\g<name>`) make expansion differ from the
            # template: most replacements are a fixed text, the same for every match.
            return template

        def expand(m: Any) -> str:
            return str(m.expand(template))

        return expand

    def plain_finding(
        self, doc: Document, cr: CompiledRule, start: int, end: int, repl: str | None
    ) -> Finding:
        return self.plain_findings(doc, cr, [(start, end, repl)])[0]

    def plain_findings(
        self, doc: Document, cr: CompiledRule, found: list[tuple[int, int, str | None]]
    ) -> list[Finding]:
        # A dirty file has tens of thousands of these (57,000 half-width commas on the seed
        # x 100), so they are made in one comprehension: no Hit, no call per finding, and no
        # message values when the engine fills the same ones ({match} is the flagged text,
        # {replacement} the suggestion). Edit(start, end, repl) and Fix((edit,), safety) are
        # built as the tuples they are: a named tuple's own constructor is a Python function,
        # a third of a finding's cost.
        rule = cr.rule
        safety = rule.fix_safety
        shadow = cr.shadow
        make = self._finding
        return [
            make(doc, Hit(cr, s, e, s, e, r))
            if r is None
            else Finding(
                rule,
                s,
                e,
                {},
                r,
                _new(Fix, ((_new(Edit, (s, e, r)),), safety)) if safety else None,
                None,
                shadow,
            )
            for s, e, r in found
        ]

    def finding(self, doc: Document, hit: Hit) -> Finding:
        rule, start, end, s, e, repl = hit.cr.rule, hit.start, hit.end, hit.s, hit.e, hit.repl
        fix = None
        if rule.fix_safety and repl is not None:
            fix = Fix((Edit(start, end, repl),), rule.fix_safety)
        return Finding(
            rule,
            s,
            e,
            values={"match": doc.text[start:end], "replacement": repl or ""},
            suggestion=repl if repl is not None else rule.suggestion,
            fix=fix,
        )


CHECK = SubstitutionCheck


def validate_replacement(rule: Rule) -> None:
    """`replacement`: a template, or dated templates `[{until: DATE, text: T}, …, {text: T}]`."""
    value = rule.params.get("replacement")
    if value is None or isinstance(value, str):
        return
    expected = "应为模板字符串，或 {until: YYYY-MM-DD, text: 模板} 的列表"
    if not isinstance(value, list) or not value:
        raise rule.error("replacement", expected)
    previous: dt.date | None = None
    for i, entry in enumerate(value):
        last = i == len(value) - 1
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("text"), str)
            or set(entry) - {"until", "text"}
        ):
            raise rule.error("replacement", expected)
        if last:
            if "until" in entry:
                raise rule.error("replacement", "最后一个模板不应有 until")
            continue
        day = as_date(entry.get("until"))
        if day is None:
            raise rule.error("replacement", f"第 {i + 1} 项：until 应为日期 YYYY-MM-DD")
        if previous is not None and day <= previous:
            raise rule.error("replacement", "带日期的模板须按日期先后排列")
        previous = day


def replacement_template(rule: Rule, day: dt.date) -> str | None:
    """The rule's replacement template in force on `day` (None: the rule has none)."""
    value = rule.params.get("replacement")
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        for entry in value:
            until = as_date(entry.get("until"))
            if until is None or day < until:
                return str(entry["text"])
    return None
