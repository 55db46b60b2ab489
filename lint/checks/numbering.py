"""`numbering`: the GB/T 9704-2012 heading hierarchy `一、` → `(一)` → `1.` → `(1)` → `①`.

Each rule picks one aspect with `check:`

- `gap`, `duplicate`, `start`, `restart`: the sequence of sibling headings (same scope,
  parent and level). A restart at one is fine after a title or a soft break (an unnumbered
  short line); renumbering is offered only as an unsafe fix;
- `punctuation`: the mark after the numeral (GB/T 15834 B.3): `一、`, `(一)`, `1.` (`1．`
  accepted), `(1)`; the safe fix replaces just that mark;
- `bracket-width`: half- and full-width brackets mixed in one marker or at one level;
- `nesting`: a higher level opened below a lower one (`(一)` after `1.`), GB/T 15834 B.3.8;
- `level-skip`: a level skipped (`一、` straight to `1.`), which many style guides allow;
  not for a list introduced by a sentence ending in a colon (`主要有以下问题：` / `1.…`);
- `trailing-period`: stand-alone sibling headings that disagree on a closing `。`;
- `single`: a level opened with `（一）` that has no `（二）`.

The numbered items of an attachment note (`附件：1.…` / `2.…`) are no headings: only their
own sequence is checked (`gap`, `duplicate`, `start`, `restart`).

Values for messages: {match} (the marker), {expected}, {previous}, {replacement}, {after}.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import ClassVar

from lint.checks import Active, Finding, RunContext, SubCheck, rule_fix
from lint.document import Document
from lint.model import Edit, Fix
from lint.rule import Rule
from lint.structure import LEVEL_NAMES, Heading, render_number, structure

CHECKS = (
    "gap",
    "duplicate",
    "start",
    "restart",
    "punctuation",
    "bracket-width",
    "nesting",
    "level-skip",
    "trailing-period",
    "single",
)
# The right mark after each level's numeral, and what a safe fix writes instead of a wrong one.
_RIGHT_PUNCT = {0: ("、",), 1: ("",), 2: (".", "．"), 3: ("",), 4: ("",)}
_FIX_PUNCT = {0: "、", 1: "", 2: ".", 3: "", 4: ""}
_FULL = {"(": "（", ")": "）"}
_HALF = {"（": "(", "）": ")"}
_SPACE = " \t\u3000\u00a0\u200b\ufeff*"
# Stand-alone headings longer than this are body paragraphs that happen to be numbered.
_MAX_HEADING = 60


def _label(doc: Document, h: Heading) -> str:
    return doc.text[h.marker.start : h.marker.end]


def _relabel(doc: Document, h: Heading, n: int) -> str:
    """The heading's marker with number `n` in its place: `四、` -> `三、`, `（２）` -> `（３）`;
    a wrong mark after the numeral is shown corrected (`1、` -> `2.`)."""
    m = h.marker
    numeral = render_number(n, doc.text[m.num_start : m.num_end])
    punct = m.punct if m.punct in _RIGHT_PUNCT[m.level] else _FIX_PUNCT[m.level]
    return doc.text[m.start : m.num_start] + numeral + doc.text[m.num_end : m.punct_start] + punct


class NumberingCheck(SubCheck):
    checks = CHECKS
    # Aspects with edits the kind cannot always prove harmless: renumbering (the author may
    # have meant the gap), a heading's full stop, a whole marker rewidened.
    unproven: ClassVar[frozenset[str]] = frozenset(
        {"gap", "duplicate", "trailing-period", "bracket-width"}
    )

    @classmethod
    def lowers_safety(cls, rule: Rule) -> bool:
        return rule.params.get("check") in cls.unproven

    def run_active(self, doc: Document, ctx: RunContext, active: Active) -> Iterator[Finding]:
        st = structure(doc)
        styles = _bracket_styles(st.headings)
        seen_series: set[int] = set()
        for h in st.headings:
            yield from self._heading(doc, h, active, styles)
            if id(h.series) not in seen_series:
                seen_series.add(id(h.series))
                yield from self._series(doc, h.series, active)
        for series in st.attachments:
            if series:
                yield from self._series(doc, series, active, sequence_only=True)

    def _emit(
        self, active: dict[str, list[Rule]], check: str, start: int, end: int, **kw: object
    ) -> Iterator[Finding]:
        for rule in active.get(check, ()):
            values = {k: v for k, v in kw.items() if isinstance(v, str)}
            fix = kw.get("fix")
            yield Finding(
                rule,
                start,
                end,
                values=values,
                suggestion=values.get("replacement"),
                fix=rule_fix(rule, fix if isinstance(fix, Fix) else None),
            )

    def _heading(
        self,
        doc: Document,
        h: Heading,
        active: dict[str, list[Rule]],
        styles: dict[tuple[int, int], tuple[bool, bool]],
    ) -> Iterator[Finding]:
        m = h.marker
        if m.punct not in _RIGHT_PUNCT[m.level]:
            right = _FIX_PUNCT[m.level]
            fixed = doc.text[m.start : m.punct_start] + right
            yield from self._emit(
                active,
                "punctuation",
                m.start,
                m.end,
                replacement=fixed,
                expected=LEVEL_NAMES[m.level],
                fix=Fix((Edit(m.punct_start, m.punct_start + len(m.punct), right),), "safe"),
            )
        if m.open_bracket:
            yield from self._brackets(doc, h, active, styles.get((h.scope, h.level)))
        if h.inverted_after is not None:
            yield from self._emit(
                active,
                "nesting",
                m.start,
                m.end,
                after=_label(doc, h.inverted_after),
            )
        parent = h.parent
        if (
            parent is not None
            and h.level > parent.level + 1
            and h.series[0] is h
            and not _introduced_by_colon(doc, h)
        ):
            yield from self._emit(
                active,
                "level-skip",
                m.start,
                m.end,
                previous=_label(doc, parent),
                expected=LEVEL_NAMES[parent.level + 1],
            )

    def _series(
        self,
        doc: Document,
        series: list[Heading],
        active: dict[str, list[Rule]],
        sequence_only: bool = False,
    ) -> Iterator[Finding]:
        prev: Heading | None = None
        # Headings before this index are renumbered by the fix of an earlier finding.
        renumbered = 0
        # The number the previous sibling should have carried: after a single mistyped
        # number (一、二、二、四、) the next sibling is measured against the corrected one.
        p = 0
        for i, h in enumerate(series):
            m = h.marker
            if prev is None:
                if h.number != 1 and not h.continues:
                    yield from self._emit(
                        active,
                        "start",
                        m.start,
                        m.end,
                        expected=_relabel(doc, h, 1),
                    )
                prev, p = h, h.number
                continue
            n = h.number
            previous = _label(doc, prev)
            new_run = h.breaks_seen != prev.breaks_seen
            if n == p + 1 or (n == 1 and new_run):
                prev, p = h, n
                continue
            if n == 1 and p > 1:
                yield from self._emit(active, "restart", m.start, m.end, previous=previous)
                prev, p = h, n
                continue
            nxt = series[i + 1] if i + 1 < len(series) else None
            typo = nxt is not None and nxt.number == p + 2
            fix: Fix | None = None
            if typo:
                fix = self._renumber(doc, series, i, p + 1, only_first=True)
            elif i >= renumbered:
                fix, renumbered = self._renumber_rest(doc, series, i, p + 1)
            # else: an earlier fix already renumbers this heading (and the fixer lints again
            # after applying it). Giving every gap its own renumbering of the rest of the
            # series made a series with many gaps quadratic in edits.
            yield from self._emit(
                active,
                "gap" if n > p + 1 else "duplicate",
                m.start,
                m.end,
                previous=previous,
                expected=_relabel(doc, h, p + 1),
                fix=fix,
            )
            prev, p = h, (p + 1 if typo else n)
        if sequence_only:
            return
        yield from self._periods(doc, series, active)
        if "single" in active:
            yield from self._singles(doc, series, active)

    def _singles(
        self, doc: Document, series: list[Heading], active: dict[str, list[Rule]]
    ) -> Iterator[Finding]:
        """A level opened with `（一）` that never reaches `（二）`: one item needs no number."""
        run: list[Heading] = []
        for h in series:
            if run and h.number == 1 and h.breaks_seen != run[-1].breaks_seen:
                yield from self._single(doc, run, active)
                run = []
            run.append(h)
        yield from self._single(doc, run, active)

    def _single(
        self, doc: Document, run: list[Heading], active: dict[str, list[Rule]]
    ) -> Iterator[Finding]:
        if len(run) == 1 and run[0].number == 1:
            m = run[0].marker
            yield from self._emit(
                active, "single", m.start, m.end, expected=_relabel(doc, run[0], 2)
            )

    @classmethod
    def _renumber_rest(
        cls, doc: Document, series: list[Heading], i: int, first: int
    ) -> tuple[Fix | None, int]:
        """The fix renumbering series[i:] up to the next restart, and the index it stops at."""
        stop = i + 1
        while stop < len(series) and series[stop].number != 1:
            stop += 1
        return cls._renumber(doc, series, i, first, stop=stop), stop

    @staticmethod
    def _renumber(
        doc: Document,
        series: list[Heading],
        i: int,
        first: int,
        only_first: bool = False,
        stop: int | None = None,
    ) -> Fix | None:
        """Renumber series[i:stop] (default: up to the next restart), or just series[i] when
        it alone is off; unsafe: the author may have meant the gap."""
        edits = []
        expected = first
        if stop is None:
            stop = i + 1 if only_first else len(series)
        for j in range(i, stop):
            h = series[j]
            if j > i and h.number == 1:
                break
            m = h.marker
            old = doc.text[m.num_start : m.num_end]
            new = render_number(expected, old)
            if new != old:
                edits.append(Edit(m.num_start, m.num_end, new))
            expected += 1
        return Fix(tuple(edits), "unsafe") if edits else None

    def _periods(
        self, doc: Document, series: list[Heading], active: dict[str, list[Rule]]
    ) -> Iterator[Finding]:
        if "trailing-period" not in active:
            return
        titles = [
            h for h in series if h.standalone and h.title_end - h.marker.start <= _MAX_HEADING
        ]
        votes = Counter(h.ends_with_period for h in titles)
        if len(votes) < 2:
            return
        # GB/T 15834 B.4: a heading standing alone takes no full stop, so a tie goes to none.
        majority = votes[True] > votes[False]
        for h in titles:
            if h.ends_with_period == majority:
                continue
            if h.ends_with_period:
                dot = h.title_end - 1
                fix = Fix((Edit(dot, dot + 1, ""),), "unsafe")
                yield from self._emit(
                    active,
                    "trailing-period",
                    dot,
                    dot + 1,
                    state="末尾加了句号",
                    others="不加句号",
                    fix=fix,
                )
            else:
                end = h.title_end
                fix = Fix((Edit(end, end, "。"),), "unsafe")
                yield from self._emit(
                    active,
                    "trailing-period",
                    h.marker.start,
                    end,
                    state="末尾没有句号",
                    others="加句号",
                    fix=fix,
                )

    def _brackets(
        self,
        doc: Document,
        h: Heading,
        active: dict[str, list[Rule]],
        style: tuple[bool, bool] | None,
    ) -> Iterator[Finding]:
        """Brackets of another width than the rest of this level, or mixed in one marker."""
        m = h.marker
        half_open, half_close = m.open_bracket == "(", m.close_bracket == ")"
        mixed_inside = half_open != half_close
        full, level_mixed = style if style is not None else (True, False)
        # Only whole markers of the minority width, or a marker mixed inside, are flagged;
        # the fix follows the width most markers of this level use (else full width).
        if not mixed_inside and (not level_mixed or (not half_open) == full):
            return
        table = _FULL if full else _HALF
        edits = tuple(
            Edit(pos, pos + 1, table[doc.text[pos]])
            for pos in (m.start, m.num_end)
            if doc.text[pos] in table
        )
        fixed = "".join(table.get(c, c) for c in doc.text[m.start : m.num_end + 1])
        # Mending one odd bracket is certain; changing a whole marker is a style choice.
        safety = "safe" if mixed_inside else "unsafe"
        yield from self._emit(
            active,
            "bracket-width",
            m.start,
            m.num_end + 1,
            replacement=fixed,
            fix=Fix(edits, safety),
        )


def _introduced_by_colon(doc: Document, h: Heading) -> bool:
    """Whether the last non-blank line before `h` ends with a colon: a list introduced by a
    sentence (`主要存在以下三个方面问题：` / `1.…`) is enumeration, not a skipped heading level."""
    text = doc.scan_text
    for i in range(h.line - 1, -1, -1):
        line = text[doc.line_starts[i] : doc.line_ends[i]].rstrip(_SPACE)
        if line:
            return line[-1] in "：:"
    return False


def _bracket_styles(headings: list[Heading]) -> dict[tuple[int, int], tuple[bool, bool]]:
    """(scope, level) -> (most markers are full width, both widths occur)."""
    counts: dict[tuple[int, int], Counter[bool]] = {}
    for h in headings:
        m = h.marker
        if m.open_bracket and (m.open_bracket == "(") == (m.close_bracket == ")"):
            counts.setdefault((h.scope, h.level), Counter())[m.open_bracket == "（"] += 1
    # A tie goes to full width, the form GB/T 15834 describes.
    return {key: (c[True] >= c[False], len(c) == 2) for key, c in counts.items()}


CHECK = NumberingCheck
