"""JUnit XML: one test suite per file with problems, one failing test case per problem.

CI systems (GitLab, Jenkins, Azure) show these as failed tests with the message and location.
A run without problems still yields one passing case, so the report is never an empty suite
that some viewers flag as broken. Files that could not be read are test cases with <error>.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from itertools import groupby

from lint.model import Diagnostic
from lint.report import ReportContext

# Characters XML 1.0 cannot carry at all, even escaped (most C0 controls, lone surrogates).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def render(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> str:
    root = ET.Element("testsuites", name="reportlint")
    total = failures = 0
    for path, group in groupby(diagnostics, key=lambda d: d.path):
        items = list(group)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=_clean(path),
            tests=str(len(items)),
            failures=str(len(items)),
            errors="0",
        )
        for d in items:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=_clean(path),
                name=_clean(f"{d.code} {d.name} {path}:{d.line}:{d.column}"),
                file=_clean(path),
                line=str(d.line),
            )
            failure = ET.SubElement(
                case, "failure", message=_clean(d.message), type=f"{d.code} ({d.severity})"
            )
            body = f"{path}:{d.line}:{d.column}: {d.code} {d.message}"
            if d.suggestion:
                body += f"\n建议：{d.suggestion}"
            failure.text = _clean(body)
        total += len(items)
        failures += len(items)
    if ctx.errors:
        suite = ET.SubElement(
            root,
            "testsuite",
            name="reportlint: unreadable files",
            tests=str(len(ctx.errors)),
            failures="0",
            errors=str(len(ctx.errors)),
        )
        for path, reason in ctx.errors:
            case = ET.SubElement(suite, "testcase", classname=_clean(path), name=_clean(path))
            ET.SubElement(case, "error", message=_clean(reason)).text = _clean(reason)
        total += len(ctx.errors)
    if total == 0:
        suite = ET.SubElement(root, "testsuite", name="reportlint", tests="1", failures="0")
        suite.set("errors", "0")
        ET.SubElement(suite, "testcase", classname="reportlint", name="no problems found")
        total = 1
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(len(ctx.errors)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
