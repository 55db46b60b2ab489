"""Unseen drafts of December 2026, linted through the installed `reportlint` executable.

`tests/fixtures/drafts2026/expected.yaml` lists, per draft and line, the codes a drafter should
see (punctuation left out); every other line must stay silent. The drafts adapt sentences of
the 2021–2025 official texts the way a drafter reuses them: stale year labels, anniversaries,
plan periods, past deadlines, ended campaigns, meetings called just held, placeholders in
varied forms and web-page residue, beside sentences that are still true in 2026.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from tests.helpers import reportlint

DRAFTS = Path(__file__).parent / "fixtures" / "drafts2026"
EXPECTED: dict[str, dict[int, list[str]]] = yaml.safe_load(
    (DRAFTS / "expected.yaml").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def found() -> dict[str, dict[int, list[str]]]:
    args = ("--isolated", "--format", "json", "--as-of", "2026-12-04", *sorted(EXPECTED))
    proc = reportlint(*args, cwd=str(DRAFTS))
    assert proc.returncode == 1, proc.stderr
    by_line: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for d in json.loads(proc.stdout):
        if d["category"] != "punctuation":
            by_line[d["path"]][d["line"]].append(d["code"])
    return by_line


def test_every_draft_is_listed() -> None:
    on_disk = {p.name for p in DRAFTS.iterdir() if p.suffix in (".txt", ".md")}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_expected_codes_per_line(found: dict[str, dict[int, list[str]]], name: str) -> None:
    got = {line: sorted(codes) for line, codes in found[name].items()}
    assert got == {line: sorted(codes) for line, codes in (EXPECTED[name] or {}).items()}
