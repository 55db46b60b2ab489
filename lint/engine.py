"""Run a rule set on Documents: select rules, apply as-of dates, build sorted Diagnostics."""

from __future__ import annotations

import datetime as dt
import re
import string
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from lint import timing
from lint.checks import Check, Finding, RunContext, check_class
from lint.document import Document
from lint.ruleset import Rule, RuleSet
from lint.segment import Segmenter
from lint.types import Diagnostic

_CODE_PREFIX = re.compile(r"^[A-Z]{1,3}[0-9]{0,3}$")


def selector_matches(selector: str, rule: Rule) -> bool:
    """A selector is a code, a code prefix (`FM`, `FM1`), a category, a rule name, or ALL."""
    s = selector.strip()
    if not s:
        return False
    if s in ("ALL", rule.category, rule.name):
        return True
    return bool(_CODE_PREFIX.match(s)) and rule.code.startswith(s)


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


def format_message(template: str, values: dict[str, str]) -> str:
    """Fill `{name}` fields from `values`; everything else stays as written.

    Only plain names are substituted: a format spec (`{match:>900000000}`), a conversion or an
    attribute lookup (`{match.__class__}`) in a user's rule could otherwise allocate gigabytes
    or reach into Python objects. Unknown names and such fields are left literally.
    """
    try:
        parts = list(_FORMATTER.parse(template))
    except ValueError:
        return template
    out: list[str] = []
    for literal, name, spec, conv in parts:
        out.append(literal)
        if name is None:
            continue
        if not spec and conv is None and name in values:
            out.append(str(values[name]))
        else:
            out.append(
                "{" + name + ("!" + conv if conv else "") + (":" + spec if spec else "") + "}"
            )
    return "".join(out)


@dataclass
class Result:
    diagnostics: list[Diagnostic]
    # (rule code, problem) pairs: rules that could not run fully, e.g. a regex timeout.
    problems: list[tuple[str, str]] = field(default_factory=list)


class Engine:
    def __init__(
        self,
        ruleset: RuleSet | Sequence[Rule],
        *,
        regex_timeout: float = 1.0,
        segmenter: Segmenter | None = None,
    ) -> None:
        self.rules: list[Rule] = list(ruleset)
        by_kind: dict[str, list[Rule]] = defaultdict(list)
        for r in self.rules:
            by_kind[r.kind].append(r)
        with timing.stage("engine.build"):
            self.checks: list[Check] = [check_class(k)(rs) for k, rs in sorted(by_kind.items())]
        self.segmenter = segmenter or Segmenter()
        self.regex_timeout = regex_timeout
        self._active: dict[dt.date, frozenset[str]] = {}

    def active_codes(self, as_of: dt.date) -> frozenset[str]:
        codes = self._active.get(as_of)
        if codes is None:
            codes = frozenset(r.code for r in self.rules if r.active_on(as_of))
            self._active[as_of] = codes
        return codes

    def check(self, doc: Document, as_of: dt.date | None = None) -> Result:
        day = as_of or dt.date.today()
        ctx = RunContext(
            as_of=day,
            active=self.active_codes(day),
            segmenter=self.segmenter,
            regex_timeout=self.regex_timeout,
        )
        out: list[Diagnostic] = []
        seen: set[tuple[str, int, int]] = set()
        for chk in self.checks:
            t0 = time.perf_counter()
            try:
                for f in chk.run(doc, ctx):
                    key = (f.rule.code, f.start, f.end)
                    if key in seen or (doc.disabled and doc.is_disabled(f.rule.code, f.start)):
                        continue
                    seen.add(key)
                    out.append(self.diagnostic(doc, f))
            except Exception as exc:  # a bug in one kind must not lose the other kinds' findings
                ctx.problems.append(
                    (
                        chk.kind or type(chk).__name__,
                        f"内部错误,本文件中此类检查未完成 (internal error, please report: "
                        f"{type(exc).__name__}: {exc})",
                    )
                )
            if timing.ENABLED:
                timing.add(f"check.{chk.kind}", time.perf_counter() - t0)
        out.sort(key=Diagnostic.sort_key)
        problems = list(dict.fromkeys(ctx.problems))
        return Result(out, problems)

    @staticmethod
    def diagnostic(doc: Document, f: Finding) -> Diagnostic:
        rule = f.rule
        start = max(0, min(f.start, len(doc.text)))
        end = max(start, min(f.end, len(doc.text)))
        line, col = doc.position(start)
        end_line, end_col = doc.end_position(start, end)
        values = {"match": doc.text[start:end], **f.values}
        if f.suggestion is not None:
            values.setdefault("replacement", f.suggestion)
        message = f.message or format_message(rule.message, values)
        positions: tuple[tuple[int, int, int, int], ...] = ()
        if f.fix is not None:
            positions = tuple(
                (*doc.position(e.start), *doc.end_position(e.start, e.end)) for e in f.fix.edits
            )
        return Diagnostic(
            path=doc.path,
            start=start,
            end=end,
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col,
            code=rule.code,
            name=rule.name,
            category=rule.category,
            severity=rule.severity,
            message=message,
            suggestion=f.suggestion,
            fix=f.fix,
            text=doc.text[start:end],
            edit_positions=positions,
        )
