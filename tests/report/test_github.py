"""GitHub workflow commands: one per diagnostic, escaped properties and message."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.report.github import escape_data, escape_property
from tests.helpers import run_cli
from tests.report._seed import seed_in


def test_seed_one_command_per_diagnostic(seed_path: Path) -> None:
    _, out, ref = seed_in("github", seed_path)
    lines = out.splitlines()
    assert len(lines) == len(ref)
    for line, d in zip(lines, ref, strict=True):
        kind = {"error": "error", "warning": "warning", "info": "notice"}[d["severity"]]
        assert line.startswith(f"::{kind} file=")
        assert f",line={d['line']},col={d['column']},endLine={d['end_line']}," in line
        assert f",endColumn={d['end_column']},title={d['code']}::" in line


def test_exact_line_with_escaped_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a,b:c%.txt").write_text("会议定于*月*日召开。\n", encoding="utf-8")
    code, out, _ = run_cli("--format", "github", "--select", "PH101", "a,b:c%.txt")
    assert code == 1
    assert out.splitlines()[0] == (
        "::error file=a%2Cb%3Ac%25.txt,line=1,col=5,endLine=1,endColumn=6,title=PH101::"
        "PH101 占位符“*”未填写：此处应填入具体的名称、数字或日期"
    )


def test_escaping() -> None:
    assert escape_data("50%\r\nnext::x") == "50%25%0D%0Anext::x"
    assert escape_property("a,b:c\n") == "a%2Cb%3Ac%0A"
