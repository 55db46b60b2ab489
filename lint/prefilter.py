"""Which lines a rule's pattern can match on, found by reading the pattern once.

A rule set has some 150 patterns, and the `regex` module scans a megabyte of text in a few
milliseconds for each one whose start is not a single literal (`小编|本站…`, `(?m)^[ \\t]*…`):
most of a clean file's time, for patterns that find nothing in it. For a pattern whose
matches (lookarounds included) can never reach across a line break, `line_anchors` gives
literal strings, one of which every match must contain. The lines holding none of them cannot
hold a match, so a check finds the anchors of all its patterns in one scan of the text and
runs each pattern only on the lines that hold one of its anchors: the same matches, in the
same order, as a scan of the whole text.

The pattern is read with the standard library's parser (after mapping the few `regex`-only
constructs the rules use to equivalents for this purpose); anything it does not understand,
or any doubt (case-insensitive matching, `\\A`/`\\Z`, a `^` or `$` that is not per line), gives
None and the pattern scans the whole text as before.
"""

from __future__ import annotations

import bisect
import itertools
import re
import warnings
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

try:  # Python 3.11+
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _p

# Anchors shorter than this are too common to narrow anything down (a comma, a colon).
MIN_ANCHOR = 2
# Characters of official prose at more than three in a thousand (measured on 63 official
# texts, 1.08 M characters). An anchor is searched for from a character not in this list
# (`全面建成小康社会` from `面建成小康社会`): the one scan for all anchors stops at each occurrence
# of an anchor's first character, and stopping at every 全 or 、 made it cost more than the
# patterns it spares. A pattern whose anchors all consist of such characters is not
# prefiltered. Only speed depends on this list, never what is found.
COMMON = frozenset(
    "，。、业和的发国展化建全新大进加实中力推人动设民政产\u201c\u201d一制持强工高生0体会保增"
    "务作重改区经地行提等能成要1社资合开主平基家施创深治"
    " \t\u3000"  # and the blanks that indent every paragraph
)
# Lines are searched one at a time only while few hold an anchor (at most one in LINE_SHARE,
# with at most 1/TEXT_SHARE of the text): past that, one scan of the whole text costs less
# than a call per line.
LINE_SHARE = 8
TEXT_SHARE = 4
# At most this many alternative strings for one anchor set (`[，、；：][，。]` gives 8).
MAX_ANCHORS = 64
_NL = ord("\n")
# `regex` syntax the rules use, mapped to what the standard parser reads for the same shape:
# \p{Han} is a class of word characters (never a line break), \K and possessive or atomic
# forms consume what their plain forms consume.
_REGEX_ONLY = [
    (re.compile(r"\\p\{Han\}"), r"\\w"),
    (re.compile(r"\\P\{Han\}"), r"\\W"),
    (re.compile(r"\\K"), ""),
]
# Read differently by the two parsers, so never read: other properties and named characters,
# POSIX or nested classes (`[[:alpha:]]`), braces that are not a counted repeat (fuzzy
# matching `{e<=1}` in `regex`, literal text in `re`).
_NOT_READ = re.compile(r"\\[pPNX]|(?<!\\)\[\[|\[:\w+:\]|(?<!\\)\{(?!\d*,?\d*\})")


@dataclass(frozen=True)
class Anchors:
    """What reading a pattern showed: strings of which every match contains one, and whether
    every match (lookarounds included) stays within one line."""

    strings: frozenset[str]
    one_line: bool


def anchors(pattern: str, flags: int = 0) -> Anchors | None:
    """What reading `pattern` shows (see Anchors); None when it shows no anchor of at least
    MIN_ANCHOR characters. `flags` are the `regex` flags it is compiled with."""
    if flags & re.IGNORECASE:
        return None
    source = pattern
    for old, new in _REGEX_ONLY:
        source = old.sub(new, source)
    if _NOT_READ.search(source):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "possible nested set" and the like: not read
            parsed = _p.parse(source, flags & (re.DOTALL | re.MULTILINE))
    except Exception:  # regex-only syntax the standard parser refuses
        return None
    state_flags = parsed.state.flags
    if state_flags & (re.IGNORECASE | re.VERBOSE):
        return None
    reader = _Reader(bool(state_flags & re.DOTALL), bool(state_flags & re.MULTILINE))
    try:
        one_line = not reader.may_cross_lines(list(parsed))
    except _Unknown:
        one_line = False
    try:
        found = reader.anchors(list(parsed))
    except _Unknown:
        return None
    if not found:
        return None
    rare = set()
    for word in found:
        # the longest tail of the anchor that starts with an uncommon character
        tail = next((word[i:] for i in range(len(word)) if word[i] not in COMMON), "")
        if len(tail) < MIN_ANCHOR:
            return None
        rare.add(tail)
    return Anchors(frozenset(rare), one_line)


class PatternIndex:
    """The anchors of many patterns (see the module doc). The check finds their `words` in the
    same scan as its literal tokens and hands their offsets to `windows`."""

    def __init__(self, patterns: dict[Hashable, Any]) -> None:
        self.anchors: dict[Hashable, Anchors] = {}
        for key, pattern in patterns.items():
            found = anchors(pattern.pattern, pattern.flags)
            if found is not None:
                self.anchors[key] = found
        self.words = frozenset(w for a in self.anchors.values() for w in a.strings)

    def windows(
        self, key: Hashable, hits: dict[str, list[int]], line_starts: list[int], length: int
    ) -> list[tuple[int, int]] | None:
        """Where pattern `key` can match in the text `hits` came from: [] nowhere, else
        (start, end) of each line holding one of its anchors; None: the whole text."""
        found = self.anchors.get(key)
        if found is None:
            return None
        offsets = [o for w in found.strings for o in hits.get(w, ())]
        if not offsets:
            return []
        if not found.one_line:
            return None
        lines = sorted({bisect.bisect_right(line_starts, o) - 1 for o in offsets})
        if len(lines) * LINE_SHARE > len(line_starts):
            return None
        last = len(line_starts) - 1
        # a line ends before its line break (LF, or the CR that scanning saw as LF)
        out = [(line_starts[i], line_starts[i + 1] - 1 if i < last else length) for i in lines]
        return out if sum(e - s for s, e in out) * TEXT_SHARE <= length else None


class _Unknown(Exception):
    """A construct the reader does not know: no claim is made about the pattern."""


class _Reader:
    def __init__(self, dotall: bool, multiline: bool) -> None:
        self.dotall = dotall
        self.multiline = multiline
        # group number -> its content, for back references
        self.groups: dict[int, list[Any]] = {}

    # --- can a match (or a lookaround) take in a line break? ---------------------------------

    def may_cross_lines(self, seq: list[Any]) -> bool:
        return any(self._node_crosses(op, av) for op, av in seq)

    def _node_crosses(self, op: Any, av: Any) -> bool:
        if op is _c.LITERAL:
            return bool(av == _NL)
        if op is _c.NOT_LITERAL:
            return bool(av != _NL)
        if op is _c.ANY:
            return self.dotall
        if op is _c.IN:
            return _class_has_newline(av)
        if op is _c.AT:
            # per-line anchors and word boundaries only
            if av in (_c.AT_BOUNDARY, _c.AT_NON_BOUNDARY):
                return False
            if av in (_c.AT_BEGINNING, _c.AT_END):
                return not self.multiline
            return True  # \A, \Z
        if op is _c.SUBPATTERN:
            group, add_flags, del_flags, body = av
            if add_flags & (re.IGNORECASE | re.DOTALL | re.MULTILINE) or del_flags:
                raise _Unknown
            if group is not None:
                self.groups[group] = list(body)
            return self.may_cross_lines(list(body))
        if op is _c.BRANCH:
            return any(self.may_cross_lines(list(b)) for b in av[1])
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _POSSESSIVE):
            return self.may_cross_lines(list(av[2]))
        if op is _ATOMIC:
            return self.may_cross_lines(list(av))
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            return self.may_cross_lines(list(av[1]))
        if op is _c.GROUPREF:
            body = self.groups.get(av)
            if body is None:
                raise _Unknown
            return self.may_cross_lines(body)
        raise _Unknown  # GROUPREF_EXISTS and anything newer

    # --- literal anchors ------------------------------------------------------------------

    def anchors(self, seq: list[Any]) -> set[str] | None:
        """Strings one of which every match of `seq` contains (None: none known)."""
        candidates: list[set[str]] = []
        run: set[str] | None = {""}
        for op, av in seq:
            if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
                continue  # zero-width: the characters around it are still adjacent
            if op is _c.SUBPATTERN and av[0] is not None:
                self.groups[av[0]] = list(av[3])
            exact = self._exact(op, av)
            if exact is not None and run is not None:
                joined = {a + b for a, b in itertools.product(run, exact)}
                if len(joined) <= MAX_ANCHORS:
                    run = joined
                    continue
            if exact is None and run is not None:
                # `X+` with X a fixed set of strings: the run goes on with X, then ends
                head = self._repeated_head(op, av)
                if head is not None:
                    joined = {a + b for a, b in itertools.product(run, head)}
                    if len(joined) <= MAX_ANCHORS:
                        run = joined
            if run is not None and run != {""}:
                candidates.append(run)
            run = exact if exact is not None else None
            if exact is None:
                inner = self._required(op, av)
                if inner is not None:
                    candidates.append(inner)
        if run is not None and run != {""}:
            candidates.append(run)
        if not candidates:
            return None
        # The most selective set: longest shortest string, then fewest strings.
        return max(candidates, key=lambda s: (min(map(len, s)), -len(s)))

    def _repeated_head(self, op: Any, av: Any) -> set[str] | None:
        """For `X{n,}` (n >= 1) with X a fixed set of strings: what X{n} matches."""
        if op not in (_c.MAX_REPEAT, _c.MIN_REPEAT, _POSSESSIVE) or not 1 <= av[0] <= 4:
            return None
        return self._exact(op, (av[0], av[0], av[2]))

    def _required(self, op: Any, av: Any) -> set[str] | None:
        """Anchors of an element that must match but is not a fixed set of strings."""
        if op is _c.SUBPATTERN:
            return self.anchors(list(av[3]))
        if op is _ATOMIC:
            return self.anchors(list(av))
        if op is _c.BRANCH:
            return _either(av[1], self.anchors)
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _POSSESSIVE) and av[0] >= 1:
            return self.anchors(list(av[2]))
        return None

    def _exact(self, op: Any, av: Any) -> set[str] | None:
        """The strings an element matches, when they are few; None otherwise."""
        if op is _c.LITERAL:
            return {chr(av)}
        if op is _c.IN:
            chars = []
            for kind, value in av:
                if kind is not _c.LITERAL:
                    return None
                chars.append(chr(value))
            return set(chars) if len(chars) <= 8 else None
        if op in (_c.SUBPATTERN, _ATOMIC):
            body = list(av[3]) if op is _c.SUBPATTERN else list(av)
            return self._exact_seq(body)
        if op is _c.BRANCH:
            return _either(av[1], self._exact_seq)
        if op is _c.GROUPREF:
            group = self.groups.get(av)
            return None if group is None else self._exact_seq(group)
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _POSSESSIVE):
            low, high, body = av
            if low != high or low > 4:
                return None
            one = self._exact_seq(list(body))
            if one is None:
                return None
            out = {""}
            for _ in range(low):
                out = {a + b for a, b in itertools.product(out, one)}
                if len(out) > MAX_ANCHORS:
                    return None
            return out
        return None

    def _exact_seq(self, seq: list[Any]) -> set[str] | None:
        out = {""}
        for op, av in seq:
            if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
                continue
            one = self._exact(op, av)
            if one is None:
                return None
            out = {a + b for a, b in itertools.product(out, one)}
            if len(out) > MAX_ANCHORS:
                return None
        return out


_POSSESSIVE = getattr(_c, "POSSESSIVE_REPEAT", object())
_ATOMIC = getattr(_c, "ATOMIC_GROUP", object())


def _either(branches: Any, read: Callable[[list[Any]], set[str] | None]) -> set[str] | None:
    """What `read` gives for an alternation: the union over its branches, when every branch
    gives some and they stay few."""
    found: set[str] = set()
    for branch in branches:
        sub = read(list(branch))
        if sub is None:
            return None
        found |= sub
    return found if len(found) <= MAX_ANCHORS else None


def _class_has_newline(items: Any) -> bool:
    negate = False
    hit = False
    for kind, value in items:
        if kind is _c.NEGATE:
            negate = True
        elif kind is _c.LITERAL:
            hit = hit or value == _NL
        elif kind is _c.RANGE:
            hit = hit or value[0] <= _NL <= value[1]
        elif kind is _c.CATEGORY:
            if value in (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_DIGIT, _c.CATEGORY_NOT_WORD):
                hit = True
            elif value in (_c.CATEGORY_NOT_SPACE, _c.CATEGORY_DIGIT, _c.CATEGORY_WORD):
                pass
            else:
                return True  # line-break categories and anything unexpected
        else:
            return True
    return hit != negate
