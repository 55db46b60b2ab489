"""`enumeration` rules NB111-NB113: in-text ordinals, with exact positions."""

from __future__ import annotations

import datetime as dt

from lint.document import Document
from lint.engine import Engine, select_rules
from lint.ordinals import ordinals_by_section, runs
from lint.ruleset import load_ruleset
from tests.helpers import run_json

DAY = dt.date(2026, 11, 26)
ENGINE = Engine(select_rules(load_ruleset(), ["NB111", "NB112", "NB113", "NB114"]))


def _where(text: str) -> list[tuple[int, int, int, str, str]]:
    found = ENGINE.check(Document("d.txt", text), DAY).diagnostics
    return [(d.line, d.column, d.end_column, d.code, d.message) for d in found]


def test_gap_in_yishi_series() -> None:
    assert _where("  一是加强领导。二是明确责任。四是强化督查。\n") == [
        (1, 17, 19, "NB111", "段内列举“四是”跳号：前一项是“二是”，此处应为“三是”")
    ]


def test_gap_across_paragraphs_of_one_section() -> None:
    text = "一、甲\n一是加强领导。\n二是明确责任。\n四是强化督查。\n"
    assert [w[:4] for w in _where(text)] == [(4, 1, 3, "NB111")]


def test_circled_gap_and_headings_not_counted_twice() -> None:
    text = "主要有：①补充设备；②组织培训；④建设中心。\n"
    assert [w[:4] for w in _where(text)] == [(1, 17, 18, "NB111")]
    assert _where("①甲\n②乙\n③丙\n") == []


def test_duplicate_and_restart() -> None:
    assert [w[:4] for w in _where("一是甲。二是乙。二是丙。\n")] == [(1, 9, 11, "NB112")]
    assert _where("一是甲。二是乙。一是丙。二是丁。\n") == []


def test_mixed_series() -> None:
    assert _where("第一，加强领导。二是明确责任。\n") == [
        (1, 9, 11, "NB113", "段内列举序次语混用：前一项用“第一”，此处用“二是”")
    ]
    text = "首先要统一思想，其次要明确责任，第三，要强化督查。\n"
    assert [w[:4] for w in _where(text)] == [(1, 17, 19, "NB113")]


def test_nested_series_of_another_family_is_fine() -> None:
    text = "一是加强领导，要做到：第一，健全机制；第二，压实责任。二是明确责任。三是强化督查。\n"
    assert _where(text) == []


def test_words_are_not_ordinals() -> None:
    text = "祖国统一是大势所趋。唯一是指。第一、第二产业增长。第一次会议。再次强调三是。\n"
    doc = Document("d.txt", text)
    families = [(o.family, o.number) for _s, items in ordinals_by_section(doc) for o in items]
    assert families == []


def test_sections_separate_series() -> None:
    text = "（一）甲\n一是读书。二是演讲。\n（二）乙\n二是前述工作的延续。\n"
    assert _where(text) == []
    doc = Document("d.txt", text)
    assert [[o.text for o in r.items] for r in runs(doc)] == [["一是", "二是"]]


def test_seed_lists_are_consistent(seed_path) -> None:
    code, found = run_json(
        "--select", "NB111,NB112,NB113,NB114", "--fail-on", "info", str(seed_path)
    )
    assert (code, found) == (0, [])


def test_one_mistyped_ordinal_is_reported_once() -> None:
    assert [w[:4] for w in _where("一是甲。三是乙。三是丙。四是丁。\n")] == [(1, 5, 7, "NB111")]
    assert [w[:4] for w in _where("一是甲。二是乙。二是丙。四是丁。\n")] == [(1, 9, 11, "NB112")]


def test_marks_after_in_text_ordinals_with_safe_fixes() -> None:
    text = "第一、加强领导。二是：明确责任。\n"
    found = ENGINE.check(Document("d.txt", text), DAY).diagnostics
    got = [(d.line, d.column, d.end_column, d.code, d.suggestion) for d in found]
    assert got == [(1, 1, 4, "NB114", "第一，"), (1, 9, 12, "NB114", "二是")]
    for d in found:
        assert d.fix is not None and d.fix.safety == "safe"
        (edit,) = d.fix.edits
        assert edit.end - edit.start == 1


def test_listed_ordinals_and_words_keep_their_marks() -> None:
    text = "第一、第二产业增长。坚持质量第一、效益优先。审判第一、二、三庭。\n"
    assert _where(text) == []
