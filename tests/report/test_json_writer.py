"""The JSON writers spell each finding out directly (lint.report.diagnostic_json): they must
give exactly what json.dumps gives for Diagnostic.to_json, whatever the finding holds."""

from __future__ import annotations

import dataclasses
import json
from json.encoder import encode_basestring as _string

from hypothesis import example, given
from hypothesis import strategies as st

from lint.model import Diagnostic, Edit, Fix
from lint.printable import path_name
from lint.report import (
    BATCH,
    JsonLayout,
    diagnostic_json,
    gitlab,
    indented_json,
    json_items,
    json_list,
    sarif,
)
from tests.report._strategies import diagnostics, texts


@given(diagnostics, st.integers(min_value=0, max_value=4))
def test_indented_writer_is_json_dumps_with_indent(d: Diagnostic, level: int) -> None:
    assert diagnostic_json(d, JsonLayout(level, indented=True)) == indented_json(d.to_json(), level)
    if level == 0:
        assert diagnostic_json(d, JsonLayout(0, indented=True)) == json.dumps(
            d.to_json(), ensure_ascii=False, indent=2
        )


@given(diagnostics)
def test_one_line_writer_is_json_dumps(d: Diagnostic) -> None:
    assert diagnostic_json(d, JsonLayout(0, indented=False)) == json.dumps(
        d.to_json(), ensure_ascii=False
    )


def test_a_fix_with_more_edits_than_positions_and_none_at_all() -> None:
    d = Diagnostic("a.txt", 0, 1, 1, 1, 1, 2, "PU102", "n", "c", "warning", "m", "，")
    for fix in (
        Fix((Edit(0, 1, "，"), Edit(3, 4, "")), "unsafe"),
        Fix((), "safe"),
    ):
        d.fix, d.edit_positions = fix, ((1, 1, 1, 2),)
        for level in (0, 1, 3):
            layout = JsonLayout(level, indented=True)
            assert diagnostic_json(d, layout) == indented_json(d.to_json(), level)


@given(st.lists(st.text(max_size=3), max_size=600), st.integers(min_value=0, max_value=3))
def test_items_in_pieces_are_the_list(items: list[str], level: int) -> None:
    written = [indented_json(item, level + 1) for item in items]
    assert "".join(json_items(written, level)) == "".join(json_list(items, level))


def test_items_across_piece_boundaries() -> None:
    for n in (0, 1, BATCH - 1, BATCH, BATCH + 1, 2 * BATCH + 1):
        items = [f"第{i}项" for i in range(n)]
        written = [indented_json(item, 2) for item in items]
        pieces = list(json_items(written, 1))
        assert len(pieces) == -(-n // BATCH) + 1  # a piece per BATCH items, then the close
        assert "".join(pieces) == "".join(json_list(items, 1))


@given(diagnostics, st.integers(min_value=0, max_value=400), texts)
@example(  # found: a lone surrogate in a path, which only path_name makes writable
    Diagnostic("\ud800", 0, 1, 1, 1, 1, 2, "PU102", "n", "c", "warning", "m"), 0, ""
)
def test_sarif_result_writer_is_indented_json(d: Diagnostic, index: int, fp: str) -> None:
    # Reports get paths as lint.printable.path_name gives them (no lone surrogates, which
    # a URI cannot carry).
    for path in ("草稿.txt", "/elsewhere/a b.txt", path_name(d.path)):
        location = indented_json(sarif.artifact_location(path), 8)
        assert sarif.result_json(d, index, fp, location) == indented_json(
            sarif.result(dataclasses.replace(d, path=path), index, fp), 4
        )


@given(diagnostics, texts)
def test_gitlab_issue_writer_is_indented_json(d: Diagnostic, fp: str) -> None:
    path = _string(gitlab.report_path(d.path))
    assert gitlab.issue_json(d, fp, path) == indented_json(gitlab.issue(d, fp), 1)
