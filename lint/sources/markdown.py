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


_NOT_BREAK = re.compile(r"[^\r\n]")


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with every character inside `spans` but line breaks replaced by a space.

    Works on slices rather than a list of characters: a list costs ~80 bytes a character,
    which made a 2 M-character Markdown draft take 218 MB.
    """
    if not spans:
        return text
    spans.sort()
    pieces: list[str] = []
    pos = 0
    for start, end in spans:
        start = max(start, pos)
        if end <= start:
            continue
        pieces.append(text[pos:start])
        pieces.append(_NOT_BREAK.sub(" ", text[start:end]))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def markdown_document(text: str, path: str, encoding: str = "utf-8") -> Document:
    spans: list[tuple[int, int]] = []
    disabled: list[tuple[int, int, frozenset[str] | None]] = []
    open_disable: tuple[int, frozenset[str] | None] | None = None
    for m in _FENCE.finditer(text):
        spans.append(m.span())
    for m in _COMMENT.finditer(text):
        spans.append(m.span())
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
    masked = _blank(text, spans)
    spans = [
        m.span()
        for pattern in (_INLINE_CODE, _TAG, _LINK_TARGET, _RULE)
        for m in pattern.finditer(masked)
    ]
    masked = _blank(masked, spans)
    spans = []
    for m in _EMPHASIS.finditer(masked):
        marker = len(m.group(1))
        spans.append((m.start(), m.start() + marker))
        spans.append((m.end() - marker, m.end()))
    spans.extend(m.span(2) for m in _LIST_BULLET.finditer(masked))
    return Document(
        path=path,
        text=text,
        kind="markdown",
        scan_text=_blank(masked, spans),
        encoding=encoding,
        disabled=disabled,
    )
