"""GitLab Code Quality report: a JSON list of issues for merge-request widgets.

Each issue has a fingerprint that is stable across runs and unique within a report (see
lint.baseline: rule code, path, flagged text, nearby text and an occurrence number, hashed),
so GitLab can tell new problems from old ones even when lines move. Paths are relative to the
current folder, which is the project folder in a GitLab job.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from json.encoder import encode_basestring as _string
from typing import Any

from lint.baseline import fingerprints, relative_path
from lint.model import Diagnostic
from lint.report import ReportContext, json_items

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


# Line breaks and indentation of json.dumps(indent=2) at each depth of an issue.
_P = ["\n" + "  " * n for n in range(6)]


def issue_json(d: Diagnostic, fingerprint: str, path: str) -> str:
    """`indented_json(issue(d, fingerprint), 1)` written directly (walking each issue's dicts
    cost more than finding it); `path` is report_path(d.path). tests/report/test_json_writer.py
    keeps the two the same."""
    p1, p2, p3, p4, p5 = _P[1:6]
    description = f"{d.code} {d.message}"
    if d.suggestion:
        description += f"（建议：{d.suggestion}）"
    return (
        f'{{{p2}"type": "issue",{p2}"check_name": {_string(d.code)},'
        f'{p2}"description": {_string(description)},'
        f'{p2}"content": {{{p3}"body": {_string(f"{d.name} ({d.category})")}{p2}}},'
        f'{p2}"categories": [{p3}"Style"{p2}],'
        f'{p2}"severity": {_string(SEVERITIES.get(d.severity, "minor"))},'
        f'{p2}"fingerprint": {_string(fingerprint)},'
        f'{p2}"location": {{{p3}"path": {path},{p3}"positions": {{'
        f'{p4}"begin": {{{p5}"line": {d.line},{p5}"column": {d.column}{p4}}},'
        f'{p4}"end": {{{p5}"line": {d.end_line},{p5}"column": {d.end_column}{p4}}}'
        f"{p3}}}{p2}}}{p1}}}"
    )


def chunks(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> Iterator[str]:
    prints = fingerprints(diagnostics, ctx.documents, os.getcwd())
    paths: dict[str, str] = {}  # each file's report path, written once

    def reported(path: str) -> str:
        text = paths.get(path)
        if text is None:
            text = paths[path] = _string(report_path(path))
        return text

    yield from json_items(
        issue_json(d, fp, reported(d.path)) for d, fp in zip(diagnostics, prints, strict=True)
    )
    yield "\n"


def render(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> str:
    return "".join(chunks(diagnostics, ctx))
