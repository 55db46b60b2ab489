"""--fix never loses a byte it was not asked to change: through the installed console script.

Each case checks the exit code, the one line naming the file, that no traceback is printed,
that the other files of the run are still linted (and fixed), and the bytes on disk.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import reportlint

FIXTURES = Path(__file__).parent / "fixtures" / "fix"
CYCLE = str(FIXTURES / "cycle.yaml")
TEASER = "正文。\n推荐阅读\n某某活动总结范文（精选5篇）\n"
FIXED = "正文。\n"


def lines(data: bytes) -> list[str]:
    return data.decode("utf-8").splitlines()


def errors_naming(stderr: bytes, path: Path) -> list[str]:
    return [ln for ln in lines(stderr) if str(path) in ln and "已修复" not in ln]


@pytest.fixture
def other(tmp_path: Path) -> Path:
    """A second draft in the run: it must still be fixed whatever happens to the first."""
    p = tmp_path / "other.txt"
    p.write_text(TEASER, encoding="utf-8")
    return p


# --- 1. RS107 deletes only a teaser list; RS102 keeps data sources -------------------------

STUDY = (
    "关于开展读书活动的情况报告\n一、活动开展情况\n今年以来，我局组织干部职工开展读书活动。\n"
    "延伸阅读：\n各支部推荐了《习近平谈治国理政》第四卷等书目。\n二、存在的问题\n"
    "部分同志学习的主动性还不够强。\n××市××局\n"
)


def test_a_report_section_after_a_teaser_heading_is_kept_and_still_checked(
    tmp_path: Path, other: Path
) -> None:
    p = tmp_path / "study.txt"
    p.write_text(STUDY, encoding="utf-8")
    proc = reportlint("--isolated", "--fix", str(p), str(other))
    assert p.read_bytes() == STUDY.encode("utf-8")
    assert other.read_text(encoding="utf-8") == FIXED
    assert proc.returncode == 1
    out = lines(proc.stdout)
    # the heading is reported alone, without a fix, and what follows is still checked
    assert any(ln.startswith(f"{p}:4:1: RS107 ") and "未自动删除" in ln for ln in out), out
    assert any(ln.startswith(f"{p}:8:1: PH102 ") for ln in out), out


@pytest.mark.parametrize(
    "tail",
    [
        "某某活动总结范文（精选5篇）\n社区活动总结范文（通用5篇）\n",
        # excerpts of a site's list come with its dates
        "社区活动总结范文\n以下是小编整理的社区活动总结，仅供参考，希望能够帮助到大家。\n2024-05-10\n",
    ],
)
def test_a_real_teaser_list_is_still_deleted(tmp_path: Path, tail: str) -> None:
    p = tmp_path / "d.txt"
    p.write_text("正文。\n推荐阅读\n" + tail, encoding="utf-8")
    proc = reportlint("--isolated", "--select", "RS107", "--fix", str(p))
    assert proc.returncode == 0, proc.stderr.decode()
    assert p.read_text(encoding="utf-8") == FIXED


def test_a_data_source_under_a_table_is_not_residue(tmp_path: Path) -> None:
    p = tmp_path / "t.txt"
    text = "表1 各区生产总值\n|区|产值|\n|甲|1|\n来源：市统计局2025年统计公报\n"
    p.write_text(text, encoding="utf-8")
    proc = reportlint("--isolated", "--select", "RS", "--fix", str(p))
    assert proc.returncode == 0, proc.stdout.decode()
    assert p.read_text(encoding="utf-8") == text


# --- 2. an edit saved while the file is linted is never overwritten -----------------------

SLOW_RULE = """\
category: residue
rules:
  - code: XS901
    name: fixture-slow
    kind: existence
    severity: info
    message: "测试：{match}"
    patterns: ['x(?:a|aa)+b']
    examples:
      bad: ["xab"]
      good: ["c"]
"""


def test_an_edit_keeping_size_and_mtime_during_the_lint_is_kept(tmp_path: Path) -> None:
    """Files are fixed one after another: once a.txt is written, b.txt is read and linted
    for at least a second (a backtracking rule spends its whole time budget), and the edit
    lands in that window with its size and modification time restored (like `cp -p`)."""
    rules = tmp_path / "slow.yaml"
    rules.write_text(SLOW_RULE, encoding="utf-8")
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(TEASER, encoding="utf-8")
    # `x` and a's: the line holds the pattern's anchor (xa), so it is searched
    slow = "x" + "a" * 40 + "\n"
    b.write_text(slow + TEASER, encoding="utf-8")
    edited = (slow + TEASER).replace("正文", "全文").encode("utf-8")
    st = b.stat()
    exe = Path(sys.executable).parent / "reportlint"
    proc = subprocess.Popen(
        [str(exe), "--isolated", "--rules", str(rules), "--fix", str(a), str(b)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while a.read_text(encoding="utf-8") != FIXED and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(0.2)
    b.write_bytes(edited)
    os.utime(b, ns=(st.st_atime_ns, st.st_mtime_ns))
    _out, err = proc.communicate(timeout=120)
    assert b"Traceback" not in err
    assert b.read_bytes() == edited
    assert proc.returncode == 2
    assert len(errors_naming(err, b)) == 1
    assert "检查期间被修改" in errors_naming(err, b)[0]
    assert a.read_text(encoding="utf-8") == FIXED


# --- 3. an output file is never one of the inputs -------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("--format", "html", "-o", "{d}"),
        ("--fix", "-o", "{d}"),
        ("--format", "json", "-o", "./{d}"),
        ("--write-baseline", "{d}"),
        ("--baseline", "base.json", "-o", "base.json"),
    ],
)
def test_outputs_never_overwrite_inputs(tmp_path: Path, args: tuple[str, ...]) -> None:
    d = tmp_path / "d.txt"
    d.write_text(TEASER, encoding="utf-8")
    base = tmp_path / "base.json"
    base.write_text('{"version": 1, "entries": []}', encoding="utf-8")
    before = {p: p.read_bytes() for p in (d, base)}
    argv = [a.format(d="d.txt") for a in args]
    proc = reportlint("--isolated", *argv, "d.txt", cwd=str(tmp_path))
    assert proc.returncode == 2
    err = lines(proc.stderr)
    assert len(err) == 1 and "不能覆盖" in err[0], err
    assert {p: p.read_bytes() for p in before} == before


# --- 4. read-only files and hard links ------------------------------------------------------


def test_a_read_only_file_is_not_fixed(tmp_path: Path, other: Path) -> None:
    p = tmp_path / "ro.txt"
    p.write_text(TEASER, encoding="utf-8")
    p.chmod(0o444)
    proc = reportlint("--isolated", "--fix", str(p), str(other))
    assert p.read_text(encoding="utf-8") == TEASER
    assert stat.S_IMODE(p.stat().st_mode) == 0o444
    assert proc.returncode == 2
    (line,) = errors_naming(proc.stderr, p)
    assert "只读" in line
    assert other.read_text(encoding="utf-8") == FIXED


def test_a_hard_linked_file_is_refused_and_the_links_stay_one_file(
    tmp_path: Path, other: Path
) -> None:
    h1, h2 = tmp_path / "h1.txt", tmp_path / "h2.txt"
    h1.write_text(TEASER, encoding="utf-8")
    os.link(h1, h2)
    proc = reportlint("--isolated", "--fix", str(h1), str(other))
    assert proc.returncode == 2
    (line,) = errors_naming(proc.stderr, h1)
    assert "硬链接" in line
    assert h1.read_text(encoding="utf-8") == h2.read_text(encoding="utf-8") == TEASER
    assert os.path.samefile(h1, h2)
    assert other.read_text(encoding="utf-8") == FIXED


# --- 5. forced encodings write back what they read ------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "before", "after"),
    [
        ("utf-8-sig", TEASER.encode("utf-8"), FIXED.encode("utf-8")),
        ("utf-8-sig", b"\xef\xbb\xbf" + TEASER.encode("utf-8"), b"\xef\xbb\xbf" + FIXED.encode()),
        (
            "utf-16",
            b"\xfe\xff" + TEASER.encode("utf-16-be"),
            b"\xfe\xff" + FIXED.encode("utf-16-be"),
        ),
        (
            "utf-16",
            b"\xff\xfe" + TEASER.encode("utf-16-le"),
            b"\xff\xfe" + FIXED.encode("utf-16-le"),
        ),
        ("utf-16", TEASER.encode("utf-16-le"), FIXED.encode("utf-16-le")),
        (
            "utf-32",
            b"\x00\x00\xfe\xff" + TEASER.encode("utf-32-be"),
            b"\x00\x00\xfe\xff" + FIXED.encode("utf-32-be"),
        ),
    ],
)
def test_forced_encodings_keep_encoding_and_bom(
    tmp_path: Path, encoding: str, before: bytes, after: bytes
) -> None:
    p = tmp_path / "e.txt"
    p.write_bytes(before)
    proc = reportlint("--isolated", "--encoding", encoding, "--fix", str(p))
    assert proc.returncode == 0, proc.stderr.decode()
    assert p.read_bytes() == after


@pytest.mark.parametrize(
    ("encoding", "data", "why"),
    [
        # UTF-8 read as latin-1: the NBSP rule would delete half of a character
        ("latin-1", "正文\u00a0内容。\n".encode(), "破坏"),
        # "+AGE-" decodes to "a" but "a" encodes back as "a"
        ("utf-7", b"+AGE-" + TEASER.encode("utf-7"), "无法还原"),
    ],
)
def test_forced_encodings_that_do_not_fit_refuse_to_fix(
    tmp_path: Path, other: Path, encoding: str, data: bytes, why: str
) -> None:
    p = tmp_path / "e.txt"
    p.write_bytes(data)
    if encoding == "utf-7":
        other.write_bytes(TEASER.encode("utf-7"))
    proc = reportlint("--isolated", "--encoding", encoding, "--fix", str(p), str(other))
    assert p.read_bytes() == data
    assert proc.returncode == 2
    (line,) = errors_naming(proc.stderr, p)
    assert why in line
    # the other draft is read with the same forced encoding: fixed where that fits
    assert not errors_naming(proc.stderr, other)
    if encoding == "utf-7":
        assert other.read_bytes() == FIXED.encode("utf-7")


# --- 6. fixes that never converge write nothing ---------------------------------------------

GROWING = """\
category: typo
rules:
  - code: XG301
    name: fixture-growing
    kind: substitution
    severity: warning
    message: "测试：“{match}”应为“{replacement}”"
    swap: {"甲": "甲甲"}
    fix: safe
    examples:
      bad: ["甲"]
      good: ["乙"]
"""


@pytest.mark.parametrize("kind", ["cycle", "growing"])
def test_fixes_that_never_converge_write_nothing_and_name_the_rule(
    tmp_path: Path, other: Path, kind: str
) -> None:
    if kind == "cycle":
        rules, text, codes = CYCLE, "左右\n", ("XF201", "XF202")
    else:
        grow = tmp_path / "grow.yaml"
        grow.write_text(GROWING, encoding="utf-8")
        rules, text, codes = str(grow), "甲\n", ("XG301",)
    p = tmp_path / "c.txt"
    p.write_text(text + TEASER, encoding="utf-8")
    for mode in ("--fix", "--diff"):
        proc = reportlint("--isolated", "--rules", rules, mode, str(p), str(other))
        assert p.read_text(encoding="utf-8") == text + TEASER
        assert proc.returncode == 2
        (line,) = errors_naming(proc.stderr, p)
        assert all(c in line for c in codes), line
        assert "未写入" in line
    assert other.read_text(encoding="utf-8") == FIXED
