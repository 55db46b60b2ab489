"""Loading and validating rule files: errors name the file, the line, the rule and the key."""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

import pytest

from lint.rule import RuleError
from lint.ruleset import load_rule_file, load_ruleset, parse_rules

GOOD = """\
category: placeholder
rules:
  - code: ZZ101
    name: team-rule
    kind: existence
    severity: warning
    message: "“{match}”"
    tokens: ["某项目"]
    examples:
      bad: ["某项目进展顺利"]
      good: ["本项目进展顺利"]
"""


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "team.yaml"
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def test_good_file_loads(tmp_path: Path) -> None:
    (rule,) = load_rule_file(_write(tmp_path, GOOD))
    assert (rule.code, rule.kind, rule.category, rule.line) == (
        "ZZ101",
        "existence",
        "placeholder",
        3,
    )


def test_default_ruleset_loads_with_unique_codes() -> None:
    rules = list(load_ruleset())
    assert len({r.code for r in rules}) == len(rules) > 10


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('tokens: ["某项目"]', 'tokens: ["某项目"]\n    colour: red'),
            r"team.yaml:\d+: 规则 ZZ101 键 “colour”：未知的键",
        ),
        (("severity: warning", "severity: loud"), r"team.yaml:6: 规则 ZZ101 键 “severity”"),
        (("kind: existence", "kind: magic"), r"team.yaml:5: 规则 ZZ101 键 “kind”：未知的 kind"),
        (
            ('tokens: ["某项目"]', "patterns: ['(unclosed']"),
            r"team.yaml:8: 规则 ZZ101 键 “patterns”：正则表达式 .* 有误",
        ),
        (
            ('    message: "“{match}”"\n', ""),
            r"team.yaml:3: 规则 ZZ101：缺少必填键 “message”",
        ),
        (("code: ZZ101", "code: zz1"), r"键 “code”"),
        (('tokens: ["某项目"]', "tokens: 5"), r"键 “tokens”：应为非空字符串的列表"),
        (('      good: ["本项目进展顺利"]\n', ""), r"键 “examples”"),
    ],
)
def test_validation_errors_name_file_line_rule_key(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    old, new = change
    assert old in GOOD
    path = _write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(RuleError, match=expected):
        load_rule_file(path)


def test_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "rules:\n  - code: [unclosed\n")
    with pytest.raises(RuleError, match=r"team.yaml:\d+: YAML"):
        load_rule_file(path)


def test_python_object_tags_are_refused(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"rules: !!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(RuleError, match="YAML"):
        parse_rules(text, "evil.yaml")
    assert not marker.exists()


def test_formulation_rules_need_source_and_dates() -> None:
    text = GOOD.replace("category: placeholder", "category: formulation")
    with pytest.raises(RuleError, match="source"):
        parse_rules(text, "f.yaml")
    text = text.replace("    tokens:", '    source: "x"\n    tokens:')
    with pytest.raises(RuleError, match="effective"):
        parse_rules(text, "f.yaml")


def test_duplicate_codes_are_an_error(tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_text(GOOD, encoding="utf-8")
    b.write_text(GOOD, encoding="utf-8")
    with pytest.raises(RuleError, match="代码重复"):
        load_ruleset([a, b], defaults=False)


def test_cli_reports_rule_error_as_exit_2(tmp_path: Path) -> None:
    from tests.helpers import run_cli

    bad = _write(tmp_path, GOOD.replace("severity: warning", "severity: loud"))
    draft = tmp_path / "d.txt"
    draft.write_text("正文\n", encoding="utf-8")
    code, _out, err = run_cli("--rules", str(bad), str(draft))
    assert code == 2
    assert "team.yaml:6" in err and "ZZ101" in err and "Traceback" not in err


def test_built_in_rules_explain_themselves_in_chinese() -> None:
    # `--explain` and the editor's hover show the description and the source to people who
    # write the drafts: in Chinese, with citations they can look up, not research notes.
    import regex

    for r in load_ruleset():
        # Quoted examples (“&nbsp;”, “XXL”) may be Latin; the prose around them may not.
        prose = regex.sub(r"“[^”]*”", "", r.description or "")
        han = len(regex.findall(r"\p{Han}", prose))
        latin = len(regex.findall(r"[A-Za-z]{3,}", prose))
        assert han >= 6 and han > 4 * latin, (r.code, r.description)
        assert r.source, r.code
        assert not regex.search(r"\bS\d+\b|\[[UVPK]|调研|题述|issue", r.source), (r.code, r.source)


def _kind_rule(kind: str, body: str) -> str:
    """GOOD with another kind and `body` in place of its tokens."""
    return GOOD.replace("kind: existence", f"kind: {kind}").replace(
        '    tokens: ["某项目"]\n', textwrap.indent(textwrap.dedent(body), "    ")
    )


_ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)

# One broken rule file for each way of getting a rule file wrong, with the words its error
# must contain: every message a user can meet while loading rules is in Chinese.
BROKEN_RULE_FILES: list[tuple[str, str, str]] = [
    ("yaml-syntax", "rules:\n  - code: [unclosed\n", "YAML 错误"),
    ("not-a-mapping", "- just\n- a list\n", "规则文件须是含 rules 列表的映射"),
    ("top-level-key", GOOD.replace("category:", "colour: red\ncategory:"), "未知的顶层键 “colour”"),
    ("rule-not-mapping", "rules: [5]\n", "每条规则须是映射"),
    ("alias-bomb", _ALIAS_BOMB + "rules: []\n", "别名展开后超过"),
    ("code", GOOD.replace("code: ZZ101", "code: zz1"), "应为形如 PH101 的代码"),
    ("missing-key", GOOD.replace("    severity: warning\n", ""), "缺少必填键 “severity”"),
    ("unknown-kind", GOOD.replace("kind: existence", "kind: magic"), "未知的 kind “magic”"),
    ("unknown-key", GOOD.replace("    tokens:", "    colour: red\n    tokens:"), "未知的键"),
    ("severity", GOOD.replace("severity: warning", "severity: loud"), "应为 error、"),
    ("name", GOOD.replace("name: team-rule", "name: Team Rule"), "kebab-case"),
    ("message-field", GOOD.replace('"“{match}”"', '"{match!r}"'), "只允许简单的 {name} 占位"),
    ("message-brace", GOOD.replace('"“{match}”"', '"{match"'), "字面的花括号"),
    ("examples", GOOD.replace('      good: ["本项目进展顺利"]\n', ""), "至少给出一个 bad 示例"),
    (
        "example-shape",
        GOOD.replace('bad: ["某项目进展顺利"]', "bad: [{as-of: 2020-01-01}]"),
        "示例须有 text",
    ),
    ("effective", GOOD.replace("    tokens:", "    effective: 2020\n    tokens:"), "应为含 from"),
    (
        "effective-order",
        GOOD.replace(
            "    tokens:", "    effective: {from: 2021-01-01, until: 2020-01-01}\n    tokens:"
        ),
        "until 须晚于 from",
    ),
    ("fix", GOOD.replace("    tokens:", "    fix: maybe\n    tokens:"), "应为 safe、unsafe"),
    (
        "formulation",
        GOOD.replace("category: placeholder", "category: formulation"),
        "须写明 source",
    ),
    ("tokens", GOOD.replace('tokens: ["某项目"]', "tokens: 5"), "应为非空字符串的列表"),
    ("regex", GOOD.replace('tokens: ["某项目"]', "patterns: ['(unclosed']"), "有误"),
    (
        "regex-nested",
        GOOD.replace('tokens: ["某项目"]', f"patterns: ['{'(' * 5000}a{')' * 5000}']"),
        "嵌套太深",
    ),
    (
        "existence-empty",
        GOOD.replace('    tokens: ["某项目"]\n', ""),
        "existence 规则须有 tokens 或 patterns",
    ),
    ("substitution", _kind_rule("substitution", "swap: 5\n"), "应为错误写法到正确写法的映射"),
    ("pairs", _kind_rule("pairs", "pairs: ['“']\n"), "两个不同字符"),
    ("repetition", _kind_rule("repetition", "chars: [一]\n"), "应为字符组成的字符串"),
    ("stale-year", _kind_rule("stale-year", "patterns: ['(\\d{4})年']\nmax-age: -1\n"), "应为年数"),
    (
        "contextual",
        _kind_rule("contextual", "tokens: ['某项目']\n"),
        "unless-context 或 only-if-context",
    ),
    ("numbering", _kind_rule("numbering", "check: sideways\n"), "之一"),
    ("year-claim", _kind_rule("year-claim", "facts: ['plans:九十五']\n"), "日历中没有"),
]

_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("text", "words"),
    [(t, w) for _, t, w in BROKEN_RULE_FILES],
    ids=[n for n, _, _ in BROKEN_RULE_FILES],
)
def test_rule_file_errors_are_in_chinese(text: str, words: str) -> None:
    with pytest.raises(RuleError) as info:
        parse_rules(text, "bad.yaml")
    message = str(info.value)
    assert message.startswith("bad.yaml:"), message
    assert words in message, message
    # The location and the codes and keys stay ASCII; what follows them is Chinese.
    assert _CJK.search(message.partition("bad.yaml:")[2]), message
    assert "\n" not in message.strip(), message


def test_duplicate_code_error_is_in_chinese(tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_text(GOOD, encoding="utf-8")
    b.write_text(GOOD, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_ruleset([a, b], defaults=False)
    assert str(info.value) == f"{b}:3: 规则 ZZ101 键 “code”：代码重复，另见 {a}:3"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ("kind: existence", "kind: magic"),
            "bad.yaml:5: 规则 ZZ101 键 “kind”：未知的 kind “magic”，可用的有：",
        ),
        (("    severity: warning\n", ""), "bad.yaml:3: 规则 ZZ101：缺少必填键 “severity”"),
        (
            ('tokens: ["某项目"]', "patterns: ['(unclosed']"),
            "bad.yaml:8: 规则 ZZ101 键 “patterns”：正则表达式 '(unclosed' 有误：",
        ),
        (
            ("    tokens:", "    colour: red\n    tokens:"),
            "bad.yaml:8: 规则 ZZ101 键 “colour”：未知的键（kind “existence”没有这个键）",
        ),
    ],
    ids=["unknown-kind", "missing-key", "bad-regex", "unknown-key"],
)
def test_executable_prints_one_chinese_line_and_exits_2(
    tmp_path: Path, edit: tuple[str, str], expected: str
) -> None:
    from tests.helpers import reportlint

    assert edit[0] in GOOD
    (tmp_path / "bad.yaml").write_text(GOOD.replace(*edit), encoding="utf-8")
    (tmp_path / "draft.txt").write_text("某项目进展顺利\n", encoding="utf-8")
    proc = reportlint("--rules", "bad.yaml", "draft.txt", cwd=str(tmp_path))
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert err.count("\n") == 1 and err.endswith("\n"), err
    # The file is named as the loader resolved it: the absolute path of bad.yaml.
    assert err.startswith(f"reportlint: {tmp_path.resolve()}{os.sep}{expected}"), err
    assert "Traceback" not in err
