"""infer_date: the document's own date for `--as-of auto`, and how the CLI uses it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from lint.asof import infer_date
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
