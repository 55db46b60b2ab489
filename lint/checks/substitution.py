"""`substitution`: a wrong form with its right form (`swap: {wrong: right}`).

The message may use {match} and {replacement}; the replacement is the suggestion, and with
`fix: safe|unsafe` also the fix. `patterns` may be used too, with `replacement` giving a
template (`\\1` groups) for what they match.
"""

from __future__ import annotations

from typing import Any

from lint.checks import Finding
from lint.checks.textmatch import CONTEXT_KEYS, CompiledRule, TextMatchCheck
from lint.document import Document
from lint.model import Edit, Fix
from lint.rule import Rule


class SubstitutionCheck(TextMatchCheck):
    kind = "substitution"
    keys = CONTEXT_KEYS | {"swap", "replacement"}

    @classmethod
    def validate(cls, rule: Rule) -> None:
        swap = rule.params.get("swap", {})
        if not isinstance(swap, dict) or not all(
            isinstance(k, str) and k and isinstance(v, str) for k, v in swap.items()
        ):
            raise rule.error("swap", "expected a mapping of wrong form -> right form")
        if not swap and not rule.params.get("patterns"):
            raise rule.error(None, "a substitution rule needs 'swap' or 'patterns'")
        if rule.params.get("patterns") and not isinstance(rule.params.get("replacement"), str):
            raise rule.error("replacement", "'patterns' need a 'replacement' template")
        if rule.fix_replacement is not None:
            raise rule.error("fix", "substitution fixes take their text from 'swap'")
        super().validate(rule)

    def literals(self, rule: Rule) -> dict[str, str | None]:
        return dict(rule.params.get("swap", {}))

    def pattern_replacement(self, rule: Rule, m: Any) -> str | None:
        template = rule.params.get("replacement")
        return str(m.expand(template)) if isinstance(template, str) else None

    def finding(
        self,
        doc: Document,
        cr: CompiledRule,
        start: int,
        end: int,
        s: int,
        e: int,
        repl: str | None,
    ) -> Finding:
        rule = cr.rule
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
