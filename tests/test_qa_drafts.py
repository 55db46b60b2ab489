"""Sentences from unseen 2026 drafts, run through the installed `reportlint` executable.

Each group has what must be found and the look-alikes that must stay silent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import lint_draft, reportlint

lint = lint_draft


def codes(diags: list[dict]) -> list[str]:
    return [d["code"] for d in diags]


# --- bold figures in Markdown ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "全年实现营业收入**1305**万元，同比增长**12%**。\n",
        "- 培训**2.5**万人次，完成率**98**%。\n",
        "新增就业**1,200**人，其中**300**人为高校毕业生。\n",
    ],
)
def test_bold_figures_are_emphasis_not_placeholders(tmp_path: Path, text: str) -> None:
    assert codes(lint(tmp_path, text, "draft.md")) == []


def test_stars_in_number_slots_beside_bold_figures_stay_placeholders(tmp_path: Path) -> None:
    diags = lint(tmp_path, "营业收入**1305**万元，截至*月*日增长**%，**次。\n", "draft.md")
    found = [(d["code"], d["column"]) for d in diags]
    assert found == [("PH101", 18), ("PH101", 20), ("PH101", 24), ("PH101", 28)]


# --- template-site promotion ----------------------------------------------------------------


def test_site_promotion_is_residue_and_its_url_no_placeholder(tmp_path: Path) -> None:
    diags = lint(tmp_path, "正文。\n更多相关范文请访问www.xxx.com\n", "draft.md")
    assert [(d["code"], d["line"]) for d in diags] == [("RS123", 2)]


def test_fix_deletes_the_promotion_line_and_keeps_the_prose(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text("标题\n更多相关范文请访问www.xxx.com\n正文。更多精彩内容请关注本站\n", "utf-8")
    proc = reportlint("--isolated", "--fix", "--select", "RS123", str(path))
    assert proc.returncode in (0, 1), proc.stderr
    assert path.read_text("utf-8") == "标题\n正文。\n"


@pytest.mark.parametrize(
    "text", ["更多办事信息请登录某省政务服务网（www.example.gov.cn）查询。\n", "XX区人民政府\n"]
)
def test_notices_keep_their_urls_and_x_slots_stay_placeholders(tmp_path: Path, text: str) -> None:
    found = codes(lint(tmp_path, text))
    assert "RS123" not in found
    assert ("PH103" in found) == text.startswith("XX")


# --- COVID-era measures as current work -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("认真落实常态化疫情防控各项措施。\n", "FM322"),
        ("继续巩固新冠疫苗接种成果。\n", "FM326"),
        ("做好新冠病毒疫苗加强针接种工作。\n", "FM326"),
        ("在各社区设立核酸检测点，规范运行核酸采样点。\n", "FM326"),
    ],
)
def test_covid_era_measures_in_a_2027_plan(tmp_path: Path, text: str, code: str) -> None:
    assert code in codes(lint(tmp_path, "2027年工作要点\n" + text))


@pytest.mark.parametrize(
    "text",
    [
        "疫情期间，累计设立核酸采样点120个，新冠疫苗全程接种率达92%。\n",
        "三年抗疫中，我们做好新冠病毒疫苗加强针接种工作。\n",
        "2022年，全县新冠疫苗全程接种率达92%。\n",
        "盘活利用闲置核酸采样亭，改造为便民服务点。\n",
    ],
)
def test_covid_look_backs_stay_silent(tmp_path: Path, text: str) -> None:
    assert [c for c in codes(lint(tmp_path, text)) if c.startswith("FM32")] == []


# --- 小康 and poverty work as tasks; renamed local bodies -----------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2027年工作要点\n（五）全面建成小康社会。\n", "FM415"),
        ("区扶贫开发领导小组办公室做好贫困村退出工作。\n", "FM410"),
        ("区扶贫开发领导小组办公室做好贫困村退出工作。\n", "FM606"),
        ("市粮食局要加强储备粮管理。\n", "FM601"),
        ("县新闻出版广电局负责监管。\n", "FM601"),
        ("县农委牵头组织实施。\n", "FM601"),
    ],
)
def test_finished_goals_and_old_bodies_as_current(tmp_path: Path, text: str, code: str) -> None:
    assert code in codes(lint(tmp_path, text))


@pytest.mark.parametrize(
    "text",
    [
        "2027年工作要点\n（五）全面建成小康社会取得伟大历史性成就。\n",
        "专题党课提纲：党的百年奋斗历程\n三、全面建成小康社会\n",
        "原市粮食局、县农委的职责已划入新组建的部门。\n",
        "2017年，县新闻出版广电局完成改革。\n",
        "县人大农委开展专题调研。\n",
        "2019年，区扶贫开发领导小组办公室做好贫困村退出工作。\n",
    ],
)
def test_their_look_backs_and_look_alikes_stay_silent(tmp_path: Path, text: str) -> None:
    mine = {"FM409", "FM410", "FM415", "FM601", "FM606"}
    assert [c for c in codes(lint(tmp_path, text)) if c in mine] == []


# --- typos ------------------------------------------------------------------------------------


def test_typos_are_found_and_fixed(tmp_path: Path) -> None:
    text = "要把安全生产做为重点工作来抓。\n规范银行帐户管理。\n精减会议文件。\n"
    found = [(d["code"], d["line"]) for d in lint(tmp_path, text)]
    assert found == [("TY117", 1), ("TY118", 2), ("TY119", 3)]
    path = tmp_path / "draft.txt"
    proc = reportlint("--isolated", "--fix", str(path))
    assert proc.returncode in (0, 1), proc.stderr
    assert path.read_text("utf-8") == (
        "要把安全生产作为重点工作来抓。\n规范银行账户管理。\n精简会议文件。\n"
    )


@pytest.mark.parametrize(
    "text",
    ["多做为民办实事的好事。\n", "精减机构和人员。\n", "为受灾群众发放帐篷和蚊帐。\n"],
)
def test_typo_look_alikes_stay_silent(tmp_path: Path, text: str) -> None:
    assert [c for c in codes(lint(tmp_path, text)) if c.startswith("TY")] == []


# --- declared counts --------------------------------------------------------------------------


def test_declared_counts_after_words_or_with_too_many_items(tmp_path: Path) -> None:
    text = (
        "加强“三个必须”落实，即必须守纪律，必须讲规矩。\n"
        "推动“两个根本”，包括制度建设、队伍建设、作风建设。\n"
        "加强“三个必须”落实，即必须守纪律，必须讲规矩，必须重实效。\n"
        "深化“三个以案”警示教育，包括召开警示大会、观看警示片。\n"
        "“三个到位”：思想到位、措施到位，确保责任到位。\n"
    )
    found = [(d["code"], d["line"], d["message"]) for d in lint(tmp_path, text)]
    assert found == [
        ("NB121", 1, "“三个必须”表示3项，但随后列举了2项"),
        ("NB121", 2, "“两个根本”表示2项，但随后列举了3项"),
    ]
