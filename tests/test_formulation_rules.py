"""The formulation rules end to end, through the real CLI: the seed page, real official texts
at their own dates (the false-positive benchmark) and old texts judged today, date windows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex as re

from lint.cli import main
from lint.ruleset import load_ruleset

TODAY = "2026-11-26"


def _lint(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, object]]]:
    rc = main(["--format", "json", "--select", "formulation", *args])
    out, err = capsys.readouterr()
    assert rc in (0, 1), err
    return rc, json.loads(out or "[]")


def _text_lint(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, as_of: str
) -> list[tuple[int, int, str]]:
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    _rc, diags = _lint(capsys, "--as-of", as_of, str(draft))
    return [(int(d["line"]), int(d["column"]), str(d["code"])) for d in diags]  # type: ignore[call-overload]


SEED_EXPECTED = [
    (12, 59, 72, "FM106"),  # 十九大和十九届历次全会精神
    (20, 66, 86, "FM901"),  # 《2019年度创建省级文明单位实施方案》
    (28, 89, 109, "FM901"),
    (28, 122, 140, "FM901"),
    (28, 306, 315, "FM107"),  # 十九届四中全会精神
    (30, 165, 182, "FM901"),
    (30, 471, 489, "FM901"),
    (42, 60, 91, "FM201"),  # 以邓小平理论和“三个代表”重要思想为指导,树立和落实科学发展观
    (54, 58, 63, "FM101"),  # 十七大精神
    (72, 133, 144, "FM301"),  # 科学发展观学习教育活动
    (76, 377, 382, "FM405"),  # 计划生育率
    (88, 204, 208, "FM701"),  # 唱读讲传 (six times)
    (90, 247, 252, "FM403"),  # 建卡贫困户
    (98, 238, 243, "FM403"),
    (100, 7, 11, "FM701"),
    (102, 40, 44, "FM701"),
    (102, 246, 250, "FM701"),
    (102, 354, 358, "FM701"),
    (102, 515, 519, "FM701"),
    # (110) 局主要领导被文化部评为…先进个人: a past award under the old name, silent
    (116, 237, 240, "FM601"),  # 市文广局
    (124, 9, 13, "FM601"),  # 区文广新局
    (124, 60, 82, "FM203"),  # 以科学发展观和…为指导
    (124, 67, 79, "FM104"),  # 十七届四中、五中全会精神
]


def test_seed_at_2026(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    rc, diags = _lint(capsys, "--as-of", TODAY, str(seed_path))
    assert rc == 1
    got = [(d["line"], d["column"], d["end_column"], d["code"]) for d in diags]
    assert got == SEED_EXPECTED
    text = seed_path.read_text(encoding="utf-8")
    lines = text.splitlines()
    flagged = {lines[line - 1][col - 1 : end - 1] for line, col, end, _ in SEED_EXPECTED}
    assert {
        "十九大和十九届历次全会精神",
        "十九届四中全会精神",
        "十七大精神",
        "科学发展观学习教育活动",
        "十七届四中、五中全会精神",
        "文广新局",
        "文广局",
        "建卡贫困户",
        "计划生育率",
        "唱读讲传",
    } <= flagged
    by_code = {d["code"]: d for d in diags}
    assert "党的二十大于2022年10月22日闭幕" in str(by_code["FM106"]["message"])
    assert by_code["FM106"]["fix"][0]["safety"] == "unsafe"  # type: ignore[index]


def test_seed_in_its_own_time_is_quiet_on_congresses(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    # The third report was written around 2010: the 17th Congress was then current.
    _rc, diags = _lint(capsys, "--as-of", "2010-12-01", str(seed_path))
    codes = {d["code"] for d in diags}
    assert not codes & {"FM101", "FM104", "FM201", "FM203", "FM701", "FM106"}
    # ...but the 19th Congress, 2019 plans and Xi Jinping Thought did not exist yet
    assert {d["code"] for d in diags if d["severity"] == "info"} >= {"FM210"}


def _official_rows(official_dir: Path) -> list[tuple[str, str]]:
    rows = (official_dir / "index.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [tuple(r.split("\t")) for r in rows]  # type: ignore[misc]


def test_official_texts_at_their_own_date_are_silent(
    capsys: pytest.CaptureFixture[str], official_dir: Path
) -> None:
    found = []
    for name, day in _official_rows(official_dir):
        _rc, diags = _lint(capsys, "--as-of", day, str(official_dir / name))
        found += [f"{name}:{d['line']}:{d['column']} {d['code']}" for d in diags]
    # errors, warnings and info alike: these are real, clean texts
    assert found == []


@pytest.mark.parametrize(
    ("name", "minimum", "codes"),
    [
        ("gwr-2018-wikisource.txt", 4, {"FM103", "FM108", "FM401"}),
        ("gwr-2019-wikisource.txt", 4, {"FM103", "FM108", "FM306", "FM401"}),
        ("gwr-2010.txt", 2, {"FM104", "FM201"}),
    ],
)
def test_old_official_texts_judged_today(
    capsys: pytest.CaptureFixture[str],
    official_dir: Path,
    name: str,
    minimum: int,
    codes: set[str],
) -> None:
    _rc, diags = _lint(capsys, "--as-of", TODAY, str(official_dir / name))
    serious = [d for d in diags if d["severity"] in ("error", "warning")]
    assert len(serious) >= minimum
    assert codes <= {d["code"] for d in serious}


@pytest.mark.parametrize(
    ("text", "before", "inside", "after", "code"),
    [
        # FM103 from 2022-10-22 (the 20th Congress closed), open-ended
        ("认真学习贯彻党的十九大精神。", "2022-10-21", "2022-10-22", None, "FM103"),
        # FM111 from 2019-10-31 (4th plenum) until 2022-10-22, when FM106 takes over
        (
            "全面贯彻党的十九大和十九届二中、三中全会精神。",
            "2019-10-30",
            "2019-10-31",
            "2022-10-22",
            "FM111",
        ),
        # FM131, an anachronism: until 2022-10-16 (the 20th Congress opened)
        ("深入学习贯彻党的二十大精神。", None, "2022-10-15", "2022-10-16", "FM131"),
        # FM412 from 2026-01-01: the 14th five-year plan closed at the end of 2025
        ("扎实推进“十四五”规划各项任务落实。", "2025-12-31", "2026-01-01", None, "FM412"),
        # FM903: the year label is judged by the year, from the calendar
        ("今年是“十四五”规划收官之年。", "2025-12-31", "2026-01-01", None, "FM903"),
    ],
)
def test_effective_window(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    text: str,
    before: str | None,
    inside: str,
    after: str | None,
    code: str,
) -> None:
    if before is not None:
        assert code not in {c for *_, c in _text_lint(capsys, tmp_path, text, before)}
    assert code in {c for *_, c in _text_lint(capsys, tmp_path, text, inside)}
    if after is not None:
        assert code not in {c for *_, c in _text_lint(capsys, tmp_path, text, after)}


def test_superseded_wording_hands_over(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = "全面贯彻党的十九大和十九届二中、三中全会精神。"
    assert _text_lint(capsys, tmp_path, text, "2022-10-21") == [(1, 7, "FM111")]
    # a list of single plenums: FM108, a suggestion without a fix
    assert _text_lint(capsys, tmp_path, text, "2022-10-22") == [(1, 7, "FM108")]


@pytest.mark.parametrize(
    "text",
    [
        "党的十八大以来,我国发展取得历史性成就。",
        "我们打赢了脱贫攻坚战,全面建成小康社会目标如期实现。",
        "巩固拓展脱贫攻坚成果同乡村振兴有效衔接。",
        "坚持社会主义核心价值体系。",
        "“十四五”规划圆满收官。",
        "推进党纪学习教育常态化长效化,巩固拓展主题教育成果。",
        "五年来,各级政府扎实开展“不忘初心、牢记使命”主题教育和党史学习教育。",
        "深入学习贯彻党的二十届四中全会精神。",
    ],
)
def test_retrospective_uses_are_silent(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str
) -> None:
    assert _text_lint(capsys, tmp_path, text, TODAY) == []


def test_ascii_and_full_width_punctuation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ascii_text = '以邓小平理论和"三个代表"重要思想为指导,深入贯彻落实科学发展观。'
    wide_text = "以邓小平理论和“三个代表”重要思想为指导，深入贯彻落实科学发展观。"
    assert _text_lint(capsys, tmp_path, ascii_text, TODAY) == [(1, 1, "FM201")]
    assert _text_lint(capsys, tmp_path, wide_text, TODAY) == [(1, 1, "FM201")]


def test_every_formulation_rule_is_documented() -> None:
    rules = [r for r in load_ruleset() if r.code.startswith("FM")]
    assert len(rules) >= 50
    for r in rules:
        assert r.category == "formulation"
        assert r.source and (r.effective_from or r.effective_until), r.code
        assert r.good and r.bad, r.code
        # the current wording is offered, or the message says what to do instead
        assert (
            r.suggestion
            or r.params.get("swap")
            or r.params.get("replacement")
            or re.search(r"应|请|现称|现为|当前为|提法是", r.message)
        ), r.code
        # unverified knowledge is never an error
        if "未核实" in r.source.replace("部分核实", ""):
            assert r.severity != "error", r.code
        # a fix only where there is exactly one replacement
        if r.fix_safety:
            assert r.fix_safety == "unsafe", r.code


def test_unsafe_fixes_give_the_current_wording(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    draft = tmp_path / "draft.txt"
    text = (
        "认真贯彻党的十九大和十九届历次全会精神。\n"
        "以马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观为指导。\n"
        "经国土资源部批准,由区文广新局承办。\n"
    )
    draft.write_text(text, encoding="utf-8")
    args = ["--select", "formulation", "--as-of", TODAY, "--fix", str(draft)]
    # formulation fixes are all unsafe: plain --fix changes nothing
    main(args)
    capsys.readouterr()
    assert draft.read_text(encoding="utf-8") == text
    main([*args, "--unsafe-fixes"])
    capsys.readouterr()
    assert draft.read_text(encoding="utf-8") == (
        "认真贯彻党的二十大和二十届历次全会精神。\n"
        "以马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、"
        "习近平新时代中国特色社会主义思想为指导。\n"
        # an old ministry may name a past act (an approval in 2015), and local names vary:
        # a suggestion, never a fix
        "经国土资源部批准,由区文广新局承办。\n"
    )


# A draft written with the current wording, signed 2026-11-20: every formulation rule is silent.
MODERN_DRAFT = (
    "关于2026年度工作情况的报告\n"
    "\n"
    "今年以来，我局坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届历次全会精神，深入学习贯彻党的二十届四中、五中全会精神，深入学习贯彻习近平总书记重要讲话和重要指示批示精神，巩固拓展脱贫攻坚成果，健全常态化防止返贫致贫机制，巩固深化中央八项规定精神学习教育成果，推进党纪学习教育常态化长效化，巩固拓展主题教育成果。\n"
    "“十四五”规划圆满收官，“十五五”实现良好开局。我们坚定“四个自信”，协调推进全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党战略布局，以中国式现代化全面推进强国建设、民族复兴伟业。\n"
    "市生态环境局、市市场监督管理局、县应急管理局、区文化和旅游局、市卫生健康委员会、县农业农村局、县乡村振兴局、市自然资源和规划局联合开展检查。原县环保局、原县扶贫办的档案已移交。\n"
    "党的十八大以来，我国打赢了脱贫攻坚战，全面建成小康社会目标如期实现。培育和践行社会主义核心价值观，坚持社会主义核心价值体系。\n"
    "高质量共建“一带一路”，推动内地与香港合作，深化中澳自贸协定实施。建立农村长效管护机制。严格落实中央八项规定精神。\n"
    "制定《2026年度工作要点》和《2025—2027年行动计划》，落实《2025年度实施方案》。\n"
    "2026年11月20日\n"
)


def test_current_draft_is_silent(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(MODERN_DRAFT, encoding="utf-8")
    rc = main(["--format", "json", "--select", "formulation", "--as-of", "auto", str(draft)])
    out, err = capsys.readouterr()
    assert "按 2026-11-20 判断提法" in err
    assert (rc, json.loads(out)) == (0, [])


QA_DAY = "2026-11-27"


@pytest.mark.parametrize(
    ("past", "present", "code"),
    [
        (
            "2019年，我局深入开展“不忘初心、牢记使命”主题教育。",
            "2026年，我局深入开展“不忘初心、牢记使命”主题教育。",
            "FM306",
        ),
        ("回顾2021年，我们扎实开展党史学习教育。", "今年以来，我们扎实开展党史学习教育。", "FM307"),
        (
            "过去五年，我们坚决打赢脱贫攻坚战，全面建成小康社会。",
            "今年，我们要坚决打赢脱贫攻坚战。",
            "FM402",
        ),
        (
            "十八洞村是“精准扶贫”重要理念首倡地。",
            "深入推进精准扶贫，确保贫困群众稳定增收。",
            "FM404",
        ),
        (
            "2018年国务院机构改革中，原文化部、国家旅游局整合组建文化和旅游部。",
            "由文化部牵头组织实施。",
            "FM501",
        ),
        (
            "党的十九大以来，我们深入学习贯彻党的十九大精神，各项事业取得新进展。",
            "我们深入学习贯彻党的十九大精神。",
            "FM103",
        ),
        (
            "2025年，我们扎实推进“十四五”规划各项任务落实。",
            "扎实推进“十四五”规划各项任务落实。",
            "FM412",
        ),
    ],
)
def test_sentences_about_the_past_are_silent(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, past: str, present: str, code: str
) -> None:
    assert _text_lint(capsys, tmp_path, past, QA_DAY) == []
    assert code in {c for *_, c in _text_lint(capsys, tmp_path, present, QA_DAY)}


def test_several_campaigns_in_the_present_are_each_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (
        "当前，我们正在深入开展学习贯彻习近平新时代中国特色社会主义思想主题教育，"
        "扎实开展党纪学习教育，持续深化深入贯彻中央八项规定精神学习教育。"
    )
    assert [c for *_, c in _text_lint(capsys, tmp_path, text, QA_DAY)] == [
        "FM308",
        "FM309",
        "FM310",
    ]
    # the same series in a five-year review (a work report's 过去五年) is history
    review = "过去五年，全面从严治党成效卓著。\n" + text.replace("当前，我们正在", "")
    assert _text_lint(capsys, tmp_path, review, QA_DAY) == []


def _fixes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str
) -> list[tuple[str, object]]:
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    _rc, diags = _lint(capsys, "--as-of", QA_DAY, str(draft))
    return [(str(d["code"]), d["fix"]) for d in diags]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # one plenum is not the series: FM108, no fix (FM106 keeps its fix for 历次)
        ("深入学习贯彻党的十九大和十九届四中全会精神。", "FM108"),
        ("全面贯彻党的十九大和十九届二中、三中全会精神。", "FM108"),
        # an old ministry may name a past act: no fix
        ("经国土资源部批准，我县开展土地整治。", "FM501"),
        # 十九大精神 -> 二十大精神 is false in a stale sentence: no fix
        ("过去一年是全面贯彻党的十九大精神开局之年。", "FM103"),
    ],
)
def test_no_unsafe_fix_where_the_replacement_can_be_false(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, code: str
) -> None:
    assert _fixes(capsys, tmp_path, text) == [(code, None)]


def test_renaming_and_past_awards_are_neither_reported_nor_fixed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (
        "2018年国务院机构改革中，原文化部、国家旅游局整合组建文化和旅游部。\n"
        "局主要领导被文化部评为非物质文化遗产保护先进个人。\n"
    )
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    main(["--select", "formulation", "--as-of", QA_DAY, "--fix", "--unsafe-fixes", str(draft)])
    capsys.readouterr()
    assert draft.read_text(encoding="utf-8") == text


_HALF_WIDTH = re.compile(r"[,:;()]")


def test_messages_are_plain_chinese_with_real_sources() -> None:
    for r in load_ruleset():
        if not r.code.startswith("FM"):
            continue
        # internal caveats belong in confidence/description, not in what the user reads
        assert not re.search(r"未核实|未找到明文|惯例|\[[UPV]\]", r.message), r.code
        # full-width punctuation in Chinese text: the tool flags half-width in drafts
        texts = [r.message, r.suggestion or "", *map(str, r.params.get("swap", {}).values())]
        for t in texts:
            assert not _HALF_WIDTH.search(t), (r.code, t)
        # a source a user can look up: named in words, not only a research code
        words = re.sub(r"S\d+|\[[UPV]\]|B\.\d|[\s,，、;；:：()（）]", "", r.source)
        assert len(re.findall(r"\p{Han}", words)) >= 4, (r.code, r.source)
        assert not re.match(r"\s*(?:S\d|\[|调研)", r.source), (r.code, r.source)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("“十三五”时期，我县深入实施精准扶贫，累计减贫3.2万人。", "FM404"),
        ("脱贫攻坚期间，我县坚持精准扶贫，累计减贫3.2万人。", "FM404"),
        ("坚持精准扶贫精准脱贫基本方略。", "FM404"),
        ("“十三五”时期，我县坚决打赢脱贫攻坚战，累计减贫3.2万人。", "FM402"),
        ("“十三五”期间，县扶贫办牵头实施产业扶贫项目126个。", "FM602"),
        ("2020年底，我县建档立卡贫困户全部脱贫。", "FM403"),
        ("2016—2020年，我县建档立卡贫困户全部脱贫。", "FM403"),
    ],
)
def test_named_past_periods_are_history(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, code: str
) -> None:
    assert _text_lint(capsys, tmp_path, text, QA_DAY) == []
    # the same sentence about a period that is not over yet is reported
    present = (
        text.replace("“十三五”", "“十五五”")
        .replace("脱贫攻坚期间，", "")
        .replace("2020年底，", "今年，")
        .replace("2016—2020年", "2026—2030年")
        .replace("精准脱贫基本方略", "工作")
    )
    assert code in {c for *_, c in _text_lint(capsys, tmp_path, present, QA_DAY)}


def test_both_congresses_only_in_the_transition_months(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    review = "全面贯彻党的十九大和十九届历次全会精神,深入贯彻党的二十大精神。"
    # the reports of March 2023 reviewed 2022: both congresses, silent
    assert _text_lint(capsys, tmp_path, review, "2023-03-05") == []
    # without 二十大 it was already outdated then
    assert _text_lint(
        capsys, tmp_path, "深入贯彻党的十九大和十九届历次全会精神。", "2022-12-01"
    ) == [(1, 7, "FM109")]
    # in 2026 naming 二十大 beside it no longer makes the old wording current
    text = (
        "全面贯彻党的十九大和十九届历次全会精神，"
        "深入学习贯彻党的二十大和二十届二中、三中、四中全会精神。"
    )
    assert [c for *_, c in _text_lint(capsys, tmp_path, text, QA_DAY)] == ["FM106", "FM123"]


# what an editor would do, not text to insert: that belongs in the message
_INSTRUCTION = re.compile(r"删去|删除|改为|改用|[应须]|当前为|核对|请|为准|[（(]或|--as-of")


def test_suggestions_are_replacement_text() -> None:
    rules = [r for r in load_ruleset() if r.code.startswith("FM")]
    for r in rules:
        if r.suggestion is not None:
            assert r.suggestion, r.code
            assert not _INSTRUCTION.search(r.suggestion), (r.code, r.suggestion)
    messages = {r.code: r.message for r in rules}
    # the instructions moved into the message
    assert "请删去或改为当前正在开展的学习教育" in messages["FM307"]
    assert "当前为“{current}”时期（{current_first}—{current_last}年）" in messages["FM412"]
    assert "请核对文档日期" in messages["FM131"]


def test_messages_do_not_double_the_quotes_of_the_match(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # a match that starts or ends with a quote (`“一带一路”战略`, `两学一做”学习教育`) is not
    # wrapped in another pair: every message of every bad example has balanced quotes
    draft = tmp_path / "draft.txt"
    seen = set()
    for r in load_ruleset():
        if not r.code.startswith("FM"):
            continue
        for ex in r.bad:
            draft.write_text(ex.text, encoding="utf-8")
            args = ["--select", r.code, "--as-of", ex.as_of.isoformat() if ex.as_of else QA_DAY]
            _rc, diags = _lint(capsys, *args, str(draft))
            for d in diags:
                msg = str(d["message"])
                assert "““" not in msg and "””" not in msg, (r.code, msg)
                assert msg.count("“") == msg.count("”"), (r.code, msg)
                seen.add(r.code)
    assert {"FM305", "FM801"} <= seen


@pytest.mark.parametrize(
    ("past", "present", "code"),
    [
        (
            "深入贯彻中央八项规定精神学习教育开展以来，我局共查摆问题28个。",
            "深入贯彻中央八项规定精神学习教育开展以来，我们要持续深化。",
            "FM310",
        ),
        (
            "学习贯彻习近平新时代中国特色社会主义思想主题教育开展以来，我局共查摆问题28个。",
            "扎实开展学习贯彻习近平新时代中国特色社会主义思想主题教育。",
            "FM308",
        ),
        (
            "情况说明\n2019年印发的《某县2019年度乡村振兴实施方案》已完成历史使命。",
            "情况说明\n认真落实县委印发的《某县2019年度乡村振兴实施方案》。",
            "FM901",
        ),
    ],
)
def test_counts_and_finished_plans_look_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, past: str, present: str, code: str
) -> None:
    assert _text_lint(capsys, tmp_path, past, QA_DAY) == []
    assert code in {c for *_, c in _text_lint(capsys, tmp_path, present, QA_DAY)}


@pytest.mark.parametrize(
    ("text", "as_of", "code", "replacement"),
    [
        (
            "认真学习党的二十届一中、二中、三中、四中全会精神。",
            QA_DAY,
            "FM123",
            "二十届历次全会精神",
        ),
        ("认真学习党的二十届二中、三中全会精神。", QA_DAY, "FM122", "二十届历次全会精神"),
        # before the 4th plenum the list of the day; after it, 历次
        (
            "认真学习党的二十届一中、二中全会精神。",
            "2025-03-01",
            "FM121",
            "二十届二中、三中全会精神",
        ),
        ("认真学习党的二十届一中、二中全会精神。", QA_DAY, "FM121", "二十届历次全会精神"),
        (
            "深入贯彻党的二十大和二十届二中、三中、四中全会精神。",
            QA_DAY,
            "FM123",
            "二十大和二十届历次全会精神",
        ),
    ],
)
def test_plenum_lists_without_the_congress(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    text: str,
    as_of: str,
    code: str,
    replacement: str,
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    _rc, diags = _lint(capsys, "--as-of", as_of, str(draft))
    assert [(d["code"], d["fix"][0]["replacement"]) for d in diags] == [(code, replacement)]  # type: ignore[index]
    # one plenum alone (cited for its topic) and the latest list stay silent
    for quiet in (
        "深入学习贯彻党的二十届四中全会精神。",
        "深入学习贯彻党的二十届四中、五中全会精神。",
    ):
        assert _text_lint(capsys, tmp_path, quiet, QA_DAY) == []


@pytest.mark.parametrize(
    ("text", "column"),
    [("过渡期内，要严格落实“四个不摘”要求。", 1), ("今年是过渡期的关键一年。", 4)],
)
def test_poverty_transition_period_as_the_present(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, column: int
) -> None:
    # the transition period ran 2021-02-25 to 2025-12-31 (research B.2, S14)
    assert _text_lint(capsys, tmp_path, text, QA_DAY) == [(1, column, "FM407")]
    assert _text_lint(capsys, tmp_path, text, "2025-03-05") == []
    assert _text_lint(capsys, tmp_path, "今年是过渡期结束后的第一年。", QA_DAY) == []


@pytest.mark.parametrize(
    ("as_of", "code", "suggestion"),
    [
        # the suggestion is the standard list of the document's date, which grows by plenum
        ("2022-12-01", "FM103", "二十大精神"),
        ("2023-06-01", "FM103", "二十大和二十届二中全会精神"),
        ("2025-01-20", "FM103", "二十大和二十届二中、三中全会精神"),
        ("2025-10-23", "FM103", "二十大和二十届历次全会精神"),
        ("2026-11-26", "FM103", "二十大和二十届历次全会精神"),
    ],
)
def test_nineteenth_congress_suggestion_by_date(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, as_of: str, code: str, suggestion: str
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("认真学习贯彻党的十九大精神，推动各项工作落地见效。", encoding="utf-8")
    _rc, diags = _lint(capsys, "--as-of", as_of, str(draft))
    assert [(d["code"], d["suggestion"]) for d in diags] == [(code, suggestion)]
    assert suggestion in str(diags[0]["message"])


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2024-03-05", []),  # the 3rd plenum has not met: the list is current
        ("2024-09-01", [("FM121", "二十大和二十届二中、三中全会精神")]),
        ("2025-10-22", [("FM121", "二十大和二十届二中、三中全会精神")]),
        ("2025-10-23", [("FM121", "二十大和二十届历次全会精神")]),
        ("2026-11-26", [("FM121", "二十大和二十届历次全会精神")]),
    ],
)
def test_second_plenum_list_suggestion_by_date(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    as_of: str,
    expected: list[tuple[str, str]],
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("全面贯彻党的二十大和二十届二中全会精神。", encoding="utf-8")
    _rc, diags = _lint(capsys, "--as-of", as_of, str(draft))
    assert [(d["code"], d["suggestion"]) for d in diags] == expected
    assert all(d["fix"][0]["replacement"] == d["suggestion"] for d in diags)  # type: ignore[index]


def test_fourth_plenum_list_claims_no_fifth_plenum(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # From the 4th plenum on documents say 历次: the list ending at 四中 is reported as a
    # warning at once, and no message asserts that a 5th plenum has met.
    draft = tmp_path / "draft.txt"
    draft.write_text("深入贯彻党的二十大和二十届二中、三中、四中全会精神。", encoding="utf-8")
    for as_of in ("2025-11-10", "2026-03-05", "2026-11-26"):
        _rc, diags = _lint(capsys, "--as-of", as_of, str(draft))
        assert [(d["code"], d["severity"]) for d in diags] == [("FM123", "warning")]
        assert "五中全会" not in str(diags[0]["message"])
    # before the 4th plenum met, the list is an anachronism (FM134, info), not FM123
    _rc, diags = _lint(capsys, "--as-of", "2025-10-01", str(draft))
    assert [d["code"] for d in diags] == ["FM134"]
    # the unconfirmed plenum never makes an error: FM135 is info and says the date is unchecked
    draft.write_text("深入学习贯彻党的二十届五中全会精神。", encoding="utf-8")
    _rc, diags = _lint(capsys, "--as-of", "2026-03-05", str(draft))
    assert [(d["code"], d["severity"]) for d in diags] == [("FM135", "info")]
    assert "未经核实" in str(diags[0]["message"])
