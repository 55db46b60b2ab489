"""The `plan-period` kind: an ended plan carried forward, the next plan's drafting as a task."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import lint_dated, run_json

LATE_2026 = "2026-11-26"


def _codes(tmp_path: Path, text: str, as_of: str = LATE_2026) -> list[str]:
    return [d["code"] for d in lint_dated(tmp_path, text, "FM411,FM412,FM414", as_of)]


@pytest.mark.parametrize(
    "text",
    [
        "围绕“十四五”规划确定的目标任务，狠抓工作落实。",
        "对标“十四五”规划纲要，逐项梳理未完成指标。",
        "全力冲刺“十四五”规划目标，确保各项指标全面达标。",
        "力争“十四五”时期主要指标圆满完成。",
        "“十四五”期间要重点抓好三件事。",
        "奋力打赢“十四五”收官战。",
        "我们将以更大力度推动“十四五”规划落地见效。",
        "确保本地区“十四五”规划目标任务如期完成。",
        "实施好第十四个五年规划，推动高质量发展。",
        "主要预期目标是：地区生产总值增长5%左右，单位生产总值能耗完成“十四五”考核目标。",
        "年度目标与“十四五”规划目标相衔接。",
        # the wrap-up as the purpose of the clause
        "深入贯彻党的二十大精神，为“十四五”规划圆满收官提供坚强保证。",
        "要坚持问题导向，为“十四五”圆满收官交上满意答卷。",
        "当前，我市正处于“十四五”规划实施的关键时期。",
        "开启“十四五”新征程，奋力谱写新篇章。",
    ],
)
def test_ended_plan_carried_forward(tmp_path: Path, text: str) -> None:
    assert _codes(tmp_path, text) == ["FM412"]
    # the same sentence was right while the plan ran
    assert _codes(tmp_path, text, "2024-06-01") == []


@pytest.mark.parametrize(
    "text",
    [
        "“十四五”时期，全县累计完成固定资产投资860亿元。",
        "“十四五”以来，我市新增高新技术企业312家。",
        "“十四五”期间，全县森林覆盖率提高2.1个百分点。",
        "2025年，我们全力打好“十四五”收官战，主要指标全面完成。",
        "回顾“十四五”，我们推进规划实施，成效显著。",
        "我局已圆满完成“十四五”规划确定的各项任务。",
        "提前一年完成“十四五”节能目标。",
        "超额完成“十四五”目标任务。",
        "“十四五”规划目标任务圆满完成，“十五五”实现良好开局。",
        "贯彻落实《“十四五”国家应急体系规划》，提升应急能力。",
        "落实“十四五”国家老龄事业发展和养老服务体系规划，完善养老服务网络。",
        "按照“十四五”文物保护和科技创新规划要求，做好文物保护工作。",
        "今年是“十四五”规划收官之年。",
        "深入推进“十五五”规划实施。",
        "过去五年，我们推进“十四五”规划实施，经济实力跃上新台阶。",
    ],
)
def test_look_backs_and_plans_in_force_stay_silent(tmp_path: Path, text: str) -> None:
    assert _codes(tmp_path, text) == []


def test_earlier_plans_use_their_own_rule(tmp_path: Path) -> None:
    assert _codes(tmp_path, "“十二五”时期要着力推进结构调整。", "2016-05-01") == ["FM411"]
    assert _codes(tmp_path, "“十二五”时期要着力推进结构调整。", "2013-05-01") == []


@pytest.mark.parametrize(
    "text",
    [
        "高质量编制全省经济社会发展“十五五”规划。",
        "高水平编制符合实际、引领发展的“十五五”规划。",
        "扎实做好“十五五”规划纲要编制工作。",
        "结合“十五五”规划编制，谋划储备一批重大项目。",
        "科学谋划“十五五”经济社会发展。",
        "为实现“十五五”良好开局打牢基础。",
    ],
)
def test_drafting_after_the_outline_was_adopted(tmp_path: Path, text: str) -> None:
    assert _codes(tmp_path, text, "2026-03-12") == ["FM414"]
    assert _codes(tmp_path, text, "2025-06-01") == []


@pytest.mark.parametrize(
    "text",
    [
        "编制“十五五”综合交通运输发展规划。",
        "编制西部大开发“十五五”规划。",
        "及早谋划“十五五”重大项目。",
        "“十五五”规划纲要已经市人代会审议通过。",
        "2025年，我市高质量编制“十五五”规划。",
        "确保“十五五”开好局、起好步。",
        "推动一批重大项目纳入国家“十五五”规划。",
    ],
)
def test_drafting_not_reported(tmp_path: Path, text: str) -> None:
    assert _codes(tmp_path, text, "2026-11-26") == []


def test_drafting_waits_for_the_outline_day(tmp_path: Path) -> None:
    text = "高质量编制“十五五”规划。"
    assert _codes(tmp_path, text, "2026-03-11") == []
    assert _codes(tmp_path, text, "2026-03-12") == ["FM414"]


def test_message_names_the_periods(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("扎实推进“十四五”规划实施。", encoding="utf-8")
    _, diags = run_json("--isolated", "--select", "FM412", "--as-of", LATE_2026, str(draft))
    (d,) = diags
    assert "“十四五”时期（2021—2025年）已结束" in d["message"]
    assert "当前为“十五五”时期（2026—2030年）" in d["message"]
    assert d["text"] == "“十四五”" if "text" in d else True


def test_a_plan_as_yardstick_is_not_carried_forward(tmp_path: Path) -> None:
    # 2021年《政府工作报告》: the previous period is what the new one is measured against
    text = "研发经费投入年均增长7%以上、力争投入强度高于“十三五”时期实际。"
    assert _codes(tmp_path, text, "2021-03-05") == []


def test_what_a_past_year_laid_for_the_period_end_is_a_look_back(tmp_path: Path) -> None:
    # 2025年上海市政府工作报告, reviewing 2024
    text = "新增公园141座、累计达到973座，为“十四五”末建成千座公园城市打下扎实基础。"
    assert _codes(tmp_path, text) == []
    assert _codes(tmp_path, "力争“十四五”末建成千座公园。") == ["FM412"]


def test_a_year_label_is_left_to_the_year_claim_rule(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("今年是“十五五”规划编制关键期。", encoding="utf-8")
    _, diags = run_json("--isolated", "--select", "FM", "--as-of", LATE_2026, str(draft))
    assert [d["code"] for d in diags] == ["FM903"]


@pytest.mark.parametrize(
    "text",
    [
        "全县上下为“十四五”圆满收官交出了满意答卷。",
        "2021年，我们开启了“十四五”新征程。",
        "2025年，我们为“十四五”圆满收官提供了坚强保证。",
        "为“十四五”规划圆满收官提供坚强保证。",
    ],
)
def test_the_wrap_up_as_purpose_judged_by_date(tmp_path: Path, text: str) -> None:
    # done, or dated: a look-back in 2026; in 2025 the wrap-up was still ahead
    expected = ["FM412"] if text.startswith("为") else []
    assert _codes(tmp_path, text) == expected
    assert _codes(tmp_path, text, "2025-06-01") == []
