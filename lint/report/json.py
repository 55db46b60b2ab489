"""A JSON list of diagnostic objects (keys documented in the README)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from lint.model import Diagnostic
from lint.report import ReportContext


def render(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> str:
    return json.dumps([d.to_json() for d in diagnostics], ensure_ascii=False, indent=2) + "\n"
