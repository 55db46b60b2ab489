"""The kind registry (`lint.checks`): a kind's name is written once, in `KINDS`."""

from __future__ import annotations

import ast
import datetime as dt
import pickle
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

import lint.checks
from lint.checks import (
    KIND_ALIASES,
    KINDS,
    Check,
    canonical_kind,
    kind_class,
    kind_of,
    known_kinds,
    partly_unsafe,
)
from lint.document import Document
from lint.engine import Engine
from lint.rule_tests import example_document
from lint.ruleset import load_ruleset, parse_rules
from tests.helpers import run_cli

CHECKS = Path(lint.checks.__file__).parent


def test_every_kind_class_carries_the_name_it_is_registered_under() -> None:
    classes = [kind_class(kind) for kind in known_kinds()]
    assert len(set(classes)) == len(KINDS)
    for kind, cls in zip(known_kinds(), classes, strict=True):
        assert issubclass(cls, Check) and kind_of(cls) == kind
    # A subclass kind (contextual extends substitution) keeps its own name; bases have none.
    assert kind_of(kind_class("contextual")) == "contextual"
    assert kind_of(kind_class("substitution")) == "substitution"
    assert kind_of(Check) == ""
    assert all(canonical_kind(old) == new for old, new in KIND_ALIASES.items())


def _class_level_kinds() -> Iterator[str]:
    for path in sorted(CHECKS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    targets = (
                        stmt.targets
                        if isinstance(stmt, ast.Assign)
                        else [stmt.target]
                        if isinstance(stmt, ast.AnnAssign) and stmt.value is not None
                        else []
                    )
                    for t in targets:
                        if isinstance(t, ast.Name) and t.id == "kind" and node.name != "Check":
                            yield f"{path.name}: {node.name}"


def test_no_check_class_writes_its_kind_name() -> None:
    assert list(_class_level_kinds()) == []


def test_a_failing_kind_is_named_by_its_registered_name(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Check, doc: Document, ctx: object) -> Iterator[object]:
        raise RuntimeError("boom")
        yield  # a generator, like every check's run

    engine = Engine([r for r in load_ruleset() if r.kind == "pairs"])
    (check,) = engine.checks
    # A check restored from the engine cache (a pickle) knows its name as well.
    assert check.kind == "pairs" and pickle.loads(pickle.dumps(check)).kind == "pairs"
    monkeypatch.setattr(type(check), "run", broken)
    result = engine.check(Document("d.txt", "一段文字（未闭合。\n"), dt.date(2026, 11, 26))
    assert [kind for kind, _message in result.problems] == ["pairs"]
    assert "内部错误" in result.problems[0][1]


SAFETY_RANK = {"unsafe": 0, "safe": 1}


def test_no_edit_is_safer_than_its_rule_declares() -> None:
    # Walk every built-in rule's bad examples: without `fix:` no fix, and no edit is safer
    # than the rule's `fix:` (a kind may only lower it, for an edit it cannot prove harmless).
    offered: Counter[tuple[str, str]] = Counter()
    lowered: set[str] = set()
    for rule in load_ruleset():
        engine = Engine([rule])
        for example in rule.bad:
            day = example.as_of or rule.example_date()
            for d in engine.check(example_document(example), day).diagnostics:
                if d.code != rule.code or d.fix is None:
                    continue
                assert rule.fix_safety is not None, (rule.code, example.text)
                assert SAFETY_RANK[d.fix.safety] <= SAFETY_RANK[rule.fix_safety], (
                    rule.code,
                    example.text,
                )
                offered[rule.fix_safety, d.fix.safety] += 1
                if d.fix.safety != rule.fix_safety:
                    lowered.add(rule.code)
    # Both sides are walked: safe and unsafe rules' fixes, and a kind lowering a safe rule's
    # edit (NB106 rewidening a whole marker).
    assert offered["safe", "safe"] > 50 and offered["unsafe", "unsafe"] > 20
    assert offered["safe", "unsafe"] >= 1
    # A rule whose edits a kind lowers says so in --explain and --list-rules.
    rules = {r.code: r for r in load_ruleset()}
    assert all(partly_unsafe(rules[code]) for code in lowered), lowered
    assert "NB106" in lowered and not partly_unsafe(rules["NB105"])


def test_explain_and_list_rules_say_which_safe_rules_have_unsafe_edits() -> None:
    bracket = run_cli("--explain", "NB106")[1]
    assert "修复：安全修复（--fix 自动修改）；无法确认无害的修改为不安全修复" in bracket
    assert "无法确认" not in run_cli("--explain", "NB105")[1]
    table = [line.split("\t") for line in run_cli("--list-rules")[1].splitlines()]
    rows = {row[0]: row[4] for row in table}
    assert (rows["NB105"], rows["NB106"], rows["NB109"]) == ("安全", "安全，部分需核对", "需核对")


def _bracket_rule(code: str, fix: str) -> str:
    return (
        f"  - code: {code}\n    name: test-{code.lower()}\n    kind: numbering\n"
        "    check: bracket-width\n    severity: warning\n"
        '    message: "序号“{match}”括号混用"\n'
        f"    fix: {fix}\n"
        '    examples: {bad: ["(一）甲"], good: ["（一）甲"]}\n'
    )


@pytest.mark.parametrize(("fix", "expected"), [("unsafe", "unsafe"), ("safe", "safe")])
def test_a_rule_file_caps_what_a_kind_proves_safe(fix: str, expected: str) -> None:
    # One odd bracket in a marker is an edit the kind proves harmless; a team rule that says
    # `fix: unsafe` still gets it as unsafe.
    (rule,) = parse_rules(
        "category: numbering\nrules:\n" + _bracket_rule("XN106", fix), "/team/rules.yaml"
    )
    (d,) = Engine([rule]).check(Document("d.txt", "(一）甲\n"), dt.date(2026, 11, 26)).diagnostics
    assert d.fix is not None and d.fix.safety == expected
