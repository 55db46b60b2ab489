"""json-lines: the objects of --format json, one per line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.report._seed import seed_in


def test_seed_one_object_per_line_same_as_json(seed_path: Path) -> None:
    _, out, ref = seed_in("json-lines", seed_path)
    lines = out.splitlines()
    assert len(lines) == len(ref)
    assert [json.loads(line) for line in lines] == ref
