"""Markdown drafts: blank out markup so that checks see only prose.

Masked: fenced and inline code, HTML comments and tags, emphasis markers (`**说明**`), link
targets, thematic breaks. Stars in a number or date slot (`截至*月*日`, `**个村`) are not
emphasis even where CommonMark would pair them: they stay for the placeholder rules.
`<!-- reportlint-disable CODE -->` comments become disabled ranges.
"""

from __future__ import annotations

import re

from lint.document import Document

_FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*$", re.M | re.S)
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_INLINE_CODE = re.compile(r"`[^`\n]+`")
# Underscore emphasis only: star runs are paired by `_star_emphasis`, which knows placeholders.
_EMPHASIS = re.compile(r"(__|_)(?=\S)([^\n]*?\S)\1")
_STAR_RUN = re.compile(r"\*+")
# A star run right after a digit or 第, or right before %, is a number slot (`20**年`,
# `第*期`, `增长*%`): never an emphasis marker.
_SLOT_BEFORE = frozenset("0123456789０１２３４５６７８９第〕")
_SLOT_AFTER_STRONG = frozenset("%％‰")
# ...unless the run closes a pair that wraps a whole number: `**1305**万元`, `**12**%` are
# bold figures (WeChat drafts bold every key figure), the digit is inside the emphasis.
WRAPPED_NUMBER = re.compile(r"[0-9０-９][0-9０-９.,．，]*[%％‰]?")
NUMBER_MAX = 24  # a bold figure or phrase is short; the bound keeps a line of stars linear
# Units and measure words. A pair whose two markers are both followed by one of these is two
# slots (`发放*万元，覆盖*个村`, `**个村、**户`), not emphasis: emphasis closes before
# punctuation or ordinary text (`**强化组织领导**，`, `**年度任务**：`).
UNIT = frozenset("年月日时号个名人户项次家件万亿千元篇条台套天期批辆吨亩米倍岁余%％‰")
# `*月*`, `*日*`: a single date or unit character between two stars is a slot, never a
# word someone emphasised.
_UNIT_ALONE = frozenset("年月日时分秒号个名人户项次家件万亿元篇条天期")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M)
_LIST_BULLET = re.compile(r"^([ \t]*)([*+-])(?=[ \t])", re.M)
# Blockquote and heading markers: a line that starts with them is read like the same line
# without them (`> 来源：网络` is a source line, `### 责任编辑：李明` an editor line).
_LINE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]*)+|^[ \t]*#{1,6}(?=[ \t]|$)", re.M)
_DIRECTIVE = re.compile(
    r"^\s*reportlint-(disable-next-line|disable|enable)\b\s*([A-Za-z0-9_,\s-]*)\s*$"
)


_NOT_BREAK = re.compile(r"[^\r\n]")


def blank(text: str, spans: list[tuple[int, int]]) -> str:
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


def _star_emphasis(text: str) -> list[tuple[int, int]]:
    """The star runs of `text` that are emphasis markers (to be masked).

    CommonMark pairs any two flanking runs of equal length; a report's placeholders would be
    paired too (`截至*月*日` is an italic 月). Here a run next to a number slot never pairs,
    and a pair is refused when both its runs stand before a unit or it encloses a lone date
    or unit character. A refused pair leaves both runs in the text, where PH101 finds them;
    the closing run may still open a later pair. Emphasis does not cross a line break.
    """
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        ls, le = line.span()
        # open runs by length: a run closes only one of its own length (`**…**`), and a
        # stack per length keeps a line of thousands of unpaired stars linear
        openers: dict[int, list[int]] = {}
        for run in _STAR_RUN.finditer(text, ls, le):
            s, e = run.span()
            before = text[s - 1] if s > ls else " "
            after = text[e] if e < le else " "
            stack = openers.setdefault(e - s, [])
            if before in _SLOT_BEFORE or after in _SLOT_AFTER_STRONG:
                first = stack[-1] + e - s if stack else s
                # a figure is short: the bound keeps a line of digits and stars linear
                if 0 < s - first <= NUMBER_MAX and WRAPPED_NUMBER.fullmatch(text, first, s):
                    o = stack.pop()
                    spans += [(o, o + e - s), (s, e)]
                continue
            if not before.isspace() and stack:  # right-flanking: it may close a pair
                o = stack.pop()
                inner = text[o + e - s : s]
                if not (
                    (len(inner) == 1 and inner in _UNIT_ALONE)
                    or (text[o + e - s] in UNIT and after in UNIT)
                ):
                    spans += [(o, o + e - s), (s, e)]
                    continue
                # two slots, not a pair: this run may still open one
            if not after.isspace():  # left-flanking: it may open a pair
                stack.append(s)
    return spans


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
    masked = blank(text, spans)
    spans = [
        m.span()
        for pattern in (_INLINE_CODE, _TAG, _LINK_TARGET, _RULE)
        for m in pattern.finditer(masked)
    ]
    masked = blank(masked, spans)
    spans = _star_emphasis(masked)
    for m in _EMPHASIS.finditer(masked):
        marker = len(m.group(1))
        spans.append((m.start(), m.start() + marker))
        spans.append((m.end() - marker, m.end()))
    spans.extend(m.span(2) for m in _LIST_BULLET.finditer(masked))
    spans.extend(m.span() for m in _LINE_PREFIX.finditer(masked))
    return Document(
        path=path,
        text=text,
        kind="markdown",
        scan_text=blank(masked, spans),
        encoding=encoding,
        disabled=disabled,
    )
