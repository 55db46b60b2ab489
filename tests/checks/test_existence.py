"""existence and substitution: tokens, patterns, context filters, scope and fixes."""

from __future__ import annotations

import datetime as dt

from lint.document import Document
from lint.engine import Engine
from lint.ruleset import parse_rules

DAY = dt.date(2026, 11, 26)


def _rules(body: str, category: str = "residue") -> list:
    text = f"category: {category}\nrules:\n" + body
    return parse_rules(text, "t.yaml")


def _spans(body: str, text: str) -> list[tuple[int, int, str]]:
    engine = Engine(_rules(body))
    doc = Document("d.txt", text)
    return [(d.start, d.end, d.code) for d in engine.check(doc, DAY).diagnostics]


BASE = """  - code: XX101
    name: t
    kind: existence
    severity: warning
    message: m
    examples: {bad: ["甲乙"], good: ["丙"]}
"""


def test_tokens_overlapping_and_prefixes_all_found() -> None:
    body = BASE.replace("message: m", "message: m\n    tokens: [甲乙, 甲乙丙, 乙丙]")
    assert sorted(_spans(body, "甲乙丙")) == [(0, 2, "XX101"), (0, 3, "XX101"), (1, 3, "XX101")]


def test_not_before_and_not_after() -> None:
    body = BASE.replace(
        "message: m",
        "message: m\n    tokens: [来源]\n    not-before: ['资金']\n    not-after: ['国']",
    )
    assert _spans(body, "资金来源,来源国,来源:") == [(9, 11, "XX101")]


def test_unless_and_only_if_look_at_the_sentence() -> None:
    body = BASE.replace(
        "message: m", "message: m\n    tokens: [甲]\n    only-if: ['乙']\n    unless: ['丙']"
    )
    # sentences: "甲乙。" (hit), "甲。" (no 乙), "甲乙丙。" (丙 vetoes)
    assert _spans(body, "甲乙。甲。甲乙丙。") == [(0, 1, "XX101")]


def test_line_start_and_max_line_length() -> None:
    body = BASE.replace(
        "message: m", "message: m\n    tokens: [来源]\n    line-start: true\n    max-line-length: 6"
    )
    text = "来源:日报\n  来源:很长很长很长的一行\n正文来源:x\n\u3000来源:报"
    lines = [(s, e) for s, e, _ in _spans(body, text)]
    assert lines == [(0, 2), (len(text) - 4, len(text) - 2)]


def test_scope_line_and_to_end_and_sentence() -> None:
    text = "正文。\n发布时间:2026\n尾巴。推荐阅读\n推荐阅读\n一\n二"
    body = BASE.replace("message: m", "message: m\n    tokens: [发布时间]\n    scope: line")
    assert _spans(body, text) == [(4, 13, "XX101")]
    body = BASE.replace(
        "message: m", "message: m\n    patterns: ['(?m)^推荐阅读$']\n    scope: to-end"
    )
    start = text.index("推荐阅读\n一")
    assert _spans(body, text) == [(start, len(text), "XX101")]
    body = BASE.replace("message: m", "message: m\n    tokens: [尾巴]\n    scope: sentence")
    s = text.index("尾巴")
    assert _spans(body, text) == [(s, s + 3, "XX101")]


def test_line_deletion_fix_takes_the_line_break() -> None:
    body = BASE.replace(
        "message: m",
        "message: m\n    tokens: [发布时间]\n    scope: line\n"
        "    fix: {safety: safe, replacement: ''}",
    )
    engine = Engine(_rules(body))
    text = "标题\r\n发布时间:2026\r\n正文"
    (d,) = engine.check(Document("d.txt", text), DAY).diagnostics
    assert d.fix is not None
    (edit,) = d.fix.edits
    assert text[: edit.start] + edit.replacement + text[edit.end :] == "标题\r\n正文"


def test_substitution_message_suggestion_and_fix() -> None:
    body = """  - code: XX201
    name: s
    kind: substitution
    severity: error
    message: "“{match}”应为“{replacement}”"
    swap: {再接再励: 再接再厉}
    fix: safe
    examples: {bad: ["再接再励"], good: ["再接再厉"]}
"""
    engine = Engine(_rules(body, "typo"))
    (d,) = engine.check(Document("d.txt", "仍需再接再励。"), DAY).diagnostics
    assert d.message == "“再接再励”应为“再接再厉”"
    assert d.suggestion == "再接再厉"
    assert d.fix is not None and d.fix.edits[0].replacement == "再接再厉"
    assert (d.line, d.column, d.end_line, d.end_column) == (1, 3, 1, 7)


def test_effective_window() -> None:
    body = BASE.replace(
        "message: m",
        "message: m\n    tokens: [甲]\n    effective: {from: 2020-01-01, until: 2021-01-01}",
    )
    engine = Engine(_rules(body))
    doc = Document("d.txt", "甲")
    assert not engine.check(doc, dt.date(2019, 12, 31)).diagnostics
    assert engine.check(doc, dt.date(2020, 1, 1)).diagnostics
    assert engine.check(doc, dt.date(2020, 12, 31)).diagnostics
    assert not engine.check(doc, dt.date(2021, 1, 1)).diagnostics


def test_word_boundary_uses_jieba_only_for_candidates() -> None:
    body = BASE.replace("message: m", "message: m\n    tokens: [清毒]\n    boundary: word")
    engine = Engine(_rules(body))
    clean = Document("d.txt", "全面加强防疫消毒工作。" * 50)
    assert not engine.check(clean, DAY).diagnostics
    assert engine.segmenter.loads == 0
    # "肃清毒瘤": 清毒 cuts through 肃清/毒瘤 and is rejected; standing alone it is flagged.
    assert not engine.check(Document("d.txt", "坚决肃清毒瘤。"), DAY).diagnostics
    assert engine.segmenter.loads == 1
    assert engine.check(Document("d.txt", "及时清毒,防止传播。"), DAY).diagnostics


def test_shadow_drops_other_rules_findings_inside_the_span() -> None:
    body = BASE.replace(
        "message: m",
        "message: m\n    patterns: ['(?m)^推荐阅读$']\n    scope: to-end\n    shadow: true",
    ) + BASE.replace("XX101", "XX102").replace("name: t", "name: u").replace(
        "message: m", "message: m\n    tokens: [逗号]"
    )
    text = "正文逗号。\n推荐阅读\n广告逗号\n"
    spans = _spans(body, text)
    # The body's 逗号 stays; the one inside the teaser block is not reported separately.
    assert spans == [(2, 4, "XX102"), (6, len(text), "XX101")]


def test_fix_edit_positions_end_at_the_next_line_for_deleted_lines() -> None:
    body = BASE.replace(
        "message: m",
        "message: m\n    tokens: [发布时间]\n    scope: line\n"
        "    fix: {safety: safe, replacement: ''}",
    )
    engine = Engine(_rules(body))
    (d,) = engine.check(Document("d.txt", "标题\n发布时间:2026\n正文"), DAY).diagnostics
    (edit,) = d.to_json()["fix"]
    assert (edit["line"], edit["column"], edit["end_line"], edit["end_column"]) == (2, 1, 3, 1)
    assert (d.end_line, d.end_column) == (2, 10)
