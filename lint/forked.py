"""One large file on two cores: some check kinds run in a forked child while the parent runs
the others, and their findings come back to the parent.

`--jobs` spreads many files over processes; a single large file (a year's reports joined into
one, a draft pasted from a template site a hundred times) was linted on one core. Each kind
reads the whole document and none depends on another's findings, so the kinds are split in
two: the child, forked once the document is read and the engine built (it inherits both for
free), runs the kinds in `CHILD_KINDS` and sends its findings back through a pipe; the parent
runs the others meanwhile. The findings are then taken in the order of the engine's kinds, so
the result, problems and all, is exactly what one process finds.

The split balances the two processes (see CHILD_KINDS) and keeps substitution, which finds the
most (every half-width comma of a copied page), in the parent, so that few findings cross the
pipe; those that do cross as plain tuples (see encode). A child that fails in any way (it
cannot fork, it dies, what it sends does not decode) costs only time: its kinds then run in
the parent.
"""

from __future__ import annotations

import io
import marshal
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from lint import timing
from lint.checks import Finding
from lint.enginecache import RulePickler, RuleUnpickler
from lint.model import Edit, Fix

if TYPE_CHECKING:
    from lint.checks import Check, RunContext
    from lint.rule import Rule
    from lint.segment import Segmenter

# Below this many characters forking and sending findings back cost more than they save.
MIN_CHARS = 200_000
# The kinds the child runs. Measured one process each on the seed x 100 and on the official
# corpus joined into one file (ms, seed / corpus): existence 250 / 100, substitution 148 / 50,
# contextual 85 / 37, pairs 22 / 11, and the others 130 / 80 together, because declared-count,
# enumeration and numbering share the document's heading structure (built once, ~80 ms on the
# seed x 100: they stay in one process). The parent also makes the diagnostics of its own
# kinds' findings while the child runs (~90 ms for substitution's 65,000 on the seed x 100).
# Existence, contextual and pairs in the child: it is done, its findings sent, as the parent
# is (0.38-0.40 s after the fork on the seed x 100). Existence's 9,000 findings cross the pipe
# in ~30 ms; substitution's 65,000 would not be worth sending.
CHILD_KINDS = frozenset({"existence", "contextual", "pairs"})
# The payload's first byte says how the rest is written.
_MARSHAL, _PICKLE = b"M", b"P"

# One kind's outcome: its findings, and the problems it added to RunContext.problems.
Outcome = tuple[list[Finding], list[tuple[str, str]]]
# What the child sends: its kinds' outcomes, the rules their budget stopped, the segmenter's
# problem, and its timing (timing.since).
Payload = tuple[list[Outcome], set[str], "str | None", dict[str, tuple[float, int]]]


def available() -> bool:
    """Whether this platform can fork (POSIX), so that a child shares the built engine."""
    return hasattr(os, "fork")


def run(
    checks: Sequence[Check],
    run_one: Callable[[Check], Outcome],
    ctx: RunContext,
    segmenter: Segmenter,
    rules: Sequence[Rule],
    meanwhile: Callable[[dict[int, Outcome]], None] | None = None,
) -> list[Outcome]:
    """Each check's outcome (in the order of `checks`), the kinds split between this process
    and a forked child. `run_one` runs one check, as the engine does in one process;
    `meanwhile` is given this process's outcomes (by check index) before the child's are
    awaited, when a child runs."""
    theirs = [i for i, c in enumerate(checks) if c.kind in CHILD_KINDS]
    child = _fork(checks, theirs, run_one, ctx, segmenter, rules) if theirs else None
    mine = {i: run_one(c) for i, c in enumerate(checks) if child is None or i not in theirs}
    if child is not None:
        if meanwhile is not None:
            meanwhile(dict(mine))
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
        payload: Payload = (outcomes, set(ctx.regex_exhausted), segmenter.problem, times)
        with os.fdopen(write, "wb") as out:
            out.write(encode(payload, rules))
        code = 0
    finally:
        os._exit(code)


def _collect(child: tuple[int, int], rules: Sequence[Rule]) -> Payload | None:
    """What the child sent, or None when it failed."""
    pid, read = child
    with os.fdopen(read, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    try:
        return decode(data, rules)
    except Exception:  # a truncated or foreign payload: run those kinds here instead
        return None


def encode(payload: Payload, rules: Sequence[Rule]) -> bytes:
    """The child's payload as bytes. Findings go as plain tuples through `marshal`, C code from
    end to end: pickle calls Python code for every slotted dataclass and named tuple (their
    __getstate__ and __setstate__), 75 ms for the 9,000 findings of existence on the seed
    x 100 against ~30 ms this way. Anything marshal cannot write (a value of a type of a
    check's own) falls back to pickle."""
    outcomes, exhausted, problem, times = payload
    index = {id(r): i for i, r in enumerate(rules)}
    try:
        rows = [
            (
                [
                    (
                        index[id(f.rule)],
                        f.start,
                        f.end,
                        f.values,
                        f.suggestion,
                        None if f.fix is None else ([tuple(e) for e in f.fix.edits], f.fix.safety),
                        f.message,
                        f.shadow,
                    )
                    for f in found
                ],
                problems,
            )
            for found, problems in outcomes
        ]
        return _MARSHAL + marshal.dumps((rows, exhausted, problem, times))
    except (KeyError, ValueError):  # a rule not in `rules`, a value marshal cannot write
        out = io.BytesIO()
        out.write(_PICKLE)
        RulePickler(out, rules).dump(payload)
        return out.getvalue()


def decode(data: bytes, rules: Sequence[Rule]) -> Payload:
    """What `encode` wrote; raises on anything else."""
    if data[:1] == _PICKLE:
        payload: Payload = RuleUnpickler(io.BytesIO(data[1:]), rules).load()
        return payload
    if data[:1] != _MARSHAL:
        raise ValueError("not a payload of lint.forked")
    rows, exhausted, problem, times = marshal.loads(data[1:])
    new = tuple.__new__  # Fix and Edit are named tuples: built as the tuples they are
    outcomes = [
        (
            [
                Finding(
                    rules[r],
                    start,
                    end,
                    values,
                    suggestion,
                    None
                    if fix is None
                    else new(Fix, (tuple([new(Edit, e) for e in fix[0]]), fix[1])),
                    message,
                    shadow,
                )
                for r, start, end, values, suggestion, fix, message, shadow in found
            ],
            problems,
        )
        for found, problems in rows
    ]
    return outcomes, exhausted, problem, times
