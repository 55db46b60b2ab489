"""infer_date: the document's own date for `--as-of auto`, and how the CLI uses it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from lint.asof import SOURCES, as_of_note, infer_date, infer_date_source
from lint.cli import main


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the 落款 line wins over an earlier date in the body
        (
            "关于某事的报告\n2018年3月1日召开会议。\n\n某某局\n2019年12月20日\n",
            dt.date(2019, 12, 20),
        ),
        ("某某局\n二〇一九年十二月二十日", dt.date(2019, 12, 20)),
        ("某某局\n二〇二一年一月三十一日\n", dt.date(2021, 1, 31)),
        ("某某局\n（２０１９年１２月３１日）", dt.date(2019, 12, 31)),
        # several date-only lines: the last is the signature block
        ("通知\n2020年1月2日\n正文\n2020年2月3日\n", dt.date(2020, 2, 3)),
        # datelines under a title
        ("报告\n——２０１０年３月５日在第十一届全国人民代表大会第三次会议上\n", dt.date(2010, 3, 5)),
        ("（2020年5月28日第十三届全国人民代表大会第三次会议通过）\n正文", dt.date(2020, 5, 28)),
        # no signature: the latest full date, deadlines and period bounds left out
        ("于2019年5月3日召开,要求2020年6月30日前完成,2019年6月1日结束。", dt.date(2019, 6, 1)),
        ("本作品来自1949年10月1日（含）之后的文件。", None),
        ("行政中心自2006年6月12日投入使用以来,面貌一新。", None),
        ("从2020年1月1日起施行。2019年12月20日印发。", dt.date(2019, 12, 20)),
        ("会议于2019年5月3日召开。", dt.date(2019, 5, 3)),
    ],
)
def test_infer_date(text: str, expected: dt.date | None) -> None:
    assert infer_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["没有日期的文本", "2019年13月40日", "二〇一九年十三月一日", "2019年", "2019年12月"],
)
def test_no_full_date(text: str) -> None:
    assert infer_date(text) is None


def test_official_dateline(official_dir) -> None:
    text = (official_dir / "gwr-2010.txt").read_text(encoding="utf-8-sig")
    assert infer_date(text) == dt.date(2010, 3, 5)


def _lint(
    args: list[str], text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[dict[str, object]], str]:
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    rc = main(["--format", "json", *args, str(draft)])
    out, err = capsys.readouterr()
    return rc, json.loads(out or "[]"), err


def test_cli_auto_uses_document_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "认真学习贯彻党的十九大精神。\n\n某某局\n2019年12月20日\n"
    rc, diags, err = _lint(["--as-of", "auto", "--select", "formulation"], text, tmp_path, capsys)
    # in 2019 the 19th Congress was the latest: nothing to report
    assert rc == 0, err
    assert diags == []
    assert "按 2019-12-20 判断提法" in err
    rc, diags, _ = _lint(
        ["--as-of", "2026-11-26", "--select", "formulation"], text, tmp_path, capsys
    )
    assert rc == 1
    assert [(d["line"], d["column"], d["code"]) for d in diags] == [(1, 9, "FM103")]


def test_cli_auto_without_date_falls_back_to_today(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "认真学习贯彻党的十九大精神。\n"
    rc, diags, _ = _lint(["--as-of", "auto", "--select", "formulation"], text, tmp_path, capsys)
    # no date in the text: judged today, when the 19th Congress is long superseded
    assert rc == 1
    assert [d["code"] for d in diags] == ["FM103"]


def _today() -> dt.date:
    # Read when a test runs, not at import: a run that crosses midnight would compare the
    # linter's today with yesterday.
    return dt.date.today()


# A report on 2026 is judged at the end of 2026, or today while 2026 is not over.
UNTIL_TODAY_2026 = dt.date(2026, 12, 31)


@pytest.mark.parametrize(
    ("text", "expected", "source"),
    [
        # a past event in the body of a report on 2026 is not its date: the title bounds it
        (
            "关于2026年工作情况的汇报\n\n2019年12月20日，我局成立了工作专班。\n",
            UNTIL_TODAY_2026,
            "标题",
        ),
        ("2019年度工作总结\n\n2018年3月1日，我局召开会议。\n", dt.date(2019, 12, 31), "标题"),
        ("2020年工作计划\n\n一、指导思想\n", dt.date(2020, 1, 1), "标题"),
        ("关于2019年工作情况的汇报\n一年来……\n", dt.date(2019, 12, 31), "标题"),
        # a narrative line starting with an older date is no dateline either
        ("关于2021年工作情况的汇报\n2019年5月3日召开了动员会。\n", dt.date(2021, 12, 31), "标题"),
        # a body date in the title's year (or later) is the best guess
        (
            "关于2019年工作情况的汇报\n\n于2019年5月3日召开,2020年1月6日印发通报。\n",
            dt.date(2020, 1, 6),
            "正文",
        ),
        ("会议于2019年5月3日召开。", dt.date(2019, 5, 3), "正文"),
        # the 落款 wins over everything
        ("2027年工作计划\n\n某某局\n2026年12月20日\n", dt.date(2026, 12, 20), "落款"),
        (
            "报告\n——２０１０年３月５日在第十一届全国人民代表大会第三次会议上\n",
            dt.date(2010, 3, 5),
            "标题",
        ),
        # a year range in the title is not a year
        ("关于2021—2025年规划实施情况的报告\n正文\n", None, "无日期"),
        ("没有日期的文本", None, "无日期"),
    ],
)
def test_infer_date_source(text: str, expected: dt.date | None, source: str) -> None:
    assert source in SOURCES
    if expected is UNTIL_TODAY_2026:
        expected = min(expected, _today())
    assert infer_date_source(text) == (expected, source)
    assert infer_date(text) == expected


def test_as_of_note_names_the_source() -> None:
    assert as_of_note("某某局\n2019年12月20日\n") == "落款日期"
    assert as_of_note("2019年度工作总结\n") == "按标题年份推定"
    assert as_of_note("会议于2019年5月3日召开。") == "正文中最晚的日期"
    assert as_of_note("没有日期") == "文中无日期，用今天"


def test_cli_auto_title_year_beats_a_past_event(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "关于2026年工作情况的汇报\n\n"
        "2019年12月20日，我局成立了专班。今年以来，扎实开展党纪学习教育。\n"
    )
    rc, diags, err = _lint(["--as-of", "auto", "--select", "formulation"], text, tmp_path, capsys)
    # judged in 2026 (not at the 2019 event, when every formulation rule was silent)
    assert f"按 {min(dt.date(2026, 12, 31), _today())} 判断提法（按标题年份推定）" in err
    if dt.date(2026, 4, 1) <= _today():
        assert (rc, [d["code"] for d in diags]) == (1, ["FM309"])


def test_cli_auto_says_where_the_date_came_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _rc, _diags, err = _lint(["--as-of", "auto"], "认真学习。\n", tmp_path, capsys)
    assert f"按 {_today()} 判断提法（文中无日期，用今天）" in err
    _rc, _diags, err = _lint(
        ["--as-of", "auto"], "正文。\n\n某某局\n2019年12月20日\n", tmp_path, capsys
    )
    assert "按 2019-12-20 判断提法（落款日期）" in err
