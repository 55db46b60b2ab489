"""Compiled `regex` and `re` programs of the check modules, kept across processes.

Importing the check modules compiles some 65 pattern constants, and the `regex` module parses
each in Python: a third of a cold start once the engine itself comes from lint.enginecache. A
compiled `regex` pattern pickles as its program, so the engine cache stores the programs those
imports made (`IMPORTED`, filled by `recording` around each first import of a kind) and, while
it unpickles the checks (which imports the modules), `serving` lets `regex.compile` answer from
them: the same pattern, flags and regex version give the same program, without a parse.

The standard `re` module is served the same way. A `re` pattern pickles as its source and
compiles again when unpickled; the literal tries of lint.matcher (hundreds of words each) and
the `re` constants took 15-20 ms of each start that way. `ReCode` is what `re` makes of a
pattern below its parser (the opcodes `_sre.compile` takes); it is only ever used by the
Python that made it (the engine cache is keyed by the Python version, and `SRE_MAGIC`, the
opcode format, is checked as well), and anything unexpected compiles the pattern as usual.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from typing import Any

import regex

try:  # CPython's regular expression engine and its compiler
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    SRE_MAGIC: int = _sre.MAGIC
except (ImportError, AttributeError):  # pragma: no cover - another Python
    SRE_MAGIC = 0

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


@contextlib.contextmanager
def recording() -> Iterator[None]:
    """Add what `regex` and `re` compile inside the block to IMPORTED and RE_IMPORTED."""
    with serving(IMPORTED), serving_re(RE_IMPORTED):
        yield


# (pattern, flags) -> (flags, code, groups, groupindex, indexgroup): `_sre.compile`'s arguments.
ReCode = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
ReCodes = dict[tuple[Any, int], ReCode]

# What `re` compiled while importing the check kinds in this process (see `recording`).
RE_IMPORTED: ReCodes = {}


def re_code(pattern: str | bytes, flags: int) -> ReCode | None:
    """What `re` compiles `pattern` to (as re._compiler.compile does), or None when this Python
    has no such internals."""
    if not SRE_MAGIC:
        return None
    parsed = _parser.parse(pattern, flags)
    # plain ints: the opcodes are named int constants, which do not pickle
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def re_pattern(pattern: str | bytes, flags: int, code: ReCode | None) -> re.Pattern[Any]:
    """The `re` pattern of `code` (from re_code), or compiled afresh when there is none."""
    if code is None or not SRE_MAGIC:
        return re.compile(pattern, flags)
    compiled: re.Pattern[Any] = _sre.compile(pattern, *code)
    return compiled


@contextlib.contextmanager
def serving_re(codes: ReCodes) -> Iterator[ReCodes]:
    """While active, `re` compiles a pattern from (and adds it to) `codes`: what `serving` does
    for `regex`. Both `re.compile` and the module-level functions go through `re._compile`."""
    real: Callable[..., Any] = re._compile  # type: ignore[attr-defined]
    debug = int(re.DEBUG)

    def compile_served(pattern: Any, flags: Any) -> Any:
        flags = int(flags)
        if type(pattern) not in (str, bytes) or flags & debug or not SRE_MAGIC:
            return real(pattern, flags)
        key = (pattern, flags)
        code = codes.get(key)
        if code is None:
            # Parsed once: re_code raises re.error on a bad pattern, as re.compile does.
            made = re_code(pattern, flags)
            if made is None:
                return real(pattern, flags)
            code = codes[key] = made
        return _sre.compile(pattern, *code)

    re._compile = compile_served  # type: ignore[attr-defined]
    try:
        yield codes
    finally:
        re._compile = real  # type: ignore[attr-defined]
