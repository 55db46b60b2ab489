"""Linting a buffer in memory (what the language server does) agrees with the command line."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from lint.editor import BufferLinter, fix_all_edits
from lint.fix import apply_edits
from tests.helpers import run_cli

TEXT = "认真学习贯彻党的十九大精神，会议定于*月*日召开,请准时参加。\n发布时间：2026-01-01\n"


def _codes(linter: BufferLinter, path: Path, text: str = TEXT) -> list[str]:
    return [d.code for d in linter.lint(str(path), text).diagnostics]


def test_buffer_gets_the_same_findings_as_the_file(tmp_path: Path) -> None:
    (tmp_path / ".reportlint.yaml").write_text(
        "as-of: 2019-03-05\nignore: [residue]\n", encoding="utf-8"
    )
    draft = tmp_path / "草稿.txt"
    draft.write_text(TEXT, encoding="utf-8")
    _, out, _ = run_cli("--format", "json", str(draft))
    expected = [(d["code"], d["line"], d["column"]) for d in json.loads(out)]
    result = BufferLinter().lint(str(draft), TEXT)
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == expected
    # The configured as-of date: 十九大 was current in 2019, residue is ignored.
    assert result.as_of == dt.date(2019, 3, 5)
    assert "FM103" not in {c for c, _, _ in expected}
    assert not any(c.startswith("RS") for c, _, _ in expected)


def test_a_configuration_edited_while_open_is_read_again(tmp_path: Path) -> None:
    config = tmp_path / ".reportlint.yaml"
    config.write_text("ignore: [residue]\n", encoding="utf-8")
    draft = tmp_path / "a.txt"
    linter = BufferLinter(as_of=dt.date(2026, 11, 26))
    assert not any(c.startswith("RS") for c in _codes(linter, draft))
    config.write_text("ignore: [placeholder]\n", encoding="utf-8")
    os.utime(config, ns=(1, 1))  # a different stamp even within one clock tick
    codes = _codes(linter, draft)
    assert any(c.startswith("RS") for c in codes) and not any(c.startswith("PH") for c in codes)
    config.unlink()
    assert any(c.startswith("PH") for c in _codes(linter, draft))


def test_a_broken_configuration_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / ".reportlint.yaml").write_text("select: [nosuch]\n", encoding="utf-8")
    result = BufferLinter().lint(str(tmp_path / "a.txt"), TEXT)
    assert result.error is not None and "nosuch" in result.error
    assert result.diagnostics == []


def test_markdown_buffers_are_read_as_markdown(tmp_path: Path) -> None:
    text = "正文`*月*日`正文\n\n<!-- reportlint-disable -->\n时间*月*日\n"
    assert _codes(BufferLinter(), tmp_path / "a.md", text) == []
    assert "PH101" in _codes(BufferLinter(), tmp_path / "a.txt", text)


def test_fix_all_edits_are_the_safe_fixes(tmp_path: Path) -> None:
    result = BufferLinter(as_of=dt.date(2026, 11, 26)).lint(str(tmp_path / "a.txt"), TEXT)
    fixed = apply_edits(TEXT, fix_all_edits(result.diagnostics))
    assert "召开，请准时参加" in fixed and "发布时间" not in fixed
    assert "十九大" in fixed  # the outdated wording has no safe fix
