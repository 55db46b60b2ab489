"""From PATHS to filtered results: configuration per file, engines per worker, parallel runs.

    paths → discover → nearest config → Profile → lint (serial or process pool) → filters

A Profile is everything that decides how one file is linted; it is plain, hashable data so it
can cross to a worker process. Each process builds a rule set and an Engine once per distinct
(rule files, selection) and reuses it for every file, so a worker pays the set-up cost once.
Results come back in input order whatever the number of workers, so `--jobs 8` prints exactly
what `--jobs 1` prints.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import pickle
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TextIO

from lint.config import (
    Config,
    ConfigError,
    ConfigFinder,
    glob_matches,
    remap_severity,
)
from lint.engine import Engine, select_rules
from lint.model import CATEGORIES, SEVERITY_RANK, Diagnostic, ReportlintError
from lint.ruleset import RuleSet, load_ruleset
from lint.runner import FileResult, Settings, discover, lint_file
from lint.selectors import selector_applies
from lint.sources import DEFAULT_SUFFIXES

# When the worker count is automatic, small runs stay serial: every worker may load jieba
# (about a second of CPU) and results travel back pickled, which only pays off on a sizeable
# run. A pre-commit run on a few changed drafts is serial; a CI run over a repository is not.
MIN_PARALLEL_FILES = 8
MIN_PARALLEL_BYTES = 512 * 1024
# A progress bar only pays off when a run takes a while.
PROGRESS_MIN_FILES = 50


@dataclass(frozen=True)
class Request:
    """What the command line asked for; it overrides or extends each file's configuration."""

    as_of: dt.date | None = None
    as_of_auto: bool = False
    as_of_given: bool = False
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
    as_of: dt.date | None = None
    as_of_auto: bool = False
    encoding: str | None = None
    stdin_filename: str = "-"
    # Selectors from `per-file-ignores` whose glob matches this file.
    file_ignores: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    allow: tuple[str, ...] = ()
    fail_on: str = "warning"
    config: str | None = None

    @property
    def engine_key(self) -> tuple[object, ...]:
        return (self.rule_files, self.select, self.ignore, self.extend_select)

    @property
    def settings(self) -> Settings:
        return Settings(
            as_of=self.as_of,
            as_of_auto=self.as_of_auto,
            encoding=self.encoding,
            stdin_filename=self.stdin_filename,
        )


def make_profile(path: str, config: Config, request: Request) -> Profile:
    if request.as_of_given:
        as_of, auto = request.as_of, request.as_of_auto
    else:
        as_of, auto = config.as_of, config.as_of_auto
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
        as_of=as_of,
        as_of_auto=auto,
        encoding=request.encoding,
        stdin_filename=request.stdin_filename,
        file_ignores=file_ignores,
        severity=config.severity,
        allow=config.allow,
        fail_on=request.fail_on or config.fail_on or "warning",
        config=config.path,
    )


# Per-process caches: a worker builds each rule set and Engine once, not once per file.
_RULESETS: dict[tuple[str, ...], RuleSet] = {}
_ENGINES: dict[tuple[object, ...], Engine] = {}


def ruleset_for(rule_files: tuple[str, ...]) -> RuleSet:
    rs = _RULESETS.get(rule_files)
    if rs is None:
        rs = load_ruleset(rule_files)
        _RULESETS[rule_files] = rs
    return rs


def engine_for(profile: Profile) -> Engine:
    engine = _ENGINES.get(profile.engine_key)
    if engine is None:
        rules = select_rules(
            ruleset_for(profile.rule_files),
            profile.select,
            profile.ignore,
            profile.extend_select,
        )
        engine = Engine(rules)
        _ENGINES[profile.engine_key] = engine
    return engine


def _allowed(d: Diagnostic, result: FileResult, allow: Sequence[str]) -> bool:
    """True when the flagged text is an allowed phrase, or lies inside one in the text."""
    flagged = d.text.strip()
    if not flagged:
        return False
    text = result.document.text if result.document is not None else ""
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


def apply_profile(result: FileResult, profile: Profile) -> None:
    """Per-file ignores, `allow` and `severity` from the configuration."""
    kept: list[Diagnostic] = []
    for d in result.diagnostics:
        if any(selector_applies(s, d.code, d.name, d.category) for s in profile.file_ignores):
            continue
        if profile.allow and _allowed(d, result, profile.allow):
            continue
        if profile.severity:
            new = remap_severity(profile.severity, d.code, d.name, d.category)
            if new is not None:
                d.severity = new
        kept.append(d)
    result.diagnostics = kept


def lint_one(path: str, profile: Profile) -> FileResult:
    result = lint_file(path, engine_for(profile), profile.settings)
    apply_profile(result, profile)
    return result


def _lint_in_worker(path: str, profile: Profile) -> FileResult:
    result = lint_one(path, profile)
    # Readers may keep objects in Document.meta (e.g. .docx paragraphs) that cannot be
    # pickled back to the parent; the reports only need the text.
    if result.document is not None and result.document.meta:
        try:
            pickle.dumps(result.document.meta)
        except Exception:
            result.document.meta = {}
    return result


@dataclass
class Item:
    path: str
    profile: Profile


def plan(paths: Sequence[str], request: Request, finder: ConfigFinder) -> tuple[list[Item], int]:
    """Files to lint with their profiles, and how many were skipped by `exclude`."""
    items: list[Item] = []
    excluded = 0
    checked: set[tuple[str | None, tuple[str, ...]]] = set()
    for path in discover(paths, DEFAULT_SUFFIXES):
        named_stdin = path == "-" and request.stdin_filename != "-"
        config = finder.for_file(request.stdin_filename if named_stdin else path)
        rule_files = config.rules + request.rules
        if (config.path, rule_files) not in checked:
            checked.add((config.path, rule_files))
            ruleset = ruleset_for(rule_files)
            check_selectors(config, ruleset)
            check_request_selectors(request, ruleset)
        if path != "-" and any(glob_matches(g, path, config.root) for g in config.exclude):
            excluded += 1
            continue
        items.append(Item(path, make_profile(path, config, request)))
    return items, excluded


def check_selectors(config: Config, ruleset: RuleSet) -> None:
    """A configured code, prefix or rule name that matches no rule is a typo: say so (exit 2)."""
    if config.path is None:
        return
    named: list[tuple[str, str]] = [
        *(("select", s) for s in config.select or ()),
        *(("ignore", s) for s in config.ignore),
        *(("extend-select", s) for s in config.extend_select),
        *(("per-file-ignores", s) for _, sels in config.per_file_ignores for s in sels),
        *(("severity", s) for s, _ in config.severity),
    ]
    unmatched = _unmatched_selector(named, ruleset)
    if unmatched is not None:
        key, selector = unmatched
        raise ConfigError(f"{config.path}: key '{key}': '{selector}' 不匹配任何规则 (no such rule)")


def check_request_selectors(request: Request, ruleset: RuleSet) -> None:
    """The command line's selectors get the same typo check as a config file's: a selector
    that matches no rule would silently select nothing, and CI would pass everything."""
    named: list[tuple[str, str]] = [
        *(("--select", s) for s in request.select or ()),
        *(("--ignore", s) for s in request.ignore),
        *(("--extend-select", s) for s in request.extend_select),
    ]
    unmatched = _unmatched_selector(named, ruleset)
    if unmatched is not None:
        option, selector = unmatched
        hint = " (did you mean ALL?)" if selector.upper() == "ALL" else ""
        raise ReportlintError(f"{option}: '{selector}' 不匹配任何规则 (no such rule){hint}")


def _unmatched_selector(
    named: Sequence[tuple[str, str]], ruleset: RuleSet
) -> tuple[str, str] | None:
    """The first (where, selector) that matches no rule of `ruleset`, if any."""
    for where, selector in named:
        if selector == "ALL" or selector in CATEGORIES:
            continue
        if not any(selector_applies(selector, r.code, r.name, r.category) for r in ruleset):
            return where, selector
    return None


def workers_for(items: Sequence[Item], jobs: int) -> int:
    """How many processes to use: `jobs` as given (0: automatic, from the CPU count)."""
    if any(i.path == "-" for i in items) or len(items) < 2:
        return 1  # standard input can only be read here
    if jobs > 0:
        return min(jobs, len(items))
    if len(items) < MIN_PARALLEL_FILES:
        return 1
    size = 0
    for item in items:
        try:
            size += os.path.getsize(item.path)
        except OSError:
            continue
        if size >= MIN_PARALLEL_BYTES:
            return min(default_jobs(), len(items))
    return 1


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


class Progress:
    """`[#####.....] 120/400` on stderr, redrawn in place; only ever shown on a terminal."""

    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total = total
        self.stream = stream
        self.enabled = enabled
        self.done = 0

    @classmethod
    def for_run(cls, total: int, quiet: bool, stream: TextIO | None = None) -> Progress:
        stream = stream or sys.stderr
        tty = hasattr(stream, "isatty") and stream.isatty()
        return cls(total, stream, tty and not quiet and total > PROGRESS_MIN_FILES)

    def step(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        width = 30
        filled = width * self.done // max(1, self.total)
        bar = "#" * filled + "." * (width - filled)
        self.stream.write(f"\rreportlint [{bar}] {self.done}/{self.total}")
        self.stream.flush()

    def clear(self) -> None:
        """Wipe the bar so that a message can take the line; the next step redraws it."""
        if self.enabled and self.done:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def close(self) -> None:
        self.clear()


def _context() -> multiprocessing.context.BaseContext:
    # fork hands each worker the parent's loaded modules and parsed rule sets for free.
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()  # pragma: no cover - not on Linux


def run(items: Sequence[Item], jobs: int, progress: Progress | None = None) -> Iterator[FileResult]:
    """Lint every item with `jobs` processes (see workers_for); results in input order."""
    # Load every rule set up front, in this process: a bad rule file is reported once (exit 2)
    # before any worker starts, and forked workers inherit the parsed rules and the Engines,
    # so no worker builds one per file.
    for item in items:
        engine_for(item.profile)
    if jobs <= 1 or len(items) < 2 or any(i.path == "-" for i in items):
        for item in items:
            result = lint_one(item.path, item.profile)
            if progress:
                progress.step()
            yield result
        return
    workers = min(jobs, len(items))
    chunk = max(1, len(items) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        results = pool.map(
            _lint_in_worker,
            [i.path for i in items],
            [i.profile for i in items],
            chunksize=chunk,
        )
        for result in results:
            if progress:
                progress.step()
            yield result


def failing(diagnostics: Sequence[Diagnostic], fail_on: str) -> bool:
    threshold = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[d.severity] >= threshold for d in diagnostics)
