"""`pairs`: paired punctuation (“” 《》 （） …) balanced within a paragraph.

A paragraph is a line in plain text and .docx, and a block of lines up to a blank line in
Markdown (which is often hard-wrapped).

YAML keys:

- `pairs`: list of two-character strings, opener then closer (`"“”"`, `"（）"`). Pairs that
  share a character form one family: with `"()"`, `"（）"`, `"(）"` and `"（)"` a half-width
  opener may close with a full-width closer (the width itself is another rule's business).
- `enumerator`: a regex; a closer whose text from the line start up to it matches this
  (`1)`, `一）`, `a)`) is a list marker, not half of a pair.
- `continued-quote`: true to accept the convention for quotations running over several
  paragraphs: each paragraph opens with “ and only the last one closes it, so an opener
  left open is fine when the next non-empty paragraph begins with the same mark.

Each family keeps its own stack, so one missing closer gives exactly one finding and crossed
pairs of different families (“A（B”C）) are not reported twice. One pass over the text:
linear time. The finding is the unmatched character itself; `{match}` is that character and
`{partner}` the one it lacks.

A pair broken by line breaks (`《` / `中华人民共和国著作权法` / `》`, `（PM` / `2.5` / `）`, as
pages copied from Wikisource are) is one defect, not two: when an opener left open at the
end of a paragraph finds its partner within the next `SPLIT_LINES` lines, with only short
non-blank lines (at most `SPLIT_LINE_LENGTH` characters) before it, one finding is made on
the opener, with its own message and the values `{partner}` (the closer found) and `{split}`
(`true`), and none on the closer. Plain text and .docx only: a Markdown paragraph already
runs over its wrapped lines.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from lint.checks import Check, Finding, RunContext
from lint.document import Document
from lint.rule import Rule

_INDENT = " \t\u3000\u00a0"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A pair split over lines: the closer at most this many lines further on, and every line
# before the closer's at most this long (the fragments a broken page leaves).
SPLIT_LINES = 3
SPLIT_LINE_LENGTH = 40


def _is_apostrophe(text: str, pos: int) -> bool:
    """’ inside Latin text (China’s, don’t) is an apostrophe, not half of a pair."""
    if text[pos] != "\u2019" or pos == 0 or pos + 1 >= len(text):
        return False
    before, after = text[pos - 1], text[pos + 1]
    return before.isascii() and before.isalnum() and after.isascii() and after.isalnum()


@dataclass(frozen=True)
class _Families:
    # character -> family id, for openers and closers
    opener_family: dict[str, int]
    closer_family: dict[str, int]
    # the partner named in messages
    closer_for: dict[str, str]
    opener_for: dict[str, str]


def _families(pairs: Sequence[str]) -> _Families:
    parent: dict[str, str] = {}

    def find(c: str) -> str:
        while parent.setdefault(c, c) != c:
            c = parent[c]
        return c

    for p in pairs:
        parent[find(p[0])] = find(p[1])
    ids: dict[str, int] = {}
    opener_family: dict[str, int] = {}
    closer_family: dict[str, int] = {}
    closer_for: dict[str, str] = {}
    opener_for: dict[str, str] = {}
    for p in pairs:
        fam = ids.setdefault(find(p[0]), len(ids))
        opener_family[p[0]] = fam
        closer_family[p[1]] = fam
        # The first pair listed for a character names its partner (same width first).
        closer_for.setdefault(p[0], p[1])
        opener_for.setdefault(p[1], p[0])
    return _Families(opener_family, closer_family, closer_for, opener_for)


class _CompiledPairs:
    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.fam = _families(rule.params["pairs"])
        pattern = rule.params.get("enumerator")
        self.enumerator = regex.compile(pattern) if isinstance(pattern, str) else None
        self.continued = bool(rule.params.get("continued-quote", False))
        chars = sorted({*self.fam.opener_family, *self.fam.closer_family})
        # Only pair characters and line breaks matter: let `re` skip everything else.
        self.marks = re.compile("[" + "".join(re.escape(c) for c in chars) + "]")
        self.events = re.compile(self.marks.pattern + "|\\r\\n|\\r|\\n")

    def is_enumerator(self, text: str, line_start: int, pos: int) -> bool:
        if self.enumerator is None or pos - line_start > 12:
            return False
        return self.enumerator.fullmatch(text[line_start:pos].lstrip(_INDENT)) is not None

    def scan(self, doc: Document) -> Iterator[tuple[int, str, bool]]:
        """(offset, partner, split) of every unmatched character, paragraph by paragraph;
        `split` when the opener's partner is a few lines on (see the module docstring)."""
        if doc.kind == "markdown":
            return self.scan_events(doc, wrapped=True)
        return self.scan_lines(doc)

    def scan_events(self, doc: Document, wrapped: bool) -> Iterator[tuple[int, str, bool]]:
        """`scan` visiting every pair character and line break; `wrapped` for Markdown,
        where a paragraph runs to a blank line."""
        text = doc.scan_text
        fam = self.fam
        stacks: dict[int, list[int]] = {}
        line_start = 0
        # Closers already reported with their opener as a split pair.
        claimed: set[int] = set()
        for m in self.events.finditer(text):
            pos = m.start()
            ch = m.group()
            f = fam.opener_family.get(ch)
            if f is not None:
                stacks.setdefault(f, []).append(pos)
                continue
            f = fam.closer_family.get(ch)
            if f is not None:
                if self._unopened(text, pos, stacks.get(f), claimed, line_start):
                    yield pos, fam.opener_for[ch], False
                continue
            # A text file's paragraph is its line; Markdown hard-wraps a paragraph over
            # several lines and ends it with a blank line.
            if not wrapped or not text[line_start:pos].strip(_INDENT):
                yield from self._unclosed(doc, stacks, m.end(), None if wrapped else claimed)
                stacks = {}
            line_start = m.end()
        yield from self._unclosed(doc, stacks, len(text), None)

    def _unopened(
        self, text: str, pos: int, stack: list[int] | None, claimed: set[int], line_start: int
    ) -> bool:
        """Whether the closer at `pos` is reported as closing nothing. It closes the last of
        its family's open marks (`stack`) if there is one; an apostrophe is no closer, and a
        closer claimed by a split pair or an enumerator's `)` is not reported."""
        if _is_apostrophe(text, pos):
            return False
        if stack:
            stack.pop()
            return False
        return pos not in claimed and not self.is_enumerator(text, line_start, pos)

    def scan_lines(self, doc: Document) -> Iterator[tuple[int, str, bool]]:
        """`scan` where a paragraph is a line (plain text, .docx): only the pair characters
        are visited, and a line is looked up when the first of them on it is met. Lines
        without any leave nothing open (the stacks are emptied at every line end), so the
        findings are those of a visit of every line break, which cost a step per line."""
        text = doc.scan_text
        fam = self.fam
        openers = fam.opener_family
        closers = fam.closer_family
        starts = doc.line_starts
        stacks: dict[int, list[int]] = {}
        line_start = 0
        line_end = -1  # where the line of the last mark ends (its line break)
        line = -1
        claimed: set[int] = set()
        for m in self.marks.finditer(text):
            pos = m.start()
            if pos > line_end:
                if any(stacks.values()):
                    yield from self._unclosed(doc, stacks, starts[line + 1], claimed)
                stacks = {}
                line = bisect.bisect_right(starts, pos) - 1
                line_start = starts[line]
                line_end = doc.line_ends[line]
            ch = text[pos]
            f = openers.get(ch)
            if f is not None:
                stacks.setdefault(f, []).append(pos)
                continue
            if self._unopened(text, pos, stacks.get(closers[ch]), claimed, line_start):
                yield pos, fam.opener_for[ch], False
        if line + 1 < len(starts):
            yield from self._unclosed(doc, stacks, starts[line + 1], claimed)
            stacks = {}
        yield from self._unclosed(doc, stacks, len(text), None)

    def _unclosed(
        self,
        doc: Document,
        stacks: dict[int, list[int]],
        after: int,
        claimed: set[int] | None,
    ) -> Iterator[tuple[int, str, bool]]:
        """Openers left on the stacks when a paragraph ends; the next one starts at `after`.
        With `claimed`, an opener whose partner follows a few lines on is reported as split
        and that closer is added to `claimed`."""
        text = doc.scan_text
        next_mark: str | None = None
        if self.continued and any(stacks.values()):
            # The first mark of the next non-blank paragraph, found once per paragraph end.
            m = _FIRST_MARK.search(text, after)
            next_mark = m.group() if m else None
        for family, stack in stacks.items():
            left = [pos for pos in stack if text[pos] != next_mark]
            if not left:
                continue
            closers = (
                self._split_closers(text, family, after, len(left)) if claimed is not None else []
            )
            # The innermost opener takes the first closer found.
            split = dict(zip(reversed(left), closers, strict=False))
            for pos in left:
                closer = split.get(pos)
                if closer is None:
                    yield pos, self.fam.closer_for[text[pos]], False
                else:
                    assert claimed is not None
                    claimed.add(closer)
                    yield pos, text[closer], True

    def _split_closers(self, text: str, family: int, start: int, count: int) -> list[int]:
        """Offsets of up to `count` unmatched closers of `family` on the first line within
        the next SPLIT_LINES lines (from `start`) that has any, when every line before it
        is short and not blank; [] when there is none."""
        fam = self.fam
        found: list[int] = []
        for _ in range(SPLIT_LINES):
            if start >= len(text):
                break
            brk = _LINE_BREAK.search(text, start)
            end = brk.start() if brk else len(text)
            depth = 0
            for i in range(start, end):
                ch = text[i]
                if fam.opener_family.get(ch) == family:
                    depth += 1
                elif fam.closer_family.get(ch) == family and not _is_apostrophe(text, i):
                    if depth:
                        depth -= 1
                    elif not self.is_enumerator(text, start, i):
                        found.append(i)
                        if len(found) == count:
                            break
            if found:
                return found
            body = text[start:end].strip(_INDENT)
            if not body or len(body) > SPLIT_LINE_LENGTH or brk is None:
                break
            start = brk.end()
        return []


_FIRST_MARK = re.compile(r"[^\s\u3000\u00a0]")


class PairsCheck(Check):
    keys = frozenset({"pairs", "enumerator", "continued-quote"})
    options_type = _CompiledPairs

    @classmethod
    def validate(cls, rule: Rule) -> None:
        pairs = rule.params.get("pairs")
        if (
            not isinstance(pairs, list)
            or not pairs
            or not all(isinstance(p, str) and len(p) == 2 and p[0] != p[1] for p in pairs)
        ):
            raise rule.error("pairs", "应为由两个不同字符组成的列表，如 “”")
        openers = {p[0] for p in pairs}
        closers = {p[1] for p in pairs}
        if openers & closers:
            raise rule.error("pairs", "同一字符不能既作开符号又作闭符号")
        pattern = rule.params.get("enumerator")
        if pattern is not None:
            if not isinstance(pattern, str) or not pattern:
                raise rule.error("enumerator", "应为正则表达式")
            try:
                regex.compile(pattern)
            except regex.error as exc:
                raise rule.error("enumerator", f"正则表达式有误：{exc}") from None
        cont = rule.params.get("continued-quote")
        if cont is not None and not isinstance(cont, bool):
            raise rule.error("continued-quote", "应为 true 或 false")

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Finding]:
        for cp in self.active_options(ctx, _CompiledPairs):
            for pos, partner, split in cp.scan(doc):
                match = doc.text[pos]
                if split:
                    yield Finding(
                        cp.rule,
                        pos,
                        pos + 1,
                        values={"match": match, "partner": partner, "split": "true"},
                        message=f"成对标点“{match}”与后面的“{partner}”被换行拆开：应在同一段内",
                    )
                else:
                    values = {
                        "match": match,
                        "partner": partner,
                        "name": mark_name(match),
                        "partner_name": mark_name(partner),
                        "context": context_of(doc, pos, _opens(match)),
                    }
                    yield Finding(cp.rule, pos, pos + 1, values=values)


# What a person calls each mark: “ 没有对应的 ” tells an office worker less than 左引号.
_MARK_NAMES = {
    "“": "左引号",
    "”": "右引号",
    "‘": "左单引号",
    "’": "右单引号",
    "《": "左书名号",
    "》": "右书名号",
    "〈": "左单书名号",
    "〉": "右单书名号",
    "（": "左括号",
    "）": "右括号",
    "(": "左括号",
    ")": "右括号",
    "【": "左方头括号",
    "】": "右方头括号",
    "〔": "左六角括号",
    "〕": "右六角括号",
}
CONTEXT_CHARS = 12


def _opens(mark: str) -> bool:
    return _MARK_NAMES.get(mark, "").startswith("左")


def mark_name(mark: str) -> str:
    return _MARK_NAMES.get(mark, f"“{mark}”")


def context_of(doc: Document, pos: int, opener: bool, chars: int = CONTEXT_CHARS) -> str:
    """The words the unmatched mark starts (an opener) or ends (a closer) on its line, cut
    with …… where the line goes on: the mark is always at the edge, so it is clear which
    of several alike marks is meant."""
    start, end = doc.line_span(doc.line_of(pos))
    if opener:
        hi = min(end, pos + 1 + chars)
        return doc.text[pos:hi].rstrip() + ("……" if hi < end else "")
    lo = max(start, pos - chars)
    return ("……" if lo > start else "") + doc.text[lo : pos + 1].lstrip()


CHECK = PairsCheck
