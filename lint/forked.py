"""One large file on two cores: some check kinds run in a forked child while the parent runs
the others, and their findings come back to the parent.

`--jobs` spreads many files over processes; a single large file (a year's reports joined into
one, a draft pasted from a template site a hundred times) was linted on one core. Each kind
reads the whole document and none depends on another's findings, so the kinds are split in
two: the child, forked once the document is read and the engine built (it inherits both for
free), runs the kinds not in `PARENT_KINDS` and sends its findings back through a pipe; the
parent runs those meanwhile. The findings are then taken in the order of the engine's kinds, so
the result, problems and all, is exactly what one process finds.

The kinds that find the most (substitution and existence: every half-width comma of a copied
page) stay in the parent, so that few findings cross the pipe. A child that fails in any way
(it cannot fork, it dies, what it sends does not unpickle) costs only time: its kinds then run
in the parent.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from lint import timing
from lint.enginecache import RulePickler, RuleUnpickler

if TYPE_CHECKING:
    from lint.checks import Check, Finding, RunContext
    from lint.rule import Rule
    from lint.segment import Segmenter

# Below this many characters forking and sending findings back cost more than they save.
MIN_CHARS = 200_000
# The kinds the parent keeps: they find the most, and their findings would cross the pipe.
PARENT_KINDS = frozenset({"existence", "substitution"})

# One kind's outcome: its findings, and the problems it added to RunContext.problems.
Outcome = tuple[list["Finding"], list[tuple[str, str]]]


def available() -> bool:
    """Whether this platform can fork (POSIX), so that a child shares the built engine."""
    return hasattr(os, "fork")


def run(
    checks: Sequence[Check],
    run_one: Callable[[Check], Outcome],
    ctx: RunContext,
    segmenter: Segmenter,
    rules: Sequence[Rule],
) -> list[Outcome]:
    """Each check's outcome (in the order of `checks`), the kinds split between this process
    and a forked child. `run_one` runs one check, as the engine does in one process."""
    theirs = [i for i, c in enumerate(checks) if c.kind not in PARENT_KINDS]
    child = _fork(checks, theirs, run_one, ctx, segmenter, rules) if theirs else None
    mine = {i: run_one(c) for i, c in enumerate(checks) if child is None or i not in theirs}
    if child is not None:
        received = _collect(child, rules)
        if received is None:
            mine.update({i: run_one(checks[i]) for i in theirs})
        else:
            outcomes, exhausted, problem, times = received
            mine.update(zip(theirs, outcomes, strict=True))
            ctx.regex_exhausted |= exhausted
            if segmenter.problem is None:
                segmenter.problem = problem
            for name, (seconds, count) in times.items():
                timing.add(name, seconds, count)
    return [mine[i] for i in range(len(checks))]


def _fork(
    checks: Sequence[Check],
    theirs: list[int],
    run_one: Callable[[Check], Outcome],
    ctx: RunContext,
    segmenter: Segmenter,
    rules: Sequence[Rule],
) -> tuple[int, int] | None:
    """(pid, read end of the pipe) of a child running `theirs`; None if it cannot start."""
    try:
        read, write = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid:
        os.close(write)
        return pid, read
    # The child: never returns, never runs the parent's exit handlers or flushes its output.
    code = 1
    try:
        os.close(read)
        before = timing.totals()
        outcomes = [run_one(checks[i]) for i in theirs]
        times = timing.since(before)
        payload = (outcomes, set(ctx.regex_exhausted), segmenter.problem, times)
        with os.fdopen(write, "wb") as out:
            RulePickler(out, rules).dump(payload)
        code = 0
    finally:
        os._exit(code)


def _collect(child: tuple[int, int], rules: Sequence[Rule]) -> Any:
    """What the child sent, or None when it failed."""
    pid, read = child
    with os.fdopen(read, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    try:
        return RuleUnpickler(io.BytesIO(data), rules).load()
    except Exception:  # a truncated or foreign payload: run those kinds here instead
        return None
