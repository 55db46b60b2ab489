"""`declared-count` rules NB121 (quoted terms) and NB122 (colon announcements)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lint.checks.declared_count import (
    _CLAUSE_MARKS,
    _COLON_RE,
    _COUNT,
    _NEAR,
    _NUM,
    _SENTENCE_END,
    _TERM,
    DeclaredCountCheck,
    FixedNames,
    Items,
    _after_colon,
    _counts,
    names_pattern,
)
from lint.document import Document
from lint.engine import Engine, select_rules
from lint.ordinals import runs
from lint.ruleset import load_ruleset
from lint.sources import read_document
from lint.structure import chinese_number
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
    assert _where(text) == [(1, 7, 13, "NB121", "“四个到位”表示4项，但随后列举了3项")]


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
    assert _where(text) == [(1, 3, 9, "NB121", "“三查三改”表示3项，但随后列举了2项")]


def test_colon_with_headings_on_the_next_paragraph() -> None:
    text = "今年要重点抓好以下三个方面工作：\n\n（一）稳增长\n\n（二）促改革\n"
    assert _where(text) == [(1, 10, 14, "NB122", "此处说有“三个方面”（3项），但随后列举了2项")]


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
    assert _where(text) == [(1, 4, 6, "NB122", "此处说有“三项”（3项），但随后列举了2项")]
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


def _rules_with_names(tmp_path: Path, names: list[str]) -> Engine:
    """NB121/NB122 as built in, but with `names:` replaced (an empty list: none)."""
    import yaml

    raw = yaml.safe_load(
        (Path(__file__).resolve().parents[2] / "rules" / "numbering.yaml").read_text("utf-8")
    )
    rules = [r for r in raw["rules"] if r["code"] in ("NB121", "NB122")]
    for r in rules:
        r["names"] = names
    path = tmp_path / "counts.yaml"
    path.write_text(yaml.safe_dump({"category": "numbering", "rules": rules}, allow_unicode=True))
    return Engine(select_rules(load_ruleset([path], defaults=False), ["NB12"]))


def _codes(engine: Engine, text: str) -> list[tuple[int, int, int, str]]:
    found = engine.check(Document("d.txt", text), DAY).diagnostics
    return [(d.line, d.column, d.end_column, d.code) for d in found]


def test_the_central_eight_point_rules_are_a_name_not_a_count() -> None:
    text = (
        "为认真贯彻落实中央八项规定及其实施细则精神，现就有关事项通知如下：\n\n"
        "一、做好安全生产工作。\n\n二、做好保障供应工作。\n"
    )
    assert _where(text) == []


def test_fixed_names_from_the_yaml_list_are_skipped(tmp_path: Path) -> None:
    # The count stands right before the colon, so only the name list keeps these silent.
    colon = "严格执行中央八项规定：\n一是精简会议活动。二是改进文风会风。\n"
    quoted = "严格落实“八项规定”。一是会议规定。二是文风规定。\n"
    assert _where(colon) == []
    assert _where(quoted) == []
    bare = _rules_with_names(tmp_path, [])
    assert _codes(bare, colon) == [(1, 7, 9, "NB122")]
    assert _codes(bare, quoted) == [(1, 5, 11, "NB121")]
    only = _rules_with_names(tmp_path, ["八项规定"])
    assert _codes(only, colon) == [] and _codes(only, quoted) == []
    # the built-in list holds the common fixed terms
    names = {
        n
        for r in load_ruleset().rules
        if r.code in ("NB121", "NB122")
        for n in r.params.get("names", [])
    }
    assert {"八项规定", "三严三实", "四个全面", "五位一体", "两个确立", "两个维护"} <= names
    assert {"四个意识", "四个自信", "三个代表", "一带一路", "十四五", "三农", "两学一做"} <= names


def test_a_name_does_not_hide_the_real_count_of_the_sentence() -> None:
    text = "为落实中央八项规定精神，重点做好以下三项工作：\n（一）甲\n（二）乙\n"
    assert _where(text) == [(1, 19, 21, "NB122", "此处说有“三项”（3项），但随后列举了2项")]


def test_the_count_must_stand_close_before_the_colon() -> None:
    # not in the clause of the colon: the colon opens something else
    assert _where("坚持三个方面的原则，现就有关事项通知如下：\n（一）甲\n（二）乙\n") == []
    assert _where("围绕三个方面开展调研，现将有关情况报告如下：\n一是甲。二是乙。\n") == []
    # more than ten characters between the count and the colon
    assert _where("抓好三个方面涉及全局和长远发展的重大事项：\n（一）甲\n（二）乙\n") == []
    # close before the colon: announcements
    assert _where("提出五点要求：\n一是提高认识。二是压实责任。\n") == [
        (1, 3, 5, "NB122", "此处说有“五点”（5项），但随后列举了2项")
    ]
    assert [w[:4] for w in _where("要做好以下三项工作：\n\n一、甲\n\n二、乙\n")] == [
        (1, 6, 8, "NB122")
    ]
    assert _where("重点抓好以下十个方面的重点工作：\n（一）甲\n（二）乙\n")[0][:4] == (
        1,
        7,
        11,
        "NB122",
    )


def test_names_must_be_a_list_of_strings(tmp_path: Path) -> None:
    from lint.rule import RuleError

    body = (
        "category: numbering\nrules:\n  - code: NB199\n    name: x\n    kind: declared-count\n"
        "    check: colon\n    names: 八项规定\n    severity: warning\n    message: m\n"
        "    examples: {bad: ['a'], good: ['b']}\n"
    )
    path = tmp_path / "bad.yaml"
    path.write_text(body, "utf-8")
    with pytest.raises(RuleError, match="names"):
        load_ruleset([path], defaults=False)


# Inputs that once made the colon scan quadratic: it walked back to the sentence start and
# searched the sentence again for every colon (40,000 colons on one line took 76 s).
_COLON_FLOODS: dict[str, Callable[[int], str]] = {
    "colons": lambda n: ":" * n,
    "announcements": lambda n: "三个方面：" * (n // 5),
    "urls": lambda n: "http://a" * (n // 8),
    "count-then-colons": lambda n: "三个方面" + "：" * n,
    "sentences": lambda n: "三个方面。三个方面：" * (n // 10),
}


@pytest.mark.parametrize("shape", sorted(_COLON_FLOODS))
def test_colon_scan_grows_linearly(shape: str) -> None:
    from tests.growth import assert_linear

    engine = Engine(select_rules(load_ruleset(), ["NB"]))

    def make(n: int) -> Callable[[], object]:
        text = _COLON_FLOODS[shape](n) + "\n"
        return lambda: engine.check(Document("d.txt", text), DAY)

    assert_linear(make, 40_000)


def test_forty_thousand_colons_lint_quickly(tmp_path: Path) -> None:
    from tests.growth import best_time
    from tests.helpers import run_cli

    path = tmp_path / "c.txt"
    path.write_text(":" * 40_000 + "\n", encoding="utf-8")
    elapsed = best_time(lambda: run_cli("--isolated", str(path)), repeat=1)
    assert elapsed < 3.0


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789０.．第三四两十个项大方面条点x，\n")), max_size=50
    )
)
@example("第三四项，x十一二三项，123项，1.5项，１２项，三个方面")
def test_counts_are_those_no_number_or_ordinal_precedes(text: str) -> None:
    reference = re.compile(r"(?<![0-9０-９.．第" + _NUM + "])" + _COUNT.pattern)
    got = [(m.span(), m.groups()) for m in _counts(text)]
    assert got == [(m.span(), m.groups()) for m in reference.finditer(text)]


def _colon_lists_by_whole_text(
    doc: Document, names: FixedNames | None
) -> list[tuple[tuple[int, int], int, Items]]:
    """The colon scan as it was first written (every count, sentence end and name found in
    the whole text, and looked up per colon): the definition colon_lists must keep."""
    text = doc.scan_text
    counts_all = _counts(text)
    if counts_all and names is not None:
        spans = [(n.start(), n.end()) for n in names.pattern.finditer(text)]
        kept, j, reach = [], 0, -1
        for c in counts_all:
            while j < len(spans) and spans[j][0] <= c.start():
                reach = max(reach, spans[j][1])
                j += 1
            if c.end() > reach:
                kept.append(c)
        counts_all = kept
    count_starts = [c.start() for c in counts_all]
    ends = [i for i, ch in enumerate(text) if ch in _SENTENCE_END]
    out = []
    for colon_match in _COLON_RE.finditer(text):
        colon = colon_match.start()
        hi = bisect.bisect_left(count_starts, colon)
        if not hi:
            continue
        ls = doc.line_starts[doc.line_of(colon)]
        k = bisect.bisect_left(ends, colon)
        s = max(ls, ends[k - 1] + 1) if k else ls
        if hi - bisect.bisect_left(count_starts, s) != 1:
            continue
        c = counts_all[hi - 1]
        if colon - c.end() > _NEAR or any(ch in _CLAUSE_MARKS for ch in text[c.end() : colon]):
            continue
        if c.start() > 0 and text[c.start() - 1] == "“":
            continue
        raw = c.group(1)
        declared = int(raw) if raw.isdigit() else chinese_number(raw.replace("两", "二"))
        if not declared or declared < 2:
            continue
        items = _after_colon(doc, runs(doc), colon_match.end() - 1)
        if items is not None and len(items.starts) >= 2:
            out.append(((c.start(), c.end()), declared, items))
    return out


# Pieces of announcements, lists, fixed names and what stands between them.
_COLON_PIECES = st.lists(
    st.sampled_from(
        [
            *"三两十二5：:，,。；\n“”、x第",
            "个方面",
            "项",
            "部分",
            "即",
            "是指",
            "主要包括",
            "包括",
            "分别是",
            "具体是",
            "八项规定",
            "三严三实",
            "项规",
            "一是甲；",
            "二是乙。",
            "一、甲\n",
            "二、乙\n",
            "\r\n",
            "\r",
            "１２",
            "1.5",
        ]
    ),
    max_size=40,
).map("".join)
_NAME_LISTS = st.sampled_from(
    [[], ["八项规定", "三严三实"], ["三项", "项规定"], ["二：三", "个方面。"], ["5", "部分"]]
)


@settings(max_examples=400, deadline=None)
@given(_COLON_PIECES, _NAME_LISTS)
@example("三个方面：一是甲；二是乙。", [])
@example("贯彻八项规定三项：一是甲；二是乙。三个方面：\n一、甲\n二、乙\n", ["八项规定"])
@example("项规定三项：一是甲；二是乙。", ["三项", "项规定"])
@example("三部分别是甲、乙", [])
@example("三个方面三项：一是甲；二是乙。", [])
@example("三项包括三项：一是甲；二是乙。", ["项包括", "括三项"])
def test_colon_lists_are_those_of_the_whole_text_scan(text: str, names: list[str]) -> None:
    doc = Document("d.txt", text)
    fixed = names_pattern(names)
    got = list(DeclaredCountCheck.colon_lists(doc, fixed))
    want = _colon_lists_by_whole_text(doc, fixed)
    assert [(span, n, items.starts, items.texts) for span, n, items in got] == [
        (span, n, items.starts, items.texts) for span, n, items in want
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("“”三两十甲乙个到位a ")), max_size=40))
@example("“甲三”“三个到位”“两”“十甲乙丙丁戊己庚辛壬癸子丑”")
def test_terms_are_the_quoted_terms_that_open_with_a_numeral(text: str) -> None:
    # The definition: every quoted run of 2-12 Han characters, kept when its first is a
    # numeral (no other term holds a count).
    every = re.compile(r"“([\u4e00-\u9fff]{2,12})”")
    want = [(m.span(), m.group(1)) for m in every.finditer(text) if m.group(1)[0] in _NUM]
    assert [(m.span(), m.group(1)) for m in _TERM.finditer(text)] == want
