"""Run a rule set on Documents: select rules, apply as-of dates, build sorted Diagnostics."""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import itertools
import operator
import string
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from lint import enginecache, forked, timing
from lint.checks import Check, Finding, RunContext, kind_class
from lint.deletions import settle_line_deletions
from lint.document import Document
from lint.model import SORT_KEY, Diagnostic, ReportlintError
from lint.printable import printable
from lint.rule import Rule
from lint.ruleset import RuleSet, is_builtin
from lint.segment import Segmenter
from lint.selectors import selector_applies

# Regex time each rule gets per character of a file, on top of Engine.regex_timeout.
REGEX_SECONDS_PER_CHAR = 0.5e-6


def selector_matches(selector: str, rule: Rule) -> bool:
    """A selector is a code, a code prefix (`FM`, `FM1`), a category, a rule name, or ALL."""
    return selector_applies(selector, rule.code, rule.name, rule.category)


def select_rules(
    rules: Iterable[Rule],
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    extend_select: Sequence[str] | None = None,
) -> list[Rule]:
    chosen = []
    for r in rules:
        picked = not select or any(selector_matches(s, r) for s in select)
        if extend_select and any(selector_matches(s, r) for s in extend_select):
            picked = True
        if ignore and any(selector_matches(s, r) for s in ignore):
            picked = False
        if picked:
            chosen.append(r)
    return chosen


_FORMATTER = string.Formatter()


# (template, flagged text, suggestion, *values) -> message: see Engine.diagnostic.
_MESSAGES: dict[tuple[object, ...], str] = {}
# template -> [(literal, field name or None, field text as written)]: parsed once per rule.
_TEMPLATES: dict[str, list[tuple[str, str | None, str]]] = {}


def _parse_template(template: str) -> list[tuple[str, str | None, str]]:
    parts = _TEMPLATES.get(template)
    if parts is None:
        try:
            parsed = list(_FORMATTER.parse(template))
        except ValueError:
            parsed = [(template, None, None, None)]
        parts = []
        for literal, name, spec, conv in parsed:
            if name is None:
                parts.append((literal, None, ""))
                continue
            written = "{" + name + ("!" + conv if conv else "") + (":" + spec if spec else "") + "}"
            # Only plain names are ever filled: see format_message.
            parts.append((literal, name if not spec and conv is None else None, written))
        if len(_TEMPLATES) > 4096:
            _TEMPLATES.clear()
        _TEMPLATES[template] = parts
    return parts


def format_message(template: str, values: dict[str, str]) -> str:
    """Fill `{name}` fields from `values`; everything else stays as written.

    Only plain names are substituted: a format spec (`{match:>900000000}`), a conversion or an
    attribute lookup (`{match.__class__}`) in a user's rule could otherwise allocate gigabytes
    or reach into Python objects. Unknown names and such fields are left literally.
    """
    out: list[str] = []
    for literal, name, written in _parse_template(template):
        out.append(literal)
        if name is not None and name in values:
            value = str(values[name])
            if literal.endswith("“") and ("“" in value or "”" in value):
                # Quotes inside quotes are single quotes (GB/T 15834 4.8): a message says
                # “以邓小平理论和‘三个代表’重要思想为指导”, not a doubled ““.
                value = value.replace("“", "‘").replace("”", "’")
            out.append(value)
        else:
            out.append(written)
    return "".join(out)


@dataclass
class Result:
    diagnostics: list[Diagnostic]
    # (rule code, problem) pairs: rules that could not run fully, e.g. a regex timeout.
    problems: list[tuple[str, str]] = field(default_factory=list)
    # Rules stopped by their time budget in this file: none of their findings are reported,
    # and the file does not count as linted (exit code 2).
    incomplete: list[str] = field(default_factory=list)


def _drop_shadowed(
    diagnostics: list[Diagnostic], shadows: list[tuple[int, int, str]]
) -> list[Diagnostic]:
    """Drop findings that lie wholly inside a `shadow: true` finding of another rule.

    A shadowing span (a web-page footer, a teaser list) is not document text: a half-width
    comma or a typo inside it is noise next to "delete this block", and its fix would only
    overlap the block's deletion. Shadows are few: each looks only at the findings that start
    inside it (found by bisection), not every finding at each shadow.
    """
    # Rules shadowing the same span (a footer line that is both `本站部分资源搜集整理于…` and
    # `如有侵权请联系…`) would each hide the other, and the line would go unreported: the span
    # keeps the finding of the first rule by code, the others are inside it.
    first: dict[tuple[int, int], str] = {}
    for start, end, code in shadows:
        if code < first.get((start, end), "\uffff"):
            first[(start, end)] = code
    shadows = sorted((start, end, code) for (start, end), code in first.items())
    starts = [d.start for d in diagnostics]  # sorted
    dropped: set[int] = set()
    for start, end, code in shadows:
        i = bisect.bisect_left(starts, start)
        n = bisect.bisect_right(starts, end)
        for j in range(i, n):
            d = diagnostics[j]
            if d.end <= end and d.code != code:
                dropped.add(j)
    if not dropped:
        return diagnostics
    return [d for j, d in enumerate(diagnostics) if j not in dropped]


def diagnostics(doc: Document, findings: Iterable[Finding]) -> list[Diagnostic]:
    """Each finding as a Diagnostic: its positions, flagged text and message.

    Called with every finding of a file: a dirty 1.4 M-character file has ~70,000, so this is
    one loop with one bisection per span and no per-finding template parsing. An edit ends
    at its exclusive end (LSP style): a deleted line ends at column 1 of the next line.
    """
    text = doc.text
    n = len(text)
    path = doc.path
    starts = doc.line_starts
    lines = len(starts)
    bisect_right = bisect.bisect_right
    messages = _MESSAGES
    out: list[Diagnostic] = []
    append = out.append
    last_rule = None
    code = name = category = severity = template = ""
    for f in findings:
        rule = f.rule
        if rule is not last_rule:  # a kind yields a rule's findings together, mostly
            last_rule = rule
            code, name, category, severity = rule.code, rule.name, rule.category, rule.severity
            template = rule.message
        start = f.start
        end = f.end
        if not 0 <= start <= end <= n:
            start = max(0, min(start, n))
            end = max(start, min(end, n))
        i = bisect_right(starts, start) - 1
        ls = starts[i]
        line = i + 1
        col = start - ls + 1
        # Nearly every span stays on its line: the end needs no bisection of its own.
        one_line = line == lines or end < starts[line]
        if end <= start:
            end_line, end_col = line, col
        elif one_line or end - 1 < starts[line]:
            end_line, end_col = line, end - ls + 1
        else:
            end_line, end_col = doc.end_position(start, end)
        flagged = text[start:end]
        suggestion = f.suggestion
        if f.message or f.values:
            message = _own_message(f, template, flagged)
        else:
            # Most findings have no values: _message's cache entry, looked up without a call.
            message = messages.get((template, flagged, suggestion)) or _message(
                template, flagged, suggestion, f.values
            )
        fix = f.fix
        if fix is None:
            positions: tuple[tuple[int, int, int, int], ...] = ()
        else:
            edits = fix.edits
            if len(edits) == 1 and one_line and edits[0].start == start and edits[0].end == end:
                positions = ((line, col, end_line, end_col),)
            else:
                positions = tuple((*doc.position(e.start), *doc.position(e.end)) for e in edits)
        append(
            Diagnostic(
                path,
                start,
                end,
                line,
                col,
                end_line,
                end_col,
                code,
                name,
                category,
                severity,
                message,
                suggestion,
                fix,
                flagged,
                positions,
            )
        )
    return out


def _own_message(f: Finding, template: str, flagged: str) -> str:
    """The message of a finding that brings its own, or its own values for the template."""
    if f.message:
        return printable(f.message)
    return _message(template, flagged, f.suggestion, f.values)


def _message(template: str, flagged: str, suggestion: str | None, values: dict[str, str]) -> str:
    """The rule's message for one finding. Dirty files repeat the same finding thousands of
    times (a half-width comma): it is built once per distinct (template, values)."""
    key = (template, flagged, suggestion, *values.items())
    cached = _MESSAGES.get(key)
    if cached is None:
        filled = {"match": flagged, **values}
        if suggestion is not None:
            filled.setdefault("replacement", suggestion)
        # The flagged text may hold terminal controls or bidi overrides.
        cached = printable(format_message(template, filled))
        if len(_MESSAGES) > 20_000:
            _MESSAGES.clear()
        _MESSAGES[key] = cached
    return cached


_FIX = operator.attrgetter("fix")


class Engine:
    def __init__(
        self,
        ruleset: RuleSet | Sequence[Rule],
        *,
        regex_timeout: float = 1.0,
        segmenter: Segmenter | None = None,
        cache_key: str | None = None,
    ) -> None:
        self.rules: list[Rule] = list(ruleset)
        with timing.stage("engine.build"):
            # `cache_key` (lint.enginecache.engine_key) names a cached build of these rules.
            cached = enginecache.load(cache_key, self.rules) if cache_key else None
            self.checks: list[Check] = cached if cached is not None else self._build()
            if cache_key and cached is None:
                enginecache.store(cache_key, self.rules, self.checks)
        self.segmenter = segmenter or Segmenter()
        self.regex_timeout = regex_timeout
        # Built-in rules run without a time budget: see RunContext.unbudgeted.
        self.unbudgeted = frozenset(r.code for r in self.rules if is_builtin(r))
        self._active: dict[dt.date, frozenset[str]] = {}
        # Whether a large document's kinds may be shared with a forked child (lint.forked):
        # set by a run that lints its files one after another in this process.
        self.split = False

    def _build(self) -> list[Check]:
        by_kind: dict[str, list[Rule]] = defaultdict(list)
        for r in self.rules:
            by_kind[r.kind].append(r)
        return [kind_class(k)(rs) for k, rs in sorted(by_kind.items())]

    def active_codes(self, as_of: dt.date) -> frozenset[str]:
        codes = self._active.get(as_of)
        if codes is None:
            codes = frozenset(r.code for r in self.rules if r.active_on(as_of))
            self._active[as_of] = codes
        return codes

    def check(self, doc: Document, as_of: dt.date) -> Result:
        # A dirty file yields tens of thousands of small objects (findings, fixes, diagnostics)
        # and none of them form cycles; the cyclic collector re-scanning the growing heap made
        # a 1.4 M-character file 30-50% slower, so it pauses while the checks run.
        paused = gc.isenabled()
        if paused:
            gc.disable()
        try:
            return self._check(doc, as_of)
        finally:
            if paused:
                gc.enable()

    def _check(self, doc: Document, as_of: dt.date) -> Result:
        ctx = RunContext(
            as_of=as_of,
            active=self.active_codes(as_of),
            segmenter=self.segmenter,
            # A linear pattern needs time in proportion to the text: the budget grows with
            # it, so that a 20 M-character file is scanned in full while a pattern that
            # backtracks catastrophically is still stopped within about a second.
            regex_timeout=self.regex_timeout + len(doc.text) * REGEX_SECONDS_PER_CHAR,
            unbudgeted=self.unbudgeted,
        )
        # Each kind's findings; with a forked child, the diagnostics of the parent's kinds,
        # made while the child ran (see _findings).
        parts, early = self._findings(doc, ctx)
        findings = [f for found in parts for f in found]
        t0 = time.perf_counter()
        # Deleted lines leave no blank-line gap, whichever rules deleted them.
        settle_line_deletions(doc, findings)
        # A rule cut off by its budget found an arbitrary part of what it would have: report
        # none of it rather than a list that looks complete.
        stopped = ctx.regex_exhausted
        shadows = [
            (f.start, f.end, f.rule.code)
            for f in findings
            if f.shadow and f.rule.code not in stopped
        ]
        del findings
        t1 = time.perf_counter()
        out: list[Diagnostic] = []
        for i, found in enumerate(parts):
            made = early.get(i)
            if made is None:
                out += diagnostics(doc, found)
                continue
            # Settling changed the fixes of some deletions: those diagnostics are made again.
            fixes = map(operator.is_not, map(_FIX, found), map(_FIX, made))
            for j in itertools.compress(range(len(found)), fixes):
                made[j] = diagnostics(doc, [found[j]])[0]
            out += made
        del parts, early
        if stopped:
            out = [d for d in out if d.code not in stopped]
        t2 = time.perf_counter()
        if self.segmenter.problem is not None:
            ctx.problems.append(("jieba", self.segmenter.problem))
        out.sort(key=SORT_KEY)
        # A rule reporting the same span twice is reported once (the first one found). Equal
        # spans of a rule sort next to each other (the sort is stable), so this needs no set
        # of keys, which cost ~160 bytes per finding on files with a million of them.
        unique = []
        last = None
        for d in out:
            key = (d.start, d.code, d.end)
            if key != last:
                unique.append(d)
                last = key
        del out
        if shadows:
            unique = _drop_shadowed(unique, shadows)
        problems = list(dict.fromkeys(ctx.problems))
        if timing.ENABLED:
            timing.add("engine.settle", t1 - t0)
            timing.add("engine.diagnostics", t2 - t1)
            timing.add("engine.sort", time.perf_counter() - t2)
        return Result(unique, problems, sorted(stopped))

    def _findings(
        self, doc: Document, ctx: RunContext
    ) -> tuple[list[list[Finding]], dict[int, list[Diagnostic]]]:
        """Each check's findings that no disable comment silences; a kind that fails keeps
        what it found before and names its problem in ctx.problems. With `split`, a large
        document's kinds are shared with a forked child (lint.forked): the same findings, and
        while the child still runs, the parent makes the diagnostics of its own kinds' findings
        (by check index), the work that would otherwise wait for the child."""
        early: dict[int, list[Diagnostic]] = {}

        def run_one(chk: Check) -> forked.Outcome:
            before = len(ctx.problems)
            found = self._run(chk, doc, ctx)
            added = ctx.problems[before:]
            del ctx.problems[before:]
            return found, added

        def meanwhile(mine: dict[int, forked.Outcome]) -> None:
            t0 = time.perf_counter()
            for i, (found, _problems) in mine.items():
                early[i] = diagnostics(doc, found)
            if timing.ENABLED:
                timing.add("engine.diagnostics", time.perf_counter() - t0)

        if self.split and len(doc.text) >= forked.MIN_CHARS and forked.available():
            outcomes = forked.run(self.checks, run_one, ctx, self.segmenter, self.rules, meanwhile)
        else:
            outcomes = [run_one(chk) for chk in self.checks]
        parts: list[list[Finding]] = []
        for found, problems in outcomes:
            parts.append(found)
            ctx.problems.extend(problems)
        return parts, early

    def _run(self, chk: Check, doc: Document, ctx: RunContext) -> list[Finding]:
        """One check's findings (see _findings)."""
        out: list[Finding] = []
        t0 = time.perf_counter()
        try:
            if doc.disabled:
                for f in chk.run(doc, ctx):
                    if not doc.is_disabled(f.rule.code, f.start):
                        out.append(f)
            else:
                # One C-level call per kind, not a step per finding. Like the loop, it
                # keeps what a failing kind yielded before it failed.
                out.extend(chk.run(doc, ctx))
        except ReportlintError as exc:  # e.g. jieba missing: a known, named problem
            if str(exc) != self.segmenter.problem:  # that one is reported once below
                ctx.problems.append((chk.kind or type(chk).__name__, str(exc)))
        except Exception as exc:  # a bug in one kind must not lose the other kinds' findings
            ctx.problems.append(
                (
                    chk.kind or type(chk).__name__,
                    f"内部错误，本文件中此类检查未完成，请报告此问题"
                    f"（{type(exc).__name__}: {exc}）",
                )
            )
        if timing.ENABLED:
            timing.add(f"check.{chk.kind}", time.perf_counter() - t0)
        return out
