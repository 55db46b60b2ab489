"""CLI options for teams and CI: --statistics, --exit-zero, --quiet, --jobs, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint.cli import FORMAT_CHOICES
from tests.helpers import run_cli

DRAFT = "会议定于*月*日召开,由XX区负责。\n"
# Every report format that takes a text draft (docx annotates .docx input only).
TEXT_FORMATS = [f for f in FORMAT_CHOICES if f != "docx"]


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    p = tmp_path / "draft.txt"
    p.write_text(DRAFT, encoding="utf-8")
    return p


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--select", "placeholder"), 1),
        (("--select", "placeholder", "--fail-on", "error"), 1),
        (("--select", "PH103", "--fail-on", "error"), 1),
        (("--select", "placeholder", "--exit-zero"), 0),
        (("--select", "RS"), 0),
    ],
)
def test_exit_code_is_the_same_in_every_format(
    draft: Path, fmt: str, args: tuple[str, ...], expected: int
) -> None:
    out = draft.parent / f"report.{fmt}"
    code, _, err = run_cli("--format", fmt, "-o", str(out), *args, str(draft))
    assert "Traceback" not in err
    assert code == expected
    assert out.exists()


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_unreadable_file_is_exit_2_in_every_format(draft: Path, fmt: str) -> None:
    out = draft.parent / f"report.{fmt}"
    missing = str(draft.parent / "nope.txt")
    code, _, err = run_cli("--format", fmt, "-o", str(out), str(draft), missing)
    assert code == 2
    assert "nope.txt" in err


def test_statistics(draft: Path) -> None:
    code, out, _ = run_cli("--statistics", "--select", "placeholder", str(draft))
    assert code == 1
    assert out.splitlines() == [
        "  数量  可修复  代码   规则",
        "     2       -  PH101  asterisk-placeholder（错误）",
        "     1       -  PH103  letter-x-placeholder（错误）",
        "     3       0  合计   2 条规则",
    ]
    code, out, _ = run_cli(
        "--statistics", "--format", "json", "--select", "placeholder", str(draft)
    )
    assert json.loads(out) == [
        {
            "code": "PH101",
            "name": "asterisk-placeholder",
            "severity": "error",
            "count": 2,
            "fixable": 0,
        },
        {
            "code": "PH103",
            "name": "letter-x-placeholder",
            "severity": "error",
            "count": 1,
            "fixable": 0,
        },
    ]


def test_exit_zero_still_reports(draft: Path) -> None:
    code, out, _ = run_cli("--exit-zero", "--select", "PH103", str(draft))
    assert code == 0
    assert (
        out.splitlines()[0]
        == f"{draft}:1:13: PH103 占位符“XX”未填写：此处应填入具体的名称、数字或日期"
    )


def test_quiet_keeps_problems_and_errors_but_drops_notes(draft: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "b.json"
    _, _, err = run_cli("--write-baseline", str(baseline), str(draft))
    assert "写入基线" in err
    _, _, err = run_cli("--quiet", "--write-baseline", str(baseline), str(draft))
    assert err == ""
    dated = tmp_path / "dated.txt"
    dated.write_text("由XX区负责。\n\n某某局\n2019年12月20日\n", encoding="utf-8")
    _, _, err = run_cli("--as-of", "auto", "--select", "PH103", str(dated))
    assert "按 2019-12-20 判断提法" in err
    code, out, err = run_cli("--quiet", "--as-of", "auto", "--select", "PH103", str(dated))
    assert code == 1 and err == ""
    assert out.startswith(f"{dated}:1:2: PH103 ")
    code, _, err = run_cli("--quiet", str(tmp_path / "nope.txt"))
    assert code == 2 and "nope.txt" in err


def test_jobs_must_not_be_negative(draft: Path) -> None:
    code, _, err = run_cli("--jobs", "-1", str(draft))
    assert code == 2
    assert "--jobs" in err
