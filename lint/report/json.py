"""A JSON list of diagnostic objects (keys documented in the README)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lint.model import Diagnostic
from lint.report import JsonLayout, ReportContext, diagnostic_json, json_items


def chunks(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> Iterator[str]:
    # The same text as json.dumps([d.to_json() for d in diagnostics], indent=2), in pieces.
    layout = JsonLayout(1, indented=True)
    yield from json_items(diagnostic_json(d, layout) for d in diagnostics)
    yield "\n"


def render(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> str:
    return "".join(chunks(diagnostics, ctx))
