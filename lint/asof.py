"""Infer a document's own date (成文日期) for `--as-of auto`.

Formulations are judged at the date a text was written, and archives rarely say it anywhere
but in the text itself. In order of trust:

1. the 落款 date: a line holding nothing but a date (optionally in brackets), the last one
   when there are several, because the signature block closes a document;
2. a dateline near the top: a line that starts with a date followed by the occasion
   (`——2019年3月5日在第十三届全国人民代表大会第二次会议上`, `（2020年5月28日…通过）`);
3. otherwise the latest full date anywhere in the text, leaving out deadlines
   (`2025年6月30日前完成`) and period bounds (`1949年10月1日（含）之后`,
   `自2006年6月12日投入使用以来`), which are not the writing date; but a year in the title
   (`关于2026年工作情况的汇报`, `2026年度工作总结`, `2027年工作计划`) bounds it: a report on
   2026 is not written before 2026, so a body date of an earlier year (`2019年12月20日，我局
   成立了…`, a past event) does not win;
4. then the title year alone: a summary or report on year Y is dated at the end of Y, a plan
   or work points for Y at its start (neither later than today).

`infer_date_source` also says which of these it used (`SOURCES`), so that `--as-of auto` can
tell the reader where the date came from.

Dates are `YYYY年M月D日` in ASCII or full-width digits, or Chinese numerals
(`二〇一九年十二月二十日`).
"""

from __future__ import annotations

import datetime as dt

import regex

_DIGIT = "0-9０-９〇○零Ｏ一二三四五六七八九"
_SMALL = "0-9０-９一二三四五六七八九十〇零"
_DATE = (
    rf"(?P<y>[{_DIGIT}]{{4}})\s*年\s*(?P<m>[{_SMALL}]{{1,3}})\s*月"
    rf"\s*(?P<d>[{_SMALL}]{{1,4}})\s*[日号]"
)
_ANY_DATE = regex.compile(_DATE)
_OPEN = r"[\s\u3000（(〔\[【—\-－]*"
_CLOSE = r"[\s\u3000）)〕\]】]*"
_DATE_ONLY = regex.compile(rf"^{_OPEN}{_DATE}{_CLOSE}$", regex.MULTILINE)
_DATELINE = regex.compile(
    rf"^{_OPEN}{_DATE}\s*(?:在|于|第|通过|印发|发布|召开|[)）])", regex.MULTILINE
)
# A date followed by one of these is a deadline or the start of a period, not the writing date.
_DEADLINE = regex.compile(
    r"\s*(?:[（(]含[)）])?\s*(?:之?前|以前|之?后|以后|前后|起|至|到|—|-|～|~)"
)
# `自2006年6月12日投入使用以来`: a date after 自/从 starts a period; the text came later.
_PERIOD_START = ("自", "从")
# Datelines live under the title; a line starting with a date further down is narrative.
_DATELINE_LINES = 12
# A title naming the year it is about: `关于2026年工作情况的汇报`, `2026年度工作总结`. A year
# range (`2021—2025年`) is not one year.
_YEAR = rf"(?<![{_DIGIT}—\-－~～至到])(?P<y>[{_DIGIT}]{{4}})\s*年(?!\s*[—\-－~～至到])"
_TITLE_YEAR = regex.compile(
    rf"^[\s\u3000]*(?:关于.{{0,20}}?{_YEAR}|.{{0,20}}?{_YEAR}.{{0,30}}?"
    r"(?:总结|计划|要点|汇报|报告|情况|安排|方案|述职))"
)
_PLAN = regex.compile(r"计划|要点|安排|方案")
# Where the date came from, for the CLI's note.
SOURCES = ("落款", "标题", "正文", "无日期")
_NOTES = {
    "落款": "落款日期",
    "标题": "按标题年份推定",
    "正文": "正文中最晚的日期",
    "无日期": "文中无日期，用今天",
}

_VALUE = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_WIDE = str.maketrans("０１２３４５６７８９", "0123456789")


def _year(text: str) -> int:
    """Four digits, each an Arabic digit or a Chinese numeral (`二〇一九`)."""
    out = 0
    for ch in text.translate(_WIDE):
        out = out * 10 + (int(ch) if ch.isdigit() else _VALUE[ch])
    return out


def _small(text: str) -> int | None:
    """A month or day: Arabic digits, or Chinese numerals up to 三十一 (`十二`, `二十`)."""
    text = text.translate(_WIDE)
    if text.isdigit():
        return int(text)
    if any(ch not in _VALUE and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _VALUE[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_VALUE[tens] if tens else 1) * 10 + (_VALUE[ones] if ones else 0)


def _date(m: regex.Match[str]) -> dt.date | None:
    try:
        year = _year(m.group("y"))
    except (KeyError, ValueError):
        return None
    month, day = _small(m.group("m")), _small(m.group("d"))
    if month is None or day is None or not 1900 <= year <= 2200:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def infer_date(text: str) -> dt.date | None:
    """The document's date, or None when it names no full date (nor a year in its title)."""
    return infer_date_source(text)[0]


def as_of_note(text: str) -> str:
    """Where `--as-of auto` took the date of `text` from, in words for the CLI's note."""
    return note_for_source(infer_date_source(text)[1])


def note_for_source(source: str) -> str:
    """One of `SOURCES` in words, for the note that says which date a file was judged at."""
    return _NOTES[source]


def _title_year(text: str) -> tuple[int, bool] | None:
    """The year the title (first non-blank line) is about, and whether it is a plan."""
    for line in text.split("\n", 20)[:20]:
        line = line.strip(" \t\r\u3000\ufeff")
        if not line:
            continue
        m = _TITLE_YEAR.match(line)
        if m is None:
            return None
        try:
            year = _year(m.group("y"))
        except (KeyError, ValueError):
            return None
        return (year, bool(_PLAN.search(line))) if 1900 <= year <= 2200 else None
    return None


def infer_date_source(text: str) -> tuple[dt.date | None, str]:
    """The document's date and where it came from: one of `SOURCES`.

    `无日期` comes with None: the caller judges at today (or its default date).
    """
    for m in reversed(list(_DATE_ONLY.finditer(text))):
        day = _date(m)
        if day is not None:
            return day, "落款"
    head_end = 0
    for _ in range(_DATELINE_LINES):
        nl = text.find("\n", head_end)
        if nl < 0:
            head_end = len(text)
            break
        head_end = nl + 1
    title = _title_year(text)
    first = title[0] if title is not None else 0
    for m in _DATELINE.finditer(text, 0, head_end):
        day = _date(m)
        if day is not None and day.year >= first:
            return day, "标题"
    latest: dt.date | None = None
    for m in _ANY_DATE.finditer(text):
        before = text[max(0, m.start() - 4) : m.start()].rstrip()
        if _DEADLINE.match(text, m.end()) or before.endswith(_PERIOD_START):
            continue
        day = _date(m)
        if day is not None and (latest is None or day > latest):
            latest = day
    if latest is not None and (title is None or latest.year >= title[0]):
        return latest, "正文"
    if title is None:
        return None, "无日期"
    year, plan = title
    day = dt.date(year, 1, 1) if plan else dt.date(year, 12, 31)
    return min(day, dt.date.today()), "标题"
