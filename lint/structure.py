"""Document structure: numbered headings, title lines and the sections between them.

One pass over the lines finds, at the start of a paragraph (after spaces, U+3000, NBSP, tabs
and, in Markdown, `#` marks), the GB/T 9704-2012 structure markers and their level:

    level 0 `一、`   level 1 `(一)`   level 2 `1.`   level 3 `(1)`   level 4 `①`

Markers are recognised with common wrong punctuation too (`1、`, `一.`, `(一)、`), so the
numbering checks can report it. Short unnumbered lines without closing punctuation are
*breaks*: a title such as `关于…的汇报` (or `附件1`) starts a new document scope, any other
short line (`2025年工作安排`, `名词解释`, a signature) is a soft break after which numbering may
legitimately start again at one.

An attachment note (GB/T 9704-2012 7.3.5: `附件：1.重点事项清单` and its continuation lines
`2.情况统计表`, up to a blank line, the 落款 date or another kind of line) is no part of the
heading structure: its numbered items form a list of their own (`Structure.attachments`),
whose sequence alone may be checked; for the headings around it the note is a soft break.

The result is computed once per Document (`Document.computed`): every check shares one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lint.document import Document

_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_NUM = "〇零一二两三四五六七八九十百"
_FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# Circled numbers 1-50: ①-⑳, ㉑-㉟ and ㊱-㊿ (three Unicode blocks).
CIRCLED = (
    "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
    + "".join(map(chr, range(0x3251, 0x3260)))
    + "".join(map(chr, range(0x32B1, 0x32C0)))
)

LEVEL_NAMES = ("一、", "（一）", "1.", "（1）", "①")

_INDENT = " \t\u3000\u00a0\u200b\ufeff"
_SENTENCE_PUNCT = "。！？!?；;"
_CLOSING = _SENTENCE_PUNCT + "，,：:、…—"
_SENTENCE_PUNCT_RE = re.compile("[" + re.escape(_SENTENCE_PUNCT) + "]")
_INDENT_RUN = re.compile("[" + re.escape(_INDENT) + "]*")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_INNER_STOP = re.compile(r"[。！？；]")
# What _break_kind strips from both ends of a line.
_BREAK_STRIP = _INDENT + "#*"
# What closes a line so that a marker-like start on the next one opens a heading.
_CLOSED = _CLOSING + "”’」』)）"

# A title or soft break is short: longer lines are prose whose closing punctuation was lost.
MAX_BREAK_LENGTH = 40
MAX_TITLE_LENGTH = 60


def chinese_number(s: str) -> int | None:
    """Value of a Chinese numeral up to 999 (`十一`, `二十`, `一百零五`); None if malformed."""
    if not s:
        return None
    total = 0
    current = 0
    seen_unit = False
    for ch in s:
        if ch in _CN_DIGITS:
            current = current * 10 + _CN_DIGITS[ch] if current and not seen_unit else _CN_DIGITS[ch]
            seen_unit = False
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
            seen_unit = True
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
            seen_unit = True
        else:
            return None
    return total + current


def to_chinese(n: int) -> str:
    """`n` (1..999) as a Chinese numeral in the form headings use: 十, 十一, 二十, 一百零一;
    other numbers in digits."""
    digits = "零一二三四五六七八九"
    if not 0 <= n <= 999:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    head = digits[n // 100] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + digits[rest]
    return head + (digits[rest // 10] + "十" + (digits[rest % 10] if rest % 10 else ""))


def render_number(n: int, like: str) -> str:
    """`n` written in the style of the numeral `like`: Chinese, ASCII or full-width digits,
    or a circled number (`③` for 3 after `①`; plain digits past ㊿, which has no successor)."""
    if like and like[0] in CIRCLED:
        return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else str(n)
    if like and like[0] in "０１２３４５６７８９":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if like and like[0].isascii():
        return str(n)
    return to_chinese(n)


@dataclass
class Marker:
    """A structure marker such as `（一）` or `1、` at the start of a paragraph."""

    level: int
    number: int
    start: int  # offset of the marker's first character
    end: int  # offset just past the marker, including any trailing punctuation
    num_start: int  # the numeral itself
    num_end: int
    punct: str  # punctuation after the marker ("" when none)
    punct_start: int
    open_bracket: str = ""
    close_bracket: str = ""


@dataclass
class Heading:
    marker: Marker
    line: int  # 0-based line index
    text_start: int  # first character after the marker (and spaces)
    line_end: int
    # The heading proper: the whole line if it stands alone, else its first sentence.
    title_end: int
    standalone: bool
    ends_with_period: bool
    # The section: from the heading to the next heading or break.
    section_end: int = 0
    parent: Heading | None = None
    children: list[Heading] = field(default_factory=list)
    # Siblings in order (same scope, parent and level), shared by every member.
    series: list[Heading] = field(default_factory=list)
    scope: int = 0
    # Soft breaks seen before this heading: a break lies between two headings when the
    # later one has seen more.
    breaks_seen: int = 0
    # The lower-level heading this one follows when it opens a higher level under the same
    # parent (`1.` then `(一)`): a nesting inversion; None when the order is fine.
    inverted_after: Heading | None = None
    # True when this heading opens a series with the number that follows the same level's
    # last number: in a new scope after a title-like line inside one document, or under a new
    # parent when the document numbers one level straight through (`一、…1. 2. 二、…3.`).
    continues: bool = False
    # This heading's index in `series`.
    position: int = 0

    @property
    def level(self) -> int:
        return self.marker.level

    @property
    def number(self) -> int:
        return self.marker.number


@dataclass
class Break:
    line: int
    start: int
    end: int
    title: bool  # True: a document title, a new scope; False: a soft break
    section_end: int = 0
    # An attachment note (`附件：1.…`), a soft break for the headings around it.
    attachment: bool = False


@dataclass
class Structure:
    # Headings and breaks in document order.
    items: list[Heading | Break]
    headings: list[Heading]
    # The numbered items of each attachment note, each list a series of its own (level 2,
    # no parent); they are not in `headings`.
    attachments: list[list[Heading]] = field(default_factory=list)


def _strip_indent(doc: Document, start: int, end: int) -> int:
    text = doc.scan_text
    run = _INDENT_RUN.match(text, start, end)
    i = run.end() if run is not None else start
    if doc.kind == "markdown" and i < end and text[i] == "#":
        j = i
        while j < end and text[j] == "#":
            j += 1
        if j - i <= 6 and (j == end or text[j] in " \t"):
            i = j
            while i < end and text[i] in _INDENT:
                i += 1
    return i


def _skip_spaces(text: str, i: int, end: int) -> int:
    while i < end and text[i] in _INDENT:
        i += 1
    return i


# A year right after `N.`: `1.2027年元旦…` is item 1 about the year 2027, never the number
# 1.2027 (a decimal is not followed by 年).
_YEAR_AFTER = re.compile(r"(?:19|20)[0-9]{2}年")


def _is_decimal(text: str, m: re.Match[str], end: int) -> bool:
    """`1.5万` and `２．５` are numbers, not markers; `3．10种` (mixed widths) and
    `1.2027年` (a year after the point) are markers."""
    after = m.end()
    if after >= end:
        return False
    tail = text[after : min(after + 5, end)].translate(_FW_DIGITS)
    if m.group(2) in ".．" and _YEAR_AFTER.match(tail):
        return False
    nxt = text[after]
    punct = m.group(2)
    if punct in ".．" and nxt.isdigit():
        if punct == ".":
            return True
        # A decimal keeps one width throughout (`２．５`); a full-width stop between ASCII
        # digits is how some drafts write a marker before a number.
        fullwidth = "０１２３４５６７８９"
        return m.group(1)[0] in fullwidth and nxt in fullwidth
    # `1、2月份` lists numbers, `1:2` is a ratio
    return punct in "、，,：:" and nxt.isdigit()


# Marks read as part of a marker after a bracket or circled digit, right or wrong: the
# numbering check decides which are wrong (GB/T 15834 B.3).
_AFTER_PAREN = "、．.，,：:"
# The markers `一、`, `（一）` and `（1）`, `1.` (see LEVEL_NAMES; circled ones are CIRCLED).
_CN_MARKER = re.compile(r"([一二三四五六七八九十百]{1,3})([、．.，,：:])")
_PAREN_MARKER = re.compile(
    r"([（(])([一二三四五六七八九十百]{1,3}|[0-9０-９]{1,2})([）)])([、．.，,：:]?)"
)
_ARABIC_MARKER = re.compile(r"([0-9]{1,2}|[０-９]{1,2})([.．、，,：:])")


# What a marker starts with, besides a digit (`str.isdigit`): find_marker says None for any
# other first character.
_MARKER_FIRST = frozenset(CIRCLED + "（(一二三四五六七八九十")


def find_marker(
    doc: Document, pos: int, end: int, expect: dict[int, int] | None = None
) -> Marker | None:
    """The structure marker starting at `pos` (already past indentation), if any.

    `expect` maps a level to the number the next heading of that level would carry: a
    number-like start such as `8.6个` is taken as marker 8 only when 8 is expected there.
    """
    text = doc.scan_text
    if pos >= end:
        return None
    ch = text[pos]
    if ch in CIRCLED:
        n = CIRCLED.index(ch) + 1
        after = pos + 1
        punct = text[after] if after < end and text[after] in _AFTER_PAREN else ""
        return Marker(4, n, pos, after + len(punct), pos, pos + 1, punct, after)
    if ch in "（(":
        m = _PAREN_MARKER.match(text, pos, end)
        if not m:
            return None
        raw = m.group(2)
        if raw[0] in "0123456789０１２３４５６７８９":
            level, number = 3, int(raw.translate(_FW_DIGITS))
        else:
            level, num = 1, chinese_number(raw)
            if num is None:
                return None
            number = num
        return Marker(
            level,
            number,
            m.start(),
            m.end(),
            m.start(2),
            m.end(2),
            m.group(4),
            m.start(4),
            m.group(1),
            m.group(3),
        )
    if ch in "一二三四五六七八九十":
        m = _CN_MARKER.match(text, pos, end)
        if not m:
            return None
        cn = chinese_number(m.group(1))
        if not cn:
            return None
        number = cn
        nxt = text[m.end()] if m.end() < end else ""
        # `一、二线城市`, `一、二、三产业`: numbers listed, not a heading.
        if nxt and nxt in _CN_NUM:
            return None
        # `一，2024年` may be prose; `一.2024年工作回顾` is a heading with the wrong mark.
        wrong = m.group(2)
        if wrong != "、" and (not nxt or nxt in _CLOSING or (nxt.isdigit() and wrong not in ".．")):
            return None
        return Marker(0, number, m.start(), m.end(), m.start(1), m.end(1), m.group(2), m.start(2))
    if ch.isdigit():
        m = _ARABIC_MARKER.match(text, pos, end)
        if not m:
            return None
        number = int(m.group(1).translate(_FW_DIGITS))
        if _is_decimal(text, m, end) and (expect is None or expect.get(2) != number):
            return None
        if number == 0:
            return None
        nxt = text[m.end()] if m.end() < end else ""
        if not nxt or nxt in _CLOSING:
            return None
        return Marker(2, number, m.start(), m.end(), m.start(1), m.end(1), m.group(2), m.start(2))
    return None


# A line that names a document or opens an attachment is a title, not a soft break.
_TITLE_WORDS = re.compile(
    r"(?:汇报|报告|通知|意见|决定|方案|总结|讲话|规划|计划|办法|请示|通报|决议|纪要|公报|条例)$"
)
_ATTACHMENT = re.compile(r"^附(?:件|录)\s*[0-9０-９一二三四五六七八九十]*(?:$|[\s：:])")


def _prose(text: str, pos: int, le: int) -> bool:
    """Whether the line `text[pos:le]` (past its indentation) is certainly too long for a
    title or break (_break_kind says None), seen at its two ends without copying it: both
    are kept by the strip, and more than MAX_TITLE_LENGTH characters lie between them."""
    return (
        le - pos > MAX_TITLE_LENGTH + 1
        and text[pos] not in _BREAK_STRIP
        and text[le - 1] not in _BREAK_STRIP
    )


def _closed(text: str, ls: int, le: int) -> bool:
    """Whether the line `text[ls:le]` is blank, ends with closing punctuation or is short
    (after it, a marker-like start opens a heading). Long lines, nearly all of them, are
    judged at their ends without being copied."""
    if le > ls and text[le - 1] not in _INDENT:
        if text[le - 1] in _CLOSED or le - ls <= MAX_TITLE_LENGTH:
            return True
        lead = ls
        while text[lead] in _INDENT:
            lead += 1
        return le - lead <= MAX_TITLE_LENGTH
    last = text[ls:le].rstrip(_INDENT)
    return not last or last[-1] in _CLOSED or len(last.strip(_INDENT)) <= MAX_TITLE_LENGTH


def _break_kind(line: str) -> bool | None:
    """True for a title line, False for a soft break, None for neither."""
    s = line.strip(_BREAK_STRIP)
    if not s or len(s) > MAX_TITLE_LENGTH:
        return None
    if _ATTACHMENT.match(s):
        return True
    if s[-1] in _CLOSING or not _HAN.search(s):
        return None
    if ("关于" in s or s.startswith("20")) and _TITLE_WORDS.search(s):
        return True
    if len(s) <= MAX_BREAK_LENGTH and not _INNER_STOP.search(s):
        return False
    return None


def _heading_shape(doc: Document, marker: Marker, line_end: int) -> tuple[int, bool, bool]:
    """(title_end, standalone, ends_with_period) for a heading line."""
    # The scan text: Markdown emphasis around a heading (`**一、总体要求。**`) is blanked.
    text = doc.scan_text
    body = text[marker.end : line_end].rstrip(_INDENT)
    stop = marker.end + len(body)
    # the first sentence mark: the title ends there unless it is a `。` closing the line
    first = _SENTENCE_PUNCT_RE.search(text, marker.end, stop)
    if first is None or (first.start() == stop - 1 and text[stop - 1] == "。"):
        return stop, True, stop > marker.end and text[stop - 1] == "。"
    return first.start() + 1, False, text[first.start()] == "。"


def _new_heading(doc: Document, marker: Marker, index: int, le: int) -> Heading:
    title_end, standalone, period = _heading_shape(doc, marker, le)
    return Heading(
        marker,
        index,
        _skip_spaces(doc.scan_text, marker.end, le),
        le,
        title_end,
        standalone,
        period,
    )


# `附件：` opens an attachment note (one line, or several with the names aligned below).
_ATTACHMENT_NOTE = re.compile(r"附件[ \t\u3000]*[：:][ \t\u3000]*")
# The 落款 date that closes the text before it: `2026年1月5日`, `二〇二六年一月五日`.
_DATE_LINE = re.compile(
    r"(?:[0-9０-９]{4}|[〇○零一二三四五六七八九]{4})[ \u3000]*年[ \u3000]*"
    r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2})[ \u3000]*月[ \u3000]*"
    r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})[ \u3000]*日"
)
_MD_ORDERED = re.compile(r"[0-9]{1,9}[.)][ \t]")


def _attachment_line(
    doc: Document, index: int, ls: int, pos: int, le: int, note: list[Heading]
) -> bool:
    """Whether the line continues the open attachment note; its item, if numbered, is
    appended to `note`. A numbered item (`2.情况统计表`) continues it, and so does an
    indented unnumbered line (a wrapped name) that is neither a date (the 落款), a title,
    nor a finished sentence; anything else ends the note."""
    text = doc.scan_text
    expect = {2: note[-1].number + 1} if note else None
    marker = find_marker(doc, pos, le, expect)
    if marker is not None:
        if marker.level != 2:
            return False
        note.append(_new_heading(doc, marker, index, le))
        return True
    line = text[pos:le].rstrip(_INDENT)
    if pos == ls or _DATE_LINE.match(line) or _break_kind(line) is True:
        return False
    return line[-1] not in _SENTENCE_PUNCT


def build(doc: Document) -> Structure:
    items: list[Heading | Break] = []
    headings: list[Heading] = []
    attachments: list[list[Heading]] = []
    text = doc.scan_text
    prev_blank_or_closed = True
    # level -> the number the next heading of that level would carry
    expect: dict[int, int] = {}
    # The numbered items of the attachment note being read, None outside one.
    note: list[Heading] | None = None
    markdown = doc.kind == "markdown"
    raw = doc.text
    for index, (ls, le) in enumerate(zip(doc.line_starts, doc.line_ends, strict=True)):
        # Most lines start with no indentation, marker or `附`: what each test below would
        # say of them is said by a look at their first character.
        first = text[ls] if ls < le else ""
        if not first or first in _INDENT or (markdown and first == "#"):
            pos = _strip_indent(doc, ls, le)
            if pos >= le:
                prev_blank_or_closed = True
                note = None
                continue
            first = text[pos]
        else:
            pos = ls
        opening = _ATTACHMENT_NOTE.match(text, pos, le) if first == "附" else None
        if opening is not None:
            items.append(Break(index, ls, le, False, attachment=True))
            note = []
            attachments.append(note)
            if opening.end() < le:
                _attachment_line(doc, index, ls, opening.end(), le, note)
            prev_blank_or_closed = True
            continue
        if note is not None:
            if _attachment_line(doc, index, ls, pos, le, note):
                continue
            note = None
        marker = (
            find_marker(doc, pos, le, expect) if first in _MARKER_FIRST or first.isdigit() else None
        )
        if marker is not None and markdown and _MD_ORDERED.match(text, pos, le):
            # `1. 项目` is a Markdown ordered list: the renderer numbers it, so `1.` on every
            # item is correct Markdown, not a repeated heading number.
            marker = None
        # A wikisource page may break a sentence mid-way: a marker-like start right after a
        # line that stopped without punctuation continues that sentence, unless it carries
        # exactly the number the sequence expects next.
        if marker is not None and (
            prev_blank_or_closed or expect.get(marker.level) == marker.number
        ):
            expect[marker.level] = marker.number + 1
            for deeper in range(marker.level + 1, len(LEVEL_NAMES)):
                expect.pop(deeper, None)
            h = _new_heading(doc, marker, index, le)
            items.append(h)
            headings.append(h)
        elif marker is None and not _prose(text, pos, le):
            kind = _break_kind(text[ls:le])
            if kind is not None:
                items.append(Break(index, ls, le, kind))
                if kind:
                    expect.clear()
        prev_blank_or_closed = _closed(raw, ls, le)
    for i, item in enumerate(items):
        nxt = items[i + 1] if i + 1 < len(items) else None
        item.section_end = doc.line_starts[nxt.line] if nxt is not None else len(doc.text)
    _link(items)
    for k, series in enumerate(attachments):
        for position, h in enumerate(series):
            h.series = series
            h.position = position
            h.scope = -1 - k
            h.section_end = doc.line_ends[h.line]
    return Structure(items, headings, attachments)


def _link(items: list[Heading | Break]) -> None:
    """Give every heading its parent, its series of siblings and its nesting, scope by scope."""
    stack: list[Heading] = []
    scope = 0
    soft = 0
    open_series: dict[tuple[int, int], list[Heading]] = {}
    last_number: dict[int, int] = {}
    before_title: dict[int, int] = {}
    last_item: dict[int, Heading] = {}
    for item in items:
        if isinstance(item, Break):
            if item.title:
                stack.clear()
                open_series.clear()
                before_title = last_number
                last_number = {}
                last_item = {}
                scope += 1
            else:
                soft += 1
            continue
        level = item.level
        deeper: Heading | None = None
        while stack and stack[-1].level > level:
            popped = stack.pop()
            deeper = deeper or popped
        sibling = stack.pop() if stack and stack[-1].level == level else None
        parent = stack[-1] if stack else None
        item.parent = parent
        item.scope = scope
        item.breaks_seen = soft
        if sibling is None and deeper is not None and deeper.breaks_seen == soft:
            item.inverted_after = deeper
        key = (id(parent) if parent is not None else 0, level)
        series = open_series.setdefault(key, [])
        if not series and parent is None:
            item.continues = before_title.get(level) == item.number - 1
        elif not series and parent is not None:
            # numbered on from the list under the previous parent of the same level (`一、…
            # 1. 2. 二、… 3.`, the (一)…(三十二) of a 中央一号文件): one sequence by design
            last = last_item.get(level)
            item.continues = (
                last is not None
                and last.number == item.number - 1
                and last.parent is not None
                and last.parent.level == parent.level
            )
        last_number[level] = item.number
        last_item[level] = item
        item.position = len(series)
        series.append(item)
        item.series = series
        if parent is not None:
            parent.children.append(item)
        stack.append(item)


def structure(doc: Document) -> Structure:
    """The document's structure, computed once per Document."""
    return doc.computed(build)
