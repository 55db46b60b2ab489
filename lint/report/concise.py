"""`path:line:col: CODE message` — one line per diagnostic (ruff's concise style)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lint.model import Diagnostic
from lint.report import BATCH, ReportContext

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"
_BOLD = "\033[1m"


# After the code of a finding that `--fix` clears (the summary line says what it means).
FIXABLE = " [*]"


def line_for(d: Diagnostic, color: bool = False) -> str:
    code = d.code
    mark = FIXABLE if d.fix is not None and d.fix.safety == "safe" else ""
    if color:
        code = f"{_BOLD}{_COLORS.get(d.severity, '')}{code}{_RESET}"
        return f"{_BOLD}{d.path}{_RESET}:{d.line}:{d.column}: {code}{mark} {d.message}"
    return f"{d.path}:{d.line}:{d.column}: {code}{mark} {d.message}"


def chunks(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> Iterator[str]:
    if ctx.color:
        for d in diagnostics:
            yield line_for(d, True) + "\n"
        return
    # line_for(d) + "\n" for each finding, written inline (one f-string per line), BATCH lines
    # per piece: a dirty file has 70,000 findings, and a call, a yield and a write per line
    # cost more than the line itself.
    for i in range(0, len(diagnostics), BATCH):
        yield "".join(
            [
                f"{d.path}:{d.line}:{d.column}: {d.code}"
                f"{FIXABLE if (fix := d.fix) is not None and fix.safety == 'safe' else ''}"
                f" {d.message}\n"
                for d in diagnostics[i : i + BATCH]
            ]
        )


def render(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> str:
    return "".join(chunks(diagnostics, ctx))
