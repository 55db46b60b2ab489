"""Loading and validating rule files: errors name the file, the line, the rule and the key."""

from __future__ import annotations

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
            r"team.yaml:\d+: rule ZZ101 key 'colour': unknown key",
        ),
        (("severity: warning", "severity: loud"), r"team.yaml:6: rule ZZ101 key 'severity'"),
        (("kind: existence", "kind: magic"), r"team.yaml:5: rule ZZ101 key 'kind': unknown kind"),
        (
            ('tokens: ["某项目"]', "patterns: ['(unclosed']"),
            r"team.yaml:8: rule ZZ101 key 'patterns': bad regular expression",
        ),
        (
            ('    message: "“{match}”"\n', ""),
            r"team.yaml:3: rule ZZ101: missing required key 'message'",
        ),
        (("code: ZZ101", "code: zz1"), r"key 'code'"),
        (('tokens: ["某项目"]', "tokens: 5"), r"key 'tokens': expected a list"),
        (('      good: ["本项目进展顺利"]\n', ""), r"key 'examples'"),
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
    with pytest.raises(RuleError, match="duplicate code"):
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
