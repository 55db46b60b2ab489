"""One JSON object per line (the keys of `--format json`): easy to stream, grep and append."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lint.model import Diagnostic
from lint.report import BATCH, JsonLayout, ReportContext, diagnostic_json


def chunks(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> Iterator[str]:
    # json.dumps(d.to_json(), ensure_ascii=False) for each finding, BATCH lines per piece.
    layout = JsonLayout(0, indented=False)
    for i in range(0, len(diagnostics), BATCH):
        yield "".join([diagnostic_json(d, layout) + "\n" for d in diagnostics[i : i + BATCH]])


def render(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> str:
    return "".join(chunks(diagnostics, ctx))
