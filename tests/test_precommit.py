"""The pre-commit hooks for real: a throwaway drafts repository uses this checkout as a hook
repository, and `pre-commit run --files …` installs and runs it.

pre-commit clones the hook repository at a commit and `pip install`s it into its own cache, so
the test commits a copy of this checkout (its code as it is now, not only what is committed) to
a temporary repository. Only PyPI has to be reachable, for the dependencies.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(
        importlib.util.find_spec("pre_commit") is None,
        reason="pre-commit is not installed (pip install '.[test]')",
    ),
]

CLEAN = "关于开展安全检查的通知\n会议定于3月5日召开，请各单位准时参加。\n"
BAD = "关于开展安全检查的通知\n会议定于*月*日召开，由XX区负责。\n"
FIXABLE = "会议定于3月5日召开,请准时参加。\n"


def _git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }
    proc = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout.strip()


def _hook_repo(dest: Path) -> tuple[Path, str]:
    """A git repository holding this checkout's package, rules and hook manifest."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    dest.mkdir()
    for folder in ("lint", "rules"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=ignore)
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, dest / name)
    _git(dest, "init", "-q")
    _git(dest, "add", ".")
    _git(dest, "commit", "-q", "-m", "hook repository")
    return dest, _git(dest, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("precommit")
    repo, rev = _hook_repo(base / "hooks")
    work = base / "drafts"
    work.mkdir()
    (work / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (work / "bad.txt").write_text(BAD, encoding="utf-8")
    (work / "fixable.txt").write_text(FIXABLE, encoding="utf-8")
    if importlib.util.find_spec("docx") is not None:
        import docx

        doc = docx.Document()
        for line in BAD.splitlines():
            doc.add_paragraph(line)
        doc.save(str(work / "bad.docx"))
    (work / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {repo}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: reportlint\n"
        "        args: [--as-of, '2026-11-26']\n"
        "      - id: reportlint-fix\n"
        "        args: [--as-of, '2026-11-26']\n"
        "        stages: [manual]\n"
        "      - id: reportlint-docx\n"
        "        args: [--as-of, '2026-11-26']\n"
        "        stages: [manual]\n",
        encoding="utf-8",
    )
    _git(work, "init", "-q")
    _git(work, "add", ".")
    _git(work, "commit", "-q", "-m", "drafts")
    return work


def _pre_commit(work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(work.parent / "cache"),
        "PRE_COMMIT_COLOR": "never",
        "REPORTLINT_NO_CACHE": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", *args],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_clean_draft_passes(drafts: Path) -> None:
    proc = _pre_commit(drafts, "reportlint", "--files", "clean.txt")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "reportlint" in proc.stdout and "Passed" in proc.stdout


def test_bad_draft_fails_with_located_output(drafts: Path) -> None:
    proc = _pre_commit(drafts, "reportlint", "--files", "bad.txt", "clean.txt")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Failed" in proc.stdout
    lines = proc.stdout.splitlines()
    assert "bad.txt:2:5: PH101 占位符“*”未填写：此处应填入具体的名称、数字或日期" in lines
    assert "bad.txt:2:7: PH101 占位符“*”未填写：此处应填入具体的名称、数字或日期" in lines
    assert any(line.startswith("bad.txt:2:13: PH103 ") for line in lines)
    assert not any(line.startswith("clean.txt:") for line in lines)


def test_fix_hook_rewrites_the_draft(drafts: Path) -> None:
    proc = _pre_commit(drafts, "reportlint-fix", "--hook-stage", "manual", "--files", "fixable.txt")
    # pre-commit fails a hook that modified files, so the author reviews the change
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "files were modified by this hook" in proc.stdout
    fixed = (drafts / "fixable.txt").read_text(encoding="utf-8")
    assert fixed == "会议定于3月5日召开，请准时参加。\n"
    proc = _pre_commit(drafts, "reportlint", "--files", "fixable.txt")
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.skipif(importlib.util.find_spec("docx") is None, reason="python-docx not installed")
def test_docx_hook_picks_word_drafts_by_name(drafts: Path) -> None:
    proc = _pre_commit(
        drafts, "reportlint-docx", "--hook-stage", "manual", "--files", "bad.docx", "clean.txt"
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert "bad.docx:2:5: PH101 占位符“*”未填写：此处应填入具体的名称、数字或日期" in lines
    assert not any(line.startswith("clean.txt:") for line in lines)
    # the text hook leaves Word files alone
    proc = _pre_commit(drafts, "reportlint", "--files", "bad.docx")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no files to check" in proc.stdout


def _doc_blocks(section: str) -> list[tuple[str, str]]:
    """(language, text) of the fenced blocks in one `## ` section of docs/ci.md, dedented."""
    import re
    import textwrap

    doc = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    part = doc.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return [
        (m.group(2), textwrap.dedent(m.group(3)))
        for m in re.finditer(r"^( *)```(\w*)\n(.*?)^\1```$", part, re.S | re.M)
    ]


def test_docs_precommit_example_works_as_written(tmp_path: Path) -> None:
    # The configuration from docs/ci.md as written, except that `repo` points at a copy of
    # this checkout: its `rev` must exist there, the hooks must share one environment, and a
    # clean draft must make no output even when pre-commit shows everything (--verbose).
    (lang, config), (_, failing) = _doc_blocks("pre-commit")[:2]
    assert lang == "yaml"
    repo, _ = _hook_repo(tmp_path / "hooks")
    config = config.replace("https://git.example.org/tools/reportlint", str(repo))
    work = tmp_path / "drafts"
    work.mkdir()
    (work / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (work / ".reportlint.yaml").write_text("as-of: auto\n", encoding="utf-8")
    (work / "草稿.txt").write_text(BAD, encoding="utf-8")
    (work / "clean.txt").write_text(CLEAN + "\n2026年11月26日\n", encoding="utf-8")
    if importlib.util.find_spec("docx") is not None:
        import docx

        doc = docx.Document()
        for line in BAD.splitlines():
            doc.add_paragraph(line)
        doc.save(str(work / "bad.docx"))
    _git(work, "init", "-q")
    _git(work, "add", ".")
    _git(work, "commit", "-q", "-m", "drafts")

    proc = _pre_commit(work, "--verbose", "--files", "clean.txt")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ours = [
        line
        for line in proc.stdout.splitlines()
        # pre-commit's own lines: hook headers, "- hook id", "[WARNING] … rev … mutable", …
        if line.strip() and not line.startswith(("reportlint", "- ", "[INFO]", "[WARNING]"))
    ]
    assert ours == [], proc.stdout

    proc = _pre_commit(work, "--files", "草稿.txt", "clean.txt", "bad.docx")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    shown = failing.splitlines()[-1]
    assert shown in proc.stdout.splitlines()
    assert "bad.docx:2:5: PH101" in proc.stdout
    envs = list((work.parent / "cache").glob("repo*/py_env-*"))
    assert len(envs) == 1, envs


def test_docs_markdown_example_shows_its_finding(tmp_path: Path) -> None:
    blocks = _doc_blocks("Suppressions without touching drafts")
    markdown = [text for lang, text in blocks if lang == "markdown"]
    (shown,) = [text for lang, text in blocks if lang == ""]
    draft, suppressed = markdown[0], markdown[1]
    name = shown.split(":", 1)[0]
    exe = Path(sys.executable).parent / "reportlint"
    (tmp_path / name).write_text(draft, encoding="utf-8")
    proc = subprocess.run([str(exe), "--quiet", name], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 1 and proc.stdout == shown, proc.stdout + proc.stderr
    (tmp_path / name).write_text(suppressed, encoding="utf-8")
    proc = subprocess.run([str(exe), "--quiet", name], cwd=tmp_path, capture_output=True, text=True)
    assert (proc.returncode, proc.stdout) == (0, ""), proc.stdout + proc.stderr
