"""Output formats: one module per format, each exposing `render(diagnostics, ctx) -> str`
(or `bytes` for binary formats such as the reviewed .docx copy).

Modules are imported lazily so the common path (concise output) stays small.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lint.document import Document
from lint.model import Diagnostic
from lint.rule import Rule

# format name -> module under lint.report
FORMATS: dict[str, str] = {
    "concise": "concise",
    "full": "full",
    "json": "json",
    "json-lines": "jsonlines",
    "github": "github",
    "sarif": "sarif",
    "junit": "junit",
    "gitlab": "gitlab",
    "html": "html",
    "docx": "docx",
}


@dataclass
class ReportContext:
    documents: dict[str, Document] = field(default_factory=dict)
    rules: dict[str, Rule] = field(default_factory=dict)
    # Files that could not be linted: (path, one-line reason).
    errors: list[tuple[str, str]] = field(default_factory=list)
    color: bool = False
    version: str = ""
    output_path: str | None = None


def renderer(fmt: str) -> Callable[[Sequence[Diagnostic], ReportContext], str | bytes]:
    module = importlib.import_module(f"lint.report.{FORMATS[fmt]}")
    fn: Callable[[Sequence[Diagnostic], ReportContext], str | bytes] = module.render
    return fn
