"""Hostile input through the installed console script: one line naming the file, exit 2, no
traceback, the other files still linted; nothing written that should not be."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
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
    proc = reportlint("--isolated", "--quiet", "--baseline", str(base), str(folder))
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


# --- 9, 10. .docx packages: bounded inflation, DOCTYPE kept -------------------------------


def _docx(tmp_path: Path, name: str, body_padding: int = 0, doctype: bool = False) -> Path:
    docx = pytest.importorskip("docx")
    import zipfile

    plain = tmp_path / "plain-source.docx"
    d = docx.Document()
    d.add_paragraph("正文,内容。")
    d.save(str(plain))
    out = tmp_path / name
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                k = data.index(b"<w:body>") + len(b"<w:body>")
                data = data[:k] + b" " * body_padding + data[k:]
                if doctype:
                    decl = data.index(b"?>") + 2
                    entity = '<!DOCTYPE w:document [<!ENTITY org "某局">]>'.encode()
                    data = data[:decl] + b"\n" + entity + data[decl:]
                    data = data.replace("内容。".encode(), "内容&org;。".encode())
            dst.writestr(info.filename, data)
    return out


def _set_sizes(path: Path, part: bytes, size: int) -> None:
    """Rewrite the uncompressed size the zip records for `part` (local and central headers)."""
    data = bytearray(path.read_bytes())
    for sig, field in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(sig)
        while at != -1:
            name_at = at + (30 if sig == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(part)] == part:
                data[at + field : at + field + 4] = size.to_bytes(4, "little")
            at = data.find(sig, at + 4)
    path.write_bytes(bytes(data))


def test_a_docx_part_claiming_gigabytes_is_refused_with_the_limit(tmp_path: Path) -> None:
    bomb = _docx(tmp_path, "bomb.docx")
    _set_sizes(bomb, b"word/document.xml", 2**31)
    ok = _docx(tmp_path, "ok.docx")
    proc = reportlint("--isolated", str(bomb), str(ok))
    assert proc.returncode == 2
    (line,) = err_lines(proc.stderr)
    assert "bomb.docx" in line and "word/document.xml" in line
    assert "2048 MiB" in line and "64 MiB" in line
    assert proc.stdout.decode().startswith(f"{ok}:1:3: PU102")


def test_a_docx_part_holding_more_than_it_claims_stops_at_the_claim(tmp_path: Path) -> None:
    # 32 MiB of XML declared as 4 KiB: inflation stops at 4 KiB and the CRC check fails
    bomb = _docx(tmp_path, "liar.docx", body_padding=32 * 1024 * 1024)
    _set_sizes(bomb, b"word/document.xml", 4096)
    proc = reportlint("--isolated", str(bomb))
    assert proc.returncode == 2
    (line,) = err_lines(proc.stderr)
    assert "liar.docx" in line


def test_a_docx_doctype_survives_the_reviewed_copy(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    src = _docx(tmp_path, "dt.docx", doctype=True)
    before = src.read_bytes()
    out = tmp_path / "reviewed.docx"
    proc = reportlint("--isolated", "--format", "docx", "-o", str(out), str(src))
    assert proc.returncode == 1, proc.stderr
    assert src.read_bytes() == before
    import zipfile

    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml")
    assert '<!DOCTYPE w:document [<!ENTITY org "某局">]>'.encode() in xml
    reopened = docx.Document(str(out))  # raised "Entity 'org' not defined" before
    assert reopened.paragraphs[0].text.startswith("正文")
    assert len(reopened.part.package.parts) > 1


# --- 12. CR-only line ends lint like LF, and --diff applies with patch -----------------------


def test_cr_only_files_give_the_same_findings_as_lf(tmp_path: Path, seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8").replace("\r\n", "\n")
    (tmp_path / "lf.txt").write_text(text, encoding="utf-8", newline="")
    (tmp_path / "cr.txt").write_text(text.replace("\n", "\r"), encoding="utf-8", newline="")
    found = {}
    for name in ("lf.txt", "cr.txt"):
        proc = reportlint("--isolated", "--quiet", "--as-of", "2026-11-26", name, cwd=str(tmp_path))
        assert proc.returncode == 1
        found[name] = [ln.split(":", 1)[1] for ln in lines_of(proc.stdout)]
    assert found["cr.txt"] == found["lf.txt"]
    assert any(" RS107 " in ln for ln in found["cr.txt"])
    assert any(" RS106 " in ln for ln in found["cr.txt"])


def lines_of(data: bytes) -> list[str]:
    return data.decode("utf-8").splitlines()


@pytest.mark.skipif(shutil.which("patch") is None, reason="patch is not installed")
@pytest.mark.parametrize("newline", ["\r", "\n", "\r\n"])
def test_diff_of_a_cr_file_applies_with_patch(tmp_path: Path, newline: str) -> None:
    text = "标题\n正文,内容。\n【广告】x\n结尾。\n推荐阅读\n某某总结\n".replace("\n", newline)
    draft = tmp_path / "d.txt"
    draft.write_bytes(text.encode("utf-8"))
    diff = reportlint("--isolated", "--diff", "d.txt", cwd=str(tmp_path))
    assert diff.returncode == 1 and diff.stdout
    fixed = tmp_path / "fixed.txt"
    fixed.write_bytes(text.encode("utf-8"))
    reportlint("--isolated", "--fix", "fixed.txt", cwd=str(tmp_path))
    assert fixed.read_bytes() != text.encode("utf-8")
    applied = subprocess.run(
        ["patch", "-s", "d.txt"], input=diff.stdout, cwd=tmp_path, capture_output=True
    )
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert draft.read_bytes() == fixed.read_bytes()


# --- 13. configuration planted by another user ---------------------------------------------

EVIL_RULES = """\
category: typo
rules:
  - code: XE901
    name: fixture-planted
    kind: substitution
    severity: warning
    message: "测试：“{match}”应为“{replacement}”"
    swap: {"正文": "坏文"}
    fix: safe
    examples:
      bad: ["正文"]
      good: ["坏文"]
"""


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give files away"
)
@pytest.mark.parametrize("planted", ["config", "rules"])
def test_config_from_another_user_in_a_shared_folder_is_ignored(
    tmp_path: Path, planted: str
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp
    (shared / "evil.yaml").write_text(EVIL_RULES, encoding="utf-8")
    (shared / ".reportlint.yaml").write_text("rules: [evil.yaml]\n", encoding="utf-8")
    other_user = 65534  # nobody
    os.chown(shared / "evil.yaml", other_user, other_user)
    if planted == "config":
        os.chown(shared / ".reportlint.yaml", other_user, other_user)
    mine = shared / "mine"
    mine.mkdir()
    clean = "正文内容。\n"
    draft, other = mine / "d.txt", mine / "e.txt"
    draft.write_text(clean, encoding="utf-8")
    other.write_text(DRAFT, encoding="utf-8")
    proc = reportlint("--fix", str(draft), str(other))
    assert proc.returncode == 0, proc.stderr
    assert draft.read_text(encoding="utf-8") == clean
    # the other draft is still linted and fixed by the built-in rules
    assert other.read_text(encoding="utf-8") == "正文，内容。\n"
    warnings = [ln for ln in err_lines(proc.stderr) if "警告" in ln]
    name = ".reportlint.yaml" if planted == "config" else "evil.yaml"
    assert len(warnings) == 1 and name in warnings[0] and "其他用户" in warnings[0]
    # the same files owned by the user apply
    os.chown(shared / "evil.yaml", os.getuid(), os.getgid())
    os.chown(shared / ".reportlint.yaml", os.getuid(), os.getgid())
    proc = reportlint("--fix", str(draft))
    assert proc.returncode == 0, proc.stderr
    assert draft.read_text(encoding="utf-8") == "坏文内容。\n"
