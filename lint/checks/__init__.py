"""Check kinds: the Python code that runs rules of one `kind`.

A check class declares the kind-specific YAML keys it accepts (`keys`), validates a rule at
load time (`validate`, raising `rule.error(key, ...)`), is built once from all the rules of
its kind (so it can compile them into one pass), and yields Findings for a Document.

To add a kind: write a module in this package whose `CHECK` is a `Check` subclass and list
it in `KINDS`, the one place a kind is named (rule files aside): a check learns its name
from there (`Check.kind`). Nothing else in the engine changes.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from lint import programs
from lint.model import Fix

if TYPE_CHECKING:
    from lint.document import Document
    from lint.rule import Rule
    from lint.segment import Segmenter

_T = TypeVar("_T")


# kind name -> module under lint.checks. Modules are imported only when a kind is used.
KINDS: dict[str, str] = {
    "existence": "existence",
    "substitution": "substitution",
    "pairs": "pairs",
    "repetition": "repetition",
    "numbering": "numbering",
    "enumeration": "enumeration",
    "declared-count": "declared_count",
    "contextual": "contextual",
    "stale-year": "staleyear",
    "year-claim": "yearclaim",
    "plan-period": "planperiod",
    "past-year": "pastyear",
    "campaign-plan": "campaignplan",
    "meeting-recency": "meetingclaim",
}
# Old kind names still accepted in rule files, with the kind they now stand for. Teams keep
# their own rule files: `conditional` (renamed because in other prose linters it means "if A is
# used, B must be defined") keeps working there and is read as `contextual`.
KIND_ALIASES: dict[str, str] = {"conditional": "contextual"}


def canonical_kind(name: str) -> str | None:
    """The kind `name` stands for (itself or what an old name became); None if unknown."""
    name = KIND_ALIASES.get(name, name)
    return name if name in KINDS else None


def kind_class(kind: str) -> type[Check]:
    """The check class of a canonical kind name (see canonical_kind)."""
    name = f"lint.checks.{KINDS[kind]}"
    if name in sys.modules:
        module = sys.modules[name]
    else:
        with programs.recording():  # its pattern constants, for lint.enginecache
            module = importlib.import_module(name)
    cls: type[Check] = module.CHECK
    return cls


def kind_of(cls: type[Check]) -> str:
    """The name `KINDS` gives the kind whose module defines `cls` ("" for a base class).
    Read from the registry, not stored on the class: a check unpickled from the engine cache
    knows its name without having passed through kind_class."""
    module = cls.__module__.rpartition(".")[2]
    return next((kind for kind, name in KINDS.items() if name == module), "")


def known_kinds() -> list[str]:
    return sorted(KINDS)


@dataclass(slots=True)
class Finding:
    rule: Rule
    start: int
    end: int
    # Values for the message template besides {match}: e.g. {replacement}, {expected}.
    values: dict[str, str] = field(default_factory=dict)
    suggestion: str | None = None
    fix: Fix | None = None
    # Overrides the rule's message when a check needs a message it builds itself.
    message: str | None = None
    # The span is not document text (a web-page footer, a teaser list): the engine drops
    # other rules' findings that lie wholly inside it.
    shadow: bool = False


@dataclass
class RunContext:
    as_of: dt.date
    active: frozenset[str]
    segmenter: Segmenter
    # Seconds of regex time each rule may spend on one file, all its searches together: a
    # per-search limit would let many cheap-looking matches add up to a hang.
    regex_timeout: float = 1.0
    # Problems running a rule (e.g. a regex timeout): (rule code, message) reported once.
    problems: list[tuple[str, str]] = field(default_factory=list)
    # Regex seconds spent so far in this file, per rule code; rules that ran out of budget.
    regex_spent: dict[str, float] = field(default_factory=dict)
    regex_exhausted: set[str] = field(default_factory=set)
    # Rules that run without a budget: the built-in ones, whose patterns are linear (tested)
    # and whose findings must not depend on how loaded the machine is.
    unbudgeted: frozenset[str] = frozenset()

    def active_rules(self, rules: Sequence[Rule]) -> list[Rule]:
        """Those of `rules` that apply at this run's date."""
        return [r for r in rules if r.code in self.active]

    def regex_call(self, code: str, search: Callable[[float | None], _T]) -> _T | None:
        """`search(timeout)` under what is left of rule `code`'s budget; None once it is spent.

        Built-in rules (`unbudgeted`) get no timeout. When a user rule's budget runs out, the
        engine reports none of its findings for the file (a partial list would look like a
        complete one) and the run says the file was not fully linted.

        `search` must finish its regex work before returning (e.g. `list(p.finditer(...,
        timeout=t))`): the regex module's timeout clock keeps running while a lazy iterator
        is suspended, so consuming matches lazily would charge other work to the rule.
        """
        if code in self.unbudgeted:
            return search(None)
        if code in self.regex_exhausted:
            return None
        spent = self.regex_spent.get(code, 0.0)
        t0 = time.perf_counter()
        try:
            return search(max(self.regex_timeout - spent, 1e-6))
        except TimeoutError:
            self.regex_exhausted.add(code)
            self.problems.append(
                (
                    code,
                    "正则表达式超时，本文件中此规则的结果均未报告，文件未检查完整 "
                    f"(regex budget of {self.regex_timeout:g} s per file spent; none of the "
                    "rule's findings are reported)",
                )
            )
            return None
        finally:
            self.regex_spent[code] = spent + time.perf_counter() - t0


def rule_fix(rule: Rule, proposed: Fix | None) -> Fix | None:
    """The fix `rule` offers for a kind's proposed edits. The rule's YAML is the upper bound:
    no `fix:`, no fix; `fix: unsafe`, every edit unsafe. A kind may only lower safety: it
    proposes `unsafe` for an edit it cannot prove harmless (a whole numbering marker
    rewidened, where mending one odd bracket is `safe`), and under `fix: safe` that stands."""
    if proposed is None or rule.fix_safety is None:
        return None
    if proposed.safety == "safe" and rule.fix_safety != "safe":
        return Fix(proposed.edits, rule.fix_safety)
    return proposed


def partly_unsafe(rule: Rule) -> bool:
    """A `fix: safe` rule whose kind marks some of its edits unsafe (see rule_fix)."""
    return rule.fix_safety == "safe" and kind_class(rule.kind).lowers_safety(rule)


class Check:
    # Kind-specific keys this check accepts in YAML.
    keys: ClassVar[frozenset[str]] = frozenset()
    # What parses (and compiles) a rule's options when the engine is built; None for a kind
    # that does so itself.
    options_type: ClassVar[type[Any] | None] = None

    @classmethod
    def validate(cls, rule: Rule) -> None:
        """Raise rule.error(key, msg) for a bad kind-specific value."""

    @classmethod
    def lowers_safety(cls, rule: Rule) -> bool:
        """Whether this kind may propose, for `rule`, edits it cannot prove harmless: those
        stay unsafe under `fix: safe` (rule_fix), and `--explain` says so."""
        return False

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)
        if self.options_type is not None:
            for rule in self.rules:  # compiled with the engine, so a cached engine holds them
                rule.options(self.options_type)

    def active_options(self, ctx: RunContext, parse: Callable[[Rule], _T]) -> Iterator[_T]:
        """The options (`Rule.options(parse)`) of this kind's rules active at ctx's date."""
        return (rule.options(parse) for rule in ctx.active_rules(self.rules))

    @property
    def kind(self) -> str:
        """The kind's name (see kind_of): no check class writes its own."""
        return kind_of(type(self))

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Finding]:
        raise NotImplementedError


# A SubCheck's rules active at a run's date, by the aspect (`check:`) they report.
Active = dict[str, list["Rule"]]


class SubCheck(Check):
    """A kind whose rules each pick one aspect with `check: <name>` (numbering, enumeration,
    declared-count): validation of that key and grouping of rules by it live here, once."""

    checks: ClassVar[tuple[str, ...]] = ()
    keys: ClassVar[frozenset[str]] = frozenset({"check"})

    @classmethod
    def validate(cls, rule: Rule) -> None:
        if rule.params.get("check") not in cls.checks:
            raise rule.error("check", f"应为 {'、'.join(cls.checks)} 之一")

    def __init__(self, rules: Sequence[Rule]) -> None:
        super().__init__(rules)
        self.by_check: dict[str, list[Rule]] = {}
        for r in rules:
            self.by_check.setdefault(r.params["check"], []).append(r)

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Finding]:
        active = self.active_by_check(ctx)
        if active:
            yield from self.run_active(doc, ctx, active)

    def run_active(self, doc: Document, ctx: RunContext, active: Active) -> Iterator[Finding]:
        """The findings of the rules active at ctx's date, by aspect (none is empty)."""
        raise NotImplementedError

    def active_by_check(self, ctx: RunContext) -> dict[str, list[Rule]]:
        """The rules active at ctx's date, by aspect; aspects with none are left out."""
        active = {}
        for name, rules in self.by_check.items():
            chosen = [r for r in rules if r.code in ctx.active]
            if chosen:
                active[name] = chosen
        return active
