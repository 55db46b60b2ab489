"""Golden outputs: the command's output for a fixed set of inputs stays byte for byte the same.

The inputs are the seed page (JSON, SARIF, HTML, `--fix --diff`, `--fix`), every official
text at its own date, the example drafts and fixtures, and the Chinese strings of the tests
and the rules' examples (frozen in tests/golden/drafts.json). A restructuring must leave all
of them unchanged.

A change that alters findings on purpose (a new rule, a corrected message) regenerates them
with one command and commits the reviewed diff together with the change:

    python tests/golden/produce.py --update
"""

from __future__ import annotations

import difflib

import pytest

from tests.golden.produce import EXPECTED, SEED, produce

REGENERATE = "python tests/golden/produce.py --update"


def _first_difference(name: str, expected: str, actual: str) -> str:
    diff = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=f"expected/{name}",
        tofile="actual",
        n=2,
    )
    return "".join(list(diff)[:40])


def test_outputs_match_the_golden_files() -> None:
    if not SEED.exists():
        pytest.skip("shared corpus not available")
    actual = produce()
    expected = {
        str(p.relative_to(EXPECTED)): p.read_bytes().decode("utf-8")
        for p in sorted(EXPECTED.rglob("*"))
        if p.is_file()
    }
    assert sorted(actual) == sorted(expected), f"golden file set changed; run {REGENERATE}"
    changed = [name for name in sorted(actual) if actual[name] != expected[name]]
    if changed:
        shown = _first_difference(changed[0], expected[changed[0]], actual[changed[0]])
        pytest.fail(
            f"{len(changed)} golden outputs differ ({', '.join(changed[:5])}). If the change is "
            f"intended, run `{REGENERATE}` and commit the reviewed diff.\n{shown}"
        )
