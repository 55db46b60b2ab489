"""In-text ordinals, found once per Document and shared by the enumeration and declared-count
kinds."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from lint.checks.enumeration import _DI_MARK, _SHI_MARK
from lint.document import Document
from lint.ordinals import (
    _DI,
    _ORDER,
    _SHI,
    clause_matches,
    di_starts,
    order_starts,
    ordinals_by_section,
    runs,
    section_bounds,
    shi_starts,
)


def test_ordinals_are_grouped_by_section_and_counted_in_runs() -> None:
    doc = Document("d.txt", "一、甲\n一是学习，二是落实。\n二、乙\n第一，规划；第二，建设。\n")
    assert section_bounds(doc) == [0, 0, 15]
    groups = ordinals_by_section(doc)
    assert [[o.text for o in items] for _span, items in groups] == [
        ["一是", "二是"],
        ["第一", "第二"],
    ]
    assert [[o.number for o in r.items] for r in runs(doc)] == [[1, 2], [1, 2]]
    assert ordinals_by_section(doc) is groups  # computed once per Document


# Text made of what ordinals are built from and what may stand before them.
ORDINAL_TEXT = st.text(
    alphabet=st.sampled_from(list("一二三四五六十两是第其首先次再，,、：:。；“（\n\u3000 统x1")),
    max_size=60,
)
# What a lookbehind in front of the patterns would accept: the definition clause_matches
# stands for.
LOOKBEHIND = r"(?:^|(?<=[\s\u3000\u00a0。；;，,：:！!？?“\"‘（(、—…]))"


@settings(max_examples=300, deadline=None)
@given(ORDINAL_TEXT)
@example("统一是，一是，十二三是")
@example("x第一、\n第二，其三，")
@example("，十二是是，二是是，三十是：，首先其次，再次，")
def test_clause_matches_are_the_lookbehind_patterns_matches(text: str) -> None:
    starts = {_SHI: shi_starts, _DI: di_starts, _ORDER: order_starts}
    starts |= {_DI_MARK: di_starts, _SHI_MARK: shi_starts}
    for pattern, where in starts.items():
        reference = re.compile(LOOKBEHIND + pattern.pattern, re.M)
        want = [(m.span(), m.groups()) for m in reference.finditer(text)]
        assert [(m.span(), m.groups()) for m in clause_matches(pattern, text)] == want
        # tried only where a literal says the pattern can match: the same matches
        got = [(m.span(), m.groups()) for m in clause_matches(pattern, text, where(text))]
        assert got == want
