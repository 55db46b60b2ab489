"""Writers that format findings in batches give exactly what their per-finding functions
give: GitHub annotations, the full format's widths and visible text, JUnit test cases."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from lint.model import Diagnostic
from lint.printable import printable_lines
from lint.report import ReportContext, github, junit
from lint.report import html as html_report
from lint.report.full import char_width, display_width
from tests.report._strategies import diagnostics, texts


@given(st.lists(diagnostics, max_size=5), st.integers(min_value=0, max_value=250))
def test_github_batches_are_line_for_of_each_finding(found: list[Diagnostic], copies: int) -> None:
    found = found * (copies // max(1, len(found)) + 1)  # across a piece boundary too
    pieces = github.chunks(found, ReportContext())
    assert "".join(pieces) == "".join(github.line_for(d) + "\n" for d in found)


@given(st.text())
def test_display_width_is_the_sum_of_character_widths(text: str) -> None:
    assert display_width(text) == sum(char_width(ch) for ch in text)


def test_every_ascii_character_is_one_column() -> None:
    assert all(char_width(chr(c)) == 1 for c in range(128))
    assert display_width("a\t\x1b") == 3 and display_width("今年a\u0301") == 5


def test_github_errors_follow_the_findings() -> None:
    ctx = ReportContext(errors=[("坏%文件.txt", "无法读取\n第二行")])
    assert "".join(github.chunks([], ctx)) == "::error file=坏%25文件.txt::无法读取%0A第二行\n"


@given(diagnostics, texts)
def test_junit_cases_are_the_element_tree_ones(d: Diagnostic, path: str) -> None:
    where = junit._attrib(junit._clean(path))
    assert junit.failure_case(path, d, where) == junit._failure(path, d)


@given(st.text(alphabet=st.one_of(st.sampled_from("&<>\"'\x1b\u202e\n"), st.characters())))
def test_html_escape_skips_only_text_without_special_characters(text: str) -> None:
    assert html_report.esc(text) == html.escape(printable_lines(text), quote=True)
