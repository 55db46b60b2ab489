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

import re
from collections.abc import Iterator

from lint.checks import Active, Finding, RunContext, SubCheck, rule_fix
from lint.document import Document
from lint.model import Edit, Fix
from lint.ordinals import Ordinal, clause_matches, di_starts, ordinals_by_section, shi_starts
from lint.rule import Rule
from lint.structure import CIRCLED, to_chinese

CHECKS = ("gap", "duplicate", "mixed", "punctuation")

# Marks GB/T 15834 does not put after in-text ordinals: `第一、` (B.3.1 wants a comma; but
# `第一、第二产业` and `第一、二庭` list ordinals) and `一是：` / `一是，` (B.3.7 wants none).
# Searched with clause_matches: each must start a clause.
_DI_MARK = re.compile(r"(?:第|其)[一二三四五六七八九十]{1,2}(、)(?![第一二三四五六七八九十])")
_SHI_MARK = re.compile(r"[一二三四五六七八九十]{1,2}是([：:，,])")


def _label(o: Ordinal) -> str:
    return o.text


class EnumerationCheck(SubCheck):
    checks = CHECKS

    def run_active(self, doc: Document, ctx: RunContext, active: Active) -> Iterator[Finding]:
        for _section, items in ordinals_by_section(doc):
            yield from self._section(items, active)
        if "punctuation" in active:
            yield from self._marks(doc, active["punctuation"])

    @staticmethod
    def _marks(doc: Document, rules: list[Rule]) -> Iterator[Finding]:
        text = doc.scan_text
        marks = ((_DI_MARK, "，", di_starts(text)), (_SHI_MARK, "", shi_starts(text)))
        for pattern, right, starts in marks:
            for m in clause_matches(pattern, text, starts):
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
