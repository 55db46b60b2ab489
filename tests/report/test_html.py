"""`--format html`: content, escaping, self-containment, and a real headless browser."""

from __future__ import annotations

import html
import io
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lint.document import Document
from lint.printable import printable_lines
from tests.helpers import make_diagnostic, run_cli, run_json

AS_OF = "2026-11-26"
PLACEHOLDER_BG = (0xFF, 0xD6, 0xD6)  # lint.report.html CATEGORY_COLORS["placeholder"]


class Page(HTMLParser):
    """Collects what the tests look at: highlights, problem items, the text of every line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict[str, Any]] = []  # {"d": [...], "cls": str, "text": str}
        self.problems: list[dict[str, str]] = []
        self.lines: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self.attrs: list[tuple[str, dict[str, str | None]]] = []
        self._stack: list[str] = []
        self._tx_depth: int | None = None
        self._mark: dict[str, Any] | None = None
        self._problem: dict[str, str] | None = None
        self._field: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.attrs.append((tag, a))
        cls = (a.get("class") or "").split()
        if tag == "script":
            self.scripts.append(a)
        if tag == "span" and "tx" in cls:
            self.lines.append("")
            self._tx_depth = len(self._stack)
        if tag == "mark" and "hl" in cls:
            self._mark = {
                "d": (a.get("data-d") or "").split(),
                "cls": cls,
                "cats": a.get("data-cats") or "",
                "text": "",
            }
            self.marks.append(self._mark)
        if tag == "li" and "problem" in cls:
            self._problem = {"id": a.get("id") or "", "msg": "", "line": a.get("data-line") or ""}
            self.problems.append(self._problem)
        if self._problem is not None and tag == "div" and "msg" in cls:
            self._field = "msg"
        self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            top = self._stack.pop()
            if top == tag:
                break
        if self._tx_depth is not None and len(self._stack) <= self._tx_depth:
            self._tx_depth = None
        if tag == "mark":
            self._mark = None
        if tag == "li":
            self._problem = None
        if tag == "div":
            self._field = None

    def handle_data(self, data: str) -> None:
        if self._tx_depth is not None:
            self.lines[-1] += data
        if self._mark is not None:
            self._mark["text"] += data
        if self._problem is not None and self._field == "msg":
            self._problem["msg"] += data


def parse(page: str) -> Page:
    p = Page()
    p.feed(page)
    p.close()
    return p


def flagged(text: str, d: dict[str, Any]) -> str:
    """The diagnostic's text as shown in the page: highlights stop at line breaks."""
    doc = Document(path="x", text=text)
    start = doc.offset(d["line"], d["column"])
    end = doc.offset(d["end_line"], d["end_column"])
    return text[start:end].replace("\r", "").replace("\n", "")


def test_seed_page_has_every_message_and_the_full_text(seed_path: Path) -> None:
    code, page, err = run_cli("--format", "html", "--as-of", AS_OF, str(seed_path))
    assert code == 1 and "Traceback" not in err
    _, diags = run_json("--as-of", AS_OF, str(seed_path))
    p = parse(page)
    text = seed_path.read_text(encoding="utf-8")
    assert "\n".join(p.lines) == text
    assert [x["msg"] for x in p.problems] == [d["message"] for d in diags]
    for d in diags:
        assert html.escape(d["message"], quote=True) in page
    # One problem number per diagnostic, each highlighted with exactly the flagged text.
    for n, d in enumerate(diags, start=1):
        shown = "".join(m["text"] for m in p.marks if str(n) in m["d"])
        assert shown == flagged(text, d), (n, d)
        assert f'id="d{n}"' in page and f'href="#d{n}"' in page


def test_summary_counts_by_category(seed_path: Path) -> None:
    _, page, _ = run_cli("--format", "html", "--as-of", AS_OF, str(seed_path))
    _, diags = run_json("--as-of", AS_OF, str(seed_path))
    assert f"发现 {len(diags)} 个问题" in page
    placeholders = sum(1 for d in diags if d["category"] == "placeholder")
    assert placeholders > 0
    row = page.split('<tr class="c-placeholder">', 1)[1].split("</tr>", 1)[0]
    assert f"<td>{placeholders}</td>" in row and "占位符未填" in row


def test_everything_is_escaped(tmp_path: Path) -> None:
    src = tmp_path / '<b>草稿&"q".txt'
    nasty = "投资*万元<script>alert(\"x\")</script> & 'q' </mark>\n第二行"
    src.write_text(nasty, encoding="utf-8")
    code, page, _ = run_cli("--format", "html", "--select", "PH101", str(src))
    assert code == 1
    assert "<script>alert" not in page and "<b>草稿" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    p = parse(page)
    assert "\n".join(p.lines) == nasty
    assert [m["text"] for m in p.marks] == ["*"]


def test_page_is_self_contained(seed_path: Path) -> None:
    _, page, _ = run_cli("--format", "html", "--as-of", AS_OF, str(seed_path))
    p = parse(page)
    assert 'http-equiv="Content-Security-Policy"' in page and "default-src 'none'" in page
    assert all(a.get("src") is None for a in p.scripts) and len(p.scripts) == 1
    for tag, attrs in p.attrs:
        for name in ("src", "href", "action", "srcset", "poster"):
            value = attrs.get(name)
            assert value is None or value.startswith("#"), (tag, name, value)
    assert "@import" not in page and "url(" not in page
    assert 'name="viewport"' in page and "@media print" in page


def test_clean_file_says_so(tmp_path: Path) -> None:
    src = tmp_path / "clean.txt"
    src.write_text("全年完成投资5万元。\n", encoding="utf-8")
    code, page, _ = run_cli("--format", "html", "--select", "PH", str(src))
    assert code == 0
    assert "未发现问题" in page and parse(page).marks == []
    assert "自动编号" not in page


def test_output_file_and_docx_numbering(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("工作汇报")
    document.add_paragraph("投资*万元", style="List Number")
    src = tmp_path / "汇报.docx"
    document.save(str(src))
    out = tmp_path / "report.html"
    code, stdout, _ = run_cli("--format", "html", "--select", "PH101", "-o", str(out), str(src))
    assert code == 1 and stdout == ""
    page = out.read_text(encoding="utf-8")
    assert '<span class="auto" title="Word 自动编号（不属于正文文字）">1.</span>' in page
    assert "第 2 段第 3 字" in page and "Word 自动编号，不属于正文文字" in page
    assert parse(page).lines == ["工作汇报", "投资*万元"]
    assert '<span class="story">' not in page


def test_docx_header_and_footer_lines_are_labelled(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("正文")
    document.sections[0].header.paragraphs[0].text = "**局文件"
    document.sections[0].footer.paragraphs[0].text = "第1页"
    src = tmp_path / "h.docx"
    document.save(str(src))
    code, page, _ = run_cli("--format", "html", "--select", "PH101", str(src))
    assert code == 1
    assert parse(page).lines == ["正文", "**局文件", "第1页"]
    line2 = page.split('id="f1-L2"', 1)[1].split("</div>", 1)[0]
    line3 = page.split('id="f1-L3"', 1)[1].split("</div>", 1)[0]
    assert '<span class="story">页眉</span>' in line2 and '<mark class="hl' in line2
    assert '<span class="story">页脚</span>' in line3


# --- headless browser ----------------------------------------------------------------------


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("chromium not installed (apt-get install chromium; .ci/run installs it)")


def _browser(url: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    cmd = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        # Console messages (script errors) go to stderr, where the tests look for them.
        "--enable-logging=stderr",
        "--v=0",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
        url,
    ]
    # A generous limit only so that a hung browser fails the test instead of the whole run.
    return subprocess.run(cmd, capture_output=True, timeout=180, check=False)


def _seed_page(seed_path: Path, tmp_path: Path) -> tuple[Path, str, list[dict[str, Any]]]:
    out = tmp_path / "seed.html"
    code, _, err = run_cli("--format", "html", "--as-of", AS_OF, "-o", str(out), str(seed_path))
    assert code == 1, err
    _, diags = run_json("--as-of", AS_OF, str(seed_path))
    return out, seed_path.read_text(encoding="utf-8"), diags


def test_browser_renders_a_highlight_for_every_diagnostic(seed_path: Path, tmp_path: Path) -> None:
    page, text, diags = _seed_page(seed_path, tmp_path)
    target = 3
    result = _browser(page.as_uri() + f"#d{target}", tmp_path, "--dump-dom")
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    p = parse(result.stdout.decode("utf-8"))
    assert len(p.problems) == len(diags)
    assert "\n".join(p.lines) == text
    for n, d in enumerate(diags, start=1):
        marks = [m for m in p.marks if str(n) in m["d"]]
        assert marks, f"no highlight for diagnostic {n}: {d}"
        assert "".join(m["text"] for m in marks) == flagged(text, d)
        assert all(f"c-{d['category']}" in m["cats"].split() for m in marks)
    # The script ran, without errors: the problem named in the URL is outlined.
    assert b"Uncaught" not in result.stderr
    focused = [m for m in p.marks if "focus" in m["cls"]]
    assert focused and all(str(target) in m["d"] for m in focused)


def test_browser_click_opens_the_problem_panel(seed_path: Path, tmp_path: Path) -> None:
    page, _, diags = _seed_page(seed_path, tmp_path)
    # Tap the fourth highlight and untick a category, as a reader would, then dump the page.
    clicked = tmp_path / "clicked.html"
    clicked.write_text(
        page.read_text(encoding="utf-8").replace(
            "</body>",
            "<script>document.querySelectorAll('mark.hl')[3].click();"
            "document.querySelector('input[data-cat=c-placeholder]').click()</script></body>",
        ),
        encoding="utf-8",
    )
    result = _browser(clicked.as_uri(), tmp_path, "--dump-dom")
    assert result.returncode == 0 and b"Uncaught" not in result.stderr
    dom = result.stdout.decode("utf-8")
    fourth = parse(dom).marks[3]
    panel = dom.split('<div id="pop"', 1)[1].split('<div id="pop-body">', 1)
    assert " hidden" not in panel[0].split(">", 1)[0]
    shown = parse(panel[1])
    assert [x["msg"] for x in shown.problems] == [diags[int(n) - 1]["message"] for n in fourth["d"]]
    assert "focus" in fourth["cls"]
    # Unticking a category in the summary hides its problems (a class on <body>).
    body_tag = dom.split("<body", 1)[1].split(">", 1)[0]
    assert "hide-c-placeholder" in body_tag


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGB(A) bytes) of an 8-bit RGB or RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6), (depth, color)
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind_byte, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = prev[i]
            if kind_byte == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind_byte == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind_byte == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind_byte == 4:
                ul = prev[i - channels] if i >= channels else 0
                p = left + up - ul
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - ul)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else ul
                line[i] = (line[i] + pred) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, [bytes(r) for r in rows] if channels == 3 else _rgb(rows)


def _rgb(rows: list[bytes]) -> list[bytes]:
    out = []
    for r in rows:
        b = bytearray()
        for i in range(0, len(r), 4):
            b += r[i : i + 3]
        out.append(bytes(b))
    return out


def test_browser_screenshot_is_not_blank(seed_path: Path, tmp_path: Path) -> None:
    page, _, _ = _seed_page(seed_path, tmp_path)
    shot = tmp_path / "shot.png"
    # A phone-sized window: the page must lay out there too.
    result = _browser(
        page.as_uri(),
        tmp_path,
        f"--screenshot={shot}",
        "--window-size=420,900",
        "--hide-scrollbars",
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    width, height, rows = read_png(shot.read_bytes())
    assert (width, height) == (420, 900)
    pixels = io.BytesIO(b"".join(rows)).getvalue()
    colours = {pixels[i : i + 3] for i in range(0, len(pixels), 3)}
    assert len(colours) > 20, "screenshot looks blank"
    dark = sum(1 for c in colours if sum(c) < 200)
    assert dark > 0, "no text drawn"
    assert bytes(PLACEHOLDER_BG) in colours, "no placeholder highlight visible"


def test_overlapping_multi_line_and_empty_spans() -> None:
    from lint.report import ReportContext
    from lint.report.html import render

    doc = Document(path="d.txt", text="来源:网站,投资*万元\n下一篇\n")
    wide = make_diagnostic(doc, 0, 15, "RS999", "residue", "warning", suggestion="")  # two lines
    star = make_diagnostic(doc, 8, 9, "PH101", "placeholder", "error")
    gap = make_diagnostic(doc, 12, 12, "NB999", "numbering", "info")  # zero width, end of line 1
    diags = sorted([wide, star, gap], key=lambda d: d.sort_key())
    page = render(diags, ReportContext(documents={doc.path: doc}))
    p = parse(page)
    assert p.lines == ["来源:网站,投资*万元", "下一篇", ""]
    numbers = {d.code: str(n) for n, d in enumerate(diags, start=1)}
    joined = {
        code: "".join(m["text"] for m in p.marks if n in m["d"]) for code, n in numbers.items()
    }
    assert joined == {"RS999": "来源:网站,投资*万元下一篇", "PH101": "*", "NB999": ""}
    star_mark = next(m for m in p.marks if m["text"] == "*")
    # The narrow problem colours the background, the wide one the underline.
    assert {"c-placeholder", "u-residue"} <= set(star_mark["cls"])
    assert star_mark["cats"].split() == ["c-residue", "c-placeholder"]
    assert any("empty" in m["cls"] for m in p.marks if numbers["NB999"] in m["d"])
    assert "建议删除" in page


def test_findings_on_one_line_render_in_linear_time() -> None:
    # Every span of a line was looked at for every point of it: 10,000 findings on one line
    # took 8 s, 20,000 took 43 s (the same findings on separate lines: 0.9 s).
    from collections.abc import Callable

    from lint.report import ReportContext
    from lint.report.html import render
    from tests.growth import assert_linear

    def make(n: int) -> Callable[[], object]:
        doc = Document("d.txt", "会议定于*月*日召开，" * (n // 2) + "\n")
        found = []
        for k in range(n // 2):
            base = 10 * k
            found += [
                make_diagnostic(doc, base + 4, base + 5, "PH101", "placeholder"),
                make_diagnostic(doc, base + 6, base + 7, "PH101", "placeholder"),
            ]
        ctx = ReportContext(documents={"d.txt": doc})
        return lambda: render(found, ctx)

    assert_linear(make, 2_000)


_TEXT = "来源:网站,投资*万元<b>&\n下一篇\u202e\n\n末行"


@given(
    st.integers(0, len(_TEXT)),
    st.integers(0, 6),
    st.sampled_from(["placeholder", "residue", "punctuation"]),
    st.sampled_from(["error", "warning", "info"]),
    st.sampled_from([None, "", " ", "，", "<甲>"]),
    st.text(alphabet="甲<&\"'\x1b\u202e 1", max_size=4),
)
def test_one_span_is_marked_as_any_number_of_spans_are(
    start: int, width: int, category: str, severity: str, suggestion: str | None, chunk: str
) -> None:
    from lint.report.html import _mark, _mark_overlapping, _Span

    doc = Document("d.txt", _TEXT)
    end = min(start + width, len(_TEXT))
    d = make_diagnostic(doc, start, end, "PH101", category, severity, suggestion)
    d.message = f"说明<{chunk}>"
    span = _Span(7, d, start, end)
    assert _mark([span], chunk) == _mark_overlapping([span], chunk)


@given(st.lists(st.tuples(st.integers(0, len(_TEXT)), st.integers(0, 6)), max_size=8))
def test_problems_in_any_order_are_placed_on_their_lines(spans: list[tuple[int, int]]) -> None:
    # reports from the command line come in order of position; any other order is sorted by
    # line (stably), so each problem keeps its number and is highlighted where it is
    from lint.report import ReportContext
    from lint.report.html import render

    doc = Document("d.txt", _TEXT)
    found = [
        make_diagnostic(doc, s, min(s + w, len(_TEXT)), f"PH{100 + k}", "placeholder")
        for k, (s, w) in enumerate(spans)
    ]
    page = render(found, ReportContext(documents={doc.path: doc}))
    p = parse(page)
    for n, d in enumerate(found, start=1):
        text = "".join(m["text"] for m in p.marks if str(n) in m["d"])
        assert text == printable_lines(doc.text[d.start : d.end]).replace("\n", "")
