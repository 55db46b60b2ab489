"""The `reportlint` command: parse options, call the library, set the exit code.

Exit codes: 0 nothing at or above the failing severity, 1 problems found, 2 usage, config or
input error (one line naming the file, never a traceback).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lint import __version__
from lint.model import SEVERITY_RANK, Diagnostic, ReportlintError

if TYPE_CHECKING:
    from lint.config import ConfigFinder

FORMAT_CHOICES = [
    "concise",
    "full",
    "json",
    "json-lines",
    "github",
    "sarif",
    "junit",
    "gitlab",
    "html",
    "docx",
]


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
    from lint.rule import Example
    from lint.ruleset import load_ruleset

    ruleset = load_ruleset(rules_paths)
    rule = next((r for r in ruleset if r.code == code.upper() or r.name == code), None)
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
    if rule.description:
        lines.append(rule.description)
    lines.append(f"message: {rule.message}")
    if rule.suggestion:
        lines.append(f"suggestion: {rule.suggestion}")
    if rule.source:
        lines += ["", f"source: {rule.source}"]
    from lint.timeref import describe_facts

    facts = describe_facts(rule)
    if facts:
        lines += ["", *facts]

    # A dated rule's examples are judged at a date: show it, or the same sentence could
    # appear as both bad and good with nothing to tell the reader why.
    def example(mark: str, e: Example) -> str:
        dated = e.as_of is not None or rule.effective_from or rule.effective_until
        day = e.as_of or rule.example_date()
        # Multi-line examples keep their shape: continuation lines are indented under the text.
        text = e.text.replace("\r\n", "\n").replace("\n", "\n    ")
        return f"  {mark} {text}" + (f"    (as of {day})" if dated and day else "")

    lines += ["", "examples (bad):"] + [example("✗", e) for e in rule.bad]
    lines += ["examples (good):"] + [example("✓", e) for e in rule.good]
    lines += ["", f"defined in {rule.file}:{rule.line}"]
    return "\n".join(lines) + "\n"


def _list_rules(rules_paths: Sequence[str]) -> str:
    from lint.ruleset import load_ruleset

    out = []
    for r in sorted(load_ruleset(rules_paths), key=lambda r: r.code):
        dates = ""
        if r.effective_from or r.effective_until:
            dates = f" [{r.effective_from or ''}..{r.effective_until or ''}]"
        fix = f" fix:{r.fix_safety}" if r.fix_safety else ""
        out.append(f"{r.code}\t{r.name}\t{r.category}\t{r.severity}{fix}{dates}")
    return "\n".join(out) + "\n"


def _write_output(text: str | bytes, output_file: str | None) -> None:
    if output_file:
        try:
            # Binary formats (the reviewed .docx copy) are written as they are.
            if isinstance(text, bytes):
                Path(output_file).write_bytes(text)
            else:
                Path(output_file).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ReportlintError(f"{output_file}: 无法写入 ({exc.strerror or exc})") from None
    elif isinstance(text, bytes):
        sys.stdout.buffer.write(text)
        sys.stdout.flush()
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
def command(
    paths: tuple[str, ...],
    fmt: str,
    as_of: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    extend_select: tuple[str, ...],
    config_path: str | None,
    isolated: bool,
    show_config: str | None,
    baseline: str | None,
    write_baseline: str | None,
    statistics: bool,
    exit_zero: bool,
    quiet: bool,
    fix: bool,
    diff: bool,
    unsafe_fixes: bool,
    test_rules: bool,
    jobs: int,
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

    PATHS are files, folders (searched for *.txt, *.md and *.docx), or '-' for standard input.
    """
    if version:
        click.echo(f"reportlint {__version__}")
        return 0
    if explain or list_rules:
        # A team's own rules (config `rules`) are explained and listed like built-in ones.
        cwd_config = _finder(config_path, isolated).for_dir(Path.cwd())
        rules_paths = (*cwd_config.rules, *rules_paths)
    if explain:
        _write_output(_explain(explain, rules_paths), output_file)
        return 0
    if list_rules:
        _write_output(_list_rules(rules_paths), output_file)
        return 0
    if show_config:
        _write_output(_show_config(show_config, config_path, isolated), output_file)
        return 0
    if test_rules:
        return _test_rules(paths, output_file)
    if not paths:
        raise click.UsageError("no PATH given (use '-' to read standard input)")
    if unsafe_fixes and not (fix or diff):
        raise click.UsageError("--unsafe-fixes needs --fix or --diff")
    day, auto = _parse_as_of(as_of)

    from lint import pipeline
    from lint.baseline import load_baseline, save_baseline
    from lint.report import ReportContext, renderer

    request = pipeline.Request(
        as_of=day,
        as_of_auto=auto,
        as_of_given=as_of is not None,
        encoding=encoding,
        stdin_filename=stdin_filename,
        select=tuple(_split(select)) if select else None,
        ignore=tuple(_split(ignore)),
        extend_select=tuple(_split(extend_select)),
        rules=tuple(str(Path(r).resolve()) for r in rules_paths),
        fail_on=fail_on,
    )
    items, excluded = pipeline.plan(paths, request, _finder(config_path, isolated))
    if excluded and not quiet:
        click.echo(f"reportlint: 按配置 exclude 跳过 {excluded} 个文件 (excluded)", err=True)
    _refuse_overwriting_inputs(
        [i.path for i in items] + ([baseline] if baseline else []),
        [("--output-file", output_file), ("--write-baseline", write_baseline)],
    )
    # Read the baseline before linting: a bad baseline file is exit 2 without waiting.
    known = load_baseline(baseline) if baseline and not write_baseline else None
    ctx = ReportContext(
        color=fmt in ("concise", "full") and not output_file and sys.stdout.isatty(),
        version=__version__,
        output_path=output_file,
    )
    fail_on_by_path: dict[str, str] = {}
    progress = pipeline.Progress.for_run(len(items), quiet)
    diagnostics: list[Diagnostic] = []
    fixer = None
    if fix or diff:
        from lint.fix import FixRun

        fixer = FixRun(unsafe=unsafe_fixes, write=not diff)
        results = fixer.run(items, progress)
    else:
        results = pipeline.run(items, pipeline.workers_for(items, jobs), progress)
    seen_rule_files: set[tuple[str, ...]] = set()
    for item, result in zip(items, results, strict=True):
        if item.profile.rule_files not in seen_rule_files:
            seen_rule_files.add(item.profile.rule_files)
            ctx.rules.update(pipeline.ruleset_for(item.profile.rule_files).by_code())
        if result.error:
            ctx.errors.append((result.path, result.error))
            progress.clear()
            click.echo(f"reportlint: {result.error}", err=True)
            continue
        if result.document is not None:
            ctx.documents[result.path] = result.document
        if item.profile.as_of_auto and result.as_of is not None and not quiet:
            progress.clear()
            from lint.asof import as_of_note

            note = as_of_note(result.document.text) if result.document is not None else "as-of"
            click.echo(f"reportlint: {result.path}: 按 {result.as_of} 判断提法（{note}）", err=True)
        for code, problem in result.problems:
            progress.clear()
            click.echo(f"reportlint: {result.path}: {code}: {problem}", err=True)
        fail_on_by_path[result.path] = item.profile.fail_on
        diagnostics.extend(result.diagnostics)
    progress.close()
    diagnostics.sort(key=Diagnostic.sort_key)
    if fixer is not None:
        for note in fixer.notes if not quiet else ():
            click.echo(f"reportlint: {note}", err=True)
        if not quiet:
            click.echo(f"reportlint: {fixer.summary()}", err=True)
        if diff:
            _write_output("".join(fixer.diffs), output_file)
            return 2 if ctx.errors else 1 if fixer.changed_files else 0
    if write_baseline:
        n = save_baseline(write_baseline, diagnostics, ctx.documents)
        if not quiet:
            click.echo(f"reportlint: 已将 {n} 个问题写入基线 {write_baseline}", err=True)
        return 2 if ctx.errors else 0
    if known is not None:
        diagnostics, suppressed, stale = known.filter(diagnostics, ctx.documents)
        if suppressed and not quiet:
            click.echo(f"reportlint: 基线 {baseline} 抑制了 {suppressed} 个已知问题", err=True)
        if stale and not quiet:
            click.echo(
                f"reportlint: 基线中 {stale} 个问题已不再出现，可用 --write-baseline 更新 (stale)",
                err=True,
            )
    if statistics:
        _write_output(_statistics(diagnostics, fmt), output_file)
    elif fixer is not None and fixer.stdin_output is not None:
        # Standard output carries the fixed text, so the report goes elsewhere.
        report = renderer(fmt)(diagnostics, ctx)
        if output_file:
            _write_output(report, output_file)
        elif isinstance(report, str):
            click.echo(report, err=True, nl=False)
        sys.stdout.buffer.write(fixer.stdin_output)
        sys.stdout.flush()
    else:
        _write_output(renderer(fmt)(diagnostics, ctx), output_file)
    if ctx.errors:
        return 2
    if exit_zero:
        return 0
    failed = any(
        SEVERITY_RANK[d.severity] >= SEVERITY_RANK[fail_on_by_path.get(d.path, "warning")]
        for d in diagnostics
    )
    return 1 if failed else 0


def _refuse_overwriting_inputs(
    inputs: Sequence[str], outputs: Sequence[tuple[str, str | None]]
) -> None:
    """An output file that is one of the inputs would replace the draft with a report: refuse
    before anything is linted or fixed (a link or another name for the file counts too)."""
    for option, out in outputs:
        if not out or out == "-":
            continue
        for path in inputs:
            if path != "-" and _same_file(path, out):
                raise ReportlintError(
                    f"{out}: {option} 指向输入文件，不能覆盖原文件，请另选输出文件"
                    "（same file as an input）"
                )
    if outputs[0][1] and outputs[1][1] and _same_file(outputs[0][1], outputs[1][1]):
        raise ReportlintError(
            f"{outputs[0][1]}: --output-file 与 --write-baseline 是同一文件（same file）"
        )


def _same_file(a: str, b: str) -> bool:
    import os

    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _finder(config_path: str | None, isolated: bool) -> ConfigFinder:
    from lint.config import Config, ConfigFinder, load_config

    if isolated:
        return ConfigFinder(forced=Config())
    return ConfigFinder(forced=load_config(config_path) if config_path else None)


def _show_config(path: str, config_path: str | None, isolated: bool) -> str:
    import yaml

    from lint import pipeline
    from lint.config import glob_matches

    config = _finder(config_path, isolated).for_file(path)
    profile = pipeline.make_profile(path, config, pipeline.Request())
    excluded = any(glob_matches(g, path, config.root) for g in config.exclude)
    as_of: str | None = "auto" if profile.as_of_auto else None
    if profile.as_of is not None:
        as_of = profile.as_of.isoformat()
    data = {
        "file": path,
        "config": config.path or "(none: built-in defaults)",
        "excluded": excluded,
        "as-of": as_of or "(today)",
        "select": list(profile.select) if profile.select is not None else ["ALL"],
        "ignore": list(profile.ignore),
        "extend-select": list(profile.extend_select),
        "per-file-ignores": list(profile.file_ignores),
        "severity": dict(profile.severity),
        "fail-on": profile.fail_on,
        "rules": list(profile.rule_files),
        "exclude": list(config.exclude),
        "allow": list(profile.allow),
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _test_rules(paths: Sequence[str], output_file: str | None) -> int:
    from lint.rule_tests import check_rule_examples
    from lint.ruleset import expand_rule_paths, load_ruleset

    if not paths:
        raise click.UsageError("--test-rules needs rule files or folders as PATHS")
    files = expand_rule_paths(paths)
    # Loading them together with the built-in rules validates them and catches code clashes.
    ruleset = load_ruleset(files)
    wanted = {str(f.resolve()) for f in files}
    rules = [r for r in ruleset if str(Path(r.file).resolve()) in wanted]
    lines: list[str] = []
    examples = 0
    for rule in rules:
        examples += len(rule.bad) + len(rule.good)
        lines.extend(str(f) for f in check_rule_examples(rule))
    failed = len(lines)
    lines.append(
        f"{len(rules)} 条规则，{examples} 个示例: "
        + (f"{failed} 个失败" if failed else "全部通过")
        + f" ({len(rules)} rules, {examples} examples, {failed} failed)"
    )
    _write_output("\n".join(lines) + "\n", output_file)
    return 1 if failed else 0


def _statistics(diagnostics: Sequence[Diagnostic], fmt: str) -> str:
    counts: dict[str, list[object]] = {}
    for d in diagnostics:
        row = counts.setdefault(d.code, [d.code, d.name, d.severity, 0])
        row[3] = int(str(row[3])) + 1
    rows = sorted(counts.values(), key=lambda r: (-int(str(r[3])), str(r[0])))
    if fmt in ("json", "json-lines"):
        import json

        data = [{"code": c, "name": n, "severity": s, "count": k} for c, n, s, k in rows]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return "".join(f"{k:>6}  {c:<6} {n} ({s})\n" for c, n, s, k in rows)


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
        click.echo(f"reportlint: {exc}", err=True)
        return 2
    except BrokenPipeError:
        return 1
    return int(rc or 0)
