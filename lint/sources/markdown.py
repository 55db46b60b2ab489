"""Markdown drafts: blank out markup so that checks see only prose.

Masked: fenced and inline code, HTML comments and tags, emphasis markers (`**说明**`), link
targets, thematic breaks. `<!-- reportlint-disable CODE -->` comments become disabled ranges.
"""

from __future__ import annotations

import re

from lint.document import Document

_FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*$", re.M | re.S)
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)([^\n]*?\S)\1")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M)
_LIST_BULLET = re.compile(r"^([ \t]*)([*+-])(?=[ \t])", re.M)
_DIRECTIVE = re.compile(
    r"^\s*reportlint-(disable-next-line|disable|enable)\b\s*([A-Za-z0-9_,\s-]*)\s*$"
)


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def markdown_document(text: str, path: str, encoding: str = "utf-8") -> Document:
    chars = list(text)
    disabled: list[tuple[int, int, frozenset[str] | None]] = []
    open_disable: tuple[int, frozenset[str] | None] | None = None
    for m in _FENCE.finditer(text):
        _blank(chars, m.start(), m.end())
    for m in _COMMENT.finditer(text):
        _blank(chars, m.start(), m.end())
        d = _DIRECTIVE.match(m.group(1))
        if not d:
            continue
        action = d.group(1)
        codes_list = [c for c in re.split(r"[\s,]+", d.group(2)) if c]
        codes = frozenset(codes_list) if codes_list else None
        if action == "disable-next-line":
            nl = text.find("\n", m.end())
            if nl == -1:
                continue
            line_end = text.find("\n", nl + 1)
            disabled.append((nl + 1, len(text) if line_end == -1 else line_end, codes))
        elif action == "disable":
            open_disable = (m.end(), codes)
        elif open_disable is not None:
            disabled.append((open_disable[0], m.start(), open_disable[1]))
            open_disable = None
    if open_disable is not None:
        disabled.append((open_disable[0], len(text), open_disable[1]))
    masked = "".join(chars)
    for pattern in (_INLINE_CODE, _TAG, _LINK_TARGET, _RULE):
        for m in pattern.finditer(masked):
            _blank(chars, m.start(), m.end())
    masked = "".join(chars)
    for m in _EMPHASIS.finditer(masked):
        marker = len(m.group(1))
        _blank(chars, m.start(), m.start() + marker)
        _blank(chars, m.end() - marker, m.end())
    for m in _LIST_BULLET.finditer(masked):
        _blank(chars, m.start(2), m.end(2))
    return Document(
        path=path,
        text=text,
        kind="markdown",
        scan_text="".join(chars),
        encoding=encoding,
        disabled=disabled,
    )
