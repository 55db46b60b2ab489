"""lint.forked: a large file's kinds shared with a forked child find what one process finds."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lint import forked
from lint.checks import Check, Finding, RunContext
from lint.document import Document
from lint.engine import Engine, Result
from lint.model import Edit, Fix
from lint.ruleset import load_ruleset
from tests.helpers import run_cli

DAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_ruleset())


@pytest.fixture(scope="module")
def seed_text(seed_path: Path) -> str:
    # with a disable comment, so that silenced findings are dropped in the child too
    text = seed_path.read_text(encoding="utf-8")
    return "<!-- reportlint-disable PU102 -->\n" + text * 3


def _forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the forks the engine makes (in this process: the child never returns here)."""
    made: list[int] = []
    real = os.fork

    def fork() -> int:
        made.append(1)
        return real()

    monkeypatch.setattr(forked.os, "fork", fork)
    return made


def _check(engine: Engine, text: str, split: bool) -> Result:
    engine.split = split
    try:
        return engine.check(Document("big.txt", text), DAY)
    finally:
        engine.split = False


def _same(a: Result, b: Result) -> None:
    assert [_key(d) for d in a.diagnostics] == [_key(d) for d in b.diagnostics]
    assert a.problems == b.problems and a.incomplete == b.incomplete


def _key(d: Any) -> tuple[Any, ...]:
    return (
        d.start,
        d.end,
        d.code,
        d.line,
        d.column,
        d.message,
        d.suggestion,
        d.fix,
        d.edit_positions,
    )


def test_a_split_run_finds_what_one_process_finds(
    engine: Engine, seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forked, "MIN_CHARS", 10_000)
    made = _forks(monkeypatch)
    alone = _check(engine, seed_text, split=False)
    assert made == []
    shared = _check(engine, seed_text, split=True)
    assert made == [1]
    assert len(alone.diagnostics) > 1_000
    _same(shared, alone)


@pytest.mark.parametrize("child", [{"contextual"}, {"existence", "substitution"}, set()])
def test_any_split_finds_what_one_process_finds(
    engine: Engine, seed_text: str, monkeypatch: pytest.MonkeyPatch, child: set[str]
) -> None:
    # The parent makes its kinds' diagnostics before it settles line deletions: with existence
    # in the parent, settling widens some of their deletions, and those are made again.
    monkeypatch.setattr(forked, "MIN_CHARS", 10_000)
    monkeypatch.setattr(forked, "CHILD_KINDS", frozenset(child))
    made = _forks(monkeypatch)
    alone = _check(engine, seed_text, split=False)
    _same(_check(engine, seed_text, split=True), alone)
    assert made == ([1] if child else [])


def test_small_files_and_unsplit_engines_never_fork(
    engine: Engine, seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _forks(monkeypatch)
    _check(engine, seed_text[: forked.MIN_CHARS - 1], split=True)
    monkeypatch.setattr(forked, "MIN_CHARS", 10)
    _check(engine, seed_text, split=False)
    assert made == []


def test_a_failing_child_costs_only_time(
    engine: Engine, seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forked, "MIN_CHARS", 10_000)
    alone = _check(engine, seed_text, split=False)

    def broken(self: Any, obj: Any) -> None:
        raise RuntimeError("cannot send")

    # The child cannot send what it found: its kinds run again in the parent.
    monkeypatch.setattr(forked.RulePickler, "dump", broken)
    _same(_check(engine, seed_text, split=True), alone)
    monkeypatch.undo()

    # The child cannot even start.
    def no_fork() -> int:
        raise OSError("no more processes")

    monkeypatch.setattr(forked, "MIN_CHARS", 10_000)
    monkeypatch.setattr(forked.os, "fork", no_fork)
    _same(_check(engine, seed_text, split=True), alone)


class _Broken(Check):
    """A kind that fails on every document (its kind is "", sent to the child in the test)."""

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Finding]:
        yield Finding(self.rules[0], 0, 1)
        raise ValueError(self.rules[0].code)


def test_problems_of_the_childs_kinds_come_back_in_order(
    engine: Engine, seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forked, "MIN_CHARS", 10_000)
    monkeypatch.setattr(forked, "CHILD_KINDS", forked.CHILD_KINDS | {""})
    rules = engine.rules
    broken = [_Broken([r]) for r in (rules[0], rules[-1])]
    checks = engine.checks
    monkeypatch.setattr(engine, "checks", [broken[0], *checks, broken[1]])
    alone = _check(engine, seed_text, split=False)
    assert [p[1][:4] for p in alone.problems] == ["内部错误", "内部错误"]
    _same(_check(engine, seed_text, split=True), alone)


def _cli_forks(tmp_path: Path, seed_text: str, *args: str) -> tuple[int, str]:
    path = tmp_path / "big.txt"
    path.write_text(seed_text * 8, encoding="utf-8")
    code, out, err = run_cli("--as-of", "2026-11-26", *args, str(path))
    assert "Traceback" not in err
    return code, out


def test_the_command_line_prints_the_same_with_one_or_two_cores(
    tmp_path: Path, seed_text: str
) -> None:
    one = _cli_forks(tmp_path, seed_text, "--jobs", "1")
    two = _cli_forks(tmp_path, seed_text, "--jobs", "2")
    assert one == two and one[0] == 1


def test_split_is_only_for_files_linted_in_the_main_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from lint import pipeline

    seen: list[bool] = []

    def lint_file(path: str, engine: Engine, profile: Any, today: dt.date) -> Any:
        seen.append(engine.split)
        return None

    class Item:
        def __init__(self, path: str) -> None:
            self.path = path
            self.profile = None

    fake = Engine([])
    monkeypatch.setattr(pipeline, "lint_file", lint_file)
    monkeypatch.setattr(pipeline, "engine_for", lambda profile: fake)
    list(pipeline.run([Item("a")], 1, DAY, split=True))  # type: ignore[list-item]
    list(pipeline.run([Item("a")], 1, DAY, split=False))  # type: ignore[list-item]
    assert seen == [True, False]


def _payload(engine: Engine, text: str) -> forked.Payload:
    """What a child running every kind would send for `text`."""
    doc = Document("big.txt", text)
    ctx = RunContext(DAY, engine.active_codes(DAY), engine.segmenter)
    outcomes = [(list(chk.run(doc, ctx)), [("XX101", "a problem")]) for chk in engine.checks]
    return outcomes, {"XX102"}, "jieba problem", {"check.existence": (0.25, 1)}


def _rows(payload: forked.Payload) -> list[Any]:
    outcomes, *rest = payload
    return [
        [(f.rule.code, *list(dataclasses.astuple(f))[1:]) for f in found] for found, _ in outcomes
    ] + [
        [problems for _, problems in outcomes],
        rest,
    ]


def test_findings_cross_the_pipe_as_plain_tuples_and_come_back_whole(
    engine: Engine, seed_text: str
) -> None:
    payload = _payload(engine, seed_text)
    assert sum(len(found) for found, _ in payload[0]) > 1_000
    data = forked.encode(payload, engine.rules)
    assert data[:1] == b"M"  # marshal, not pickle: every built-in kind's values are plain
    back = forked.decode(data, engine.rules)
    assert _rows(back) == _rows(payload)
    fixes = [f.fix for found, _ in back[0] for f in found if f.fix is not None]
    assert fixes and all(isinstance(f, Fix) and isinstance(f.edits[0], Edit) for f in fixes)
    assert all(f.rule in engine.rules for found, _ in back[0] for f in found)


def test_a_value_marshal_cannot_write_goes_by_pickle(engine: Engine) -> None:
    odd = Finding(engine.rules[0], 1, 2, values={"when": DAY})  # type: ignore[dict-item]
    payload: forked.Payload = ([([odd], [])], set(), None, {})
    data = forked.encode(payload, engine.rules)
    assert data[:1] == b"P"
    back = forked.decode(data, engine.rules)
    assert back[0][0][0][0].values == {"when": DAY}
    assert back[0][0][0][0].rule is engine.rules[0]


def test_a_payload_it_did_not_write_is_refused(engine: Engine) -> None:
    data = forked.encode(([([], [])], set(), None, {}), engine.rules)
    for bad in (b"", b"X" + data[1:], data[:-3]):
        with pytest.raises((ValueError, EOFError, pickle.UnpicklingError)):
            forked.decode(bad, engine.rules)
