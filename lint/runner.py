"""One file: find it, read it, judge it at its date, run the engine, refine the findings."""

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
from lint.printable import path_name, printable
from lint.profile import Profile
from lint.sources import document_from_bytes, read_document
from lint.sources.text import Decoded


@dataclass
class FileResult:
    path: str
    document: Document | None = None
    decoded: Decoded | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    as_of: dt.date | None = None
    # Where an "auto" as-of date came from (lint.asof.SOURCES); None for a given date.
    as_of_source: str | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)
    # Rules stopped by their time budget: the file was not fully linted.
    incomplete: list[str] = field(default_factory=list)


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


def read(path: str, profile: Profile) -> tuple[Document, Decoded | None]:
    if path == "-":
        data = sys.stdin.buffer.read()
        return document_from_bytes(data, profile.stdin_filename, profile.encoding)
    return read_document(path, profile.encoding)


def lint_file(path: str, engine: Engine, profile: Profile, today: dt.date) -> FileResult:
    """Read `path` and lint it at its date; findings refined by the profile."""
    # Reports name the file with its unsafe characters escaped (see lint.printable); the
    # real path is only ever used to read and write the file.
    result = FileResult(path_name(path if path != "-" else profile.stdin_filename))
    try:
        doc, decoded = read(path, profile)
    except ReportlintError as exc:
        result.error = printable(str(exc))
        return result
    doc.path = result.path
    result.document, result.decoded = doc, decoded
    result.as_of, result.as_of_source = profile.judge_date(doc.text, today)
    res = engine.check(doc, result.as_of)
    result.diagnostics = profile.refine(res.diagnostics, doc.text)
    result.problems = res.problems
    result.incomplete = res.incomplete
    return result
