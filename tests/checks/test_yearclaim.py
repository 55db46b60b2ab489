"""The `year-claim` kind: the same sentence right in one year and wrong in the next."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.helpers import lint_dated, reportlint, run_json

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "official"


def _codes(tmp_path: Path, text: str, as_of: str) -> list[tuple[str, str]]:
    return [(d["code"], d["message"]) for d in lint_dated(tmp_path, text, "FM903,FM904", as_of)]


@pytest.mark.parametrize(
    ("text", "right", "wrong", "fragment"),
    [
        ("今年是“十四五”规划收官之年。", "2025-03-05", "2026-03-05", "“十四五”收官之年是2025年"),
        ("今年是“十五五”开局之年。", "2026-03-05", "2027-03-05", "“十五五”开局之年是2026年"),
        ("明年是“十五五”开局之年。", "2025-12-01", "2026-12-01", "“十五五”开局之年是2026年"),
        (
            "今年是中华人民共和国成立75周年。",
            "2024-03-05",
            "2026-03-05",
            "中华人民共和国成立77周年",
        ),
        ("今年是建党一百零五周年。", "2026-07-01", "2025-07-01", "中国共产党成立104周年"),
        ("今年适逢改革开放48周年。", "2026-12-18", "2027-01-10", "改革开放49周年"),
        ("今年是“十五五”规划实施的第二年。", "2027-03-05", "2026-03-05", "第二年是2027年"),
        (
            "今年恰逢全面贯彻党的二十届四中全会精神的开局之年。",
            "2026-03-05",
            "2027-03-05",
            "开局之年是2026年",
        ),
        ("二〇二六年是中国人民解放军建军九十九周年。", "2026-08-01", "2026-08-01", ""),
    ],
)
def test_right_then_wrong(tmp_path: Path, text: str, right: str, wrong: str, fragment: str) -> None:
    assert _codes(tmp_path, text, right) == []
    found = _codes(tmp_path, text, wrong)
    if fragment:
        assert len(found) == 1 and fragment in found[0][1], found
    else:
        assert found == []


def test_message_names_the_year_and_its_label(tmp_path: Path) -> None:
    ((code, message),) = _codes(tmp_path, "今年是中华人民共和国成立75周年。", "2026-11-26")
    assert code == "FM904"
    assert message.startswith(
        "2026年不是中华人民共和国成立75周年：2026年是中华人民共和国成立77周年"
    )
    # the right number is the whole correction: no unrelated labels of the year appended
    assert "“十五五”" not in message


def test_plan_claim_appends_only_the_years_plan_label(tmp_path: Path) -> None:
    ((code, message),) = _codes(tmp_path, "今年是“十四五”规划收官之年。", "2026-11-26")
    assert code == "FM903"
    assert message.endswith("；2026年是“十五五”开局之年。请按文档年份改写"), message


@pytest.mark.parametrize(
    "text",
    [
        "2024年是新中国成立75周年，是实现“十四五”规划目标任务的关键一年。",
        "刚刚过去的2025年，是“十四五”规划收官之年。",
        "今年是否能完成“十四五”遗留任务，关键在落实。",
        "今年是自治区成立70周年。",
        "今年是“十五五”开局之年，是为“十五五”开好局、起好步的关键之年。",
        "今年是为“十六五”良好开局打牢基础的关键之年。",
    ],
)
def test_silent_in_2026(tmp_path: Path, text: str) -> None:
    assert _codes(tmp_path, text, "2026-11-26") == []


def test_unconfirmed_meeting_never_raises(tmp_path: Path) -> None:
    # 二十届五中全会 is in the calendar only as unconfirmed
    assert _codes(tmp_path, "今年是全面贯彻二十届五中全会精神的开局之年。", "2029-03-05") == []


def test_several_labels_in_one_claim(tmp_path: Path) -> None:
    text = "今年是“十四五”收官和“十五五”谋划承上启下之年，是实现省第十三次党代会目标任务关键一年。"
    found = _codes(tmp_path, text, "2026-11-26")
    assert [c for c, _ in found] == ["FM903", "FM903"]
    assert _codes(tmp_path, text, "2025-01-13") == []


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared corpus not available")
def test_provincial_reports_right_at_their_date_wrong_a_year_later() -> None:
    files = sorted(str(p) for p in SHARED.glob("prov-2025-*.txt"))
    _, diags = run_json("--isolated", "--select", "FM903,FM904", "--as-of", "2025-01-20", *files)
    assert diags == []
    _, diags = run_json("--isolated", "--select", "FM903,FM904", "--as-of", "2026-11-26", *files)
    # every 今年是“十四五”规划收官之年 of the 2025 reports (the ones written `2025年是…` name
    # their year and are look-backs)
    assert sum("“十四五”收官之年是2025年" in d["message"] for d in diags) >= 24


def _executable(tmp_path: Path, text: str, as_of: str) -> list[str]:
    """Codes and columns the installed `reportlint` reports, one line per finding."""
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    proc = reportlint(
        "--isolated", "--quiet", "--select", "FM903,FM904", "--as-of", as_of, str(draft)
    )
    assert proc.returncode in (0, 1), proc.stderr
    out = proc.stdout.decode("utf-8")
    return [line.split(" ", 2)[1] + " " + line.split(" ", 2)[2] for line in out.splitlines()]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("在庆祝建军98周年之际，向全体官兵致以问候。", "2026年是中国人民解放军建军99周年"),
        ("在建党104周年之际，我们开展了系列活动。", "2026年是中国共产党成立105周年"),
        ("在建党104周年华诞之际，我们开展了系列活动。", "2026年是中国共产党成立105周年"),
        ("在庆祝新中国成立76周年之际，全市举办升旗仪式。", "2026年是中华人民共和国成立77周年"),
        ("隆重庆祝中华人民共和国成立76周年。", "2026年是中华人民共和国成立77周年"),
        ("今年是香港回归祖国28周年。", "2026年是香港回归祖国29周年"),
        ("今年是澳门回归祖国26周年。", "2026年是澳门回归祖国27周年"),
        ("2026年作为“十四五”规划的收官之年，任务艰巨。", "“十四五”收官之年是2025年"),
        ("今年作为“十四五”收官之年，要全力冲刺。", "“十四五”收官之年是2025年"),
        ("今年是“十四五”规划全面完成之年。", "“十四五”收官之年是2025年"),
    ],
)
def test_occasions_and_labels_in_other_frames(tmp_path: Path, text: str, fragment: str) -> None:
    (line,) = _executable(tmp_path, text, "2026-12-04")
    assert line.startswith("FM90") and fragment in line, line
    if not text.startswith("2026"):
        # the same sentence a year earlier was right
        assert _executable(tmp_path, text, "2025-12-04") == []


@pytest.mark.parametrize(
    "text",
    [
        "学习习近平总书记在庆祝中国共产党成立100周年大会上的重要讲话精神。",
        "在庆祝中国共产党成立100周年之际，党中央首次颁授“七一勋章”。",
        "2025年，在庆祝新中国成立76周年之际，全市举办升旗仪式。",
        "过去一年，我们隆重庆祝中华人民共和国成立76周年。",
        "在庆祝新中国成立77周年之际，全市举办升旗仪式。",
        "今年是澳门回归祖国27周年。",
        "在“十四五”收官之年，我们取得了显著成绩。",
        "把今年作为作风建设年。",
    ],
)
def test_occasions_silent_when_right_or_told_as_history(tmp_path: Path, text: str) -> None:
    assert _executable(tmp_path, text, "2026-12-04") == []


@pytest.mark.parametrize(
    "text",
    [
        "以优异成绩庆祝中华人民共和国成立75周年。",
        "以经济社会发展的优异成绩迎接中华人民共和国成立70周年。",
        "奋力推进各项工作，迎接新中国成立75周年！",
    ],
)
def test_a_celebration_set_as_a_goal_is_judged_whatever_its_number(
    tmp_path: Path, text: str
) -> None:
    # round numbers too: a goal is never told as history
    assert [c for c, _m in _codes(tmp_path, text, "2026-12-04")] == ["FM904"]
    assert _codes(tmp_path, text.replace("75", "77").replace("70", "77"), "2026-12-04") == []
    assert _codes(tmp_path, "2024年，我们" + text.replace("以", "以", 1), "2026-12-04") == []


# `_Places` answers what the per-occasion searches answered; this reference is those searches.
def _searched(text: str, start: int, end: int, goal: bool) -> tuple[int, int, bool, bool]:
    from lint.checks import yearclaim as y

    para_lo = text.rfind("\n", 0, start) + 1
    para_hi = text.find("\n", end)
    para_hi = len(text) if para_hi < 0 else para_hi
    lo = max(max(text.rfind(c, 0, start) for c in "。；;！!？?") + 1, para_lo)
    stop = (y._CLAUSE_STOP if goal else y._SENTENCE_END).search(text, end)
    hi = stop.start() if stop else len(text)
    return (
        lo,
        hi,
        bool(y._LOOK_BACK.search(text, lo, hi)),
        bool(y._PARA_BACK.search(text, para_lo, para_hi)),
    )


def _placed(text: str, start: int, end: int, goal: bool) -> tuple[int, int, bool, bool]:
    from lint.checks import yearclaim as y

    where = y._Places(text)
    para_lo, _ = where.paragraph(start, end)
    lo = max(where.sentence_start(start), para_lo)
    hi = where.clause_end(end) if goal else where.sentence_end(end)
    return lo, hi, where.look_back(lo, hi), where.para_back()


_PIECES = [
    "去年",
    "过去一年",
    "以来",
    "回顾",
    "2019年",
    "2019 \n年",
    "12019年",
    "，",
    "。",
    "\n",
    "；",
    "周年",
    "中",
    " ",
]


@pytest.mark.parametrize(
    "text",
    [
        "去年。建党104周年，过去一年来\n回顾2019年",
        "12019年建党104周年2019 \n年",
        "中中周年",
        "",
    ],
)
def test_places_answer_as_the_searches_did(text: str) -> None:
    for start in range(len(text) + 1):
        for end in range(start, min(len(text), start + 3) + 1):
            for goal in (False, True):
                assert _placed(text, start, end, goal) == _searched(text, start, end, goal)


@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.data())
def test_places_answer_as_the_searches_did_on_any_text(
    pieces: list[str], data: st.DataObject
) -> None:
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    goal = data.draw(st.booleans())
    assert _placed(text, start, end, goal) == _searched(text, start, end, goal)


@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.data())
def test_places_reused_along_the_text_answer_as_fresh_ones(
    pieces: list[str], data: st.DataObject
) -> None:
    # Occasions come in order and share the index of their paragraph.
    from lint.checks import yearclaim as y

    text = "".join(pieces)
    where = y._Places(text)
    starts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    for start in starts:
        end = data.draw(st.integers(start, len(text)))
        para_lo, _ = where.paragraph(start, end)
        lo = max(where.sentence_start(start), para_lo)
        hi = where.sentence_end(end)
        got = (lo, hi, where.look_back(lo, hi), where.para_back())
        assert got == _searched(text, start, end, False)


def test_places_after_a_span_across_a_line_break() -> None:
    # found by the property test above: the index of a span holding a line break was reused
    from lint.checks import yearclaim as y

    where = y._Places("\n")
    assert where.paragraph(0, 1) == (0, 1)
    assert where.paragraph(1, 1) == (1, 1)
    assert where.sentence_start(1) == 1


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "今年",
                "本年度",
                "明年",
                "去年",
                "值此",
                "2026",
                "２０２６",
                "二〇二六",
                "1",
                "年",
                " ",
                "\n",
                "，",
                "也",
                "即将",
                "是",
                "为",
                "否",
                "x",
                "今",
                "本",
            ]
        ),
        max_size=30,
    ).map("".join)
)
@example("12026年是，今年也是，本年度为，值此")
def test_claims_are_searched_at_every_place_one_can_start(text: str) -> None:
    from lint.checks.yearclaim import _CLAIM, _claim_starts
    from lint.windows import anchored_matches

    got = [(m.span(), m.groupdict()) for m in anchored_matches(_CLAIM, text, _claim_starts(text))]
    assert got == [(m.span(), m.groupdict()) for m in _CLAIM.finditer(text)]
