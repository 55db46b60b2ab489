"""Every built-in rule runs in time linear in the text, on inputs built to make it slow.

Built-in rules run without a time budget (a budget made their findings depend on the machine's
load), so their cost must be provably linear. For each rule, the adversarial inputs are long
runs of every character (and character class) its regexes, tokens and swaps use, all of them
in turn, and its `bad` examples repeated back to back and separated by such runs. Each is
linted by the rule alone at two sizes; the time may grow about as fast as the input, never
as its square (see tests/growth.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest

from lint.document import Document
from lint.engine import Engine
from lint.rule import Rule
from lint.ruleset import load_ruleset
from tests.growth import FACTOR, MAX_RATIO, best_time

FLOOR = 0.002

SIZE = 5_000
# A rule that lints FACTOR * SIZE characters of one input this fast cannot be quadratic in it
# (n^2/2 steps would take far longer); slower ones are measured at both sizes.
QUICK = 0.03
# What a class escape or `.` stands for in a run.
_CLASS_SAMPLES = {"d": "1", "s": " ", "w": "a", "p": "中", "n": "\n", "S": "中", "D": "中"}
_ALWAYS = "中a1１ \u3000\n，。、“”"


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)


def _characters(rule: Rule) -> list[str]:
    """Every literal character in the rule's regexes, tokens and swaps, and a sample of every
    class escape they use."""
    found = set(_ALWAYS)
    for text in _strings(rule.params):
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "\\" and i + 1 < len(text):
                nxt = text[i + 1]
                found.add(_CLASS_SAMPLES.get(nxt, nxt))
                i += 2
                continue
            if not ch.isascii() or ch.isalnum():
                found.add(ch)
            i += 1
    return sorted(found)


def _inputs(rule: Rule) -> dict[str, Callable[[int], str]]:
    chars = _characters(rule)
    shapes: dict[str, Callable[[int], str]] = {}
    for ch in chars:
        shapes[f"run {ch!r}"] = lambda n, ch=ch: ch * n
    cycle = "".join(chars)
    shapes["all characters"] = lambda n: (cycle * (n // len(cycle) + 1))[:n]
    bad = [e.text for e in rule.bad]
    if bad:
        joined = "".join(bad)
        shapes["bad examples"] = lambda n: (joined * (n // len(joined) + 1))[:n]
        for ch in (" ", "\n", "，", "中"):
            sep = joined + ch * 50
            shapes[f"bad examples and {ch!r}"] = lambda n, sep=sep: (sep * (n // len(sep) + 1))[:n]
    return shapes


RULES = list(load_ruleset())


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_time_grows_linearly(rule: Rule) -> None:
    engine = Engine([rule])
    day = rule.example_date() or dt.date(2026, 11, 26)

    def work(text: str) -> Callable[[], object]:
        # A new Document each time: a document caches its structure, which would make the
        # later, cached runs the "best" ones.
        return lambda: engine.check(Document("d.txt", text), day)

    def grows(make: Callable[[int], str], n: int, first: float | None = None) -> str | None:
        small = best_time(work(make(n)), repeat=3)
        large = best_time(work(make(n * FACTOR)), repeat=2)
        if first is not None:
            large = min(large, first)
        if large / max(small, FLOOR) <= MAX_RATIO:
            return None
        return f"{n:,} -> {n * FACTOR:,} characters: {small:.4f} s -> {large:.4f} s"

    slow = []
    for shape, make in _inputs(rule).items():
        large = best_time(work(make(SIZE * FACTOR)), repeat=1)
        if large < QUICK:
            continue
        # Times of a few milliseconds are at the mercy of the machine's load: a suspect is
        # measured again at sizes four times larger, where a square law is unmistakable.
        if grows(make, SIZE, large) and (failed := grows(make, SIZE * FACTOR)):
            slow.append(f"{shape}: {failed}")
    assert not slow, f"{rule.code} grows faster than its input: " + "; ".join(slow)
