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
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from lint.checks import Check, Finding, RunContext
from lint.document import Document
from lint.ruleset import Rule

_INDENT = " \t\u3000\u00a0"


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
        self.events = re.compile("[" + "".join(re.escape(c) for c in chars) + "]|\\r\\n|\\r|\\n")

    def is_enumerator(self, text: str, line_start: int, pos: int) -> bool:
        if self.enumerator is None or pos - line_start > 12:
            return False
        return self.enumerator.fullmatch(text[line_start:pos].lstrip(_INDENT)) is not None

    def scan(self, doc: Document) -> Iterator[tuple[int, str]]:
        """(offset, partner) of every unmatched character, paragraph by paragraph."""
        text = doc.scan_text
        fam = self.fam
        stacks: dict[int, list[int]] = {}
        line_start = 0
        wrapped = doc.kind == "markdown"
        for m in self.events.finditer(text):
            pos = m.start()
            ch = m.group()
            f = fam.opener_family.get(ch)
            if f is not None:
                stacks.setdefault(f, []).append(pos)
                continue
            f = fam.closer_family.get(ch)
            if f is not None:
                if _is_apostrophe(text, pos):
                    continue
                stack = stacks.get(f)
                if stack:
                    stack.pop()
                elif not self.is_enumerator(text, line_start, pos):
                    yield pos, fam.opener_for[ch]
                continue
            # A text file's paragraph is its line; Markdown hard-wraps a paragraph over
            # several lines and ends it with a blank line.
            if not wrapped or not text[line_start:pos].strip(_INDENT):
                yield from self._unclosed(doc, stacks, m.end())
                stacks = {}
            line_start = m.end()
        yield from self._unclosed(doc, stacks, len(text))

    def _unclosed(
        self, doc: Document, stacks: dict[int, list[int]], after: int
    ) -> Iterator[tuple[int, str]]:
        """Openers left on the stacks when a paragraph ends; the next one starts at `after`."""
        text = doc.scan_text
        next_mark: str | None = None
        if self.continued and any(stacks.values()):
            # The first mark of the next non-blank paragraph, found once per paragraph end.
            m = _FIRST_MARK.search(text, after)
            next_mark = m.group() if m else None
        for stack in stacks.values():
            for pos in stack:
                if text[pos] != next_mark:
                    yield pos, self.fam.closer_for[text[pos]]


_FIRST_MARK = re.compile(r"[^\s\u3000\u00a0]")


class PairsCheck(Check):
    kind = "pairs"
    keys = frozenset({"pairs", "enumerator", "continued-quote"})

    @classmethod
    def validate(cls, rule: Rule) -> None:
        pairs = rule.params.get("pairs")
        if (
            not isinstance(pairs, list)
            or not pairs
            or not all(isinstance(p, str) and len(p) == 2 and p[0] != p[1] for p in pairs)
        ):
            raise rule.error("pairs", "expected a list of two different characters, e.g. '“”'")
        openers = {p[0] for p in pairs}
        closers = {p[1] for p in pairs}
        if openers & closers:
            raise rule.error("pairs", "a character cannot be both an opener and a closer")
        pattern = rule.params.get("enumerator")
        if pattern is not None:
            if not isinstance(pattern, str) or not pattern:
                raise rule.error("enumerator", "expected a regular expression")
            try:
                regex.compile(pattern)
            except regex.error as exc:
                raise rule.error("enumerator", f"bad regular expression: {exc}") from None
        cont = rule.params.get("continued-quote")
        if cont is not None and not isinstance(cont, bool):
            raise rule.error("continued-quote", "expected true or false")

    def __init__(self, rules: Sequence[Rule]) -> None:
        super().__init__(rules)
        self.compiled = [_CompiledPairs(r) for r in rules]

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Finding]:
        for cp in self.compiled:
            if cp.rule.code not in ctx.active:
                continue
            for pos, partner in cp.scan(doc):
                yield Finding(
                    cp.rule,
                    pos,
                    pos + 1,
                    values={"match": doc.text[pos], "partner": partner},
                )


CHECK = PairsCheck
