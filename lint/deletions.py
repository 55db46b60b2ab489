"""Line-deletion layout: removed lines leave no blank-line gap, whatever rule removed them.

The engine hands every finding of a document to `settle_line_deletions` once, after the
checks ran: residue and teaser lists are deleted by several rules (and kinds), and the blank
lines between their deletions belong to all of them together.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Protocol

import regex

from lint.document import Document
from lint.model import Edit, Fix

# Matched from a position instead of slicing, so checking a line costs its indentation only.
_BLANK_RUN = regex.compile("[ \t\u3000\u00a0 ]*")


class Finding(Protocol):
    """What this module needs of a check's finding: its fix, which it may widen."""

    fix: Fix | None


# (finding, its deletion, first line, last line) of every whole-line deletion.
Block = tuple[Finding, Edit, int, int]


def blank_to(text: str, pos: int, stop: int) -> bool:
    """Whether text[pos:stop] is only spaces and indentation."""
    m = _BLANK_RUN.match(text, pos, stop)
    return m is not None and m.end() == stop


def _is_blank(doc: Document, line: int) -> bool:
    return blank_to(doc.text, doc.line_starts[line], doc.line_ends[line])


def _emptied(doc: Document, line: int, edits: list[Edit]) -> bool:
    """Whether deleting all `edits` (inside `line`) leaves only indentation on it."""
    pos = doc.line_starts[line]
    for e in sorted(edits, key=lambda e: e.start):
        if e.start > pos and not blank_to(doc.text, pos, e.start):
            return False
        pos = max(pos, e.end)
    return blank_to(doc.text, pos, max(pos, doc.line_ends[line]))


def _blocks(doc: Document, findings: Sequence[Finding]) -> list[Block]:
    """Whole-line deletions, including lines that several deletions inside them empty."""
    blocks: list[Block] = []
    # Deletions inside one line, by line: together they may leave nothing on it.
    partial: dict[int, list[tuple[Finding, Edit]]] = {}
    for f in findings:
        edits = f.fix.edits if f.fix is not None else ()
        if len(edits) != 1 or edits[0].replacement or edits[0].end <= edits[0].start:
            continue
        e = edits[0]
        a, b = doc.line_of(e.start), doc.line_of(e.end - 1)
        if e.start == doc.line_starts[a] and e.end == doc.newline_after(b):
            blocks.append((f, e, a, b))
        elif a == b:
            partial.setdefault(a, []).append((f, e))
    for line, dels in partial.items():
        if len(dels) > 1 and _emptied(doc, line, [e for _f, e in dels]):
            # The first takes the whole line; the rest overlap it and are dropped by the fixer.
            f, _e = min(dels, key=lambda d: (d[1].start, d[1].end))
            whole = Edit(doc.line_starts[line], doc.newline_after(line), "")
            assert f.fix is not None
            f.fix = Fix((whole,), f.fix.safety)
            blocks.append((f, whole, line, line))
    return blocks


def _runs(blocks: Sequence[Block]) -> list[list[int]]:
    """Deleted lines as merged runs [first, last], in order."""
    runs: list[list[int]] = []
    for a, b in sorted((a, b) for _f, _e, a, b in blocks):
        if runs and a <= runs[-1][1] + 1:
            runs[-1][1] = max(runs[-1][1], b)
        else:
            runs.append([a, b])
    return runs


def _chains(runs: list[list[int]], blank: Callable[[int], bool]) -> list[tuple[int, int]]:
    """Runs joined by blank lines form a chain: chain[r] = (first line, last line) of run r's."""
    chain: list[tuple[int, int]] = []
    group: list[int] = []
    for r, (a, _b) in enumerate(runs):
        if group and not all(blank(i) for i in range(runs[r - 1][1] + 1, a)):
            first, last = runs[group[0]][0], runs[group[-1]][1]
            chain.extend([(first, last)] * len(group))
            group = []
        group.append(r)
    chain.extend([(runs[group[0]][0], runs[group[-1]][1])] * len(group))
    return chain


def settle_line_deletions(doc: Document, findings: Sequence[Finding]) -> None:
    """Widen whole-line deletion fixes so that removed residue leaves no blank-line gap.

    Residue comes in runs of deleted lines with only blank lines between them ("chains").
    Each deletion takes the blank lines up to the next deleted line of its chain. The
    chain's last deletion also takes the blank lines after the chain when blank lines (or
    the start of the document) precede the chain, so exactly the separation that stood
    before the residue remains. A chain running to the end of the document also takes the
    blank lines before it, keeping whether the file ended with a line break. Edits only
    ever grow over blank lines, so no other text is touched; overlapping deletions are
    resolved by the fixer. Only lines next to deletions are looked at: a clean file or a
    long one with a few residue lines costs nothing extra.
    """
    blocks = _blocks(doc, findings)
    if not blocks:
        return
    blank_cache: dict[int, bool] = {}

    def blank(i: int) -> bool:  # only ever asked about lines outside the runs
        v = blank_cache.get(i)
        if v is None:
            v = doc.line_starts[i] == doc.line_ends[i] or _is_blank(doc, i)
            blank_cache[i] = v
        return v

    runs = _runs(blocks)
    chain = _chains(runs, blank)
    run_starts = [a for a, _b in runs]
    # Per chain: the last non-blank line before it (-1: none), the first after it (n: none).
    around: dict[tuple[int, int], tuple[int, int]] = {}
    for f, e, a, b in blocks:
        r = bisect.bisect_right(run_starts, a) - 1
        first, last = chain[r]
        if (first, last) not in around:
            around[first, last] = _neighbours(doc, first, last, blank)
        start, end = _widened(doc, e, a, b, runs, r, chain[r], around[first, last])
        if (start, end) != (e.start, e.end):
            assert f.fix is not None
            f.fix = Fix((Edit(start, end, ""),), f.fix.safety)


def _neighbours(
    doc: Document, first: int, last: int, blank: Callable[[int], bool]
) -> tuple[int, int]:
    """The last non-blank line before lines first..last (-1: none), the first after (n: none)."""
    k = first - 1
    while k >= 0 and blank(k):
        k -= 1
    q = last + 1
    while q < doc.line_count and blank(q):
        q += 1
    return k, q


def _widened(
    doc: Document,
    e: Edit,
    a: int,
    b: int,
    runs: list[list[int]],
    r: int,
    chain: tuple[int, int],
    around: tuple[int, int],
) -> tuple[int, int]:
    """The span deletion `e` (lines a..b of run r in `chain`) takes once settled."""
    text = doc.text
    first, last = chain
    k, q = around
    at_end = q == doc.line_count
    start, end = e.start, e.end
    if b < last:
        # up to the next deleted line: the next line of this run, or the next run
        end = doc.line_starts[b + 1 if b < runs[r][1] else runs[r + 1][0]]
    elif at_end:
        end = len(text)
    elif k < 0 or first - 1 - k > 0:
        end = doc.line_starts[q]
    if at_end and a == first:
        if k < 0:
            start = 0
        elif text.endswith(("\n", "\r")):
            start = doc.line_starts[k + 1]
        else:
            start = doc.line_ends[k]  # the file had no final break: nor will it now
    return start, end
