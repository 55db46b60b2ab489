"""Memory per finding while a report is written: the findings are held anyway (about 1.5 KB
each), writing them out must add little to that.

Measured with tracemalloc as the command line runs a report: the cyclic collector paused
(lint.gcpause), so garbage that only it frees counts as it does for a user. Before, `json`,
`sarif` and `gitlab` left about 2.4 KB of such garbage per finding (json.dumps with an indent),
`junit` built an XML tree of every finding and `html` the whole page (4 KB per finding).
"""

from __future__ import annotations

import datetime as dt
import gc
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest

from lint.document import Document
from lint.engine import Engine
from lint.model import Diagnostic
from lint.report import ReportContext, chunker, renderer
from lint.ruleset import load_ruleset

# Bytes a report may take per finding while it is written, beyond the findings themselves.
# Generous: every format now stays under about 250 (the old figures are in the docstring).
BOUND = 600
FORMATS = ["concise", "full", "json", "json-lines", "github", "sarif", "junit", "gitlab", "html"]


@pytest.fixture(scope="module")
def findings(seed_path: Path) -> tuple[list[Diagnostic], Document]:
    doc = Document("seed.txt", seed_path.read_text(encoding="utf-8") * 4)
    found = Engine(list(load_ruleset())).check(doc, dt.date(2026, 11, 26)).diagnostics
    found.sort(key=Diagnostic.sort_key)
    assert len(found) > 2500
    return found, doc


def report_peak(fmt: str, diagnostics: list[Diagnostic], ctx: ReportContext) -> int:
    """Peak bytes allocated while `fmt` is written to a sink that keeps nothing."""
    pieces = chunker(fmt)
    render = renderer(fmt)
    written = 0
    gc.collect()
    gc.disable()
    tracemalloc.start()
    try:
        if pieces is not None:
            for piece in pieces(diagnostics, ctx):
                written += len(piece)
        else:
            written += len(render(diagnostics, ctx))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        gc.enable()
    assert written > 0
    return peak


@pytest.mark.parametrize("fmt", FORMATS)
def test_writing_a_report_takes_little_memory_per_finding(
    fmt: str, findings: tuple[list[Diagnostic], Document], seed_path: Path
) -> None:
    found, doc = findings
    ctx = ReportContext(documents={doc.path: doc}, rules=load_ruleset().by_code())
    per_finding = report_peak(fmt, found, ctx) / len(found)
    assert per_finding < BOUND, f"{fmt}: {per_finding:.0f} bytes per finding"


# Started from a small Python: a child's peak RSS counts the memory of the process it was forked
# from until it runs the command (here the whole test session).
_LAUNCHER = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_pid, status, usage = os.wait4(proc.pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def peak_rss_kb(args: list[str]) -> int:
    cmd = [sys.executable, "-c", _LAUNCHER, sys.executable, "-m", "lint", *args]
    out = subprocess.run(cmd, capture_output=True, check=True, text=True).stdout.split()
    assert out[1] == "1", out  # findings, no error
    return int(out[0])


def test_word_report_memory_per_finding(tmp_path: Path, seed_path: Path) -> None:
    # python-docx holds the document as a tree, so the reviewed copy cannot be written a piece
    # at a time; but the comments and their range markers are written one at a time as their
    # parts are written, only a mark for each end goes into the tree: about 10 KB per finding
    # before, about 4.5 KB now (1.7 KB for concise output on the same Word file).
    text = seed_path.read_text(encoding="utf-8")
    sizes: dict[int, tuple[int, int]] = {}
    for n in (5, 20):
        document = docx.Document()
        for line in (text * n).split("\n"):
            document.add_paragraph(line)
        src, out = tmp_path / f"seed-{n}.docx", tmp_path / f"reviewed-{n}.docx"
        document.save(str(src))
        args = ["--isolated", "--as-of", "2026-11-26", "-q", "--jobs", "1", "--format", "docx"]
        rss = peak_rss_kb([*args, "--output-file", str(out), str(src)])
        with zipfile.ZipFile(out) as z:
            comments = z.read("word/comments.xml").count(b"<w:comment ")
        sizes[n] = (rss, comments)
    (small, few), (large, many) = sizes[5], sizes[20]
    assert many > few > 3000
    per_finding = (large - small) / (many - few)
    assert per_finding < 8.0, f"{per_finding:.2f} KB per finding"
