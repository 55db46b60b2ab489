"""`declared-count` rules NB121 (quoted terms) and NB122 (colon announcements)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lint.checks.declared_count import DeclaredCountCheck
from lint.document import Document
from lint.engine import Engine, select_rules
from lint.ruleset import load_ruleset
from lint.sources import read_document
from tests.helpers import run_json

DAY = dt.date(2026, 11, 26)
ENGINE = Engine(select_rules(load_ruleset(), ["NB12"]))


def _where(text: str) -> list[tuple[int, int, int, str, str]]:
    found = ENGINE.check(Document("d.txt", text), DAY).diagnostics
    return [(d.line, d.column, d.end_column, d.code, d.message) for d in found]


def test_term_in_heading_with_fewer_inline_items() -> None:
    text = (
        "一、组织领导“四个到位”,确保创建工作扎实开展\n"
        "创建文明单位,领导重视是关键。\n"
        "一是组织领导到位。二是落实责任到位。三是工作措施到位。\n"
    )
    assert _where(text) == [(1, 7, 13, "NB121", "“四个到位”表示4项,但随后列举了3项")]


def test_term_in_heading_with_more_child_headings() -> None:
    text = "二、突出抓好“三学”\n（一）集中学\n（二）自主学\n（三）研讨学\n（四）实践学\n三、其他\n"
    assert [w[:4] for w in _where(text)] == [(1, 7, 11, "NB121")]


def test_term_in_a_sentence() -> None:
    text = "我们开展了“五学”活动。一是集中学。二是自主学。三是研讨学。\n"
    assert [w[:4] for w in _where(text)] == [(1, 6, 10, "NB121")]


def test_matching_counts_names_and_compound_terms_are_silent() -> None:
    assert _where("一、“四到位”\n一是组织到位。二是责任到位。三是措施到位。四是督促到位。\n") == []
    # “三农” names a field; the sub-headings do not spell it out.
    assert (
        _where("十二、加强党对“三农”工作的领导\n（一）完善农村工作体制\n（二）强化规划引领\n") == []
    )
    assert _where("开展“三查三改”。一是查思想改作风。二是查纪律改作风。三是查制度改机制。\n") == []
    assert _where("深化“两学一做”。一是学党章。二是学讲话。三是做合格党员。\n") == []


def test_compound_term_with_one_count() -> None:
    text = "开展“三查三改”。一是查思想改作风。二是查纪律改作风。\n"
    assert _where(text) == [(1, 3, 9, "NB121", "“三查三改”表示3项,但随后列举了2项")]


def test_colon_with_headings_on_the_next_paragraph() -> None:
    text = "今年要重点抓好以下三个方面工作：\n\n（一）稳增长\n\n（二）促改革\n"
    assert _where(text) == [(1, 10, 14, "NB122", "此处说有“三个方面”(3项),但随后列举了2项")]


def test_colon_with_an_inline_list() -> None:
    text = "\u3000\u3000开展了七项活动：一是读书月；二是演讲赛；三是知识竞赛。\n"
    assert [w[:4] for w in _where(text)] == [(1, 6, 8, "NB122")]


def test_colon_followed_by_prose_or_two_counts_is_silent() -> None:
    assert _where("重点做好三个方面工作：稳增长，一是读书；二是演讲。\n") == []
    assert _where("完成3项改革和5个方面任务：\n（一）甲\n（二）乙\n") == []


def test_official_announcements_are_all_counted_right(official_dir: Path) -> None:
    # Twenty colon announcements in the official texts are followed by exactly the number of
    # parts they announce: the counting is exercised, and it agrees with the documents.
    seen = 0
    for path in sorted(official_dir.glob("*.txt")):
        doc, _ = read_document(str(path))
        for _span, declared, items in DeclaredCountCheck.colon_lists(doc):
            assert declared == len(items.starts), path.name
            seen += 1
    assert seen >= 15


def test_seed_terms_match_their_lists(seed_path: Path) -> None:
    code, found = run_json("--select", "NB12", "--fail-on", "info", str(seed_path))
    assert (code, found) == (0, [])


def test_ordinal_and_single_counts_are_not_announcements() -> None:
    assert _where("在第三方面：\n（一）甲\n（二）乙\n") == []
    assert _where("从另一个方面看：一是甲；二是乙。\n") == []


def test_quoted_term_before_a_colon_is_reported_once() -> None:
    text = "制定了“三项制度”：一是例会制度；二是督查制度。\n"
    assert [w[3] for w in _where(text)] == ["NB121"]


def test_comma_separated_list_after_a_colon() -> None:
    text = "建立了三项制度：请示报告制度、督查督办制度。\n"
    assert _where(text) == [(1, 4, 6, "NB122", "此处说有“三项”(3项),但随后列举了2项")]
    # `A、B和C` may join the last two items; `…等` leaves the list open; commas mean prose.
    assert _where("建立了三项制度：请示报告、督查督办和责任追究。\n") == []
    assert _where("建立了三项制度：请示报告、督查督办等。\n") == []
    assert _where("建立了三项制度：请示报告，督查督办。\n") == []
    # brackets hold their own `、`
    assert _where("覆盖四级：省、州（市）、县（市、区）、乡（镇、街道）。\n") == []


def test_quoted_term_with_a_colon_and_a_comma_list() -> None:
    text = "做到“四个到位”：组织领导到位、责任落实到位、工作措施到位。\n"
    assert [w[:4] for w in _where(text)] == [(1, 3, 9, "NB121")]
    assert _where("做到“两个确保”：确保安全、确保稳定。\n") == []
