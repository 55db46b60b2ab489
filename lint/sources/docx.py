"""Word (.docx) drafts: one line per paragraph, in a fixed reading order.

Lines are, in order: the body (paragraphs, and table cells row by row, cell by cell, nested
tables inside their cell, content controls unwrapped), then each distinct header and footer
part (section by section: default, first-page, even-page). Body paragraphs come first so that a
body paragraph's line number does not depend on whether the file has a header. Every paragraph
is one line, an empty paragraph included, so a diagnostic's line is the paragraph's position and
its column the offset in the paragraph's text.

Paragraph text is what Word shows: runs inside hyperlinks, fields, content controls and tracked
insertions count; tracked deletions, field codes and text boxes do not. A tab is `\\t`, a manual
line break (Shift+Enter) is U+2028 so that it keeps the paragraph on one line.

Word's automatic list numbering is not part of the text. Where numbering.xml defines it, the
number Word would display is computed (`auto_numbers`), with the limits listed there; it is kept
in `Document.meta["docx_numbering"]` for reports, not inserted into the linted text.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from lint.document import Document
from lint.model import ReportlintError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
_RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


# Block containers whose children are read in order (content controls, custom XML, tables).
_BLOCK_CONTAINERS = frozenset(
    w(t) for t in ("sdt", "sdtContent", "customXml", "tbl", "tr", "tc", "ins", "moveTo")
)
# Runs below these (inside one paragraph) are not shown as paragraph text.
_HIDDEN_RUN_PARENTS = frozenset(w(t) for t in ("del", "moveFrom", "txbxContent"))
_W_P, _W_R, _W_T = w("p"), w("r"), w("t")
_W_TAB, _W_PTAB, _W_BR, _W_CR = w("tab"), w("ptab"), w("br"), w("cr")
_W_NBH = w("noBreakHyphen")
_W_VAL = w("val")
_W_TYPE = w("type")

LINE_SEPARATOR = "\u2028"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def piece_text(child: Any) -> str:
    """The text one child element of a `w:r` contributes to the paragraph."""
    tag = child.tag
    if tag == _W_T:
        # A raw newline inside w:t is shown by Word as a space; keep one line per paragraph.
        return (child.text or "").replace("\r", " ").replace("\n", " ")
    if tag in (_W_TAB, _W_PTAB):
        return "\t"
    if tag == _W_BR:
        return "" if child.get(_W_TYPE) in ("page", "column") else LINE_SEPARATOR
    if tag == _W_CR:
        return LINE_SEPARATOR
    if tag == _W_NBH:
        return "-"
    return ""


def run_text(r: Any) -> str:
    return "".join(piece_text(c) for c in r)


def visible_runs(p: Any) -> Iterator[Any]:
    """The `w:r` elements of paragraph `p` whose text Word shows, in document order."""
    for r in p.iter(_W_R):
        hidden = False
        for anc in r.iterancestors():
            if anc is p:
                break
            if anc.tag in _HIDDEN_RUN_PARENTS or anc.tag == _W_P:
                hidden = True
                break
        if not hidden:
            yield r


@dataclass
class RunSlice:
    element: Any  # the w:r element
    start: int  # offsets in the paragraph text
    end: int


@dataclass
class Paragraph:
    element: Any  # the w:p element
    story: str  # "body", "table", "header" or "footer"
    text: str
    runs: list[RunSlice]


def paragraph_of(p: Any, story: str) -> Paragraph:
    runs: list[RunSlice] = []
    parts: list[str] = []
    pos = 0
    for r in visible_runs(p):
        t = run_text(r)
        runs.append(RunSlice(r, pos, pos + len(t)))
        parts.append(t)
        pos += len(t)
    return Paragraph(p, story, "".join(parts), runs)


def walk_blocks(parent: Iterable[Any], story: str) -> Iterator[Paragraph]:
    """The paragraphs of the blocks in `parent` (an element, or some of its children), in
    reading order."""
    for child in parent:
        if child.tag == _W_P:
            yield paragraph_of(child, story)
        elif child.tag in _BLOCK_CONTAINERS:
            inner = "table" if child.tag == w("tc") and story == "body" else story
            yield from walk_blocks(child, inner)


def _header_footer_parts(document: Any) -> Iterator[tuple[str, Any]]:
    seen: set[int] = set()
    for section in document.sections:
        for story, attrs in (
            ("header", ("header", "first_page_header", "even_page_header")),
            ("footer", ("footer", "first_page_footer", "even_page_footer")),
        ):
            for attr in attrs:
                hf = getattr(section, attr)
                if hf.is_linked_to_previous:
                    continue
                part = hf.part
                if id(part) in seen:
                    continue
                seen.add(id(part))
                yield story, part.element


def story_paragraphs(document: Any) -> list[Paragraph]:
    """The paragraphs of the headers and footers, in reading order: the last lines."""
    return [
        p for story, element in _header_footer_parts(document) for p in walk_blocks(element, story)
    ]


def paragraphs(document: Any) -> list[Paragraph]:
    """Every paragraph of a python-docx Document, in the reading order described above."""
    return list(walk_blocks(document.element.body, "body")) + story_paragraphs(document)


# Bounds on what a package may inflate to. python-docx reads every part into memory and lxml
# parses the XML ones, so a part that inflates to gigabytes (a zip bomb: 2 GiB from 2 MB) would
# take half a minute and several GB before failing. A real report's document.xml is a few MB;
# images and embedded files are larger but still far below these.
MAX_XML_PART = 64 * 1024 * 1024
MAX_PART = 256 * 1024 * 1024
MAX_PACKAGE = 512 * 1024 * 1024


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MiB"


def check_part_sizes(data: bytes, path: str) -> None:
    """Refuse a package whose parts would inflate beyond the bounds, before inflating any.

    The sizes come from the zip's directory. A part that claims less than it holds is still
    bounded: zipfile stops inflating at the declared size (and then fails the CRC check).
    """
    import zipfile

    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ReportlintError(
            f"{path}: 不是有效的 Word 文档 ({type(exc).__name__}: {str(exc)[:120]})"
        ) from None
    total = 0
    for info in infos:
        xml = info.filename.lower().endswith((".xml", ".rels"))
        limit = MAX_XML_PART if xml else MAX_PART
        if info.file_size > limit:
            raise ReportlintError(
                f"{path}: .docx 中的 {info.filename} 解压后有 {_mib(info.file_size)}，"
                f"超过上限 {_mib(limit)}，未读取"
            )
        total += info.file_size
        if total > MAX_PACKAGE:
            raise ReportlintError(f"{path}: .docx 解压后超过上限 {_mib(MAX_PACKAGE)}，未读取")


def open_docx(data: bytes, path: str) -> Any:
    """Parse .docx bytes with python-docx; every failure is a one-line ReportlintError."""
    try:
        import docx
    except ImportError:
        raise ReportlintError(
            f"{path}: 读取 .docx 需要 python-docx，请运行 pip install python-docx"
        ) from None
    if data.startswith(_OLE_MAGIC):
        # Word 97-2003 files and password-protected .docx are OLE containers, not zip packages.
        raise ReportlintError(f"{path}: 是旧版 .doc 或加密的文档，请在 Word 中另存为未加密的 .docx")
    check_part_sizes(data, path)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # zipfile, lxml and python-docx raise many unrelated types
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReportlintError(
            f"{path}: 不是有效的 Word 文档 ({type(exc).__name__}: {reason[:120]})"
        ) from None


def read_docx(data: bytes, path: str) -> Document:
    document = open_docx(data, path)
    try:
        paras = paragraphs(document)
    except Exception as exc:  # malformed parts deep inside an otherwise valid package
        raise ReportlintError(f"{path}: 无法读取 Word 文档内容 ({type(exc).__name__})") from None
    try:
        numbering = auto_numbers(document, paras)
    except (ValueError, TypeError, AttributeError, KeyError):
        # A malformed numbering definition only costs the displayed numbers, not the lint.
        numbering = {}
    text = "\n".join(p.text for p in paras)
    return Document(
        path=path,
        text=text,
        kind="docx",
        meta={
            # The writer of the reviewed copy re-opens these bytes: the original file on disk is
            # never touched, and the Document stays free of live XML it could mutate.
            "docx_bytes": data,
            "docx_stories": [p.story for p in paras],
            "docx_numbering": numbering,
        },
    )


# --- automatic numbering -------------------------------------------------------------------


@dataclass(frozen=True)
class AutoNumber:
    """The number Word displays before a paragraph with automatic list numbering."""

    num_id: int
    level: int  # 0-based w:ilvl
    fmt: str  # w:numFmt, e.g. "chineseCounting", "decimal", "bullet"
    lvl_text: str  # w:lvlText, e.g. "%1、" or "(%1)"
    label: str | None  # e.g. "一、"; None when a format in it cannot be rendered


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    legal: bool = False


_CN_DIGITS = "〇一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_counting(n: int, zero: str = "〇") -> str:
    """一, 二, … 十, 十一, … 二十, … 九十九, 一百〇一 … (Word's chineseCounting, up to 9999)."""
    if n <= 0 or n >= 10000:
        return str(n)
    out: list[str] = []
    units = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
    gap = False
    for value, unit in units:
        digit = n // value % 10
        if digit == 0:
            gap = bool(out)
            continue
        if gap:
            out.append(zero)
            gap = False
        if not (value == 10 and digit == 1 and not out):
            out.append(_CN_DIGITS[digit])
        out.append(unit)
    return "".join(out)


def _roman(n: int) -> str:
    pairs = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out: list[str] = []
    for value, sym in pairs:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz, aaa …
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str | None:
    """Render counter `n` in a w:numFmt, or None for formats not rendered here."""
    if fmt in ("decimal", "ordinal", "cardinalText", "ordinalText"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate({ord(c): 0xFF10 + ord(c) - 0x30 for c in "0123456789"})
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "ideographDigital",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        if fmt == "ideographDigital":
            return "".join(_CN_DIGITS[int(c)] for c in str(n))
        return chinese_counting(n, "零" if fmt.endswith("Thousand") else "〇")
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= 12:
        return _DIZHI[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)  # ⑴
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)  # ⒈
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt in ("bullet", "none"):
        return ""
    return None


def _int(el: Any, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(_W_VAL))
    except (TypeError, ValueError):
        return default


def _related_element(document: Any, reltype: str) -> Any:
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part.element
    return None


def _abstract_levels(abstract: Any) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for lvl in abstract.findall(w("lvl")):
        ilvl = int(lvl.get(w("ilvl"), "0"))
        fmt_el, text_el = lvl.find(w("numFmt")), lvl.find(w("lvlText"))
        levels[ilvl] = _Level(
            fmt=fmt_el.get(_W_VAL, "decimal") if fmt_el is not None else "decimal",
            text=text_el.get(_W_VAL, "") if text_el is not None else "",
            start=_int(lvl.find(w("start")), 1),
            legal=lvl.find(w("isLgl")) is not None,
        )
    return levels


def _style_numbering(styles: Any) -> dict[str, tuple[int | None, int | None]]:
    """styleId -> (numId, ilvl) inherited through w:basedOn."""
    raw: dict[str, tuple[int | None, int | None, str | None]] = {}
    if styles is None:
        return {}
    for st in styles.findall(w("style")):
        sid = st.get(w("styleId"))
        if not sid:
            continue
        num_pr = st.find(f"{w('pPr')}/{w('numPr')}")
        based = st.find(w("basedOn"))
        num_id = ilvl = None
        if num_pr is not None:
            num_el, lvl_el = num_pr.find(w("numId")), num_pr.find(w("ilvl"))
            num_id = _int(num_el, 0) if num_el is not None else None
            ilvl = _int(lvl_el, 0) if lvl_el is not None else None
        raw[sid] = (num_id, ilvl, based.get(_W_VAL) if based is not None else None)

    resolved: dict[str, tuple[int | None, int | None]] = {}
    for sid in raw:
        num_id = ilvl = None
        cur: str | None = sid
        seen: set[str] = set()
        while cur is not None and cur in raw and cur not in seen:
            seen.add(cur)
            n, lv, cur_based = raw[cur]
            if num_id is None:
                num_id = n
            if ilvl is None:
                ilvl = lv
            cur = cur_based
        resolved[sid] = (num_id, ilvl)
    return resolved


def auto_numbers(document: Any, paras: list[Paragraph]) -> dict[int, AutoNumber]:
    """0-based line index -> the automatic number Word shows before that paragraph.

    Limits: counters follow the abstract definition (lists sharing one w:abstractNum continue
    each other unless a w:startOverride restarts them), deeper levels restart when a shallower
    one advances; a w:numStyleLink (a list style, as Chinese heading templates use) is followed
    to the definition it names. w:lvlRestart, w:lvlOverride/w:lvl redefinitions, legacy
    LISTNUM fields and numbering inside headers/footers are not modelled. Bullets are labelled
    with their symbol.
    """
    numbering = _related_element(document, _RT_NUMBERING)
    if numbering is None:
        return {}
    abstracts = {
        a.get(w("abstractNumId")): _abstract_levels(a) for a in numbering.findall(w("abstractNum"))
    }
    nums: dict[int, tuple[str, dict[int, int]]] = {}
    for num in numbering.findall(w("num")):
        abs_el = num.find(w("abstractNumId"))
        if abs_el is None:
            continue
        overrides = {}
        for ov in num.findall(w("lvlOverride")):
            start = ov.find(w("startOverride"))
            if start is not None:
                overrides[int(ov.get(w("ilvl"), "0"))] = _int(start, 1)
        nums[int(num.get(w("numId"), "-1"))] = (
            abs_el.get(_W_VAL, ""),
            overrides,
        )
    style_nums = _style_numbering(_related_element(document, _RT_STYLES))
    # A list style's abstractNum only points at the style (w:numStyleLink); the style's num
    # points at the abstractNum with the levels. Follow such links a few steps.
    links: dict[str | None, str] = {}
    for a in numbering.findall(w("abstractNum")):
        link = a.find(w("numStyleLink"))
        if link is not None:
            links[a.get(w("abstractNumId"))] = link.get(_W_VAL, "")
    for nid, (abs_id, overrides) in list(nums.items()):
        for _ in range(4):
            if abs_id not in links or abstracts.get(abs_id):
                break
            target = style_nums.get(links[abs_id], (None, None))[0]
            if target is None or target not in nums:
                break
            abs_id = nums[target][0]
        nums[nid] = (abs_id, overrides)

    counters: dict[str, list[int | None]] = {}
    started: set[int] = set()
    out: dict[int, AutoNumber] = {}
    for index, para in enumerate(paras):
        if para.story in ("header", "footer"):
            continue
        num_id, ilvl = _paragraph_numbering(para.element, style_nums)
        if not num_id or num_id not in nums:
            continue
        abs_id, overrides = nums[num_id]
        levels = abstracts.get(abs_id)
        if not levels:
            continue
        ilvl = min(max(ilvl or 0, 0), 8)
        counts = counters.setdefault(abs_id, [None] * 9)
        if num_id not in started:
            started.add(num_id)
            for lv, start in overrides.items():
                if 0 <= lv < 9:
                    counts[lv] = start - 1
        level = levels.get(ilvl, _Level())
        current = counts[ilvl]
        counts[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = None
        out[index] = AutoNumber(
            num_id, ilvl, level.fmt, level.text, _label(level, levels, counts, ilvl)
        )
    return out


def _paragraph_numbering(
    p: Any, style_nums: dict[str, tuple[int | None, int | None]]
) -> tuple[int | None, int | None]:
    ppr = p.find(w("pPr"))
    num_id = ilvl = None
    if ppr is not None:
        num_pr = ppr.find(w("numPr"))
        if num_pr is not None:
            num_el, lvl_el = num_pr.find(w("numId")), num_pr.find(w("ilvl"))
            num_id = _int(num_el, 0) if num_el is not None else None
            ilvl = _int(lvl_el, 0) if lvl_el is not None else None
        style = ppr.find(w("pStyle"))
        if style is not None and (num_id is None or ilvl is None):
            s_num, s_lvl = style_nums.get(style.get(_W_VAL, ""), (None, None))
            num_id = s_num if num_id is None else num_id
            ilvl = s_lvl if ilvl is None else ilvl
    return num_id, ilvl


def _label(
    level: _Level, levels: dict[int, _Level], counts: list[int | None], ilvl: int
) -> str | None:
    if level.fmt == "bullet":
        return level.text
    out: list[str] = []
    text = level.text
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
            lv = int(text[i + 1]) - 1
            lv_def = levels.get(lv, _Level())
            value = counts[lv] if lv <= ilvl and counts[lv] is not None else lv_def.start
            fmt = "decimal" if level.legal and lv < ilvl else lv_def.fmt
            rendered = format_number(value or 0, fmt)
            if rendered is None:
                return None
            out.append(rendered)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)
