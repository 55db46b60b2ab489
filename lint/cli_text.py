"""The command line in Chinese: help headings, usage line and click's own error messages.

click writes `Usage:`, `Options:`, `Show this message and exit.` and its errors in English.
This module renders them in Chinese, with full-width punctuation, for people who write
drafts; option names and values stay as they are typed.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import click

_HELP_FORMAT = (
    "输出格式：concise（默认，每个问题一行）、full（附原文和标记）、html、docx（给人看的报告），"
    "json、sarif 等（给程序和 CI 用）。"
)
_HELP_AS_OF = (
    "按此日期判断提法是否过时（默认：配置文件中的 as-of，否则今天）；auto：按文档落款日期。"
)
_HELP_SELECT = "只检查这些规则：代码（PH101）、代码前缀（PH）、类别或规则名。"
_HELP_FAIL_ON = "达到此级别的问题使退出码为 1（默认：配置文件，否则 warning）。"
_HELP_COLOR = "彩色输出：auto（默认：输出到终端且未设置 NO_COLOR 时）、always、never。"
_HELP_JOBS = (
    "并行进程数（默认 0：文件较多时按 CPU 核数；单个大文件的各类检查分给两个进程）。"
    "--jobs 1 只用一个进程。"
)


_NO_LINE_START = frozenset("，。、；：？！）》”’」』】〕…—")


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int) -> list[str]:
    """Greedy wrapping by display width (a Chinese character takes two columns)."""
    lines: list[str] = []
    line = ""
    for c in text:
        # A closing mark never starts a line (Chinese line-breaking rules): it overhangs.
        if display_width(line + c) > width and line and c not in _NO_LINE_START:
            # Latin words (option names, format names) are not split.
            head, word = line, ""
            if c.isascii() and c.isalnum():
                m = re.search(r"[A-Za-z0-9_-]+$", line)
                if m and m.start() > 0:
                    head, word = line[: m.start()], m.group(0)
            lines.append(head.rstrip())
            line = (word + c).lstrip()
        else:
            line += c
    return [*lines, line.rstrip()] if line.strip() or not lines else lines


HELP = {
    "format": _HELP_FORMAT,
    "as-of": _HELP_AS_OF,
    "select": _HELP_SELECT,
    "fail-on": _HELP_FAIL_ON,
    "color": _HELP_COLOR,
    "jobs": _HELP_JOBS,
}


class ChineseFormatter(click.HelpFormatter):
    """click's help layout measured in display columns, with Chinese headings."""

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        first_col = min(max(display_width(a) for a, _ in rows), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(indent + first)
            if not second:
                self.write("\n")
                continue
            used = display_width(first)
            if used <= first_col - col_spacing:
                self.write(" " * (first_col - used))
            else:
                self.write("\n" + indent + " " * first_col)
            lines = wrap(second, max(self.width - first_col - self.current_indent, 20))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(indent + " " * first_col + line + "\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="用法：" if prefix is None else prefix)


class ChineseContext(click.Context):
    formatter_class = ChineseFormatter


class ChineseCommand(click.Command):
    context_class = ChineseContext

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [
            r
            for p in self.get_params(ctx)
            if isinstance(p, click.Option) and (r := p.get_help_record(ctx)) is not None
        ]
        # click appends the range of an IntRange in English ("[x>=0]"); the help says it.
        rows = [(a, re.sub(r"\s*\[x>=\d+\]$", "", b)) for a, b in rows]
        if rows:
            with formatter.section("选项"):
                formatter.write_dl(rows)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option


def _option_name(param: Any) -> str:
    if param is None:
        return "参数"
    opts = getattr(param, "opts", None) or []
    if isinstance(param, click.Option) and opts:
        return "/".join(sorted(opts, key=len, reverse=True)[:1])
    return str(getattr(param, "name", None) or "参数").upper()


def error_message(exc: click.ClickException) -> str:
    """One Chinese line for a click usage error (what `exc.show()` would print in English)."""
    if isinstance(exc, click.NoSuchOption):
        text = f"没有选项 {exc.option_name}"
        if exc.possibilities:
            text += f"，是否想用 {'、'.join(sorted(exc.possibilities))}？"
        return text
    if isinstance(exc, click.BadOptionUsage):
        if "requires an argument" in exc.message:
            return f"选项 {exc.option_name} 后面需要一个值"
        return f"选项 {exc.option_name} 用法有误：{exc.message}"
    if isinstance(exc, click.MissingParameter):
        return f"缺少 {_option_name(exc.param)}"
    if isinstance(exc, click.BadParameter):
        param = exc.param
        name = exc.param_hint if isinstance(exc.param_hint, str) else _option_name(param)
        ptype = getattr(param, "type", None)
        if isinstance(ptype, click.Choice):
            choices = [str(c) for c in ptype.choices]
            value = exc.message.split("'")[1] if exc.message.count("'") >= 2 else ""
            text = f"{name} 的值“{value}”无效，可选：{'、'.join(choices)}"
            close = difflib.get_close_matches(value, choices, n=1)
            return text + (f"（是否想用 {close[0]}？）" if close else "")
        if isinstance(ptype, click.IntRange):
            return f"{name} 应为不小于 {ptype.min} 的整数"
        return f"{name}：{exc.message}"
    if isinstance(exc, click.UsageError):
        message = exc.message
        if message.startswith("Got unexpected extra argument"):
            return "多余的参数：" + message.split("(", 1)[-1].rstrip(")")
        return message
    return exc.format_message()


# Other linters are run as `ruff check FILE`, `eslint --fix FILE`: the habit is common.
_SUBCOMMAND_HABITS = frozenset({"check", "lint", "fix", "format", "run"})


def check_habit(paths: tuple[str, ...] | list[str]) -> None:
    """`reportlint check 草稿.txt`: say that reportlint takes the files directly."""
    first = paths[0] if paths else ""
    if first not in _SUBCOMMAND_HABITS or os.path.exists(first):
        return
    rest = " ".join(paths[1:]) or "草稿.txt"
    hint = f"reportlint 没有“{first}”子命令，请直接给出要检查的文件：reportlint {rest}"
    if first in ("fix", "format"):
        hint += f"；要自动修复，用 reportlint --fix {rest}"
    raise click.UsageError(hint)
