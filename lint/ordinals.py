"""In-text ordinals (`一是…二是…`, `第一，…`, `首先…其次…`, `①②③`) found once per Document,
grouped by section (the text between two headings or breaks of lint.structure), and their
runs counting up from one: what the enumeration and declared-count kinds both read."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lint.document import Document
from lint.structure import CIRCLED, chinese_number, structure
from lint.windows import anchored_matches, literal_positions

# A clause starts after one of these (or at the text's start): `统一是` is not `一是`.
_CLAUSE_MARKS = '\\s\u3000\u00a0。；;，,：:！!？?“"‘（(、—…'
_CLAUSE_BEFORE = re.compile(f"[{_CLAUSE_MARKS}]")
_SHI = re.compile(r"([一二三四五六七八九十]{1,2})是")
# `第一，` needs its comma: `第一、第二产业` and `第一次` are not ordinals of a list.
_DI = re.compile(r"(第|其)([一二三四五六七八九十]{1,2})[，,]")
# `再次` also means "once more" (再次强调), so only `再次，` counts.
_ORDER = re.compile(r"(首先|其次|再次(?=[，,]))")
_CIRCLED = re.compile("[" + CIRCLED + "]")
_ORDER_NUMBER = {"首先": 1, "其次": 2, "再次": 3}
_NUMERALS = frozenset("一二三四五六七八九十")


@dataclass(frozen=True)
class Ordinal:
    """One in-text ordinal: its family (`shi`, `di`, `qi`, `order`, `circled`) and number."""

    family: str
    number: int
    start: int
    end: int
    text: str


@dataclass
class Run:
    """Ordinals of one family counting up from one, inside one section."""

    items: list[Ordinal]
    section: tuple[int, int]


def clause_matches(
    pattern: re.Pattern[str], text: str, starts: Iterable[int] | None = None
) -> Iterator[re.Match[str]]:
    """The matches of `pattern` that start a clause (after a mark of _CLAUSE_BEFORE, or at the
    text's start).

    The same matches as a lookbehind for those marks in front of the pattern would give, but
    ~3x faster on a long text: a pattern opening with that lookbehind is tried at every
    character, while `pattern` alone is searched for by its first characters. This holds for
    patterns whose matches hold no clause mark before their last character (ordinals such as
    `一是`, `第一，`): a match that does not start a clause then never hides one that does.
    With `starts` (every position where the pattern can match, see shi_starts), only those
    are tried: the matches of finditer, found from a literal (lint.windows).
    """
    before = _CLAUSE_BEFORE.match
    found = pattern.finditer(text) if starts is None else anchored_matches(pattern, text, starts)
    for m in found:
        start = m.start()
        if not start or before(text, start - 1):
            yield m


def shi_starts(text: str) -> list[int]:
    """Where a pattern opening with one or two numerals and then `是` (`一是`, `十二是`) can
    match: one or two characters before a `是`, on a numeral."""
    out = []
    for q in literal_positions(text, "是"):
        if q >= 2 and text[q - 2] in _NUMERALS:
            out.append(q - 2)
        if q >= 1 and text[q - 1] in _NUMERALS:
            out.append(q - 1)
    return out


def di_starts(text: str) -> list[int]:
    """Where a pattern opening with `第` or `其` and a numeral (`第一，`) can match."""
    end = len(text) - 1
    return [
        p
        for lead in "第其"
        for p in literal_positions(text, lead)
        if p < end and text[p + 1] in _NUMERALS
    ]


def order_starts(text: str) -> list[int]:
    """Where _ORDER can match: on each `首先`, `其次` and `再次`."""
    return [p for word in _ORDER_NUMBER for p in literal_positions(text, word)]


def _ordinals(doc: Document, heading_starts: set[int]) -> list[Ordinal]:
    text = doc.scan_text
    found: list[Ordinal] = []
    for m in clause_matches(_SHI, text, shi_starts(text)):
        n = chinese_number(m.group(1))
        if n:
            found.append(Ordinal("shi", n, m.start(1), m.end(), m.group(0)))
    for m in clause_matches(_DI, text, di_starts(text)):
        n = chinese_number(m.group(2))
        if n:
            family = "di" if m.group(1) == "第" else "qi"
            found.append(
                Ordinal(family, n, m.start(1), m.end() - 1, text[m.start(1) : m.end() - 1])
            )
    for m in clause_matches(_ORDER, text, order_starts(text)):
        found.append(Ordinal("order", _ORDER_NUMBER[m.group(1)], m.start(1), m.end(1), m.group(1)))
    for m in _CIRCLED.finditer(text):
        if m.start() not in heading_starts:
            n = CIRCLED.index(m.group(0)) + 1
            found.append(Ordinal("circled", n, m.start(), m.end(), m.group(0)))
    found.sort(key=lambda o: o.start)
    return found


def section_bounds(doc: Document) -> list[int]:
    """Offsets where a section starts: the text start and every heading or break line."""
    return doc.computed(_section_bounds)


def _section_bounds(doc: Document) -> list[int]:
    return [0] + [doc.line_starts[item.line] for item in structure(doc).items]


def ordinals_by_section(doc: Document) -> list[tuple[tuple[int, int], list[Ordinal]]]:
    """In-text ordinals grouped by section, computed once per Document."""
    return doc.computed(_ordinals_by_section)


def _ordinals_by_section(doc: Document) -> list[tuple[tuple[int, int], list[Ordinal]]]:
    st = structure(doc)
    heading_starts = {h.marker.start for h in st.headings}
    bounds = section_bounds(doc)
    groups: list[tuple[tuple[int, int], list[Ordinal]]] = []
    for i, start in enumerate(bounds):
        end = bounds[i + 1] if i + 1 < len(bounds) else len(doc.text)
        groups.append(((start, end), []))
    for o in _ordinals(doc, heading_starts):
        i = bisect.bisect_right(bounds, o.start) - 1
        groups[i][1].append(o)
    return [g for g in groups if g[1]]


def runs(doc: Document) -> list[Run]:
    """Every run `1, 2, 3…` of one family within a section, in text order."""
    out: list[Run] = []
    for section, items in ordinals_by_section(doc):
        open_runs: dict[str, Run] = {}
        for o in items:
            current = open_runs.get(o.family)
            if o.number == 1:
                current = Run([o], section)
                open_runs[o.family] = current
                out.append(current)
            elif current is not None and o.number == current.items[-1].number + 1:
                current.items.append(o)
            else:
                open_runs.pop(o.family, None)
    out.sort(key=lambda r: r.items[0].start)
    return out
