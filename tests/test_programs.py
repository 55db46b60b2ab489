"""lint.programs: pattern constants of the check modules are served from the engine cache."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import regex

from lint import programs

ROOT = Path(__file__).resolve().parent.parent


def test_serving_answers_from_the_programs_and_compiles_the_rest() -> None:
    known = regex.compile(r"(?P<y>\d{4})年", regex.V0)
    served: programs.Programs = {(r"(?P<y>\d{4})年", 0, int(regex.DEFAULT_VERSION)): known}
    real = regex.compile
    with programs.serving(served):
        assert regex.compile(r"(?P<y>\d{4})年") is known
        fresh = regex.compile("会议", regex.IGNORECASE)
        assert fresh.pattern == "会议" and fresh.flags & regex.IGNORECASE
        assert regex.compile("会议", regex.IGNORECASE) is fresh  # added, then served
        # Named lists are never served: they are compiled as usual.
        named = regex.compile(r"\L<words>", words=["甲", "乙"])
        assert named.search("丙乙") is not None
    assert regex.compile is real
    assert len(served) == 2


def test_serving_restores_regex_compile_after_an_error() -> None:
    real = regex.compile
    with pytest.raises(regex.error), programs.serving({}):
        regex.compile("(")
    assert regex.compile is real


# Counts `regex` compiles and `re` parses (re.compile and lint.programs.re_code both parse).
_RUN = """
import json, sys
import re, regex
from re import _parser
calls, re_calls = [], []
real, real_re = regex.compile, _parser.parse
def counting(pattern, flags=0, *args, **kwargs):
    calls.append(pattern)
    return real(pattern, flags, *args, **kwargs)
def counting_re(pattern, flags=0, *args):
    re_calls.append(pattern)
    return real_re(pattern, flags, *args)
regex.compile = counting
_parser.parse = counting_re
from lint.cli import main
try:
    main(["--as-of", "2026-11-26", "--quiet", sys.argv[1]])
except SystemExit:
    pass
print(json.dumps([len(calls), len(re_calls)]))
"""


def test_a_warm_start_compiles_next_to_no_patterns(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("关于XX工作的通知\n会议定于*月*日召开,请准时参加。\n", encoding="utf-8")
    env = {**os.environ, "REPORTLINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("REPORTLINT_NO_CACHE", None)

    def compiles() -> list[int]:
        proc = subprocess.run(
            [sys.executable, "-c", _RUN, str(draft)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=True,
        )
        counts: list[int] = json.loads(proc.stdout.splitlines()[-1])
        return counts

    first, first_re = compiles()
    warm, warm_re = compiles()
    assert first > 500  # every rule's patterns and every pattern constant
    # Only the few constants of modules imported before the engine (not check modules).
    assert warm < 10
    # The literal tries and the `re` constants of the check modules come compiled too: what
    # is left is the standard library's and the modules imported before the engine.
    # (301 and 74 parses when this was written)
    assert first_re - warm_re > 30


_RE_SAMPLES = [
    (r"(?P<y>\d{4})年(?P<m>\d{1,2})月", 0),
    (r"(?<![一二三])十四五(?:规划|时期)?", 0),
    (r"ICP[备证]|copyright", re.IGNORECASE),
    (r"(?m)^[ \t]*第[一二三四五六七八九十]+[章节条]", 0),
    (rb"\xef\xbb\xbf|\r\n", 0),
]
_RE_TEXTS = ["2026年12月，十四五规划", "ICP备12号 COPYRIGHT", "  第三章 总则\n第十条", "x"]


@pytest.mark.parametrize(("pattern", "flags"), _RE_SAMPLES)
def test_a_re_pattern_made_from_its_code_is_the_pattern(pattern: str | bytes, flags: int) -> None:
    fresh = re.compile(pattern, flags)
    code = programs.re_code(pattern, fresh.flags)
    made = programs.re_pattern(pattern, fresh.flags, code)
    assert made is not fresh
    assert (made.pattern, made.flags, made.groups, made.groupindex) == (
        fresh.pattern,
        fresh.flags,
        fresh.groups,
        fresh.groupindex,
    )
    for text in _RE_TEXTS:
        subject: Any = text.encode() if isinstance(pattern, bytes) else text
        assert [m.span() for m in made.finditer(subject)] == [
            m.span() for m in fresh.finditer(subject)
        ]
        assert [m.groups() for m in made.finditer(subject)] == [
            m.groups() for m in fresh.finditer(subject)
        ]


def test_a_literal_trie_survives_the_engine_cache_as_code() -> None:
    import pickle

    from lint.matcher import LiteralMatcher

    matcher = LiteralMatcher(["十四五", "十四五规划", "十五五", "收官之年", "ICP备"])
    restored = pickle.loads(pickle.dumps(matcher))
    text = "今年是十四五规划收官之年，十五五开局。ICP备"
    assert list(restored.finditer(text)) == list(matcher.finditer(text))


def test_serving_re_answers_from_the_codes_and_compiles_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    codes: programs.ReCodes = {}
    real = re._compile  # type: ignore[attr-defined]
    parsed: list[object] = []
    parse = re._parser.parse  # type: ignore[attr-defined]

    def counting(pattern: Any, flags: int = 0, *args: Any) -> Any:
        parsed.append(pattern)
        return parse(pattern, flags, *args)

    monkeypatch.setattr(re._parser, "parse", counting)  # type: ignore[attr-defined]
    with programs.serving_re(codes):
        first = re.compile("会议(?P<n>第\\d+次)")
        assert len(codes) == 1
        assert len(parsed) == 1  # an unseen pattern is parsed once, not compiled and parsed
        again = re.compile("会议(?P<n>第\\d+次)")
        assert again is not first and again.groupindex == first.groupindex
        assert again.search("召开会议第3次").group("n") == "第3次"
        assert re.search("甲|乙", "丙乙") is not None  # module functions are served too
        with pytest.raises(re.error):
            re.compile("(")
    assert re._compile is real  # type: ignore[attr-defined]
    assert len(codes) == 2
