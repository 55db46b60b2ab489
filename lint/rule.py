"""A rule as the engine and the checks see it: validated data, one per YAML entry.

Loading and validating rule files is lint.ruleset's job; this module only holds the shapes,
so that the check kinds can name a Rule without importing the loader that imports them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from lint.model import ReportlintError

_T = TypeVar("_T")


class RuleError(ReportlintError):
    """A rule file is malformed; the message names file, line, rule and key."""


@dataclass(frozen=True)
class Example:
    text: str
    as_of: dt.date | None = None
    path: str | None = None  # lets an example pretend to be e.g. a .md file


@dataclass
class Rule:
    code: str
    name: str
    kind: str
    severity: str
    category: str
    message: str
    file: str
    line: int
    description: str = ""
    source: str = ""
    confidence: str = ""
    effective_from: dt.date | None = None
    effective_until: dt.date | None = None
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    fix_safety: str | None = None
    fix_replacement: str | None = None
    suggestion: str | None = None
    # Kind-specific keys, validated by the check that runs this kind.
    params: dict[str, Any] = field(default_factory=dict)
    # Line of each key, for error messages from kind-specific validation.
    key_lines: dict[str, int] = field(default_factory=dict)
    # The kind's typed, compiled form of `params`, by the function that builds it: see
    # `options`. Rebuilt once per process, never pickled into the rule-set cache.
    _options: dict[Callable[[Rule], object], object] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def options(self, parse: Callable[[Rule], _T]) -> _T:
        """`parse(self)`: the kind's options parsed (and their regexes compiled) once, when
        the rule is validated or, for a rule from the cache, when an engine first needs it."""
        if parse not in self._options:
            self._options[parse] = parse(self)
        return cast(_T, self._options[parse])

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_options"] = {}
        return state

    def active_on(self, day: dt.date) -> bool:
        if self.effective_from is not None and day < self.effective_from:
            return False
        return not (self.effective_until is not None and day >= self.effective_until)

    def example_date(self) -> dt.date:
        """A date inside the effective window (today for a rule without one), for examples
        that name none."""
        if self.effective_until is not None:
            return self.effective_until - dt.timedelta(days=1)
        if self.effective_from is not None:
            return max(self.effective_from, dt.date.today())
        return dt.date.today()

    def error(self, key: str | None, message: str) -> RuleError:
        line = self.key_lines.get(key or "", self.line) if key else self.line
        where = f"{self.file}:{line}: 规则 {self.code}"
        if key:
            where += f" 键 “{key}”"
        return RuleError(f"{where}：{message}")
