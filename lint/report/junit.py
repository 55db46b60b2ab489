"""JUnit XML: one test suite per file with problems, one failing test case per problem.

CI systems (GitLab, Jenkins, Azure) show these as failed tests with the message and location.
A run without problems still yields one passing case, so the report is never an empty suite
that some viewers flag as broken. Files that could not be read are test cases with <error>.

The XML is written one test case at a time, laid out as `ET.indent` lays out the whole tree:
a tree of every finding took 2.4 KB per finding.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from itertools import groupby

from lint.model import Diagnostic
from lint.report import BATCH, ReportContext

# Characters XML 1.0 cannot carry at all, even escaped (most C0 controls, lone surrogates).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def _open(tag: str, **attrib: str) -> str:
    """The start tag of an element, escaped as ElementTree escapes it."""
    text = ET.tostring(ET.Element(tag, attrib), encoding="unicode", short_empty_elements=False)
    return text[: -len(f"</{tag}>")]


def _case(element: ET.Element) -> str:
    """A test case with its child, indented as `ET.indent` indents it two levels deep (set
    here: ET.indent leaves a cycle of closures per call, garbage the paused collector keeps)."""
    for child in element:
        element.text = "\n      "
        child.tail = "\n    "
    return "\n    " + ET.tostring(element, encoding="unicode")


def _failure(path: str, d: Diagnostic) -> str:
    """A failing test case, built as an ElementTree (the reference for failure_case)."""
    case = ET.Element(
        "testcase",
        classname=_clean(path),
        name=_clean(f"{d.code} {d.name} {path}:{d.line}:{d.column}"),
        file=_clean(path),
        line=str(d.line),
    )
    failure = ET.SubElement(
        case, "failure", message=_clean(d.message), type=f"{d.code} ({d.severity})"
    )
    failure.text = _clean(_body(path, d))
    return _case(case)


def _body(path: str, d: Diagnostic) -> str:
    body = f"{path}:{d.line}:{d.column}: {d.code} {d.message}"
    if d.suggestion:
        body += f"\n建议：{d.suggestion}"
    return body


# What ElementTree escapes in attribute values and in text (xml.etree.ElementTree's
# _escape_attrib and _escape_cdata), in the same order.
_ATTRIB = re.compile('[&<>"\r\n\t]')
_ATTRIB_ESCAPES = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("\r", "&#13;"),
    ("\n", "&#10;"),
    ("\t", "&#09;"),
)
_CDATA = re.compile("[&<>]")


def _attrib(text: str) -> str:
    if _ATTRIB.search(text) is None:
        return text
    for raw, escaped in _ATTRIB_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def _cdata(text: str) -> str:
    if _CDATA.search(text) is None:
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def failure_case(path: str, d: Diagnostic, where: str) -> str:
    """What _failure gives, written as text: building and serialising two elements per
    finding cost more than finding it. `where` is `_attrib(_clean(path))`, written once per
    file. tests/report/test_fast_writers.py keeps the two the same."""
    name = _attrib(_clean(f"{d.code} {d.name} {path}:{d.line}:{d.column}"))
    return (
        f'\n    <testcase classname="{where}" name="{name}" file="{where}" line="{d.line}">'
        f'\n      <failure message="{_attrib(_clean(d.message))}"'
        f' type="{_attrib(f"{d.code} ({d.severity})")}">{_cdata(_clean(_body(path, d)))}'
        "</failure>\n    </testcase>"
    )


def chunks(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> Iterator[str]:
    total = len(diagnostics) + len(ctx.errors)
    yield _HEAD + _open(
        "testsuites",
        name="reportlint",
        tests=str(total or 1),
        failures=str(len(diagnostics)),
        errors=str(len(ctx.errors)),
    )
    for path, group in groupby(diagnostics, key=lambda d: d.path):
        items = list(group)  # references only: the suite's start tag gives its size
        count = str(len(items))
        yield "\n  " + _open(
            "testsuite", name=_clean(path), tests=count, failures=count, errors="0"
        )
        where = _attrib(_clean(path))
        for i in range(0, len(items), BATCH):
            yield "".join([failure_case(path, d, where) for d in items[i : i + BATCH]])
        yield "\n  </testsuite>"
    if ctx.errors:
        count = str(len(ctx.errors))
        yield "\n  " + _open(
            "testsuite",
            name="reportlint: unreadable files",
            tests=count,
            failures="0",
            errors=count,
        )
        for path, reason in ctx.errors:
            case = ET.Element("testcase", classname=_clean(path), name=_clean(path))
            ET.SubElement(case, "error", message=_clean(reason)).text = _clean(reason)
            yield _case(case)
        yield "\n  </testsuite>"
    if total == 0:
        yield "\n  " + _open("testsuite", name="reportlint", tests="1", failures="0", errors="0")
        yield _case(ET.Element("testcase", classname="reportlint", name="no problems found"))
        yield "\n  </testsuite>"
    yield "\n</testsuites>\n"


def render(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> str:
    return "".join(chunks(diagnostics, ctx))
