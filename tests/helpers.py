"""Shared helpers for driving the real entry point (`lint.cli.main`) in tests."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lint.cli import main
from lint.document import Document
from lint.model import Diagnostic

# A minimal valid team rule file, for tests of rule loading and caching.
PROBE_RULE = """\
category: residue
rules:
  - code: ZZ901
    name: probe-rule
    kind: existence
    severity: warning
    message: "“{match}”"
    tokens: ["召开"]
    examples: {bad: ["会议召开"], good: ["会议"]}
"""

# Ways a cache entry can be damaged on disk; each must read as a miss and be rewritten.
CACHE_DAMAGES = pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b[:-1] + bytes([b[-1] ^ 0xFF]),  # one flipped byte: checksum mismatch
        lambda b: b"",  # empty
        lambda b: b"garbage" * 10,  # not ours
    ],
    ids=["truncated", "flipped-byte", "empty", "foreign"],
)


def run_cli(*args: str, input: bytes | str | None = None) -> tuple[int, str, str]:
    """Run `reportlint ARGS` in-process; returns (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    data = input.encode("utf-8") if isinstance(input, str) else (input or b"")
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    old_stdin = sys.stdin
    sys.stdin = stdin
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        sys.stdin = old_stdin
    return code, out.getvalue(), err.getvalue()


def run_json(*args: str, input: bytes | str | None = None) -> tuple[int, list[dict[str, Any]]]:
    code, out, err = run_cli("--format", "json", *args, input=input)
    assert "Traceback" not in err, err
    return code, json.loads(out)


def lint_dated(tmp_path: Path, text: str, select: str, as_of: str) -> list[dict[str, Any]]:
    """Write `text` to tmp_path/draft.txt and lint it in-process with only the `select`ed
    rules, judged at `as_of` (isolated from any configuration); returns the JSON findings."""
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    rc, diags = run_json("--isolated", "--select", select, "--as-of", as_of, str(draft))
    assert rc in (0, 1)
    return diags


def make_diagnostic(
    doc: Document,
    start: int,
    end: int,
    code: str,
    category: str = "residue",
    severity: str = "warning",
    suggestion: str | None = None,
) -> Diagnostic:
    """A diagnostic over doc.text[start:end] with real positions, for report-writer tests."""
    line, col = doc.position(start)
    end_line, end_col = doc.end_position(start, end)
    return Diagnostic(
        path=doc.path,
        start=start,
        end=end,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        code=code,
        name=code.lower(),
        category=category,
        severity=severity,
        message=f"{code} 的说明",
        suggestion=suggestion,
        text=doc.text[start:end],
    )


def reportlint(
    *args: str,
    input: bytes | None = None,
    cwd: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run the installed `reportlint` console script; asserts it printed no traceback."""
    exe = Path(sys.executable).parent / "reportlint"
    proc = subprocess.run(
        [str(exe), *args],
        input=input if input is not None else b"",
        capture_output=True,
        cwd=cwd,
        env=env,
        check=False,
    )
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    return proc


def lint_draft(
    tmp_path: Path, text: str, name: str = "draft.txt", *args: str
) -> list[dict[str, Any]]:
    """Write `text` to tmp_path/name and lint it with the installed executable as of
    2026-12-04 (isolated from any configuration); returns the JSON findings."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    proc = reportlint("--isolated", "--as-of", "2026-12-04", "--format", "json", *args, str(path))
    assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")
    diags: list[dict[str, Any]] = json.loads(proc.stdout)
    return diags
