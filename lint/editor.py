"""Lint a buffer held in memory, as an editor has it, with the command line's settings.

The language server (`lint/lsp/`) calls this on every debounced edit, so it only does what a
run on that file would do: find the nearest configuration for the file's path (re-read when
a configuration file changes), resolve the as-of date the same way, reuse the engine built
for that configuration, and apply per-file ignores, `allow` and `severity`. Nothing here
imports the language-server library: the logic is tested without it.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from lint import pipeline
from lint.config import CONFIG_FILES, ConfigFinder
from lint.document import Document
from lint.fix import choose_edits, collect_edits
from lint.model import Diagnostic, Edit, ReportlintError
from lint.profile import Request, check_selectors, make_profile
from lint.rule import Rule
from lint.sources import MARKDOWN_SUFFIXES


@dataclass
class BufferResult:
    document: Document
    diagnostics: list[Diagnostic] = field(default_factory=list)
    as_of: dt.date | None = None
    # A configuration or rule-file error: the buffer could not be linted at all.
    error: str | None = None
    # Named problems of single check kinds (e.g. jieba missing), as the CLI prints them.
    problems: list[tuple[str, str]] = field(default_factory=list)
    # The rules this buffer was linted with, by code (for the editor's hover text).
    rules: dict[str, Rule] = field(default_factory=dict)


def document_for(path: str, text: str) -> Document:
    if Path(path).suffix.lower() in MARKDOWN_SUFFIXES:
        from lint.sources.markdown import markdown_document

        return markdown_document(text, path)
    return Document(path=path, text=text)


class BufferLinter:
    """One per server: keeps the configuration lookup until a configuration file changes."""

    def __init__(self, as_of: dt.date | None = None) -> None:
        self.as_of = as_of
        self._finder = ConfigFinder()
        self._stamps: dict[str, tuple[tuple[str, int, int], ...]] = {}

    @staticmethod
    def _config_stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
        """(path, mtime, size) of every configuration file from `folder` up to the root."""
        out = []
        for parent in (folder, *folder.parents):
            for name in CONFIG_FILES:
                try:
                    st = (parent / name).stat()
                except OSError:
                    continue
                out.append((str(parent / name), st.st_mtime_ns, st.st_size))
        return tuple(out)

    def _finder_for(self, path: str) -> ConfigFinder:
        # A team edits `.reportlint.yaml` while the editor is open: a changed, added or
        # removed configuration file on the way up starts the lookup afresh.
        folder = Path(os.path.abspath(path)).parent
        stamp = self._config_stamp(folder)
        known = self._stamps.get(str(folder))
        if known != stamp:
            self._finder = ConfigFinder()
            if known is not None:
                self._stamps.clear()
            self._stamps[str(folder)] = stamp
        return self._finder

    def lint(self, path: str, text: str) -> BufferResult:
        doc = document_for(path, text)
        result = BufferResult(doc)
        try:
            config = self._finder_for(path).for_file(path)
            request = Request(as_of=self.as_of)
            profile = make_profile(path, config, request)
            ruleset = pipeline.ruleset_for(profile.rule_files)
            check_selectors(config, request, ruleset)
            engine = pipeline.engine_for(profile)
        except ReportlintError as exc:
            result.error = str(exc)
            return result
        # The same date and the same refinement (per-file ignores, allow, severity) as a run.
        day, _source = profile.judge_date(doc.text, dt.date.today())
        checked = engine.check(doc, day)
        result.diagnostics = profile.refine(checked.diagnostics, doc.text)
        result.as_of = day
        result.problems = checked.problems
        result.rules = ruleset.by_code()
        return result


def fix_all_edits(diagnostics: list[Diagnostic], unsafe: bool = False) -> list[Edit]:
    """The edits one `--fix` round would apply to these diagnostics (non-overlapping)."""
    return choose_edits(collect_edits(diagnostics, unsafe))
