"""The kind registry (`lint.checks`): a kind's name is written once, in `KINDS`."""

from __future__ import annotations

import ast
import datetime as dt
import pickle
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
)
from lint.document import Document
from lint.engine import Engine
from lint.ruleset import load_ruleset

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
