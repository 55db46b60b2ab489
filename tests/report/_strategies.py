"""Hypothesis strategies shared by the report-writer tests: findings holding anything."""

from __future__ import annotations

from hypothesis import strategies as st

from lint.model import Diagnostic, Edit, Fix

# Quotes, backslashes, controls, line breaks, bidi marks, lone surrogates and CJK text.
texts = st.text(
    alphabet=st.one_of(
        st.sampled_from('"\\\n\r\t\x00\x1b\u202e\u2028\ud800，。“”,'), st.characters()
    ),
    max_size=12,
)
ints = st.integers(min_value=0, max_value=10**7)
edits = st.builds(Edit, ints, ints, texts)
fixes = st.none() | st.builds(
    Fix, st.lists(edits, max_size=3).map(tuple), st.sampled_from(["safe", "unsafe"])
)
positions = st.lists(st.tuples(ints, ints, ints, ints), max_size=4).map(tuple)
diagnostics = st.builds(
    Diagnostic,
    path=texts,
    start=ints,
    end=ints,
    line=ints,
    column=ints,
    end_line=ints,
    end_column=ints,
    code=texts,
    name=texts,
    category=texts,
    severity=st.sampled_from(["error", "warning", "info"]) | texts,
    message=texts,
    suggestion=st.none() | texts,
    fix=fixes,
    text=texts,
    edit_positions=positions,
)
