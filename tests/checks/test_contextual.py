"""The `contextual` kind: context at sentence, paragraph and document scope, through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.cli import main
from tests.helpers import run_cli, run_json

RULES = """\
category: formulation
rules:
  - code: ZC101
    name: test-paragraph-unless
    kind: contextual
    severity: warning
    message: "“{match}”作为现行工作已过时"
    source: "test"
    effective: {from: 2021-02-25}
    tokens: ["精准扶贫"]
    unless-context:
      paragraph: ['打赢了']
    examples: {bad: ["推进精准扶贫"], good: ["坚持精准扶贫,打赢了脱贫攻坚战"]}
  - code: ZC102
    name: test-document-unless
    kind: contextual
    severity: warning
    message: "“{match}”前缺少“习近平”"
    source: "test"
    effective: {from: 2017-10-18}
    swap: {新时代中国特色社会主义思想: 习近平新时代中国特色社会主义思想}
    not-before: ['习近平']
    unless-context:
      document: ['全国代表大会上的报告']
    fix: unsafe
    examples:
      bad: ["用新时代中国特色社会主义思想武装全党"]
      good: ["习近平新时代中国特色社会主义思想"]
  - code: ZC103
    name: test-only-if-sentence
    kind: contextual
    severity: info
    message: "“{match}”应为社会主义核心价值观"
    source: "test"
    effective: {from: 2012-11-08}
    tokens: ["核心价值体系"]
    only-if-context:
      sentence: ['践行']
    examples: {bad: ["培育和践行核心价值体系"], good: ["坚持核心价值体系"]}
  - code: ZC104
    name: test-past-year
    kind: contextual
    severity: warning
    message: "“{match}”已结束"
    source: "test"
    effective: {from: 2021-04-01}
    tokens: ["主题教育"]
    unless-context:
      sentence: [&past '(?P<year>[12１２][0-9０-９]{3})年', '回顾']
    examples:
      bad: [{text: "2026年，开展主题教育", as-of: 2026-11-26}]
      good: [{text: "2019年，开展主题教育", as-of: 2026-11-26}]
  - code: ZC105
    name: test-unless-all
    kind: contextual
    severity: warning
    message: "“{match}”已结束"
    source: "test"
    effective: {from: 2025-04-01}
    tokens: ["党纪学习教育"]
    unless-all-context:
      paragraph: ['主题教育']
      document: ['过去五年']
    examples:
      bad: ["开展主题教育和党纪学习教育"]
      good: ["过去五年，成绩显著。\n开展主题教育和党纪学习教育"]
"""


@pytest.fixture
def rules_file(tmp_path: Path) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    return path


def _lint(rules: Path, tmp_path: Path, text: str, *extra: str) -> list[dict[str, object]]:
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    args = ("--rules", str(rules), "--select", "ZC", "--as-of", "2026-11-26", *extra)
    rc, diags = run_json(*args, str(draft))
    assert rc in (0, 1)
    return diags


def _where(diags: list[dict[str, object]]) -> list[tuple[object, object, object, object]]:
    return [(d["line"], d["column"], d["end_column"], d["code"]) for d in diags]


def test_paragraph_scope(rules_file: Path, tmp_path: Path) -> None:
    text = (
        "我们坚持精准扶贫、尽锐出战。最终打赢了脱贫攻坚战。\n"  # marker in the same line: silent
        "今年继续深入推进精准扶贫。\n"  # the marker on the line above does not count
        "打赢了。\n"
    )
    diags = _lint(rules_file, tmp_path, text)
    assert _where(diags) == [(2, 9, 13, "ZC101")]


def test_document_scope_and_swap_fix(rules_file: Path, tmp_path: Path) -> None:
    text = "坚持用新时代中国特色社会主义思想武装全党。\n"
    diags = _lint(rules_file, tmp_path, text)
    assert _where(diags) == [(1, 4, 17, "ZC102")]
    fix = diags[0]["fix"]
    assert isinstance(fix, list)
    assert fix[0]["replacement"] == "习近平新时代中国特色社会主义思想"
    assert fix[0]["safety"] == "unsafe"
    # the report that coined the short form is exempt as a whole document
    report = "——在中国共产党第十九次全国代表大会上的报告\n\n" + text
    assert _lint(rules_file, tmp_path, report) == []
    # other filters still apply before the context
    assert _lint(rules_file, tmp_path, "习近平新时代中国特色社会主义思想\n") == []


def test_only_if_sentence_scope(rules_file: Path, tmp_path: Path) -> None:
    text = "坚持核心价值体系。培育和践行核心价值体系。\n"
    diags = _lint(rules_file, tmp_path, text)
    assert _where(diags) == [(1, 15, 21, "ZC103")]


def test_effective_window(rules_file: Path, tmp_path: Path) -> None:
    text = "深入推进精准扶贫。\n"
    assert _lint(rules_file, tmp_path, text, "--as-of", "2021-02-24") == []
    assert _where(_lint(rules_file, tmp_path, text, "--as-of", "2021-02-25")) == [
        (1, 5, 9, "ZC101")
    ]


@pytest.mark.parametrize(
    ("replace", "by", "complaint"),
    [
        ("paragraph: ['打赢了']", "chapter: ['打赢了']", "未知的范围 'chapter'"),
        ("paragraph: ['打赢了']", "paragraph: ['打赢(']", "正则表达式 '打赢(' 有误"),
        ("paragraph: ['打赢了']", "paragraph: []", "应为正则表达式的列表"),
        (
            "    unless-context:\n      paragraph: ['打赢了']\n",
            "",
            "须有 unless-context 或 only-if-context",
        ),
    ],
)
def test_bad_rules_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    replace: str,
    by: str,
    complaint: str,
) -> None:
    rules = tmp_path / "bad.yaml"
    assert replace in RULES
    rules.write_text(RULES.replace(replace, by, 1), encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("文本\n", encoding="utf-8")
    rc = main(["--rules", str(rules), str(draft)])
    _out, err = capsys.readouterr()
    assert rc == 2
    assert complaint in err
    assert "ZC101" in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def _only(code: str, diags: list[dict[str, object]]) -> list[dict[str, object]]:
    return [d for d in diags if d["code"] == code]


def test_past_year_in_the_sentence(rules_file: Path, tmp_path: Path) -> None:
    text = (
        "2019年，开展主题教育。\n"  # past, and the wording was current then: silent
        "２０２０年，开展主题教育。\n"  # full-width digits: silent
        "回顾往年，开展主题教育。\n"  # a plain marker in the same list: silent
        "2026年，开展主题教育。\n"  # the as-of year is not past
        "2023年，开展主题教育。\n"  # after effective.from's year: it had ended by then
        "2019年成效明显。今年开展主题教育。\n"  # the year is in another sentence
        "2021年，开展主题教育。\n"  # effective.from's year: first-quarter reviews, silent
    )
    diags = _only("ZC104", _lint(rules_file, tmp_path, text))
    assert [d["line"] for d in diags] == [4, 5, 6]
    # judged in 2021, 2021 is the as-of year: not past
    diags = _only("ZC104", _lint(rules_file, tmp_path, text, "--as-of", "2021-06-01"))
    assert [d["line"] for d in diags] == [4, 5, 6, 7]


def test_unless_all_context_needs_every_scope(rules_file: Path, tmp_path: Path) -> None:
    para = "开展主题教育和党纪学习教育。\n"
    # the paragraph scope alone (several campaigns, no review) does not silence
    assert _where(_only("ZC105", _lint(rules_file, tmp_path, para))) == [(1, 8, 14, "ZC105")]
    # nor the document scope alone
    alone = "过去五年，成绩显著。\n扎实开展党纪学习教育。\n"
    assert _where(_only("ZC105", _lint(rules_file, tmp_path, alone))) == [(2, 5, 11, "ZC105")]
    # both: silent
    both = "过去五年，成绩显著。\n" + para
    assert _only("ZC105", _lint(rules_file, tmp_path, both)) == []


def test_five_year_plan_in_the_year_group_counts_as_its_last_year(tmp_path: Path) -> None:
    rules = tmp_path / "plan.yaml"
    rules.write_text(
        RULES.replace("'回顾']", "'(?P<year>十[一二三四五]五)时期']"),
        encoding="utf-8",
    )
    text = (
        "十三五时期，开展主题教育。\n"  # 2016-2020: ended before effective.from's year, silent
        "十四五时期，开展主题教育。\n"  # ends 2025, after effective.from's year (2021)
        "十五五时期，开展主题教育。\n"  # ends 2030: not past
    )
    diags = _only("ZC104", _lint(rules, tmp_path, text))
    assert [d["line"] for d in diags] == [2, 3]
    # judged in 2021 (the rule's first year), 2020 is already past
    diags = _only("ZC104", _lint(rules, tmp_path, text, "--as-of", "2021-06-01"))
    assert [d["line"] for d in diags] == [2, 3]


def test_the_old_kind_name_conditional_is_still_accepted(tmp_path: Path) -> None:
    # Teams keep their own rule files: `kind: conditional` reads as `contextual`.
    old = tmp_path / "old.yaml"
    old.write_text(RULES.replace("kind: contextual", "kind: conditional"), encoding="utf-8")
    text = "推进精准扶贫。\n坚持精准扶贫,打赢了脱贫攻坚战。\n"
    new_rules = tmp_path / "new.yaml"
    new_rules.write_text(RULES, encoding="utf-8")
    assert _lint(old, tmp_path, text) == _lint(new_rules, tmp_path, text)
    assert _where(_only("ZC101", _lint(old, tmp_path, text))) == [(1, 3, 7, "ZC101")]
    code, out, _err = run_cli("--rules", str(old), "--explain", "ZC101")
    assert code == 0 and "检查方式：contextual" in out
