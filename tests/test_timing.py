"""lint.timing: REPORTLINT_PROFILE=1 prints one JSON line of stage times; otherwise nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from lint import timing

_BESIDE = Path(sys.executable).parent / "reportlint"
EXE = [str(_BESIDE)] if _BESIDE.exists() else [sys.executable, "-m", "lint"]


def _run(tmp_path: Path, profile: bool) -> subprocess.CompletedProcess[str]:
    (tmp_path / "draft.txt").write_text("会议于*月*日召开。\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "REPORTLINT_PROFILE"}
    if profile:
        env["REPORTLINT_PROFILE"] = "1"
    return subprocess.run(
        [*EXE, "--isolated", "draft.txt"], cwd=tmp_path, env=env, capture_output=True, text=True
    )


def test_profile_line_lists_the_stages(tmp_path: Path) -> None:
    proc = _run(tmp_path, profile=True)
    assert proc.returncode == 1
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith(timing.PREFIX)]
    assert len(lines) == 1, proc.stderr
    stages = json.loads(lines[0][len(timing.PREFIX) :])
    for name in ("rules.load", "engine.build", "read.decode", "read.index", "check.existence"):
        assert name in stages, stages
    assert all(isinstance(v, float) and v >= 0 for v in stages.values())
    assert "1:4: PH101" in proc.stdout


def test_no_profile_line_by_default(tmp_path: Path) -> None:
    proc = _run(tmp_path, profile=False)
    assert timing.PREFIX not in proc.stderr
    assert proc.stderr == ""


def test_stage_is_a_no_op_when_disabled() -> None:
    if timing.ENABLED:
        return  # the suite itself runs profiled: nothing to compare
    before = timing.snapshot()
    with timing.stage("test.stage"):
        pass
    assert timing.snapshot() == before
