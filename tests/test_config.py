"""Configuration files: discovery by walking up, nearest wins, every key, errors naming the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli, run_json

TEAM_RULES = """\
category: typo
rules:
  - code: TM101
    name: team-buzzword
    kind: existence
    severity: warning
    message: "本单位公文不用“{match}”一词"
    tokens: ["抓手"]
    examples:
      bad: ["把调研作为抓手"]
      good: ["把调研作为重要方法"]
"""
DRAFT = "会议定于*月*日召开。\n要把调研作为抓手。\n"


def _codes(data: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(d["code"], d["line"], d["column"]) for d in data]


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """team/ holds the config and team.yaml; the draft is two folders below it."""
    root = tmp_path / "team"
    (root / "drafts" / "2026").mkdir(parents=True)
    (root / "team.yaml").write_text(TEAM_RULES, encoding="utf-8")
    (root / "drafts" / "2026" / "report.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    return root


def test_yaml_config_two_folders_up_applies_from_another_directory(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (team / ".reportlint.yaml").write_text(
        "ignore: [placeholder]\nrules: [team.yaml]\n", encoding="utf-8"
    )
    monkeypatch.chdir(team.parent / "elsewhere")
    draft = team / "drafts" / "2026" / "report.txt"
    code, data = run_json(str(draft))
    assert code == 1
    assert not [d for d in data if d["category"] == "placeholder"]
    assert [c for c in _codes(data) if c[0] == "TM101"] == [("TM101", 2, 7)]
    # without the config the placeholders are reported and TM101 does not exist
    code, data = run_json("--isolated", str(draft))
    assert ("PH101", 1, 5) in _codes(data)
    assert not [d for d in data if d["code"] == "TM101"]


def test_pyproject_table_applies_the_same_way(team: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (team / "pyproject.toml").write_text(
        '[project]\nname = "drafts"\n\n[tool.reportlint]\n'
        'ignore = ["placeholder"]\nrules = ["team.yaml"]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(team.parent / "elsewhere")
    code, data = run_json(str(team / "drafts" / "2026" / "report.txt"))
    assert code == 1
    assert not [d for d in data if d["category"] == "placeholder"]
    assert [c for c in _codes(data) if c[0] == "TM101"] == [("TM101", 2, 7)]


def test_pyproject_without_table_is_skipped_and_search_goes_on(team: Path) -> None:
    (team / ".reportlint.yaml").write_text("select: [TM101]\nrules: [team.yaml]\n")
    (team / "drafts" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    code, data = run_json(str(team / "drafts" / "2026" / "report.txt"))
    assert code == 1
    assert _codes(data) == [("TM101", 2, 7)]


def test_nearest_config_wins_over_one_further_up(team: Path) -> None:
    (team / ".reportlint.yaml").write_text("select: [PH101]\n")
    (team / "drafts" / "reportlint.yaml").write_text("select: [TM101]\nrules: [../team.yaml]\n")
    _, data = run_json(str(team / "drafts" / "2026" / "report.txt"))
    assert _codes(data) == [("TM101", 2, 7)]


def test_dot_file_wins_over_plain_name_in_one_folder(team: Path) -> None:
    (team / ".reportlint.yaml").write_text("select: [PH101]\n")
    (team / "reportlint.yaml").write_text("select: [residue]\n")
    _, data = run_json(str(team / "drafts" / "2026" / "report.txt"))
    assert _codes(data) == [("PH101", 1, 5), ("PH101", 1, 7)]


def test_config_option_overrides_the_search(team: Path, tmp_path: Path) -> None:
    (team / ".reportlint.yaml").write_text("select: [PH101]\n")
    other = tmp_path / "other.yaml"
    other.write_text("select: [TM101]\nrules: [team/team.yaml]\n")
    _, data = run_json("--config", str(other), str(team / "drafts" / "2026" / "report.txt"))
    assert _codes(data) == [("TM101", 2, 7)]


def test_cli_select_replaces_config_select_and_ignore_adds(team: Path) -> None:
    (team / ".reportlint.yaml").write_text("select: [TM101]\nrules: [team.yaml]\n")
    draft = str(team / "drafts" / "2026" / "report.txt")
    _, data = run_json("--select", "PH101", draft)
    assert _codes(data) == [("PH101", 1, 5), ("PH101", 1, 7)]
    _, data = run_json("--extend-select", "PH101", draft)
    assert _codes(data) == [("PH101", 1, 5), ("PH101", 1, 7), ("TM101", 2, 7)]
    _, data = run_json("--extend-select", "PH101", "--ignore", "TM", draft)
    assert _codes(data) == [("PH101", 1, 5), ("PH101", 1, 7)]


def test_per_file_ignores_by_glob(team: Path) -> None:
    (team / "drafts" / "old.txt").write_text(DRAFT, encoding="utf-8")
    (team / ".reportlint.yaml").write_text(
        "select: [PH101, TM101]\nrules: [team.yaml]\n"
        "per-file-ignores:\n  'drafts/2026/*.txt': [PH101]\n  'old.txt': [typo]\n"
    )
    _, data = run_json(str(team / "drafts"))
    got = [(Path(str(d["path"])).name, d["code"], d["line"], d["column"]) for d in data]
    assert got == [
        ("report.txt", "TM101", 2, 7),
        ("old.txt", "PH101", 1, 5),
        ("old.txt", "PH101", 1, 7),
    ]


def test_severity_remap_and_fail_on(team: Path) -> None:
    draft = str(team / "drafts" / "2026" / "report.txt")
    (team / ".reportlint.yaml").write_text(
        "select: [PH101, TM101]\nrules: [team.yaml]\n"
        "severity: {placeholder: info, TM101: error}\nfail-on: error\n"
    )
    code, data = run_json(draft)
    assert [(d["code"], d["severity"]) for d in data] == [
        ("PH101", "info"),
        ("PH101", "info"),
        ("TM101", "error"),
    ]
    assert code == 1
    # the most specific entry wins: a code beats its category
    (team / ".reportlint.yaml").write_text(
        "select: [PH101]\nseverity: {placeholder: info, PH1: warning, PH101: error}\n"
    )
    _, data = run_json(draft)
    assert {d["severity"] for d in data} == {"error"}
    # only info left and fail-on error: exit 0; --fail-on on the command line wins
    (team / ".reportlint.yaml").write_text(
        "select: [PH101]\nseverity: {PH101: info}\nfail-on: error\n"
    )
    assert run_json(draft)[0] == 0
    assert run_json("--fail-on", "info", draft)[0] == 1


def test_allow_drops_allowed_phrases(team: Path) -> None:
    draft = team / "drafts" / "2026" / "report.txt"
    draft.write_text("要把调研作为抓手。\n以“抓手工程”命名的项目继续实施。\n", encoding="utf-8")
    (team / ".reportlint.yaml").write_text(
        "select: [TM101]\nrules: [team.yaml]\nallow: [抓手工程]\n"
    )
    _, data = run_json(str(draft))
    # the phrase inside the allowed name is dropped; the bare word is still reported
    assert _codes(data) == [("TM101", 1, 7)]
    (team / ".reportlint.yaml").write_text("select: [TM101]\nrules: [team.yaml]\nallow: [抓手]\n")
    assert run_json(str(draft)) == (0, [])


def test_exclude_globs(team: Path) -> None:
    (team / "drafts" / "archive").mkdir()
    (team / "drafts" / "archive" / "old.txt").write_text(DRAFT, encoding="utf-8")
    (team / ".reportlint.yaml").write_text("select: [PH101]\nexclude: [archive, '*.md']\n")
    (team / "drafts" / "notes.md").write_text(DRAFT, encoding="utf-8")
    code, out, err = run_cli("--format", "json", str(team))
    assert {Path(str(d["path"])).name for d in json.loads(out)} == {"report.txt"}
    assert err == "reportlint: 按配置 exclude 跳过 2 个文件\n"
    # named on the command line (as pre-commit does), an excluded draft is skipped too
    code, out, err = run_cli("--quiet", str(team / "drafts" / "notes.md"))
    assert (code, out, err) == (0, "", "")


def test_as_of_in_config_and_cli_override(team: Path) -> None:
    rules = team / "dated.yaml"
    rules.write_text(
        "category: formulation\nrules:\n  - code: TM201\n    name: old-name\n"
        "    kind: existence\n    severity: warning\n    message: 旧称“{match}”\n"
        "    source: test\n    effective: {from: 2020-01-01}\n    tokens: [旧部门]\n"
        "    examples: {bad: [旧部门], good: [新部门]}\n",
        encoding="utf-8",
    )
    draft = team / "drafts" / "2026" / "report.txt"
    draft.write_text("请旧部门牵头。\n", encoding="utf-8")
    (team / ".reportlint.yaml").write_text(
        "select: [TM201]\nrules: [dated.yaml]\nas-of: 2019-06-01\n"
    )
    assert run_json(str(draft)) == (0, [])
    code, data = run_json("--as-of", "2021-01-01", str(draft))
    assert code == 1
    assert _codes(data) == [("TM201", 1, 2)]


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        (".reportlint.yaml", "selct: [PH101]\n", "没有设置项“selct”，是否想用 select？"),
        (".reportlint.yaml", "fail_on: error\n", "是否想用 fail-on？"),
        (
            ".reportlint.yaml",
            "severity: {PH101: fatal}\n",
            "severity：应为 error、warning、info 之一",
        ),
        (".reportlint.yaml", "as-of: yesterday\n", "as-of：应为 YYYY-MM-DD 格式的日期或 auto"),
        (".reportlint.yaml", "rules: [missing.yaml]\n", "missing.yaml"),
        (".reportlint.yaml", "select: [PH101\n", "YAML"),
        (".reportlint.yaml", "ignore: [placeholdr]\n", "ignore：“placeholdr”不匹配任何规则"),
        (".reportlint.yaml", "severity: {PH999: info}\n", "severity：“PH999”不匹配任何规则"),
        (".reportlint.yaml", "per-file-ignores: {'*.md': [ZZ]}\n", "“ZZ”不匹配任何规则"),
        (".reportlint.yaml", "- just a list\n", "配置文件应由“设置项: 值”组成"),
        ("pyproject.toml", "[tool.reportlint]\nselect = [\n", "TOML"),
        ("pyproject.toml", "[tool.reportlint]\nbogus = 1\n", "没有设置项“bogus”"),
    ],
)
def test_bad_config_is_exit_2_naming_the_file(
    team: Path, name: str, content: str, needle: str
) -> None:
    cfg = team / name
    cfg.write_text(content, encoding="utf-8")
    code, out, err = run_cli(str(team / "drafts" / "2026" / "report.txt"))
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert str(cfg) in err
    assert needle in err
    assert "Traceback" not in err


def test_bad_rule_file_named_by_config_is_exit_2(team: Path) -> None:
    (team / "team.yaml").write_text(TEAM_RULES.replace("kind: existence", "kind: nosuch"))
    (team / ".reportlint.yaml").write_text("rules: [team.yaml]\n")
    code, _, err = run_cli(str(team / "drafts" / "2026" / "report.txt"))
    assert code == 2
    assert "team.yaml" in err and "未知的 kind" in err


def test_show_config(team: Path) -> None:
    cfg = team / ".reportlint.yaml"
    cfg.write_text(
        "ignore: [placeholder]\nrules: [team.yaml]\nfail-on: error\nallow: [抓手工程]\n"
        "per-file-ignores: {'drafts/**': [TM101]}\n",
        encoding="utf-8",
    )
    draft = team / "drafts" / "2026" / "report.txt"
    code, out, err = run_cli("--show-config", str(draft))
    assert code == 0, err
    lines = out.splitlines()
    assert f"config: {cfg}" in lines
    assert "fail-on: error" in lines
    assert "- placeholder" in lines
    assert f"- {(team / 'team.yaml').resolve()}" in lines
    assert "- 抓手工程" in lines
    assert "- TM101" in lines  # the per-file ignore that matches this draft
    assert "- pattern: drafts/**" in lines and "  matches: true" in lines
    code, out, _ = run_cli("--isolated", "--show-config", str(draft))
    assert "config: '(none: built-in defaults)'" in out.splitlines()


def test_test_rules_runs_a_team_file(team: Path) -> None:
    code, out, _ = run_cli("--test-rules", str(team / "team.yaml"))
    assert code == 0
    assert out.strip().endswith("1 条规则，2 个示例：全部通过")
    broken = team / "broken.yaml"
    broken.write_text(
        TEAM_RULES.replace('good: ["把调研作为重要方法"]', 'good: ["抓手要实"]'), encoding="utf-8"
    )
    code, out, _ = run_cli("--test-rules", str(broken))
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{broken}:3: TM101：正确示例被报告了 1 处")
    assert "抓手要实" in first


def test_test_rules_reports_code_clash_with_builtin_rules(team: Path) -> None:
    clash = team / "clash.yaml"
    clash.write_text(TEAM_RULES.replace("TM101", "PH101"), encoding="utf-8")
    code, _, err = run_cli("--test-rules", str(clash))
    assert code == 2
    assert "代码重复" in err


def test_explain_and_list_rules_include_the_team_rules(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (team / ".reportlint.yaml").write_text("rules: [team.yaml]\n")
    monkeypatch.chdir(team / "drafts")
    code, out, _ = run_cli("--explain", "TM101")
    assert code == 0
    assert out.startswith("TM101（team-buzzword）\n")
    code, out, _ = run_cli("--list-rules")
    assert "TM101\tteam-buzzword\ttypo\twarning\t-\t-" in out.splitlines()
    assert run_cli("--isolated", "--explain", "TM101")[0] == 2


def test_show_config_for_a_folder_uses_the_folder_itself(team: Path) -> None:
    (team / "drafts" / "reportlint.yaml").write_text("fail-on: info\n")
    _, out, _ = run_cli("--show-config", str(team / "drafts"))
    assert f"config: {team / 'drafts' / 'reportlint.yaml'}" in out.splitlines()


def test_stdin_filename_picks_the_config_and_globs(team: Path) -> None:
    (team / ".reportlint.yaml").write_text(
        "select: [PH101, TM101]\nrules: [team.yaml]\nper-file-ignores: {'drafts/2026/*': [PH101]}\n"
    )
    name = str(team / "drafts" / "2026" / "buffer.txt")
    code, out, _ = run_cli("--format", "json", "--stdin-filename", name, "-", input=DRAFT)
    assert code == 1
    assert _codes(json.loads(out)) == [("TM101", 2, 7)]
    assert json.loads(out)[0]["path"] == name


def test_pyproject_tables_and_dates(team: Path) -> None:
    (team / "pyproject.toml").write_text(
        "[tool.reportlint]\n"
        'select = "PH101,TM101"\n'
        'rules = ["team.yaml"]\n'
        "as-of = 2026-01-01\n"
        'fail-on = "error"\n'
        "[tool.reportlint.severity]\n"
        'TM101 = "info"\n'
        "[tool.reportlint.per-file-ignores]\n"
        '"drafts/**" = ["PH101"]\n',
        encoding="utf-8",
    )
    draft = team / "drafts" / "2026" / "report.txt"
    code, out, _ = run_cli("--show-config", str(draft))
    assert code == 0
    assert "as-of: '2026-01-01'" in out.splitlines()
    code, data = run_json(str(draft))
    # TM101 downgraded to info, PH101 ignored for drafts/**, fail-on error: exit 0
    assert code == 0
    assert [(d["code"], d["severity"]) for d in data] == [("TM101", "info")]
