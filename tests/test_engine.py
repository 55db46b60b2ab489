"""The engine: built-in rules find the same things every run; user rules stay on a budget."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from lint import engine as engine_module
from lint.checks import Check, Finding, RunContext
from lint.document import Document
from lint.engine import Engine, _drop_shadowed, select_rules
from lint.model import SORT_KEY
from lint.ruleset import is_builtin, load_ruleset, parse_rules
from tests.helpers import make_diagnostic

DAY = dt.date(2026, 11, 26)


def test_builtin_rules_are_recognised() -> None:
    rules = list(load_ruleset())
    assert rules and all(is_builtin(r) for r in rules)
    user = parse_rules(
        "category: residue\nrules:\n  - code: ZZ901\n    name: probe\n    kind: existence\n"
        '    severity: warning\n    message: "m"\n    tokens: ["召开"]\n'
        '    examples: {bad: ["召开"], good: ["y"]}\n',
        "/somewhere/else/rules.yaml",
    )
    assert not is_builtin(user[0])


def test_builtin_rules_run_to_completion_whatever_the_time_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # With a per-file budget, a long file gave different PH101 counts from run to run
    # (61,801 / 64,607 / 84,339 / 137,069 of 200,000) and `会*` x 2.5 M characters none at
    # all. Built-in rules now have no budget: even a budget of nothing finds every one.
    monkeypatch.setattr(engine_module, "REGEX_SECONDS_PER_CHAR", 0.0)
    engine = Engine(select_rules(load_ruleset(), ["PH101"]))
    engine.regex_timeout = 1e-9
    result = engine.check(Document("d.txt", "XX区**工作\n" * 5_000), DAY)
    assert len(result.diagnostics) == 5_000
    assert result.problems == [] and result.incomplete == []
    result = engine.check(Document("d.txt", "会*" * 5_000), DAY)
    assert len(result.diagnostics) == 5_000


def test_two_rules_shadowing_the_same_line_report_it_once() -> None:
    # each line-scoped shadow lay wholly inside the other's: both were dropped, the footer
    # line went unreported
    engine = Engine(select_rules(load_ruleset(), ["RS109", "RS110", "PU102"]))
    text = "正文。\n本站部分资源搜集整理于互联网,如有侵权请联系删除。\n"
    found = [(d.code, d.line) for d in engine.check(Document("d.txt", text), DAY).diagnostics]
    assert found == [("RS109", 2)]


def test_shadows_drop_only_other_rules_findings_wholly_inside_them() -> None:
    doc = Document("d.txt", "一二三四五六七八九十" * 3)
    spans = [
        (0, 2, "AA1"),  # before every shadow
        (3, 5, "AA1"),  # inside RS1's first shadow
        (3, 5, "RS1"),  # the shadowing rule's own finding: kept
        (8, 13, "AA1"),  # starts inside RS1's shadow, ends past it: kept
        (10, 12, "AA1"),  # inside RS2's shadow, which overlaps RS1's
        (12, 12, "AA2"),  # empty, at RS2's end: inside
        (14, 20, "AA1"),  # past both
        (21, 25, "RS2"),  # inside RS1's second shadow, of another shadowing rule
        (21, 25, "RS1"),
    ]
    diags = sorted((make_diagnostic(doc, s, e, code) for s, e, code in spans), key=SORT_KEY)
    shadows = [(21, 26, "RS1"), (2, 10, "RS1"), (9, 12, "RS2")]
    kept = _drop_shadowed(diags, shadows)
    assert [(d.start, d.end, d.code) for d in kept] == [
        (0, 2, "AA1"),
        (3, 5, "RS1"),
        (8, 13, "AA1"),
        (14, 20, "AA1"),
        (21, 25, "RS1"),
    ]


def test_a_kind_that_fails_keeps_what_it_found_before() -> None:
    # The engine takes each kind's findings in one call; what a kind yielded before an
    # internal error is still reported, with the error named as a problem.
    engine = Engine(select_rules(load_ruleset(), ["PH101"]))
    rule = engine.rules[0]

    class Failing(Check):
        kind = "failing"

        def run(self, doc: Document, ctx: RunContext) -> Iterator[Finding]:
            yield Finding(rule, 0, 2)
            raise ValueError("boom")

    engine.checks = [Failing([rule]), *engine.checks]
    result = engine.check(Document("d.txt", "XX区**工作\n"), DAY)
    assert [(d.code, d.start, d.end) for d in result.diagnostics] == [
        ("PH101", 0, 2),
        ("PH101", 3, 5),
    ]
    assert result.problems and "boom" in result.problems[0][1]


def test_findings_with_their_own_values_get_their_own_message() -> None:
    # Findings without values share one cached message per (template, text, suggestion);
    # a finding whose values differ (its {match} is not the flagged text) must not get it.
    rule = parse_rules(
        "category: residue\nrules:\n  - code: ZZ902\n    name: probe\n    kind: existence\n"
        '    severity: warning\n    message: "删去“{match}”{note}"\n    tokens: ["甲"]\n'
        '    examples: {bad: ["甲"], good: ["y"]}\n',
        "/somewhere/else/rules.yaml",
    )[0]
    doc = Document("d.txt", "甲乙\r\n甲乙\r\n")
    for order in (1, -1):
        found = [
            Finding(rule, 0, 2),
            Finding(rule, 4, 6, values={"match": "甲"}),
            Finding(rule, 4, 6, values={"match": "甲", "note": "。"}),
            Finding(rule, 0, 2, message="自带的说明"),
        ][::order]
        messages = [d.message for d in engine_module.diagnostics(doc, found)][::order]
        assert messages == ["删去“甲乙”{note}", "删去“甲”{note}", "删去“甲”。", "自带的说明"]
