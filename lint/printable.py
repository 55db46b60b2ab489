"""Text safe to show: no terminal controls, no bidi overrides, no undecodable bytes.

Drafts and file names reach terminals, CI logs and HTML pages. An ESC sequence can recolour
or clear a terminal, a bare CR or a newline in a file name can forge a whole
`path:1:1: CODE message` line, and a bidi override (U+202E) makes text read backwards. Such
characters are shown as visible escapes instead: `\\x1b`, `\\u202e`; a byte of a file name
that is not UTF-8 (a lone surrogate from the file system's surrogateescape) as `\\xff`.
"""

from __future__ import annotations

import re

# C0 controls except tab, DEL, C1 controls, Arabic letter mark, LRM/RLM, line/paragraph
# separators, bidi embeddings/overrides/isolates, and lone surrogates.
_UNSAFE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)
UNSAFE_KEEP_LINES = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(m: re.Match[str]) -> str:
    cp = ord(m.group())
    if 0xDC80 <= cp <= 0xDCFF:  # a byte that did not decode (surrogateescape)
        return f"\\x{cp - 0xDC00:02x}"
    return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}"


def printable(text: str) -> str:
    """`text` with every unsafe character (line breaks included) escaped."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def printable_lines(text: str) -> str:
    """Like `printable`, but LF and CR stay: for HTML text and tooltips, where they are
    whitespace, and for formats that escape line breaks themselves (GitHub's %0A)."""
    return UNSAFE_KEEP_LINES.sub(_escape, text) if UNSAFE_KEEP_LINES.search(text) else text


def path_name(path: str) -> str:
    """A file name as reports show it (unchanged unless it holds unsafe characters)."""
    return printable(path)
