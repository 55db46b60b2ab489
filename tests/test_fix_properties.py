"""Properties of lint.fix on generated drafts: edits touch nothing outside their ranges,
fixing is idempotent, and files round-trip through every supported encoding and line end."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lint.document import Document
from lint.engine import Engine
from lint.fix import apply_edits, choose_edits, collect_edits, fix_document, fix_path, fix_text
from lint.model import Edit
from lint.profile import Profile
from lint.ruleset import parse_rules

RULES_FILE = Path(__file__).parent / "fixtures" / "fix" / "rules.yaml"
ENGINE = Engine(parse_rules(RULES_FILE.read_text(encoding="utf-8"), str(RULES_FILE)))
DAY = dt.date(2026, 11, 26)

# Pieces that trigger the fixture rules (line and to-end deletions, a banner, overlapping
# and duplicate replacements, an unsafe one) mixed with ordinary text and blanks.
TRIGGERS = [
    "【广告】",
    "【横幅】",
    "推荐阅读",
    "甲",
    "乙",
    "丁",
    "甲乙",
    "乙丁",
    "旧提法",
    "\u00a0",
]
PLAIN = st.text(
    alphabet=st.sampled_from("正文标题各单位要求，。：、（）12 \u3000\tab*"), min_size=1, max_size=4
)
LINE = st.lists(st.sampled_from(TRIGGERS) | PLAIN, max_size=5).map("".join)
NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def drafts(draw: st.DrawFn) -> str:
    lines = draw(st.lists(LINE | st.just(""), max_size=10))
    nl = draw(NEWLINES)
    return nl.join(lines) + (nl if lines and draw(st.booleans()) else "")


def _conflict(a: Edit, b: Edit) -> bool:
    if a.start < b.end and b.start < a.end:
        return True
    return a.start == b.start and (a.start == a.end or b.start == b.end)


def _assert_only_edit_ranges_changed(text: str, edits: list[Edit], new: str) -> None:
    """Every character outside the edits is in `new` at its shifted place; each
    replacement sits where its range was; nothing else was added."""
    shift = 0
    pos = 0  # next original index to check
    for e in edits:
        for i in range(pos, e.start):
            assert new[i + shift] == text[i], (i, text, new)
        assert new[e.start + shift : e.start + shift + len(e.replacement)] == e.replacement
        shift += len(e.replacement) - (e.end - e.start)
        pos = e.end
    for i in range(pos, len(text)):
        assert new[i + shift] == text[i], (i, text, new)
    assert len(new) == len(text) + shift


@settings(max_examples=200, deadline=None)
@given(text=drafts(), unsafe=st.booleans(), data=st.data())
def test_one_round_changes_only_the_chosen_edit_ranges(
    text: str, unsafe: bool, data: st.DataObject
) -> None:
    doc = Document(path="draft.txt", text=text)
    reported = collect_edits(ENGINE.check(doc, DAY).diagnostics, unsafe)
    chosen = choose_edits(reported)
    # a subset of what the diagnostics report, sorted and pairwise compatible
    assert set(chosen) <= set(reported)
    assert chosen == sorted(chosen, key=lambda e: (e.start, e.end, e.replacement))
    for a, b in itertools.pairwise(chosen):
        assert not _conflict(a, b)
    # maximal: an edit is left out only because it conflicts with a chosen one
    for e in set(reported) - set(chosen):
        assert any(_conflict(e, c) for c in chosen)
    # deterministic whatever order the rules reported them in
    assert choose_edits(data.draw(st.permutations(reported))) == chosen
    _assert_only_edit_ranges_changed(text, chosen, apply_edits(text, chosen))


@settings(max_examples=150, deadline=None)
@given(text=drafts(), unsafe=st.booleans(), markdown=st.booleans())
def test_every_round_changes_only_its_edit_ranges_and_fixing_is_idempotent(
    text: str, unsafe: bool, markdown: bool
) -> None:
    kind = "markdown" if markdown else "text"
    outcome = fix_text(text, ENGINE, DAY, unsafe=unsafe, path="draft.md", kind=kind)
    assert outcome.converged
    assert not collect_edits(outcome.diagnostics, unsafe)
    current = text
    for edits in outcome.history:
        new = apply_edits(current, edits)
        _assert_only_edit_ranges_changed(current, edits, new)
        current = new
    assert current == outcome.text
    again = fix_text(outcome.text, ENGINE, DAY, unsafe=unsafe, path="draft.md", kind=kind)
    assert not again.changed
    assert again.applied == 0


@settings(max_examples=300, deadline=None)
@given(text=drafts())
def test_deletions_never_leave_a_run_of_blank_lines(text: str) -> None:
    """Where residue was removed, at most the one blank line that separated it remains."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assume(all(line.strip(" \t\u3000\u00a0") for line in lines[:-1]))  # no blank lines before
    outcome = fix_document(Document(path="d.txt", text=text), ENGINE, DAY)
    fixed = outcome.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # residue lines in a draft without blank lines vanish without leaving blank lines
    assert all(line.strip(" \t\u3000") for line in fixed[:-1])


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "gb18030"]
# Anything a draft may hold: CJK, full-width forms, Latin, symbols, rare planes (GB18030
# four-byte sequences, UTF-16 surrogate pairs); no control characters or line breaks.
ANY_TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_categories=["Cc", "Cs", "Zl", "Zp"],
        exclude_characters="\x85\u2028\u2029\ufeff",
    ),
    max_size=6,
)


@st.composite
def encoded_drafts(draw: st.DrawFn) -> tuple[str, str, str]:
    parts = draw(st.lists(st.lists(st.sampled_from(TRIGGERS) | ANY_TEXT, max_size=4), max_size=8))
    nl = draw(NEWLINES)
    text = nl.join("".join(p) for p in parts)
    if parts and draw(st.booleans()):
        text += nl
    return text, nl, draw(st.sampled_from(ENCODINGS))


def _breaks(text: str) -> set[str]:
    out = set()
    i = 0
    while i < len(text):
        if text.startswith("\r\n", i):
            out.add("\r\n")
            i += 2
            continue
        if text[i] in "\r\n":
            out.add(text[i])
        i += 1
    return out


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(draft=encoded_drafts(), unsafe=st.booleans())
def test_files_round_trip_encoding_bom_line_ends_and_mode(
    draft: tuple[str, str, str], unsafe: bool
) -> None:
    text, nl, encoding = draft
    data = text.encode(encoding)
    if encoding == "gb18030":
        # Such bytes are read as UTF-8 first (by design); not a GB18030 round trip.
        with contextlib.suppress(UnicodeDecodeError):
            assume(data.decode("utf-8") == text)
    expected = fix_text(text, ENGINE, DAY, unsafe=unsafe).text
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "draft.txt")
        with open(path, "wb") as fh:
            fh.write(data)
        os.chmod(path, 0o604)
        before = os.stat(path)
        ff = fix_path(path, ENGINE, Profile(as_of=DAY), DAY, unsafe=unsafe)
        # text that starts like a PDF or PNG signature is refused as binary, by design
        assume(not (ff.result.error and "binary" in ff.result.error))
        assert ff.result.error is None
        with open(path, "rb") as fh:
            written = fh.read()
        after = os.stat(path)
        assert written == expected.encode(encoding)
        assert _breaks(expected) <= {nl}
        assert after.st_mode == before.st_mode
        assert ff.written == (expected != text)
        if expected == text:
            assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
        assert os.listdir(folder) == ["draft.txt"]
