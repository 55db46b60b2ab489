"""Where a report goes: standard output, the --output-file, or standard error when standard
output carries the fixed text of `reportlint --fix -`."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lint import __version__, timing
from lint.model import ReportlintError

if TYPE_CHECKING:
    from lint.pipeline import Run


def write_output(text: str | bytes, output_file: str | None) -> None:
    if output_file:
        try:
            # Binary formats (the reviewed .docx copy) are written as they are.
            if isinstance(text, bytes):
                Path(output_file).write_bytes(text)
            else:
                Path(output_file).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ReportlintError(f"{output_file}: 无法写入 ({exc.strerror or exc})") from None
    else:
        with _to_stdout():
            if isinstance(text, bytes):
                sys.stdout.buffer.write(text)
            else:
                sys.stdout.write(text)
            sys.stdout.flush()


def stream_output(pieces: Iterable[str], output_file: str | None) -> None:
    """Write a text report piece by piece, so it is never held whole in memory."""
    if not output_file:
        with _to_stdout():
            write = sys.stdout.write
            for piece in pieces:
                write(piece)
            sys.stdout.flush()
        return
    try:
        with open(output_file, "w", encoding="utf-8") as out:
            for piece in pieces:
                out.write(piece)
    except OSError as exc:
        raise ReportlintError(f"{output_file}: 无法写入 ({exc.strerror or exc})") from None


@contextlib.contextmanager
def _to_stdout() -> Iterator[None]:
    """Writing to standard output: a failure (a full disk under `> report.txt`) is a one-line
    error, not a traceback. A reader that left (`| head`) is not an error of ours: main answers
    BrokenPipeError with exit code 1, as it always has."""
    if sys.stdout is None:  # started with standard output closed (`reportlint 稿.txt >&-`)
        raise ReportlintError("无法写出报告到标准输出 (标准输出已关闭)")
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise unwritable(exc) from None


def unwritable(exc: OSError) -> ReportlintError:
    """The error of a report that standard output did not take (a full disk)."""
    return ReportlintError(f"无法写出报告到标准输出 ({exc.strerror or exc})")


def use_color(choice: str, output_file: str | None) -> bool:
    """--color: `always` wins over NO_COLOR (https://no-color.org), `auto` yields to it."""
    if choice == "always":
        return True
    if choice == "never" or output_file or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout is not None and sys.stdout.isatty()


def emit(
    run: Run,
    fmt: str,
    output_file: str | None,
    *,
    statistics: bool = False,
    color: str = "auto",
    summary: bool = True,
) -> None:
    """Render `run` in `fmt` (or its counts per rule) and write it where it belongs; after
    concise and full output, the summary line for people (never in machine formats)."""
    with timing.stage("report"):
        _emit(run, fmt, output_file, statistics=statistics, color=color, summary=summary)


def _emit(
    run: Run,
    fmt: str,
    output_file: str | None,
    *,
    statistics: bool,
    color: str,
    summary: bool,
) -> None:
    from lint.info import statistics as counts
    from lint.report import ReportContext, chunker, renderer
    from lint.summary import summary_line

    ctx = ReportContext(
        documents=run.documents,
        rules=run.rules,
        errors=run.errors,
        color=fmt in ("concise", "full") and use_color(color, output_file),
        version=__version__,
        output_path=output_file,
    )
    stdin_output = run.fix.stdin_output if run.fix is not None else None
    tail = ""
    checked = run.files - len(run.errors)
    if summary and fmt in ("concise", "full") and checked > 0:
        tail = summary_line(run.diagnostics, checked, len(run.errors)) + "\n"
    if statistics:
        write_output(counts(run.diagnostics, fmt), output_file)
    elif stdin_output is not None:
        # Standard output carries the fixed text, so the report goes elsewhere.
        report = renderer(fmt)(run.diagnostics, ctx)
        if isinstance(report, str):
            report += tail
        if output_file:
            write_output(report, output_file)
        elif isinstance(report, str):
            click.echo(report, err=True, nl=False)
        sys.stdout.buffer.write(stdin_output)
        sys.stdout.flush()
    elif (pieces := chunker(fmt)) is not None:
        stream_output(chain(pieces(run.diagnostics, ctx), (tail,)), output_file)
    else:
        report = renderer(fmt)(run.diagnostics, ctx)
        write_output(report + tail if isinstance(report, str) else report, output_file)
