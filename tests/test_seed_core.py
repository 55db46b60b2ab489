"""Issue-2 acceptance on the seed page: placeholders and web residue, exactly where they are."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_json


def _covered(diags: list[dict], lines: list[str]) -> set[tuple[int, int]]:
    """(line, column) of every character inside some diagnostic (multi-line spans included)."""
    out: set[tuple[int, int]] = set()
    for d in diags:
        for ln in range(d["line"], d["end_line"] + 1):
            first = d["column"] if ln == d["line"] else 1
            last = d["end_column"] if ln == d["end_line"] else len(lines[ln - 1]) + 1
            out.update((ln, c) for c in range(first, last))
    return out


def test_every_asterisk_is_in_a_placeholder_and_nothing_else_is(seed_path: Path) -> None:
    lines = seed_path.read_text(encoding="utf-8").split("\n")
    _, diags = run_json("--select", "placeholder", "--as-of", "2026-11-26", str(seed_path))
    stars = {
        (i + 1, j + 1) for i, line in enumerate(lines) for j, ch in enumerate(line) if ch == "*"
    }
    assert len(stars) == 57
    covered = _covered(diags, lines)
    assert stars <= covered
    # No placeholder diagnostic lands anywhere but on asterisks.
    assert covered == stars


def test_residue_lines(seed_path: Path) -> None:
    lines = seed_path.read_text(encoding="utf-8").split("\n")
    _, diags = run_json("--select", "residue", "--as-of", "2026-11-26", str(seed_path))
    covered = _covered(diags, lines)
    covered_lines = {ln for ln, _ in covered}
    for ln in (3, 4, 6):
        assert ln in covered_lines
    # Line 8: the site's blurb sentence, not the definition sentence before it.
    blurb = lines[7].index("第一文档网") + 1
    assert (8, blurb) in covered
    assert (8, blurb - 2) not in covered
    # Every non-empty line from 126 to the end is covered from its first visible character.
    for ln in range(126, len(lines) + 1):
        text = lines[ln - 1]
        if text.strip():
            first = len(text) - len(text.lstrip()) + 1
            assert (ln, first) in covered, (ln, text)
    # Inside the report bodies only NBSPs are residue.
    for d in diags:
        if 12 <= d["line"] <= 124:
            assert d["code"] == "RS114", d
            assert lines[d["line"] - 1][d["column"] - 1] == "\u00a0"


def test_residue_block_is_one_diagnostic_to_the_end(seed_path: Path) -> None:
    lines = seed_path.read_text(encoding="utf-8").split("\n")
    _, diags = run_json("--select", "RS107", str(seed_path))
    assert len(diags) == 1
    d = diags[0]
    assert lines[d["line"] - 1].strip() == "推荐阅读"
    assert d["end_line"] == len(lines)
