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
import tracemalloc
from pathlib import Path

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
