"""The `reportlint` command: map options onto the pipeline, render its Run, set the exit code.

Exit codes: 0 nothing at or above the failing severity, 1 problems found, 2 usage, config or
input error (one line naming the file, never a traceback), or a file not fully linted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from lint import __version__
from lint.cli_text import HELP, ChineseCommand, check_habit, error_message
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
    color: str
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


_LAST_RUN: Run | None = None  # see command


@click.command(
    cls=ChineseCommand,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    options_metavar="[选项]",
    epilog="示例：reportlint 草稿.txt　　reportlint --fix 草稿.txt　　reportlint --explain PH101",
)
@click.argument("paths", nargs=-1, type=str, metavar="文件或文件夹...")
@click.option(
    "--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="concise", help=HELP["format"]
)
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD|auto", help=HELP["as-of"])
@click.option("--select", multiple=True, metavar="规则", help=HELP["select"])
@click.option("--ignore", multiple=True, metavar="规则", help="不检查这些规则（写法同 --select）。")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help=HELP["fail-on"])
@click.option(
    "--extend-select",
    multiple=True,
    metavar="规则",
    help="在已选规则（配置或 --select）之外再加上这些。",
)
@click.option("--config", "config_path", metavar="文件", help="只用这个配置文件。")
@click.option("--isolated", is_flag=True, help="不读任何配置文件。")
@click.option("--show-config", metavar="文件", help="显示对这个文件生效的设置及其来源。")
@click.option("--baseline", metavar="文件", help="只报告基线文件中没有记录的新问题。")
@click.option("--write-baseline", metavar="文件", help="把当前所有问题记入基线文件（退出码 0）。")
@click.option("--statistics", is_flag=True, help="按规则统计问题数量，而不逐条列出。")
@click.option("--exit-zero", is_flag=True, help="发现问题时退出码也为 0。")
@click.option("--quiet", "-q", is_flag=True, help="只列出问题：不显示提示和最后的汇总行。")
@click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", help=HELP["color"]
)
@click.option("--fix", is_flag=True, help="直接在文件中做安全修复（“-”：输出修复后的文字）。")
@click.option("--diff", is_flag=True, help="显示 --fix 会做的修改（不写入文件）。")
@click.option(
    "--unsafe-fixes", is_flag=True, help="与 --fix 或 --diff 一起用：也做需要核对的修复。"
)
@click.option(
    "--test-rules", is_flag=True, help="运行所给规则文件中的示例，检查规则是否按预期工作。"
)
@click.option("--jobs", "-j", metavar="N", type=click.IntRange(min=0), default=0, help=HELP["jobs"])
@click.option(
    "--rules",
    "rules_paths",
    multiple=True,
    metavar="文件",
    help="另加的规则文件或文件夹（可重复）。",
)
@click.option("--encoding", metavar="编码", help="指定文件编码（如 gb18030）；默认自动识别。")
@click.option(
    "--stdin-filename", default="-", metavar="文件名", help="从“-”读入的文字按这个文件名报告。"
)
@click.option("--output-file", "-o", metavar="文件", help="把报告写入文件，而不是输出到屏幕。")
@click.option("--list-rules", is_flag=True, help="列出全部规则。")
@click.option("--explain", metavar="代码", help="说明一条规则：查什么、为什么、示例和依据。")
@click.option("--version", is_flag=True, help="显示版本号。")
def command(**kwargs: Any) -> int:
    """\b
    检查公文草稿（工作汇报、总结、通知、实施意见等）：未填写的占位符、
    按文档日期已过时的提法、序号层级、网页残留、错别字和标点。

    \b
    可以给出文件、文件夹（查找其中的 .txt、.md、.docx 文件），或用“-”读入标准输入。
    每个问题一行（文件:行:列: 代码 说明），最后是汇总；[*] 可用 --fix 修复。
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
        raise click.UsageError("请给出要检查的文件或文件夹（用“-”从标准输入读入）")
    if o.unsafe_fixes and not (o.fix or o.diff):
        raise click.UsageError("--unsafe-fixes 需要与 --fix 或 --diff 一起使用")
    check_habit(o.paths)
    global _LAST_RUN
    _LAST_RUN = run = _pipeline(o).run(o.paths)  # freed by the next run, or never: lint.__main__
    return _report(run, o)


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
            raise click.UsageError("--test-rules 需要给出规则文件或文件夹")
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
        return 2 if run.errors or run.incomplete else 1 if run.fix.changed_files else 0
    if o.write_baseline:
        n = save_baseline(o.write_baseline, run.diagnostics, run.documents)
        if not o.quiet:
            click.echo(f"reportlint: 已将 {n} 个问题写入基线 {o.write_baseline}", err=True)
        return 2 if run.errors or run.incomplete else 0
    emit(run, o.fmt, o.output_file, statistics=o.statistics, color=o.color, summary=not o.quiet)
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
        click.echo(f"reportlint: {error_message(exc)}（reportlint --help 查看用法）", err=True)
        return 2
    except click.exceptions.Abort:
        click.echo("reportlint: 已中止", err=True)
        return 2
    except ReportlintError as exc:
        click.echo(f"reportlint: {printable(str(exc))}", err=True)
        return 2
    except BrokenPipeError:
        return 1
    return int(rc or 0)
