"""A broken install without jieba loses only the word-boundary findings, and says so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys
sys.modules["jieba"] = None  # import jieba now raises ImportError
from lint.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_missing_jieba_keeps_other_findings_and_names_the_problem(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    # 清毒 needs jieba to confirm its word boundaries; 再接再励 and the ASCII comma do not.
    draft.write_text("及时清毒,仍需再接再励。\n", encoding="utf-8")
    p = subprocess.run(
        [sys.executable, "-c", SCRIPT, "--isolated", "--select", "typo,punctuation", str(draft)],
        capture_output=True,
        text=True,
        env={"REPORTLINT_NO_CACHE": "1", "PATH": "/usr/bin:/bin"},
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert "Traceback" not in p.stderr
    assert "缺少依赖 jieba" in p.stderr
    assert "内部错误" not in p.stderr
    codes = [line.split(": ")[1].split()[0] for line in p.stdout.splitlines() if ": " in line]
    assert "PU102" in codes and "TY101" in codes
    assert p.returncode == 1
