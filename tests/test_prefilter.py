"""Anchors read from patterns, and the lines a pattern is run on: always the same matches."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lint import prefilter
from lint.checks import RunContext
from lint.checks.textmatch import TextMatchCheck
from lint.document import Document
from lint.engine import Engine
from lint.prefilter import anchors
from lint.ruleset import load_ruleset
from lint.segment import Segmenter
from tests.conftest import SEED

DAY = dt.date(2026, 11, 26)
ENGINE = Engine(load_ruleset())
CHECKS = [c for c in ENGINE.checks if isinstance(c, TextMatchCheck)]
PATTERNS = [
    (chk, rule, i, pat)
    for chk in CHECKS
    for rule in chk.rules
    for i, pat in enumerate(chk.compiled[rule.code].patterns)
]


def _read(pattern: str, flags: int = 0) -> tuple[set[str], bool] | None:
    found = anchors(pattern, flags)
    return None if found is None else (set(found.strings), found.one_line)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (
            "小编|本站(?:为|给)(?:大家|您)|本栏目",
            ({"小编", "本站为大家", "本站为您", "本站给大家", "本站给您", "本栏目"}, True),
        ),
        # `\s` takes in a line break: the pattern may reach past its line
        (r"(?:发布时间|阅读量)\s*[:：]", ({"布时间", "阅读量"}, False)),
        (r"(?m)^[ \t\u3000]*(?:上一篇|下一篇)[ \t\r]*$", ({"上一篇", "下一篇"}, True)),
        # a `$` that is not per line, and \A, look at the whole text
        (r"上一篇$", ({"上一篇"}, False)),
        (r"\A标题", ({"标题"}, False)),
        # a back reference matches what its group matched: its strings follow the group's
        (r"([；：])\1+", ({"；；", "：：", "；：", "：；"}, True)),
        # regex syntax read for its shape: \p{Han} is one character and no line break
        (r"(?<=\p{Han})巡视(?=\p{Han})", ({"巡视"}, True)),
        # searched from a character that is not common (公 is not, 全 is)
        ("全面建成小康社会", ({"面建成小康社会"}, True)),
    ],
)
def test_anchors_of_a_pattern(pattern: str, expected: tuple[set[str], bool]) -> None:
    assert _read(pattern) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r"[\u4e00-\u9fff]+",  # no literal at all
        r"a|\d+",  # one branch has none
        r"(?:abc){e<=1}",  # fuzzy matching: read differently by the standard parser
        r"[[:alpha:]]+abc",  # a POSIX class
        r"\p{Lu}abc",  # another property
    ],
)
def test_patterns_without_anchors(pattern: str) -> None:
    assert anchors(pattern) is None


def test_ignore_case_patterns_are_read() -> None:
    found = anchors("abcd")
    assert found is not None
    assert (found.strings, found.one_line) == ({"abcd"}, True)
    # looked up by one letter in each of its cases, never in the one case-sensitive scan
    found = anchors("abcd", regex.IGNORECASE)
    assert found is not None
    assert (found.strings, found.finds) == (set(), {"b", "B"})


@pytest.mark.parametrize(
    ("pattern", "strings", "commons", "finds"),
    [
        ("，", set(), set(), {"，"}),  # one character: looked up alone
        (r"(?<=\d)\*+(?=\p{Han})", set(), set(), {"*"}),
        ("全面", set(), set(), {"全面"}),  # only common characters
        # a pair of marks (、、) is found with all others, a rare tail (查看) in the one scan
        (r"、、|查看", {"查看"}, {"、、"}, set()),
    ],
)
def test_where_anchors_are_searched_for(
    pattern: str, strings: set[str], commons: set[str], finds: set[str]
) -> None:
    found = anchors(pattern)
    assert found is not None
    assert (found.strings, found.commons, found.finds) == (strings, commons, finds)


def test_anchors_that_cannot_narrow_anything_down() -> None:
    # nine common characters, each looked up alone: nine passes over the text
    assert anchors("|".join("，、。的和发国展化")) is None
    # runs of blanks
    assert anchors(r"(?<=\d)(?:  |\u3000\u3000)(?=万元)") is None


def test_the_rarest_anchors_are_chosen() -> None:
    # province names are everywhere in official prose, a half-width colon is not
    found = anchors(r"\d{1,2}:\d{2}[ \t]+(?:北京|上海|广东|浙江)")
    assert found is not None
    assert found.finds == {":"}


@pytest.mark.parametrize(
    ("pattern", "starts_on_line"),
    [
        # `\s` after the anchor may run onto the next lines, but a match starts on its line
        (r"(?:发布时间|阅读量)\s*[:：]", True),
        (r"(?:点击|阅读)(?:量|数)?\s*[:：]\s*\d+\s*次", True),
        # lookarounds look at other lines, they consume nothing before the anchor
        (r"(?<=\n[ \t]*)上一篇\s*[:：](?![^\n]*\n其他)", True),
        # what is consumed before the anchor may hold a line break
        (r"[（(]\s*请填写", False),
        (r"\s*上一篇", False),
        # an anchor holding a line break
        ("上一篇\n下一篇", False),
        # a match may be empty, or reported from after \K
        (r"(?:上一篇)?", None),
        (r"上一篇\s*\K[:：]", False),
        # the first repetition holds the anchor
        (r"(?:上一篇\s*)+", True),
        (r"(?:\s*上一篇)+", False),
        # each branch's own prefix counts
        (r"(?:上一篇|下一篇\s*)", True),
        (r"(?:上一篇|\s*下一篇)", False),
        (r"(?:甲|\s)上一篇", False),
    ],
)
def test_matches_that_start_on_the_line_of_their_anchor(
    pattern: str, starts_on_line: bool | None
) -> None:
    found = anchors(pattern)
    if starts_on_line is None:
        assert found is None or not found.starts_on_line
    else:
        assert found is not None
        assert found.starts_on_line is starts_on_line


def test_most_slow_patterns_of_the_bundled_rules_have_anchors() -> None:
    read = [pat for _chk, _rule, _i, pat in PATTERNS if anchors(pat.pattern, pat.flags)]
    assert len(read) >= 60


def _texts() -> list[str]:
    examples = [ex.text for rule in ENGINE.rules for ex in (*rule.bad, *rule.good)]
    seed = SEED.read_text(encoding="utf-8") if SEED.exists() else ""
    base = "\n".join(examples) + "\n" + seed
    return [base, base.replace("\n", "\r\n"), base.replace("\n", "\r")]


def _spans(chk: TextMatchCheck, doc: Document, prefiltered: bool) -> list[tuple[str, int, int]]:
    ctx = RunContext(DAY, frozenset(r.code for r in chk.rules), Segmenter())
    if not prefiltered:
        index, chk._index = chk._index, type(chk._index)({})
    try:
        return sorted((r.code, s, e) for r, found in chk._candidates(doc, ctx) for s, e, _ in found)
    finally:
        if not prefiltered:
            chk._index = index


@pytest.fixture(autouse=True)
def _lines_always(monkeypatch: pytest.MonkeyPatch) -> None:
    # search line by line whenever a pattern allows it, however many lines hold an anchor
    monkeypatch.setattr(prefilter, "LINE_SHARE", 1)
    monkeypatch.setattr(prefilter, "TEXT_SHARE", 1)


@pytest.mark.parametrize("variant", ["LF", "CRLF", "CR"])
def test_prefiltered_scans_find_exactly_what_whole_text_scans_find(variant: str) -> None:
    text = _texts()[["LF", "CRLF", "CR"].index(variant)]
    doc = Document("d.txt", text)
    for chk in CHECKS:
        assert _spans(chk, doc, True) == _spans(chk, doc, False)


LINES = [line for text in _texts()[:1] for line in text.split("\n") if line.strip()]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=30), st.sampled_from(["\n", "\r\n", "\r", ""]))
@example(["发布时间：2026-11-26", "上一篇"], "\n")
def test_prefiltered_scans_on_mixed_lines(lines: list[str], sep: str) -> None:
    doc = Document("d.txt", sep.join(lines) + "\n正文。")
    for chk in CHECKS:
        assert _spans(chk, doc, True) == _spans(chk, doc, False)


def _pieces() -> list[str]:
    """What generated texts are made of: every anchor of every bundled pattern, and the
    characters around which patterns turn (line breaks, blanks, punctuation, digits)."""
    words: set[str] = set()
    for chk in CHECKS:
        for found in chk._index.anchors.values():
            words |= found.strings | found.finds | found.commons
    marks = "\n\r \t\u3000：:，,。.、；;！!？?（）()【】[]〔〕“”\"'*_＿×XxN-—▲△↓"
    return sorted(words) + list(marks) + ["12", "2026", "次", "篇", "年", "月", "万元", "人"]


PIECES = _pieces()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=80))
@example(["阅读", "\n", "：", "\n", "12", "次"])
@example(["上一篇", " ", "\r\n", "：", "下一篇", "\n", "：", "\n"])
@example(["阅读", "：", "阅读", "\n", "：", "12", "次", "\n", "阅读", "：", "3", "次"])
def test_every_bundled_pattern_finds_the_same_on_generated_text(pieces: list[str]) -> None:
    # anchors packed densely, with line breaks anywhere: matches that run across lines, start
    # on a line an earlier match ended on, or hold several anchors
    doc = Document("d.txt", "".join(pieces))
    for chk in CHECKS:
        assert _candidates(chk, doc, True) == _candidates(chk, doc, False)


def _candidates(
    chk: TextMatchCheck, doc: Document, prefiltered: bool
) -> list[tuple[str, int, int, object]]:
    """The candidates in the order the check yields them (the order findings are made in)."""
    ctx = RunContext(DAY, frozenset(r.code for r in chk.rules), Segmenter())
    if not prefiltered:
        index, chk._index = chk._index, type(chk._index)({})
    try:
        out = []
        for r, found in chk._candidates(doc, ctx):
            if r.code in chk._single:
                # run() takes such a batch without looking for spans it has seen: each comes
                # once, in text order, and none is empty
                assert all(e > s for s, e, _ in found)
                assert all(a[0] < b[0] for a, b in itertools.pairwise(found))
            out += [(r.code, s, e, repl) for s, e, repl in found]
        return out
    finally:
        if not prefiltered:
            chk._index = index


def test_a_lookup_on_too_many_lines_scans_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prefilter, "LINE_SHARE", 8)
    index = prefilter.PatternIndex({"k": regex.compile(r"[×＊]\s*[0-9]")})
    text = "甲×\n1\n" * 20
    starts = Document("d.txt", text).line_starts
    windows, _ = index.windows("k", prefilter.Located(text, starts, {}), len(text))
    assert windows is None
    few = "乙\n" * 40 + text[:5]
    starts = Document("d.txt", few).line_starts
    windows, first = index.windows("k", prefilter.Located(few, starts, {}), len(few))
    assert windows == [(80, 82)]
    assert first is not None
    assert [m.span() for m in regex.finditer(r"[×＊]\s*[0-9]", few)] == [(81, 84)]


# Every code point but the surrogates, which a str cannot hold alone in regex searches.
EVERY = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


def test_case_variants_are_what_regex_matches_ignoring_case() -> None:
    flags = regex.IGNORECASE | regex.V0
    # no character outside those listed matches a listed one
    letters = "".join(chr(c) for c in range(ord("a"), ord("z") + 1))
    listed = set(letters + letters.upper()) | set("\u0130\u0131\u212a\u017f")
    assert set(regex.findall("[A-Za-z]", EVERY, flags)) == listed
    ranges = "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in prefilter.CASELESS)
    caseless = set(regex.findall(f"[{ranges}]", EVERY, flags))
    assert caseless == {chr(c) for lo, hi in prefilter.CASELESS for c in range(lo, hi + 1)}
    # a letter matches only variants listed for it (it may be listed with a few more: i and
    # I each match one of the dotted and dotless i); the rest has no case at all
    for ch in letters + letters.upper():
        variants = prefilter.case_variants(ch)
        assert variants is not None
        assert set(regex.findall(ch, EVERY, flags)) <= variants
    for ch in caseless:
        assert ch.lower() == ch.upper() == ch
        assert prefilter.case_variants(ch) == {ch}


@pytest.mark.parametrize(
    ("pattern", "finds"),
    [
        ("(?i)icp备", {"c", "C"}),  # letters are rare in official prose (GDP: p less so)
        ("(?i)©", {"©"}),
        (r"(?i)<p\s*>", {"<"}),
        ("(?i)s1", {"s", "S", "\u017f"}),
        ("(?i)ik", {"k", "K", "\u212a"}),
    ],
)
def test_ignore_case_patterns_look_up_every_case(pattern: str, finds: set[str]) -> None:
    found = anchors(pattern)
    assert found is not None
    assert not found.strings and found.finds == finds


def test_case_insensitive_groups_are_not_read_as_written() -> None:
    found = anchors("(?i:abc)d")
    assert found is not None
    assert found.finds == {"d"}
    assert anchors("(?i:abcd)") is None


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="ICPicpı\u0130\u212a\u017fkKsS备案号©() \n", max_size=40))
@example("icp备\nCOPYRIGHT ©")
def test_ignore_case_rules_find_the_same_on_generated_text(text: str) -> None:
    doc = Document("d.txt", text + "\n技术支持：某某\nAll rights reserved")
    for chk in CHECKS:
        assert _candidates(chk, doc, True) == _candidates(chk, doc, False)


def test_pairs_of_marks_are_found_once_for_all_checks() -> None:
    assert prefilter.pair_offsets("甲，，。乙、；丙。") == [1, 2, 5]
    located = prefilter.Located("甲，，。乙", [0], {}, lambda: [1, 2])
    assert located.common("，，") == [1]
    assert located.common("，。") == [2]
    assert located.common("，，。") == [1]
