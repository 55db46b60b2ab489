"""Concise output: the batched writer prints exactly what line_for gives for each finding."""

from __future__ import annotations

import dataclasses

from lint.document import Document
from lint.model import Edit, Fix
from lint.report import ReportContext
from lint.report.concise import BATCH, chunks, line_for, render
from tests.helpers import make_diagnostic


def test_batched_lines_are_line_for_of_each_finding() -> None:
    doc = Document("草稿 1.txt", "今年以来,工作\n" * (BATCH + 10))
    found = []
    for i, start in enumerate(range(4, len(doc.text), 8)):
        d = make_diagnostic(doc, start, start + 1, f"PU{100 + i % 3}")
        # no fix, a safe fix ([*]) and an unsafe one (no mark), in turn
        if i % 3:
            safety = "safe" if i % 3 == 1 else "unsafe"
            d = dataclasses.replace(d, fix=Fix((Edit(start, start + 1, "，"),), safety))
        found.append(d)
    assert len(found) > BATCH
    pieces = list(chunks(found, ReportContext()))
    assert len(pieces) == 2  # a piece per BATCH findings, not one per finding nor one in all
    expected = "".join(line_for(d) + "\n" for d in found)
    assert "".join(pieces) == render(found, ReportContext()) == expected
    assert expected.count(" [*] ") == sum(1 for i in range(len(found)) if i % 3 == 1)
    colored = "".join(chunks(found[:5], ReportContext(color=True)))
    assert colored == "".join(line_for(d, True) + "\n" for d in found[:5])
