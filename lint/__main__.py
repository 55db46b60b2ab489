"""`python -m lint` and the `reportlint` executable: `main`, then the process ends at once.

A run over a dirty file leaves about a million small objects (documents, diagnostics, the
report's text). Freeing them one by one when the command returns, and then tearing the
interpreter down, took ~70 ms of a 0.75 s run over the seed x 100, and nothing needs them
freed: the command keeps its last run (lint.cli), the exit handlers run (REPORTLINT_PROFILE's
report among them), the output is flushed, and os._exit ends the process with main's exit
code. In-process callers of `main` (tests, tools) are not concerned.
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import NoReturn

from lint.cli import main


def entry() -> NoReturn:
    code = main()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        # Under a profiler or a coverage tracer (`python -m cProfile -m lint`), which writes
        # its results as the interpreter ends: end as usual.
        raise SystemExit(code)
    try:
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None: the process was started with it closed
                stream.flush()
    except BrokenPipeError:  # the reader left (`reportlint 稿.txt | head`), as main answers it
        code = 1
    except OSError as exc:  # e.g. the disk holding the redirected report is full
        from lint.output import unwritable

        os.write(2, f"reportlint: {unwritable(exc)}\n".encode())
        code = 2
    os._exit(code)


if __name__ == "__main__":
    entry()
