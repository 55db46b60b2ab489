"""Drafts as they really arrive (Markdown, WeChat copies, template pages, case reports).

Every case runs the installed `reportlint` executable on a small file, so the Markdown
source, the rules and the report all take part. Each class has drafts that must be found and
look-alikes that must stay silent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

_BESIDE = Path(sys.executable).parent / "reportlint"
EXE = [str(_BESIDE)] if _BESIDE.exists() else [sys.executable, "-m", "lint"]


def lint(tmp_path: Path, text: str, name: str = "draft.txt", *args: str) -> list[dict]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    proc = subprocess.run(
        [*EXE, "--isolated", "--as-of", "2026-12-04", "--format", "json", *args, str(path)],
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")
    diags: list[dict] = json.loads(proc.stdout)
    return diags


def spans(diags: list[dict], code: str) -> list[tuple[int, int, int]]:
    """(line, column, end column) of each `code` finding."""
    return [(d["line"], d["column"], d["end_column"]) for d in diags if d["code"] == code]


# --- Markdown stars -------------------------------------------------------------------------

MD_SLOTS = [
    ("截至*月*日，全区共实施项目**个。\n", [(1, 3, 4), (1, 5, 6), (1, 15, 17)]),
    ("发放补贴*万元，覆盖*个村、**户农户。\n", [(1, 5, 6), (1, 11, 12), (1, 15, 17)]),
    ("完成投资*亿元，占年度计划的*%。\n", [(1, 5, 6), (1, 15, 16)]),
    ("- 累计培训**人次，同比增长**%\n", [(1, 7, 9), (1, 16, 18)]),
    ("### 第*期简报\n", [(1, 6, 7)]),
    ("本期完成**项整改，**月底前全部销号。\n", [(1, 5, 7), (1, 11, 13)]),
]


@pytest.mark.parametrize(("text", "expected"), MD_SLOTS)
def test_markdown_stars_in_slots_are_placeholders(
    tmp_path: Path, text: str, expected: list[tuple[int, int, int]]
) -> None:
    assert spans(lint(tmp_path, text, "draft.md", "--select", "PH101"), "PH101") == expected


@pytest.mark.parametrize(
    "text",
    [
        "一是**强化组织领导**，成立专班。二是*压实工作责任*，实行清单管理。\n",
        "**年度重点任务**：全面完成。要**支持**民营企业发展。\n",
        "**说明**：带*号的指标为约束性指标。\n",
        "* 列表项 *斜体*\n",
    ],
)
def test_markdown_emphasis_around_words_is_silent(tmp_path: Path, text: str) -> None:
    assert lint(tmp_path, text, "draft.md", "--select", "placeholder") == []


@pytest.mark.parametrize(
    "text",
    [
        "| 指标 | 数值 |\n| --- | --- |\n| 地区生产总值 | 1305* |\n\n注：标*的为快报数。\n",
        "地区生产总值1305*，固定资产投资568.2*。\n*注：以上数据截至9月底。\n",
        "带*号的栏目为必填项。\n",
    ],
)
@pytest.mark.parametrize("name", ["draft.txt", "draft.md"])
def test_footnote_stars_are_not_placeholders(tmp_path: Path, text: str, name: str) -> None:
    assert lint(tmp_path, text, name, "--select", "PH101") == []


@pytest.mark.parametrize("name", ["draft.txt", "draft.md"])
def test_unfilled_document_numbers(tmp_path: Path, name: str) -> None:
    text = "根据某政发〔2026〕*号和县政府办〔2026〕**号文件要求。\n"
    assert spans(lint(tmp_path, text, name, "--select", "PH101"), "PH101") == [
        (1, 12, 13),
        (1, 25, 27),
    ]


# --- single × in a number slot --------------------------------------------------------------


def test_single_times_sign_in_number_slots(tmp_path: Path) -> None:
    text = "我局共约谈×人，整改问题×项，共×次开展督查，印发第×期简报，某政发〔2026〕×号。\n"
    found = spans(lint(tmp_path, text, "draft.txt", "--select", "PH102"), "PH102")
    assert [c for _l, c, _e in found] == [6, 13, 17, 27, 41]


@pytest.mark.parametrize(
    "text",
    [
        "举办4×100米接力赛，采用3×3矩阵布置。\n",
        "实施“数据要素×”三年行动计划，推进数据要素×交通运输场景应用。\n",
        "配备×光安检机。\n",
    ],
)
def test_multiplication_and_names_with_times_sign_stay_silent(tmp_path: Path, text: str) -> None:
    assert lint(tmp_path, text, "draft.txt", "--select", "placeholder") == []


# --- anonymised names -----------------------------------------------------------------------


def test_anonymised_names_are_not_placeholders(tmp_path: Path) -> None:
    text = "原副局长张某某违规收受礼金，刘某、赵某某同志分别受到诫勉谈话。\n"
    assert lint(tmp_path, text, "draft.txt", "--select", "placeholder") == []


def test_a_bare_mouxx_where_a_name_belongs_is_still_reported(tmp_path: Path) -> None:
    text = "由某某负责组织实施，联系人：某某。\n"
    found = spans(lint(tmp_path, text, "draft.txt", "--select", "PH104"), "PH104")
    assert found == [(1, 2, 4), (1, 15, 17)]


# --- empty brackets -------------------------------------------------------------------------


def test_empty_brackets_do_not_match_across_a_line_break(tmp_path: Path) -> None:
    diags = lint(
        tmp_path, "请于（\n）前报送。\n请于（　）前报送。\n", "draft.txt", "--select", "PH107"
    )
    assert [(d["line"], d["end_line"]) for d in diags] == [(3, 3)]
    assert all("\n" not in d["message"] for d in diags)
