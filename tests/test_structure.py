"""The document-structure pass: heading levels, indentation, titles, soft breaks, caching."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lint.document import Document
from lint.sources.markdown import markdown_document
from lint.structure import (
    Break,
    Heading,
    chinese_number,
    render_number,
    structure,
    to_chinese,
)


def _headings(text: str, path: str = "d.txt") -> list[tuple[int, int, int, int]]:
    """(line, column, level, number) of every heading, 1-based positions."""
    doc = markdown_document(text, path) if path.endswith(".md") else Document(path, text)
    out = []
    for h in structure(doc).headings:
        line, col = doc.position(h.marker.start)
        out.append((line, col, h.level, h.number))
    return out


def test_five_levels_half_and_full_width() -> None:
    text = "一、总体要求\n（一）指导思想\n1.坚持党的领导\n（1）学习\n①原文\n(二)基本原则\n(2)研讨\n"
    assert _headings(text) == [
        (1, 1, 0, 1),
        (2, 1, 1, 1),
        (3, 1, 2, 1),
        (4, 1, 3, 1),
        (5, 1, 4, 1),
        (6, 1, 1, 2),
        (7, 1, 3, 2),
    ]


def test_indentation_spaces_ideographic_space_nbsp_and_tab() -> None:
    text = "  一、甲\n\u3000\u3000二、乙\n\u00a0三、丙\n\t四、丁\n"
    assert _headings(text) == [(1, 3, 0, 1), (2, 3, 0, 2), (3, 2, 0, 3), (4, 2, 0, 4)]


def test_full_width_digits_and_large_chinese_numbers() -> None:
    text = "十一、甲\n十二、乙\n（十三）丙\n１２．丁\n（１０）戊\n"
    assert [(lv, n) for _l, _c, lv, n in _headings(text)] == [
        (0, 11),
        (0, 12),
        (1, 13),
        (2, 12),
        (3, 10),
    ]


def test_markdown_heading_marks_and_emphasis() -> None:
    text = "# 一、总体要求\n\n## （一）指导思想\n\n**1.坚持党的领导**\n\n#话题不是标题\n"
    assert _headings(text, "d.md") == [(1, 3, 0, 1), (3, 4, 1, 1), (5, 3, 2, 1)]


def test_hash_is_plain_text_outside_markdown() -> None:
    assert _headings("# 一、总体要求\n") == []


@pytest.mark.parametrize(
    "line",
    [
        "统一、规范管理",  # a word, not a numeral
        "一、二线城市房价平稳",  # numbers listed
        "1.5万亿元专项债券",  # a decimal
        "1、2月份完成招标",  # a list of months
        "2.5",  # a wikisource line break inside PM2.5
        "包括(一)项和(二)项",  # inside a sentence
        "一，",  # a marker with nothing after it
    ],
)
def test_inline_uses_are_not_headings(line: str) -> None:
    assert _headings(line + "\n") == []


def test_marker_after_an_unfinished_long_line_continues_that_sentence() -> None:
    long = (
        "防范化解重大风险，宏观杠杆率趋于稳定，金融运行总体平稳，精准脱贫有力推进，农村贫困人口减少"
    )
    assert len(long) > 40
    assert _headings(long + "\n三、十个百分点以上\n") == []


def test_expected_number_wins_over_decimal_and_unfinished_line() -> None:
    text = (
        "7.“两新”：设备更新\n"
        "8.6个重大科技专项：省委明确提出\n"
        "9.服务模式：依托科创通平台开展的一种长期服务模式，通过线上线下相结合的方式运行等\n"
        "10.建圈强链\n"
    )
    got = [(line, n) for line, _c, _lv, n in _headings(text)]
    assert got == [(1, 7), (2, 8), (3, 9), (4, 10)]


def test_year_after_the_point_makes_a_marker_not_a_decimal() -> None:
    # `1.2027年` is item 1 about 2027, even where no number is expected yet (a level opens).
    assert _headings("（一）主要指标\n1.2026年规上工业。\n2.固定资产投资。\n") == [
        (1, 1, 1, 1),
        (2, 1, 2, 1),
        (3, 1, 2, 2),
    ]
    assert _headings("１．２０２６年工作回顾\n") == [(1, 1, 2, 1)]
    doc = Document("d.txt", "附件：1.2027年元旦春节期间值班安排表\n      2.重要情况报告模板\n")
    (note,) = structure(doc).attachments
    assert [(h.line, h.number) for h in note] == [(0, 1), (1, 2)]
    # still numbers: a decimal, a year-like tail without 年, a figure that is no year
    assert _headings("1.5万亿元专项债券已下达\n") == []
    assert _headings("1.2026亿元专项债券已下达\n") == []
    assert _headings("1.3026年\n") == []


def test_mixed_width_stop_before_ascii_digit_is_a_marker() -> None:
    assert _headings("3．10种有色金属：铜、铅、锌\n") == [(1, 1, 2, 3)]


def test_titles_start_scopes_and_short_lines_are_soft_breaks() -> None:
    text = (
        "关于文明单位创建工作情况的汇报\n"
        "一、甲\n"
        "二、乙\n"
        "港北区机关事务管理局\n"
        "关于文明单位创建工作情况的汇报\n"
        "一、丙\n"
        "附件2 名词解释\n"
        "1.丁\n"
    )
    doc = Document("d.txt", text)
    st = structure(doc)
    kinds = [("title" if it.title else "soft") if isinstance(it, Break) else "h" for it in st.items]
    assert kinds == ["title", "h", "h", "soft", "title", "h", "title", "h"]
    scopes = [h.scope for h in st.headings]
    assert scopes == [1, 1, 2, 3]
    assert st.headings[3].parent is None


def test_parents_series_and_nesting() -> None:
    text = "一、甲\n（一）子一\n（二）子二\n二、乙\n（一）子三\n1.孙\n（二）子四\n"
    doc = Document("d.txt", text)
    hs = structure(doc).headings
    assert [h.parent.line if h.parent else None for h in hs] == [None, 0, 0, None, 3, 4, 3]
    assert hs[0].series is hs[3].series
    assert hs[1].series is not hs[4].series
    assert [c.line for c in hs[3].children] == [4, 6]
    assert all(h.inverted_after is None for h in hs)


def test_inverted_nesting_is_recorded() -> None:
    doc = Document("d.txt", "一、甲\n1.子\n2.子\n（一）错\n")
    hs = structure(doc).headings
    assert hs[3].inverted_after is hs[2]


def test_heading_shapes() -> None:
    doc = Document(
        "d.txt", "四、文明创建出成果。\n（一）指导思想。全面贯彻落实。\n（二）基本原则\n"
    )
    a, b, c = structure(doc).headings
    assert (a.standalone, a.ends_with_period) == (True, True)
    assert (b.standalone, b.ends_with_period) == (False, True)
    assert doc.text[b.text_start : b.title_end] == "指导思想。"
    assert (c.standalone, c.ends_with_period) == (True, False)


def test_structure_is_cached_on_the_document() -> None:
    doc = Document("d.txt", "一、甲\n")
    assert structure(doc) is structure(doc)
    assert isinstance(structure(doc).headings[0], Heading)
    # Computed results are not reader payload: a report only ever finds the reader's keys.
    assert doc.meta == {}
    doc.forget_computed()
    assert structure(doc) is structure(doc)


def test_seed_holds_three_reports(seed_path: Path) -> None:
    doc = Document(str(seed_path), seed_path.read_text(encoding="utf-8-sig"))
    st = structure(doc)
    titles = [it.line + 1 for it in st.items if isinstance(it, Break) and it.title]
    assert titles == [1, 10, 38, 50]
    top = [(h.line + 1, h.number, h.scope) for h in st.headings if h.level == 0]
    assert top == [
        (14, 1, 2),
        (24, 2, 2),
        (34, 3, 2),
        (42, 1, 3),
        (44, 2, 3),
        (46, 3, 3),
        (56, 1, 4),
        (68, 2, 4),
        (80, 3, 4),
        (92, 4, 4),
    ]
    one_and_two = [h for h in st.headings if h.line + 1 in (110, 112)]
    assert [(h.level, h.marker.punct, h.parent.line + 1) for h in one_and_two] == [
        (2, "、", 108),
        (2, "、", 108),
    ]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("一百零五", 105)],
)
def test_chinese_numbers_round_trip(numeral: str, value: int) -> None:
    assert chinese_number(numeral) == value
    assert to_chinese(value) == numeral


def test_render_number_keeps_the_style() -> None:
    assert render_number(3, "二") == "三"
    assert render_number(12, "9") == "12"
    assert render_number(12, "９") == "１２"
    assert chinese_number("甲") is None


def test_markdown_ordered_lists_are_not_headings() -> None:
    text = "# 一、总体要求\n\n1. 学习\n1. 研讨\n\n2.实践\n"
    assert _headings(text, "d.md") == [(1, 3, 0, 1), (6, 1, 2, 2)]
    assert _headings("1. 学习\n", "d.txt") == [(1, 1, 2, 1)]


def test_crlf_bom_and_zero_width_space() -> None:
    text = "\ufeff一、甲\r\n\u200b二、乙\r\n（一）丙\r\n"
    assert _headings(text) == [(1, 2, 0, 1), (2, 2, 0, 2), (3, 1, 1, 1)]


def _attachments(text: str) -> list[list[tuple[int, int, int, int]]]:
    """(line, column, level, number) of every attachment note's items, note by note."""
    doc = Document("d.txt", text)
    out = []
    for note in structure(doc).attachments:
        items = []
        for h in note:
            line, col = doc.position(h.marker.start)
            items.append((line, col, h.level, h.number))
        out.append(items)
    return out


def test_attachment_note_is_a_list_of_its_own_not_headings() -> None:
    text = "附件：1.关于甲的实施方案\n\u3000\u3000\u30002.关于乙的工作方案\n"
    assert _headings(text) == []
    assert _attachments(text) == [[(1, 4, 2, 1), (2, 4, 2, 2)]]
    note = structure(Document("d.txt", text)).attachments[0]
    assert note[0].series is note and [h.position for h in note] == [0, 1]
    assert note[0].parent is None and note[0].children == []


def test_attachment_note_after_a_body_leaves_the_body_alone() -> None:
    # GB/T 9704 7.3.5: the note below the body, its names aligned under the first one.
    text = (
        "一、加强组织领导\n"
        "二、压实工作责任\n"
        "1.高度重视。\n"
        "附件：1.重点事项清单\n"
        "      2.情况统计表\n"
        "\n"
        "某市人民政府办公室\n"
        "2026年1月5日\n"
    )
    assert _headings(text) == [(1, 1, 0, 1), (2, 1, 0, 2), (3, 1, 2, 1)]
    assert _attachments(text) == [[(4, 4, 2, 1), (5, 7, 2, 2)]]
    doc = Document("d.txt", text)
    st = structure(doc)
    body_one = st.headings[2]
    assert body_one.series == [body_one]
    notes = [it for it in st.items if isinstance(it, Break) and it.attachment]
    assert [(b.line + 1, b.title) for b in notes] == [(4, False)]


@pytest.mark.parametrize(
    ("text", "body", "note"),
    [
        # half-width colon, and the label spaced from the colon
        ("附件:1.甲\n2.乙\n", [], [(1, 4, 2, 1), (2, 1, 2, 2)]),
        ("附件 ：1.甲\n", [], [(1, 5, 2, 1)]),
        # a blank line ends the note: `1.` below it is a heading again
        ("附件：1.甲\n   2.乙\n\n1.丙\n", [(4, 1, 2, 1)], [(1, 4, 2, 1), (2, 4, 2, 2)]),
        # the 落款 date ends it, and so does a title line
        (
            "附件：1.甲\n   2.乙\n   2026年1月5日\n3.丙\n",
            [(4, 1, 2, 3)],
            [(1, 4, 2, 1), (2, 4, 2, 2)],
        ),
        ("附件：1.甲\n   2.乙\n附件1\n1.丙\n", [(4, 1, 2, 1)], [(1, 4, 2, 1), (2, 4, 2, 2)]),
        # a wrapped name continues it; another level of marker or a sentence ends it
        ("附件：1.关于甲的\n     实施方案\n     2.乙\n", [], [(1, 4, 2, 1), (3, 6, 2, 2)]),
        ("附件：1.甲\n（一）丙\n", [(2, 1, 1, 1)], [(1, 4, 2, 1)]),
        ("附件：1.甲\n  请认真遵照执行。\n2.乙\n", [(3, 1, 2, 2)], [(1, 4, 2, 1)]),
        # a note with one unnumbered name has no items
        ("附件：重点事项清单\n", [], []),
    ],
)
def test_where_an_attachment_note_ends(
    text: str, body: list[tuple[int, int, int, int]], note: list[tuple[int, int, int, int]]
) -> None:
    assert _headings(text) == body
    assert _attachments(text) == [note]


# Every marker form, its level and a numeral in its style: render_number must keep the
# style, and the rendered marker must read back as the same level and number.
_FORMS = [
    ("{}、", 0, "一"),
    ("（{}）", 1, "一"),
    ("({})", 1, "一"),
    ("{}.", 2, "1"),
    ("{}．", 2, "１"),
    ("（{}）", 3, "1"),
    ("（{}）", 3, "１"),
    ("({})", 3, "1"),
    ("{}", 4, "①"),
]


@pytest.mark.parametrize(("form", "level", "like"), _FORMS)
def test_every_level_renders_and_reads_back(form: str, level: int, like: str) -> None:
    top = 50 if level == 4 else 99
    for n in range(1, top + 1):
        numeral = render_number(n, like)
        doc = Document("d.txt", form.format(numeral) + "标题\n")
        (h,) = structure(doc).headings
        assert (h.level, h.number) == (level, n), (form, numeral)
        assert doc.text[h.marker.num_start : h.marker.num_end] == numeral
        # the style is kept: Chinese, ASCII digits, full-width digits or circled numbers
        if like == "１":
            assert all("０" <= c <= "９" for c in numeral)
        elif like == "1":
            assert numeral.isascii() and numeral.isdigit()
        elif like == "①":
            assert len(numeral) == 1 and not numeral.isascii()
        else:
            assert chinese_number(numeral) == n


def test_circled_numbers_render_as_circled_numbers() -> None:
    assert render_number(2, "①") == "②"
    assert render_number(20, "⑲") == "⑳"
    assert render_number(21, "⑳") == "㉑"
    assert render_number(50, "㊿") == "㊿"
    assert render_number(51, "㊿") == "51"


def test_a_level_numbered_straight_through_continues_under_each_parent() -> None:
    # 工作要点 and 中央一号文件 number one level through the whole document
    text = "一、甲\n1.a。\n2.b。\n二、乙\n3.c。\n4.d。\n三、丙\n1.e。\n"
    heads = structure(Document("d.txt", text)).headings
    continues = [(h.number, h.continues) for h in heads if h.level > 0]
    assert continues == [(1, False), (2, False), (3, True), (4, False), (1, False)]
    # a jump is not a continuation: the start check still sees it
    text = "一、甲\n1.a。\n2.b。\n二、乙\n4.c。\n"
    assert not structure(Document("d.txt", text)).headings[-1].continues


_LINE = st.text(alphabet=st.sampled_from(list("甲一。”， \u3000#*")), max_size=70)


@settings(max_examples=400, deadline=None)
@given(_LINE)
@example("甲" * 62)
@example("\u3000" + "甲" * 60 + "乙")
@example("#" + "甲" * 61 + "*")
def test_long_lines_are_judged_at_their_ends_as_copies_would_judge_them(line: str) -> None:
    from lint.structure import (
        _BREAK_STRIP,
        _CLOSED,
        _INDENT,
        MAX_TITLE_LENGTH,
        _break_kind,
        _closed,
        _prose,
    )

    text = "x\n" + line + "\ny"
    ls, le = 2, 2 + len(line)
    last = line.rstrip(_INDENT)
    closed = not last or last[-1] in _CLOSED or len(last.strip(_INDENT)) <= MAX_TITLE_LENGTH
    assert _closed(text, ls, le) == closed
    pos = ls + len(line) - len(line.lstrip(_INDENT))
    if pos < le and _prose(text, pos, le):
        assert _break_kind(line) is None
        assert len(line.strip(_BREAK_STRIP)) > MAX_TITLE_LENGTH
