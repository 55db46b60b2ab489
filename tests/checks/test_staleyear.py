"""The `stale-year` kind: a year compared with the as-of date, through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.cli import main
from tests.helpers import run_json

RULES = """\
category: formulation
rules:
  - code: ZY101
    name: test-plan-year
    kind: stale-year
    severity: info
    message: "“{match}”:{year}年比{as_of_year}年早{age}年"
    source: "test"
    effective: {from: 2012-07-01}
    max-age: 1
    patterns: ['《[^《》\\n]{0,20}?(?P<year>[12１２]\\d{3})年度?[^《》\\n]{0,20}?方案》']
    not-before: ['修订']
    examples:
      bad: [{text: "《2019年度实施方案》", as-of: 2026-11-26}]
      good: [{text: "《2025年度实施方案》", as-of: 2026-11-26}]
  - code: ZY102
    name: test-title-year
    kind: stale-year
    severity: info
    message: "标题年份{year}年"
    source: "test"
    effective: {from: 2012-07-01}
    max-age: 0
    title-only: true
    patterns: ['(?P<year>(?:19|20)\\d\\d)年工作总结']
    examples:
      bad: [{text: "2019年工作总结", as-of: 2026-11-26}]
      good: [{text: "2026年工作总结", as-of: 2026-11-26}]
"""


@pytest.fixture
def rules_file(tmp_path: Path) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    return path


def _lint(rules: Path, tmp_path: Path, text: str, as_of: str) -> list[dict[str, object]]:
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    rc, diags = run_json("--rules", str(rules), "--select", "ZY", "--as-of", as_of, str(draft))
    assert rc in (0, 1)
    return diags


def _where(diags: list[dict[str, object]]) -> list[tuple[object, object, object, object]]:
    return [(d["line"], d["column"], d["end_column"], d["code"]) for d in diags]


def test_age_against_as_of(rules_file: Path, tmp_path: Path) -> None:
    text = "制定《2024年度创建实施方案》和《2025年度创建实施方案》。\n"
    diags = _lint(rules_file, tmp_path, text, "2026-11-26")
    assert _where(diags) == [(1, 3, 17, "ZY101")]
    assert diags[0]["message"] == "“《2024年度创建实施方案》”:2024年比2026年早2年"
    assert diags[0]["fix"] is None
    # one year earlier both plans are recent enough
    assert _lint(rules_file, tmp_path, text, "2025-12-31") == []


def test_full_width_year_and_filters(rules_file: Path, tmp_path: Path) -> None:
    text = "按《２０１９年度实施方案》执行;修订《2019年度实施方案》。\n"
    diags = _lint(rules_file, tmp_path, text, "2026-11-26")
    assert _where(diags) == [(1, 2, 14, "ZY101")]
    assert "2019年比2026年早7年" in str(diags[0]["message"])


def test_title_only(rules_file: Path, tmp_path: Path) -> None:
    text = "\n\u3000\u30002025年工作总结\n\n附:2025年工作总结\n"
    assert _where(_lint(rules_file, tmp_path, text, "2026-11-26")) == [(2, 3, 12, "ZY102")]
    # a stale year later in the text is not the title
    text = "工作汇报\n2019年工作总结\n"
    assert _lint(rules_file, tmp_path, text, "2026-11-26") == []


def test_effective_window_and_inactive_rule(rules_file: Path, tmp_path: Path) -> None:
    text = "《2009年度实施方案》\n"
    assert _lint(rules_file, tmp_path, text, "2012-06-30") == []
    assert _where(_lint(rules_file, tmp_path, text, "2012-07-01")) == [(1, 1, 13, "ZY101")]


@pytest.mark.parametrize(
    ("replace", "by", "complaint"),
    [
        (
            "(?P<year>[12１２]\\d{3})年度?",
            "([12１２]\\d{3})年度?",
            "没有 (?P<year>...) 分组",
        ),
        ("max-age: 1", "max-age: -1", "应为年数（0 或正整数）"),
        ("max-age: 1", "max-age: true", "应为年数（0 或正整数）"),
        ("    max-age: 1\n", "", "应为年数（0 或正整数）"),
        ("title-only: true", "title-only: yes-please", "应为 true 或 false"),
    ],
)
def test_bad_rules_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, replace: str, by: str, complaint: str
) -> None:
    assert replace in RULES
    rules = tmp_path / "bad.yaml"
    rules.write_text(RULES.replace(replace, by, 1), encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("文本\n", encoding="utf-8")
    rc = main(["--rules", str(rules), str(draft)])
    _out, err = capsys.readouterr()
    assert rc == 2
    assert complaint in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
