"""`--format docx --output-file reviewed.docx`: the input Word file with one comment per problem.

The copy is made from the bytes read when linting, so the original file is never written. Runs
are split where a flagged span starts or ends (each half keeps the run's properties, so the
formatting is unchanged) and the comment is anchored on exactly the flagged text. Only range
markers, comment references and the comments part are added: the copy's text is the original's.

Word does not allow comments in headers and footers; a problem found there is anchored at the
start of the body, and its comment says where it really is.
"""

from __future__ import annotations

import bisect
import copy
import datetime as dt
import io
import itertools
import os
import re
import secrets
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from lint.document import Document
from lint.model import Diagnostic, ReportlintError
from lint.report import ReportContext
from lint.report.html import suggestion_text
from lint.sources.docx import (
    Paragraph,
    RunSlice,
    open_docx,
    paragraph_of,
    piece_text,
    story_paragraphs,
    w,
    walk_blocks,
)

AUTHOR = "reportlint"
INITIALS = "RL"
_W_RPR = w("rPr")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_STORY_NAMES = {"header": "页眉", "footer": "页脚"}


def split_run(r: Any, k: int) -> Any:
    """Split run `r` so that its first `k` characters stay in `r`; return the new second run.

    The new run is a deep copy (same w:rPr and attributes), inserted right after `r`.
    """
    second = copy.deepcopy(r)
    r.addnext(second)
    _keep(r, 0, k)
    _keep(second, k, None)
    return second


def _keep(r: Any, lo: int, hi: int | None) -> None:
    """Drop the content of run `r` outside characters [lo, hi).

    Zero-width content (an image, a page break, a field character) at position p stays in the
    half that holds p, so it is kept exactly once.
    """
    pos = 0
    for child in list(r):
        if child.tag == _W_RPR:
            continue
        n = len(piece_text(child))
        a, b = pos, pos + n
        pos = b
        if n == 0:
            if a < lo or (hi is not None and a >= hi):
                r.remove(child)
            continue
        keep_lo, keep_hi = max(a, lo), b if hi is None else min(b, hi)
        if keep_hi <= keep_lo:
            r.remove(child)
        elif (keep_lo, keep_hi) != (a, b):
            # Tabs and breaks are one character, so only w:t is ever cut.
            child.text = (child.text or "")[keep_lo - a : keep_hi - a]
            child.set(_XML_SPACE, "preserve")


def _split_at(para: Paragraph, offsets: set[int]) -> None:
    # Runs are in text order: the one holding k is found by bisection, not by a scan of the
    # paragraph's runs per offset (a paragraph with thousands of findings was quadratic).
    starts = [rs.start for rs in para.runs]
    cuts: dict[int, list[int]] = {}
    for k in sorted(offsets):
        i = bisect.bisect_left(starts, k) - 1
        if i >= 0 and para.runs[i].start < k < para.runs[i].end:
            cuts.setdefault(i, []).append(k - para.runs[i].start)
    for i, run_cuts in cuts.items():
        _split_run_at(para.runs[i].element, run_cuts)


def _split_run_at(r: Any, cuts: list[int]) -> None:
    """Split run `r` at each of `cuts` (offsets in it, ascending), as split_run one at a time
    would. A split copies the run it cuts, so cutting one long run at each cut in turn copied
    its text once per cut (a paragraph that is one run with thousands of findings was
    quadratic): cut in the middle first, then each half, and the text is copied once per
    halving."""
    if not cuts:
        return
    mid = len(cuts) // 2
    k = cuts[mid]
    second = split_run(r, k)
    _split_run_at(r, cuts[:mid])
    _split_run_at(second, [c - k for c in cuts[mid + 1 :]])


def _last_run_before(runs: list[RunSlice], starts: list[int], offset: int) -> RunSlice:
    """The last non-empty run that ends by `offset`; `starts` are the runs' start offsets.
    Found by bisection and a step back over the few runs that do not qualify: listing every
    run before the offset, for every mark, made a paragraph with thousands of problems
    quadratic."""
    i = bisect.bisect_right(starts, offset) - 1
    while not (runs[i].start < runs[i].end <= offset):
        i -= 1
    return runs[i]


def _first_run_from(runs: list[RunSlice], starts: list[int], offset: int) -> RunSlice:
    """The first non-empty run that starts at `offset` or later (see _last_run_before)."""
    i = bisect.bisect_left(starts, offset)
    while runs[i].end <= runs[i].start:
        i += 1
    return runs[i]


class _Comments:
    """Adds comments to a document in time and memory independent of how many it has.

    python-docx's `Document.add_comment` looks through every comment for the next free id,
    which made 8,000 comments take about a minute; here the n-th problem's comment has the
    n-th id from the first free one. Built in python-docx's
    tree, a comment and its range markers took about 6 KB of XML nodes per finding, so the tree
    only gets a processing instruction where each comment starts and ends, and the markers and
    the comments (built one at a time, as python-docx builds them: author, initials, date, a
    paragraph per line of text) are written in their place as the parts are written.
    """

    def __init__(self, document: Any) -> None:
        comments = document.comments
        self._part = comments._comments_part
        self._element = comments._comments_elm
        # Where the part is in the package, and the root's qualified name as written there.
        self.member: str = self._part.partname.membername
        self._root = f"{self._element.prefix}:comments".encode()
        # The main document part, where the range markers go, and its prefix for them.
        self.document_member: str = document.part.partname.membername
        prefix = document.element.prefix
        self._start = f'<{prefix}:commentRangeStart {prefix}:id="%d"/>'.encode()
        self._end = (
            f'<{prefix}:commentRangeEnd {prefix}:id="%d"/><{prefix}:r><{prefix}:rPr>'
            f'<{prefix}:rStyle {prefix}:val="CommentReference"/></{prefix}:rPr>'
            f'<{prefix}:commentReference {prefix}:id="%d"/></{prefix}:r>'
        ).encode()
        # Marks no document can hold already: its target carries a random part.
        self._target = f"reportlint-{secrets.token_hex(8)}"
        self._mark = re.compile(rb"<\?" + self._target.encode() + rb" ([se])(\d+)\?>")
        ids = [int(x) for x in self._element.xpath("./w:comment/@w:id")]
        self.first_id = max(ids, default=-1) + 1
        self.added = 0  # comments given ids from first_id on
        from docx.oxml.simpletypes import ST_DateTime

        date = ST_DateTime.convert_to_xml(dt.datetime.now(dt.timezone.utc))
        self._comment_head = (
            f'<w:comment w:id="%d" w:author="{AUTHOR}" w:initials="{INITIALS}" w:date="{date}">'
        )

    def mark(self, run: Any, cid: int, end: bool) -> None:
        """Mark where comment `cid` starts (before `run`) or ends (after it): where python-docx
        puts w:commentRangeStart, or w:commentRangeEnd and the reference run (see `_markers`)."""
        from lxml import etree

        if end:
            run.addnext(etree.ProcessingInstruction(self._target, f"e{cid}"))
        else:
            run.addprevious(etree.ProcessingInstruction(self._target, f"s{cid}"))

    def hold_body(self, body: Any, blocks: Iterator[Any]) -> None:
        """Take the body's children out of the tree, leaving a mark where they were: python-docx
        then writes the main document part without them, and `document_chunks` writes each of
        `blocks` (the children, in order, each once it is ready) in the mark's place."""
        from lxml import etree

        self._inherited = {k or "": v for k, v in body.nsmap.items()}
        for child in list(body):
            body.remove(child)  # lxml takes the child's tail with it
        body.append(etree.ProcessingInstruction(self._target, "body"))
        self._blocks = blocks

    def _markers(self, xml: bytes) -> Iterator[bytes]:
        """`xml` with the range markers in place of the marks."""
        at = 0
        for m in self._mark.finditer(xml):
            yield xml[at : m.start()]
            cid = int(m.group(2))
            yield self._start % cid if m.group(1) == b"s" else self._end % (cid, cid)
            at = m.end()
        yield xml[at:]

    def _block_xml(self, block: Any) -> bytes:
        """`block` as it is written inside the whole part: without the namespace declarations
        lxml repeats on a subtree's root for those it inherits (the part's root has them)."""
        from lxml import etree

        xml: bytes = etree.tostring(block, encoding="UTF-8", xml_declaration=False)
        end = xml.index(b">")

        def keep(m: re.Match[bytes]) -> bytes:
            prefix = (m.group(1) or b"").decode()
            inherited = self._inherited.get(prefix)
            return b"" if inherited is not None and inherited.encode() == m.group(2) else m.group()

        return _XMLNS.sub(keep, xml[:end]) + xml[end:]

    def document_chunks(self, saved: bytes) -> Iterator[bytes]:
        """The main document part as saved, with the body's blocks written back in."""
        hole = b"<?" + self._target.encode() + b" body?>"
        at = saved.index(hole)
        yield saved[:at]
        for block in self._blocks:
            yield from self._markers(self._block_xml(block))
        yield saved[at + len(hole) :]

    def comment_xml(self, cid: int, text: str) -> bytes:
        """Comment `cid` as the comments part holds it: the XML python-docx builds for a
        comment (author, initials, date, a paragraph per line of `text`), written from text.

        Built through python-docx's objects this took ~150 µs a comment (4 s for the 29,000
        problems of the seed x40); tests check that the two give the same bytes.
        """
        head, *rest = text.split("\n")
        parts = [self._comment_head % cid, _COMMENT_P, _ANNOTATION_REF]
        if head:
            parts += ("<w:r>", *_run_content(head), "</w:r>")
        else:
            parts.append("<w:r/>")
        parts.append("</w:p>")
        for line in rest:
            parts.append(_COMMENT_P)
            if line:
                parts += ("<w:r>", *_run_content(line), "</w:r>")
            parts.append("</w:p>")
        parts.append("</w:comment>")
        return "".join(parts).encode()

    def part_chunks(self, saved: bytes, texts: Iterable[str]) -> Iterator[bytes]:
        """The comments part as saved, with the comments of `texts` (in id order) added."""
        close = b"</" + self._root + b">"
        end = saved.rstrip()
        if end.endswith(close):
            head, tail = end[: -len(close)], close + saved[len(end) :]
        else:  # an empty part is written as one empty element, <w:comments .../>
            head, tail = end[: -len(b"/>")].rstrip() + b">", close + saved[len(end) :]
        yield head
        for cid, text in enumerate(texts, start=self.first_id):
            yield self.comment_xml(cid, text)
        yield tail


# A namespace declaration in a start tag: its prefix (none for the default) and its URI.
_XMLNS = re.compile(rb' xmlns(?::([\w.-]+))?="([^"]*)"')
# What python-docx writes for a comment's paragraphs (style CommentText) and the run with the
# annotation mark that opens its first paragraph.
_COMMENT_P = '<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
_ANNOTATION_REF = '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
# Tabs and line breaks become elements of their own, as python-docx's run text does.
_RUN_BREAKS = re.compile(r"([\t\r])")
# Characters XML 1.0 cannot hold (python-docx refuses them): dropped from a comment's text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _run_content(line: str) -> Iterator[str]:
    """The content of a run holding `line` (no newline in it), as python-docx writes it."""
    for piece in _RUN_BREAKS.split(_NOT_XML.sub("", line)):
        if piece == "\t":
            yield "<w:tab/>"
        elif piece == "\r":
            yield "<w:br/>"
        elif piece:
            escaped = piece.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            if len(piece.strip()) < len(piece):
                yield f'<w:t xml:space="preserve">{escaped}</w:t>'
            else:
                yield f"<w:t>{escaped}</w:t>"


def _comment_text(d: Diagnostic, story: str | None) -> str:
    where = ""
    if story in _STORY_NAMES:
        where = f"[{_STORY_NAMES[story]}:“{d.text}”] "
    text = f"{where}{d.code} {d.message}"
    sug = suggestion_text(d.suggestion)
    if sug:
        text += f"\n{sug}"
    return text


def _span_in_lines(doc: Document, d: Diagnostic) -> tuple[int, int, int, int]:
    """(first line, start in it, last line, end in it) with 0-based lines, end exclusive."""
    start = max(0, min(d.start, len(doc.text)))
    end = max(start, min(d.end, len(doc.text)))
    first = doc.line_of(start)
    s = start - doc.line_starts[first]
    if end == start:
        return first, s, first, s
    last = doc.line_of(end - 1)
    e = min(end, doc.line_ends[last]) - doc.line_starts[last]
    if e <= 0 and last > first:  # the span ends on a line break: stop at the previous line end
        last -= 1
        e = doc.line_ends[last] - doc.line_starts[last]
    return first, s, last, e


def _widen(length: int, s: int, e: int) -> tuple[int, int]:
    """A comment needs at least one character: widen an empty span onto a neighbour (in a
    paragraph whose text has `length` characters)."""
    if e > s:
        return s, e
    if s < length:
        return s, s + 1
    if s > 0:
        return s - 1, s
    return s, s


def _empty_run(para: Paragraph) -> Any:
    """An empty run to anchor a comment in a paragraph without text."""
    from docx.oxml import OxmlElement

    r = OxmlElement("w:r")
    ppr = para.element.find(w("pPr"))
    if ppr is not None:
        ppr.addnext(r)
    else:
        para.element.insert(0, r)
    return r


class _Mark(NamedTuple):
    """Where a comment starts (before the first non-empty run starting at or after `offset`
    of paragraph `para`) or ends (after the last non-empty run ending at or before it), once
    the paragraph's runs are split at the offsets of all its marks. `offset` None: on a new
    empty run, the paragraph having no text to hold the comment."""

    para: int
    offset: int | None
    end: bool
    cid: int


def _marks(
    length: Callable[[int], int], cid: int, first: int, s: int, last: int, e: int
) -> tuple[_Mark, ...]:
    """The start and end of comment `cid` on [s in `first`, e in `last`) (`length`: of a
    paragraph's text). The runs python-docx would have the comment cover are those of `first`
    from s and of `last` up to e, or, when neither holds text, every run from `first` to
    `last`."""
    if first == last:
        if e > s:
            return _Mark(first, s, False, cid), _Mark(first, e, True, cid)
        return (_Mark(first, None, False, cid),)
    head, tail = s < length(first), e > 0
    if head or tail:
        start = _Mark(first, s, False, cid) if head else _Mark(last, 0, False, cid)
        stop = _Mark(last, e, True, cid) if tail else _Mark(first, length(first), True, cid)
        return start, stop
    filled = [i for i in range(first, last + 1) if length(i)]
    if not filled:
        return (_Mark(first, None, False, cid),)
    return _Mark(filled[0], 0, False, cid), _Mark(filled[-1], length(filled[-1]), True, cid)


class _Sweep:
    """The comment marks of the body's paragraphs, made as the blocks are reached: problems are
    taken in order of position, and a mark waits in `pending` until its paragraph is read."""

    def __init__(
        self, doc: Document, diagnostics: Sequence[Diagnostic], n_body: int, first_id: int
    ) -> None:
        self.doc = doc
        self.first_id = first_id  # the comment id of diagnostics[0]
        self.diagnostics = diagnostics
        self.n_body = n_body
        self.pending: dict[int, list[_Mark]] = {}
        self.order = [k for k, d in enumerate(diagnostics) if self.in_body(d)]
        pairs = itertools.pairwise(self.order)
        if any(diagnostics[a].start > diagnostics[b].start for a, b in pairs):
            self.order.sort(key=lambda k: diagnostics[k].start)
        self.taken = 0  # problems of `order` whose marks are made

    def in_body(self, d: Diagnostic) -> bool:
        return self.n_body >= self.doc.line_count or d.start < self.doc.line_starts[self.n_body]

    def length(self, i: int) -> int:
        """Of paragraph i's text, which is line i's."""
        return self.doc.line_ends[i] - self.doc.line_starts[i]

    def add(self, k: int, first: int, s: int, last: int, e: int) -> None:
        """Marks for the comment of diagnostics[k] on [s in `first`, e in `last`)."""
        for mark in _marks(self.length, self.first_id + k, first, s, last, e):
            self.pending.setdefault(mark.para, []).append(mark)

    def take(self, line: int) -> None:
        """Make the marks of the problems that start before `line`."""
        n_body = self.n_body
        while self.taken < len(self.order):
            k = self.order[self.taken]
            first, s, last, e = _span_in_lines(self.doc, self.diagnostics[k])
            if first >= line:
                break
            self.taken += 1
            if last >= n_body:
                # A span running on from the body into a header (a `to-end` scope): the
                # comment ends with the body.
                last, e = n_body - 1, self.length(n_body - 1)
            if first == last:
                s, e = _widen(self.length(first), s, e)
            self.add(k, first, s, last, e)

    def marks(self, i: int) -> list[_Mark]:
        """The marks of paragraph i, in comment order (taken off `pending`)."""
        return sorted(self.pending.pop(i, ()), key=lambda m: m.cid)


def reviewed_copy(doc: Document, diagnostics: Sequence[Diagnostic]) -> bytes:
    """The .docx bytes of `doc` with one comment per diagnostic.

    The body is written a top-level block (paragraph, table) at a time: its paragraphs are
    read, their runs split and their comments marked just before it is written, and it is let
    go right after; problems are taken in order of position as the blocks are reached. So what
    is held per problem is the problem itself: the split runs, read paragraphs and marks of
    the whole document never exist at once (they took about 3 KB a problem).
    """
    data = doc.meta.get("docx_bytes")
    if not isinstance(data, bytes):
        raise ReportlintError(f"{doc.path}: 不是 .docx 输入，无法生成批注副本 (--format docx)")
    document = open_docx(data, doc.path)
    changed = ReportlintError(f"{doc.path}: 重新打开的文档与检查时不一致")
    # Headers and footers are the last lines; the body's lines are checked block by block.
    stories = story_paragraphs(document)
    n_body = doc.line_count - len(stories)
    if n_body < 0 or any(p.text != doc.line_text(n_body + j) for j, p in enumerate(stories)):
        raise changed
    if n_body == 0:
        raise ReportlintError(f"{doc.path}: 文档没有正文段落，无法添加批注")
    comments = _Comments(document)
    sweep = _Sweep(doc, diagnostics, n_body, comments.first_id)
    comments.added = len(diagnostics)
    # Problems in headers and footers are anchored on the body's first non-empty paragraph.
    home = next((i for i in range(n_body) if sweep.length(i)), 0)
    notes: dict[int, str] = {}
    for k, d in enumerate(diagnostics):
        if not sweep.in_body(d):
            notes[k] = stories[doc.line_of(min(d.start, len(doc.text))) - n_body].story
            s, e = _widen(sweep.length(home), 0, 0)
            sweep.add(k, home, s, home, e)
    del stories
    blocks = list(document.element.body)

    def written() -> Iterator[Any]:
        line = 0  # the first line of the next block
        for n, block in enumerate(blocks):
            paras = list(walk_blocks((block,), "body"))
            lines = range(line, line + len(paras))
            line += len(paras)
            if line > n_body or any(
                p.text != doc.line_text(i) for i, p in zip(lines, paras, strict=True)
            ):
                raise changed
            sweep.take(line)
            for i, para in zip(lines, paras, strict=True):
                marks = sweep.marks(i)
                if marks:
                    _place(doc, i, para, marks, comments)
            del paras
            yield block
            blocks[n] = None  # written: let its tree go
        if line != n_body:
            raise changed

    comments.hold_body(document.element.body, written())
    out = io.BytesIO()
    document.save(out)
    del document
    texts = (_comment_text(d, notes.get(k)) for k, d in enumerate(diagnostics))
    return finish_copy(data, out.getvalue(), comments, texts)


def _place(doc: Document, i: int, para: Paragraph, marks: list[_Mark], comments: _Comments) -> None:
    """Split the runs of paragraph `para` (line `i`) where `marks` are, and mark them."""
    _split_at(para, {m.offset for m in marks if m.offset is not None})
    # Splits add runs beside their originals: read the paragraph's runs again.
    para = paragraph_of(para.element, para.story)
    if para.text != doc.line_text(i):
        raise ReportlintError(f"{doc.path}: 拆分文字块时出错")
    starts = [r.start for r in para.runs]
    for mark in marks:
        if mark.offset is None:
            run = _empty_run(para)
            comments.mark(run, mark.cid, end=False)
            comments.mark(run, mark.cid, end=True)
        elif mark.end:
            run = _last_run_before(para.runs, starts, mark.offset).element
            comments.mark(run, mark.cid, end=True)
        else:
            run = _first_run_from(para.runs, starts, mark.offset).element
            comments.mark(run, mark.cid, end=False)


_BATCH = 1 << 16
# A part's DOCTYPE with its internal subset (entity definitions the part's text may use).
_DOCTYPE = re.compile(rb"<!DOCTYPE\s[^\[>]*(?:\[.*?\]\s*)?>", re.DOTALL)
_XML_DECL = re.compile(rb"<\?xml[^>]*\?>\s*")


def doctypes_of(original: bytes) -> dict[str, bytes]:
    """The DOCTYPE of every XML part of `original` that has one, by part name."""
    doctypes: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(original)) as src:
        for info in src.infolist():
            if not info.filename.lower().endswith((".xml", ".rels")):
                continue
            head = src.open(info).read(64 * 1024)  # the prolog comes first
            root = re.search(rb"<[A-Za-z_]", head)
            m = _DOCTYPE.search(head, 0, root.start() if root else len(head))
            if m:
                doctypes[info.filename] = m.group()
    return doctypes


def finish_copy(original: bytes, saved: bytes, comments: _Comments, texts: Iterable[str]) -> bytes:
    """The saved package with the new comments written into the comments part, one at a
    time, and the DOCTYPE of every XML part that had one put back.

    python-docx writes a part from its root element, which drops the DOCTYPE. Entities it
    defines (`&org;`) stay unexpanded in the text, so without it the copy no longer opens.
    """
    doctypes = doctypes_of(original)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(saved)) as made, zipfile.ZipFile(out, "w") as dst:
        for info in made.infolist():
            part = made.read(info)
            doctype = doctypes.get(info.filename)
            if doctype is not None and doctype not in part:
                decl = _XML_DECL.match(part)
                at = decl.end() if decl else 0
                part = part[:at] + doctype + b"\n" + part[at:]
            if info.filename == comments.document_member:
                chunks: Iterable[bytes] = comments.document_chunks(part)
            elif info.filename == comments.member and comments.added:
                chunks = comments.part_chunks(part, texts)
            else:
                chunks = (part,)
            with dst.open(info, "w") as stream:
                # Tens of thousands of small chunks: each write to a zip stream has a fixed
                # cost (a compressor call, a CRC update), so they go in batches.
                batch: list[bytes] = []
                size = 0
                for chunk in chunks:
                    batch.append(chunk)
                    size += len(chunk)
                    if size >= _BATCH:
                        stream.write(b"".join(batch))
                        batch, size = [], 0
                stream.write(b"".join(batch))
    return out.getvalue()


def render(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> bytes:
    if not ctx.output_path:
        raise ReportlintError("--format docx 需要 --output-file reviewed.docx")
    docs = list(ctx.documents.values())
    if not docs:
        raise ReportlintError("--format docx: 没有可读取的 .docx 输入")
    paths = set(ctx.documents) | {d.path for d in diagnostics} | {p for p, _ in ctx.errors}
    if len(paths) != 1 or len(docs) != 1:
        raise ReportlintError(f"--format docx 只能处理一个 .docx 文件，收到 {len(paths)} 个")
    doc = docs[0]
    if doc.kind != "docx":
        raise ReportlintError(f"{doc.path}: --format docx 只接受 .docx 输入")
    if _same_file(doc.path, ctx.output_path):
        raise ReportlintError(f"{ctx.output_path}: 不能覆盖原文件，请另选输出文件")
    return reviewed_copy(doc, [d for d in diagnostics if d.path == doc.path])


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)
