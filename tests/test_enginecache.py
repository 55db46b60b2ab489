"""lint.enginecache: a cached engine finds what a built one finds; anything odd is a miss."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lint import enginecache
from lint.document import Document
from lint.engine import Engine, select_rules
from lint.ruleset import load_ruleset
from tests.helpers import CACHE_DAMAGES

DAY = dt.date(2026, 11, 26)

RULE = """\
category: residue
rules:
  - code: ZZ901
    name: probe-rule
    kind: existence
    severity: warning
    message: "“{match}”"
    patterns: ["召[开集]"]
    unless: ["不召开"]
    examples: {bad: ["会议召开"], good: ["会议"]}
"""


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("engine-*.pickle"))


def _engine(extra: list[Path] | None = None, select: list[str] | None = None) -> Engine:
    ruleset = load_ruleset(extra)
    rules = select_rules(ruleset, select)
    return Engine(rules, cache_key=enginecache.engine_key(ruleset.key, rules))


def _findings(engine: Engine, text: str) -> list[tuple[object, ...]]:
    doc = Document(path="t.txt", text=text)
    result = engine.check(doc, DAY)
    return [(d.code, d.start, d.end, d.message, d.fix) for d in result.diagnostics]


def _texts(seed: Path) -> list[str]:
    rules = load_ruleset()
    examples = [e.text for r in rules for e in (*r.bad, *r.good)]
    return [seed.read_text(encoding="utf-8"), *examples[:300]]


def test_a_cached_engine_finds_what_a_built_one_finds(cache_dir: Path, seed_path: Path) -> None:
    built = _engine()
    assert len(_entries(cache_dir)) == 1
    cached = _engine()
    assert len(_entries(cache_dir)) == 1
    fresh = Engine(list(load_ruleset()))  # no key: built, never cached
    for text in _texts(seed_path):
        assert _findings(cached, text) == _findings(fresh, text) == _findings(built, text)


def test_a_cached_engine_shares_the_rule_sets_rules_and_their_compiled_options(
    cache_dir: Path,
) -> None:
    built = _engine()
    options = {r.code: sorted(map(repr, r._options)) for r in built.rules}
    # A new process: a rule set from its own cache entry, whose rules hold no options yet.
    ruleset = load_ruleset()
    assert ruleset.rules[0] is not built.rules[0]
    assert not any(r._options for r in ruleset)
    cached = Engine(list(ruleset), cache_key=enginecache.engine_key(ruleset.key, list(ruleset)))
    assert {r.code: sorted(map(repr, r._options)) for r in ruleset} == options
    ids = {id(r) for r in ruleset}
    assert all(id(r) in ids for check in cached.checks for r in check.rules)


def test_selection_and_user_rules_have_their_own_entries(cache_dir: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(RULE, encoding="utf-8")
    _engine()
    _engine(select=["PH"])
    _engine([extra])
    assert len(_entries(cache_dir)) == 3
    assert _findings(_engine([extra]), "定于明日召集，不召开大会。") == []
    assert [f[0] for f in _findings(_engine([extra]), "定于明日召集。")] == ["ZZ901"]
    extra.write_text(RULE.replace("召[开集]", "举行"), encoding="utf-8")
    assert [f[0] for f in _findings(_engine([extra]), "定于明日举行。")] == ["ZZ901"]
    assert len(_entries(cache_dir)) == 4


@CACHE_DAMAGES
def test_a_damaged_entry_is_a_miss_and_is_rewritten(cache_dir: Path, damage) -> None:
    first = _engine(select=["PU"])
    (entry,) = _entries(cache_dir)
    entry.write_bytes(damage(entry.read_bytes()))
    ruleset = load_ruleset()
    rules = select_rules(ruleset, ["PU"])
    key = enginecache.engine_key(ruleset.key, rules)
    assert key is not None
    assert enginecache.load(key, rules) is None
    again = _engine(select=["PU"])
    assert _findings(again, "他说,“好”") == _findings(first, "他说,“好”")
    assert enginecache.load(key, select_rules(load_ruleset(), ["PU"])) is not None


def test_an_entry_for_other_rules_is_a_miss(cache_dir: Path) -> None:
    ruleset = load_ruleset()
    rules = select_rules(ruleset, ["PU"])
    key = enginecache.engine_key(ruleset.key, rules)
    assert key is not None
    Engine(rules, cache_key=key)
    assert enginecache.load(key, rules) is not None
    # The same entry offered rules it was not built from (a code missing): a miss.
    assert enginecache.load(key, rules[1:]) is None


def test_no_key_without_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTLINT_NO_CACHE", "1")
    ruleset = load_ruleset()
    assert enginecache.engine_key(ruleset.key, list(ruleset)) is None
    assert enginecache.engine_key("", list(ruleset)) is None
