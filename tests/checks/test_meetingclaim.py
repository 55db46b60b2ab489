"""The `meeting-recency` kind: a congress or plenum called just held, or still ahead, too late."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lint.checks.meetingclaim import _Names
from lint.rule import RuleError
from lint.ruleset import load_ruleset, parse_rules
from lint.timeref import rule_facts
from tests.helpers import run_json


def _found(tmp_path: Path, text: str, as_of: str) -> list[str]:
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    rc, diags = run_json("--isolated", "--select", "FM906", "--as-of", as_of, str(draft))
    assert rc in (0, 1)
    return [d["message"].split("：")[0] for d in diags]


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("深入学习贯彻刚刚闭幕的党的二十届三中全会精神。", "“刚刚闭幕的党的二十届三中全会”"),
        ("近日胜利召开的二十届四中全会审议了“十五五”规划建议。", "“近日胜利召开的二十届四中全会”"),
        ("党的二十届四中全会日前在京闭幕。", "“党的二十届四中全会日前在京闭幕”"),
        ("以优异成绩迎接党的二十大胜利召开。", "“迎接党的二十大胜利召开”"),
        ("党的二十大召开在即，要营造良好氛围。", "“党的二十大召开在即”"),
    ],
)
def test_stale_recency_and_anticipation(tmp_path: Path, text: str, match: str) -> None:
    assert _found(tmp_path, text, "2026-12-04") == [match]


def test_recency_holds_for_half_a_year(tmp_path: Path) -> None:
    text = "深入学习贯彻刚刚闭幕的党的二十届四中全会精神。"
    assert _found(tmp_path, text, "2025-11-20") == []
    assert _found(tmp_path, text, "2026-04-20") == []  # 179 days after it closed
    assert _found(tmp_path, text, "2026-04-22") == ["“刚刚闭幕的党的二十届四中全会”"]


def test_anticipation_ends_when_the_meeting_opens(tmp_path: Path) -> None:
    text = "以优异成绩迎接党的二十大胜利召开。"
    assert _found(tmp_path, text, "2022-10-15") == []
    assert _found(tmp_path, text, "2022-10-16") == ["“迎接党的二十大胜利召开”"]


@pytest.mark.parametrize(
    "text",
    [
        "2024年7月，刚刚闭幕的党的二十届三中全会作出重大部署。",
        "深入学习贯彻刚刚闭幕的三中全会精神。",  # no session: not judged
        "党的二十届三中全会胜利召开，为改革指明了方向。",  # narrates the past
        "深入学习贯彻党的二十大精神，迎接党的二十一大召开。",
        "二十届五中全会近日召开。",  # unconfirmed in the calendar
    ],
)
def test_look_backs_and_unknown_meetings_stay_silent(tmp_path: Path, text: str) -> None:
    assert _found(tmp_path, text, "2026-12-04") == []


def test_days_must_be_a_positive_number() -> None:
    text = """category: formulation
rules:
  - code: ZZ906
    name: probe
    kind: meeting-recency
    severity: warning
    message: "{match}"
    description: "探针"
    source: "测试"
    effective: {from: 2012-01-01}
    facts: [meetings]
    days: 0
    examples: {bad: ["x"], good: ["y"]}
"""
    with pytest.raises(RuleError, match="days"):
        parse_rules(text, "probe.yaml")


@functools.cache
def _builtin_names() -> _Names:
    (rule,) = [r for r in load_ruleset() if r.kind == "meeting-recency"]
    return _Names(rule_facts(rule, "meetings"))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "刚刚",
                "近日",
                "不久前",
                "在北京",
                "在京",
                "胜利",
                "闭幕",
                "召开",
                "的",
                "党的",
                "中国共产党",
                "二十大",
                "十九大",
                "二十届三中全会",
                "第二十次全国代表大会",
                "已经",
                "即将",
                "迎接",
                "顺利",
                "在即",
                "十大",
                "全会",
                "，",
                "\n",
                "x",
            ]
        ),
        max_size=30,
    ).map("".join)
)
@example("刚刚在北京胜利闭幕的中国共产党第二十次全国代表大会")
@example("中国共产党第二十次全国代表大会已经刚刚在北京胜利闭幕")
@example("即将胜利召开的中国共产党第二十次全国代表大会")
def test_names_are_searched_around_their_anchors_as_in_the_whole_text(text: str) -> None:
    from lint.windows import windowed_matches

    names = _builtin_names()
    got = [
        (m.span(), m.groupdict())
        for m in windowed_matches(names.pattern, text, names.windows(text))
    ]
    assert got == [(m.span(), m.groupdict()) for m in names.pattern.finditer(text)]
