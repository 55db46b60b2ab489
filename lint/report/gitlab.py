"""GitLab Code Quality report: a JSON list of issues for merge-request widgets.

Each issue has a fingerprint that is stable across runs and unique within a report (see
lint.baseline: rule code, path, flagged text, nearby text and an occurrence number, hashed),
so GitLab can tell new problems from old ones even when lines move. Paths are relative to the
current folder, which is the project folder in a GitLab job.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Any

from lint.baseline import fingerprints, relative_path
from lint.model import Diagnostic
from lint.report import ReportContext, json_list

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def report_path(path: str) -> str:
    """Relative to the current folder when the file is inside it, else as given."""
    rel = relative_path(path, os.getcwd())
    return path.replace(os.sep, "/") if rel.startswith("../") else rel


def issue(d: Diagnostic, fingerprint: str) -> dict[str, Any]:
    description = f"{d.code} {d.message}"
    if d.suggestion:
        description += f"（建议：{d.suggestion}）"
    return {
        "type": "issue",
        "check_name": d.code,
        "description": description,
        "content": {"body": f"{d.name} ({d.category})"},
        "categories": ["Style"],
        "severity": SEVERITIES.get(d.severity, "minor"),
        "fingerprint": fingerprint,
        "location": {
            "path": report_path(d.path),
            "positions": {
                "begin": {"line": d.line, "column": d.column},
                "end": {"line": d.end_line, "column": d.end_column},
            },
        },
    }


def chunks(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> Iterator[str]:
    prints = fingerprints(diagnostics, ctx.documents, os.getcwd())
    yield from json_list(issue(d, fp) for d, fp in zip(diagnostics, prints, strict=True))
    yield "\n"


def render(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> str:
    return "".join(chunks(diagnostics, ctx))
