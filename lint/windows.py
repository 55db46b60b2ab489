"""Searching a long text only where a pattern can match, with the matches `finditer` gives.

A pattern that opens with an alternation, a character class or a lookbehind is tried at
every character of the text, however rare its matches: over a 1 M-character report that
costs tens of milliseconds per pattern. A literal that every match holds (`年` for a year,
`“` for a quoted term) is found about ten times faster. The helpers here search for such
literals first and run the pattern only near them, and give exactly what
`pattern.finditer(text)` gives: the leftmost match at or after the end of the last one, in
order, without overlaps. The caller states where a match can start (and, for a search, how
far a match starting there can read); everything else follows from that.

Patterns used here never match the empty string.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Protocol, TypeVar


class _Match(Protocol):
    def start(self) -> int: ...

    def end(self) -> int: ...


_M = TypeVar("_M", bound=_Match, covariant=True)


class _Pattern(Protocol[_M]):
    """What `re` and `regex` patterns share: match and search with pos and endpos."""

    def match(self, string: str, pos: int = ..., endpos: int = ...) -> _M | None: ...

    def search(self, string: str, pos: int = ..., endpos: int = ...) -> _M | None: ...


_T = TypeVar("_T", bound=_Match)


def literal_positions(text: str, literal: str) -> list[int]:
    """Every offset where `literal` starts in `text`, in order, overlapping ones too (`aa`
    in `aaa`: 0 and 1), so that anchors found this way miss no match."""
    if any(literal[-k:] == literal[:k] for k in range(1, len(literal))):
        out = []
        i = text.find(literal)
        while i >= 0:
            out.append(i)
            i = text.find(literal, i + 1)
        return out
    return [m.start() for m in re.finditer(re.escape(literal), text)]


def anchored_matches(pattern: _Pattern[_T], text: str, starts: Iterable[int]) -> Iterator[_T]:
    """`pattern.finditer(text)`, given every position where `pattern.match(text, p)` can
    succeed (more positions are harmless): each is tried in order, skipping those that lie
    inside the last match, which is what finditer does at the positions it tries."""
    pos = 0
    for p in sorted(set(starts)):
        if p < pos:
            continue
        m = pattern.match(text, p)
        if m is not None:
            yield m
            pos = m.end()


def windowed_matches(
    pattern: _Pattern[_T], text: str, windows: Iterable[tuple[int, int, int]]
) -> Iterator[_T]:
    """`pattern.finditer(text)`, given windows `(lo, hi, end)` such that every match starts
    in one of them (lo <= start <= hi), and a pattern that matches at such a start still
    matches there when the text is cut at that window's `end` (its match may differ).

    Each window is searched with `end` as the end of the text; overlapping windows are
    merged. A match found past `hi` is not trusted (its own window decides), and each match
    found is taken again from the whole text, where it may not match at all (a lookahead
    that the cut satisfied): then the search goes on after it. So `end` only has to be far
    enough for a match to be found, never for it to be right."""
    merged: list[list[int]] = []
    for lo, hi, end in sorted(windows):
        if merged and lo <= merged[-1][1] + 1:
            last = merged[-1]
            last[1] = max(last[1], hi)
            last[2] = max(last[2], end)
        else:
            merged.append([lo, hi, end])
    pos = 0
    for lo, hi, end in merged:
        s = max(lo, pos)
        while s <= hi:
            found = pattern.search(text, s, min(end, len(text)))
            if found is None or found.start() > hi:
                break
            m = pattern.match(text, found.start())
            if m is None:
                s = found.start() + 1
                continue
            yield m
            pos = s = m.end()
