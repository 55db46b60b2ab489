"""GitHub Actions workflow commands: each problem becomes an annotation on the pull request.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message`; `warning` and
`notice` for the other severities. Property values and the message are escaped as the runner
expects (`%`, CR and LF everywhere; `:` and `,` in properties too), so a path or message with
those characters cannot end the command early or inject another one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lint.model import Diagnostic
from lint.printable import printable_lines
from lint.report import BATCH, ReportContext

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    value = printable_lines(value)  # a log shown in a terminal: no controls
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def line_for(d: Diagnostic) -> str:
    props = [
        ("file", d.path),
        ("line", str(d.line)),
        ("col", str(d.column)),
        ("endLine", str(d.end_line)),
        ("endColumn", str(d.end_column)),
        ("title", d.code),
    ]
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    message = f"{d.code} {d.message}"
    if d.suggestion:
        message += f"（建议：{d.suggestion}）"
    return f"::{COMMANDS.get(d.severity, 'warning')} {joined}::{escape_data(message)}"


def chunks(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> Iterator[str]:
    # line_for(d) + "\n" for each finding, BATCH per piece. A file's path and a rule's code
    # are escaped once, not per finding; positions are digits, which escaping leaves alone.
    escaped: dict[str, str] = {}

    def prop(value: str) -> str:
        text = escaped.get(value)
        if text is None:
            text = escaped[value] = escape_property(value)
        return text

    for i in range(0, len(diagnostics), BATCH):
        yield "".join(
            [
                f"::{COMMANDS.get(d.severity, 'warning')} file={prop(d.path)},line={d.line},"
                f"col={d.column},endLine={d.end_line},endColumn={d.end_column},"
                f"title={prop(d.code)}::"
                + escape_data(
                    f"{d.code} {d.message}（建议：{d.suggestion}）"
                    if d.suggestion
                    else f"{d.code} {d.message}"
                )
                + "\n"
                for d in diagnostics[i : i + BATCH]
            ]
        )
    for p, e in ctx.errors:
        yield f"::error file={escape_property(p)}::{escape_data(e)}\n"


def render(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> str:
    return "".join(chunks(diagnostics, ctx))
