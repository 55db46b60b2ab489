"""Plain data shared by every layer: severities, categories, edits, diagnostics, the user error."""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, TypeAlias

CATEGORIES = ("placeholder", "formulation", "numbering", "residue", "typo", "punctuation")
SEVERITIES = ("error", "warning", "info")
# Higher rank is more severe; used for --fail-on and sorting summaries.
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
SAFETIES = ("safe", "unsafe")


class ReportlintError(Exception):
    """A user-facing error: printed as one line, exit code 2."""


# The date formulations are judged at: a fixed date, "auto" (each document's own date, else
# the run's today) or "today" (the date the run started, taken once for the whole run).
AsOf: TypeAlias = "dt.date | Literal['auto', 'today']"


def as_date(value: object) -> dt.date | None:
    """A date as a rule, calendar or configuration file gives it: YYYY-MM-DD, or a date YAML
    has already read as one (a timestamp counts as its day). None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def parse_as_of(value: object) -> dt.date | Literal["auto"]:
    """`--as-of` or the `as-of` key as a user writes it: YYYY-MM-DD or 'auto' (YAML may hand
    over a date already). ValueError with the reason otherwise; callers say where it was."""
    if value == "auto":
        return "auto"
    day = as_date(value)
    if day is None:
        raise ValueError(f"应为 YYYY-MM-DD 格式的日期或 auto，而不是“{value}”")
    return day


# Edits and fixes are immutable and made once per finding: named tuples are built in a
# third of the time a frozen dataclass takes.
class Edit(NamedTuple):
    """Replace text[start:end] (character offsets of the decoded text) with `replacement`."""

    start: int
    end: int
    replacement: str


class Fix(NamedTuple):
    edits: tuple[Edit, ...]
    safety: str = "safe"


@dataclass(slots=True)
class Diagnostic:
    """One finding as every report shows it. Dirty files yield tens of thousands of these, so
    the class has slots (no per-instance dict) and the engine builds them in one loop."""

    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    category: str
    severity: str
    message: str
    suggestion: str | None = None
    fix: Fix | None = None
    # The flagged text; used by `allow`, baselines and reports, not printed in JSON.
    text: str = field(default="", compare=False)
    # (line, column, end_line, end_column) of each fix edit, filled in by the engine.
    edit_positions: tuple[tuple[int, int, int, int], ...] = field(default=(), compare=False)

    def sort_key(self) -> tuple[str, int, str, int]:
        """Report order: by file, position, code; the end breaks ties so that the order never
        depends on check order. Offsets order a file's findings exactly as (line, column)
        and (end_line, end_column) do: positions grow with offsets."""
        return (self.path, self.start, self.code, self.end)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "suggestion": self.suggestion,
            "fix": None if self.fix is None else self._fix_json(self.fix),
        }

    def _fix_json(self, fix: Fix) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for i, e in enumerate(fix.edits):
            item: dict[str, Any] = {
                "start": e.start,
                "end": e.end,
                "replacement": e.replacement,
                "safety": fix.safety,
            }
            if i < len(self.edit_positions):
                line, col, end_line, end_col = self.edit_positions[i]
                item.update(line=line, column=col, end_line=end_line, end_column=end_col)
            out.append(item)
        return out


# Diagnostic.sort_key as a C-level key function: sorting 70,000 findings calls it for each.
SORT_KEY = operator.attrgetter("path", "start", "code", "end")
