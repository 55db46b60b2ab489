"""repetition: doubled characters across a word boundary, reduplication left alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lint.checks.repetition import _RUN, run_pattern
from lint.document import Document
from lint.engine import Engine
from lint.model import Edit, Fix
from lint.rule import RuleError
from lint.ruleset import load_ruleset, parse_rules
from lint.segment import Segmenter
from tests.helpers import run_json

DAY = dt.date(2026, 11, 26)

RULE = """category: typo
rules:
  - code: XR101
    name: rep
    kind: repetition
    severity: warning
    message: "{match}/{replacement}"
    ignore-chars: "一二"
    double-tags: [u, p, c, r, d]
    before-word-tags: [r, d+d]
    allow: [人人, 了了解]
    fix: unsafe
    examples: {bad: ["学习的的重要性"], good: ["人人参与"]}
"""


def _engine(body: str = RULE, segmenter: Segmenter | None = None) -> Engine:
    return Engine(parse_rules(body, "t.yaml"), segmenter=segmenter)


def _found(text: str, body: str = RULE) -> list[tuple[int, int, int, str]]:
    result = _engine(body).check(Document("d.txt", text), DAY)
    return [(d.line, d.column, d.end_column, d.text) for d in result.diagnostics]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("抢救性保护和林森别别墅、彭氏民居", [(1, 9, 11, "别别")]),
        ("加强学习的的重要性", [(1, 5, 7, "的的")]),
        ("我们在在这里开会", [(1, 3, 5, "在在")]),
        ("坚持不不断推进", [(1, 3, 5, "不不")]),
        ("第一行\n形成了了了良好风气", [(2, 3, 6, "了了了")]),
    ],
)
def test_stray_doubles_are_reported(text: str, expected: list[tuple[int, int, int, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "形成了人人参与的格局",  # allow list
        "领导之间增进了了解",  # allow phrase
        "层层分解,常常过问",  # jieba keeps the word whole
        "扎扎实实推进",  # AABB
        "改进工作作风",  # two words meeting
        "加强食品安全全链条监管",  # a word ending in the character, then a prefix
        "洗洗澡、治治病",  # verb reduplication
        "陕煤煤炭分质利用",  # an abbreviation jieba does not know
        "团结和和平",  # a conjunction before a word starting with it
        "实现一一对应",  # ignore-chars
    ],
)
def test_real_reduplication_and_word_meetings_are_not_reported(text: str) -> None:
    assert _found(text) == []


def test_fix_keeps_one_character_and_is_unsafe() -> None:
    result = _engine().check(Document("d.txt", "林森别别墅"), DAY)
    (d,) = result.diagnostics
    assert d.fix == Fix((Edit(3, 4, ""),), "unsafe")
    assert d.message == "别别/别"


def test_no_fix_unless_the_rule_asks_for_one() -> None:
    result = _engine(RULE.replace("    fix: unsafe\n", "")).check(
        Document("d.txt", "林森别别墅"), DAY
    )
    assert [d.fix for d in result.diagnostics] == [None]


def test_jieba_is_not_loaded_for_text_the_allow_list_clears() -> None:
    seg = Segmenter()
    engine = _engine(segmenter=seg)
    engine.check(Document("d.txt", "人人参与,增进了了解,扎扎实实,二二"), DAY)
    assert seg.loads == 0
    engine.check(Document("d.txt", "学习的的重要性"), DAY)
    assert seg.loads == 1


def test_default_rule_on_clean_text_without_doubles_never_loads_jieba() -> None:
    rules = [r for r in load_ruleset() if r.kind == "repetition"]
    seg = Segmenter()
    Engine(rules, segmenter=seg).check(
        Document("d.txt", "做到人人有责任、事事有人管、时时有人抓"), DAY
    )
    assert seg.loads == 0


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("    allow: [人才]", "allow"),
        ("    allow: 人人", "allow"),
        ("    double-tags: [d+d]", "double-tags"),
        ("    before-word-tags: [R]", "before-word-tags"),
        ("    ignore-chars: [一]", "ignore-chars"),
    ],
)
def test_bad_keys_are_rejected(line: str, key: str) -> None:
    prefix = line.split(":")[0] + ":"
    body = "\n".join(line if raw.startswith(prefix) else raw for raw in RULE.splitlines())
    with pytest.raises(RuleError, match=f"键 “{key}”"):
        parse_rules(body, "t.yaml")


def test_cli_finds_the_seed_double(seed_path: Path) -> None:
    code, found = run_json("--select", "TY108", str(seed_path))
    assert code == 1
    assert [(d["line"], d["column"], d["end_column"]) for d in found] == [(112, 202, 204)]
    assert found[0]["fix"][0]["safety"] == "unsafe"


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("的的了人一二aa 在在，\n")), max_size=40),
    st.sets(st.sampled_from(list("的了一人a")), max_size=4),
    st.sets(st.sampled_from(list("的一二a")), max_size=3),
)
@example("的的的一一人人了了a", {"的", "一", "a"}, {"一"})
def test_run_pattern_finds_the_runs_the_han_pattern_keeps(
    text: str, chars: set[str], ignore: set[str]
) -> None:
    # The definition run_pattern stands for: every run of a doubled Han character, kept
    # when its character is allowed.
    reference = [
        m.span()
        for m in _RUN.finditer(text)
        if m.group(1) not in ignore and (not chars or m.group(1) in chars)
    ]
    found = [m.span() for m in run_pattern(frozenset(chars), frozenset(ignore)).finditer(text)]
    if chars:
        assert found == reference
    else:  # without `chars`, `ignore` is left to the caller
        assert [s for s in found if text[s[0]] not in ignore] == reference
