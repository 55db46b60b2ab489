"""Many files: parallel runs print exactly what serial runs print; progress only on a TTY."""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from lint import pipeline
from lint.config import Config, ConfigFinder
from lint.profile import Profile, Request

DAY = dt.date(2026, 11, 26)

ROOT = Path(__file__).resolve().parent.parent
LINES = [
    "会议定于*月*日召开。",
    "由XX区负责。",
    "请于3月5日前报送。",
    "兹证明×××同志在我单位工作。",
]


def _drafts(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        # every file different, so a misordered result would show
        text = "\n".join(LINES[(i + k) % len(LINES)] for k in range(1 + i % 4)) + "\n"
        (folder / f"d{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def _reportlint(*args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lint", "--as-of", "2026-11-26", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        **kw,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("fmt", ["concise", "json", "gitlab"])
def test_parallel_output_is_identical_to_serial(tmp_path: Path, fmt: str) -> None:
    folder = _drafts(tmp_path / "drafts", 40)
    serial = _reportlint("--jobs", "1", "--format", fmt, str(folder))
    parallel = _reportlint("--jobs", "4", "--format", fmt, str(folder))
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout
    assert serial.stdout.count("d039.txt") >= 1


def test_run_yields_results_in_input_order_with_a_pool(tmp_path: Path) -> None:
    folder = _drafts(tmp_path / "drafts", 24)
    request = Request(select=("placeholder",))
    items, excluded = pipeline.plan([str(folder)], request, ConfigFinder(forced=Config()))
    assert excluded == 0 and len(items) == 24
    serial = [
        (r.path, [(d.code, d.line, d.column) for d in r.diagnostics])
        for r in pipeline.run(items, 1, DAY)
    ]
    pooled = [
        (r.path, [(d.code, d.line, d.column) for d in r.diagnostics])
        for r in pipeline.run(items, 3, DAY)
    ]
    assert pooled == serial
    assert [p for p, _ in serial] == [i.path for i in items]


def test_engine_is_built_once_per_selection_not_per_file(tmp_path: Path) -> None:
    base = Profile(select=("PH101",))
    same = Profile(select=("PH101",), allow=("x",), file_ignores=("PH1",))
    other = Profile(select=("PH102",))
    assert pipeline.engine_for(base) is pipeline.engine_for(same)
    assert pipeline.engine_for(base) is not pipeline.engine_for(other)
    assert pipeline.ruleset_for(()) is pipeline.ruleset_for(())


def _stderr_on_tty(*args: str) -> tuple[int, str]:
    """Run reportlint with stderr on a pseudo-terminal; return (exit code, what it showed)."""
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "lint", "--as-of", "2026-11-26", *args],
            stdout=subprocess.DEVNULL,
            stderr=follower,
            cwd=ROOT,
            timeout=120,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:  # EIO: the terminal has no writer left
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(leader)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_with_many_files(tmp_path: Path) -> None:
    folder = _drafts(tmp_path / "many", 60)
    code, shown = _stderr_on_tty("--jobs", "2", str(folder))
    assert code == 1
    assert "reportlint [" in shown
    assert "] 60/60" in shown


def test_no_progress_bar_for_few_files_or_quiet(tmp_path: Path) -> None:
    few = _drafts(tmp_path / "few", 10)
    assert _stderr_on_tty(str(few)) == (1, "")
    many = _drafts(tmp_path / "many", 60)
    assert _stderr_on_tty("--quiet", str(many)) == (1, "")


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    folder = _drafts(tmp_path / "many", 60)
    proc = _reportlint(str(folder))
    assert proc.returncode == 1
    assert proc.stderr == ""


def test_workers_for_explicit_and_automatic(tmp_path: Path) -> None:
    finder = ConfigFinder(forced=Config())
    small, _ = pipeline.plan([str(_drafts(tmp_path / "small", 20))], Request(), finder)
    assert pipeline.workers_for(small, 3) == 3
    assert pipeline.workers_for(small[:2], 8) == 2
    # automatic: twenty tiny drafts are not worth a pool
    assert pipeline.workers_for(small, 0) == 1
    big_dir = tmp_path / "big"
    big_dir.mkdir()
    for i in range(10):
        (big_dir / f"b{i}.txt").write_text("请于3月5日前报送。\n" * 4000, encoding="utf-8")
    big, _ = pipeline.plan([str(big_dir)], Request(), finder)
    assert pipeline.workers_for(big, 0) == min(pipeline.default_jobs(), 10)
    stdin, _ = pipeline.plan(["-", str(big_dir)], Request(), finder)
    assert pipeline.workers_for(stdin, 4) == 1


def test_messages_clear_the_progress_bar_first(tmp_path: Path) -> None:
    folder = _drafts(tmp_path / "many", 60)
    (folder / "d030.txt").write_bytes(b"\x00\x01binary")
    code, shown = _stderr_on_tty("--jobs", "2", str(folder))
    assert code == 2
    # the bar is wiped, the message gets a line of its own, then the bar comes back
    at = shown.index("reportlint: ")
    assert shown[at - 4 : at] == "\r\x1b[K"
    assert "d030.txt: 二进制文件" in shown
    assert shown.rstrip("\r\x1b[K").count("] 60/60") == 1


_IMPORTS = """
import json, sys
from lint.cli import main
try:
    main(["--as-of", "2026-11-26", "--quiet", *sys.argv[1:]])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


def test_a_serial_run_on_clean_drafts_imports_nothing_it_does_not_use(tmp_path: Path) -> None:
    # Start-up is most of a pre-commit run: a serial run on clean files needs no process
    # pool, no YAML (rules come from the cache), no jieba, no temporary files, no Word.
    env = {**os.environ, "REPORTLINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("REPORTLINT_NO_CACHE", None)
    clean = str(ROOT / "tests" / "fixtures" / "clean")
    runs = [
        subprocess.run(
            [sys.executable, "-c", _IMPORTS, clean],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            check=True,
        )
        for _ in range(2)  # the first fills the cache
    ]
    modules = set(json.loads(runs[1].stdout.splitlines()[-1]))
    unused = {"multiprocessing", "concurrent.futures", "yaml", "jieba", "tempfile", "docx"}
    unused.add("lint.asof")  # dates are only inferred with --as-of auto
    assert modules & unused == set()
