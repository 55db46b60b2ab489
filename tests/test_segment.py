"""jieba is loaded only for candidates that need it, and segments the same either way."""

from __future__ import annotations

import datetime as dt

from lint.document import Document
from lint.engine import Engine
from lint.ruleset import load_ruleset, parse_rules
from lint.segment import Segmenter

DAY = dt.date(2026, 11, 26)

_BOUNDARY_RULE = """
category: typo
rules:
  - code: ZZ901
    name: word-boundary-probe
    kind: existence
    severity: warning
    message: "“{match}”"
    tokens: ["学习"]
    boundary: word
    examples: {bad: ["我们学习文件"], good: ["数学习题"]}
"""

CLEAN = (
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
    "现将有关事项通知如下。本通知自印发之日起施行。\n"
)


def test_a_clean_file_never_loads_jieba() -> None:
    engine = Engine(load_ruleset())
    result = engine.check(Document("clean.txt", CLEAN), DAY)
    assert result.diagnostics == []
    assert engine.segmenter.loads == 0
    assert engine.segmenter.sentences == 0


def test_a_boundary_candidate_loads_jieba_once_and_segments_only_its_sentence() -> None:
    engine = Engine(parse_rules(_BOUNDARY_RULE, "probe.yaml"))
    text = "数学习题做完了。\n我们学习文件。\n再次学习文件。\n"
    result = engine.check(Document("d.txt", text), DAY)
    assert [(d.line, d.column, d.end_column) for d in result.diagnostics] == [
        (2, 3, 5),
        (3, 3, 5),
    ]
    assert engine.segmenter.loads == 1
    assert engine.segmenter.sentences == 3


def test_no_candidate_no_jieba_even_with_a_boundary_rule() -> None:
    engine = Engine(parse_rules(_BOUNDARY_RULE, "probe.yaml"))
    engine.check(Document("d.txt", CLEAN), DAY)
    assert engine.segmenter.loads == 0


def test_boundaries_and_tags() -> None:
    seg = Segmenter()
    assert seg.boundaries("学习的的文件") == frozenset({0, 2, 3, 4, 6})
    assert seg.tagged("学习的的文件") == [("学习", "v"), ("的", "uj"), ("的", "uj"), ("文件", "n")]
    assert seg.loads == 1
