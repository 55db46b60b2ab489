"""The knowledge update of December 2026 end to end: COVID-era tasks, the anti-gang campaign,
the 2018 and 2023 institution renames, standard wordings, poverty terms, moderate prosperity
as a goal. Each rule is silent the day before its date and reports from it; look-backs stay
silent at today's date; last year's provincial reports stay clean under the new rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_json

TODAY = "2026-11-26"
NEW_CODES = (
    "FM211,FM212,FM213,FM321,FM322,FM323,FM324,FM325,FM408,FM409,FM410,"
    "FM508,FM509,FM510,FM511,FM512,FM513,FM514,FM515,FM516,FM603,FM604,FM605"
)


def _codes(text: str, as_of: str, select: str = NEW_CODES) -> list[str]:
    _rc, diags = run_json("--isolated", "--select", select, "--as-of", as_of, "-", input=text)
    return [d["code"] for d in diags]


@pytest.mark.parametrize(
    ("text", "before", "since", "code"),
    [
        # COVID-19 moved to Class B management on 2023-01-08
        ("严格落实外防输入、内防反弹各项措施。", "2023-01-07", "2023-01-08", "FM321"),
        ("毫不放松抓好常态化疫情防控。", "2023-01-07", "2023-01-08", "FM322"),
        ("建立新冠肺炎定点救治医院。", "2022-12-25", "2022-12-26", "FM323"),
        # the 2023 work report still set it for 2023; first-quarter reviews of 2024 are spared
        ("科学统筹疫情防控和经济社会发展。", "2024-03-31", "2024-04-01", "FM325"),
        ("纵深推进扫黑除恶专项斗争。", "2021-03-28", "2021-03-29", "FM324"),
        ("按照中央财经领导小组要求推进。", "2018-03-20", "2018-03-21", "FM508"),
        ("经国家林业局同意建设湿地公园。", "2018-03-16", "2018-03-17", "FM509"),
        ("经国家新闻出版广电总局审批。", "2018-03-20", "2018-03-21", "FM510"),
        ("配合国家食药监总局开展药品检查。", "2018-03-16", "2018-03-17", "FM511"),
        ("落实国务院金融委决策部署。", "2023-03-15", "2023-03-16", "FM512"),
        ("人民银行达州市中心支行召开会议。", "2023-08-17", "2023-08-18", "FM513"),
        ("邀请人行平昌县支行参加座谈。", "2023-08-17", "2023-08-18", "FM514"),
        ("配合达州银保监分局开展风险排查。", "2023-07-31", "2023-08-01", "FM515"),
        ("报国家粮食局审定。", "2018-03-16", "2018-03-17", "FM516"),
        ("市委全面深化改革领导小组审议了方案。", "2019-03-30", "2019-03-31", "FM603"),
        ("向县地税局申报个人所得税。", "2018-07-19", "2018-07-20", "FM604"),
        ("由县金融工作局牵头开展宣传。", "2024-12-31", "2025-01-01", "FM605"),
        ("紧密团结在以习近平同志为总书记的党中央周围。", "2016-10-26", "2016-10-27", "FM211"),
        ("发挥市场在资源配置中的基础性作用。", "2013-11-11", "2013-11-12", "FM212"),
        (
            "我国社会主要矛盾是人民日益增长的物质文化需要同落后的社会生产之间的矛盾。",
            "2017-10-17",
            "2017-10-18",
            "FM213",
        ),
        ("坚持把贫困村作为帮扶重点。", "2021-03-31", "2021-04-01", "FM408"),
        ("为确保全面建成小康社会贡献力量。", "2021-06-30", "2021-07-01", "FM409"),
        ("把贫困县摘帽作为头等大事。", "2021-03-31", "2021-04-01", "FM410"),
    ],
)
def test_silent_before_its_date_reported_from_it(
    text: str, before: str, since: str, code: str
) -> None:
    assert code not in _codes(text, before)
    assert _codes(text, since) == [code]
    assert _codes(text, TODAY) == [code]


@pytest.mark.parametrize(
    "text",
    [
        # the pandemic years, the switch itself, a past year, a five-year review paragraph
        "三年疫情防控期间，我们坚持外防输入、内防反弹，守住了底线。",
        "2022年，我市高效统筹疫情防控和经济社会发展，经济运行总体平稳。",
        "落实新冠病毒感染“乙类乙管”措施，做好流感等传染病防治。",
        "荣获全国抗击新冠肺炎疫情先进集体称号。",
        "过去五年极不寻常。我们坚持常态化疫情防控，统筹疫情防控和经济社会发展。",
        # other targets that are zeroed out
        "零就业家庭保持动态清零，重大事故隐患动态清零。",
        "加强非洲猪瘟常态化疫情防控。",
        # the campaign's results and the current wording
        "扫黑除恶专项斗争开展以来，共打掉涉黑组织5个。",
        "常态化开展扫黑除恶斗争，健全长效机制。",
        "2019年，我县深入开展扫黑除恶专项斗争，打掉涉恶团伙12个。",
        # the old bodies' past acts, the renaming itself, the current names
        "中央全面深化改革领导小组第三十八次会议审议通过了该意见。",
        "原国家林业局印发的规定已废止。",
        "2017年，市委全面深化改革领导小组审议了方案。",
        "县国税局、县地税局合并组建国家税务总局平昌县税务局。",
        "国家税务总局平昌县税务局开展税法宣传。",
        "中国人民银行达州市分行召开会议。",
        # other 基础性作用, the change of the principal contradiction stated
        "增强消费对经济发展的基础性作用。",
        "我国社会主要矛盾已经转化为人民日益增长的美好生活需要和不平衡不充分的发展之间的矛盾。",
        # the poverty victory and moderate prosperity as a result
        "全县28个贫困村全部出列，贫困县如期摘帽。",
        "原贫困县要巩固拓展脱贫攻坚成果。",
        "如期全面建成小康社会，实现了第一个百年奋斗目标。",
        "完成全面小康志编纂出版。",
    ],
)
def test_lookbacks_and_current_wording_stay_silent(text: str) -> None:
    assert _codes(text, TODAY) == []


def test_last_years_provincial_reports_stay_clean_under_the_new_rules(
    official_dir: Path,
) -> None:
    # Precision: the 31 provincial reports of January 2025, read as drafts in November 2026,
    # use the current wording for everything these rules know.
    paths = sorted(str(p) for p in official_dir.glob("prov-2025-*.txt"))
    assert len(paths) == 31
    _rc, diags = run_json("--isolated", "--select", NEW_CODES, "--as-of", TODAY, *paths)
    assert diags == []


def test_a_2022_report_copied_today_is_reported(official_dir: Path) -> None:
    # Recall: the 2022 government work report set COVID tasks that a 2026 draft must not copy.
    path = str(official_dir / "gwr-2022.txt")
    _rc, diags = run_json("--isolated", "--select", NEW_CODES, "--as-of", TODAY, path)
    assert {"FM321", "FM322", "FM325"} <= {d["code"] for d in diags}
    _rc, diags = run_json("--isolated", "--select", NEW_CODES, "--as-of", "2022-03-05", path)
    assert diags == []
