"""Line-deletion layout across rules and kinds: residue removed by different rules leaves the
separation that stood before it, no more and no less."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_cli

RULES = """\
category: residue
rules:
  - code: XD101
    name: deletions-ad-line
    kind: existence
    severity: error
    message: "广告行"
    tokens: ["【广告】"]
    scope: line
    fix: {safety: safe, replacement: ""}
    examples: {bad: ["【广告】点击"], good: ["广告法"]}
  - code: XD102
    name: deletions-reading-line
    kind: substitution
    severity: error
    message: "推荐行"
    swap: {"相关阅读\\n": ""}
    line-start: true
    fix: safe
    examples: {bad: ["相关阅读\\n其他"], good: ["相关阅读书目"]}
"""


def _fixed(tmp_path: Path, text: str) -> str:
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    code, _out, err = run_cli("--rules", str(rules), "--select", "XD", "--fix", str(draft))
    assert code in (0, 1), err
    return draft.read_text(encoding="utf-8")


def test_deletions_of_two_kinds_form_one_chain(tmp_path: Path) -> None:
    # The residue stands between two paragraphs with no blank line around it: once it is
    # gone, none separates them. Settled per kind, the blank line inside it stayed behind.
    text = "正文。\n【广告】点击\n\n相关阅读\n正文二。\n"
    assert _fixed(tmp_path, text) == "正文。\n正文二。\n"


def test_a_blank_line_before_the_residue_stays_one(tmp_path: Path) -> None:
    text = "正文。\n\n【广告】点击\n\n相关阅读\n\n正文二。\n"
    assert _fixed(tmp_path, text) == "正文。\n\n正文二。\n"
