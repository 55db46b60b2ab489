"""`enumeration`: ordinals inside running text (GB/T 15834 B.3.1, B.3.7).

Four families of in-sentence ordinals are found at the start of a clause: `一是…二是…`,
`第一，…第二，…` (and `其一，`), `首先…其次…再次，`, and circled digits `①②③` (those that
open a paragraph are headings, checked by `numbering`). Within one section (the text between
two headings or breaks) each family is followed separately; `check:` picks what to report:

- `gap`: `一是…二是…四是` (a number skipped);
- `duplicate`: `二是…二是` (a number repeated or going back; starting again at one is fine);
- `mixed`: the series changes family half-way, `第一，…二是…` or `首先…其次…第三，`
  (《语言文字报》: the three sets of ordinals are not to be mixed).

- `punctuation`: `第一、` (should be `第一，`, B.3.1) and `一是：` / `一是，` (no mark, B.3.7);
  the safe fix replaces or drops just the mark.

Values for messages: {match}, {previous}, {expected}, {replacement}.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lint.checks import Finding, RunContext, SubCheck, rule_fix
from lint.document import Document
from lint.model import Edit, Fix
from lint.rule import Rule
from lint.structure import CIRCLED, chinese_number, structure, to_chinese

CHECKS = ("gap", "duplicate", "mixed", "punctuation")

# A clause starts after one of these (or at a line start): `统一是` is not `一是`.
_B = r"(?:^|(?<=[\s\u3000\u00a0。；;，,：:！!？?“\"‘（(、—…]))"
_SHI = re.compile(_B + r"([一二三四五六七八九十]{1,2})是", re.M)
# `第一，` needs its comma: `第一、第二产业` and `第一次` are not ordinals of a list.
_DI = re.compile(_B + r"(第|其)([一二三四五六七八九十]{1,2})[，,]", re.M)
# `再次` also means "once more" (再次强调), so only `再次，` counts.
_ORDER = re.compile(_B + r"(首先|其次|再次(?=[，,]))", re.M)
# Marks GB/T 15834 does not put after in-text ordinals: `第一、` (B.3.1 wants a comma; but
# `第一、第二产业` and `第一、二庭` list ordinals) and `一是：` / `一是，` (B.3.7 wants none).
_DI_MARK = re.compile(
    _B + r"(?:第|其)[一二三四五六七八九十]{1,2}(、)(?![第一二三四五六七八九十])", re.M
)
_SHI_MARK = re.compile(_B + r"[一二三四五六七八九十]{1,2}是([：:，,])", re.M)
_CIRCLED = re.compile("[" + CIRCLED + "]")
_ORDER_NUMBER = {"首先": 1, "其次": 2, "再次": 3}


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


def _ordinals(doc: Document, heading_starts: set[int]) -> list[Ordinal]:
    text = doc.scan_text
    found: list[Ordinal] = []
    for m in _SHI.finditer(text):
        n = chinese_number(m.group(1))
        if n:
            found.append(Ordinal("shi", n, m.start(1), m.end(), m.group(0)))
    for m in _DI.finditer(text):
        n = chinese_number(m.group(2))
        if n:
            family = "di" if m.group(1) == "第" else "qi"
            found.append(
                Ordinal(family, n, m.start(1), m.end() - 1, text[m.start(1) : m.end() - 1])
            )
    for m in _ORDER.finditer(text):
        found.append(Ordinal("order", _ORDER_NUMBER[m.group(1)], m.start(1), m.end(1), m.group(1)))
    for m in _CIRCLED.finditer(text):
        if m.start() not in heading_starts:
            n = CIRCLED.index(m.group(0)) + 1
            found.append(Ordinal("circled", n, m.start(), m.end(), m.group(0)))
    found.sort(key=lambda o: o.start)
    return found


def section_bounds(doc: Document) -> list[int]:
    """Offsets where a section starts: the text start and every heading or break line."""
    cached = doc.meta.get("section_bounds")
    if isinstance(cached, list):
        return cached
    bounds = [0] + [doc.line_starts[item.line] for item in structure(doc).items]
    doc.meta["section_bounds"] = bounds
    return bounds


def ordinals_by_section(doc: Document) -> list[tuple[tuple[int, int], list[Ordinal]]]:
    """In-text ordinals grouped by section, computed once per Document."""
    cached = doc.meta.get("ordinals")
    if isinstance(cached, list):
        return cached
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
    result = [g for g in groups if g[1]]
    doc.meta["ordinals"] = result
    return result


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


def _label(o: Ordinal) -> str:
    return o.text


class EnumerationCheck(SubCheck):
    kind = "enumeration"
    checks = CHECKS

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Finding]:
        active = self.active_by_check(ctx)
        if not active:
            return
        for _section, items in ordinals_by_section(doc):
            yield from self._section(items, active)
        if "punctuation" in active:
            yield from self._marks(doc, active["punctuation"])

    @staticmethod
    def _marks(doc: Document, rules: list[Rule]) -> Iterator[Finding]:
        text = doc.scan_text
        for pattern, right in ((_DI_MARK, "，"), (_SHI_MARK, "")):
            for m in pattern.finditer(text):
                mark = m.start(1)
                fixed = text[m.start() : mark] + right
                for rule in rules:
                    yield Finding(
                        rule,
                        m.start(),
                        m.end(),
                        values={"replacement": fixed},
                        suggestion=fixed,
                        fix=rule_fix(rule, Fix((Edit(mark, mark + 1, right),), "safe")),
                    )

    def _section(self, items: list[Ordinal], active: dict[str, list[Rule]]) -> Iterator[Finding]:
        # family -> (its latest ordinal, the number that ordinal should have carried): after
        # one mistyped number (一是…三是…三是) the next is measured against the corrected one.
        last: dict[str, tuple[Ordinal, int]] = {}
        previous: tuple[Ordinal, int] | None = None
        # The next ordinal of the same family after each one, found in one backward pass.
        following_of: list[Ordinal | None] = [None] * len(items)
        ahead: dict[str, Ordinal] = {}
        for k in range(len(items) - 1, -1, -1):
            following_of[k] = ahead.get(items[k].family)
            ahead[items[k].family] = items[k]
        for k, o in enumerate(items):
            mine = last.get(o.family)
            mine_n = mine[1] if mine is not None else None
            effective = o.number
            check = ""
            before: Ordinal | None = None
            if o.number > 1:
                # `第一，…二是`: the number goes on, but in another family. A nested series
                # (`一是…：第一，…第二，…二是`) keeps its own predecessor and is fine; and
                # `其次` is too common in prose to be called a change of family.
                mixed = (
                    o.family != "order"
                    and previous is not None
                    and previous[0].family != o.family
                    and previous[1] == o.number - 1
                    and mine_n != o.number - 1
                )
                if mixed and previous is not None:
                    check, before = "mixed", previous[0]
                elif mine is not None and mine_n is not None and o.number != mine_n + 1:
                    check = "gap" if o.number > mine_n + 1 else "duplicate"
                    before = mine[0]
                    following = following_of[k]
                    if following is not None and following.number == mine_n + 2:
                        effective = mine_n + 1
            if check and before is not None:
                expected = o.number if check == "mixed" else (mine_n or 0) + 1
                for rule in active.get(check, ()):
                    yield Finding(
                        rule,
                        o.start,
                        o.end,
                        values={
                            "previous": _label(before),
                            "expected": _expected_label(o, expected),
                        },
                    )
            last[o.family] = (o, effective)
            previous = (o, effective)


def _expected_label(o: Ordinal, n: int) -> str:
    if o.family == "circled":
        return CIRCLED[n - 1] if n <= len(CIRCLED) else str(n)
    if o.family == "shi":
        return to_chinese(n) + "是"
    if o.family in ("di", "qi"):
        return o.text[0] + to_chinese(n)
    return o.text


CHECK = EnumerationCheck
