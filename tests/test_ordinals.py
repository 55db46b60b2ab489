"""In-text ordinals, found once per Document and shared by the enumeration and declared-count
kinds."""

from __future__ import annotations

from lint.document import Document
from lint.ordinals import ordinals_by_section, runs, section_bounds


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
