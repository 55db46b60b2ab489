"""Document: decoded text plus fast offset <-> line/column mapping.

Every check scans `scan_text`, which has the same length as `text` but with markup that must
not be linted (Markdown emphasis markers, code, HTML comments) blanked out with spaces, so
offsets found in `scan_text` are offsets into `text`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar, cast

import regex

from lint import timing

_T = TypeVar("_T")

# Line breaks recognised everywhere: CRLF counts as one break.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LONE_CR = re.compile(r"\r(?!\n)")
_LF = re.compile("\n")


@dataclass
class Document:
    path: str
    text: str
    kind: str = "text"  # "text", "markdown" or "docx"
    scan_text: str = ""
    encoding: str = "utf-8"
    # Offsets of the first character of every line.
    line_starts: list[int] = field(default_factory=list)
    # End offset (exclusive, before the line break) of every line.
    line_ends: list[int] = field(default_factory=list)
    # Rules disabled by inline comments (Markdown only): (start, end, codes or None=all).
    disabled: list[tuple[int, int, frozenset[str] | None]] = field(default_factory=list)
    # What a reader keeps for reports (the .docx bytes, stories and list numbers): plain
    # data that crosses to the parent process with the Document.
    meta: dict[str, object] = field(default_factory=dict)
    # Results the checks compute once per Document (its structure, sections, ordinals), by
    # the function that computes them: see `computed`. Never part of the reader's payload.
    _computed: dict[Callable[[Document], object], object] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # is_disabled's lookup table, built on first use: (list it was built from, its length,
    # ranges sorted by start, their starts, running maximum of their ends).
    _disabled_index: (
        tuple[
            list[tuple[int, int, frozenset[str] | None]],
            int,
            list[tuple[int, int, frozenset[str] | None]],
            list[int],
            list[int],
        ]
        | None
    ) = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        with timing.stage("read.index"):
            self._index()

    def _index(self) -> None:
        if not self.scan_text:
            self.scan_text = self.text
        if len(self.scan_text) != len(self.text):
            raise ValueError("scan_text must be as long as text")
        if "\r" in self.scan_text:
            # A lone CR ends a line (classic Mac files) but `(?m)^…$` in the rules only knows
            # LF: checks scan a copy where it is one, so CR files are linted like LF ones.
            # Same length, so every offset still points into `text`.
            self.scan_text = _LONE_CR.sub("\n", self.scan_text)
        if "\r" in self.text:
            starts = [0]
            ends: list[int] = []
            for m in _LINE_BREAK.finditer(self.text):
                ends.append(m.start())
                starts.append(m.end())
        else:
            # Only LF: the breaks are found as a literal, five times faster than the
            # alternation above is tried at every character.
            ends = [m.start() for m in _LF.finditer(self.text)]
            starts = [0, *(e + 1 for e in ends)]
        ends.append(len(self.text))
        self.line_starts = starts
        self.line_ends = ends

    def computed(self, build: Callable[[Document], _T]) -> _T:
        """`build(self)`, computed on first use and kept for every later check."""
        if build not in self._computed:
            self._computed[build] = build(self)
        return cast(_T, self._computed[build])

    def forget_computed(self) -> None:
        """Drop what the checks computed (before sending the Document to another process)."""
        self._computed = {}

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_of(self, offset: int) -> int:
        """0-based line index holding `offset` (an offset on a line break belongs to its line)."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of `offset`; columns count code points."""
        i = self.line_of(offset)
        return i + 1, offset - self.line_starts[i] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of `position`."""
        return self.line_starts[line - 1] + column - 1

    def end_position(self, start: int, end: int) -> tuple[int, int]:
        """(end_line, end_column) for a span: the column just past the last flagged character."""
        if end <= start:
            return self.position(start)
        line, col = self.position(end - 1)
        return line, col + 1

    def span_position(self, start: int, end: int) -> tuple[int, int, int, int]:
        """`(*position(start), *end_position(start, end))` with one bisection when the span
        stays on its line (nearly always): the engine calls this for every diagnostic."""
        starts = self.line_starts
        i = bisect.bisect_right(starts, start) - 1
        ls = starts[i]
        col = start - ls + 1
        if end <= start:
            return i + 1, col, i + 1, col
        if i + 1 == len(starts) or end - 1 < starts[i + 1]:
            return i + 1, col, i + 1, end - ls + 1
        end_line, end_col = self.end_position(start, end)
        return i + 1, col, end_line, end_col

    def line_text(self, index: int) -> str:
        return self.text[self.line_starts[index] : self.line_ends[index]]

    def line_span(self, index: int) -> tuple[int, int]:
        return self.line_starts[index], self.line_ends[index]

    def lines(self) -> Iterator[tuple[int, int, int]]:
        """(index, start, end) of every line, without its line break."""
        for i, (s, e) in enumerate(zip(self.line_starts, self.line_ends, strict=True)):
            yield i, s, e

    def newline_after(self, index: int) -> int:
        """Offset just past the line break that ends line `index` (or the text end)."""
        if index + 1 < len(self.line_starts):
            return self.line_starts[index + 1]
        return len(self.text)

    def is_disabled(self, code: str, offset: int) -> bool:
        """Whether an inline comment disables rule `code` at `offset`.

        Asked once per finding: the ranges are sorted once, and only those starting at or
        before `offset` whose running maximum end still reaches past it are looked at (one or
        two for ordinary disable comments), instead of every range for every finding.
        """
        if not self.disabled:
            return False
        index = self._disabled_index
        if index is None or index[0] is not self.disabled or index[1] != len(self.disabled):
            ranges = sorted(self.disabled, key=lambda r: r[0])
            starts = [r[0] for r in ranges]
            reach: list[int] = []
            for r in ranges:
                reach.append(max(r[1], reach[-1]) if reach else r[1])
            index = (self.disabled, len(self.disabled), ranges, starts, reach)
            self._disabled_index = index
        _, _, ranges, starts, reach = index
        i = bisect.bisect_right(starts, offset) - 1
        while i >= 0 and reach[i] > offset:
            start, end, codes = ranges[i]
            if start <= offset < end and (codes is None or any(code.startswith(c) for c in codes)):
                return True
            i -= 1
        return False

    def sentence_span(self, start: int, end: int, limit: int = 400) -> tuple[int, int]:
        """The sentence around text[start:end]: bounded by 。！？；, a line break, or `limit`.

        Searched with C-level find calls: a per-character Python loop cost up to 800 steps per
        candidate, which dominated runs on long unpunctuated lines.
        """
        text = self.text
        lo = max(0, start - limit)
        # the last sentence end before `start`, found by one backward search (a find per
        # sentence-end character cost four times as much, 10,000 times on a dirty file)
        m = _SENTENCE_END_BACK.search(text, lo, start) if lo < start else None
        s = m.end() if m else lo
        hi = min(len(text), end + limit)
        m = _SENTENCE_END_RE.search(text, end, hi) if end < hi else None
        e = m.start() if m else max(end, hi)
        if e < len(text) and text[e] in "。！？!?；;":
            e += 1
        return s, e


_SENTENCE_END = "。！？!?；;\n\r"
_SENTENCE_END_RE = re.compile("[" + re.escape(_SENTENCE_END) + "]")
_SENTENCE_END_BACK = regex.compile("[" + regex.escape(_SENTENCE_END) + "]", regex.REVERSE)
