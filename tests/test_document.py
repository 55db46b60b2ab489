"""Document: the line index."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from lint.document import Document


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab\n\r\u3000")), max_size=40))
@example("a\r\nb\rc\n\nd")
@example("\n")
def test_lines_are_those_every_line_break_makes(text: str) -> None:
    # The definition: CRLF, a lone CR and LF each end a line (LF-only text is indexed from
    # the literal LF, the rest with the alternation).
    starts, ends = [0], []
    for m in re.finditer(r"\r\n|\r|\n", text):
        ends.append(m.start())
        starts.append(m.end())
    ends.append(len(text))
    doc = Document("d.txt", text)
    assert (doc.line_starts, doc.line_ends) == (starts, ends)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab。！？!?；;\n\r，")), max_size=60),
    st.data(),
    st.integers(1, 12),
)
@example("a。b", None, 400)
def test_a_sentence_starts_after_the_last_sentence_end_before_it(
    text: str, data: st.DataObject | None, limit: int
) -> None:
    # The definition: after the last of 。！？!?；; or a line break before `start`, at most
    # `limit` characters back (a find per character, as it was written first).
    doc = Document("d.txt", text)
    starts = range(len(text) + 1) if data is None else [data.draw(st.integers(0, len(text)))]
    for start in starts:
        lo = max(0, start - limit)
        want = max(max(text.rfind(ch, lo, start) for ch in "。！？!?；;\n\r") + 1, lo)
        assert doc.sentence_span(start, start, limit)[0] == want
