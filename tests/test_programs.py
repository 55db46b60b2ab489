"""lint.programs: pattern constants of the check modules are served from the engine cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from lint import programs

ROOT = Path(__file__).resolve().parent.parent


def test_serving_answers_from_the_programs_and_compiles_the_rest() -> None:
    known = regex.compile(r"(?P<y>\d{4})年", regex.V0)
    served: programs.Programs = {(r"(?P<y>\d{4})年", 0, int(regex.DEFAULT_VERSION)): known}
    real = regex.compile
    with programs.serving(served):
        assert regex.compile(r"(?P<y>\d{4})年") is known
        fresh = regex.compile("会议", regex.IGNORECASE)
        assert fresh.pattern == "会议" and fresh.flags & regex.IGNORECASE
        assert regex.compile("会议", regex.IGNORECASE) is fresh  # added, then served
        # Named lists are never served: they are compiled as usual.
        named = regex.compile(r"\L<words>", words=["甲", "乙"])
        assert named.search("丙乙") is not None
    assert regex.compile is real
    assert len(served) == 2


def test_serving_restores_regex_compile_after_an_error() -> None:
    real = regex.compile
    with pytest.raises(regex.error), programs.serving({}):
        regex.compile("(")
    assert regex.compile is real


_RUN = """
import json, sys
import regex
calls = []
real = regex.compile
def counting(pattern, flags=0, *args, **kwargs):
    calls.append(pattern)
    return real(pattern, flags, *args, **kwargs)
regex.compile = counting
from lint.cli import main
try:
    main(["--as-of", "2026-11-26", "--quiet", sys.argv[1]])
except SystemExit:
    pass
print(json.dumps(len(calls)))
"""


def test_a_warm_start_compiles_next_to_no_patterns(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("关于XX工作的通知\n会议定于*月*日召开,请准时参加。\n", encoding="utf-8")
    env = {**os.environ, "REPORTLINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("REPORTLINT_NO_CACHE", None)

    def compiles() -> int:
        proc = subprocess.run(
            [sys.executable, "-c", _RUN, str(draft)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=True,
        )
        count: int = json.loads(proc.stdout.splitlines()[-1])
        return count

    first = compiles()
    warm = compiles()
    assert first > 500  # every rule's patterns and every pattern constant
    # Only the few constants of modules imported before the engine (not check modules).
    assert warm < 10
