"""The CLI end to end through lint.cli.main (the console script's entry point)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lint import __version__
from tests.helpers import run_cli, run_json

DRAFT = "关于开展安全检查的通知\n会议定于*月*日召开,由XX区负责。\n"


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    p = tmp_path / "draft.txt"
    p.write_text(DRAFT, encoding="utf-8")
    return p


def test_concise_output_and_exit_code(draft: Path) -> None:
    code, out, err = run_cli("--as-of", "2026-11-26", "--select", "placeholder", str(draft))
    assert code == 1
    lines = out.splitlines()
    assert lines == [
        f"{draft}:2:5: PH101 占位符“*”未填写：此处应填入具体的名称、数字或日期",
        f"{draft}:2:7: PH101 占位符“*”未填写：此处应填入具体的名称、数字或日期",
        f"{draft}:2:13: PH103 占位符“XX”未填写：此处应填入具体的名称、数字或日期",
        "共 3 个问题（错误 3）；检查了 1 个文件",
    ]
    assert err == ""


def test_json_has_exact_keys_and_positions(draft: Path) -> None:
    code, data = run_json("--select", "placeholder", str(draft))
    assert code == 1
    assert [(d["line"], d["column"], d["end_line"], d["end_column"]) for d in data] == [
        (2, 5, 2, 6),
        (2, 7, 2, 8),
        (2, 13, 2, 15),
    ]
    keys = {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "name",
        "category",
        "severity",
        "message",
        "suggestion",
        "fix",
    }
    for d in data:
        assert set(d) == keys
        assert d["category"] == "placeholder"
        assert d["severity"] in ("error", "warning", "info")
        assert d["fix"] is None
        assert d["suggestion"] is None


def test_full_format_underlines_cjk_by_display_width(draft: Path) -> None:
    code, out, _ = run_cli("--format", "full", "--select", "PH103", str(draft))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].endswith("PH103 占位符“XX”未填写：此处应填入具体的名称、数字或日期")
    src, carets = lines[1], lines[2]
    assert src.endswith("会议定于*月*日召开,由XX区负责。")
    # 12 characters before "XX": 9 wide CJK (2 columns each) and 3 narrow ("*", "*", ",").
    prefix = src.index("|") + 2
    assert carets.index("^") - prefix == 9 * 2 + 3
    assert carets.strip().strip("|").strip() == "^^"


def test_exit_code_does_not_depend_on_format(draft: Path) -> None:
    codes = {run_cli("--format", f, str(draft))[0] for f in ("concise", "full", "json")}
    assert codes == {1}


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    p = tmp_path / "clean.txt"
    p.write_text("全年完成投资5万元。\n", encoding="utf-8")
    assert run_cli(str(p)) == (0, "未发现问题（检查了 1 个文件）\n", "")
    assert run_cli("--quiet", str(p)) == (0, "", "")


def test_fail_on_error_ignores_warnings(tmp_path: Path) -> None:
    p = tmp_path / "w.txt"
    p.write_text("由某某单位负责。\n", encoding="utf-8")  # PH104 is a warning
    assert run_cli(str(p))[0] == 1
    code, out, _ = run_cli("--fail-on", "error", str(p))
    assert code == 0 and "PH104" in out


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        (("--select", "PH103"), {"PH103"}),
        (("--select", "PH1"), {"PH101", "PH103"}),
        (("--select", "letter-x-placeholder"), {"PH103"}),
        (("--select", "placeholder"), {"PH101", "PH103"}),
        (("--select", "placeholder", "--ignore", "PH101"), {"PH103"}),
        (("--select", "PH101,PH103", "--ignore", "asterisk-placeholder"), {"PH103"}),
        (("--select", "residue"), set()),
    ],
)
def test_select_and_ignore(draft: Path, args: tuple[str, ...], codes: set[str]) -> None:
    _, data = run_json(*args, str(draft))
    assert {d["code"] for d in data} == codes


def test_missing_file_is_exit_2_and_other_files_still_linted(draft: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    code, out, err = run_cli(str(missing), str(draft))
    assert code == 2
    assert str(missing) in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert "PH101" in out


def test_binary_file_reported_other_files_linted(draft: Path, tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    code, out, err = run_cli(str(binary), str(draft))
    assert code == 2
    assert str(binary) in err and "二进制" in err
    assert "PH103" in out


def test_directory_recursion_txt_and_md_only(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("XX区\n", encoding="utf-8")
    (tmp_path / "a" / "two.md").write_text("# 标题\n\nXX区\n", encoding="utf-8")
    (tmp_path / "a" / "skip.csv").write_text("XX区\n", encoding="utf-8")
    _, data = run_json("--select", "PH103", str(tmp_path))
    assert sorted(Path(d["path"]).name for d in data) == ["one.txt", "two.md"]


def test_stdin(tmp_path: Path) -> None:
    code, out, _ = run_cli("--select", "PH103", "-", input="XX区\n")
    assert code == 1
    assert out.startswith("-:1:1: PH103")
    code, out, _ = run_cli("--select", "PH103", "--stdin-filename", "草稿.txt", "-", input="XX区\n")
    assert out.startswith("草稿.txt:1:1: PH103")


def test_output_file(draft: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    code, out, _ = run_cli(
        "--format", "json", "--select", "PH", "--output-file", str(target), str(draft)
    )
    assert code == 1 and out == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 3


def test_explain() -> None:
    code, out, _ = run_cli("--explain", "PH101")
    assert code == 0
    assert "PH101（asterisk-placeholder）" in out
    assert "错误示例：" in out and "投资*万元" in out
    assert "依据：" in out
    assert "提示信息：占位符“{match}”未填写" in out
    code, _, err = run_cli("--explain", "ZZ999")
    assert code == 2 and "ZZ999" in err


def test_list_rules_lists_every_category_file() -> None:
    code, out, _ = run_cli("--list-rules")
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert {r[2] for r in rows} >= {"placeholder", "residue"}
    assert all(len(r) >= 4 for r in rows)


def test_version() -> None:
    assert run_cli("--version") == (0, f"reportlint {__version__}\n", "")


def test_bad_as_of_is_usage_error(draft: Path) -> None:
    code, _, err = run_cli("--as-of", "2026-13-01", str(draft))
    assert code == 2 and "--as-of" in err


def test_no_paths_is_usage_error() -> None:
    code, _, err = run_cli()
    assert code == 2 and "请给出要检查的文件或文件夹" in err


def test_console_script_runs_as_module(draft: Path) -> None:
    p = subprocess.run(
        [sys.executable, "-m", "lint", "--select", "PH103", str(draft)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == 1
    assert p.stdout == (
        f"{draft}:2:13: PH103 占位符“XX”未填写：此处应填入具体的名称、数字或日期\n"
        "共 1 个问题（错误 1）；检查了 1 个文件\n"
    )


@pytest.mark.parametrize(
    ("option", "selector"),
    [
        ("--select", "placeholdr"),
        ("--select", "all"),
        ("--ignore", "nosuch"),
        ("--extend-select", "ZZ9"),
    ],
)
def test_selector_typos_are_usage_errors(draft: Path, option: str, selector: str) -> None:
    # A selector that matches no rule would silently select nothing: CI would pass everything.
    code, out, err = run_cli(option, selector, str(draft))
    assert code == 2 and out == ""
    assert f"{option}：“{selector}”不匹配任何规则" in err and len(err.strip().splitlines()) == 1


def test_fifo_is_skipped_not_waited_on(tmp_path: Path, draft: Path) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code, out, err = run_cli("--select", "PH", str(fifo), str(draft))
    assert code == 2
    assert f"{fifo}: 不是普通文件" in err
    assert "PH101" in out


def test_explain_shows_the_date_each_dated_example_is_judged_at() -> None:
    code, out, _ = run_cli("--explain", "FM103")
    assert code == 0
    assert "认真学习贯彻党的十九大精神    （按 2019-03-05 判断）" in out
    # Undated rules show no date.
    _, out, _ = run_cli("--explain", "PH101")
    assert "判断）" not in out


def test_list_rules_is_sorted_by_code() -> None:
    _, out, _ = run_cli("--list-rules")
    heading, *rows = out.splitlines()
    assert heading.split("\t")[:4] == ["代码", "规则名", "类别", "级别"]
    codes = [line.split("\t")[0] for line in rows]
    assert codes == sorted(codes)
