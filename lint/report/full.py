"""Concise line plus the source line and a caret underline.

Carets are aligned by display width: CJK (East Asian Wide/Fullwidth) characters take two
terminal columns, so the underline sits under the flagged characters in a terminal.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from lint.model import Diagnostic
from lint.printable import printable
from lint.report import ReportContext
from lint.report.concise import line_for
from lint.visible import suggestion_words


def display_width(text: str) -> int:
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _visible(text: str) -> str:
    # Tabs and odd spaces would break alignment; show them as one ordinary space each.
    return "".join(" " if ch in "\t\u00a0\u200b\ufeff" else ch for ch in text)


def render(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> str:
    out: list[str] = []
    for d in diagnostics:
        out.append(line_for(d, ctx.color))
        doc = ctx.documents.get(d.path)
        if doc is not None and d.line <= doc.line_count:
            src = _visible(doc.line_text(d.line - 1))
            gutter = f"{d.line:>5} | "
            # Controls in the draft are shown escaped; the carets follow the escaped text.
            out.append(gutter + printable(src))
            lead = display_width(printable(src[: d.column - 1]))
            stop = d.end_column - 1 if d.end_line == d.line else len(src)
            span = max(1, display_width(printable(src[d.column - 1 : stop])))
            more = " …" if d.end_line > d.line else ""
            out.append(" " * 5 + " | " + " " * lead + "^" * span + more)
        if d.suggestion:
            out.append(f"      = 建议：{printable(suggestion_words(d.suggestion))}")
        out.append("")
    return "\n".join(out) + ("\n" if out else "")
