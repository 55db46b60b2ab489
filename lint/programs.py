"""Compiled `regex` programs of the check modules' pattern constants, kept across processes.

Importing the check modules compiles some 65 pattern constants, and the `regex` module parses
each in Python: a third of a cold start once the engine itself comes from lint.enginecache. A
compiled `regex` pattern pickles as its program, so the engine cache stores the programs those
imports made (`IMPORTED`, filled by `recording` around each first import of a kind) and, while
it unpickles the checks (which imports the modules), `serving` lets `regex.compile` answer from
them: the same pattern, flags and regex version give the same program, without a parse.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import regex

# (pattern, flags, regex.DEFAULT_VERSION) -> the program regex.compile made of it.
Programs = dict[tuple[str, int, int], "regex.Pattern[str]"]

# What importing the check kinds compiled in this process (see lint.checks.kind_class).
IMPORTED: Programs = {}


@contextlib.contextmanager
def serving(programs: Programs) -> Iterator[Programs]:
    """While active, `regex.compile` of a plain pattern answers from (and adds to) `programs`.

    Only calls without named lists or other keywords are served; a pattern not in `programs`
    is compiled as usual and added. Modules call `regex.compile` through the module attribute,
    so their imports inside this block are served.
    """
    real: Callable[..., Any] = regex.compile

    def compile_served(pattern: Any, flags: int = 0, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs or type(pattern) is not str or not isinstance(flags, int):
            return real(pattern, flags, *args, **kwargs)
        key = (pattern, int(flags), int(regex.DEFAULT_VERSION))
        program = programs.get(key)
        if program is None:
            program = programs[key] = real(pattern, flags)
        return program

    regex.compile = compile_served
    try:
        yield programs
    finally:
        regex.compile = real


def recording() -> contextlib.AbstractContextManager[Programs]:
    """Add what is compiled inside the block to IMPORTED."""
    return serving(IMPORTED)
