"""What a person at the desk reads besides the findings, through the real executable:
the summary line, fixable marks, statistics, Chinese help and errors, hints, colour."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

EXE = Path(sys.executable).parent / "reportlint"
DRAFT = (
    "关于开展安全检查的通知\n"
    "会议定于*月*日召开,请各单位准时参加。\n"
    "认真学习贯彻党的十九大精神,推动工作落实。\n"
)


def run(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env.update(env)
    return subprocess.run(
        [str(EXE), *args], cwd=cwd, capture_output=True, text=True, env=full_env, check=False
    )


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "草稿.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def _expected_summary(found: list[dict[str, object]], files: int) -> str:
    names = {"error": "错误", "warning": "警告", "info": "提示"}
    counts = [(names[s], sum(1 for d in found if d["severity"] == s)) for s in names]
    parts = "，".join(f"{n} {k}" for n, k in counts if k)
    safe = sum(1 for d in found if d["fix"] and d["fix"][0]["safety"] == "safe")
    unsafe = sum(1 for d in found if d["fix"] and d["fix"][0]["safety"] == "unsafe")
    text = f"共 {len(found)} 个问题（{parts}）"
    if safe:
        text += f"，{safe} 个可用 --fix 修复（标有 [*]）"
    if unsafe:
        text += f"，另有 {unsafe} 个可用 --fix --unsafe-fixes 修复（改后请核对）"
    return f"{text}；检查了 {files} 个文件"


@pytest.mark.parametrize("fmt", ["concise", "full"])
def test_summary_line_after_the_findings(draft: Path, fmt: str) -> None:
    found = json.loads(run("--format", "json", "--as-of", "2026-11-26", str(draft)).stdout)
    assert len(found) >= 4
    p = run("--format", fmt, "--as-of", "2026-11-26", str(draft))
    assert p.returncode == 1
    assert p.stdout.splitlines()[-1] == _expected_summary(found, 1)
    # --quiet drops it; machine formats never had it.
    quiet = run("--quiet", "--as-of", "2026-11-26", str(draft)).stdout
    assert "共 " not in quiet and len(quiet.splitlines()) == len(found)


def test_clean_draft_says_so(tmp_path: Path) -> None:
    clean = tmp_path / "a.txt"
    clean.write_text("会议定于3月5日召开。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("会议定于3月6日召开。\n", encoding="utf-8")
    p = run(str(tmp_path))
    assert (p.returncode, p.stdout) == (0, "未发现问题（检查了 2 个文件）\n")


def test_fixable_findings_are_marked(draft: Path) -> None:
    lines = run("--quiet", "--as-of", "2026-11-26", str(draft)).stdout.splitlines()
    comma = [line for line in lines if " PU102" in line]
    assert comma and all(" PU102 [*] " in line for line in comma)
    assert all("[*]" not in line for line in lines if " PH101" in line)


def test_statistics_has_a_fixable_column_and_a_total(draft: Path) -> None:
    found = json.loads(run("--format", "json", "--as-of", "2026-11-26", str(draft)).stdout)
    p = run("--statistics", "--as-of", "2026-11-26", str(draft))
    lines = p.stdout.splitlines()
    assert lines[0].split() == ["数量", "可修复", "代码", "规则"]
    pu = next(line for line in lines if " PU102 " in line).split()
    assert pu[:2] == ["2", "2"]
    ph = next(line for line in lines if " PH101 " in line).split()
    assert ph[:2] == ["2", "-"]
    total = lines[-1].split()
    safe = sum(1 for d in found if d["fix"] and d["fix"][0]["safety"] == "safe")
    assert total[:3] == [str(len(found)), str(safe), "合计"]
    data = json.loads(run("--statistics", "--format", "json", str(draft)).stdout)
    assert {"code", "count", "fixable"} <= set(data[0])


def test_a_folder_with_nothing_to_check_says_so(tmp_path: Path) -> None:
    (tmp_path / "说明.pdf").write_bytes(b"%PDF")
    p = run(str(tmp_path))
    assert p.returncode == 0 and p.stdout == ""
    assert p.stderr == f"reportlint: {tmp_path} 中没有可检查的文件（.txt、.md、.docx）\n"


def test_selector_typo_gets_did_you_mean(draft: Path, tmp_path: Path) -> None:
    p = run("--select", "placeholdr", str(draft))
    assert p.returncode == 2
    assert p.stderr == "reportlint: --select：“placeholdr”不匹配任何规则，是否想用 placeholder？\n"
    assert "是否想用 PH101？" in run("--ignore", "ph101", str(draft)).stderr
    # The configuration file gets the same hint.
    (tmp_path / ".reportlint.yaml").write_text("ignore: [residu]\n", encoding="utf-8")
    p = run(str(draft))
    assert p.returncode == 2 and "ignore：“residu”不匹配任何规则，是否想用 residue？" in p.stderr


def test_a_subcommand_habit_gets_a_hint(draft: Path) -> None:
    p = run("check", str(draft))
    assert p.returncode == 2 and p.stdout == ""
    assert f"reportlint 没有“check”子命令，请直接给出要检查的文件：reportlint {draft}" in p.stderr
    assert "文件不存在" not in p.stderr


def test_help_is_in_chinese() -> None:
    p = run("--help")
    assert p.returncode == 0
    head = p.stdout.splitlines()
    assert head[0] == "用法：reportlint [选项] 文件或文件夹..."
    assert "选项：" in head
    for english in ("Usage", "Options", "Show this message", "[default", "x>="):
        assert english not in p.stdout
    assert "  -h, --help" in p.stdout and "显示本帮助并退出。" in p.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--formt", "json"], "没有选项 --formt，是否想用 --format？"),
        (["--format", "jsn"], "--format 的值“jsn”无效，可选："),
        (["--as-of", "2026-13-01", "x.txt"], "--as-of：应为 YYYY-MM-DD 格式的日期或 auto"),
        (["--jobs", "-1", "x.txt"], "应为不小于 0 的整数"),
        ([], "请给出要检查的文件或文件夹"),
    ],
)
def test_usage_errors_are_one_chinese_line(args: list[str], expected: str) -> None:
    p = run(*args)
    assert p.returncode == 2
    assert len(p.stderr.splitlines()) == 1 and expected in p.stderr, p.stderr
    assert "Error" not in p.stderr and "Usage" not in p.stderr


def _on_terminal(*args: str, **env: str) -> str:
    """stdout of reportlint when it writes to a terminal."""
    leader, follower = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env.update(env)
    proc = subprocess.Popen(
        [str(EXE), *args], stdout=follower, stderr=subprocess.DEVNULL, env=full_env
    )
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    proc.wait()
    os.close(leader)
    return out.decode("utf-8")


def test_color_auto_always_never_and_no_color(draft: Path) -> None:
    assert "\033[" in _on_terminal(str(draft))
    assert "\033[" not in _on_terminal(str(draft), NO_COLOR="1")
    assert "\033[" not in _on_terminal("--color", "never", str(draft))
    # Not a terminal: no colour unless asked for; --color always beats NO_COLOR.
    assert "\033[" not in run(str(draft)).stdout
    assert "\033[" in run("--color", "always", str(draft), NO_COLOR="1").stdout


def test_unbalanced_pair_message_shows_where(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("机关组织开展了“学习王瑛事迹、“加强党性修养”等活动\n", encoding="utf-8")
    out = run("--select", "PU101", "--quiet", str(path)).stdout
    assert out == (
        f"{path}:1:8: PU101 成对标点缺少配对：左引号没有对应的右引号——“学习王瑛事迹、“加强党性……\n"
    )


def test_nbsp_suggestion_is_named_not_invisible(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("发布时间：2021-01-20\u00a0来源\n", encoding="utf-8")
    out = run("--select", "RS114", "--format", "full", str(path)).stdout
    assert "= 建议：改为普通空格" in out


def test_quotes_inside_quoted_wording_are_single_quotes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "以邓小平理论和“三个代表”重要思想为指导,树立和落实科学发展观\n", encoding="utf-8"
    )
    out = run("--select", "FM201", "--quiet", "--as-of", "2026-11-26", str(path)).stdout
    assert "“以邓小平理论和‘三个代表’重要思想为指导" in out and "““" not in out


def test_show_config_lists_every_per_file_ignore(tmp_path: Path) -> None:
    (tmp_path / ".reportlint.yaml").write_text(
        'per-file-ignores:\n  "archive/**": [formulation]\n  "*.txt": [PH103]\n', encoding="utf-8"
    )
    (tmp_path / "archive").mkdir()
    target = tmp_path / "archive" / "old.md"
    out = run("--show-config", str(target)).stdout
    import yaml

    shown = yaml.safe_load(out)
    assert shown["per-file-ignores"] == [
        {"pattern": "archive/**", "ignore": ["formulation"], "matches": True},
        {"pattern": "*.txt", "ignore": ["PH103"], "matches": False},
    ]
    assert shown["ignored-here"] == ["formulation"]


def test_baseline_as_a_config_key(draft: Path, tmp_path: Path) -> None:
    base = tmp_path / ".reportlint-baseline.json"
    assert run("--write-baseline", str(base), str(draft)).returncode == 0
    (tmp_path / ".reportlint.yaml").write_text(
        "baseline: .reportlint-baseline.json\n", encoding="utf-8"
    )
    p = run(str(draft))
    assert p.returncode == 0, p.stdout
    assert "基线 " in p.stderr and "抑制了" in p.stderr
    with draft.open("a", encoding="utf-8") as fh:
        fh.write("由XX区负责。\n")
    p = run("--quiet", str(draft))
    assert p.returncode == 1 and p.stdout.count("\n") == 1 and " PH103 " in p.stdout
    (tmp_path / ".reportlint.yaml").write_text("baseline: missing.json\n", encoding="utf-8")
    p = run(str(draft))
    assert p.returncode == 2 and "基线文件 missing.json 不存在" in p.stderr


def test_test_rules_speaks_chinese(tmp_path: Path) -> None:
    rules = tmp_path / "team.yaml"
    rules.write_text(
        "category: typo\n"
        "rules:\n"
        "  - code: TM101\n"
        "    name: team-buzzword\n"
        "    kind: existence\n"
        "    severity: warning\n"
        '    message: "本单位公文不用“{match}”一词"\n'
        '    description: "本单位约定不用的词语。"\n'
        "    tokens: [抓手]\n"
        "    examples:\n"
        '      bad: ["把调研作为抓手"]\n'
        '      good: ["抓手要实"]\n',
        encoding="utf-8",
    )
    p = run("--test-rules", str(rules))
    assert p.returncode == 1
    assert p.stdout.splitlines() == [
        f"{rules}:3: TM101：正确示例被报告了 1 处：抓手要实",
        "1 条规则，2 个示例：1 个未通过",
    ]


def test_diff_stays_reviewable_when_most_lines_change(tmp_path: Path) -> None:
    lines = [f"第{i}项工作全面完成,取得良好成效,群众满意度明显提升。" for i in range(1, 9)]
    path = tmp_path / "a.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = run("--diff", "--select", "PU102", str(path))
    assert p.returncode == 1
    headers = [line for line in p.stdout.splitlines() if line.startswith("@@")]
    # One hunk per changed paragraph, each saying in words what changes inside it.
    assert headers == [f"@@ -{i} +{i} @@ “,”→“，” 2 处" for i in range(1, 9)]
    # Still a patch: applying it gives what --fix writes.
    patch = tmp_path / "fix.diff"
    patch.write_text(p.stdout, encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_bytes(path.read_bytes())
    subprocess.run(["patch", "-s", str(copy), str(patch)], check=True)
    assert run("--fix", "--select", "PU102", "--quiet", str(path)).returncode == 0
    assert copy.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_readme_example_is_what_reportlint_prints(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("## 看懂结果\n\n```\n", 1)[1].split("```", 1)[0].splitlines()
    draft = block[1 : block.index("$ reportlint 草稿.txt")]
    shown = block[block.index("$ reportlint 草稿.txt") + 1 :]
    (tmp_path / "草稿.txt").write_text("\n".join(draft) + "\n", encoding="utf-8")
    p = run("草稿.txt", cwd=tmp_path)
    assert p.stdout.splitlines() == shown
