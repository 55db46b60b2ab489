"""A JSON list of diagnostic objects (keys documented in the README)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lint.model import Diagnostic
from lint.report import ReportContext, json_list


def chunks(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> Iterator[str]:
    # The same text as json.dumps(list, indent=2), one object at a time.
    yield from json_list(d.to_json() for d in diagnostics)
    yield "\n"


def render(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> str:
    return "".join(chunks(diagnostics, ctx))
