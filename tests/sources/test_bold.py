"""Plain text copied from Markdown: `**` pairs that are bold, not placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lint.sources import bold
from lint.sources.bold import bold_spans, mask_bold
from tests.helpers import run_json


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("营业收入**1305**万元", "营业收入  1305  万元"),
        ("同比增长**8.5%**。", "同比增长  8.5%  。"),
        ("**强化组织领导**，压实责任", "  强化组织领导  ，压实责任"),
        ("一是**压实责任**，二是", "一是  压实责任  ，二是"),
        ("**一是强化组织领导。**二是", "  一是强化组织领导。  二是"),
        ("**年度任务**：全面完成", "  年度任务  ：全面完成"),
    ],
)
def test_bold_pairs_are_masked(text: str, masked: str) -> None:
    assert mask_bold(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "**单位",
        "投资**万元",
        "**月**日",
        "截至20**年**月**日",
        "覆盖**个村、**户",
        "，**单位名称**局",
        "由**同志带领**名党员",
        "要**支持**民营企业",  # mid-phrase: cannot be told from a blank
        "20**年增长**%",
        "***1305***",
        "**\n1305**",
    ],
)
def test_blanks_are_not_paired(text: str) -> None:
    assert bold_spans(text) == []


def test_a_line_of_stars_and_digits_is_linear() -> None:
    # every run is tried as an opener once; the figure bound keeps each try short
    text = "**1" * 50_000
    assert len(bold_spans(text)) == 50_000


def _by_line(text: str) -> list[tuple[int, int]]:
    """bold_spans as first written, one line at a time: the reference for the one scan."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n\r]+", text):
        ls, le = line.span()
        opener = -1
        for run in re.finditer(r"(?<!\*)\*\*(?!\*)", text[:le]):
            s = run.start()
            if s < ls:
                continue
            if (
                opener >= 0
                and 0 < s - (opener + 2) <= bold.NUMBER_MAX
                and bold._is_emphasis(text, ls, le, opener, s)
            ):
                spans += [(opener, opener + 2), (s, s + 2)]
                opener = -1
            else:
                opener = s
    return spans


@given(
    st.lists(st.sampled_from(["**", "*", "1305", "强化领导", "，", "。", "万元", "\n", "\r", " "]))
)
@example(["**", "1305", "**", "\r", "**", "强化领导", "**", "，"])
@example(["**", "\n", "1305", "**", "万元"])
def test_one_scan_pairs_as_a_scan_per_line_does(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert bold_spans(text) == _by_line(text)


def test_many_lines_of_pairs_are_linear() -> None:
    # each pair's line is looked up from the last one, so the lookups read the text once
    from tests.growth import assert_linear

    assert len(bold_spans("增长**8.5%**。\n" * 60_000)) == 120_000
    assert_linear(lambda n: lambda: bold_spans("增长**8.5%**。\n" * n), 15_000)


def test_bold_figures_in_txt_through_the_executable(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "**一、主要成效**\n全年实现营业收入**1305**万元，同比增长**8.5%**。\n"
        "截至**月**日，投资**万元。\n",
        encoding="utf-8",
    )
    rc, diags = run_json("--isolated", "--select", "placeholder", str(draft))
    assert rc == 1
    assert [(d["code"], d["line"], d["column"]) for d in diags] == [
        ("PH101", 3, 3),
        ("PH101", 3, 6),
        ("PH101", 3, 12),
    ]
