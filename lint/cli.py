"""The `reportlint` command: parse options, call the library, set the exit code.

Exit codes: 0 nothing at or above the failing severity, 1 problems found, 2 usage, config or
input error (one line naming the file, never a traceback).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from lint import __version__
from lint.types import SEVERITY_RANK, Diagnostic, ReportlintError

FORMAT_CHOICES = ["concise", "full", "json"]


def _parse_as_of(value: str | None) -> tuple[dt.date | None, bool]:
    if value is None:
        return None, False
    if value == "auto":
        return None, True
    try:
        return dt.date.fromisoformat(value), False
    except ValueError:
        raise click.BadParameter(
            f"expected YYYY-MM-DD or 'auto', got {value!r}", param_hint="--as-of"
        ) from None


def _split(values: Sequence[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _explain(code: str, rules_paths: Sequence[str]) -> str:
    from lint.ruleset import load_ruleset

    ruleset = load_ruleset(rules_paths)
    rule = next(
        (r for r in ruleset if r.code == code.upper() or r.name == code), None
    )
    if rule is None:
        raise ReportlintError(f"{code}: 没有这条规则 (unknown rule)")
    lines = [f"{rule.code} ({rule.name})", ""]
    lines.append(f"kind: {rule.kind}    category: {rule.category}    severity: {rule.severity}")
    if rule.effective_from or rule.effective_until:
        lines.append(
            f"effective: from {rule.effective_from or '-'} until {rule.effective_until or '-'}"
        )
    if rule.fix_safety:
        lines.append(f"fix: {rule.fix_safety}")
    lines.append("")
    lines.append(rule.description or rule.message)
    if rule.source:
        lines += ["", f"source: {rule.source}"]
    lines += ["", "examples (bad):"] + [f"  ✗ {e.text}" for e in rule.bad]
    lines += ["examples (good):"] + [f"  ✓ {e.text}" for e in rule.good]
    lines += ["", f"defined in {rule.file}:{rule.line}"]
    return "\n".join(lines) + "\n"


def _list_rules(rules_paths: Sequence[str]) -> str:
    from lint.ruleset import load_ruleset

    out = []
    for r in load_ruleset(rules_paths):
        dates = ""
        if r.effective_from or r.effective_until:
            dates = f" [{r.effective_from or ''}..{r.effective_until or ''}]"
        fix = f" fix:{r.fix_safety}" if r.fix_safety else ""
        out.append(f"{r.code}\t{r.name}\t{r.category}\t{r.severity}{fix}{dates}")
    return "\n".join(out) + "\n"


def _write_output(text: str, output_file: str | None) -> None:
    if output_file:
        try:
            Path(output_file).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ReportlintError(f"{output_file}: 无法写入 ({exc.strerror or exc})") from None
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


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
@click.option("--select", multiple=True, help="Only these codes, code prefixes, categories or names.")
@click.option("--ignore", multiple=True, help="Skip these codes, code prefixes, categories or names.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="warning",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
@click.option("--rules", "rules_paths", multiple=True, help="Extra rule file or folder (repeatable).")
@click.option("--encoding", help="Force the input encoding (e.g. gb18030).")
@click.option("--stdin-filename", default="-", help="Name to report for input read from '-'.")
@click.option("--output-file", "-o", help="Write the report to this file instead of stdout.")
@click.option("--list-rules", is_flag=True, help="List every rule and exit.")
@click.option("--explain", metavar="CODE", help="Explain a rule: what, why, examples, source.")
@click.option("--version", is_flag=True, help="Print the version and exit.")
def command(
    paths: tuple[str, ...],
    fmt: str,
    as_of: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    rules_paths: tuple[str, ...],
    encoding: str | None,
    stdin_filename: str,
    output_file: str | None,
    list_rules: bool,
    explain: str | None,
    version: bool,
) -> int:
    """Lint Chinese report drafts (公文) for placeholders, outdated formulations, numbering
    and web residue.

    PATHS are files, folders (searched for *.txt and *.md), or '-' for standard input.
    """
    if version:
        click.echo(f"reportlint {__version__}")
        return 0
    if explain:
        _write_output(_explain(explain, rules_paths), output_file)
        return 0
    if list_rules:
        _write_output(_list_rules(rules_paths), output_file)
        return 0
    if not paths:
        raise click.UsageError("no PATH given (use '-' to read standard input)")
    day, auto = _parse_as_of(as_of)

    from lint.engine import Engine, select_rules
    from lint.report import ReportContext, renderer
    from lint.ruleset import load_ruleset
    from lint.runner import Settings, discover, lint_file

    ruleset = load_ruleset(rules_paths)
    rules = select_rules(ruleset, _split(select), _split(ignore))
    engine = Engine(rules)
    settings = Settings(as_of=day, as_of_auto=auto, encoding=encoding, stdin_filename=stdin_filename)
    ctx = ReportContext(
        rules=ruleset.by_code(),
        color=fmt in ("concise", "full") and not output_file and sys.stdout.isatty(),
        version=__version__,
        output_path=output_file,
    )
    diagnostics: list[Diagnostic] = []
    for path in discover(paths, settings.suffixes):
        result = lint_file(path, engine, settings)
        if result.error:
            ctx.errors.append((result.path, result.error))
            click.echo(f"reportlint: {result.error}", err=True)
            continue
        if result.document is not None:
            ctx.documents[result.path] = result.document
        if auto and result.as_of is not None:
            click.echo(f"reportlint: {result.path}: 按 {result.as_of} 判断提法 (as-of)", err=True)
        for code, problem in result.problems:
            click.echo(f"reportlint: {result.path}: {code}: {problem}", err=True)
        diagnostics.extend(result.diagnostics)
    diagnostics.sort(key=Diagnostic.sort_key)
    _write_output(renderer(fmt)(diagnostics, ctx), output_file)
    if ctx.errors:
        return 2
    threshold = SEVERITY_RANK[fail_on]
    return 1 if any(SEVERITY_RANK[d.severity] >= threshold for d in diagnostics) else 0


def main(argv: Sequence[str] | None = None) -> int:
    try:
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
        click.echo(f"reportlint: {exc}", err=True)
        return 2
    except BrokenPipeError:
        return 1
    return int(rc or 0)
