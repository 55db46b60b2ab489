"""The calendar of dated facts (`rules/calendar.yaml`): plans, meetings, campaigns, founding
dates and the labels official texts gave each year.

Rules name the facts they use (`facts: [plans, anniversaries]`) instead of repeating dates;
the check kinds that reason about time (year claims, plan periods, past years, campaigns in
plans) read them from here. Every entry carries a `source`; an entry marked
`confirmed: false` (a meeting no source confirms yet) is kept for the record but never
raises an error on its own.

The file is validated like a rule file: every error names the file and the line.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from lint.model import ReportlintError, as_date

if TYPE_CHECKING:
    import yaml

SECTIONS = ("plans", "meetings", "campaigns", "anniversaries", "year-labels")

_PLAN_DIGITS = "一二三四五六七八九"


class CalendarError(ReportlintError):
    """calendar.yaml is malformed: the message names file and line."""


@dataclass(frozen=True, kw_only=True)
class Fact:
    """What every calendar entry carries: its citation, whether a source confirms it, and the
    line of the calendar file it came from (for errors that name file:line)."""

    source: str
    confirmed: bool = True
    line: int = 0


@dataclass(frozen=True)
class Plan(Fact):
    """A five-year plan period (`十四五`: 2021–2025) and the day its outline was adopted."""

    name: str
    first: int
    last: int
    outline: dt.date | None


@dataclass(frozen=True)
class Period(Fact):
    """A named fact that took place over days: a meeting or a campaign."""

    name: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Meeting(Period):
    """A congress or plenary session (`start` = `end` for a one-day meeting) and what it
    adopted. Texts name it by `name` or any of its `aliases`."""

    aliases: tuple[str, ...]
    adopted: str


@dataclass(frozen=True)
class Campaign(Period):
    """A campaign (学习教育、主题教育), recognised in texts by its regular expressions."""

    patterns: tuple[str, ...]


@dataclass(frozen=True)
class Anniversary(Fact):
    """A founding date counted in anniversaries (`中国共产党成立105周年`)."""

    name: str
    aliases: tuple[str, ...]
    date: dt.date


@dataclass(frozen=True)
class YearLabel(Fact):
    """What official texts called a year (`“十五五”开局之年` for 2026)."""

    year: int
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Calendar:
    file: str
    plans: tuple[Plan, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    campaigns: tuple[Campaign, ...] = ()
    anniversaries: tuple[Anniversary, ...] = ()
    year_labels: tuple[YearLabel, ...] = ()
    _labels: dict[int, YearLabel] = field(default_factory=dict, compare=False, repr=False)

    def plan(self, name: str) -> Plan | None:
        return next((p for p in self.plans if p.name == name), None)

    def plan_of_year(self, year: int) -> Plan | None:
        return next((p for p in self.plans if p.first <= year <= p.last), None)

    def labels_of(self, year: int) -> tuple[str, ...]:
        if not self._labels:
            self._labels.update({y.year: y for y in self.year_labels})
        entry = self._labels.get(year)
        return entry.labels if entry else ()

    def section(self, name: str) -> tuple[Any, ...]:
        return {
            "plans": self.plans,
            "meetings": self.meetings,
            "campaigns": self.campaigns,
            "anniversaries": self.anniversaries,
            "year-labels": self.year_labels,
        }[name]

    def resolve(self, ref: str) -> tuple[Any, ...]:
        """The facts a rule names: `plans` (a whole section) or `plans:十四五` (one entry)."""
        section, _, name = ref.partition(":")
        if section not in SECTIONS:
            raise KeyError(ref)
        entries = self.section(section)
        if not name:
            return entries
        found = tuple(e for e in entries if _entry_name(e) == name)
        if not found:
            raise KeyError(ref)
        return found


def describe(fact: Fact) -> str:
    """The line `--explain` shows for a fact (the caller adds its source)."""
    if isinstance(fact, Plan):
        adopted = f"，规划纲要{chinese_day(fact.outline)}批准" if fact.outline else ""
        text = f"“{fact.name}”时期：{fact.first}—{fact.last}年{adopted}"
    elif isinstance(fact, YearLabel):
        text = f"{fact.year}年：" + "；".join(fact.labels)
    elif isinstance(fact, Anniversary):
        text = f"{fact.name}：{chinese_day(fact.date)}"
    else:
        assert isinstance(fact, Period)
        one_day = fact.start == fact.end
        text = f"{fact.name}：{chinese_day(fact.start)}" + (
            "" if one_day else f"至{chinese_day(fact.end)}"
        )
        if isinstance(fact, Meeting) and fact.adopted:
            text += f"，{fact.adopted}"
    return text + ("" if fact.confirmed else "（未经来源证实，不作为报错依据）")


def _entry_name(entry: Any) -> str:
    return str(entry.year) if isinstance(entry, YearLabel) else str(entry.name)


def chinese_day(d: dt.date) -> str:
    """A date as messages and --explain write it: 2024年4月1日."""
    return f"{d.year}年{d.month}月{d.day}日"


def period_values(role: str, period: Period) -> dict[str, str]:
    """Message values of a meeting or campaign: its name under `role`, its first and last day."""
    return {
        role: period.name,
        "start": chinese_day(period.start),
        "end": chinese_day(period.end),
    }


def plan_years(name: str) -> tuple[int, int] | None:
    """`十四五` -> (2021, 2025) by the rule that the Nth plan ends in 1955 + 5N; None for
    anything that is not a plan name. The calendar holds the sourced entries; this is the
    arithmetic the validation checks them against."""
    if len(name) == 3 and name[0] == "十" and name[2] == "五" and name[1] in _PLAN_DIGITS:
        last = 1955 + 5 * (11 + _PLAN_DIGITS.index(name[1]))
        return last - 4, last
    return None


# --- loading ------------------------------------------------------------------------------


class _Entry:
    """One mapping of the file with its line numbers, for errors that name file:line."""

    def __init__(self, label: str, section: str, index: int, raw: object, node: Any) -> None:
        self.label = label
        self.section = section
        self.index = index
        self.line = node.start_mark.line + 1 if node is not None else 1
        self.key_lines: dict[str, int] = {}
        import yaml

        if isinstance(node, yaml.MappingNode):
            for k, _v in node.value:
                if isinstance(k, yaml.ScalarNode):
                    self.key_lines[str(k.value)] = k.start_mark.line + 1
        if not isinstance(raw, dict):
            raise self.error(None, "每一项须是映射")
        self.raw: Mapping[str, Any] = raw

    def error(self, key: str | None, message: str) -> CalendarError:
        line = self.key_lines.get(key, self.line) if key else self.line
        where = f"{self.label}:{line}: {self.section}[{self.index + 1}]"
        if key:
            where += f" 键 “{key}”"
        return CalendarError(f"{where}：{message}")

    def keys(self, required: set[str], optional: set[str]) -> None:
        for key in sorted(required - set(self.raw)):
            raise self.error(None, f"缺少必填键 “{key}”")
        for key in sorted(set(self.raw) - required - optional):
            raise self.error(key, "未知的键")

    def text(self, key: str) -> str:
        value = self.raw.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, "应为非空字符串")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.raw.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.error(key, "应为非空字符串的列表")
        return tuple(value)

    def date(self, key: str) -> dt.date:
        value = self.raw.get(key)
        day = as_date(value)
        if day is None:
            raise self.error(key, f"应为日期 YYYY-MM-DD，实为 {value!r:.40}")
        return day

    def year(self, value: object, key: str) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not 1800 <= value <= 2200:
            raise self.error(key, f"应为四位年份，实为 {value!r:.40}")
        return value

    def confirmed(self) -> bool:
        value = self.raw.get("confirmed", True)
        if not isinstance(value, bool):
            raise self.error("confirmed", "应为 true 或 false")
        return value


class _Cited(TypedDict):
    source: str
    confirmed: bool
    line: int


def _cited(e: _Entry) -> _Cited:
    """The `Fact` fields every entry fills the same way."""
    return _Cited(source=e.text("source"), confirmed=e.confirmed(), line=e.line)


def _plan(e: _Entry) -> Plan:
    e.keys({"name", "years", "source"}, {"outline", "confirmed"})
    name = e.text("name")
    expected = plan_years(name)
    if expected is None:
        raise e.error("name", f"“{name}”不是五年规划名称（十一五、十二五……）")
    years = e.raw["years"]
    if not isinstance(years, list) or len(years) != 2:
        raise e.error("years", "应为 [起始年, 结束年]")
    first, last = (e.year(y, "years") for y in years)
    if (first, last) != expected:
        raise e.error("years", f"“{name}”应为{expected[0]}—{expected[1]}年")
    outline = e.date("outline") if "outline" in e.raw else None
    if outline is not None and outline.year != first:
        raise e.error("outline", f"规划纲要应在{first}年（规划期第一年）批准")
    return Plan(name, first, last, outline, **_cited(e))


def _meeting(e: _Entry) -> Meeting:
    e.keys({"name", "start", "source"}, {"end", "aliases", "adopted", "confirmed"})
    start = e.date("start")
    end = e.date("end") if "end" in e.raw else start
    if end < start:
        raise e.error("end", "结束日期早于开始日期")
    adopted = e.text("adopted") if "adopted" in e.raw else ""
    name = e.text("name")
    return Meeting(name, start, end, (name, *e.texts("aliases")), adopted, **_cited(e))


def _campaign(e: _Entry) -> Campaign:
    e.keys({"name", "start", "end", "patterns", "source"}, {"confirmed"})
    start, end = e.date("start"), e.date("end")
    if end < start:
        raise e.error("end", "结束日期早于开始日期")
    patterns = e.texts("patterns")
    if not patterns:
        raise e.error("patterns", "至少给出一个正则表达式")
    import regex

    for pat in patterns:
        try:
            regex.compile(pat, regex.V0)
        except (regex.error, RecursionError, OverflowError) as exc:
            raise e.error("patterns", f"正则表达式有误 {pat!r:.40}：{exc}") from None
    return Campaign(e.text("name"), start, end, patterns, **_cited(e))


def _anniversary(e: _Entry) -> Anniversary:
    e.keys({"name", "date", "aliases", "source"}, {"confirmed"})
    aliases = e.texts("aliases")
    if not aliases:
        raise e.error("aliases", "至少给出一种写法")
    return Anniversary(e.text("name"), aliases, e.date("date"), **_cited(e))


def _year_label(e: _Entry) -> YearLabel:
    e.keys({"year", "labels", "source"}, set())
    labels = e.texts("labels")
    if not labels:
        raise e.error("labels", "至少给出一个提法")
    return YearLabel(e.year(e.raw["year"], "year"), labels, source=e.text("source"), line=e.line)


_BUILDERS = {
    "plans": _plan,
    "meetings": _meeting,
    "campaigns": _campaign,
    "anniversaries": _anniversary,
    "year-labels": _year_label,
}


def parse_calendar(text: str, label: str) -> Calendar:
    import yaml

    from lint.yamlfile import MAX_YAML_NODES, expanded_size, parse_yaml

    try:
        root, data = parse_yaml(text)
    except ValueError as exc:
        # PyYAML builds dates itself and raises without a position (`2024-13-01`)
        raise CalendarError(f"{label}:{_bad_date_line(text)}: 日期无效（{exc}）") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise CalendarError(f"{label}:{line}: YAML 错误：{exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise CalendarError(f"{label}: YAML 错误：{exc}") from None
    if root is not None and expanded_size(root, MAX_YAML_NODES) > MAX_YAML_NODES:
        raise CalendarError(f"{label}:1: YAML 错误：别名展开后超过 {MAX_YAML_NODES} 个值")
    if not isinstance(data, dict):
        raise CalendarError(f"{label}:1: 日历文件须是映射（plans、meetings……）")
    for key in data:
        if key not in SECTIONS and key != "description":
            raise CalendarError(f"{label}:{_line_of(root, key)}: 未知的顶层键 “{key}”")
    out: dict[str, list[Any]] = {}
    for section, build in _BUILDERS.items():
        items = data.get(section, [])
        if not isinstance(items, list):
            raise CalendarError(f"{label}:{_line_of(root, section)}: {section} 应为列表")
        nodes = _section_nodes(root, section)
        out[section] = [
            build(_Entry(label, section, i, raw, nodes[i] if i < len(nodes) else None))
            for i, raw in enumerate(items)
        ]
    _check_unique(out, label)
    return Calendar(
        label,
        tuple(sorted(out["plans"], key=lambda p: p.first)),
        tuple(out["meetings"]),
        tuple(out["campaigns"]),
        tuple(out["anniversaries"]),
        tuple(sorted(out["year-labels"], key=lambda y: y.year)),
    )


def _bad_date_line(text: str) -> int:
    """The line of the first date-like value that is not a real date."""
    import re

    for number, line in enumerate(text.splitlines(), 1):
        for m in re.finditer(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", line):
            try:
                dt.date(*(int(g) for g in m.groups()))
            except ValueError:
                return number
    return 1


def _check_unique(out: dict[str, list[Any]], label: str) -> None:
    for section, entries in out.items():
        seen: dict[str, int] = {}
        for entry in entries:
            name = _entry_name(entry)
            if name in seen:
                raise CalendarError(
                    f"{label}:{entry.line}: {section}: “{name}”重复（另见第 {seen[name]} 行）"
                )
            seen[name] = entry.line


def _line_of(root: yaml.Node | None, key: str) -> int:
    for k, _v in getattr(root, "value", []) or []:
        if getattr(k, "value", None) == key:
            return int(k.start_mark.line) + 1
    return 1


def _section_nodes(root: yaml.Node | None, section: str) -> list[Any]:
    for k, v in getattr(root, "value", []) or []:
        if getattr(k, "value", None) == section:
            return list(getattr(v, "value", []) or [])
    return []


def calendar_path() -> Path:
    from lint.yamlfile import CALENDAR_FILE, default_rules_dir

    return default_rules_dir() / CALENDAR_FILE


@functools.lru_cache(maxsize=4)
def _load(path: str, data: bytes) -> Calendar:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CalendarError(f"{path}: 日历文件不是 UTF-8，第 {exc.start} 字节无法解码") from None
    return parse_calendar(text, path)


def calendar_bytes(path: Path | None = None) -> tuple[str, bytes]:
    path = path or calendar_path()
    try:
        return str(path), path.read_bytes()
    except OSError as exc:
        raise CalendarError(f"{path}: 无法读取日历文件（{exc.strerror or exc}）") from None


def load_calendar(path: Path | None = None) -> Calendar:
    """The bundled calendar (parsed once per process and content)."""
    return _load(*calendar_bytes(path))
