"""Hostile input through the installed console script: one line naming the file, exit 2, no
traceback, the other files still linted; nothing written that should not be."""

from __future__ import annotations

import re
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


# --- 7. file names that are not UTF-8 -------------------------------------------------------

FORMATS = ["concise", "full", "json", "json-lines", "github", "sarif", "junit", "gitlab", "html"]


def _bad_name_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "ok.txt").write_text(DRAFT, encoding="utf-8")
    with open(bytes(folder) + b"/bad\xff\xfe.txt", "wb") as fh:
        fh.write(DRAFT.encode("utf-8"))
    return folder


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("to_file", [False, True])
def test_non_utf8_file_names_are_escaped_in_every_format(
    tmp_path: Path, fmt: str, to_file: bool
) -> None:
    folder = _bad_name_folder(tmp_path)
    out = tmp_path / f"report.{fmt}"
    args = ["--isolated", "--exit-zero", "--format", fmt, str(folder)]
    proc = reportlint(*args, *(["-o", str(out)] if to_file else []))
    assert proc.returncode == 0, proc.stderr
    report = out.read_bytes() if to_file else proc.stdout
    text = report.decode("utf-8")  # valid UTF-8 whatever the file names
    # escaped as \xff (JSON doubles the backslash, SARIF's URIs percent-encode it)
    assert re.search(r"bad(?:\\|\\\\|%5C)xff(?:\\|\\\\|%5C)xfe\.txt", text), text
    assert "ok.txt" in text


def test_non_utf8_file_names_in_a_baseline(tmp_path: Path) -> None:
    folder = _bad_name_folder(tmp_path)
    base = tmp_path / "base.json"
    proc = reportlint("--isolated", "--write-baseline", str(base), str(folder))
    assert proc.returncode == 0, proc.stderr
    assert "bad\\\\xff\\\\xfe.txt" in base.read_text(encoding="utf-8")
    proc = reportlint("--isolated", "--baseline", str(base), str(folder))
    assert proc.returncode == 0 and proc.stdout == b""


# --- 11. controls and bidi overrides never reach the screen raw -----------------------------

HOSTILE = '正文,内容。<span title="\x1b[2J\x1b]0;pwn\x07\u202eabc\x9b">\n'
FORGED = "x\nok.txt:1:1: RS999 forged.txt"


@pytest.mark.parametrize("fmt", ["concise", "full", "github", "html"])
def test_controls_from_drafts_and_names_are_escaped(tmp_path: Path, fmt: str) -> None:
    (tmp_path / FORGED).write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(DRAFT, encoding="utf-8")
    proc = reportlint("--isolated", "--format", fmt, ".", cwd=str(tmp_path))
    assert proc.returncode == 1
    text = proc.stdout.decode("utf-8")
    for bad in ("\x1b", "\x07", "\x9b", "\u202e", "\r"):
        assert bad not in text, (fmt, bad)
    assert "\\x1b[2J" in text and "\\u202e" in text
    if fmt in ("concise", "full"):
        # the newline in the name cannot start a forged line
        assert not any(ln.startswith("ok.txt:1:1: RS999") for ln in text.splitlines())
        assert "./x\\x0aok.txt:1:1: RS999 forged.txt:1:" in text
        assert "./ok.txt:1:3: PU102" in text


def test_controls_in_error_lines_are_escaped(tmp_path: Path) -> None:
    name = "bin\x1b[2J.txt"
    (tmp_path / name).write_bytes(b"\x00\x01binary")
    (tmp_path / "ok.txt").write_text(DRAFT, encoding="utf-8")
    proc = reportlint("--isolated", name, "ok.txt", cwd=str(tmp_path))
    assert proc.returncode == 2
    (line,) = err_lines(proc.stderr)
    assert "bin\\x1b[2J.txt" in line and "\x1b" not in line
    assert proc.stdout.decode().startswith("ok.txt:1:3: PU102")
