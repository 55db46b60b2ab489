"""The `substitution` kind: dated replacement templates, through the CLI."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.checks import Finding, RunContext
from lint.checks.substitution import SubstitutionCheck
from lint.checks.textmatch import CompiledRule, Hit, TextMatchCheck
from lint.document import Document
from lint.engine import Engine, diagnostics
from lint.ruleset import load_ruleset
from lint.segment import Segmenter
from tests.helpers import run_cli, run_json

DAY = dt.date(2026, 11, 26)

RULE = """\
category: formulation
rules:
  - code: ZS101
    name: test-dated-replacement
    kind: substitution
    severity: warning
    message: "“{match}”应为“{replacement}”"
    source: "test"
    effective: {from: 2020-01-01}
    patterns: ['(?P<head>甲)旧称']
    replacement: %s
    fix: unsafe
    examples: {bad: ["甲旧称"], good: ["甲新称"]}
"""

DATED = (
    "[{until: 2024-01-01, text: '\\g<head>中称'},"
    " {until: 2025-06-01, text: '\\g<head>新称'},"
    " {text: '\\g<head>今称'}]"
)


def _lint(tmp_path: Path, replacement: str, as_of: str, text: str) -> list[dict[str, Any]]:
    """ZS101 with `replacement`, on `text` at `as_of`, through the command line."""
    rules = tmp_path / "r.yaml"
    rules.write_text(RULE % replacement, encoding="utf-8")
    args = ["--isolated", "--rules", str(rules), "--select", "ZS101", "--as-of", as_of, "-"]
    _code, diags = run_json(*args, input=text)
    return diags


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2021-05-01", "甲中称"),
        ("2024-01-01", "甲新称"),
        ("2025-05-31", "甲新称"),
        ("2026-11-26", "甲今称"),
    ],
)
def test_replacement_follows_the_documents_date(tmp_path: Path, as_of: str, expected: str) -> None:
    diags = _lint(tmp_path, DATED, as_of, "甲旧称。")
    assert [(d["suggestion"], d["fix"][0]["replacement"]) for d in diags] == [(expected, expected)]
    assert diags[0]["message"] == f"“甲旧称”应为“{expected}”"


@pytest.mark.parametrize(
    "value",
    [
        "[]",
        "[{text: a, until: 2024-01-01}]",  # the last entry is the open-ended one
        "[{until: 2025-01-01, text: a}, {until: 2024-01-01, text: b}, {text: c}]",  # order
        "[{until: soon, text: a}, {text: b}]",
        "[{until: 2024-01-01, txt: a}, {text: b}]",
        "[a, b]",
    ],
)
def test_bad_dated_replacement_is_a_rule_error(tmp_path: Path, value: str) -> None:
    rules = tmp_path / "r.yaml"
    rules.write_text(RULE % value, encoding="utf-8")
    code, _out, err = run_cli("--isolated", "--rules", str(rules), "-", input="甲旧称。")
    assert code == 2
    assert "ZS101" in err and "replacement" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("'乙'", "乙"),
        # only backslash escapes are expanded: other marks are the replacement's own text
        ("'$1{0}%s&乙'", "$1{0}%s&乙"),
        ("'\\g<head>乙'", "甲乙"),
        ("'\\1乙'", "甲乙"),
    ],
)
def test_pattern_replacement_expands_only_backslash_escapes(
    tmp_path: Path, template: str, expected: str
) -> None:
    diags = _lint(tmp_path, template, "2026-11-26", "甲旧称，甲旧称。")
    assert [(d["suggestion"], d["fix"][0]["replacement"]) for d in diags] == [
        (expected, expected)
    ] * 2


def test_plain_findings_report_what_the_general_path_reports(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # plain_finding leaves out the message values the engine fills alike; the messages,
    # suggestions and fixes must be those of the general path, joined runs included.
    rules = [r for r in load_ruleset() if r.kind == "substitution"]
    check = SubstitutionCheck(rules)
    texts = [ex.text for r in rules for ex in r.bad] + ["今年以来,,在市委,\u00a0\u00a0领导下"]

    def general(
        self: TextMatchCheck, doc: Document, cr: CompiledRule, s: int, e: int, repl: str | None
    ) -> Finding:
        return self._finding(doc, Hit(cr, s, e, s, e, repl))

    def report(text: str) -> list[tuple[object, ...]]:
        doc = Document("d.txt", text)
        ctx = RunContext(DAY, frozenset(r.code for r in rules), Segmenter())
        return [
            (d.code, d.start, d.end, d.message, d.suggestion, d.fix, d.edit_positions)
            for d in diagnostics(doc, check.run(doc, ctx))
        ]

    fast = [report(t) for t in texts]
    monkeypatch.setattr(SubstitutionCheck, "plain_finding", general)
    assert fast == [report(t) for t in texts]
    assert sum(map(len, fast)) > len(texts) // 2


# Han text, the half-width marks the punctuation rules swap, NBSP runs (joined), brackets,
# quotes, line breaks and characters the messages escape.
_DRAFT = st.text(
    alphabet=st.sampled_from(list("今年以来市委工作,;:!?()“”\u00a0 \n\r1a.\x1b")),
    max_size=60,
)


@settings(deadline=None)  # the first example builds the engine
@given(_DRAFT)
def test_plain_findings_match_the_general_path_on_any_draft(text: str) -> None:
    # The engine's whole output (positions, messages, fixes, shadows, order) for every
    # built-in rule, with plain findings made fast and the general way.
    engine = _engine()
    doc = Document("d.txt", text)
    fast = engine.check(doc, DAY).diagnostics
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(SubstitutionCheck, "plain_finding", _general)
        general = engine.check(Document("d.txt", text), DAY).diagnostics
    assert [(d, d.text, d.edit_positions) for d in fast] == [
        (d, d.text, d.edit_positions) for d in general
    ]


@functools.cache
def _engine() -> Engine:
    return Engine(list(load_ruleset()))


def _general(
    self: TextMatchCheck, doc: Document, cr: CompiledRule, s: int, e: int, repl: str | None
) -> Finding:
    return self._finding(doc, Hit(cr, s, e, s, e, repl))
