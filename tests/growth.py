"""Complexity guards: how a piece of work grows with its input, measured as a ratio.

The project has no timed tests, except these: they catch work that grows quadratically (a
scan that restarts for every colon, a line rendered once per finding). They compare the time
for an input of size n with the time for 4n, best of a few runs, in CPU time of this process
(other work on a shared machine barely disturbs it): a linear step grows about 4x, a
quadratic one 16x. An absolute bound, generous enough for a machine under load, stops a test
early on quadratic code instead of letting it run for minutes.
"""

from __future__ import annotations

import time
from collections.abc import Callable

FACTOR = 4
# Linear work grows ~4x; quadratic ~16x. Caches, allocation and noise stay well below 10x.
MAX_RATIO = 10.0
# Below this, timer and scheduling noise dominate: the smaller time is raised to it.
FLOOR = 0.01


def best_time(work: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        work()
        best = min(best, time.process_time() - t0)
    return best


def assert_linear(
    make: Callable[[int], Callable[[], object]],
    n: int,
    *,
    budget: float = 3.0,
    max_ratio: float = MAX_RATIO,
    repeat: int = 3,
) -> tuple[float, float]:
    """`make(size)` returns the work for an input of `size`; it must grow about linearly.

    Returns (time for n, time for FACTOR * n).
    """
    small = best_time(make(n), repeat)
    assert small < budget, f"size {n}: {small:.2f} s (budget {budget} s)"
    large = best_time(make(n * FACTOR), repeat)
    assert large < budget * FACTOR, f"size {n * FACTOR}: {large:.2f} s"
    ratio = large / max(small, FLOOR)
    assert ratio <= max_ratio, (
        f"size {n} -> {n * FACTOR}: {small:.4f} s -> {large:.4f} s, x{ratio:.1f} "
        f"(linear would be about x{FACTOR})"
    )
    return small, large
