"""Markdown drafts: markup is masked, positions stay those of the original text."""

from __future__ import annotations

from pathlib import Path

from lint.sources.markdown import markdown_document
from tests.helpers import run_json


def test_emphasis_code_comments_and_links_are_masked() -> None:
    text = "# 标题\n\n**说明**:见`a*b`与[链接](http://x.cn/*)。<!-- XX -->\n\n* 列表项\n"
    doc = markdown_document(text, "d.md")
    assert len(doc.scan_text) == len(text)
    assert "*" not in doc.scan_text
    assert "XX" not in doc.scan_text
    assert "说明" in doc.scan_text


def test_asterisk_placeholder_in_markdown_still_found(tmp_path: Path) -> None:
    p = tmp_path / "d.md"
    p.write_text("**说明**:投资*万元\n\n---\n", encoding="utf-8")
    _, data = run_json("--select", "PH101", str(p))
    assert [(d["line"], d["column"]) for d in data] == [(1, 10)]


def test_disable_comments(tmp_path: Path) -> None:
    p = tmp_path / "d.md"
    p.write_text(
        "XX区\n<!-- reportlint-disable-next-line PH103 -->\nXX区\n"
        "<!-- reportlint-disable -->\nXX区\n<!-- reportlint-enable -->\nXX区\n",
        encoding="utf-8",
    )
    _, data = run_json("--select", "PH103", str(p))
    assert [d["line"] for d in data] == [1, 7]


def test_slot_stars_are_not_paired_as_emphasis() -> None:
    text = "截至*月*日，覆盖*个村、**户。**强化领导**，*压实责任*，增长**%\n"
    scan = markdown_document(text, "d.md").scan_text
    assert scan.count("*") == 7  # 2 + 1 + 2 + 2: every slot star stays
    assert "**强化" not in scan and "*压实" not in scan


def test_a_long_line_of_unpaired_stars_stays_linear() -> None:
    text = "**甲*乙***丙" * 50_000
    assert len(markdown_document(text, "d.md").scan_text) == len(text)


def test_bold_figures_pair_and_a_line_of_digits_and_stars_stays_linear() -> None:
    scan = markdown_document("收入**1305**万元，增长**12**%\n", "d.md").scan_text
    assert "*" not in scan
    text = "a**" + "1" * 100_000 + "x1**" + "1**" * 100_000
    assert len(markdown_document(text, "d.md").scan_text) == len(text)
