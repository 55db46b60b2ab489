"""Property tests over arbitrary text: nothing raises, every span lies inside the text, and
offsets and line/column positions round-trip (issue 7).

Text comes from three sources mixed together: any code point (surrogates and control
characters included), an alphabet weighted towards what the rules look for (placeholders,
numbering, quotes, brackets, `*`, mixed line ends, NBSP, U+3000), and fragments of the real
seed page. Example counts are bounded so that the module runs in seconds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lint.checks import RunContext, kind_class, known_kinds
from lint.document import Document
from lint.engine import Engine
from lint.model import ReportlintError
from lint.rule import Rule
from lint.ruleset import load_ruleset
from lint.segment import Segmenter
from lint.sources import document_from_bytes
from lint.sources.markdown import markdown_document
from lint.sources.text import BOM_GB18030, decode_bytes

DAY = dt.date(2026, 11, 26)
SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "seed"
RULES = list(load_ruleset())
ENGINE = Engine(RULES)
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_SPECIAL = (
    "*×XxＸ○□某一二三四五六七八九十是第（）()【】〔〕《》“”‘’\"'、，。；：！？,.;:!?"
    "年月日号同志党的十九大二十精神全面建成小康社会学习贯彻落实"
    "0123456789０１２３①②③ \t\u3000\u00a0\u200b\ufeff#->`_[]{}<>\\"
)


def _fragments() -> list[str]:
    try:
        text = next(SEED.glob("*.txt")).read_text(encoding="utf-8")
    except (StopIteration, OSError):
        return ["会议于*月*日召开。", "一、总体要求", "（一）工作目标", "1.加强领导"]
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return [ln[i : i + 40] for ln in lines[:80] for i in range(0, min(len(ln), 120), 40)]


FRAGMENTS = _fragments()
NEWLINE = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\u2028"])
PIECE = st.one_of(
    # any code point: hypothesis leaves out lone surrogates unless asked
    st.text(alphabet=st.characters(exclude_categories=()), max_size=12),
    st.text(alphabet=st.sampled_from(_SPECIAL), max_size=20),
    st.sampled_from(FRAGMENTS),
    NEWLINE,
)
TEXT = st.lists(PIECE, max_size=25).map("".join)


def _assert_span(text: str, start: int, end: int, what: object) -> None:
    assert 0 <= start <= end <= len(text), (what, start, end, len(text))


def _assert_document(doc: Document) -> None:
    n = len(doc.text)
    assert len(doc.scan_text) == n
    assert doc.line_starts[0] == 0
    assert len(doc.line_starts) == len(doc.line_ends)
    for s, e in zip(doc.line_starts, doc.line_ends, strict=True):
        assert 0 <= s <= e <= n
    # Every offset (the end of the text included) maps to a line/column and back.
    for offset in range(n + 1):
        line, col = doc.position(offset)
        assert line >= 1 and col >= 1
        assert doc.offset(line, col) == offset


# --- readers ----------------------------------------------------------------------------------


@FAST
@given(st.binary(max_size=300), st.sampled_from(["a.txt", "a.md", "a.docx"]))
def test_reader_never_raises_anything_but_a_named_error(data: bytes, name: str) -> None:
    try:
        doc, _decoded = document_from_bytes(data, name)
    except ReportlintError as exc:
        assert name in str(exc)
        return
    _assert_document(doc)


@FAST
@given(TEXT, st.sampled_from(["utf-8", "gb18030", "utf-16-le"]), st.booleans())
# found: a leading U+FEFF without a BOM reads as the BOM itself
@example("\ufeff正文", "utf-8", False)
# found: short GB18030 text with a BOM whose bytes also pass as UTF-8 (一一 is D2BB D2BB)
@example("一一", "gb18030", True)
def test_decoding_round_trips_what_was_encoded(text: str, codec: str, bom: bool) -> None:
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        return  # lone surrogates have no encoding
    if bom:
        data = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "gb18030": BOM_GB18030}[
            codec
        ] + data
    try:
        decoded = decode_bytes(data, "x.txt")
    except ReportlintError as exc:
        assert "x.txt" in str(exc)
        return
    if codec == "utf-8" or bom:
        # A leading U+FEFF without a BOM before it reads as the BOM itself.
        lost_bom = not bom and codec == "utf-8" and text.startswith("\ufeff")
        assert decoded.text == (text[1:] if lost_bom else text)


@FAST
@given(TEXT)
# found: a lone CR is scanned as LF (CR-only files lint like LF ones), still a line break
@example("\r")
def test_markdown_masking_keeps_length_and_line_breaks(text: str) -> None:
    doc = markdown_document(text, "a.md")
    _assert_document(doc)
    for i, ch in enumerate(doc.text):
        if ch == "\n":
            assert doc.scan_text[i] == ch
        elif ch == "\r":
            assert doc.scan_text[i] in "\r\n"
    for start, end, _codes in doc.disabled:
        _assert_span(doc.text, start, end, "disabled range")


# --- document positions -----------------------------------------------------------------------


@FAST
@given(TEXT, st.data())
def test_positions_round_trip(text: str, data: st.DataObject) -> None:
    doc = Document("a.txt", text)
    _assert_document(doc)
    n = len(text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    assert doc.span_position(start, end) == (
        *doc.position(start),
        *doc.end_position(start, end),
    )
    s, e = doc.sentence_span(start, end)
    assert 0 <= s <= start and end <= e <= n


RANGES = st.lists(
    st.tuples(
        st.integers(0, 60),
        st.integers(0, 30),
        st.none() | st.frozensets(st.sampled_from(["PU", "PU102", "RS", "ZZ"]), max_size=2),
    ),
    max_size=12,
)


@FAST
@given(RANGES, st.integers(0, 99), st.sampled_from(["PU102", "RS101", "ZZ9"]))
def test_disabled_lookup_matches_a_plain_scan(
    ranges: list[tuple[int, int, frozenset[str] | None]], offset: int, code: str
) -> None:
    doc = Document("a.md", "x" * 100)
    doc.disabled = [(s, s + n, codes) for s, n, codes in ranges]
    plain = any(
        s <= offset < e and (codes is None or any(code.startswith(c) for c in codes))
        for s, e, codes in doc.disabled
    )
    assert doc.is_disabled(code, offset) == plain
    doc.disabled.append((0, 100, None))  # a changed list is indexed again
    assert doc.is_disabled(code, offset)


# --- the structure pass -----------------------------------------------------------------------


@FAST
@given(TEXT)
def test_structure_pass(text: str) -> None:
    structure = pytest.importorskip("lint.structure")
    doc = Document("a.txt", text)
    st_ = structure.structure(doc)
    for item in st_.items:
        assert 0 <= item.line < doc.line_count
    for heading in st_.headings:
        m = heading.marker
        _assert_span(text, m.start, m.end, heading)
        _assert_span(text, heading.text_start, heading.line_end, heading)
        _assert_span(text, m.start, heading.title_end, heading)
        assert heading.section_end <= len(text)
        assert heading in heading.series


# --- every check kind -------------------------------------------------------------------------

KINDS = known_kinds()


def _rules_of(kind: str) -> list[Rule]:
    return [r for r in RULES if r.kind == kind]


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_default_rules_to_fuzz(kind: str) -> None:
    # A kind without default rules would be fuzzed with nothing: say so instead.
    if not _rules_of(kind):
        pytest.skip(f"no default rules of kind {kind!r}")


@pytest.mark.parametrize("kind", KINDS)
@FAST
@given(text=TEXT, markdown=st.booleans())
def test_check_kind_on_arbitrary_text(kind: str, text: str, markdown: bool) -> None:
    rules = _rules_of(kind)
    if not rules:
        return
    check = kind_class(kind)(rules)
    doc = markdown_document(text, "a.md") if markdown else Document("a.txt", text)
    ctx = RunContext(as_of=DAY, active=frozenset(r.code for r in rules), segmenter=ENGINE.segmenter)
    for f in check.run(doc, ctx):
        _assert_span(text, f.start, f.end, f.rule.code)
        if f.fix is not None:
            for edit in f.fix.edits:
                _assert_span(text, edit.start, edit.end, f.rule.code)
    assert not ctx.problems, ctx.problems


@FAST
@given(TEXT, st.sampled_from([DAY, dt.date(2012, 1, 1), dt.date(2019, 6, 1)]))
# found: PH107 matched empty brackets across a line break, putting the break in its message
@example("请于（\n）前报送", DAY)
@example("请于（\r）前报送", DAY)
def test_engine_diagnostics_lie_inside_the_text_and_point_at_their_offsets(
    text: str, day: dt.date
) -> None:
    doc = Document("a.txt", text)
    result = ENGINE.check(doc, day)
    assert not result.problems, result.problems
    for d in result.diagnostics:
        _assert_span(text, d.start, d.end, d.code)
        assert doc.offset(d.line, d.column) == d.start
        assert (d.end_line, d.end_column) == doc.end_position(d.start, d.end)
        assert d.text == text[d.start : d.end]
        assert "\n" not in d.message
        # Edit positions are computed with the span's own bisection when they coincide.
        edits = d.fix.edits if d.fix is not None else ()
        assert d.edit_positions == tuple(
            (*doc.position(e.start), *doc.position(e.end)) for e in edits
        )
    assert result.diagnostics == sorted(result.diagnostics, key=lambda d: d.sort_key())
    # Sorting by offsets (SORT_KEY) is sorting by positions, as every report shows them.
    by_position = sorted(
        result.diagnostics,
        key=lambda d: (d.path, d.line, d.column, d.code, d.end_line, d.end_column),
    )
    assert result.diagnostics == by_position


def test_segmenter_boundaries_on_odd_text() -> None:
    seg = Segmenter()
    for s in ("", "\ud800\udfff", "a\x00b", "的的的的", "\u3000 \t", "C919大飞机2025年"):
        cuts = seg.boundaries(s)
        assert 0 in cuts and len(s) in cuts
        assert all(0 <= c <= len(s) for c in cuts)


# --- the command line ----------------------------------------------------------------------


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(st.binary(max_size=400), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))),
    st.sampled_from(["draft.txt", "draft.md", "draft.docx"]),
    st.sampled_from([[], ["--format", "json"], ["--format", "full"], ["--diff"]]),
)
def test_command_line_on_arbitrary_bytes(data: bytes, name: str, extra: list[str]) -> None:
    import contextlib
    import io
    import tempfile

    from lint.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = main(["--isolated", "--as-of", "2026-11-26", *extra, str(path)])
    assert rc in (0, 1, 2), (rc, err.getvalue())
    if rc == 2:
        lines = err.getvalue().splitlines()
        assert lines and all(line.startswith("reportlint") for line in lines), lines
        assert any(name in line for line in lines), lines


# --- the fixer --------------------------------------------------------------------------------


@FAST
@given(TEXT, st.booleans())
def test_fixer_never_raises_and_converges_or_says_so(text: str, unsafe: bool) -> None:
    fix = pytest.importorskip("lint.fix")
    outcome = fix.fix_text(text, ENGINE, DAY, unsafe=unsafe, path="a.txt")
    assert isinstance(outcome.text, str)
    for d in outcome.diagnostics:
        _assert_span(outcome.text, d.start, d.end, d.code)
    if outcome.converged and outcome.changed:
        again = fix.fix_text(outcome.text, ENGINE, DAY, unsafe=unsafe, path="a.txt")
        assert again.text == outcome.text


@pytest.mark.parametrize(("ci", "derandomized"), [("true", True), ("", False)])
def test_property_tests_are_derandomized_only_in_ci(ci: str, derandomized: bool) -> None:
    """CI=true: a fixed seed and no example database, so a clean clone never fails at random
    or on a case stored by an earlier run; locally the search stays random."""
    import os
    import subprocess
    import sys

    probe = (
        "import tests.conftest\n"
        "from hypothesis import settings\n"
        "s = settings.default\n"
        "print(s.derandomize, s.database is None)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = ci
    proc = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        check=True,
    )
    assert proc.stdout.split() == [str(derandomized), str(derandomized)]
