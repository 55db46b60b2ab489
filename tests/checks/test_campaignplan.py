"""The `campaign-plan` kind: this year's plan scheduling a campaign that ended."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import lint_dated

PLAN = "2025年机关党建工作要点\n\n{body}\n"


def _codes(tmp_path: Path, text: str, as_of: str) -> list[str]:
    return [d["code"] for d in lint_dated(tmp_path, text, "FM3", as_of)]


def test_plan_in_the_grace_months(tmp_path: Path) -> None:
    text = PLAN.format(body="一、扎实开展党纪学习教育，引导党员干部学纪知纪明纪守纪。")
    # February 2025: FM309 spares first-quarter reviews, FM311 reports the plan
    assert _codes(tmp_path, text, "2025-02-10") == ["FM311"]
    # from April the campaign rule reports it (one finding, not two)
    assert _codes(tmp_path, text, "2025-05-10") == ["FM309"]


def test_a_review_in_the_grace_months_stays_silent(tmp_path: Path) -> None:
    text = "2024年工作总结\n\n扎实开展党纪学习教育，查摆问题12个。\n"
    assert _codes(tmp_path, text, "2025-01-10") == []


@pytest.mark.parametrize(
    "title",
    [
        "关于印发《2025年党风廉政建设工作要点》的通知",
        "2025年度理论学习中心组学习计划",
        "XX局2025年党建工作实施方案",
    ],
)
def test_plan_titles(tmp_path: Path, title: str) -> None:
    text = f"{title}\n\n持续深化党纪学习教育。\n"
    assert _codes(tmp_path, text, "2025-03-01") == ["FM311"]


@pytest.mark.parametrize(
    "body",
    [
        "巩固拓展党纪学习教育成果。",
        "推动党纪学习教育常态化长效化。",
        "党纪学习教育开展以来形成的制度要坚持。",
        "2024年党纪学习教育中查摆的问题要整改到位。",
    ],
)
def test_aftermath_stays_silent(tmp_path: Path, body: str) -> None:
    assert _codes(tmp_path, PLAN.format(body=body), "2025-02-10") == []


def test_next_years_plan_written_in_december(tmp_path: Path) -> None:
    text = "2026年党建工作要点\n\n深入开展深入贯彻中央八项规定精神学习教育。\n"
    assert _codes(tmp_path, text, "2025-12-20") == ["FM311"]
    assert _codes(tmp_path, text, "2025-06-20") == []
