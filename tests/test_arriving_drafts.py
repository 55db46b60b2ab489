"""Drafts as they really arrive (Markdown, WeChat copies, template pages, case reports).

Every case runs the installed `reportlint` executable on a small file, so the Markdown
source, the rules and the report all take part. Each class has drafts that must be found and
look-alikes that must stay silent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import lint_draft

lint = lint_draft


def spans(diags: list[dict], code: str) -> list[tuple[int, int, int]]:
    """(line, column, end column) of each `code` finding."""
    return [(d["line"], d["column"], d["end_column"]) for d in diags if d["code"] == code]


# --- Markdown stars -------------------------------------------------------------------------

MD_SLOTS = [
    ("截至*月*日，全区共实施项目**个。\n", [(1, 3, 4), (1, 5, 6), (1, 15, 17)]),
    ("发放补贴*万元，覆盖*个村、**户农户。\n", [(1, 5, 6), (1, 11, 12), (1, 15, 17)]),
    ("完成投资*亿元，占年度计划的*%。\n", [(1, 5, 6), (1, 15, 16)]),
    ("- 累计培训**人次，同比增长**%\n", [(1, 7, 9), (1, 16, 18)]),
    ("### 第*期简报\n", [(1, 6, 7)]),
    ("本期完成**项整改，**月底前全部销号。\n", [(1, 5, 7), (1, 11, 13)]),
]


@pytest.mark.parametrize(("text", "expected"), MD_SLOTS)
def test_markdown_stars_in_slots_are_placeholders(
    tmp_path: Path, text: str, expected: list[tuple[int, int, int]]
) -> None:
    assert spans(lint(tmp_path, text, "draft.md", "--select", "PH101"), "PH101") == expected


@pytest.mark.parametrize(
    "text",
    [
        "一是**强化组织领导**，成立专班。二是*压实工作责任*，实行清单管理。\n",
        "**年度重点任务**：全面完成。要**支持**民营企业发展。\n",
        "**说明**：带*号的指标为约束性指标。\n",
        "* 列表项 *斜体*\n",
    ],
)
def test_markdown_emphasis_around_words_is_silent(tmp_path: Path, text: str) -> None:
    assert lint(tmp_path, text, "draft.md", "--select", "placeholder") == []


@pytest.mark.parametrize(
    "text",
    [
        "| 指标 | 数值 |\n| --- | --- |\n| 地区生产总值 | 1305* |\n\n注：标*的为快报数。\n",
        "地区生产总值1305*，固定资产投资568.2*。\n*注：以上数据截至9月底。\n",
        "带*号的栏目为必填项。\n",
    ],
)
@pytest.mark.parametrize("name", ["draft.txt", "draft.md"])
def test_footnote_stars_are_not_placeholders(tmp_path: Path, text: str, name: str) -> None:
    assert lint(tmp_path, text, name, "--select", "PH101") == []


@pytest.mark.parametrize("name", ["draft.txt", "draft.md"])
def test_unfilled_document_numbers(tmp_path: Path, name: str) -> None:
    text = "根据某政发〔2026〕*号和县政府办〔2026〕**号文件要求。\n"
    assert spans(lint(tmp_path, text, name, "--select", "PH101"), "PH101") == [
        (1, 12, 13),
        (1, 25, 27),
    ]


# --- single × in a number slot --------------------------------------------------------------


def test_single_times_sign_in_number_slots(tmp_path: Path) -> None:
    text = "我局共约谈×人，整改问题×项，共×次开展督查，印发第×期简报，某政发〔2026〕×号。\n"
    found = spans(lint(tmp_path, text, "draft.txt", "--select", "PH102"), "PH102")
    assert [c for _l, c, _e in found] == [6, 13, 17, 27, 41]


@pytest.mark.parametrize(
    "text",
    [
        "举办4×100米接力赛，采用3×3矩阵布置。\n",
        "实施“数据要素×”三年行动计划，推进数据要素×交通运输场景应用。\n",
        "配备×光安检机。\n",
    ],
)
def test_multiplication_and_names_with_times_sign_stay_silent(tmp_path: Path, text: str) -> None:
    assert lint(tmp_path, text, "draft.txt", "--select", "placeholder") == []


# --- anonymised names -----------------------------------------------------------------------


def test_anonymised_names_are_not_placeholders(tmp_path: Path) -> None:
    text = (
        "原副局长张某某违规收受礼金，刘某、赵某某同志分别受到诫勉谈话，对何某某、高某某严肃处理。\n"
    )
    assert lint(tmp_path, text, "draft.txt", "--select", "placeholder") == []


def test_a_bare_mouxx_where_a_name_belongs_is_still_reported(tmp_path: Path) -> None:
    text = "由某某负责组织实施，联系人：某某。\n"
    found = spans(lint(tmp_path, text, "draft.txt", "--select", "PH104"), "PH104")
    assert found == [(1, 2, 4), (1, 15, 17)]


# --- empty brackets -------------------------------------------------------------------------


def test_empty_brackets_do_not_match_across_a_line_break(tmp_path: Path) -> None:
    diags = lint(
        tmp_path, "请于（\n）前报送。\n请于（　）前报送。\n", "draft.txt", "--select", "PH107"
    )
    assert [(d["line"], d["end_line"]) for d in diags] == [(3, 3)]
    assert all("\n" not in d["message"] for d in diags)


# --- residue --------------------------------------------------------------------------------


def codes(diags: list[dict]) -> list[tuple[int, str]]:
    return [(d["line"], d["code"]) for d in diags]


def test_residue_behind_markdown_prefixes(tmp_path: Path) -> None:
    text = (
        "# 工作进展\n\n正文。\n\n> 来源：网络  责编：王芳\n\n- 来源：某某公众号\n\n"
        "### 责任编辑：李明\n\n1. 来源：网络\n\n> 推荐阅读\n> 某某总结\n"
    )
    found = codes(lint(tmp_path, text, "draft.md", "--select", "residue"))
    assert found == [(5, "RS102"), (7, "RS102"), (9, "RS101"), (11, "RS102"), (13, "RS107")]


def test_markdown_quotes_and_headings_without_residue_stay_clean(tmp_path: Path) -> None:
    text = (
        "# 工作进展\n\n> 资金来源：区级财政拨款\n\n## 二、责任编辑部门职责\n\n1. 资金来源：财政\n"
    )
    assert lint(tmp_path, text, "draft.md", "--select", "residue") == []


WECHAT = """点击蓝字 关注我们

我县召开安全生产专题会议

11月18日，县委召开安全生产专题会议。会议要求组织党员干部阅读原文原著。

长按识别二维码
阅读原文
分享 收藏 点赞 在看
预览时标签不可点
微信扫一扫
关注该公众号

编辑：李娜
审核：张伟
来源：某县融媒体中心发布
"""


def test_wechat_copy_residue_and_its_closing_credits(tmp_path: Path) -> None:
    found = codes(lint(tmp_path, WECHAT, "draft.txt", "--select", "residue"))
    assert found == [
        (1, "RS121"),
        (7, "RS121"),
        (8, "RS121"),
        (9, "RS121"),
        (10, "RS121"),
        (11, "RS121"),
        (12, "RS121"),
        (14, "RS122"),
        (15, "RS122"),
        (16, "RS102"),
    ]


def test_credits_without_prompts_are_found_by_their_source_line(tmp_path: Path) -> None:
    text = "正文。\n\n编辑：李娜\n审核：张伟\n来源：某县融媒体中心发布\n"
    found = codes(lint(tmp_path, text, "draft.txt", "--select", "residue"))
    assert found == [(3, "RS122"), (4, "RS122"), (5, "RS102")]


JIANBAO = """政务信息
第45期
县政府办公室　　　　　　2026年11月25日

我县扎实推进冬季安全生产大检查

近日，我县组织开展冬季安全生产大检查，共检查企业56家。

报：市政府办公室
送：县委办公室

撰稿：王明　　审核：李华
"""


@pytest.mark.parametrize(
    "text",
    [
        JIANBAO,
        JIANBAO.replace("撰稿：王明　　审核：李华", "撰稿：王明\n审核：李华"),
        JIANBAO.replace("撰稿：王明　　审核：李华", "编辑：李娜\n审核：张伟"),
        # a 简报 that quotes a WeChat article keeps its own sign-off
        "点击蓝字 关注我们\n"
        + JIANBAO.replace("撰稿：王明　　审核：李华", "审核：李华\n撰稿：王明"),
    ],
)
def test_a_briefing_s_own_sign_off_stays_clean(tmp_path: Path, text: str) -> None:
    assert [c for c in codes(lint(tmp_path, text, "draft.txt", "--select", "RS122"))] == []


def test_template_site_markers(tmp_path: Path) -> None:
    text = "述职报告 篇2\n范文一：\n（精选5篇）\n篇3：学校安全工作总结\n【范文二】社区工作总结\n"
    found = codes(lint(tmp_path, text, "draft.txt", "--select", "RS119,RS120"))
    assert found == [(1, "RS120"), (2, "RS120"), (3, "RS119"), (4, "RS120"), (5, "RS120")]


def test_template_marker_look_alikes_stay_clean(tmp_path: Path) -> None:
    text = "全年发表理论文章5篇。\n第一篇 开启全面建设社会主义现代化国家新征程\n共编发简报12篇\n"
    assert lint(tmp_path, text, "draft.txt", "--select", "residue") == []


def test_seo_decoration_inside_an_editor_blurb_is_reported_once(tmp_path: Path) -> None:
    text = "以下是小编整理的社区活动总结范文(通用5篇)，仅供参考，希望对你有帮助。\n"
    found = codes(lint(tmp_path, text, "draft.txt", "--select", "residue"))
    assert found == [(1, "RS104")]


# --- declared counts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("落实“三个到位”，即责任到位、措施到位。\n", "NB121"),
        ("“四个到位”是指思想到位、责任到位、措施到位。\n", "NB121"),
        ("开展了三项活动，即读书月、演讲赛。\n", "NB122"),
        ("建立了三项制度，包括请示报告制度、督查督办制度。\n", "NB122"),
        ("整改措施主要是两个方面：加强学习、完善制度、强化问责。\n", "NB122"),
    ],
)
def test_counts_introduced_without_a_colon(tmp_path: Path, text: str, code: str) -> None:
    assert codes(lint(tmp_path, text, "draft.txt", "--select", "numbering")) == [(1, code)]


@pytest.mark.parametrize(
    "text",
    [
        "落实“三个到位”，即责任到位、措施到位、督查到位。\n",
        "开展了三项活动，即读书月、演讲赛、知识竞赛。\n",
        "重点任务包括三个方面，即稳增长、促改革、调结构、惠民生等。\n",
        "“两个维护”是指坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威。\n",
    ],
)
def test_counts_that_match_their_list_stay_clean(tmp_path: Path, text: str) -> None:
    assert lint(tmp_path, text, "draft.txt", "--select", "numbering") == []


# --- spans ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("深入开展“两学一做”学习教育。\n", "FM305"),
        ("深入开展“三严三实”专题教育。\n", "FM304"),
        ("深入开展“不忘初心、牢记使命”主题教育。\n", "FM306"),
    ],
)
def test_a_quoted_campaign_name_is_flagged_from_its_opening_quote(
    tmp_path: Path, text: str, code: str
) -> None:
    found = spans(lint(tmp_path, text, "draft.txt", "--select", code), code)
    assert found == [(1, 5, text.index("育") + 2)]


def test_an_unquoted_campaign_name_is_flagged_from_its_first_character(tmp_path: Path) -> None:
    found = spans(lint(tmp_path, "深入开展两学一做学习教育。\n", "draft.txt"), "FM305")
    assert found == [(1, 5, 13)]


def test_a_run_of_nbsps_is_one_finding_with_one_fix(tmp_path: Path) -> None:
    text = "\u00a0\u00a0\u00a0\u00a0各位代表，\u00a0大家好。\n"
    diags = lint(tmp_path, text, "draft.txt", "--select", "RS114")
    assert spans(diags, "RS114") == [(1, 1, 5), (1, 10, 11)]
    assert [[e["replacement"] for e in d["fix"]] for d in diags] == [["    "], [" "]]
