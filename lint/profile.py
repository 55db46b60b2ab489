"""Where a file's settings are decided: the command line over the nearest configuration, once.

    Request (command line) + Config (nearest configuration file) -> Profile (one per file)

A Profile is everything that decides how one file is linted and reported; it is plain,
hashable data so that it can cross to a worker process. Its `as_of` is one typed value: a
date, "auto" (the document's own date) or "today" (the run's date, taken once per run).
After the checks, `refine` applies what the configuration says about findings (per-file
ignores, `allow` phrases, `severity`), for reports and fixes alike.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from lint.config import Config, ConfigError, glob_matches
from lint.model import CATEGORIES, AsOf, Diagnostic, ReportlintError
from lint.ruleset import RuleSet
from lint.selectors import remap_severity, selector_applies, suggest


@dataclass(frozen=True)
class Request:
    """What the command line asked for; it overrides or extends each file's configuration."""

    as_of: dt.date | Literal["auto"] | None = None  # None: not given
    encoding: str | None = None
    stdin_filename: str = "-"
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    fail_on: str | None = None


@dataclass(frozen=True)
class Profile:
    rule_files: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    as_of: AsOf = "today"
    encoding: str | None = None
    stdin_filename: str = "-"
    # Selectors from `per-file-ignores` whose glob matches this file.
    file_ignores: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    allow: tuple[str, ...] = ()
    fail_on: str = "warning"
    config: str | None = None
    # The configuration's `baseline:` file (absolute), used when --baseline is not given.
    baseline: str | None = None

    @property
    def engine_key(self) -> tuple[object, ...]:
        return (self.rule_files, self.select, self.ignore, self.extend_select)

    def judge_date(self, text: str, today: dt.date) -> tuple[dt.date, str | None]:
        """The date to judge `text` at, and for "auto" where it came from (asof.SOURCES)."""
        if self.as_of == "today":
            return today, None
        if self.as_of != "auto":
            return self.as_of, None
        from lint.asof import infer_date_source

        day, source = infer_date_source(text)
        return day or today, source

    def refine(self, diagnostics: list[Diagnostic], text: str) -> list[Diagnostic]:
        """Drop per-file ignores and allowed phrases; give `severity` its say."""
        if not (self.file_ignores or self.allow or self.severity):
            return diagnostics
        kept: list[Diagnostic] = []
        for d in diagnostics:
            if any(selector_applies(s, d.code, d.name, d.category) for s in self.file_ignores):
                continue
            if self.allow and _allowed(d, text, self.allow):
                continue
            if self.severity:
                new = remap_severity(self.severity, d.code, d.name, d.category)
                if new is not None and new != d.severity:
                    d = dataclasses.replace(d, severity=new)
            kept.append(d)
        return kept


def _allowed(d: Diagnostic, text: str, allow: Sequence[str]) -> bool:
    """True when the flagged text is an allowed phrase, or lies inside one in the text."""
    flagged = d.text.strip()
    if not flagged:
        return False
    for phrase in allow:
        if flagged == phrase:
            return True
        at = phrase.find(flagged)
        while at != -1 and text:
            start = d.start - at
            if start >= 0 and text[start : start + len(phrase)] == phrase:
                return True
            at = phrase.find(flagged, at + 1)
    return False


def make_profile(path: str, config: Config, request: Request) -> Profile:
    as_of = request.as_of if request.as_of is not None else config.as_of
    # --select replaces the configured selection; --ignore and --extend-select add to it.
    select: tuple[str, ...] | None
    if request.select is not None:
        select, extend = request.select, request.extend_select
    else:
        select, extend = config.select, config.extend_select + request.extend_select
    target = path
    if path == "-":
        # An editor piping a buffer names it with --stdin-filename: globs apply to that name.
        named = request.stdin_filename != "-"
        target = request.stdin_filename if named else os.path.join(os.getcwd(), "-")
    file_ignores = tuple(
        s
        for glob, selectors in config.per_file_ignores
        if glob_matches(glob, target, config.root)
        for s in selectors
    )
    return Profile(
        rule_files=config.rules + request.rules,
        select=select,
        ignore=config.ignore + request.ignore,
        extend_select=extend,
        as_of=as_of if as_of is not None else "today",
        encoding=request.encoding,
        stdin_filename=request.stdin_filename,
        file_ignores=file_ignores,
        severity=config.severity,
        allow=config.allow,
        fail_on=request.fail_on or config.fail_on or "warning",
        config=config.path,
        baseline=config.baseline,
    )


def check_selectors(config: Config, request: Request, ruleset: RuleSet) -> None:
    """A configured or command-line code, prefix or rule name that matches no rule is a typo:
    it would silently select nothing, and CI would pass everything. Say so (exit 2)."""
    if config.path is not None:
        named: list[tuple[str, str]] = [
            *(("select", s) for s in config.select or ()),
            *(("ignore", s) for s in config.ignore),
            *(("extend-select", s) for s in config.extend_select),
            *(("per-file-ignores", s) for _, sels in config.per_file_ignores for s in sels),
            *(("severity", s) for s, _ in config.severity),
        ]
        problem = _unmatched_selector(named, ruleset)
        if problem is not None:
            raise ConfigError(f"{config.path}: {problem}")
    options: list[tuple[str, str]] = [
        *(("--select", s) for s in request.select or ()),
        *(("--ignore", s) for s in request.ignore),
        *(("--extend-select", s) for s in request.extend_select),
    ]
    problem = _unmatched_selector(options, ruleset)
    if problem is not None:
        raise ReportlintError(problem)


def did_you_mean(selector: str, ruleset: RuleSet) -> str:
    """`，是否想用 X？` for a typo: the same for the command line and the config file."""
    guess = suggest(selector, (r.code for r in ruleset), (r.name for r in ruleset))
    return f"，是否想用 {guess}？" if guess else "（可用 --list-rules 查看全部规则）"


def _unmatched_selector(named: Sequence[tuple[str, str]], ruleset: RuleSet) -> str | None:
    """What is wrong with the first (where, selector) that matches no rule of `ruleset`
    (with a guess at the code meant), if any."""
    for where, selector in named:
        if selector == "ALL" or selector in CATEGORIES:
            continue
        if not any(selector_applies(selector, r.code, r.name, r.category) for r in ruleset):
            return f"{where}：“{selector}”不匹配任何规则{did_you_mean(selector, ruleset)}"
    return None
