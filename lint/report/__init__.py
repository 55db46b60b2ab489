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


# Findings per piece of a streamed report: one piece per finding cost a call, a yield and a
# write each, more than writing the finding itself. A piece and its items are held at once,
# so a piece stays small (SARIF: about 100 KB), and memory does not grow with the findings.
BATCH = 100


def json_items(texts: Iterable[str], level: int = 0) -> Iterator[str]:
    """`json_list` for items already written as JSON one level deeper, BATCH per piece."""
    pad = "\n" + "  " * (level + 1)
    sep = "," + pad
    batch: list[str] = []
    first = True
    for text in texts:
        batch.append(text)
        if len(batch) == BATCH:
            yield ("[" + pad if first else sep) + sep.join(batch)
            first = False
            batch = []
    if batch:
        yield ("[" + pad if first else sep) + sep.join(batch)
        first = False
    yield "[]" if first else "\n" + "  " * level + "]"


class JsonLayout:
    """Where json.dumps puts the separators of objects and lists nested `level` deep: with
    `indent=2` (`indented`), or on one line as json.dumps without an indent writes them."""

    def __init__(self, level: int, indented: bool) -> None:
        # opens[k] / seps[k] / closes[k]: after an opening bracket, between items and before
        # the closing bracket of a container k levels below `level`.
        if indented:
            self.opens = ["\n" + "  " * (level + k + 1) for k in range(8)]
            self.seps = ["," + pad for pad in self.opens]
            self.closes = ["\n" + "  " * (level + k) for k in range(8)]
        else:
            self.opens = [""] * 8
            self.seps = [", "] * 8
            self.closes = [""] * 8


def _json_scalar(value: object) -> str:
    """A scalar as indented_json writes it."""
    if type(value) is str:
        return _string(value)
    if type(value) is int:
        return int.__repr__(value)
    return _json.dumps(value, ensure_ascii=False)


def diagnostic_json(d: Diagnostic, layout: JsonLayout) -> str:
    """`indented_json(d.to_json(), level)` (or json.dumps of it on one line), written directly:
    a dirty file has 70,000 findings, and walking each one's dict cost 14 µs a finding, more
    than finding it. tests/report/test_json_writer.py keeps the two the same. Positions are
    ints and names strings (the types Diagnostic declares), written as json writes those."""
    o, s, c = layout.opens[0], layout.seps[0], layout.closes[0]
    fix = d.fix
    if fix is None:
        fix_text = "null"
    elif not fix.edits:
        fix_text = "[]"
    else:
        o1, s1, c1 = layout.opens[1], layout.seps[1], layout.closes[1]
        o2, s2, c2 = layout.opens[2], layout.seps[2], layout.closes[2]
        safety = _json_scalar(fix.safety)
        positions = d.edit_positions
        items = []
        for i, e in enumerate(fix.edits):
            item = (
                f'{{{o2}"start": {e.start}{s2}"end": {e.end}'
                f'{s2}"replacement": {_string(e.replacement)}{s2}"safety": {safety}'
            )
            if i < len(positions):
                line, col, end_line, end_col = positions[i]
                item += (
                    f'{s2}"line": {line}{s2}"column": {col}'
                    f'{s2}"end_line": {end_line}{s2}"end_column": {end_col}'
                )
            items.append(item + c2 + "}")
        fix_text = "[" + o1 + s1.join(items) + c1 + "]"
    suggestion = d.suggestion
    return (
        f'{{{o}"path": {_string(d.path)}{s}"line": {d.line}{s}"column": {d.column}'
        f'{s}"end_line": {d.end_line}{s}"end_column": {d.end_column}'
        f'{s}"code": {_string(d.code)}{s}"name": {_string(d.name)}'
        f'{s}"category": {_string(d.category)}{s}"severity": {_string(d.severity)}'
        f'{s}"message": {_string(d.message)}'
        f'{s}"suggestion": {"null" if suggestion is None else _string(suggestion)}'
        f'{s}"fix": {fix_text}{c}}}'
    )
