"""The `reportlint` command: map options onto the pipeline, render its Run, set the exit code.

Exit codes: 0 nothing at or above the failing severity, 1 problems found, 2 usage, config or
input error (one line naming the file, never a traceback).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from lint import __version__
from lint.model import ReportlintError, parse_as_of
from lint.printable import printable
from lint.report import FORMATS

if TYPE_CHECKING:
    from lint.config import ConfigFinder
    from lint.pipeline import Pipeline, Run

FORMAT_CHOICES = list(FORMATS)


@dataclass(frozen=True)
class Options:
    """The command line as parsed by click (see the options on `command`)."""

    paths: tuple[str, ...]
    fmt: str
    as_of: str | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_on: str | None
    extend_select: tuple[str, ...]
    config_path: str | None
    isolated: bool
    show_config: str | None
    baseline: str | None
    write_baseline: str | None
    statistics: bool
    exit_zero: bool
    quiet: bool
    fix: bool
    diff: bool
    unsafe_fixes: bool
    test_rules: bool
    jobs: int
    rules_paths: tuple[str, ...]
    encoding: str | None
    stdin_filename: str
    output_file: str | None
    list_rules: bool
    explain: str | None
    version: bool


@click.command(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Example: reportlint --as-of 2026-11-26 草稿.txt",
)
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_CHOICES),
    default="concise",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD|auto",
    help="Judge formulations at this date (default: today); 'auto' reads the document's date.",
)
@click.option(
    "--select", multiple=True, help="Only these codes, code prefixes, categories or names."
)
@click.option(
    "--ignore", multiple=True, help="Skip these codes, code prefixes, categories or names."
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that makes the exit code 1 (default: config, else warning).",
)
@click.option(
    "--extend-select", multiple=True, help="Add these to the selection (config or --select)."
)
@click.option("--config", "config_path", metavar="PATH", help="Use this config file only.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--show-config", metavar="PATH", help="Print the settings that apply to PATH.")
@click.option("--baseline", metavar="FILE", help="Report only problems not in this baseline.")
@click.option("--write-baseline", metavar="FILE", help="Record the current problems and exit 0.")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of problems.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option("--quiet", "-q", is_flag=True, help="Print problems only, no notes on stderr.")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place ('-': print the fixed text).")
@click.option(
    "--diff", is_flag=True, help="Print a diff of what --fix would change; write nothing."
)
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply unsafe fixes.")
@click.option(
    "--test-rules", is_flag=True, help="Run the examples of the rule files given as PATHS."
)
@click.option(
    "--jobs",
    "-j",
    metavar="N",
    type=click.IntRange(min=0),
    default=0,
    help="Parallel workers (default 0: the CPU count, for runs large enough to gain).",
)
@click.option(
    "--rules", "rules_paths", multiple=True, help="Extra rule file or folder (repeatable)."
)
@click.option("--encoding", help="Force the input encoding (e.g. gb18030).")
@click.option("--stdin-filename", default="-", help="Name to report for input read from '-'.")
@click.option("--output-file", "-o", help="Write the report to this file instead of stdout.")
@click.option("--list-rules", is_flag=True, help="List every rule and exit.")
@click.option("--explain", metavar="CODE", help="Explain a rule: what, why, examples, source.")
@click.option("--version", is_flag=True, help="Print the version and exit.")
def command(**kwargs: Any) -> int:
    """Lint Chinese report drafts (公文) for placeholders, outdated formulations, numbering
    and web residue.

    PATHS are files, folders (searched for *.txt, *.md and *.docx), or '-' for standard input.
    """
    from lint.output import write_output

    o = Options(**kwargs)
    if o.version:
        click.echo(f"reportlint {__version__}")
        return 0
    shown = _information(o)
    if shown is not None:
        write_output(shown[0], o.output_file)
        return shown[1]
    if not o.paths:
        raise click.UsageError("no PATH given (use '-' to read standard input)")
    if o.unsafe_fixes and not (o.fix or o.diff):
        raise click.UsageError("--unsafe-fixes needs --fix or --diff")
    return _report(_pipeline(o).run(o.paths), o)


def _information(o: Options) -> tuple[str, int] | None:
    """What --explain, --list-rules, --show-config and --test-rules print, and the exit code."""
    from lint import info

    if o.explain or o.list_rules:
        # A team's own rules (config `rules`) are explained and listed like built-in ones.
        rules = (*_finder(o).for_dir(Path.cwd()).rules, *o.rules_paths)
        return (info.explain(o.explain, rules) if o.explain else info.list_rules(rules)), 0
    if o.show_config:
        return info.show_config(o.show_config, _finder(o)), 0
    if o.test_rules:
        if not o.paths:
            raise click.UsageError("--test-rules needs rule files or folders as PATHS")
        return info.rule_examples_report(o.paths)
    return None


def _pipeline(o: Options) -> Pipeline:
    from lint.fix import FixStage
    from lint.pipeline import Pipeline
    from lint.profile import Request
    from lint.selectors import split_selectors

    try:
        as_of = parse_as_of(o.as_of) if o.as_of is not None else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--as-of") from None
    request = Request(
        as_of=as_of,
        encoding=o.encoding,
        stdin_filename=o.stdin_filename,
        select=split_selectors(o.select) if o.select else None,
        ignore=split_selectors(o.ignore),
        extend_select=split_selectors(o.extend_select),
        rules=tuple(str(Path(r).resolve()) for r in o.rules_paths),
        fail_on=o.fail_on,
    )
    fixing = o.fix or o.diff
    return Pipeline(
        request,
        _finder(o),
        # Notes and errors name files and quote drafts: no terminal controls reach stderr.
        say=lambda message: click.echo(f"reportlint: {printable(message)}", err=True),
        jobs=o.jobs,
        quiet=o.quiet,
        fix=FixStage(unsafe=o.unsafe_fixes, write=not o.diff) if fixing else None,
        baseline=o.baseline,
        hide_known=not o.write_baseline,
        outputs=(("--output-file", o.output_file), ("--write-baseline", o.write_baseline)),
    )


def _report(run: Run, o: Options) -> int:
    """Print the run the way the options ask; the exit code."""
    from lint.baseline import save_baseline
    from lint.output import emit, write_output

    if o.diff and run.fix is not None:
        write_output("".join(run.fix.diffs), o.output_file)
        return 2 if run.errors else 1 if run.fix.changed_files else 0
    if o.write_baseline:
        n = save_baseline(o.write_baseline, run.diagnostics, run.documents)
        if not o.quiet:
            click.echo(f"reportlint: 已将 {n} 个问题写入基线 {o.write_baseline}", err=True)
        return 2 if run.errors else 0
    emit(run, o.fmt, o.output_file, statistics=o.statistics)
    return run.exit_code(o.exit_zero)


def _finder(o: Options) -> ConfigFinder:
    from lint.config import finder

    return finder(o.config_path, isolated=o.isolated)


def main(argv: Sequence[str] | None = None) -> int:
    from lint.gcpause import paused

    try:
        with paused():  # see lint/gcpause.py: ~15% of a run with many findings
            rc = command.main(
                args=list(argv) if argv is not None else None,
                prog_name="reportlint",
                standalone_mode=False,
            )
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return 2
    except click.exceptions.Abort:
        click.echo("reportlint: aborted", err=True)
        return 2
    except ReportlintError as exc:
        click.echo(f"reportlint: {printable(str(exc))}", err=True)
        return 2
    except BrokenPipeError:
        return 1
    return int(rc or 0)
