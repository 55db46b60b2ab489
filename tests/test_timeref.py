"""Numbers, years and look-back markers read from Chinese text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lint.calendar import load_calendar
from lint.timeref import number_value, past_year_in, plan_of, year_value
from tests.helpers import run_cli


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("75", 75),
        ("７７", 77),
        ("七十五", 75),
        ("一百零五", 105),
        ("一百", 100),
        ("十", 10),
        ("一〇五", 105),
        ("四十", 40),
        ("两", 2),
        ("周年", None),
        ("", None),
    ],
)
def test_number_value(text: str, value: int | None) -> None:
    assert number_value(text) == value


def test_year_value() -> None:
    assert year_value("二〇二六") == 2026
    assert year_value("２０２５") == 2025
    assert year_value("七十五") is None


def test_plan_of_full_name() -> None:
    cal = load_calendar()
    assert plan_of("第十四个五年规划", cal) == cal.plan("十四五")
    assert plan_of("十五五", cal) == cal.plan("十五五")


def test_past_year_in() -> None:
    assert past_year_in("2025年，我们完成了任务", 2026)
    assert not past_year_in("2026年要完成任务", 2026)
    assert not past_year_in("2025年以来", 2026)


def test_a_rule_naming_an_unknown_fact_is_refused(tmp_path: Path) -> None:
    rules = tmp_path / "mine.yaml"
    rules.write_text(
        "category: formulation\n"
        "rules:\n"
        "  - code: ZZ901\n"
        "    name: my-plan\n"
        "    kind: plan-period\n"
        "    check: current\n"
        "    severity: warning\n"
        "    message: x\n"
        "    source: y\n"
        "    effective: {from: 2026-01-01}\n"
        "    facts: [plans:十七五]\n"
        "    examples: {bad: [a], good: [b]}\n",
        encoding="utf-8",
    )
    code, _, err = run_cli("--rules", str(rules), "--isolated", str(rules))
    assert code == 2
    assert f"{rules}:11:" in err and "十七五" in err
    assert "Traceback" not in err


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "十四五",
                "十五五",
                "第十四个五年规划",
                "第十五个五年计划",
                "五",
                "十",
                "第",
                "个",
                "年",
                "x",
            ]
        ),
        max_size=20,
    ).map("".join)
)
@example("第十四个五年规划十五五第十第十五个五年计划")
def test_plan_names_are_tried_where_one_can_start(text: str) -> None:
    import regex

    from lint.timeref import PLAN_NAME, plan_name_starts
    from lint.windows import anchored_matches

    pattern = regex.compile(PLAN_NAME)
    got = [m.span() for m in anchored_matches(pattern, text, plan_name_starts(text))]
    assert got == [m.span() for m in pattern.finditer(text)]
