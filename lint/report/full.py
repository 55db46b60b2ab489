"""Concise line plus the source line and a caret underline.

Carets are aligned by display width: CJK (East Asian Wide/Fullwidth) characters take two
terminal columns, so the underline sits under the flagged characters in a terminal.

A long line is not printed whole for every finding on it (a 58 KB one-line draft with 4,000
findings printed 312 MB): as compilers do, a window of the line around the flagged text is
shown, with `...` where the line goes on. So each finding costs at most a few hundred
characters of output, whatever the length of its line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from lint.document import Document
from lint.model import Diagnostic
from lint.printable import printable
from lint.report import ReportContext
from lint.report.concise import line_for
from lint.visible import suggestion_words

# A line up to this many characters is shown whole; a longer one is cut to a window.
LONG_LINE = 120
# The window: characters shown before and after the flagged text, and of the flagged text.
CONTEXT = 30
SPAN = 60
ELLIPSIS = "..."  # ASCII: one column in every terminal, unlike U+2026


def char_width(ch: str) -> int:
    """Terminal columns of one character: 0 for a combining mark, 2 for a wide one."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class _Widths(dict[str, int]):
    """char_width of each character met so far, looked up at C speed (a report measures
    the text before every finding: two unicodedata calls per character were most of it)."""

    def __missing__(self, ch: str) -> int:
        width = self[ch] = char_width(ch)
        return width


_WIDTHS = _Widths()


def display_width(text: str) -> int:
    if text.isascii():  # every ASCII character is one column (tests/report/test_full.py)
        return len(text)
    return sum(map(_WIDTHS.__getitem__, text))


# Tabs and odd spaces would break alignment; they are shown as one ordinary space each.
_ODD_SPACE = re.compile("[\t\u00a0\u200b\ufeff]")


def _visible(text: str) -> str:
    return _ODD_SPACE.sub(" ", text)


def excerpt(doc: Document, d: Diagnostic) -> tuple[str, str] | None:
    """(source text, caret line) for a diagnostic, both without the gutter; None when its
    line is not in the document."""
    index = d.line - 1
    if not 0 <= index < doc.line_count:
        return None
    ls, le = doc.line_starts[index], doc.line_ends[index]
    start = min(ls + d.column - 1, le)
    end = min(ls + d.end_column - 1, le) if d.end_line == d.line else le
    end = max(end, start)
    more = " …" if d.end_line > d.line else ""
    if le - ls <= LONG_LINE:
        lo, hi, span_end = ls, le, end
    else:
        lo = max(ls, start - CONTEXT)
        span_end = min(end, start + SPAN)
        hi = min(le, span_end + CONTEXT)
        if span_end < end:
            more = " …"
    text = doc.text
    head = ELLIPSIS if lo > ls else ""
    tail = ELLIPSIS if hi < le else ""
    # Controls in the draft are shown escaped; the carets follow the escaped text.
    before = printable(_visible(text[lo:start]))
    flagged = printable(_visible(text[start:span_end]))
    src = head + before + flagged + printable(_visible(text[span_end:hi])) + tail
    lead = display_width(head + before)
    carets = "^" * max(1, display_width(flagged))
    return src, " " * lead + carets + more


def lines_for(d: Diagnostic, ctx: ReportContext) -> Iterator[str]:
    yield line_for(d, ctx.color)
    doc = ctx.documents.get(d.path)
    shown = excerpt(doc, d) if doc is not None else None
    if shown is not None:
        src, carets = shown
        yield f"{d.line:>5} | {src}"
        yield " " * 5 + " | " + carets
    if d.suggestion:
        yield f"      = 建议：{printable(suggestion_words(d.suggestion))}"
    yield ""


def chunks(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> Iterator[str]:
    for d in diagnostics:
        yield "".join(line + "\n" for line in lines_for(d, ctx))


def render(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> str:
    return "".join(chunks(diagnostics, ctx))
