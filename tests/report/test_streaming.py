"""Text reports are written in pieces: none is ever held whole in memory.

A report of 270,000 findings took 2.45 GB in SARIF: the findings, then every one of them as a
dict, then the whole text. Each text format now yields its report one finding at a time, and
the pieces together are exactly what it renders.
"""

from __future__ import annotations

import datetime as dt

import pytest

from lint.document import Document
from lint.engine import Engine
from lint.report import BATCH, FORMATS, ReportContext, chunker, renderer
from lint.ruleset import load_ruleset

TEXT_FORMATS = ["concise", "full", "json", "json-lines", "github", "sarif", "gitlab"]


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_text_formats_stream_one_finding_at_a_time(fmt: str) -> None:
    assert fmt in FORMATS
    doc = Document("d.txt", "会议定于*月*日召开，" * 1500 + "\n")
    found = Engine(list(load_ruleset())).check(doc, dt.date(2026, 11, 26)).diagnostics
    assert len(found) >= 3000
    ctx = ReportContext(documents={"d.txt": doc})
    pieces = chunker(fmt)
    assert pieces is not None
    parts = list(pieces(found, ctx))
    # Pieces of a bounded number of findings (a piece per line cost more than the line: see
    # lint.report.BATCH), each small; the head of a SARIF log describes the rules once.
    whole = renderer(fmt)(found, ctx)
    assert "".join(parts) == whole
    per_finding = len(whole) / len(found)
    assert sorted([0, *map(len, parts)])[-2] < BATCH * per_finding * 2
