"""Discover files, read them, run the engine: the library behind the CLI."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lint.document import Document
from lint.engine import Engine
from lint.model import Diagnostic, ReportlintError
from lint.sources import document_from_bytes, read_document
from lint.sources.text import Decoded


@dataclass
class Settings:
    as_of: dt.date | None = None  # None: today
    as_of_auto: bool = False
    encoding: str | None = None
    stdin_filename: str = "-"


@dataclass
class FileResult:
    path: str
    document: Document | None = None
    decoded: Decoded | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    as_of: dt.date | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)


def discover(paths: Sequence[str], suffixes: frozenset[str]) -> Iterator[str]:
    """Expand directories (following links, but never into a loop); keep files as given."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if not path.is_dir():
            yield p
            continue
        seen: set[str] = set()
        found: list[str] = []
        for root, dirs, files in os.walk(path, followlinks=True):
            real = os.path.realpath(root)
            if real in seen:
                dirs[:] = []
                continue
            seen.add(real)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in files:
                if Path(f).suffix.lower() in suffixes and not f.startswith("."):
                    found.append(os.path.join(root, f))
        yield from sorted(found)


def resolve_as_of(doc: Document, settings: Settings) -> dt.date:
    if settings.as_of_auto:
        from lint.asof import infer_date

        inferred = infer_date(doc.text)
        if inferred is not None:
            return inferred
    return settings.as_of or dt.date.today()


def read(path: str, settings: Settings) -> tuple[Document, Decoded | None]:
    if path == "-":
        data = sys.stdin.buffer.read()
        return document_from_bytes(data, settings.stdin_filename, settings.encoding)
    return read_document(path, settings.encoding)


def lint_file(path: str, engine: Engine, settings: Settings) -> FileResult:
    result = FileResult(path if path != "-" else settings.stdin_filename)
    try:
        doc, decoded = read(path, settings)
    except ReportlintError as exc:
        result.error = str(exc)
        return result
    result.document, result.decoded = doc, decoded
    result.as_of = resolve_as_of(doc, settings)
    res = engine.check(doc, result.as_of)
    result.diagnostics = res.diagnostics
    result.problems = res.problems
    return result
