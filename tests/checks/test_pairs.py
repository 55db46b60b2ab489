"""pairs: balanced paired punctuation per paragraph, reporting the unmatched mark itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lint.checks.pairs import _CompiledPairs
from lint.document import Document
from lint.engine import Engine, select_rules
from lint.rule import RuleError
from lint.ruleset import load_ruleset, parse_rules
from lint.sources.markdown import markdown_document
from tests.helpers import run_cli, run_json

DAY = dt.date(2026, 11, 26)

RULE = """category: punctuation
rules:
  - code: XP101
    name: pairs
    kind: pairs
    severity: warning
    message: "{match} 缺 {partner}"
    pairs: ["“”", "《》", "（）", "()", "(）", "（)", "【】", "〔〕"]
    enumerator: '[0-9一二三四五六七八九十a-z]{1,3}'
    continued-quote: true
    examples: {bad: ["“甲"], good: ["“甲”"]}
"""


def _found(text: str, body: str = RULE, markdown: bool = False) -> list[tuple[int, int, str]]:
    engine = Engine(parse_rules(body, "t.yaml"))
    doc = markdown_document(text, "d.md") if markdown else Document("d.txt", text)
    return [(d.line, d.column, d.message) for d in engine.check(doc, DAY).diagnostics]


def test_unclosed_opener_is_reported_at_itself() -> None:
    text = "开展了“学习王瑛事迹、“加强党性修养”等活动"
    assert _found(text) == [(1, 4, "“ 缺 ”")]


def test_unmatched_closer_is_reported_at_itself() -> None:
    assert _found("第一行\n完成投资5亿元）,同比增长") == [(2, 8, "） 缺 （")]


def test_each_family_is_balanced_on_its_own() -> None:
    # A missing 》 gives one finding; the quotes and brackets around it stay quiet.
    assert _found("学习《条例（试行）和“准则”") == [(1, 3, "《 缺 》")]
    # Crossed pairs of different families are not reported at all.
    assert _found("“甲（乙”丙）") == []


def test_half_and_full_width_brackets_pair_with_each_other() -> None:
    assert _found("面积18200平方米(包括地下室）") == []
    assert _found("面积(包括地下室") == [(1, 3, "( 缺 )")]
    # A closer between two digits is still a closer.
    assert _found("桂政发(2026)12号") == []


def test_apostrophes_in_latin_text_are_not_closers() -> None:
    body = RULE.replace('pairs: ["“”",', 'pairs: ["‘’", "“”",')
    assert _found("引用China’s report和‘试点’", body) == []
    assert _found("这是‘试点’’", body) == [(1, 7, "’ 缺 ‘")]


def _split(opener: str, closer: str) -> str:
    return f"成对标点“{opener}”与后面的“{closer}”被换行拆开：应在同一段内"


def test_a_paragraph_is_a_line_in_plain_text() -> None:
    # A pair split by a line break is one finding on the opener (see the tests below) ...
    assert _found("“甲\n乙”") == [(1, 1, _split("“", "”"))]
    # ... but a blank line ends the paragraph: both halves are unmatched.
    assert _found("“甲\n\n乙”") == [(1, 1, "“ 缺 ”"), (3, 2, "” 缺 “")]


def test_pair_split_over_short_lines_is_one_finding_on_the_opener() -> None:
    # Wikisource damage. Before: (1, 3, "《 缺 》") and (3, 1, "》 缺 《").
    text = "依据《\n中华人民共和国著作权法\n》第五条，本作品不适用于该法"
    assert _found(text) == [(1, 3, _split("《", "》"))]
    # Before: (1, 5, "（ 缺 ）") and (3, 1, "） 缺 （").
    assert _found("细颗粒物（PM\n2.5\n）浓度继续下降") == [(1, 5, _split("（", "）"))]
    # Three lines on, the partner may follow a paragraph of any length; two openers take
    # the closers innermost first; the built-in PU101 uses the same message.
    assert _found("甲《\n乙\n丙\n》" + "丁" * 100) == [(1, 2, _split("《", "》"))]
    assert _found("《甲（乙\n丙\n）》") == [(1, 1, _split("《", "》")), (1, 3, _split("（", "）"))]
    engine = Engine(select_rules(load_ruleset(), ["PU101"]))
    (d,) = engine.check(Document("d.txt", text), DAY).diagnostics
    assert (d.line, d.column, d.code, d.message) == (1, 3, "PU101", _split("《", "》"))


def test_split_pair_carries_the_split_flag() -> None:
    (rule,) = parse_rules(RULE, "t.yaml")
    doc = Document("d.txt", "（PM\n2.5\n）")
    assert list(rule.options(_CompiledPairs).scan(doc)) == [(0, "）", True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # four lines on: too far
        ("（甲\n[\nCPC 2\n]\n）乙", [(1, 1, "（ 缺 ）"), (5, 1, "） 缺 （")]),
        # a long line before the closer: two paragraphs, each with its own defect
        ("《甲\n" + "乙" * 41 + "\n》丙", [(1, 1, "《 缺 》"), (3, 1, "》 缺 《")]),
        # a blank line before the closer
        ("《甲\n\n》丙", [(1, 1, "《 缺 》"), (3, 1, "》 缺 《")]),
        # a closer of another family
        ("《甲\n乙）", [(1, 1, "《 缺 》"), (2, 2, "） 缺 （")]),
        # a closer matched on its own line is no partner
        ("《甲\n乙《丙》", [(1, 1, "《 缺 》")]),
    ],
)
def test_pairs_not_split_over_lines_stay_two_findings(
    text: str, expected: list[tuple[int, int, str]]
) -> None:
    assert _found(text) == expected


def test_markdown_has_no_split_pairs() -> None:
    # A Markdown paragraph already runs over its lines; across a blank line nothing pairs.
    assert _found("《甲\n乙》", markdown=True) == []
    assert _found("《甲\n\n》乙", markdown=True) == [(1, 1, "《 缺 》"), (3, 1, "》 缺 《")]


def test_markdown_paragraphs_run_to_the_blank_line() -> None:
    assert _found("“甲\n乙”\n\n《丙\n\n丁", markdown=True) == [(4, 1, "《 缺 》")]


def test_list_marker_closers_are_not_pairs() -> None:
    assert _found("1）加强组织领导\n  二)压实责任\na) 其他") == []
    # Only a short marker at the line start counts.
    assert _found("加强组织领导）") == [(1, 7, "） 缺 （")]


def test_quotation_continued_over_paragraphs() -> None:
    text = "他说：“第一段。\n“第二段。\n“第三段。”\n“未完的引文。\n正文"
    assert _found(text) == [(4, 1, "“ 缺 ”")]


def test_continued_quotation_skips_blank_lines_and_markdown_paragraphs() -> None:
    assert _found("“第一段。\n\n\u3000\n“第二段。”") == []
    assert _found("“第一段\n接着写。\n\n“第二段。”", markdown=True) == []
    # Only the opener that matches the next paragraph's first mark is excused.
    assert _found("“甲《乙\n\n“丙”") == [(1, 3, "《 缺 》")]


def test_many_unmatched_marks_each_reported_once() -> None:
    text = "“" * 3000 + "》" * 3000
    found = _found(text)
    assert len(found) == 6000
    assert found[0] == (1, 1, "“ 缺 ”") and found[-1] == (1, 6000, "》 缺 《")


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ('["“"]', "pairs"),
        ('["““"]', "pairs"),
        ('["“”", "”“"]', "pairs"),
        ("[]", "pairs"),
    ],
)
def test_bad_pairs_are_rejected(value: str, key: str) -> None:
    body = RULE.replace(
        'pairs: ["“”", "《》", "（）", "()", "(）", "（)", "【】", "〔〕"]', "pairs: " + value
    )
    with pytest.raises(RuleError, match=f"键 “{key}”"):
        parse_rules(body, "t.yaml")


def test_bad_enumerator_and_flag_are_rejected() -> None:
    with pytest.raises(RuleError, match="键 “enumerator”"):
        parse_rules(RULE.replace("'[0-9一二三四五六七八九十a-z]{1,3}'", "'[0-9'"), "t.yaml")
    with pytest.raises(RuleError, match="键 “continued-quote”"):
        parse_rules(RULE.replace("continued-quote: true", "continued-quote: 1"), "t.yaml")


def test_cli_reports_the_seed_unclosed_quote(seed_path: Path) -> None:
    code, found = run_json("--select", "PU101", str(seed_path))
    assert code == 1
    assert [(d["line"], d["column"], d["end_column"]) for d in found] == [(76, 174, 175)]
    assert (
        found[0]["message"]
        == "成对标点缺少配对：左引号没有对应的右引号——“学习王瑛事迹、“加强党性……"
    )
    assert found[0]["fix"] is None


def test_cli_bad_rule_file_is_one_line_exit_2(tmp_path: Path) -> None:
    rules = tmp_path / "r.yaml"
    rules.write_text(RULE.replace("pairs: [", 'pairs: ["x", '), encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text("正文", encoding="utf-8")
    code, _out, err = run_cli("--rules", str(rules), str(draft))
    assert code == 2
    assert "Traceback" not in err and err.count("\n") == 1 and "键 “pairs”" in err


_FILL = st.text(alphabet="甲乙丙 ,。", max_size=4)


@st.composite
def _balanced(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        parts.append(draw(_FILL))
        if depth < 3 and draw(st.booleans()):
            opener, closer = draw(st.sampled_from(["“”", "《》", "（）", "【】", "〔〕"]))
            parts.append(opener + draw(_balanced(depth + 1)) + closer)
    return "".join(parts)


@given(_balanced())
def test_balanced_text_is_silent(text: str) -> None:
    assert _found(text) == []


@given(_balanced(), st.data())
def test_one_stray_mark_is_the_only_finding(text: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(text)))
    mark = data.draw(st.sampled_from("“”《》【】〔〕"))
    found = _found(text[:at] + mark + text[at:])
    # The stray mark, or the mark it displaced, is reported: exactly one finding.
    assert len(found) == 1


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("“”‘’《》（）()甲a1 \u3000\n\r")), max_size=50),
    st.booleans(),
)
@example("“甲\n乙”\n“丙", True)
@example("China’s “甲\r\n1)乙”（\n", False)
def test_lines_are_scanned_as_every_line_break_is_visited(text: str, continued: bool) -> None:
    # scan_lines visits only the pair characters; the definition visits every line break too.
    rule = parse_rules(
        RULE.replace("XP101", "XP102")
        .replace("continued-quote: true", f"continued-quote: {str(continued).lower()}")
        .replace('"“”",', '"“”", "‘’",'),
        "t.yaml",
    )[0]
    pairs = _CompiledPairs(rule)
    doc = Document("d.txt", text)
    assert list(pairs.scan_lines(doc)) == list(pairs.scan_events(doc, wrapped=False))
