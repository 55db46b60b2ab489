"""A rule as the engine and the checks see it: validated data, one per YAML entry.

Loading and validating rule files is lint.ruleset's job; this module only holds the shapes,
so that the check kinds can name a Rule without importing the loader that imports them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from lint.model import ReportlintError


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
        where = f"{self.file}:{line}: rule {self.code}"
        if key:
            where += f" key '{key}'"
        return RuleError(f"{where}: {message}")
