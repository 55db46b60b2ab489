"""`--format full`: the source excerpt is a window around the flagged text on long lines."""

from __future__ import annotations

from pathlib import Path

from lint.report.full import display_width
from tests.helpers import run_cli


def _blocks(out: str) -> list[list[str]]:
    return [b.split("\n") for b in out.strip("\n").split("\n\n")]


def test_output_per_finding_is_bounded_on_a_long_line(tmp_path: Path) -> None:
    # A 58 KB one-line draft with 4,000 findings printed its whole line under each of them:
    # 312 MB of output, growing as findings x line length.
    path = tmp_path / "long.txt"
    path.write_text("会议定于*月*日召开，" * 2000 + "\n", encoding="utf-8")
    code, out, _ = run_cli(
        "--isolated", "--quiet", "--format", "full", "--select", "PH101", str(path)
    )
    assert code == 1
    blocks = _blocks(out)
    assert len(blocks) == 4000
    assert len(out) < 4000 * 400
    assert max(len(line) for line in out.splitlines()) < 250


def test_window_keeps_the_caret_under_the_flagged_text(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    text = "甲" * 500 + "由XX区负责" + "乙" * 500 + "\n"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run_cli(
        "--isolated", "--quiet", "--format", "full", "--select", "PH103", str(path)
    )
    assert code == 1
    (block,) = _blocks(out)
    head, src, carets = block[:3]
    assert head.endswith("PH103 占位符“XX”未填写：此处应填入具体的名称、数字或日期")
    body, marks = src[src.index("|") + 2 :], carets[carets.index("|") + 2 :]
    assert body.startswith("...") and body.endswith("...")
    assert "由XX区负责" in body
    # Carets start where "XX" starts, counting wide characters as two columns.
    lead = marks.index("^")
    assert lead == display_width(body[: body.index("XX")])
    assert marks[lead:] == "^^"


def test_short_lines_are_shown_whole(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("会议定于*月*日召开，由XX区负责。\n", encoding="utf-8")
    code, out, _ = run_cli(
        "--isolated", "--quiet", "--format", "full", "--select", "PH103", str(path)
    )
    assert code == 1
    (block,) = _blocks(out)
    assert block[1].endswith("| 会议定于*月*日召开，由XX区负责。")
    assert "..." not in block[1]


def test_long_flagged_text_is_cut_too(tmp_path: Path) -> None:
    from lint.document import Document
    from lint.report import ReportContext
    from lint.report.full import render
    from tests.helpers import make_diagnostic

    doc = Document("d.txt", "前" * 100 + "长" * 5000 + "后" * 100)
    d = make_diagnostic(doc, 100, 5100, "RS101")
    out = render([d], ReportContext(documents={"d.txt": doc}))
    src, carets = out.split("\n")[1:3]
    assert len(src) < 200 and carets.rstrip().endswith("^ …")
