"""`numbering` rules NB101-NB109 on real text, with exact positions and fixes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lint.document import Document
from lint.engine import Engine, select_rules
from lint.model import Diagnostic
from lint.ruleset import load_ruleset
from lint.sources import read_document
from lint.sources.markdown import markdown_document
from tests.helpers import run_json

DAY = dt.date(2026, 11, 26)
# NB110 (a level with one item) would fire on most one-line examples here; it has its own test.
ENGINE = Engine(select_rules(load_ruleset(), ["NB1"], ignore=["NB110"]))
SINGLE = Engine(select_rules(load_ruleset(), ["NB110"]))


def _lint(text: str, path: str = "d.txt") -> list[Diagnostic]:
    doc = markdown_document(text, path) if path.endswith(".md") else Document(path, text)
    return ENGINE.check(doc, DAY).diagnostics


def _where(text: str, path: str = "d.txt") -> list[tuple[int, int, int, int, str]]:
    return [(d.line, d.column, d.end_line, d.end_column, d.code) for d in _lint(text, path)]


def _apply(text: str, d: Diagnostic) -> str:
    assert d.fix is not None
    for e in sorted(d.fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: e.start] + e.replacement + text[e.end :]
    return text


def test_seed_flags_only_the_arabic_comma_markers_and_one_period(seed_path: Path) -> None:
    code, found = run_json("--select", "numbering", "--fail-on", "info", str(seed_path))
    assert code == 1
    got = [(d["line"], d["column"], d["end_column"], d["code"], d["severity"]) for d in found]
    assert got == [
        (92, 20, 21, "NB109", "warning"),
        (110, 3, 5, "NB105", "error"),
        (112, 3, 5, "NB105", "error"),
    ]
    fix = found[1]["fix"]
    assert fix == [
        {
            "start": fix[0]["start"],
            "end": fix[0]["start"] + 1,
            "replacement": ".",
            "safety": "safe",
            "line": 110,
            "column": 4,
            "end_line": 110,
            "end_column": 5,
        }
    ]


def test_official_texts_are_silent(official_dir: Path) -> None:
    engine = Engine(select_rules(load_ruleset(), ["numbering"]))
    found = []
    for row in (official_dir / "index.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        name, date = row.split("\t")
        doc, _ = read_document(str(official_dir / name))
        found.extend(
            f"{name}:{d.line}:{d.column} {d.code}"
            for d in engine.check(doc, dt.date.fromisoformat(date)).diagnostics
        )
    assert found == []


def test_gap_with_unsafe_renumbering_of_the_rest() -> None:
    text = "一、甲\n二、乙\n四、丙\n五、丁\n"
    (d,) = _lint(text)
    assert (d.line, d.column, d.end_column, d.code) == (3, 1, 3, "NB101")
    assert d.message == "序号“四、”跳号：上一个同级序号是“二、”，此处应为“三、”"
    assert d.fix is not None and d.fix.safety == "unsafe"
    assert _apply(text, d) == "一、甲\n二、乙\n三、丙\n四、丁\n"


def test_gap_keeps_full_width_digits() -> None:
    text = "１．甲\n３．乙\n"
    (d,) = _lint(text)
    assert d.code == "NB101"
    assert _apply(text, d) == "１．甲\n２．乙\n"


def test_duplicate_and_going_back() -> None:
    assert _where("一、甲\n二、乙\n二、丙\n三、丁\n") == [(3, 1, 3, 3, "NB102")]
    assert _where("1.甲\n2.乙\n3.丙\n2.丁\n") == [(4, 1, 4, 3, "NB102")]


def test_not_starting_at_one() -> None:
    assert _where("（二）甲\n（三）乙\n") == [(1, 1, 1, 4, "NB103")]


def test_restart_under_the_same_parent() -> None:
    assert _where("一、甲\n二、乙\n一、丙\n") == [(3, 1, 3, 3, "NB104")]


def test_multi_document_file_restarts_after_each_title() -> None:
    text = (
        "关于文明单位创建工作情况的汇报\n\n一、甲\n\n二、乙\n\n"
        "关于文明单位创建工作情况的汇报\n\n一、丙\n\n二、丁\n"
    )
    assert _where(text) == []


def test_restart_after_an_unnumbered_heading_is_fine() -> None:
    text = "（一）甲\n（二）乙\n2025年工作安排建议\n（一）丙\n（二）丁\n"
    assert _where(text) == []


def test_continuation_across_a_soft_break_is_checked() -> None:
    assert _where("一、甲\n附表说明\n三、乙\n") == [(3, 1, 3, 3, "NB101")]


def test_marker_punctuation_with_safe_fixes() -> None:
    cases = {
        "1、甲": "1.甲",
        "１，甲": "１.甲",
        "一.甲": "一、甲",
        "一，甲": "一、甲",
        "（一）、甲": "（一）甲",
        "（1）.甲": "（1）甲",
        "(1)，甲": "(1)甲",
    }
    for bad, good in cases.items():
        (d,) = _lint(bad + "\n")
        assert d.code == "NB105", bad
        assert (d.line, d.column) == (1, 1)
        assert d.fix is not None and d.fix.safety == "safe"
        assert _apply(bad + "\n", d) == good + "\n"
        assert len(d.fix.edits) == 1 and d.fix.edits[0].end - d.fix.edits[0].start == 1


def test_accepted_marker_forms_are_silent() -> None:
    assert _where("一、甲\n（一）乙\n1.丙\n2．丁\n（1）戊\n") == []


def test_full_width_indent_positions() -> None:
    text = "\u3000\u3000一、甲\n\u3000\u3000（一）乙\n\u3000\u3000\u30001、丙\n"
    assert _where(text) == [(3, 4, 3, 6, "NB105")]


def test_markdown_heading_positions() -> None:
    text = "# 一、总体要求\n\n## （一）指导思想\n\n### 1、学习\n"
    (d,) = _lint(text, "draft.md")
    assert (d.line, d.column, d.end_column, d.code) == (5, 5, 7, "NB105")
    assert _apply(text, d).endswith("### 1.学习\n")


def test_bracket_width_inside_one_marker_and_among_siblings() -> None:
    (d,) = _lint("(一）甲\n")
    assert (d.code, d.column, d.end_column) == ("NB106", 1, 4)
    assert _apply("(一）甲\n", d) == "（一）甲\n"
    text = "（一）甲\n(二)乙\n（三）丙\n"
    (d,) = _lint(text)
    assert (d.line, d.column, d.end_column, d.code) == (2, 1, 4, "NB106")
    assert d.fix is not None and d.fix.safety == "unsafe"
    assert _apply(text, d) == "（一）甲\n（二）乙\n（三）丙\n"


def test_inverted_nesting_is_an_error() -> None:
    found = _lint("一、甲\n1.乙\n2.丙\n（一）丁\n")
    assert [(d.line, d.column, d.code, d.severity) for d in found] == [
        (2, 1, "NB108", "info"),
        (4, 1, "NB107", "error"),
    ]
    assert found[1].message == "层级倒置：较高层级的序号“（一）”出现在较低层级的“2.”之下"


def test_level_skip_is_info_once_per_series() -> None:
    found = _lint("一、甲\n1.乙\n2.丙\n二、丁\n1.戊\n")
    assert [(d.line, d.code, d.severity) for d in found] == [
        (2, "NB108", "info"),
        (5, "NB108", "info"),
    ]


def test_list_introduced_by_a_colon_is_no_level_skip() -> None:
    text = (
        "三、存在的问题\n主要存在以下三个方面问题：\n"
        "1.思想认识不到位。\n2.工作措施不扎实。\n3.督促检查不严格。\n"
    )
    # Before: NB108 at 3:1 (“1.”直接位于“三、”之下).
    assert _where("一、基本情况\n二、工作进展\n" + text) == []
    assert _where("一、甲\n（一）乙\n主要有:\n\n（1）丙\n（2）丁\n") == []
    # A real skip next to it is still reported, and so is a list after a finished sentence.
    assert _where("一、甲\n主要问题：\n1.乙\n2.丙\n二、丁\n1.戊\n2.己\n") == [(6, 1, 6, 3, "NB108")]
    assert _where("一、甲\n存在一些问题。\n1.乙\n2.丙\n") == [(3, 1, 3, 3, "NB108")]


def test_trailing_period_minority_is_flagged() -> None:
    text = "一、组织领导到位\n正文。\n二、学习教育经常化\n正文。\n三、成果显著。\n正文。\n"
    (d,) = _lint(text)
    assert (d.line, d.column, d.end_column, d.code) == (5, 7, 8, "NB109")
    assert _apply(text, d).splitlines()[4] == "三、成果显著"
    text = "一、甲。\n二、乙。\n三、丙\n"
    (d,) = _lint(text)
    assert (d.line, d.column, d.end_column) == (3, 1, 4)
    assert _apply(text, d).splitlines()[2] == "三、丙。"


def test_run_in_headings_are_not_compared_for_periods() -> None:
    assert _where("（一）指导思想。全面贯彻。\n（二）基本原则\n（三）目标任务\n") == []


def test_bracket_width_is_compared_across_a_whole_level() -> None:
    # Each series is uniform, but the second section uses full width while most use half.
    text = "一、甲\n(一)子\n(二)子\n二、乙\n(一)子\n三、丙\n（一）子\n（二）子\n（三）子\n"
    found = _lint(text)
    assert [(d.line, d.column, d.end_column, d.code) for d in found] == [
        (2, 1, 4, "NB106"),
        (3, 1, 4, "NB106"),
        (5, 1, 4, "NB106"),
    ]


def test_one_odd_bracket_follows_the_document_style() -> None:
    text = "(一)甲\n(二)乙\n（三)丙\n"
    (d,) = _lint(text)
    assert (d.line, d.column, d.end_column, d.code) == (3, 1, 4, "NB106")
    assert d.fix is not None and d.fix.safety == "safe"
    assert _apply(text, d).splitlines()[2] == "(三)丙"


def test_numbering_that_runs_on_past_a_title_like_line_is_not_a_new_start() -> None:
    text = "一、2024年工作回顾\n正文。\n2025年工作计划\n二、2025年主要任务\n三、保障措施\n"
    assert _where(text) == []
    assert _where("关于甲的报告\n一、甲\n关于乙的报告\n三、乙\n") == [(4, 1, 4, 3, "NB103")]


def test_one_mistyped_number_is_reported_once_and_fixed_alone() -> None:
    text = "一、甲\n二、乙\n二、丙\n四、丁\n"
    (d,) = _lint(text)
    assert (d.line, d.column, d.code) == (3, 1, "NB102")
    assert _apply(text, d) == "一、甲\n二、乙\n三、丙\n四、丁\n"
    text = "（一）甲\n（三）乙\n（三）丙\n"
    (d,) = _lint(text)
    assert (d.line, d.code) == (2, "NB101")
    assert _apply(text, d) == "（一）甲\n（二）乙\n（三）丙\n"


def test_repeated_first_number_is_a_duplicate_not_a_restart() -> None:
    assert _where("（一）甲\n（一）乙\n（三）丙\n") == [(2, 1, 2, 4, "NB102")]


def test_wrong_mark_before_a_year() -> None:
    text = "一.2024年工作回顾\n二、2025年工作安排\n"
    (d,) = _lint(text)
    assert (d.line, d.column, d.end_column, d.code) == (1, 1, 3, "NB105")
    assert _apply(text, d).startswith("一、2024年")


def test_first_item_starting_with_a_year_is_item_one() -> None:
    # Before: `1.2027年` was read as a decimal, so the list seemed to start at `2.` (NB103).
    note = "附件：1.2027年元旦春节期间值班安排表\n      2.重要情况报告模板\n"
    assert _where(note) == []
    assert _where("（一）主要指标\n1.2026年规上工业。\n2.固定资产投资。\n") == []
    assert _where("附件：1.2027年安排表\n      3.报告模板\n") == [(2, 7, 2, 9, "NB101")]


def _mutations(text: str, doc: Document) -> list[tuple[str, str, int, str]]:
    """One gap, one duplicate and one wrong mark injected at a heading of a long series."""
    from lint.structure import render_number, structure

    heads = [h for h in structure(doc).headings if len(h.series) >= 3 and h.series[0] is not h]
    if not heads:
        return []
    h = heads[len(heads) // 2]
    m = h.marker
    old = text[m.num_start : m.num_end]
    out = [
        ("gap", text[: m.num_start] + render_number(h.number + 1, old) + text[m.num_end :]),
        ("dup", text[: m.num_start] + render_number(h.number - 1, old) + text[m.num_end :]),
    ]
    wrong = {0: ".", 1: "、", 2: "、"}.get(m.level)
    if wrong is not None:
        at = m.end if m.level == 1 else m.punct_start
        cut = at if m.level == 1 else at + 1
        out.append(("punct", text[:at] + wrong + text[cut:]))
    codes = {"gap": "NB101", "dup": "NB102", "punct": "NB105"}
    return [(kind, t, m.start, codes[kind]) for kind, t in out]


def test_defects_injected_into_official_texts_are_found(official_dir: Path) -> None:
    # Recall on real documents: every injected defect is reported at its heading, and the
    # only other report it may cause is a declared count that no longer matches.
    tried = 0
    for row in (official_dir / "index.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        name, date = row.split("\t")
        doc, _ = read_document(str(official_dir / name))
        for kind, text, at, code in _mutations(doc.text, doc):
            found = ENGINE.check(Document(name, text), dt.date.fromisoformat(date)).diagnostics
            found = [d for d in found if d.severity != "info"]
            assert [d.code for d in found if d.start == at] == [code], (name, kind)
            assert {d.code for d in found if d.start != at} <= {"NB122"}, (name, kind)
            tried += 1
    assert tried >= 150


def test_a_level_with_a_single_item() -> None:
    text = (
        "一、总体要求\n（一）指导思想\n二、主要任务\n（一）稳增长\n（二）促改革\n三、保障\n1.组织\n"
    )
    found = SINGLE.check(Document("d.txt", text), DAY).diagnostics
    got = [(d.line, d.column, d.end_column, d.message) for d in found]
    assert got == [
        (2, 1, 4, "“（一）”是这一层唯一的序号，没有“（二）”：只有一项时不必编号，或漏了后续各项"),
        (7, 1, 3, "“1.”是这一层唯一的序号，没有“2.”：只有一项时不必编号，或漏了后续各项"),
    ]
    two_parts = "（一）稳增长\n（二）促改革\n2025年工作安排\n（一）扩内需\n（二）促消费\n"
    assert SINGLE.check(Document("d.txt", two_parts), DAY).diagnostics == []


def test_markdown_emphasis_does_not_hide_a_trailing_period() -> None:
    text = "**一、组织领导到位**\n\n**二、学习教育经常化**\n\n**三、成果显著。**\n"
    (d,) = _lint(text, "draft.md")
    assert (d.line, d.column, d.end_column, d.code) == (5, 9, 10, "NB109")


def test_word_document_paragraphs_are_lines(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "draft.docx"
    d = docx.Document()
    for line in ["关于安全生产工作的汇报", "一、主要工作", "（一）强化领导", "（二）健全制度"]:
        d.add_paragraph(line)
    for line in ["1、开展检查", "2、整改隐患", "二、存在问题", "四、下步打算"]:
        d.add_paragraph(line)
    d.save(str(path))
    code, found = run_json("--select", "numbering", "--fail-on", "info", str(path))
    assert code == 1
    assert [(f["line"], f["column"], f["code"], f["message"]) for f in found] == [
        (5, 1, "NB105", "序号“1、”的标点不规范，应写作“1.”（层级写法：1.）"),
        (6, 1, "NB105", "序号“2、”的标点不规范，应写作“2.”（层级写法：1.）"),
        (8, 1, "NB101", "序号“四、”跳号：上一个同级序号是“二、”，此处应为“三、”"),
    ]


def test_fix_applies_only_the_safe_mark_edits(tmp_path: Path) -> None:
    from tests.helpers import run_cli

    path = tmp_path / "draft.txt"
    path.write_text("一.总体要求\n二、主要任务\n（一）、稳增长\n（二）促改革\n四、保障\n", "utf-8")
    run_cli("--select", "numbering", "--fix", str(path))
    assert path.read_text("utf-8") == (
        "一、总体要求\n二、主要任务\n（一）稳增长\n（二）促改革\n四、保障\n"
    )
    run_cli("--select", "numbering", "--fix", "--unsafe-fixes", str(path))
    assert path.read_text("utf-8").endswith("三、保障\n")


def test_circled_gap_message_and_fix_keep_circled_numbers() -> None:
    text = "一、甲\n①第一项\n③第三项\n④第四项\n"
    found = _lint(text)
    assert [(d.line, d.column, d.end_line, d.end_column, d.code) for d in found] == [
        (2, 1, 2, 2, "NB108"),
        (3, 1, 3, 2, "NB101"),
    ]
    d = found[1]
    assert d.message == "序号“③”跳号：上一个同级序号是“①”，此处应为“②”"
    assert d.fix is not None and d.fix.safety == "unsafe"
    assert _apply(text, d) == "一、甲\n①第一项\n②第三项\n③第四项\n"


@pytest.mark.parametrize(
    ("one", "two", "three", "four"),
    [
        ("一、", "二、", "三、", "四、"),
        ("（一）", "（二）", "（三）", "（四）"),
        ("(一)", "(二)", "(三)", "(四)"),
        ("1.", "2.", "3.", "4."),
        ("１．", "２．", "３．", "４．"),
        ("（1）", "（2）", "（3）", "（4）"),
        ("（１）", "（２）", "（３）", "（４）"),
        ("(1)", "(2)", "(3)", "(4)"),
        ("①", "②", "③", "④"),
    ],
)
def test_gap_message_and_renumbering_in_every_marker_style(
    one: str, two: str, three: str, four: str
) -> None:
    text = f"{one}甲\n{three}丙\n{four}丁\n"
    found = [d for d in _lint(text) if d.code == "NB101"]
    assert [(d.line, d.column, d.end_column) for d in found] == [(2, 1, 1 + len(three))]
    assert found[0].message == f"序号“{three}”跳号：上一个同级序号是“{one}”，此处应为“{two}”"
    assert _apply(text, found[0]) == f"{one}甲\n{two}丙\n{three}丁\n"


# GB/T 9704-2012 7.3.5: the attachment note below the body. Its numbers are no headings.
_NOTICE = (
    "关于做好岁末年初有关工作的通知\n"
    "\n"
    "一、加强组织领导\n"
    "\n"
    "各单位要加强领导。\n"
    "\n"
    "二、压实工作责任\n"
    "\n"
    "1.高度重视。\n"
    "\n"
    "附件：1.重点事项清单\n"
    "      2.情况统计表\n"
    "\n"
    "某市人民政府办公室\n"
    "2026年1月5日\n"
)


def test_attachment_note_is_not_part_of_the_headings() -> None:
    # Before: NB102 on the note's `1.`, NB109 on `1.高度重视。`, and a fix renumbering the
    # attachments 2 and 3. Only the body's own level skip is left.
    assert _where(_NOTICE) == [(9, 1, 9, 3, "NB108")]
    single = SINGLE.check(Document("d.txt", _NOTICE), DAY).diagnostics
    assert [(d.line, d.column, d.code) for d in single] == [(9, 1, "NB110")]


def test_attachment_note_after_a_plain_body_is_silent() -> None:
    text = (
        "一、加强组织领导\n（一）统一思想\n（二）压实责任\n二、强化督促检查\n"
        "各单位要抓好落实。\n附件:1.重点事项清单\n\u3000\u3000\u3000 2.情况统计表\n"
    )
    assert _where(text) == []


def test_attachment_note_sequence_is_checked_on_its_own() -> None:
    text = "一、甲\n二、乙\n附件：1.清单\n      3.统计表\n      4.名册\n"
    (d,) = _lint(text)
    assert (d.line, d.column, d.end_line, d.end_column, d.code) == (4, 7, 4, 9, "NB101")
    assert d.message == "序号“3.”跳号：上一个同级序号是“1.”，此处应为“2.”"
    assert _apply(text, d) == "一、甲\n二、乙\n附件：1.清单\n      2.统计表\n      3.名册\n"
    assert _where("附件：1.清单\n      1.统计表\n") == [(2, 7, 2, 9, "NB102")]
    assert _where("附件：2.清单\n      3.统计表\n") == [(1, 4, 1, 6, "NB103")]
    # sequence only: marks, periods and single items are not judged in the note
    assert _where("附件：1、清单。\n      2、统计表\n") == []
    assert SINGLE.check(Document("d.txt", "附件：1.清单\n"), DAY).diagnostics == []


def test_unsafe_fixes_leave_the_attachment_note_alone(tmp_path: Path) -> None:
    from tests.helpers import run_cli

    path = tmp_path / "draft.txt"
    path.write_text(_NOTICE, "utf-8")
    run_cli("--select", "numbering", "--fix", "--unsafe-fixes", str(path))
    assert path.read_text("utf-8") == _NOTICE


def test_messages_use_full_width_chinese_punctuation() -> None:
    # The tool reports `,` `:` `(` `)` `;` between Chinese characters in drafts (PU102-PU108);
    # its own numbering messages must not contain them.
    import re

    rules = [r for r in load_ruleset().rules if r.category == "numbering"]
    assert len(rules) >= 16
    values = {
        "match": "（三）",
        "previous": "（一）",
        "expected": "（二）",
        "replacement": "1.",
        "after": "2.",
        "state": "末尾加了句号",
        "others": "不加句号",
        "declared": "3",
        "found": "2",
    }
    punctuation = Engine(select_rules(load_ruleset(), ["punctuation"]))
    for r in rules:
        message = r.message.format_map(values)
        assert not re.search(r"[,:;()]", re.sub(r"“[^”]*”", "", message)), (r.code, message)
        assert punctuation.check(Document("m.txt", message + "\n"), DAY).diagnostics == [], r.code
        if r.source:
            assert ";" not in r.source, r.code


CLEAN = Path(__file__).resolve().parent.parent / "fixtures" / "clean"


def test_clean_2026_documents_have_no_numbering_finding() -> None:
    # Five correct documents (通知, 工作总结, 实施意见, 汇报) with 一、（一）1.（1）, ①②,
    # in-text lists, attachment notes, 落款 dates, 八项规定 and announced counts.
    engine = Engine(select_rules(load_ruleset(), ["numbering"]))
    paths = sorted(CLEAN.glob("*.txt"))
    assert len(paths) == 5
    for path in paths:
        doc, _ = read_document(str(path))
        found = engine.check(doc, dt.date(2026, 12, 31)).diagnostics
        assert [f"{d.line}:{d.column} {d.code}" for d in found] == [], path.name


def test_fix_safety_comes_from_the_rule_file(tmp_path: Path) -> None:
    # Without `fix:` a numbering rule offers no fix; the kind no longer decides that alone.
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        """\
category: numbering
rules:
  - code: XN101
    name: test-gap-no-fix
    kind: numbering
    check: gap
    severity: warning
    message: "序号“{match}”跳号"
    examples: {bad: ["一、甲\\n三、乙"], good: ["一、甲\\n二、乙"]}
  - code: XN102
    name: test-gap-fix
    kind: numbering
    check: gap
    severity: warning
    message: "序号“{match}”跳号"
    fix: unsafe
    examples: {bad: ["一、甲\\n三、乙"], good: ["一、甲\\n二、乙"]}
""",
        encoding="utf-8",
    )
    draft = tmp_path / "d.txt"
    draft.write_text("一、甲\n三、乙\n", encoding="utf-8")
    _code, found = run_json("--isolated", "--rules", str(rules), "--select", "XN", str(draft))
    fixes = {d["code"]: d["fix"] for d in found}
    assert fixes["XN101"] is None
    assert [e["safety"] for e in fixes["XN102"]] == ["unsafe"]
