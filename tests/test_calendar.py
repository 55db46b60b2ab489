"""rules/calendar.yaml: the bundled facts, and errors that name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.calendar import CalendarError, describe, load_calendar, parse_calendar, plan_years
from lint.ruleset import default_rule_files, expand_rule_paths
from tests.helpers import run_cli


def test_bundled_calendar_has_sourced_contiguous_plans() -> None:
    cal = load_calendar()
    names = [p.name for p in cal.plans]
    assert names == ["十一五", "十二五", "十三五", "十四五", "十五五"]
    for a, b in zip(cal.plans, cal.plans[1:], strict=False):
        assert b.first == a.last + 1
    assert cal.plan("十四五") is not None and (
        cal.plan("十四五").first,
        cal.plan("十四五").last,
    ) == (2021, 2025)  # type: ignore[union-attr]
    for section in ("plans", "meetings", "campaigns", "anniversaries", "year-labels"):
        for entry in cal.section(section):
            assert entry.source.strip(), entry


def test_year_labels_and_unconfirmed_meeting() -> None:
    cal = load_calendar()
    assert "“十五五”开局之年" in cal.labels_of(2026)
    assert cal.labels_of(1990) == ()
    fifth = next(m for m in cal.meetings if m.name == "二十届五中全会")
    assert not fifth.confirmed
    assert "未经来源证实" in describe(fifth)


def test_describe_every_section() -> None:
    cal = parse_calendar(
        "plans:\n  - {name: 十四五, years: [2021, 2025], outline: 2021-03-11, source: s}\n"
        "meetings:\n  - {name: 一日会, start: 2024-07-15, adopted: 通过决定, source: s}\n"
        "  - {name: 多日会, start: 2024-07-15, end: 2024-07-18, source: s}\n"
        "campaigns:\n  - {name: 教育, start: 2023-04-01, end: 2024-01-31, patterns: [教育],"
        " source: s, confirmed: false}\n"
        "anniversaries:\n  - {name: 建党, date: 1921-07-01, aliases: [建党], source: s}\n"
        "year-labels:\n  - {year: 2026, labels: [甲, 乙], source: s}\n",
        "cal.yaml",
    )
    assert [describe(e) for e in (*cal.plans, *cal.meetings)] == [
        "“十四五”时期：2021—2025年，规划纲要2021年3月11日批准",
        "一日会：2024年7月15日，通过决定",
        "多日会：2024年7月15日至2024年7月18日",
    ]
    # Every kind of fact says when no source confirms it, not only meetings.
    assert describe(cal.campaigns[0]) == (
        "教育：2023年4月1日至2024年1月31日（未经来源证实，不作为报错依据）"
    )
    assert describe(cal.anniversaries[0]) == "建党：1921年7月1日"
    assert describe(cal.year_labels[0]) == "2026年：甲；乙"
    assert cal.meetings[0].aliases == ("一日会",) and cal.meetings[0].line == 4


def test_plan_years_arithmetic() -> None:
    assert plan_years("十五五") == (2026, 2030)
    assert plan_years("十一五") == (2006, 2010)
    assert plan_years("五年") is None


def test_calendar_is_not_a_rule_file(tmp_path: Path) -> None:
    assert all(f.name != "calendar.yaml" for f in default_rule_files())
    (tmp_path / "calendar.yaml").write_text("plans: []\n", encoding="utf-8")
    (tmp_path / "mine.yaml").write_text("rules: []\n", encoding="utf-8")
    assert [p.name for p in expand_rule_paths([tmp_path])] == ["mine.yaml"]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("plans:\n  - name: 十四五\n    years: [2021, 2026]\n    source: x\n", 3, "2021—2025"),
        ("plans:\n  - name: 十四五\n    years: [2021, 2025]\n", 2, "缺少必填键 “source”"),
        ("meetings:\n  - name: 会\n    start: 2024-13-01\n    source: x\n", 3, "日期无效"),
        ("meetings:\n  - name: 会\n    start: soon\n    source: x\n", 3, "YYYY-MM-DD"),
        (
            "meetings:\n  - name: 会\n    start: 2024-01-01\n    when: x\n    source: x\n",
            4,
            "未知的键",
        ),
        (
            "campaigns:\n  - name: 甲\n    patterns: ['(']\n    start: 2024-01-01\n"
            "    end: 2024-02-01\n    source: x\n",
            3,
            "正则表达式",
        ),
        (
            "anniversaries:\n  - {name: 甲, date: 1921-07-01, aliases: [甲], source: x}\n"
            "  - {name: 甲, date: 1921-07-01, aliases: [甲], source: x}\n",
            3,
            "重复",
        ),
        ("year-labels:\n  - {year: 26, labels: [x], source: y}\n", 2, "四位年份"),
        ("holidays: []\n", 1, "未知的顶层键"),
        ("plans: [\n", 2, "YAML"),
    ],
)
def test_errors_name_file_and_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(CalendarError) as info:
        parse_calendar(text, "cal.yaml")
    message = str(info.value)
    assert message.startswith(f"cal.yaml:{line}:"), message
    assert fragment in message


def test_explain_shows_the_facts_a_rule_uses() -> None:
    code, out, _ = run_cli("--explain", "FM904")
    assert code == 0
    # the calendar as shipped, not where this checkout or install happens to live
    assert "依据的日期事实（rules/calendar.yaml）：" in out
    assert "中国共产党成立：1921年7月1日" in out
    assert "来源：2021年《政府工作报告》" in out
