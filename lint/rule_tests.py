"""Run rules' own examples: every `bad` must trigger the rule, every `good` must not.

Used by the test suite (one parametrised test over the default rules) and by
`reportlint --test-rules FILE...` for a team's own rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from lint.document import Document
from lint.engine import Engine
from lint.rule import Example, Rule
from lint.sources import document_from_text


@dataclass(frozen=True)
class ExampleFailure:
    rule: Rule
    example: Example
    expected_hit: bool
    found: int

    def __str__(self) -> str:
        want = "错误示例没有被报告" if self.expected_hit else f"正确示例被报告了 {self.found} 处"
        where = f"{self.rule.file}:{self.rule.line}: {self.rule.code}"
        return f"{where}：{want}：{self.example.text}"


def example_document(example: Example) -> Document:
    return document_from_text(example.text, example.path or "<example>.txt")


def run_example(rule: Rule, example: Example, engine: Engine | None = None) -> int:
    """How many diagnostics `rule` reports on `example` (at the example's or rule's date)."""
    engine = engine or Engine([rule])
    day = example.as_of or rule.example_date()
    result = engine.check(example_document(example), day)
    return sum(1 for d in result.diagnostics if d.code == rule.code)


def check_rule_examples(rule: Rule) -> list[ExampleFailure]:
    engine = Engine([rule])
    failures = []
    for ex in rule.bad:
        n = run_example(rule, ex, engine)
        if n == 0:
            failures.append(ExampleFailure(rule, ex, True, n))
    for ex in rule.good:
        n = run_example(rule, ex, engine)
        if n:
            failures.append(ExampleFailure(rule, ex, False, n))
    return failures
