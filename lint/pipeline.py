"""From PATHS to a Run: the one way files are linted, with fixing as one of its stages.

    paths → discover → nearest config → Profile per file (lint.profile)
          → lint each file (serial or process pool), or fix it (lint → choose edits → apply
            → re-lint → write, lint.fix) → refine by the profile → baseline → Run

A Run holds what every output needs: the diagnostics in order, the documents, the files that
could not be read, the rules that reported, and whether the run fails. Notes for the reader
(errors, the date an "auto" file was judged at, fix summaries) go to `say` as they happen.

Each process builds a rule set and an Engine once per distinct (rule files, selection) and
reuses it for every file, so a worker pays the set-up cost once. Results come back in input
order whatever the number of workers, so `--jobs 8` prints exactly what `--jobs 1` prints.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from lint.config import ConfigFinder, glob_matches
from lint.document import Document
from lint.engine import Engine, select_rules
from lint.enginecache import engine_key
from lint.fix import FixStage
from lint.model import SEVERITY_RANK, SORT_KEY, Diagnostic, ReportlintError
from lint.profile import Profile, Request, check_selectors, make_profile
from lint.rule import Rule
from lint.ruleset import RuleSet, load_ruleset
from lint.runner import FileResult, discover, lint_file
from lint.sources import DEFAULT_SUFFIXES

if TYPE_CHECKING:
    import multiprocessing.context

    from lint.baseline import Baseline

# When the worker count is automatic, small runs stay serial: every worker may load jieba
# (about a second of CPU) and results travel back pickled, which only pays off on a sizeable
# run. A pre-commit run on a few changed drafts is serial; a CI run over a repository is not.
MIN_PARALLEL_FILES = 8
MIN_PARALLEL_BYTES = 512 * 1024
# A progress bar only pays off when a run takes a while.
PROGRESS_MIN_FILES = 50

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
        ruleset = ruleset_for(profile.rule_files)
        rules = select_rules(ruleset, profile.select, profile.ignore, profile.extend_select)
        engine = Engine(rules, cache_key=engine_key(ruleset.key, rules))
        _ENGINES[profile.engine_key] = engine
    return engine


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
            check_selectors(config, request, ruleset_for(rule_files))
        if path != "-" and any(glob_matches(g, path, config.root) for g in config.exclude):
            excluded += 1
            continue
        items.append(Item(path, make_profile(path, config, request)))
    return items, excluded


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


def _lint_in_worker(path: str, profile: Profile, today: dt.date) -> FileResult:
    result = lint_file(path, engine_for(profile), profile, today)
    # What the checks computed stays here: the parent only needs the text and the reader's
    # payload for reports, and pickling a document's structure costs more than it saves.
    if result.document is not None:
        result.document.forget_computed()
    return result


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    # fork hands each worker the parent's loaded modules and parsed rule sets for free.
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()  # pragma: no cover - not on Linux


def run(
    items: Sequence[Item],
    jobs: int,
    today: dt.date,
    progress: Progress | None = None,
    split: bool = False,
) -> Iterator[FileResult]:
    """Lint every item with `jobs` processes (see workers_for); results in input order.
    `split`: a large file linted here may share its check kinds with a forked child."""
    if jobs <= 1 or len(items) < 2 or any(i.path == "-" for i in items):
        for item in items:
            engine = engine_for(item.profile)
            engine.split = split
            result = lint_file(item.path, engine, item.profile, today)
            if progress:
                progress.step()
            yield result
        return
    # Imported here: a serial run (a pre-commit hook on a few drafts) never needs them.
    from concurrent.futures import ProcessPoolExecutor

    workers = min(jobs, len(items))
    chunk = max(1, len(items) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        results = pool.map(
            _lint_in_worker,
            [i.path for i in items],
            [i.profile for i in items],
            [today] * len(items),
            chunksize=chunk,
        )
        for result in results:
            if progress:
                progress.step()
            yield result


@dataclass
class Run:
    """What linting (or fixing) the paths found, ready for any output format."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)
    # Files that could not be linted: (path, one-line reason).
    errors: list[tuple[str, str]] = field(default_factory=list)
    # Files where a user rule was stopped by its time budget: not fully linted (exit 2).
    incomplete: list[str] = field(default_factory=list)
    # Every rule that may have reported, by code, for reports that describe them.
    rules: dict[str, Rule] = field(default_factory=dict)
    # Each file's lowest failing severity (`fail-on`).
    fail_on: dict[str, str] = field(default_factory=dict)
    fix: FixStage | None = None
    # How many files the run took up (for the summary line).
    files: int = 0

    @property
    def failed(self) -> bool:
        """Whether any diagnostic is at or above its file's failing severity."""
        return any(
            SEVERITY_RANK[d.severity] >= SEVERITY_RANK[self.fail_on.get(d.path, "warning")]
            for d in self.diagnostics
        )

    def exit_code(self, exit_zero: bool = False) -> int:
        if self.errors or self.incomplete:
            return 2
        return 0 if exit_zero else int(self.failed)


@dataclass
class Pipeline:
    """Paths in, a Run out. `fix` makes fixing a stage of the run; `baseline` (a file) hides
    the problems it records; `say` receives the notes for the reader as they happen."""

    request: Request
    finder: ConfigFinder
    say: Callable[[str], None]
    jobs: int = 0
    quiet: bool = False
    fix: FixStage | None = None
    baseline: str | None = None
    # False when the run records a new baseline instead of hiding the known problems.
    hide_known: bool = True
    # Files the run will write, by option (--output-file, --write-baseline): never an input.
    outputs: tuple[tuple[str, str | None], ...] = ()
    progress: Progress = field(init=False)

    def __post_init__(self) -> None:
        self.progress = Progress(0, sys.stderr, enabled=False)

    def run(self, paths: Sequence[str]) -> Run:
        from lint.baseline import load_baseline

        items, excluded = plan(paths, self.request, self.finder)
        if excluded:
            self.note(f"按配置 exclude 跳过 {excluded} 个文件")
        if not items:
            from lint.summary import nothing_to_check

            self.note(nothing_to_check(paths, excluded))
        if self.outputs:
            inputs = [i.path for i in items] + ([self.baseline] if self.baseline else [])
            _refuse_overwriting_inputs(inputs, self.outputs)
        # Read the baselines before linting: a bad baseline file is exit 2 without waiting.
        # --baseline applies to every file; else each file's configuration may name one.
        baselines: dict[str | None, Baseline] = {}
        if self.baseline and self.hide_known:
            baselines[None] = load_baseline(self.baseline)
        elif self.hide_known:
            for name in sorted({i.profile.baseline for i in items if i.profile.baseline}):
                baselines[name] = load_baseline(name)
        baseline_of = {i.path: i.profile.baseline for i in items}
        self.progress = Progress.for_run(len(items), self.quiet)
        out = Run(fix=self.fix, files=len(items))
        rule_files: set[tuple[str, ...]] = set()
        for item, result in zip(items, self._results(items), strict=True):
            if item.profile.rule_files not in rule_files:
                rule_files.add(item.profile.rule_files)
                out.rules.update(ruleset_for(item.profile.rule_files).by_code())
            if result.error:
                out.errors.append((result.path, result.error))
                self.note(result.error, always=True)
                continue
            if result.document is not None:
                out.documents[result.path] = result.document
            if result.as_of_source is not None:  # --as-of auto: lint.asof is loaded already
                from lint.asof import note_for_source

                note = note_for_source(result.as_of_source)
                self.note(f"{result.path}: 按 {result.as_of} 判断提法（{note}）")
            for code, problem in result.problems:
                self.note(f"{result.path}: {code}: {problem}", always=True)
            if result.incomplete:
                out.incomplete.append(result.path)
            out.fail_on[result.path] = item.profile.fail_on
            out.diagnostics.extend(result.diagnostics)
        self.progress.close()
        out.diagnostics.sort(key=SORT_KEY)
        if self.fix is not None:
            for note in self.fix.notes:
                self.note(note)
            self.note(self.fix.summary())
        if not (self.fix is not None and not self.fix.write):
            for file, known in baselines.items():
                self._hide_known(out, known, file, baseline_of)
        return out

    def _hide_known(
        self, out: Run, known: Baseline, name: str | None, baseline_of: dict[str, str | None]
    ) -> None:
        """Drop the problems `known` records from the files it covers (all, for --baseline)."""

        def covered(path: str) -> bool:
            return name is None or baseline_of.get(path) == name

        mine = [d for d in out.diagnostics if covered(d.path)]
        others = [d for d in out.diagnostics if not covered(d.path)]
        docs = {p: doc for p, doc in out.documents.items() if covered(p)}
        kept, suppressed, stale = known.filter(mine, docs)
        out.diagnostics = sorted(kept + others, key=SORT_KEY)
        shown = name if name is not None else self.baseline
        if suppressed:
            self.note(f"基线 {shown} 抑制了 {suppressed} 个已知问题")
        if stale:
            self.note(f"基线 {shown} 中有 {stale} 个问题已不再出现，可用 --write-baseline 更新基线")

    def note(self, message: str, *, always: bool = False) -> None:
        """A note for the reader on stderr; --quiet keeps only errors and rule problems."""
        if always or not self.quiet:
            self.progress.clear()
            self.say(message)

    def _results(self, items: Sequence[Item]) -> Iterator[FileResult]:
        # "today" is taken once, so every file of a run is judged at the same date.
        today = dt.date.today()
        # Load every rule set up front, in this process: a bad rule file is reported once
        # (exit 2) before any file is touched, and forked workers inherit the parsed rules
        # and the Engines, so no worker builds one per file.
        for item in items:
            engine_for(item.profile)
        if self.fix is None:
            # Two cores for one large file too, unless told to use one (--jobs 1).
            split = self.jobs != 1 and default_jobs() > 1
            yield from run(items, workers_for(items, self.jobs), today, self.progress, split)
            return
        for item in items:
            yield self.fix.file(item.path, engine_for(item.profile), item.profile, today)
            self.progress.step()


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
        raise ReportlintError(f"{outputs[0][1]}: --output-file 与 --write-baseline 是同一文件")


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)
