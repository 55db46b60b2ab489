"""The `past-year` kind: last year's targets written as this year's task."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.helpers import lint_dated, reportlint


def _codes(tmp_path: Path, text: str, as_of: str) -> list[str]:
    return [d["code"] for d in lint_dated(tmp_path, text, "FM905", as_of)]


@pytest.mark.parametrize(
    "text",
    [
        "确保完成2025年各项目标任务。",
        "各位代表！完成好2025年各项工作任务，意义重大。",
        "全力以赴冲刺2025年全年目标。",
        "坚决完成２０２５年度重点任务。",
        "确保2025年经济社会发展目标任务圆满完成。",
        "要抓好2025年重点工作落实。",
    ],
)
def test_last_years_targets_as_a_task(tmp_path: Path, text: str) -> None:
    assert _codes(tmp_path, text, "2026-11-26") == ["FM905"]
    assert _codes(tmp_path, text, "2025-11-26") == []


@pytest.mark.parametrize(
    "text",
    [
        "2025年，我们确保完成各项目标任务。",
        "一年来，我们全力做好2025年各项工作。",
        "确保完成了2025年各项目标任务。",
        "2025年确保完成各项目标任务的经验要坚持。",
        "确保2025年以来出台的政策落地见效。",
        "确保2021—2025年规划目标任务完成。",
        "确保完成2026年各项目标任务。",
        "回顾2025年，我们全力完成2025年目标任务。",
    ],
)
def test_reviews_stay_silent(tmp_path: Path, text: str) -> None:
    assert _codes(tmp_path, text, "2026-11-26") == []


def _executable(tmp_path: Path, text: str, as_of: str) -> list[str]:
    """The findings the installed `reportlint` prints, as `CODE “match”`."""
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    proc = reportlint("--isolated", "--quiet", "--select", "FM905", "--as-of", as_of, str(draft))
    assert proc.returncode in (0, 1), proc.stderr
    out = proc.stdout.decode("utf-8")
    return [" ".join(line.split(" ")[1:3]).split("：")[0] for line in out.splitlines()]


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("到2025年，全区数字经济核心产业增加值占比达到10%。", "FM905 “到2025年”"),
        ("力争到2025年末，城镇化率达到65%。", "FM905 “力争到2025年末”"),
        ("2025年底前完成全部老旧小区改造任务。", "FM905 “2025年底前”"),
        ("要在2025年春节前将慰问金发放到位。", "FM905 “要在2025年春节前”"),
        ("在2025年内建成5G基站1000个。", "FM905 “在2025年内”"),
        ("争取到2025年底，实现村级综合服务设施全覆盖。", "FM905 “争取到2025年底”"),
    ],
)
def test_past_deadlines_written_as_ahead(tmp_path: Path, text: str, match: str) -> None:
    assert _executable(tmp_path, text, "2026-12-04") == [match]
    # in its own year the deadline is still ahead
    assert _executable(tmp_path, text, "2025-03-01") == []


@pytest.mark.parametrize(
    "text",
    [
        "截至2025年末，城镇化率达到65%。",
        "2025年底，城镇化率达到65%。",
        "到2025年底已完成全部改造任务。",
        "到2025年，占比达到10.2%，比2020年提高3个百分点。",
        "“十四五”规划提出，到2025年城镇化率达到65%。",
        "城镇居民人均可支配收入由2020年的3万元增加到2025年的4万元。",
        "2021年到2025年，全区新建学校30所。",
        "2005年底前注册营运的黄标车今年要全部淘汰。",
        "《到2025年全区数字经济发展行动方案》印发实施。",
        "在2025年巴黎奥运会上取得佳绩。",
        "过去五年，我们坚持稳中求进。\u3000\u3000按照部署，到2025年城镇化率达到65%。",
        "到2030年，全区数字经济核心产业增加值占比达到15%。",
    ],
)
def test_results_quotes_and_reviews_stay_silent(tmp_path: Path, text: str) -> None:
    assert _executable(tmp_path, text, "2026-12-04") == []


@pytest.mark.parametrize(
    ("text", "match"),
    [
        # a past deadline right after a heading marker opens its clause like a line start
        ("六、2025年底前完成老旧小区改造扫尾工作", "FM905 “2025年底前”"),
        ("（三）2025年底前全面完成农村公路提档升级。", "FM905 “2025年底前”"),
        ("2. 到2025年，全县城镇化率达到60%。", "FM905 “到2025年”"),
        ("③2025年底前全部建成投用。", "FM905 “2025年底前”"),
        # a past year's own project list named as this year's work
        ("今年要高质量完成2025年度民生实事项目。", "FM905 “要高质量完成2025年度民生实事项目”"),
        ("全力抓好2025年重点项目。", "FM905 “全力抓好2025年重点项目”"),
    ],
)
def test_headings_and_project_lists(tmp_path: Path, text: str, match: str) -> None:
    assert _executable(tmp_path, text, "2026-12-04") == [match]
    assert _executable(tmp_path, text, "2025-03-01") == []


@pytest.mark.parametrize(
    "text",
    [
        "要推进2024年开工的重点项目尽快建成投用。",
        "今年要高质量完成2026年度民生实事项目。",
        "2025年度民生实事项目已全部完成。",
        "六、2025年底前完成的改造项目已全部交付。",
        "二十、2025年底，城镇化率达到65%。",
    ],
)
def test_heading_and_project_look_alikes_stay_silent(tmp_path: Path, text: str) -> None:
    assert _executable(tmp_path, text, "2026-12-04") == []


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("奋力夺取2025年经济社会发展“全年红”。", "FM905 “奋力夺取2025年经济社会发展‘全年红’”"),
        ("全力冲刺四季度，确保2025年主要经济指标稳中有进。", "FM905 “确保2025年主要经济指标”"),
        ("要在2025年6月底前完成项目验收。", "FM905 “要在2025年6月底前”"),
        ("项目计划于2025年底竣工投产。", "FM905 “于2025年底”"),
    ],
)
def test_indicators_months_and_planned_dates(tmp_path: Path, text: str, match: str) -> None:
    assert _executable(tmp_path, text, "2026-12-04") == [match]
    assert _executable(tmp_path, text, "2025-03-01") == []


@pytest.mark.parametrize(
    "text",
    [
        "该项目原计划于2025年底完工，因故延期。",
        "项目计划于2027年底竣工投产。",
        "确保2026年主要经济指标稳中有进。",
        "截至2025年6月底，已完成项目验收。",
    ],
)
def test_planned_dates_look_alikes_stay_silent(tmp_path: Path, text: str) -> None:
    assert _executable(tmp_path, text, "2026-12-04") == []


# Pieces of deadlines, tasks and look-backs: years in all three scripts, spaces and line
# breaks inside them, clause marks and heading markers between.
_PIECES = st.lists(
    st.sampled_from(
        [
            "确保",
            "全力以赴",
            "要",
            "力争",
            "完成",
            "做好",
            "抓好",
            "完成好",
            "计划",
            "于",
            "到",
            "在",
            "前",
            "底",
            "年底",
            "以来",
            "度",
            "6月",
            "春节",
            "内",
            "的",
            "x",
            "2025",
            "２０２５",
            "二〇二五",
            "2026",
            "12",
            "年",
            " ",
            "\u3000",
            "\n",
            "，",
            "。",
            "各项目标任务",
            "重点项目",
            "达到",
            "完成",
            "六、",
            "（三）",
            "了",
            "—",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_PIECES)
@example("全力以赴完成做好2025年各项目标任务")
@example("全力以赴xxxxxx完成xxxx2025年目标")
@example("确保2025 \n 年底前完成")
@example("，  \u3000 确保到2025年底前完成")
@example("六、  到  2025年，达到")
@example("力争到２０２５年末前")
def test_the_searches_near_years_find_what_the_whole_text_search_finds(text: str) -> None:
    from lint.checks.pastyear import _BY, _PATTERN, _deadline_windows, _pattern_windows
    from lint.timeref import year_marks
    from lint.windows import windowed_matches

    marks = year_marks(text)
    for pattern, windows in ((_PATTERN, _pattern_windows), (_BY, _deadline_windows)):
        got = [
            (m.span(), m.groupdict()) for m in windowed_matches(pattern, text, windows(text, marks))
        ]
        assert got == [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
