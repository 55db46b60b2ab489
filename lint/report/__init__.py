"""Output formats: one module per format, each exposing `render(diagnostics, ctx) -> str`
(or `bytes` for binary formats such as the reviewed .docx copy).

Text formats also expose `chunks(diagnostics, ctx)`, the same text in pieces, which the CLI
writes as they come: a report of 270,000 findings is never held whole in memory (it took
more than the findings themselves: 9 KB per finding in SARIF).

Modules are imported lazily so the common path (concise output) stays small.
"""

from __future__ import annotations

import importlib
import json as _json  # `json` would be shadowed by the submodule lint.report.json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

# How json.dumps(..., ensure_ascii=False) writes a string (json's C encoder when available).
from json.encoder import encode_basestring as _string

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


def chunker(fmt: str) -> Callable[[Sequence[Diagnostic], ReportContext], Iterable[str]] | None:
    """The format's `chunks` function, or None for formats rendered whole."""
    module = importlib.import_module(f"lint.report.{FORMATS[fmt]}")
    fn: Callable[[Sequence[Diagnostic], ReportContext], Iterable[str]] | None = getattr(
        module, "chunks", None
    )
    return fn


def json_list(items: Iterable[object], level: int = 0) -> Iterator[str]:
    """The text `json.dumps(list(items), ensure_ascii=False, indent=2)` gives a list nested
    `level` deep, one item at a time."""
    pad = "\n" + "  " * (level + 1)
    first = True
    for item in items:
        yield ("[" if first else ",") + pad + indented_json(item, level + 1)
        first = False
    yield "[]" if first else "\n" + "  " * level + "]"


def indented_json(value: object, level: int = 0) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)` for a value nested `level` deep.

    json.dumps with an indent builds its encoder from closures that refer to each other: every
    call leaves about 2 KB of cyclic garbage, which only the cyclic collector frees, and the
    command line pauses it (lint.gcpause). Dumped once per finding, that garbage was most of a
    JSON or SARIF report's memory. Strings use json's own encoder, other scalars json.dumps.
    """
    if isinstance(value, dict):
        if not value:
            return "{}"
        pad = "\n" + "  " * (level + 1)
        parts = []
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"JSON object keys must be strings, not {type(key).__name__}")
            parts.append(pad + _string(key) + ": " + indented_json(item, level + 1))
        return "{" + ",".join(parts) + "\n" + "  " * level + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        pad = "\n" + "  " * (level + 1)
        inner = ",".join(pad + indented_json(item, level + 1) for item in value)
        return "[" + inner + "\n" + "  " * level + "]"
    if type(value) is str:
        return _string(value)
    if type(value) is int:
        return int.__repr__(value)
    return _json.dumps(value, ensure_ascii=False)
