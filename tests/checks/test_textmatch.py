"""lint.checks.textmatch: the parts that keep big and hostile input linear."""

from __future__ import annotations

import datetime as dt

from lint.document import Document
from lint.engine import Engine
from lint.ruleset import parse_rules

DAY = dt.date(2026, 11, 26)


def _engine(body: str) -> Engine:
    head = "category: residue\nrules:\n  - code: ZZ901\n    name: probe\n"
    head += '    kind: existence\n    severity: warning\n    message: "“{match}”"\n'
    head += '    examples: {bad: ["x"], good: ["y"]}\n'
    return Engine(parse_rules(head + body, "probe.yaml"))


def _spans(engine: Engine, text: str) -> list[tuple[int, int, int, int]]:
    doc = Document("a.txt", text)
    return [
        (d.line, d.column, d.end_line, d.end_column) for d in engine.check(doc, DAY).diagnostics
    ]


def test_repeated_to_end_lists_are_reported_once() -> None:
    engine = _engine('    tokens: ["推荐阅读"]\n    scope: to-end\n')
    text = "正文。\n推荐阅读\n甲\n推荐阅读\n乙\n" * 3
    result = engine.check(Document("a.txt", text), DAY)
    assert [(d.line, d.column, d.end_line, d.end_column) for d in result.diagnostics] == [
        (2, 1, 15, 3)
    ]
    assert result.diagnostics[0].text == text[4:]


def test_line_start_on_a_long_line() -> None:
    engine = _engine('    tokens: ["来源"]\n    line-start: true\n')
    text = "\u3000\u3000来源:网络" + "正文" * 200_000 + "来源\n来源:某网\n"
    assert _spans(engine, text) == [(1, 3, 1, 5), (2, 1, 2, 3)]


def test_max_line_length_counts_the_trimmed_line() -> None:
    engine = _engine('    tokens: ["点击下载"]\n    max-line-length: 6\n')
    text = "  \u3000点击下载文档\u00a0 \n点击下载全文后阅读\n" + "x" * 100_000 + "点击下载\n"
    assert _spans(engine, text) == [(1, 4, 1, 8)]


def test_filter_regexes_share_the_rules_time_budget() -> None:
    # `unless` is tried for every candidate; with a pattern that backtracks badly each call is
    # slow, and together they exhaust the rule's budget: reported once, the run completes.
    engine = _engine("    tokens: [\"召开\"]\n    unless: ['(a|aa)+$']\n")
    engine.regex_timeout = 0.2
    text = ("a" * 28 + "召开。\n") * 200
    result = engine.check(Document("a.txt", text), DAY)
    assert [code for code, _ in result.problems] == ["ZZ901"]
    # The rule was cut off: none of its findings are reported, not the ones found in time.
    assert result.diagnostics == []
    assert result.incomplete == ["ZZ901"]


def test_anchored_patterns_see_through_ordered_list_markers_in_markdown() -> None:
    engine = _engine("    patterns: ['(?m)^[ \\t]*推荐阅读[ \\t]*$']\n")
    text = "正文。\n\n1. 推荐阅读\n2) 推荐阅读\n"
    doc = Document("a.md", text, kind="markdown")
    found = [(d.line, d.column) for d in engine.check(doc, DAY).diagnostics]
    assert found == [(3, 1), (4, 1)]
    # plain text keeps `1.` as text: a numbered line is not a bare heading
    assert _spans(engine, text) == []
    # unanchored patterns scan the text as it is: the marker is not blanked for them
    engine = _engine("    patterns: ['[0-9][.]\\s推荐']\n")
    doc = Document("a.md", text, kind="markdown")
    assert [d.line for d in engine.check(doc, DAY).diagnostics] == [3]
