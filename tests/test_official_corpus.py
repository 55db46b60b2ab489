"""The official texts, each linted at its own date: the false-positive benchmark."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from lint.engine import Engine
from lint.ruleset import load_ruleset
from lint.sources import read_document


def _lint_corpus(official_dir: Path, select: set[str]) -> list:
    rules = [r for r in load_ruleset() if r.category in select]
    engine = Engine(rules)
    found = []
    for row in (official_dir / "index.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        name, date = row.split("\t")
        doc, _ = read_document(str(official_dir / name))
        found.extend(engine.check(doc, dt.date.fromisoformat(date)).diagnostics)
    return found


def test_no_placeholder_errors_or_warnings(official_dir: Path) -> None:
    found = [d for d in _lint_corpus(official_dir, {"placeholder"}) if d.severity != "info"]
    assert found == []


def test_residue_only_on_real_web_copy_artifacts(official_dir: Path) -> None:
    # The official files were copied from web pages and keep a `来源:` line, NBSPs and
    # zero-width spaces; those are real residue. Nothing else may fire.
    found = _lint_corpus(official_dir, {"residue"})
    assert Counter(d.code for d in found).keys() <= {"RS102", "RS114", "RS115"}
    for d in found:
        if d.code == "RS102":
            assert d.line <= 3 and d.text.lstrip().startswith("来源")
