"""Word input: paragraph = line, table cells, headers/footers, numbering, bad files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from lint.document import Document
from lint.engine import Engine
from lint.model import ReportlintError
from lint.ruleset import load_ruleset
from lint.sources import document_from_bytes
from lint.sources.docx import (
    AutoNumber,
    chinese_counting,
    format_number,
    read_docx,
)
from tests.helpers import run_cli, run_json

AS_OF = "2021-01-20"


def docx_bytes(document: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def save(document: docx.document.Document, path: Path) -> Path:
    path.write_bytes(docx_bytes(document))
    return path


def seed_as_docx(seed: Path, dest: Path) -> Path:
    """A Word file with one paragraph per line of the seed draft, as a drafter would paste it."""
    text = seed.read_text(encoding="utf-8")
    document = docx.Document()
    for line in re.split(r"\r\n|\r|\n", text):
        document.add_paragraph(line)
    return save(document, dest)


def positions(diags: list[dict[str, object]]) -> list[tuple[object, ...]]:
    keys = ("line", "column", "end_line", "end_column", "code", "message", "suggestion")
    return [tuple(d[k] for k in keys) for d in diags]


def test_seed_docx_gives_the_text_drafts_diagnostics(seed_path: Path, tmp_path: Path) -> None:
    word = seed_as_docx(seed_path, tmp_path / "seed.docx")
    code_txt, from_text = run_json("--as-of", AS_OF, str(seed_path))
    code_docx, from_docx = run_json("--as-of", AS_OF, str(word))
    assert code_txt == code_docx == 1
    assert len(from_text) > 100
    assert positions(from_docx) == positions(from_text)
    assert {d["path"] for d in from_docx} == {str(word)}


def test_placeholder_in_a_table_cell_is_found_at_its_paragraph(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("关于建设情况的汇报")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "项目"
    table.cell(0, 1).text = "金额"
    table.cell(1, 0).text = "文化长廊"
    table.cell(1, 1).text = "投资*万元"
    document.add_paragraph("特此汇报。")
    path = save(document, tmp_path / "表格.docx")
    code, diags = run_json("--select", "PH101", str(path))
    assert code == 1
    # Lines: title 1, cells 2..5 row by row, closing paragraph 6.
    assert [(d["code"], d["line"], d["column"], d["end_column"]) for d in diags] == [
        ("PH101", 5, 3, 4)
    ]


def test_reading_order_empty_paragraphs_headers_and_footers(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("第一段")
    document.add_paragraph("")
    document.add_paragraph("第三段")
    section = document.sections[0]
    section.header.paragraphs[0].text = "页眉文字"
    section.footer.paragraphs[0].text = "第 1 页"
    doc = read_docx(docx_bytes(document), "x.docx")
    assert doc.text.split("\n") == ["第一段", "", "第三段", "页眉文字", "第 1 页"]
    assert doc.meta["docx_stories"] == ["body", "body", "body", "header", "footer"]
    assert doc.kind == "docx"


def test_placeholder_in_header_is_reported_after_the_body(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("正文")
    document.sections[0].header.paragraphs[0].text = "**局文件"
    path = save(document, tmp_path / "h.docx")
    code, diags = run_json("--select", "PH101", str(path))
    assert code == 1
    assert [(d["line"], d["column"], d["end_column"]) for d in diags] == [(2, 1, 3)]


def test_runs_with_different_formatting_join_into_one_line(tmp_path: Path) -> None:
    document = docx.Document()
    p = document.add_paragraph("先后投资")
    star = p.add_run("*")
    star.bold = True
    p.add_run("万元,\t建成长廊")
    p.add_run().add_break()
    p.add_run("第二行")
    doc = read_docx(docx_bytes(document), "x.docx")
    assert doc.text == "先后投资*万元,\t建成长廊\u2028第二行"
    path = save(document, tmp_path / "runs.docx")
    _, diags = run_json("--select", "PH101", str(path))
    assert [(d["line"], d["column"]) for d in diags] == [(1, 5)]


def _w(xml: str) -> object:
    return parse_xml(f"<w:root {nsdecls('w', 'r')}>{xml}</w:root>")[0]


def test_tracked_changes_hyperlinks_and_fields() -> None:
    document = docx.Document()
    p = document.add_paragraph("保留")
    p._p.append(_w("<w:del w:id='1' w:author='a'><w:r><w:delText>删掉</w:delText></w:r></w:del>"))
    p._p.append(_w("<w:ins w:id='2' w:author='a'><w:r><w:t>插入</w:t></w:r></w:ins>"))
    p._p.append(_w("<w:hyperlink r:id='rId99'><w:r><w:t>链接</w:t></w:r></w:hyperlink>"))
    # A PAGE field: its code is not text, its result is.
    p._p.append(_w("<w:r><w:fldChar w:fldCharType='begin'/></w:r>"))
    p._p.append(_w("<w:r><w:instrText xml:space='preserve'> PAGE </w:instrText></w:r>"))
    p._p.append(_w("<w:r><w:fldChar w:fldCharType='separate'/></w:r>"))
    p._p.append(_w("<w:r><w:t>7</w:t></w:r>"))
    p._p.append(_w("<w:r><w:fldChar w:fldCharType='end'/></w:r>"))
    doc = read_docx(docx_bytes(document), "x.docx")
    assert doc.text == "保留插入链接7"


def test_text_box_content_is_not_paragraph_text() -> None:
    document = docx.Document()
    p = document.add_paragraph("正文")
    p._p.append(
        _w(
            "<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p>"
            "</w:txbxContent></w:pict></w:r>"
        )
    )
    assert read_docx(docx_bytes(document), "x.docx").text == "正文"


def test_nested_table_and_merged_cells_are_read_once() -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(0, 0).text = "合并"
    table.cell(1, 0).text = "左"
    inner = table.cell(1, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "内层"
    doc = read_docx(docx_bytes(document), "x.docx")
    assert doc.text.split("\n") == ["合并", "左", "", "内层", ""]
    assert set(doc.meta["docx_stories"]) == {"table"}


def test_list_number_style_gets_its_automatic_numbers() -> None:
    document = docx.Document()
    document.add_paragraph("标题")
    document.add_paragraph("第一项", style="List Number")
    document.add_paragraph("第二项", style="List Number")
    doc = read_docx(docx_bytes(document), "x.docx")
    numbering = doc.meta["docx_numbering"]
    assert isinstance(numbering, dict)
    assert sorted(numbering) == [1, 2]
    assert [numbering[i].label for i in (1, 2)] == ["1.", "2."]
    assert numbering[1].fmt == "decimal" and numbering[1].level == 0
    # The number is not part of the linted text.
    assert doc.text == "标题\n第一项\n第二项"


_GONGWEN_ABSTRACT = """
<w:abstractNum {ns} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
"""


def _gongwen_numbering(document: docx.document.Document, num_ids: tuple[int, ...]) -> None:
    numbering = document.part.numbering_part.element
    abstract = parse_xml(_GONGWEN_ABSTRACT.format(ns=nsdecls("w")))
    first_num = numbering.find(qn("w:num"))
    first_num.addprevious(abstract)
    for num_id in num_ids:
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="90"/></w:num>'
            )
        )


def _numbered(document: docx.document.Document, text: str, num_id: int, level: int) -> None:
    p = document.add_paragraph(text)
    p._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def test_gongwen_hierarchy_numbering_is_computed() -> None:
    document = docx.Document()
    _gongwen_numbering(document, (90,))
    for text, level in [
        ("抓组织", 0),
        ("强化保障", 1),
        ("强化部署", 1),
        ("细项", 2),
        ("细项", 2),
        ("抓落实", 0),
        ("创新方式", 1),
    ]:
        _numbered(document, text, 90, level)
    doc = read_docx(docx_bytes(document), "x.docx")
    numbering = doc.meta["docx_numbering"]
    assert isinstance(numbering, dict)
    labels = [numbering[i].label for i in range(7)]
    assert labels == ["一、", "（一）", "（二）", "1.", "2.", "二、", "（一）"]
    assert numbering[0] == AutoNumber(90, 0, "chineseCounting", "%1、", "一、")


def test_list_style_link_is_followed() -> None:
    # Heading templates often number through a list style: abstractNum 93 only names the style,
    # whose num 92 points at the definition with the levels (abstractNum 90).
    document = docx.Document()
    _gongwen_numbering(document, (92,))
    numbering = document.part.numbering_part.element
    numbering.find(qn("w:num")).addprevious(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="93">'
            '<w:numStyleLink w:val="GongwenList"/></w:abstractNum>'
        )
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="93"><w:abstractNumId w:val="93"/></w:num>')
    )
    document.styles.element.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="numbering" w:styleId="GongwenList">'
            '<w:name w:val="Gongwen List"/><w:pPr><w:numPr><w:numId w:val="92"/></w:numPr>'
            "</w:pPr></w:style>"
        )
    )
    _numbered(document, "抓组织", 93, 0)
    _numbered(document, "强化保障", 93, 1)
    _numbered(document, "抓落实", 93, 0)
    numbers = read_docx(docx_bytes(document), "x.docx").meta["docx_numbering"]
    assert isinstance(numbers, dict)
    assert [numbers[i].label for i in range(3)] == ["一、", "（一）", "二、"]


def test_restarted_list_and_bullets() -> None:
    document = docx.Document()
    _gongwen_numbering(document, (94, 95))
    numbering = document.part.numbering_part.element
    num95 = numbering.find(f"{qn('w:num')}[@{qn('w:numId')}='95']")
    num95.append(
        parse_xml(
            f'<w:lvlOverride {nsdecls("w")} w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
        )
    )
    _numbered(document, "甲", 94, 0)
    _numbered(document, "乙", 94, 0)
    _numbered(document, "丙", 95, 0)
    document.add_paragraph("项目", style="List Bullet")
    numbers = read_docx(docx_bytes(document), "x.docx").meta["docx_numbering"]
    assert isinstance(numbers, dict)
    assert [numbers[i].label for i in range(3)] == ["一、", "二、", "一、"]
    assert numbers[3].fmt == "bullet" and numbers[3].label


def test_unknown_number_format_keeps_level_and_format_without_label() -> None:
    document = docx.Document()
    _gongwen_numbering(document, (91,))
    numbering = document.part.numbering_part.element
    fmt = numbering.find(f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='90']").find(
        f"{qn('w:lvl')}/{qn('w:numFmt')}"
    )
    fmt.set(qn("w:val"), "thaiLetters")
    _numbered(document, "条目", 91, 0)
    numbers = read_docx(docx_bytes(document), "x.docx").meta["docx_numbering"]
    assert isinstance(numbers, dict)
    assert numbers[0].fmt == "thaiLetters" and numbers[0].label is None


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (99, "九十九"), (101, "一百〇一")],
)
def test_chinese_counting(n: int, expected: str) -> None:
    assert chinese_counting(n) == expected


def test_other_number_formats() -> None:
    assert format_number(3, "ideographTraditional") == "丙"
    assert format_number(2, "decimalEnclosedCircle") == "②"
    assert format_number(28, "lowerLetter") == "bb"
    assert format_number(14, "upperRoman") == "XIV"
    assert format_number(7, "decimalFullWidth") == "７"
    assert format_number(5, "someNewFormat") is None


def test_corrupt_docx_is_one_line_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "坏的.docx"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    code, out, err = run_cli(str(bad))
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and "不是有效的 Word 文档" in lines[0]
    assert "Traceback" not in err


def test_text_file_named_docx_is_an_error(tmp_path: Path) -> None:
    fake = tmp_path / "draft.docx"
    fake.write_text("投资*万元", encoding="utf-8")
    with pytest.raises(ReportlintError, match=r"draft\.docx.*不是有效的 Word 文档"):
        read_docx(fake.read_bytes(), str(fake))


def test_legacy_or_encrypted_word_file_is_named_as_such(tmp_path: Path) -> None:
    legacy = tmp_path / "旧.docx"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    code, out, err = run_cli(str(legacy))
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        f"reportlint: {legacy}: 是旧版 .doc 或加密的文档，请在 Word 中另存为未加密的 .docx"
    ]


def test_zip_without_word_part_is_an_error(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ReportlintError, match=r"不是有效的 Word 文档"):
        read_docx(path.read_bytes(), str(path))


def test_missing_python_docx_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # A None entry in sys.modules makes `import docx` raise ImportError, as on a --no-deps install.
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(ReportlintError, match=r"x\.docx: .*python-docx"):
        read_docx(b"PK", "x.docx")


def test_folders_are_searched_for_docx(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("会议定于*月*日召开")
    save(document, tmp_path / "草稿.docx")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    code, diags = run_json("--select", "PH101", str(tmp_path))
    assert code == 1
    assert [(Path(str(d["path"])).name, d["line"], d["column"]) for d in diags] == [
        ("草稿.docx", 1, 5),
        ("草稿.docx", 1, 7),
    ]


def test_reading_never_changes_the_input(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("投资*万元")
    path = save(document, tmp_path / "a.docx")
    before = path.read_bytes()
    run_json(str(path))
    assert path.read_bytes() == before


def _findings(engine: Any, doc: Document, day: dt.date) -> list[tuple[int, int, int, int, str]]:
    res = engine.check(doc, day)
    return [(d.line, d.column, d.end_line, d.end_column, d.code) for d in res.diagnostics]


def test_official_texts_as_docx_give_the_same_findings(official_dir: Path) -> None:
    """The false-positive benchmark read from Word files: the reader adds and loses nothing."""
    engine = Engine(load_ruleset())
    with (official_dir / "index.tsv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t"))[1:]
    assert len(rows) > 50
    total = 0
    for name, date, *_ in rows:
        path = official_dir / name
        day = dt.date.fromisoformat(date)
        text_doc, _ = document_from_bytes(path.read_bytes(), str(path))
        lines = re.split(r"\r\n|\r|\n", text_doc.text)  # some texts use CRLF
        document = docx.Document()
        for line in lines:
            document.add_paragraph(line)
        word_doc = read_docx(docx_bytes(document), str(path))
        assert word_doc.text == "\n".join(lines), name
        expected = _findings(engine, text_doc, day)
        assert _findings(engine, word_doc, day) == expected, name
        total += len(expected)
    assert total > 0  # the comparison covered real findings, not only silence
