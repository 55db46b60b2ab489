"""--fix, --diff and --unsafe-fixes end to end, on temporary copies, through lint.cli.main."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import stat
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from lint.cli import main
from lint.ruleset import load_ruleset

FIXTURES = Path(__file__).parent / "fixtures" / "fix"
RULES = str(FIXTURES / "rules.yaml")
CYCLE = str(FIXTURES / "cycle.yaml")
DAY = "2026-11-26"
TITLE = "关于文明单位创建工作情况的汇报"


def run(*args: str, stdin: bytes = b"") -> tuple[int, bytes, str]:
    """`reportlint ARGS` in-process; stdout as bytes (the fixed text of '-' is bytes)."""
    out_bytes = io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
    err = io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        sys.stdin = old_stdin
    out.flush()
    assert "Traceback" not in err.getvalue(), err.getvalue()
    return code, out_bytes.getvalue(), err.getvalue()


def fx(*args: str, stdin: bytes = b"") -> tuple[int, bytes, str]:
    """Only the fixture rules (XF…), at a fixed date."""
    return run("--as-of", DAY, "--rules", RULES, "--select", "XF", *args, stdin=stdin)


def write(tmp_path: Path, text: str, name: str = "draft.txt", **kw: str) -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(kw.get("encoding", "utf-8")))
    return p


# --- deletions: whole lines, blank-line gaps, line ends ------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # runs of residue separated by blank lines leave one separation behind
        (
            "标题\n\n【广告】一\n\n【广告】二\n\n正文。\n\n推荐阅读\n列表一\n\n列表二\n",
            "标题\n\n正文。\n",
        ),
        # residue glued to the paragraph above keeps the blank line below
        ("正文一。\n【广告】x\n\n正文二。\n", "正文一。\n\n正文二。\n"),
        # residue glued to the paragraph below keeps the blank line above
        ("正文一。\n\n【广告】x\n正文二。\n", "正文一。\n\n正文二。\n"),
        # residue at the start: no leading blank line is left
        ("【广告】x\n\n正文。\n", "正文。\n"),
        # a file without a final line break still has none
        ("正文。\n\n【广告】x", "正文。"),
        ("正文。\n\n推荐阅读\n列表\n", "正文。\n"),
        # a banner alone on its (indented) line takes the line; inside text only itself
        ("正文。\n\n  【横幅】\n\n正文二。\n", "正文。\n\n正文二。\n"),
        ("正文【横幅】继续。\n", "正文继续。\n"),
        # two banners that together fill their line take it too
        ("正文。\n\n【横幅】 【横幅】\n\n正文二。\n", "正文。\n\n正文二。\n"),
        ("【广告】\n【横幅】【横幅】\n", ""),
        # nothing but residue
        ("\n【广告】x\n\n", ""),
    ],
)
def test_fix_deletes_residue_and_the_gaps_it_leaves(
    tmp_path: Path, before: str, after: str
) -> None:
    p = write(tmp_path, before)
    code, out, err = fx("--fix", str(p))
    assert p.read_text(encoding="utf-8") == after
    assert code == 0, (out, err)
    # the same holds with Windows and classic Mac line ends
    for nl in ("\r\n", "\r"):
        q = write(tmp_path, before.replace("\n", nl), name=f"nl{len(nl)}.txt")
        fx("--fix", str(q))
        assert q.read_bytes() == after.replace("\n", nl).encode("utf-8")


def test_mixed_line_ends_keep_each_line_its_own(tmp_path: Path) -> None:
    p = tmp_path / "mixed.txt"
    p.write_bytes("甲\r\n\r\n【广告】x\n\n乙\r\n丙\n".encode())
    fx("--fix", str(p))
    assert p.read_bytes() == "甲\r\n\r\n乙\r\n丙\n".encode()


def test_report_after_fix_lists_what_remains_at_new_positions(tmp_path: Path) -> None:
    p = write(tmp_path, "【广告】x\n\n贯彻旧提法。\n")
    code, out, err = fx("--fix", str(p))
    assert code == 1
    assert out.decode().splitlines() == [
        f"{p}:1:3: XF108 测试:“旧提法”已过时,应为“新提法”",
        "共 1 个问题（警告 1），另有 1 个可用 --fix --unsafe-fixes 修复（改后请核对）；"
        "检查了 1 个文件",
    ]
    assert err.endswith("已修复 1 处，涉及 1 个文件\n")


# --- choosing edits -------------------------------------------------------------------------


def test_overlapping_edits_apply_leftmost_then_relint(tmp_path: Path) -> None:
    # 甲乙 → 丙 and 乙丁 → 戊 overlap on 乙: the one starting first wins, the other no longer
    # matches after the re-lint.
    p = write(tmp_path, "甲乙丁\n")
    code, _, _ = fx("--fix", str(p))
    assert p.read_text(encoding="utf-8") == "丙丁\n"
    assert code == 0


def test_identical_edits_from_two_rules_count_once(tmp_path: Path) -> None:
    p = write(tmp_path, "甲\u00a0乙\n")
    code, _, err = fx("--fix", str(p))
    assert p.read_text(encoding="utf-8") == "甲 乙\n"
    assert "已修复 1 处" in err
    assert code == 0


def test_fixes_that_undo_each_other_stop_and_write_nothing(tmp_path: Path) -> None:
    p = write(tmp_path, "左右\n")
    code, _out, err = run("--rules", CYCLE, "--select", "XF2", "--fix", str(p))
    assert p.read_text(encoding="utf-8") == "左右\n"
    assert "XF201、XF202" in err and "未能稳定" in err
    assert code == 2


# --- safety ---------------------------------------------------------------------------------


def test_unsafe_fixes_only_with_the_flag(tmp_path: Path) -> None:
    p = write(tmp_path, "贯彻旧提法。\n")
    code, _, _ = fx("--fix", str(p))
    assert code == 1
    assert p.read_text(encoding="utf-8") == "贯彻旧提法。\n"
    code, _, _ = fx("--fix", "--unsafe-fixes", str(p))
    assert code == 0
    assert p.read_text(encoding="utf-8") == "贯彻新提法。\n"


def test_unsafe_fixes_alone_is_a_usage_error(tmp_path: Path) -> None:
    p = write(tmp_path, "贯彻旧提法。\n")
    code, _, err = fx("--unsafe-fixes", str(p))
    assert code == 2
    assert "--unsafe-fixes 需要与 --fix 或 --diff 一起使用" in err
    assert p.read_text(encoding="utf-8") == "贯彻旧提法。\n"


def test_placeholders_are_never_fixed(tmp_path: Path) -> None:
    text = "会议定于*月*日召开,由XX区负责。\n"
    p = write(tmp_path, text)
    code, out, _ = run("--as-of", DAY, "--select", "placeholder", "--fix", "--unsafe-fixes", str(p))
    assert code == 1
    assert p.read_text(encoding="utf-8") == text
    assert len(out.decode().splitlines()) == 3 + 1  # and the summary line


# --- --diff -----------------------------------------------------------------------------------


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path: Path) -> None:
    text = "标题\n\n【广告】一\n\n正文甲乙。\n"
    p = write(tmp_path, text)
    before = p.stat()
    code, out, err = fx("--diff", str(p))
    assert code == 1
    assert out.decode() == (
        f"--- {p}\n+++ {p}\n@@ -1,5 +1,3 @@ 删除“【广告】一”；删除空行；“甲乙”→“丙”\n"
        " 标题\n \n-【广告】一\n-\n-正文甲乙。\n+正文丙。\n"
    )
    assert p.read_text(encoding="utf-8") == text
    assert p.stat().st_mtime_ns == before.st_mtime_ns
    assert "可修复 2 处，涉及 1 个文件" in err


def test_diff_marks_a_missing_final_line_break(tmp_path: Path) -> None:
    p = write(tmp_path, "正文甲乙")
    code, out, _ = fx("--diff", str(p))
    assert code == 1
    assert out.decode().splitlines()[2:] == [
        "@@ -1 +1 @@ “甲乙”→“丙”",
        "-正文甲乙",
        "\\ No newline at end of file",
        "+正文丙",
        "\\ No newline at end of file",
    ]


def test_diff_without_changes_exits_zero(tmp_path: Path) -> None:
    p = write(tmp_path, "正文。\n")
    code, out, _ = fx("--diff", str(p))
    assert (code, out) == (0, b"")


def test_diff_with_unsafe_fixes(tmp_path: Path) -> None:
    p = write(tmp_path, "贯彻旧提法。\n")
    code, out, _ = fx("--diff", str(p))
    assert (code, out) == (0, b"")
    code, out, _ = fx("--diff", "--unsafe-fixes", str(p))
    assert code == 1
    assert "-贯彻旧提法。\n+贯彻新提法。\n" in out.decode()


# --- writing: encodings, BOM, line ends, mode, atomicity ------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("gb18030", b""), ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe")],
)
def test_encoding_bom_crlf_and_mode_survive(tmp_path: Path, encoding: str, bom: bytes) -> None:
    text = "关于开展检查的通知\r\n\r\n【广告】下载\r\n\r\n各单位:\r\n请于5月前报送甲乙。\r\n"
    p = tmp_path / "draft.txt"
    p.write_bytes(bom + text.encode(encoding))
    p.chmod(0o640)
    code, _, err = fx("--fix", str(p))
    assert code == 0, err
    expected = "关于开展检查的通知\r\n\r\n各单位:\r\n请于5月前报送丙。\r\n"
    assert p.read_bytes() == bom + expected.encode(encoding)
    assert stat.S_IMODE(p.stat().st_mode) == 0o640
    assert [f.name for f in tmp_path.iterdir()] == ["draft.txt"]  # no temporary file left


def test_unchanged_file_is_not_rewritten(tmp_path: Path) -> None:
    p = write(tmp_path, "正文。\n")
    before = p.stat()
    code, _, err = fx("--fix", str(p))
    assert code == 0
    after = p.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert "已修复 0 处，涉及 0 个文件" in err


def test_symlink_stays_a_link_to_the_fixed_file(tmp_path: Path) -> None:
    real = write(tmp_path, "【广告】x\n正文。\n", name="real.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    fx("--fix", str(link))
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "正文。\n"


def test_unencodable_fix_is_a_one_line_error(tmp_path: Path) -> None:
    rules = tmp_path / "wide.yaml"
    rules.write_text(
        "category: punctuation\nrules:\n"
        "  - {code: XF301, name: fixture-wide-comma, kind: substitution, severity: warning,\n"
        "     message: m, swap: {',': '，'}, fix: safe,\n"
        "     examples: {bad: ['a,b'], good: ['a，b']}}\n",
        encoding="utf-8",
    )
    p = tmp_path / "latin.txt"
    p.write_bytes(b"caf\xe9,ok\n")
    code, _, err = run(
        "--rules", str(rules), "--select", "XF3", "--encoding", "latin-1", "--fix", str(p)
    )
    assert code == 2
    assert p.read_bytes() == b"caf\xe9,ok\n"
    lines = [line for line in err.splitlines() if "latin-1" in line]
    assert len(lines) == 1 and "latin.txt" in lines[0]


# --- standard input, Markdown, .docx --------------------------------------------------------


def test_stdin_prints_the_fixed_text_in_its_own_encoding() -> None:
    data = "【广告】x\r\n正文甲乙。\r\n贯彻旧提法。\r\n".encode("gb18030")
    code, out, err = fx("--fix", "-", stdin=data)
    assert out == "正文丙。\r\n贯彻旧提法。\r\n".encode("gb18030")
    assert code == 1
    # the report of what remains goes to stderr
    assert "-:2:3: XF108" in err


def test_stdin_fix_through_the_console_script() -> None:
    exe = Path(sys.executable).parent / "reportlint"
    if not exe.exists():
        pytest.skip("console script not installed")
    proc = subprocess.run(
        [str(exe), "--rules", RULES, "--select", "XF", "--fix", "-"],
        input="正文\u00a0甲乙。\n".encode(),
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == "正文 丙。\n".encode()


def test_markdown_is_fixed_and_markup_kept(tmp_path: Path) -> None:
    text = "# 标题\n\n**说明**:正文甲乙。\n\n【广告】x\n\n推荐阅读\n- 列表\n"
    p = write(tmp_path, text, name="draft.md")
    code, _, _ = fx("--fix", str(p))
    assert code == 0
    assert p.read_text(encoding="utf-8") == "# 标题\n\n**说明**:正文丙。\n"


def test_docx_is_never_rewritten(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("正文甲乙。")
    d.add_paragraph("【广告】下载")
    p = tmp_path / "draft.docx"
    d.save(str(p))
    data = p.read_bytes()
    code, out, err = fx("--fix", str(p))
    assert p.read_bytes() == data
    assert "不会改写 .docx 文件" in err
    assert code == 1
    assert len(out.decode().splitlines()) == 2 + 1  # and the summary line


def test_allowed_phrase_is_not_fixed(tmp_path: Path) -> None:
    (tmp_path / ".reportlint.yaml").write_text("allow: ['甲乙']\n", encoding="utf-8")
    p = write(tmp_path, "正文甲乙。\n【广告】x\n")
    code, _, err = fx("--fix", str(p))
    assert code == 0, err
    assert p.read_text(encoding="utf-8") == "正文甲乙。\n"


def test_per_file_ignores_apply_to_fixes(tmp_path: Path) -> None:
    (tmp_path / ".reportlint.yaml").write_text(
        "per-file-ignores:\n  'keep-*.txt': [residue]\n", encoding="utf-8"
    )
    kept = write(tmp_path, "正文甲乙。\n【广告】x\n", name="keep-a.txt")
    fixed = write(tmp_path, "正文甲乙。\n【广告】x\n", name="other.txt")
    code, _, err = fx("--fix", str(kept), str(fixed))
    assert code == 0, err
    assert kept.read_text(encoding="utf-8") == "正文丙。\n【广告】x\n"
    assert fixed.read_text(encoding="utf-8") == "正文丙。\n"


def test_markdown_disable_comment_protects_from_fixes(tmp_path: Path) -> None:
    text = "正文。\n\n<!-- reportlint-disable-next-line XF101 -->\n【广告】保留\n\n【广告】删除\n"
    p = write(tmp_path, text, name="draft.md")
    code, _, err = fx("--fix", str(p))
    assert code == 0, err
    assert p.read_text(encoding="utf-8") == (
        "正文。\n\n<!-- reportlint-disable-next-line XF101 -->\n【广告】保留\n"
    )


# --- the seed page --------------------------------------------------------------------------


def _json(path: Path, *args: str) -> list[dict[str, object]]:
    code, out, err = run("--as-of", DAY, "--format", "json", *args, str(path))
    assert code in (0, 1), err
    data: list[dict[str, object]] = json.loads(out)
    return data


def _typo_swaps() -> list[tuple[str, str]]:
    """Safe typo substitutions of the bundled rules: allowed to change report bodies."""
    return [
        (wrong, right)
        for r in load_ruleset()
        if r.category == "typo" and r.fix_safety == "safe" and r.kind == "substitution"
        for wrong, right in dict(r.params.get("swap", {})).items()
    ]


def _is_punct_or_space(chunk: str) -> bool:
    return all(unicodedata.category(c)[0] in "PZ" or c.isspace() for c in chunk)


def _body(lines: list[str]) -> list[str]:
    """The three reports: from the first title line up to 本文来源 (or the end)."""
    # The first report's own title (the page title above it loses only its "最新" prefix).
    opening = next(i for i, line in enumerate(lines) if line.lstrip().startswith("今年以来"))
    first = max(i for i, line in enumerate(lines[:opening]) if line.strip() == TITLE)
    last = next((i for i, line in enumerate(lines) if line.startswith("本文来源")), len(lines))
    body = lines[first:last]
    while body and not body[-1].strip():
        body.pop()
    return body


def test_seed_fix(tmp_path: Path, seed_path: Path) -> None:
    import difflib

    p = tmp_path / "seed.txt"
    shutil.copyfile(seed_path, p)
    original = seed_path.read_text(encoding="utf-8")
    before = _json(p)
    assert any(d["category"] == "residue" for d in before)

    code, _, err = run("--as-of", DAY, "--fix", str(p))
    fixed = p.read_text(encoding="utf-8")
    assert "已修复" in err

    # every residue line is gone
    assert not [d for d in _json(p) if d["category"] == "residue"]
    for gone in (
        "发布时间",
        "字号:",
        "www.jxscct.com",
        "本文来源",
        "推荐阅读",
        "京ICP备",
        "推荐度",
    ):
        assert gone not in fixed
    # placeholders and titles stay
    assert fixed.count("*") == original.count("*") == 57
    assert sum(1 for d in before if d["code"] == "PH101") == sum(
        1 for d in _json(p) if d["code"] == "PH101"
    )
    # The three report titles, plus the page title whose "最新" decoration was removed.
    assert [line.strip() for line in fixed.splitlines()].count(TITLE) == 4
    assert "最新" + TITLE not in fixed
    # political wording is not a safe fix
    assert "党的十九大和十九届历次全会精神" in fixed
    # residue leaves no run of blank lines behind
    assert "\n\n\n" not in fixed
    assert not fixed.startswith("\n") and not fixed.endswith("\n\n")

    # report bodies: same lines, changed only by punctuation, spaces and safe typo fixes
    swaps = _typo_swaps()

    def norm(line: str) -> str:
        for wrong, right in swaps:
            line = line.replace(wrong, right)
        return line

    old_body, new_body = _body(original.splitlines()), _body(fixed.splitlines())
    assert len(old_body) == len(new_body)
    for old, new in zip(old_body, new_body, strict=True):
        a, b = norm(old), norm(new)
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
            None, a, b, autojunk=False
        ).get_opcodes():
            if tag != "equal":
                assert _is_punct_or_space(a[i1:i2] + b[j1:j2]), (tag, a[i1:i2], b[j1:j2], old)

    # a second --fix changes nothing and does not touch the file
    st = p.stat()
    code2, _, err2 = run("--as-of", DAY, "--fix", str(p))
    assert p.read_text(encoding="utf-8") == fixed
    assert (p.stat().st_ino, p.stat().st_mtime_ns) == (st.st_ino, st.st_mtime_ns)
    assert "已修复 0 处" in err2
    assert code2 == code


def test_seed_unsafe_fixes(tmp_path: Path, seed_path: Path) -> None:
    p = tmp_path / "seed.txt"
    shutil.copyfile(seed_path, p)
    run("--as-of", DAY, "--fix", str(p))
    before = _json(p)
    unsafe = [d for d in before if d["fix"] and all(e["safety"] == "unsafe" for e in d["fix"])]
    run("--as-of", DAY, "--fix", "--unsafe-fixes", str(p))
    fixed = p.read_text(encoding="utf-8")
    after = _json(p)
    assert not [d for d in after if d["fix"]], "fixable diagnostics remain"
    # whichever outdated formulations carry a fix are updated
    for d in unsafe:
        if d["category"] == "formulation" and d["suggestion"]:
            assert str(d["suggestion"]) in fixed
    assert fixed.count("*") == 57
    # The three report titles, plus the page title whose "最新" decoration was removed.
    assert [line.strip() for line in fixed.splitlines()].count(TITLE) == 4
    assert "最新" + TITLE not in fixed


def test_fixing_the_seed_twice_from_stdin_is_stable(seed_path: Path) -> None:
    data = seed_path.read_bytes()
    _, once, _ = run("--as-of", DAY, "--fix", "-", stdin=data)
    _, twice, _ = run("--as-of", DAY, "--fix", "-", stdin=once)
    assert once == twice
    assert once != data
