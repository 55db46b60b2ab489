"""One JSON object per line (the keys of `--format json`): easy to stream, grep and append."""

from __future__ import annotations

import json
from collections.abc import Sequence

from lint.model import Diagnostic
from lint.report import ReportContext


def render(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> str:
    return "".join(json.dumps(d.to_json(), ensure_ascii=False) + "\n" for d in diagnostics)
