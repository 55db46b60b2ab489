"""The `past-year` kind: last year's targets written as this year's task."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_json


def _codes(tmp_path: Path, text: str, as_of: str) -> list[str]:
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    rc, diags = run_json("--isolated", "--select", "FM905", "--as-of", as_of, str(draft))
    assert rc in (0, 1)
    return [d["code"] for d in diags]


@pytest.mark.parametrize(
    "text",
    [
        "确保完成2025年各项目标任务。",
        "各位代表！完成好2025年各项工作任务，意义重大。",
        "全力以赴冲刺2025年全年目标。",
        "坚决完成２０２５年度重点任务。",
        "确保2025年经济社会发展目标任务圆满完成。",
        "要抓好2025年重点工作落实。",
    ],
)
def test_last_years_targets_as_a_task(tmp_path: Path, text: str) -> None:
    assert _codes(tmp_path, text, "2026-11-26") == ["FM905"]
    assert _codes(tmp_path, text, "2025-11-26") == []


@pytest.mark.parametrize(
    "text",
    [
        "2025年，我们确保完成各项目标任务。",
        "一年来，我们全力做好2025年各项工作。",
        "确保完成了2025年各项目标任务。",
        "2025年确保完成各项目标任务的经验要坚持。",
        "确保2025年以来出台的政策落地见效。",
        "确保2021—2025年规划目标任务完成。",
        "确保完成2026年各项目标任务。",
        "回顾2025年，我们全力完成2025年目标任务。",
    ],
)
def test_reviews_stay_silent(tmp_path: Path, text: str) -> None:
    assert _codes(tmp_path, text, "2026-11-26") == []
