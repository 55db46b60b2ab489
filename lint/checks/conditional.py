"""`conditional`: a wrong form that is wrong only in some contexts.

A formulation such as `精准扶贫` or `新时代中国特色社会主义思想` is outdated when used as a
current task, and correct in a retrospective paragraph (`打赢了脱贫攻坚战…坚持精准扶贫`) or in
the text that coined it (the congress report itself). The sentence-level `unless`/`only-if`
filters of lint.checks.textmatch cannot see that far, so this kind adds context at three
scopes:

- `unless-context: {scope: [regex, ...]}`: silent when any regex occurs in that scope;
- `only-if-context: {scope: [regex, ...]}`: reported only when one of them occurs there.

Scopes: `sentence` (as `unless`), `paragraph` (the line holding the match: in plain-text
drafts a paragraph is one line, and official texts often have no blank lines between
paragraphs), `document` (the whole text).

Candidates come from `tokens` (no replacement), `swap` (wrong -> right, as in
`substitution`) and `patterns` (with an optional `replacement` template), and pass every
filter of lint.checks.textmatch first.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import regex

from lint.checks import Finding, RunContext
from lint.checks.substitution import SubstitutionCheck
from lint.checks.textmatch import CONTEXT_KEYS, TextMatchCheck
from lint.document import Document
from lint.ruleset import Rule

SCOPES = ("sentence", "paragraph", "document")
_CONTEXT_KEYS = ("unless-context", "only-if-context")

# scope -> compiled regexes
Contexts = dict[str, list[regex.Pattern[str]]]


def _contexts(rule: Rule, key: str) -> Contexts:
    value = rule.params.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict) or not value:
        raise rule.error(key, f"expected a mapping of scope ({', '.join(SCOPES)}) -> regexes")
    out: Contexts = {}
    for scope, pats in value.items():
        if scope not in SCOPES:
            raise rule.error(key, f"unknown scope {scope!r}: expected one of {', '.join(SCOPES)}")
        if isinstance(pats, str):
            pats = [pats]
        if (
            not isinstance(pats, list)
            or not pats
            or not all(isinstance(p, str) and p for p in pats)
        ):
            raise rule.error(key, f"scope {scope!r}: expected a list of regular expressions")
        compiled = []
        for pat in pats:
            try:
                compiled.append(regex.compile(pat, regex.V0))
            except regex.error as exc:
                raise rule.error(key, f"bad regular expression {pat!r}: {exc}") from None
        out[scope] = compiled
    return out


class ConditionalCheck(SubstitutionCheck):
    kind = "conditional"
    keys = CONTEXT_KEYS | {"tokens", "swap", "replacement", *_CONTEXT_KEYS}

    @classmethod
    def validate(cls, rule: Rule) -> None:
        p = rule.params
        swap = p.get("swap", {})
        if not isinstance(swap, dict) or not all(
            isinstance(k, str) and k and isinstance(v, str) for k, v in swap.items()
        ):
            raise rule.error("swap", "expected a mapping of wrong form -> right form")
        tokens = p.get("tokens", [])
        if not isinstance(tokens, list) or not all(isinstance(t, str) and t for t in tokens):
            raise rule.error("tokens", "expected a list of non-empty strings")
        if not swap and not tokens and not p.get("patterns"):
            raise rule.error(None, "a conditional rule needs 'tokens', 'swap' or 'patterns'")
        if "replacement" in p and not isinstance(p["replacement"], str):
            raise rule.error("replacement", "expected a replacement template string")
        if rule.fix_replacement is not None:
            raise rule.error("fix", "conditional fixes take their text from 'swap'/'replacement'")
        if rule.fix_safety and tokens:
            raise rule.error("fix", "'tokens' have no replacement: use 'swap' for a fix")
        if not p.get("unless-context") and not p.get("only-if-context"):
            raise rule.error(None, "a conditional rule needs 'unless-context' or 'only-if-context'")
        for key in _CONTEXT_KEYS:
            _contexts(rule, key)
        TextMatchCheck.validate(rule)

    def __init__(self, rules: Sequence[Rule]) -> None:
        super().__init__(rules)
        self.unless = {r.code: _contexts(r, "unless-context") for r in rules}
        self.only_if = {r.code: _contexts(r, "only-if-context") for r in rules}

    def literals(self, rule: Rule) -> dict[str, str | None]:
        out: dict[str, str | None] = dict.fromkeys(rule.params.get("tokens", []))
        out.update(rule.params.get("swap", {}))
        return out

    def pattern_replacement(self, rule: Rule, m: Any) -> str | None:
        template = rule.params.get("replacement")
        return str(m.expand(template)) if isinstance(template, str) else None

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Finding]:
        # Document-scope answers are the same for every candidate of a rule: search once.
        whole: dict[tuple[str, str], bool | None] = {}
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
        whole: dict[tuple[str, str], bool | None],
    ) -> bool:
        def found(key: str, scope: str, pats: list[regex.Pattern[str]]) -> bool | None:
            if scope != "document":
                return self._found(doc, rule, scope, pats, start, end, ctx)
            if (rule.code, key) not in whole:
                whole[rule.code, key] = self._found(doc, rule, scope, pats, start, end, ctx)
            return whole[rule.code, key]

        for scope, pats in self.unless[rule.code].items():
            # A search that ran out of regex budget (None) silences the rule: precision first.
            if found("unless", scope, pats) is not False:
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

        def probe(timeout: float) -> bool:
            return any(p.search(text, lo, hi, timeout=timeout) for p in pats)

        return ctx.regex_call(rule.code, probe)


CHECK = ConditionalCheck
