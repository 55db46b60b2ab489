"""One JSON object per line (the keys of `--format json`): easy to stream, grep and append."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from lint.model import Diagnostic
from lint.report import ReportContext


def chunks(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> Iterator[str]:
    for d in diagnostics:
        yield json.dumps(d.to_json(), ensure_ascii=False) + "\n"


def render(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> str:
    return "".join(chunks(diagnostics, ctx))
