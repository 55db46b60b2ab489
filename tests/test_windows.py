"""Searching only near literals gives what finditer over the whole text gives."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lint.windows import anchored_matches, literal_positions, windowed_matches

TEXT = st.text(alphabet=st.sampled_from(list("abcx年 \n")), max_size=60)


def test_literal_positions_overlap() -> None:
    assert literal_positions("aaaa", "aa") == [0, 1, 2]
    assert literal_positions("abab", "aba") == [0]
    assert literal_positions("ababa", "aba") == [0, 2]
    assert literal_positions("a.b", ".") == [1]
    assert literal_positions("十大十大", "十大") == [0, 2]


@settings(max_examples=300, deadline=None)
@given(TEXT)
@example("aab abb")
def test_anchored_matches_are_finditers(text: str) -> None:
    # Every match of `a+b` starts at an `a`: the `a`s are all the starts it needs, and
    # those inside a match are skipped as finditer skips them.
    pattern = re.compile("a+b")
    starts = literal_positions(text, "a")
    assert [m.span() for m in anchored_matches(pattern, text, starts)] == [
        m.span() for m in pattern.finditer(text)
    ]


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(min_value=0, max_value=3))
@example("xab年c", 0)
@example("ab年cb年", 0)
@example("ab年ab年", 1)
def test_windowed_matches_are_finditers(text: str, slack: int) -> None:
    # A match holds a `年` at most three characters after its start and reads one character
    # past it. A window cut right after the `年` (slack 0) still finds every match, but its
    # lookahead passes at the cut: a match taken again from the whole text may then fail
    # (`ab年c`) and must be dropped.
    pattern = regex.compile(r"[ab]{1,3}年(?!c)")
    windows = [(max(0, q - 3), q, q + 1 + slack) for q in literal_positions(text, "年")]
    got = [m.span() for m in windowed_matches(pattern, text, windows)]
    assert got == [m.span() for m in pattern.finditer(text)]


# Floods of what the kinds searching near literals anchor on: every anchor opens a window,
# and overlapping windows must merge, not each search the rest of the text.
_FLOODS = {
    "years": "确保完成2025年",
    "spaced-years": "2025 \u3000 年",
    "meetings": "二十大全会大会",
    "ordinals": "一是二是",
    "plans": "十四五第十四个五年",
    "claims": "今年是2026年是值此",
    "terms": "“三个到位”",
}


@pytest.mark.parametrize("shape", sorted(_FLOODS))
def test_kinds_searching_near_literals_grow_linearly(shape: str) -> None:
    import datetime as dt

    from lint.document import Document
    from lint.engine import Engine
    from lint.ruleset import load_ruleset
    from tests.growth import assert_linear

    kinds = {"past-year", "year-claim", "meeting-recency", "declared-count", "enumeration"}
    kinds |= {"plan-period", "pairs"}
    engine = Engine([r for r in load_ruleset() if r.kind in kinds])
    piece = _FLOODS[shape]

    def make(n: int) -> Callable[[], object]:
        text = piece * (n // len(piece)) + "\n"
        return lambda: engine.check(Document("d.txt", text), dt.date(2026, 11, 26))

    assert_linear(make, 20_000)
