"""Hostile input through the installed console script: one line naming the file, exit 2, no
traceback, the other files still linted; nothing written that should not be."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import reportlint

DRAFT = "正文,内容。\n"  # one half-width comma: a finding in every draft


def err_lines(stderr: bytes) -> list[str]:
    return stderr.decode("utf-8", "replace").splitlines()


# --- 8. deep nesting in configuration and baselines -----------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".reportlint.yaml", "allow: " + "[" * 5000 + "]" * 5000 + "\n"),
        ("pyproject.toml", "[tool.reportlint]\nallow = " + "[" * 5000 + "]" * 5000 + "\n"),
    ],
)
def test_deeply_nested_config_is_one_line(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    proc = reportlint("d.txt", cwd=str(tmp_path))
    assert proc.returncode == 2
    (line,) = err_lines(proc.stderr)
    assert name in line and "嵌套层级过深" in line


def test_deeply_nested_baseline_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "base.json").write_text("[" * 100_000, encoding="utf-8")
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    proc = reportlint("--isolated", "--baseline", "base.json", "d.txt", cwd=str(tmp_path))
    assert proc.returncode == 2
    (line,) = err_lines(proc.stderr)
    assert "base.json" in line and "嵌套层级过深" in line
