"""SARIF 2.1.0: the format GitHub code scanning and many IDEs import.

One run; `tool.driver.rules` describes every rule that has a result (id, name, short and full
description, help text with the rule's examples, default level, category), and each result
points at its rule by `ruleId` and `ruleIndex`, with a region that carries start and end
line/column. Columns count Unicode code points, which the run declares with `columnKind`.
Results carry a stable `partialFingerprints` entry (see lint.baseline) so that code scanning
follows a problem across commits. Files that could not be read become tool notifications and
mark the invocation as unsuccessful.
"""

from __future__ import annotations

import json
import os
import urllib.parse
from collections.abc import Iterable, Iterator, Sequence
from json.encoder import encode_basestring as _string
from pathlib import Path
from typing import Any

from lint.baseline import fingerprints, relative_path
from lint.model import Diagnostic
from lint.report import ReportContext, indented_json, json_items
from lint.rule import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


# Relative URIs are relative to the folder reportlint ran in (the repository root in CI),
# declared once in run.originalUriBaseIds as code scanning expects.
SRCROOT = "SRCROOT"


def artifact_location(path: str) -> dict[str, str]:
    """A relative URI for files under the current folder, else a file:// URI."""
    rel = relative_path(path, os.getcwd())
    if not rel.startswith("../") and not os.path.isabs(rel):
        return {"uri": urllib.parse.quote(rel), "uriBaseId": SRCROOT}
    return {"uri": Path(os.path.abspath(path)).as_uri()}


def _help_text(rule: Rule) -> str:
    parts = [rule.description.strip() or rule.message]
    if rule.bad:
        parts.append("Flagged: " + " / ".join(e.text for e in rule.bad[:3]))
    if rule.good:
        parts.append("Not flagged: " + " / ".join(e.text for e in rule.good[:3]))
    if rule.source:
        parts.append(f"Source: {rule.source}")
    return "\n\n".join(parts)


def rule_descriptor(code: str, rule: Rule | None, sample: Diagnostic) -> dict[str, Any]:
    if rule is None:  # a diagnostic from a rule the context does not know: describe minimally
        return {
            "id": code,
            "name": sample.name,
            "shortDescription": {"text": sample.name},
            "defaultConfiguration": {"level": LEVELS.get(sample.severity, "warning")},
            "properties": {"category": sample.category, "tags": [sample.category]},
        }
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.name.replace("-", " ")},
        "fullDescription": {"text": rule.description.strip() or rule.message},
        "help": {"text": _help_text(rule)},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }
    if rule.source:
        descriptor["properties"]["source"] = rule.source
    return descriptor


def result(d: Diagnostic, index: int, fingerprint: str) -> dict[str, Any]:
    message = d.message + (f"（建议：{d.suggestion}）" if d.suggestion else "")
    region: dict[str, Any] = {
        "startLine": d.line,
        "startColumn": d.column,
        "endLine": d.end_line,
        "endColumn": d.end_column,
    }
    if d.text:
        region["snippet"] = {"text": d.text}
    return {
        "ruleId": d.code,
        "ruleIndex": index,
        "level": LEVELS.get(d.severity, "warning"),
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(d.path),
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {"reportlint/v1": fingerprint},
    }


def _rules(
    diagnostics: Sequence[Diagnostic], ctx: ReportContext
) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """Each code's index in `tool.driver.rules`, and the rule descriptors in that order."""
    index: dict[str, int] = {}
    descriptors: list[dict[str, Any]] = []
    for d in diagnostics:
        if d.code not in index:
            index[d.code] = len(descriptors)
            descriptors.append(rule_descriptor(d.code, ctx.rules.get(d.code), d))
    return index, descriptors


def build(
    diagnostics: Sequence[Diagnostic], ctx: ReportContext, stream: bool = False
) -> dict[str, Any]:
    """The SARIF log; with `stream`, `results` is an iterator for `chunks` to write."""
    index, descriptors = _rules(diagnostics, ctx)
    prints = fingerprints(diagnostics, ctx.documents, os.getcwd())
    results: Iterable[dict[str, Any]] = (
        result(d, index[d.code], fp) for d, fp in zip(diagnostics, prints, strict=True)
    )
    if not stream:
        results = list(results)
    invocation: dict[str, Any] = {"executionSuccessful": not ctx.errors}
    if ctx.errors:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "error",
                "message": {"text": reason},
                "locations": [{"physicalLocation": {"artifactLocation": artifact_location(path)}}],
            }
            for path, reason in ctx.errors
        ]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "reportlint",
                        "version": ctx.version or "0",
                        "rules": descriptors,
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri() + "/"}},
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


_HOLE = "\0results\0"
# Line breaks and indentation of json.dumps(indent=2) at each depth of a result.
_P = ["\n" + "  " * n for n in range(11)]


def result_json(d: Diagnostic, index: int, fingerprint: str, location: str) -> str:
    """`indented_json(result(d, index, fingerprint), 4)`, the depth of runs[0].results' items,
    written directly (walking each result's dicts cost more than finding it); `location` is
    the artifact location as indented_json writes it 8 deep. tests/report/test_json_writer.py
    keeps the two the same."""
    p4, p5, p6, p7, p8, p9, p10 = _P[4:11]
    message = d.message + (f"（建议：{d.suggestion}）" if d.suggestion else "")
    snippet = f',{p9}"snippet": {{{p10}"text": {_string(d.text)}{p9}}}' if d.text else ""
    return (
        f'{{{p5}"ruleId": {_string(d.code)},{p5}"ruleIndex": {index},'
        f'{p5}"level": {_string(LEVELS.get(d.severity, "warning"))},'
        f'{p5}"message": {{{p6}"text": {_string(message)}{p5}}},'
        f'{p5}"locations": [{p6}{{{p7}"physicalLocation": {{{p8}"artifactLocation": {location},'
        f'{p8}"region": {{{p9}"startLine": {d.line},{p9}"startColumn": {d.column},'
        f'{p9}"endLine": {d.end_line},{p9}"endColumn": {d.end_column}{snippet}{p8}}}'
        f"{p7}}}{p6}}}{p5}],"
        f'{p5}"partialFingerprints": {{{p6}"reportlint/v1": {_string(fingerprint)}{p5}}}{p4}}}'
    )


def chunks(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> Iterator[str]:
    # The log is dumped with a placeholder for the results, which are then written in its
    # place, BATCH at a time, indented as json.dumps would (runs[0].results is 3 levels deep).
    log = build(diagnostics, ctx, stream=True)
    log["runs"][0]["results"] = _HOLE
    text = json.dumps(log, ensure_ascii=False, indent=2)
    head, tail = text.split(json.dumps(_HOLE), 1)
    yield head
    index, _ = _rules(diagnostics, ctx)
    prints = fingerprints(diagnostics, ctx.documents, os.getcwd())
    locations: dict[str, str] = {}  # path -> its artifact location, written once

    def located(path: str) -> str:
        text = locations.get(path)
        if text is None:
            text = locations[path] = indented_json(artifact_location(path), 8)
        return text

    yield from json_items(
        (
            result_json(d, index[d.code], fp, located(d.path))
            for d, fp in zip(diagnostics, prints, strict=True)
        ),
        level=3,
    )
    yield tail + "\n"


def render(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> str:
    return "".join(chunks(diagnostics, ctx))
