"""lint.__main__: the executable ends at once after main, with main's output and exit code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run_cli

_EXE = [sys.executable, "-m", "lint", "--as-of", "2026-11-26"]


def test_the_executable_prints_what_main_prints_with_its_exit_code(seed_path: Path) -> None:
    proc = subprocess.run([*_EXE, str(seed_path)], capture_output=True, text=True)
    code, out, err = run_cli("--as-of", "2026-11-26", str(seed_path))
    assert (proc.returncode, proc.stdout, proc.stderr) == (code, out, err)
    assert code == 1 and out.count("\n") > 600 and "个问题" in out


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["concise", "json"])
@pytest.mark.parametrize("copies", [1, 20])
def test_a_full_disk_is_a_one_line_error(
    tmp_path: Path, seed_path: Path, fmt: str, copies: int
) -> None:
    # small reports fail when flushed, large ones while written
    draft = tmp_path / "draft.txt"
    draft.write_text(seed_path.read_text(encoding="utf-8")[:2000] * copies, encoding="utf-8")
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [*_EXE, "--format", fmt, str(draft)], stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert proc.returncode == 2
    assert proc.stderr == "reportlint: 无法写出报告到标准输出 (No space left on device)\n"


def test_a_reader_that_leaves_early_gets_exit_code_1(tmp_path: Path, seed_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(seed_path.read_text(encoding="utf-8") * 10, encoding="utf-8")
    proc = subprocess.Popen([*_EXE, str(draft)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)  # then leaves, as `| head -c 100` does
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=60) == 1
    assert err == ""


def test_under_a_profiler_it_ends_as_usual_so_the_profile_is_written(
    tmp_path: Path, seed_path: Path
) -> None:
    stats = tmp_path / "run.prof"
    proc = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "lint", str(seed_path)],
        capture_output=True,
        text=True,
    )
    assert "个问题" in proc.stdout  # (cProfile's own exit code is 0 whatever the module's)
    assert stats.stat().st_size > 10_000


@pytest.mark.parametrize("args", [["--as-of", "2026-11-26"], ["--explain", "PH101"]])
def test_a_closed_standard_output_is_a_one_line_error(seed_path: Path, args: list[str]) -> None:
    proc = subprocess.run(
        ["sh", "-c", 'exec "$0" "$@" >&-', sys.executable, "-m", "lint", *args, str(seed_path)],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr == "reportlint: 无法写出报告到标准输出 (标准输出已关闭)\n"
