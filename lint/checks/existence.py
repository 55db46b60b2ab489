"""`existence`: flag literal tokens and/or regex patterns that should not appear.

YAML keys: `tokens` (literal strings, matched together in one automaton), `patterns`
(regexes, `regex` module syntax), plus the context filters of lint.checks.textmatch.
`fix: {replacement: "..."}` replaces the reported span (`""` deletes it; with `scope: line`
the whole line goes, line break included).
"""

from __future__ import annotations

from lint.checks import Finding
from lint.checks.textmatch import CONTEXT_KEYS, Hit, TextMatchCheck
from lint.document import Document
from lint.model import Edit, Fix
from lint.rule import Rule


class ExistenceCheck(TextMatchCheck):
    keys = CONTEXT_KEYS | {"tokens"}

    @classmethod
    def validate(cls, rule: Rule) -> None:
        tokens = rule.params.get("tokens", [])
        if not isinstance(tokens, list) or not all(isinstance(t, str) and t for t in tokens):
            raise rule.error("tokens", "应为非空字符串的列表")
        if not tokens and not rule.params.get("patterns"):
            raise rule.error(None, "existence 规则须有 tokens 或 patterns")
        if rule.fix_safety and rule.fix_replacement is None:
            raise rule.error("fix", 'existence 规则的修复须有 replacement（"" 表示删除）')
        super().validate(rule)

    def literals(self, rule: Rule) -> dict[str, str | None]:
        return dict.fromkeys(rule.params.get("tokens", []))

    def finding(self, doc: Document, hit: Hit) -> Finding:
        rule, start, end, s, e = hit.cr.rule, hit.start, hit.end, hit.s, hit.e
        fix = None
        if rule.fix_safety and rule.fix_replacement is not None:
            if rule.fix_replacement == "":
                edit = hit.cr.deletion(doc, s, e)
            else:
                edit = Edit(s, e, rule.fix_replacement)
            fix = Fix((edit,), rule.fix_safety)
        return Finding(
            rule,
            s,
            e,
            # a pattern ending its line takes a CRLF file's CR with it: not part of the quote
            values={"match": doc.text[start:end].rstrip("\r")},
            suggestion=rule.suggestion,
            fix=fix,
        )


CHECK = ExistenceCheck
