"""Reading years, numbers and five-year plan names in Chinese text, and telling a look-back
sentence from a forward-looking one: what the time-reasoning check kinds share.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from lint.calendar import Calendar, Plan, calendar_path, describe
from lint.windows import literal_positions

if TYPE_CHECKING:
    from lint.document import Document
    from lint.rule import Rule

_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "两": 2}
_FULL = str.maketrans("０１２３４５６７８９", "0123456789")

# A plan named by its short name (`“十四五”`, `十四五`) or in full (`第十四个五年规划`).
PLAN_NAME = r"十[一二三四五六七八九]五|第十[一二三四五六七八九]个五年(?:规划|计划)"
NUMBER = r"[0-9０-９]{1,4}|[零〇○一二两三四五六七八九十百]{1,6}"
YEAR = r"[12１２][0-9０-９]{3}|[一二][〇零○一二三四五六七八九]{3}"
# Marks a quoted name may carry: “十四五”, "十四五", 「十四五」.
QUOTES = "“”\"'‘’「」"


def number_value(text: str) -> int | None:
    """`75`, `７５`, `七十五`, `一百零五`, `一〇五` -> int; None when it is not a number."""
    text = text.translate(_FULL)
    if text.isdigit():
        return int(text)
    if not text or any(c not in _DIGITS and c not in "十百" for c in text):
        return None
    if "十" not in text and "百" not in text:
        # digit by digit: 一〇五, 二〇二六
        return int("".join(str(_DIGITS[c]) for c in text))
    total, current = 0, 0
    for c in text:
        if c == "百":
            total += (current or 1) * 100
            current = 0
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGITS[c]
    return total + current


def year_value(text: str) -> int | None:
    """A four-digit year in ASCII, full-width or Chinese digits (`二〇二六`)."""
    value = number_value(text)
    return value if value is not None and 1000 <= value <= 2999 else None


_YEAR_RE = regex.compile(YEAR)
# The characters a YEAR ends with.
_YEAR_LAST = frozenset("0123456789０１２３４５６７８９〇零○一二三四五六七八九")


def document_year_marks(doc: Document) -> list[tuple[int, int]]:
    """`year_marks` of the document's scan text, found once for every check that reads them."""
    return doc.computed(_year_marks_of)


def _year_marks_of(doc: Document) -> list[tuple[int, int]]:
    return year_marks(doc.scan_text)


def plan_name_starts(text: str) -> list[int]:
    """Every position where PLAN_NAME can match: two characters before a `五` (`十四五`) or
    four (`第十四个五年规划`), found from the literal."""
    return [p for q in literal_positions(text, "五") for p in (q - 4, q - 2) if p >= 0]


def year_marks(text: str) -> list[tuple[int, int]]:
    """(start, offset of its `年`) of every written-out year `YEAR\\s*年`, in order.

    Found from the literal `年` (ten times faster than searching for the digits): the year is
    the four characters before the spaces before it. `str.isspace` holds every character
    `\\s` matches in `re` and in `regex`."""
    out = []
    for q in literal_positions(text, "年"):
        k = q
        while k and text[k - 1].isspace():
            k -= 1
        if k >= 4 and text[k - 1] in _YEAR_LAST and _YEAR_RE.fullmatch(text, k - 4, k):
            out.append((k - 4, q))
    return out


def plan_of(name: str, calendar: Calendar) -> Plan | None:
    """The calendar's plan for `十四五` or `第十四个五年规划`."""
    if name.startswith("第"):
        name = name[1:3] + "五"
    return calendar.plan(name)


# --- look-backs ---------------------------------------------------------------------------

# A year written out in the sentence (not a range start, not `2025年以来`).
YEAR_IN_TEXT = regex.compile(
    r"(?<![0-9０-９—\-－~～至到])(?P<year>[12１２][0-9０-９]{3})\s*年(?!度?\s*(?:[—\-－~～至到]|以来))"
)
# Words that make a sentence a review of the past, whatever its verbs.
LOOK_BACK = regex.compile(
    r"过去(?:的)?(?:一|五|十|几)年|[一五十]年来|近年来|回顾|总结(?:评估)?|评估|以来|期间|"
    r"刚刚过去|上一年|去年|上年|取得(?:了)?|实现了|完成了|已(?:经)?|了[，,。；;、]|成效|成绩"
)


def past_year_in(text: str, before: int) -> bool:
    """Whether `text` names a year earlier than `before` (its review subject)."""
    for m in YEAR_IN_TEXT.finditer(text):
        value = year_value(m.group("year"))
        if value is not None and value < before:
            return True
    return False


# --- rules that name calendar facts -----------------------------------------------------------


def validate_facts(rule: Rule, needed: tuple[str, ...]) -> None:
    """Check the rule's `facts` (a list of calendar references: `plans`, `plans:十四五`) and
    keep the resolved calendar in the rule, so a cached rule set carries its facts."""
    from lint.calendar import CalendarError, load_calendar

    refs = rule.params.get("facts")
    if not isinstance(refs, list) or not refs or not all(isinstance(r, str) for r in refs):
        raise rule.error("facts", "应为日历条目引用的列表（plans、anniversaries……）")
    try:
        calendar = load_calendar()
    except CalendarError as exc:
        raise rule.error("facts", str(exc)) from None
    sections = set()
    for ref in refs:
        try:
            calendar.resolve(ref)
        except KeyError:
            raise rule.error("facts", f"日历中没有 {ref!r}") from None
        sections.add(ref.partition(":")[0])
    missing = [s for s in needed if s not in sections]
    if missing:
        raise rule.error("facts", f"这种 kind 需要 {'、'.join(missing)}")
    rule.params["_calendar"] = calendar


def rule_calendar(rule: Rule) -> Calendar:
    calendar: Calendar = rule.params["_calendar"]
    return calendar


def rule_facts(rule: Rule, section: str) -> tuple[Any, ...]:
    """The entries of `section` the rule names (all of them for a bare section name)."""
    calendar = rule_calendar(rule)
    out: list[Any] = []
    for ref in rule.params.get("facts", []):
        if ref.partition(":")[0] == section:
            out.extend(e for e in calendar.resolve(ref) if e not in out)
    return tuple(out)


def _shown_name(file: str) -> str:
    """The bundled calendar as shipped (`rules/calendar.yaml`), not where it is installed."""
    path = Path(file)
    bundled = calendar_path()
    if path.name == bundled.name and path.resolve().parent == bundled.resolve().parent:
        return f"rules/{path.name}"
    return path.name


def describe_facts(rule: Rule) -> list[str]:
    """`--explain` lines: the facts a rule uses, with their sources."""
    if "_calendar" not in rule.params:
        return []
    calendar = rule_calendar(rule)
    lines = [f"依据的日期事实（{_shown_name(calendar.file)}）："]
    for ref in rule.params.get("facts", []):
        for entry in calendar.resolve(ref):
            lines.append(f"  - {describe(entry)}    来源：{entry.source}")
    return lines
