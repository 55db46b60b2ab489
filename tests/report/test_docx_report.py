"""`--format docx`: a reviewed copy with one Word comment per diagnostic."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from lint.report.docx import split_run
from lint.sources.docx import read_docx, run_text
from tests.helpers import make_diagnostic, run_cli, run_json
from tests.sources.test_docx import docx_bytes, save, seed_as_docx

AS_OF = "2026-11-26"
W_T, W_R, W_P = qn("w:t"), qn("w:r"), qn("w:p")
START, END = qn("w:commentRangeStart"), qn("w:commentRangeEnd")


def review(src: Path, out: Path, *args: str) -> tuple[int, str]:
    code, stdout, err = run_cli("--format", "docx", "-o", str(out), *args, str(src))
    assert "Traceback" not in err, err
    assert stdout == ""
    return code, err


def anchored_texts(path: Path) -> dict[int, str]:
    """comment id -> the text between its range start and end, paragraphs joined by newlines."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    open_ids: dict[int, list[str]] = {}
    done: dict[int, str] = {}
    for el in root.iter(START, END, W_T, W_P, qn("w:tab"), qn("w:br")):
        if el.tag == START:
            open_ids[int(el.get(qn("w:id")))] = []
        elif el.tag == END:
            cid = int(el.get(qn("w:id")))
            done[cid] = "".join(open_ids.pop(cid))
        elif el.tag == W_P:
            for parts in open_ids.values():
                if parts:
                    parts.append("\n")
        else:
            if any(a.tag in (qn("w:del"), qn("w:txbxContent")) for a in el.iterancestors()):
                continue
            piece = el.text or "" if el.tag == W_T else ("\t" if el.tag == qn("w:tab") else "")
            if el.tag == qn("w:br"):
                piece = "\u2028"
            for parts in open_ids.values():
                parts.append(piece)
    assert not open_ids, f"unclosed comment ranges: {sorted(open_ids)}"
    return done


def char_formats(path: Path) -> list[tuple[str, bytes]]:
    """Every character of the body with the serialised w:rPr of the run that holds it."""
    document = docx.Document(str(path))
    out: list[tuple[str, bytes]] = []
    for p in document.element.body.iter(W_P):
        for r in p.iter(W_R):
            rpr = r.find(qn("w:rPr"))
            fmt = etree.tostring(rpr, method="c14n") if rpr is not None else b""
            out.extend((ch, fmt) for ch in run_text(r))
    return out


def expected_text(doc_text: str, d: dict[str, Any]) -> str:
    lines = doc_text.split("\n")
    if d["line"] == d["end_line"]:
        return lines[d["line"] - 1][d["column"] - 1 : d["end_column"] - 1]
    parts = [lines[d["line"] - 1][d["column"] - 1 :]]
    parts += lines[d["line"] : d["end_line"] - 1]
    parts.append(lines[d["end_line"] - 1][: d["end_column"] - 1])
    return "\n".join(parts)


def test_seed_copy_has_a_comment_per_diagnostic_on_the_flagged_text(
    seed_path: Path, tmp_path: Path
) -> None:
    src = seed_as_docx(seed_path, tmp_path / "seed.docx")
    original = hashlib.sha256(src.read_bytes()).hexdigest()
    out = tmp_path / "reviewed.docx"
    code, _ = review(src, out, "--as-of", AS_OF)
    assert code == 1
    _, diags = run_json("--as-of", AS_OF, str(src))
    assert len(diags) > 100

    assert hashlib.sha256(src.read_bytes()).hexdigest() == original
    before, after = read_docx(src.read_bytes(), "a"), read_docx(out.read_bytes(), "b")
    assert after.text == before.text
    assert char_formats(out) == char_formats(src)

    comments = list(docx.Document(str(out)).comments)
    assert len(comments) == len(diags)
    assert {c.author for c in comments} == {"reportlint"}
    anchors = anchored_texts(out)
    assert len(anchors) == len(diags)
    by_id = {c.comment_id: c for c in comments}
    # Comments are added in diagnostic order, so the n-th comment id belongs to the n-th problem.
    for cid, d in zip(sorted(by_id), diags, strict=True):
        assert by_id[cid].text.startswith(f"{d['code']} {d['message']}")
        want = expected_text(before.text, d) or None
        got = anchors[cid]
        if want is None:  # an empty span is widened onto one neighbouring character
            assert len(got) == 1
        else:
            assert got == want, (d, got)


def test_split_runs_keep_their_formatting(tmp_path: Path) -> None:
    document = docx.Document()
    p = document.add_paragraph("今年")
    styled = p.add_run("先后投资*万元,")
    styled.bold = True
    styled.italic = True
    styled.font.size = docx.shared.Pt(16)
    p.add_run("建成长廊。")
    src = save(document, tmp_path / "fmt.docx")
    out = tmp_path / "out.docx"
    code, _ = review(src, out, "--select", "PH101")
    assert code == 1
    assert char_formats(out) == char_formats(src)
    assert list(anchored_texts(out).values()) == ["*"]
    para = docx.Document(str(out)).paragraphs[0]
    # The empty run after "*" is Word's comment reference mark.
    assert [r.text for r in para.runs] == ["今年", "先后投资", "*", "", "万元,", "建成长廊。"]
    assert [r.bold for r in para.runs[1:3]] + [para.runs[4].bold] == [True, True, True]
    comment = next(iter(docx.Document(str(out)).comments))
    assert comment.initials == "RL"
    assert "PH101" in comment.text


def test_split_run_with_tab_and_image_placeholder() -> None:
    document = docx.Document()
    r = document.add_paragraph().add_run("甲乙\t丙丁")
    r._r.append(etree.fromstring(f'<w:lastRenderedPageBreak xmlns:w="{r._r.nsmap["w"]}"/>'))
    second = split_run(r._r, 3)
    assert (run_text(r._r), run_text(second)) == ("甲乙\t", "丙丁")
    # Zero-width content is kept exactly once, in the half that holds its position.
    tag = qn("w:lastRenderedPageBreak")
    assert (len(r._r.findall(tag)), len(second.findall(tag))) == (0, 1)
    third = split_run(second, 1)
    assert [run_text(x) for x in (r._r, second, third)] == ["甲乙\t", "丙", "丁"]
    assert second.find(W_T).get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_table_header_and_multi_paragraph_problems(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("")
    document.add_paragraph("关于建设情况的汇报")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "金额"
    table.cell(0, 1).text = "投资*万元"
    document.sections[0].header.paragraphs[0].text = "**局"
    src = save(document, tmp_path / "t.docx")
    out = tmp_path / "out.docx"
    code, _ = review(src, out, "--select", "PH101")
    assert code == 1
    comments = {c.comment_id: c.text for c in docx.Document(str(out)).comments}
    anchors = anchored_texts(out)
    assert sorted(anchors[i] for i in comments) == ["*", "关"]
    header_note = next(t for t in comments.values() if t.startswith("[页眉"))
    assert header_note.startswith("[页眉:“**”] PH101 ")
    # The header itself is untouched: Word does not allow comments there.
    with zipfile.ZipFile(out) as z:
        headers = [n for n in z.namelist() if re.match(r"word/header\d*\.xml", n)]
        assert headers and all(b"commentRange" not in z.read(n) for n in headers)
    assert read_docx(out.read_bytes(), "o").text == read_docx(src.read_bytes(), "s").text


def test_clean_document_gets_no_comments(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("全年完成投资5万元。")
    src = save(document, tmp_path / "clean.docx")
    out = tmp_path / "out.docx"
    code, _ = review(src, out, "--select", "PH")
    assert code == 0
    assert len(docx.Document(str(out)).comments) == 0
    assert read_docx(out.read_bytes(), "o").text == "全年完成投资5万元。"


@pytest.mark.parametrize(
    ("setup", "needle"),
    [
        ("text", "只接受 .docx"),
        ("two", "只能处理一个"),
        ("no-output", "需要 --output-file"),
        ("same", "不能覆盖原文件"),
    ],
)
def test_refusals_are_one_line(tmp_path: Path, setup: str, needle: str) -> None:
    document = docx.Document()
    document.add_paragraph("投资*万元")
    src = save(document, tmp_path / "a.docx")
    before = src.read_bytes()
    out = tmp_path / "out.docx"
    args = ["--format", "docx", "--select", "PH101"]
    if setup == "text":
        txt = tmp_path / "a.txt"
        txt.write_text("投资*万元", encoding="utf-8")
        args += ["-o", str(out), str(txt)]
    elif setup == "two":
        args += ["-o", str(out), str(src), str(save(document, tmp_path / "b.docx"))]
    elif setup == "no-output":
        args += [str(src)]
    else:
        args += ["-o", str(src), str(src)]
    code, stdout, err = run_cli(*args)
    assert code == 2 and stdout == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], err
    assert not out.exists()
    assert src.read_bytes() == before


def _soffice() -> str:
    for name in ("libreoffice", "soffice"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("LibreOffice not installed (apt-get install libreoffice-writer-nogui)")


# Export Word comments as PDF annotations, so the PDF shows what LibreOffice read.
_PDF_WITH_NOTES = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'


def test_reviewed_copy_opens_in_libreoffice(seed_path: Path, tmp_path: Path) -> None:
    soffice = _soffice()
    src = seed_as_docx(seed_path, tmp_path / "seed.docx")
    out = tmp_path / "reviewed.docx"
    review(src, out, "--as-of", AS_OF)
    _, diags = run_json("--as-of", AS_OF, str(src))
    outdir = tmp_path / "pdf"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            _PDF_WITH_NOTES,
            "--outdir",
            str(outdir),
            str(out),
        ],
        capture_output=True,
        timeout=300,  # only so that a hung office process fails instead of blocking CI
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    pdf = (outdir / "reviewed.pdf").read_bytes()
    assert pdf[:5] == b"%PDF-"
    # One text annotation per diagnostic, each titled with its author.
    assert len(re.findall(rb"/Subtype\s*/Text\b", pdf)) == len(diags)
    titles = [
        bytes.fromhex(h.decode()).decode("utf-16")
        for h in re.findall(rb"/T\s*<(FEFF[0-9A-Fa-f]*)>", pdf)
    ]
    assert len(titles) == len(diags)
    assert all(t.startswith("reportlint") for t in titles)


def test_spans_over_paragraphs_empty_spans_and_empty_paragraphs(tmp_path: Path) -> None:
    from lint.report.docx import reviewed_copy

    document = docx.Document()
    p = document.add_paragraph("来源:")
    p.add_run("网站").italic = True
    document.add_paragraph("下一篇:通知")
    document.add_paragraph("")
    doc = read_docx(save(document, tmp_path / "s.docx").read_bytes(), "s.docx")
    assert doc.text == "来源:网站\n下一篇:通知\n"
    diags = [
        make_diagnostic(doc, 3, 9, "RS001"),  # "网站\n下一篇" over two paragraphs
        make_diagnostic(doc, 12, 12, "RS002"),  # zero width at the end of paragraph 2
        make_diagnostic(doc, 13, 13, "RS003"),  # zero width in the empty paragraph
    ]
    out = tmp_path / "out.docx"
    out.write_bytes(reviewed_copy(doc, diags))
    anchors = anchored_texts(out)
    by_code = {c.text.split()[0]: anchors[c.comment_id] for c in docx.Document(str(out)).comments}
    assert by_code == {"RS001": "网站\n下一篇", "RS002": "知", "RS003": ""}
    assert read_docx(out.read_bytes(), "o").text == doc.text
    assert char_formats(out) == char_formats(tmp_path / "s.docx")


@pytest.mark.parametrize("layout", ["one paragraph", "many paragraphs"])
def test_comments_are_added_in_linear_time(tmp_path: Path, layout: str) -> None:
    # Each comment looked through all earlier ones for a free id, and each run split and
    # anchor looked through all runs of its paragraph: 8,000 comments took about a minute.
    from collections.abc import Callable

    from lint.report.docx import reviewed_copy
    from lint.sources.docx import read_docx
    from tests.growth import assert_linear

    def make(n: int) -> Callable[[], object]:
        src = docx.Document()
        unit = "会议定于*月*日召开，"
        if layout == "one paragraph":
            src.add_paragraph(unit * (n // 2))
        else:
            for _ in range(n // 20):
                src.add_paragraph(unit * 10)
        path = tmp_path / f"{layout}-{n}.docx"
        src.save(str(path))
        doc = read_docx(path.read_bytes(), str(path))
        found = [
            make_diagnostic(doc, m.start(), m.end(), "PH101", "placeholder")
            for m in re.finditer(r"\*", doc.text)
        ]
        assert len(found) == n
        return lambda: reviewed_copy(doc, found)

    assert_linear(make, 500, budget=10.0, repeat=2)


def _comment_by_python_docx(comments: Any, cid: int, text: str) -> bytes:
    """What python-docx's own objects make of a comment (the reference for comment_xml)."""
    import datetime as dt

    from docx.comments import Comment
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from lint.report.docx import AUTHOR, INITIALS

    element = parse_xml(
        f'<w:comment {nsdecls("w")} w:id="{cid}" w:author="">'
        '<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
        "</w:p></w:comment>"
    )
    element.author = AUTHOR
    element.initials = INITIALS
    stamp = re.search(r'w:date="([^"]+)"', comments._comment_head)
    assert stamp is not None
    element.date = dt.datetime.strptime(stamp.group(1), "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=dt.timezone.utc
    )
    comment = Comment(element, comments._part)
    head, *rest = text.split("\n")
    comment.paragraphs[0].add_run(head)
    for line in rest:
        comment.add_paragraph(text=line)
    xml: bytes = etree.tostring(element, encoding="UTF-8", xml_declaration=False)
    return xml.replace(b" " + nsdecls("w").encode(), b"", 1)


# Texts of comments python-docx accepts: any XML character, with the line breaks, tabs,
# blanks and markup characters a message or a quoted span can hold.
_COMMENT_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("\n\r\t \u3000\u2028&<>\"'*月FM一")),
        st.characters(min_codepoint=0x20, max_codepoint=0xFFFD, exclude_categories=("Cs",)),
    ),
    max_size=40,
)


@settings(deadline=None)
@given(_COMMENT_TEXT)
@example('FM101 a <b> & "c"  lead\n建议：x\n\nthird  ')
@example("")
@example("\n")
@example("a\r\nb\t")
def test_comment_xml_is_what_python_docx_writes(text: str) -> None:
    from lint.report.docx import _Comments

    comments = _Comments(docx.Document())
    assert comments.comment_xml(7, text) == _comment_by_python_docx(comments, 7, text)


def test_comment_xml_drops_characters_xml_cannot_hold() -> None:
    from lint.report.docx import _Comments

    comments = _Comments(docx.Document())
    assert comments.comment_xml(0, "a\x01b\x0b") == _comment_by_python_docx(comments, 0, "ab")


def _rich_document() -> docx.document.Document:
    """Formatting, a tracked deletion and insertion, a hyperlink, a text box, merged and
    nested table cells, empty paragraphs, a header and a footer."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def xml(s: str) -> Any:
        return parse_xml(f"<w:root {nsdecls('w', 'r')}>{s}</w:root>")[0]

    document = docx.Document()
    document.sections[0].header.add_paragraph("页眉*号")
    document.sections[0].footer.add_paragraph("页脚")
    document.add_paragraph("")
    p = document.add_paragraph("保留")
    p.add_run("加粗*").bold = True
    p.add_run("\t斜体").italic = True
    p._p.append(xml("<w:del w:id='1' w:author='a'><w:r><w:delText>删掉</w:delText></w:r></w:del>"))
    p._p.append(xml("<w:ins w:id='2' w:author='a'><w:r><w:t>插入</w:t></w:r></w:ins>"))
    p._p.append(xml("<w:hyperlink r:id='rId99'><w:r><w:t>链接文字</w:t></w:r></w:hyperlink>"))
    p._p.append(
        xml(
            "<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p>"
            "</w:txbxContent></w:pict><w:t>后文</w:t></w:r>"
        )
    )
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(0, 0).text = "合并单元格"
    table.cell(1, 0).text = "左边"
    table.cell(1, 1).add_table(rows=1, cols=1).cell(0, 0).text = "内层表格"
    document.add_paragraph("")
    document.add_paragraph("末段文字，结束")
    return document


def test_a_copy_without_problems_is_what_python_docx_saves(tmp_path: Path) -> None:
    # The body is written back a block at a time: each block must come out as it does when
    # python-docx writes the whole part (namespace declarations, a block's own declaration).
    from docx.oxml import parse_xml

    from lint.report.docx import reviewed_copy
    from lint.sources.docx import open_docx

    document = _rich_document()
    own = parse_xml(
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:x="urn:example"><w:r x:a="1"><w:t>自带命名空间</w:t></w:r></w:p>'
    )
    document.element.body.insert(1, own)
    data = docx_bytes(document)
    reference = open_docx(data, "rich.docx")
    assert reference.comments is not None  # the copy has a comments part, empty here
    saved = io.BytesIO()
    reference.save(saved)
    with zipfile.ZipFile(saved) as made:
        expected = {n: made.read(n) for n in made.namelist()}
    copy = reviewed_copy(read_docx(data, "rich.docx"), [])
    with zipfile.ZipFile(io.BytesIO(copy)) as made:
        assert {n: made.read(n) for n in made.namelist()} == expected


@settings(deadline=None)  # a Word file per example: slow on a loaded machine
@given(st.lists(st.tuples(st.integers(0, 60), st.sampled_from([0, 1, 2, 3, 8, 30])), max_size=6))
@example([(0, 0), (1, 8), (12, 30)])
def test_comments_on_any_spans_anchor_their_text(spans: list[tuple[int, int]]) -> None:
    import tempfile

    from lint.report.docx import reviewed_copy

    data = docx_bytes(_rich_document())
    doc = read_docx(data, "rich.docx")
    body_end = doc.text.index("页眉") - 1
    diags = []
    for start, width in spans:
        start = min(start, len(doc.text))
        end = min(len(doc.text), start + width)
        if start <= body_end < end:
            end = body_end  # a span running into the header: its own test
        diags.append(make_diagnostic(doc, start, end, "PH101", "x"))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.docx"
        out.write_bytes(reviewed_copy(doc, diags))
        assert read_docx(out.read_bytes(), "o").text == doc.text
        anchors = anchored_texts(out)
        assert len(anchors) == len(diags)
        for cid, d in enumerate(diags):
            if d.start >= body_end or d.end <= d.start:
                continue  # moved to the body's start, or widened onto a neighbour
            want = doc.text[d.start : d.end]
            if "\n" in want and (not want.split("\n")[0] or not want.split("\n")[-1]):
                continue  # an end on a paragraph's edge: python-docx's own rule applies
            # (anchored_texts marks paragraph ends only roughly: compare the characters)
            assert anchors[cid].replace("\n", "") == want.replace("\n", ""), (d.start, d.end)


def test_a_span_running_into_the_footer_ends_with_the_body(tmp_path: Path) -> None:
    from lint.report.docx import reviewed_copy

    src = save(_rich_document(), tmp_path / "rich.docx")
    doc = read_docx(src.read_bytes(), str(src))
    start = doc.text.index("结束")
    diags = [make_diagnostic(doc, start, len(doc.text), "RS117", "推荐阅读")]
    out = tmp_path / "out.docx"
    out.write_bytes(reviewed_copy(doc, diags))
    assert anchored_texts(out) == {0: "结束"}
    with zipfile.ZipFile(out) as made, zipfile.ZipFile(src) as original:
        stories = [n for n in original.namelist() if re.match(r"word/(header|footer)\d*\.xml", n)]
        assert stories and all(made.read(n) == original.read(n) for n in stories)
