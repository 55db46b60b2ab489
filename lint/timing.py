"""Per-stage wall-clock timings for the benchmark, off unless REPORTLINT_PROFILE is set.

With `REPORTLINT_PROFILE=1` the process prints one line to stderr when it exits:
`reportlint-profile: {"rules.load": 0.012, "check.existence": 0.034, ...}` (seconds, JSON).
bench/run.py parses that line to show where a run spends its time. When the variable is unset,
`stage()` returns a shared no-op context manager, so instrumented hot paths cost one call.
"""

from __future__ import annotations

import atexit
import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

ENABLED = bool(os.environ.get("REPORTLINT_PROFILE"))
PREFIX = "reportlint-profile: "

_totals: dict[str, float] = {}
_counts: dict[str, int] = {}
_NULL: AbstractContextManager[None] = nullcontext()


def add(name: str, seconds: float, count: int = 1) -> None:
    """Charge `seconds` to stage `name` (for code that times itself, e.g. generators)."""
    _totals[name] = _totals.get(name, 0.0) + seconds
    _counts[name] = _counts.get(name, 0) + count


@contextmanager
def _timed(name: str) -> Iterator[None]:
    t0 = time.perf_counter()
    try:
        yield
    finally:
        add(name, time.perf_counter() - t0)


def stage(name: str) -> AbstractContextManager[None]:
    return _timed(name) if ENABLED else _NULL


def totals() -> dict[str, tuple[float, int]]:
    """Every stage's (seconds, count) so far."""
    return {k: (v, _counts.get(k, 0)) for k, v in _totals.items()}


def since(before: dict[str, tuple[float, int]]) -> dict[str, tuple[float, int]]:
    """What each stage gained since `before` (from `totals`): what another process adds."""
    out = {}
    for name, (seconds, count) in totals().items():
        was_seconds, was_count = before.get(name, (0.0, 0))
        if count != was_count or seconds != was_seconds:
            out[name] = (seconds - was_seconds, count - was_count)
    return out


def snapshot() -> dict[str, float]:
    return {k: round(v, 6) for k, v in sorted(_totals.items())}


def _report() -> None:
    if _totals:
        sys.stderr.write(PREFIX + json.dumps(snapshot()) + "\n")
        sys.stderr.flush()


if ENABLED:
    atexit.register(_report)
