"""Precision and recall of the time-reasoning rules on probe sentences in new wordings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from lint.document import Document
from lint.engine import Engine
from lint.ruleset import load_ruleset

PROBES = Path(__file__).parent / "fixtures" / "time-probes.yaml"
CODES = {"FM903", "FM904", "FM412", "FM414", "FM905", "FM311"}


def _results() -> list[tuple[str, set[str], set[str]]]:
    engine = Engine([r for r in load_ruleset() if r.code in CODES])
    out = []
    for probe in yaml.safe_load(PROBES.read_text(encoding="utf-8"))["probes"]:
        day = probe["as-of"]
        day = day if isinstance(day, dt.date) else dt.date.fromisoformat(day)
        found = {
            d.code for d in engine.check(Document("probe.txt", probe["text"]), day).diagnostics
        }
        out.append((probe["text"], set(probe["codes"]), found))
    return out


def test_precision_is_total_and_recall_high() -> None:
    results = _results()
    false_alarms = [(t, f) for t, want, f in results if f - want]
    expected = sum(len(want) for _, want, _ in results)
    caught = sum(len(want & found) for _, want, found in results)
    assert len(results) >= 60
    # precision first: no probe is reported with a code it should not have
    assert false_alarms == []
    # recall: what the rules catch of what a reviewer expects (measured: see the report)
    assert caught / expected >= 0.9, [(t, w) for t, w, f in results if w - f]
