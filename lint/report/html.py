"""`--format html`: one self-contained page for people who do not read `path:line:col`.

The page holds a summary by category, then per document a list of problems (each linking to its
place) and the document's full text with every flagged span highlighted in its category colour.
Hovering a highlight shows the message (the `title` tooltip); clicking or tapping it opens a panel
with message and suggestion. Everything is inline, and a Content-Security-Policy forbids any
network request, so the file can be mailed around and opened offline. Without JavaScript (or
printed) nothing is lost: the problem list carries every message, and each printed problem
start carries its number.
"""

from __future__ import annotations

import functools
import html
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lint.document import Document
from lint.model import CATEGORIES, SEVERITIES, SEVERITY_RANK, Diagnostic
from lint.printable import UNSAFE_KEEP_LINES, printable_lines
from lint.report import ReportContext
from lint.words import SEVERITY_NAMES

# The report's own category labels (its tags and table rows), worded apart from the terminal's
# `lint.words` names; the html golden fixes this wording.
CATEGORY_NAMES = {
    "placeholder": "占位符未填",
    "formulation": "提法过时",
    "numbering": "序号层次",
    "residue": "网页残留",
    "typo": "错别字",
    "punctuation": "标点符号",
}
# Background / accent colour per category, chosen to stay distinguishable when printed in grey.
CATEGORY_COLORS = {
    "placeholder": ("#ffd6d6", "#c62828"),
    "formulation": ("#ffe2b8", "#e65100"),
    "numbering": ("#d3e4ff", "#1565c0"),
    "residue": ("#e6dcf5", "#6a1b9a"),
    "typo": ("#d5f2d5", "#2e7d32"),
    "punctuation": ("#fff4b0", "#8d6e00"),
}
_OTHER_COLORS = ("#e0e0e0", "#424242")
_OPEN_LIST_MAX = 50
_STORY_NAMES = {"header": "页眉", "footer": "页脚"}
_SAFE_CLASS = re.compile(r"[^a-z0-9-]")


# What html.escape(quote=True) replaces: text without any of these comes back unchanged.
_HTML_SPECIAL = re.compile("[&<>\"']")
# What esc changes: HTML's special characters and what printable_lines escapes.
_ESCAPED = re.compile(_HTML_SPECIAL.pattern[:-1] + UNSAFE_KEEP_LINES.pattern[1:])


def esc(text: str) -> str:
    # A report escapes several pieces of text per finding, nearly all without a special or
    # unsafe character: one regex search says so, and they come back as they are.
    if _ESCAPED.search(text) is None:
        return text
    # Controls and bidi overrides from a draft are shown escaped, not obeyed.
    text = printable_lines(text)
    return html.escape(text, quote=True) if _HTML_SPECIAL.search(text) else text


@functools.cache
def _cat_class(category: str) -> str:
    return "c-" + (_SAFE_CLASS.sub("", category.lower()) or "other")


_START = operator.attrgetter("start")


@dataclass
class _Span:
    number: int  # 1-based problem number across the whole report
    diag: Diagnostic
    start: int  # clamped to one line
    end: int


def suggestion_text(suggestion: str | None) -> str | None:
    """How a suggested replacement reads to a person; quoted, since it is often one character."""
    if suggestion is None:
        return None
    if suggestion == "":
        return "建议删除"
    if not suggestion.strip():
        return "建议改为普通空格" if suggestion == " " else f"建议改为“{suggestion}”"
    return f"建议改为“{suggestion}”"


def _title(code: str, message: str, suggestion: str | None) -> str:
    """A problem's tooltip: its code and message, and the suggestion on a line of its own."""
    sug = suggestion_text(suggestion)
    return f"{code} {message}\n{sug}" if sug else f"{code} {message}"


@functools.lru_cache(maxsize=4096)
def _escaped_title(code: str, message: str, suggestion: str | None) -> str:
    """esc(_title(…)), once per distinct (code, message, suggestion): a dirty file repeats a
    few thousand of them tens of thousands of times."""
    return esc(_title(code, message, suggestion))


def _render_line(
    doc: Document, index: int, spans: list[_Span], starts_here: dict[int, list[int]]
) -> str:
    ls, le = doc.line_span(index)
    text = doc.text
    if not spans and not starts_here:
        return esc(text[ls:le])
    bounds = {ls, le}
    for s in spans:
        bounds.update((s.start, s.end))
    points = sorted(b for b in bounds if ls <= b <= le)
    # One sweep over the points with the spans open at each: looking through every span of
    # the line at every point made a line holding all of a file's findings quadratic
    # (10,000 findings on one line took 8 s, 20,000 took 43 s).
    opening: dict[int, list[int]] = defaultdict(list)
    closing: dict[int, list[int]] = defaultdict(list)
    empty: dict[int, list[_Span]] = defaultdict(list)
    for k, s in enumerate(spans):
        if s.start == s.end:
            empty[s.start].append(s)
        else:
            opening[s.start].append(k)
            closing[s.end].append(k)
    open_now: set[int] = set()
    out: list[str] = []
    for a, b in zip(points, [*points[1:], None], strict=True):
        if a in starts_here:
            out += [f'<span class="anchor" id="d{n}" data-n="{n}"></span>' for n in starts_here[a]]
        if a in empty:
            out += [_mark([s], "") for s in empty[a]]
        if b is None:
            break
        if a in closing:
            open_now.difference_update(closing[a])
        if a in opening:
            open_now.update(opening[a])
        chunk = text[a:b]
        if open_now:
            # In the order of the line's spans, as the problem numbers are.
            out.append(_mark([spans[k] for k in sorted(open_now)], chunk))
        else:
            out.append(esc(chunk))
    return "".join(out)


def _mark(spans: list[_Span], chunk: str) -> str:
    # Where problems overlap (a punctuation mark inside a residue line), the background shows
    # the most specific (shortest) one and the underline the widest, so neither hides the other;
    # every problem is listed in data-d, data-cats and the tooltip.
    if len(spans) == 1:  # nearly every mark: nothing to choose between
        (only,) = spans
        d = only.diag
        cat = _cat_class(d.category)
        return (
            f'<mark class="hl {cat} u{cat[1:]} s-{esc(d.severity)}{"" if chunk else " empty"}"'
            f' data-d="{only.number}" data-cats="{cat}" tabindex="0"'
            f' title="{_escaped_title(d.code, d.message, d.suggestion)}">{esc(chunk)}</mark>'
        )
    return _mark_overlapping(spans, chunk)


def _mark_overlapping(spans: list[_Span], chunk: str) -> str:
    """_mark of any number of spans: which one shows as the background, which as the
    underline, and the worst severity, chosen among them."""

    def size(s: _Span) -> int:
        return s.diag.end - s.diag.start

    inner = min(spans, key=lambda s: (size(s), -SEVERITY_RANK.get(s.diag.severity, 0), s.number))
    outer = max(spans, key=lambda s: (size(s), SEVERITY_RANK.get(s.diag.severity, 0), -s.number))
    worst = max(spans, key=lambda s: SEVERITY_RANK.get(s.diag.severity, 0))
    numbers = " ".join(str(s.number) for s in spans)
    cats = " ".join(dict.fromkeys(_cat_class(s.diag.category) for s in spans))
    title = "\n\n".join(_title(s.diag.code, s.diag.message, s.diag.suggestion) for s in spans)
    empty = "" if chunk else " empty"
    underline = "u" + _cat_class(outer.diag.category)[1:]
    return (
        f'<mark class="hl {_cat_class(inner.diag.category)} {underline}'
        f' s-{esc(worst.diag.severity)}{empty}" data-d="{numbers}" data-cats="{cats}"'
        ' tabindex="0"'
        f' title="{esc(title)}">{esc(chunk)}</mark>'
    )


def _clamped(doc: Document, d: Diagnostic) -> tuple[int, int, int]:
    """(start, end, first line) of `d` kept inside the document."""
    start = max(0, min(d.start, len(doc.text)))
    end = max(start, min(d.end, len(doc.text)))
    return start, end, doc.line_of(start)


def _spans_by_line(
    doc: Document, found: Sequence[Diagnostic], first_number: int
) -> Iterator[tuple[list[_Span], dict[int, list[int]]]]:
    """For every line in turn: its spans in problem order, and the problems whose anchor is
    on it (by offset). Only the spans of the current line and those running on from earlier
    lines are held, not a table of every finding."""
    order: Sequence[int] = range(len(found))
    # In order of start, they are in line order (reports from the command line always are):
    # checked in C, without a line lookup per finding.
    starts = list(map(_START, found))
    if starts != sorted(starts):
        firsts = [_clamped(doc, d)[2] for d in found]
        order = sorted(order, key=firsts.__getitem__)  # stable: problem order in a line
    # (number, diagnostic, start, end, first line, last line) of the spans on this line and
    # of those running on to later lines.
    running: list[tuple[int, Diagnostic, int, int, int, int]] = []
    k = 0
    total = len(order)
    # the next problem in line order, placed once (not again on each line before its own)
    upcoming = _clamped(doc, found[order[0]]) if total else None
    for i in range(doc.line_count):
        starts_here: dict[int, list[int]] = {}
        while upcoming is not None and upcoming[2] == i:
            start, end, first = upcoming
            n = first_number + order[k]
            last = doc.line_of(end - 1) if end > start else first
            running.append((n, found[order[k]], start, end, first, last))
            starts_here.setdefault(start, []).append(n)
            k += 1
            upcoming = _clamped(doc, found[order[k]]) if k < total else None
        if not running:
            yield [], starts_here
            continue
        ls, le = doc.line_span(i)
        spans: list[_Span] = []
        for n, d, start, end, first, _last in sorted(running) if len(running) > 1 else running:
            s, e = max(start, ls), min(end, le)
            if s < e or (s == e and i == first):
                spans.append(_Span(n, d, s, e))
        running = [r for r in running if r[5] > i]
        yield spans, starts_here


def _text_rows(
    doc_id: int, doc: Document, found: Sequence[Diagnostic], first_number: int
) -> Iterator[str]:
    """The document's text, one line after another, with every flagged span highlighted."""
    numbering = doc.meta.get("docx_numbering")
    auto = numbering if isinstance(numbering, dict) else {}
    # Word headers and footers follow the body as extra lines: label them.
    story_list = doc.meta.get("docx_stories")
    stories = story_list if isinstance(story_list, list) else []
    for i, (spans, starts_here) in enumerate(_spans_by_line(doc, found, first_number)):
        label = auto.get(i)
        label_text = getattr(label, "label", None)
        auto_html = (
            f'<span class="auto" title="Word 自动编号（不属于正文文字）">{esc(label_text)}</span>'
            if label_text
            else ""
        )
        story = stories[i] if i < len(stories) else "body"
        story_html = ""
        if story in _STORY_NAMES:
            story_html = f'<span class="story">{_STORY_NAMES[story]}</span>'
        body = _render_line(doc, i, spans, starts_here)
        yield (
            f'<div class="ln" id="f{doc_id}-L{i + 1}"><span class="no">{i + 1}</span>'
            f'{story_html}{auto_html}<span class="tx">{body}</span></div>'
        )


@functools.lru_cache(maxsize=4096)
def _advice(message: str, suggestion: str | None) -> str:
    """A problem's message and suggestion as the list shows them, once per distinct pair."""
    sug_text = suggestion_text(suggestion)
    sug = f'<div class="sug">{esc(sug_text)}</div>' if sug_text else ""
    return f'<div class="msg">{esc(message)}</div>{sug}'


def _problem_items(doc: Document, found: Sequence[Diagnostic], first_number: int) -> Iterator[str]:
    """The document's numbered problem list, one item after another."""
    if not found:
        return
    # In a Word file a "line" is a paragraph; say so to people who think in paragraphs.
    unit = "段" if doc.kind == "docx" else "行"
    yield '<ol class="problems">'
    # (class, severity, code, tag) as escaped text, once per (code, category, severity): a
    # dirty file repeats a few rules tens of thousands of times.
    kinds: dict[tuple[str, str, str], tuple[str, str, str, str]] = {}
    for n, d in enumerate(found, start=first_number):
        match = f'<q class="match">{esc(d.text)}</q>' if d.text.strip() else ""
        key = (d.code, d.category, d.severity)
        kind = kinds.get(key)
        if kind is None:
            kind = kinds[key] = (
                _cat_class(d.category),
                esc(d.severity),
                esc(d.code),
                f"{esc(CATEGORY_NAMES.get(d.category, d.category))}·"
                f"{esc(SEVERITY_NAMES.get(d.severity, d.severity))}",
            )
        cat, severity, code, tag = kind
        yield (
            f'<li id="p{n}" class="problem {cat} s-{severity}"'
            f' value="{n}" data-line="{d.line}" data-column="{d.column}"'
            f' data-code="{code}">'
            f'<a class="where" href="#d{n}">第 {d.line} {unit}第 {d.column} 字</a> '
            f'<span class="code">{code}</span> '
            f'<span class="tag">{tag}</span> {match}{_advice(d.message, d.suggestion)}</li>'
        )
    yield "</ol>"


def _summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    counts: Counter[tuple[str, str]] = Counter((d.category, d.severity) for d in diagnostics)
    cats = [c for c in CATEGORIES if any(k[0] == c for k in counts)]
    cats += sorted({c for c, _ in counts} - set(CATEGORIES))
    head = "".join(f"<th>{SEVERITY_NAMES[s]}</th>" for s in SEVERITIES)
    rows = []
    for c in cats:
        cells = "".join(f"<td>{counts.get((c, s), 0) or ''}</td>" for s in SEVERITIES)
        total = sum(counts.get((c, s), 0) for s in SEVERITIES)
        rows.append(
            f'<tr class="{_cat_class(c)}"><th><label><input type="checkbox" checked'
            f' data-cat="{_cat_class(c)}"> <span class="sw"></span>'
            f"{esc(CATEGORY_NAMES.get(c, c))}</label></th>{cells}<td>{total}</td></tr>"
        )
    totals = "".join(
        f"<td>{sum(1 for d in diagnostics if d.severity == s) or ''}</td>" for s in SEVERITIES
    )
    table = (
        f'<table class="summary"><thead><tr><th>类别</th>{head}<th>合计</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody><tfoot><tr><th>合计</th>{totals}"
        f"<td>{len(diagnostics)}</td></tr></tfoot></table>"
    )
    if not diagnostics:
        return f'<p class="clean">检查了 {files} 个文件，未发现问题。</p>'
    return f"<p>检查了 {files} 个文件，发现 {len(diagnostics)} 个问题。</p>{table}"


def _css() -> str:
    cat_rules = []
    for cat, (bg, fg) in [*CATEGORY_COLORS.items(), ("other", _OTHER_COLORS)]:
        cls = _cat_class(cat)
        cat_rules.append(
            f"mark.{cls}{{background:{bg}}}mark.u{cls[1:]}{{border-bottom:2px solid {fg}}}"
            f"li.{cls}{{border-left-color:{fg}}}tr.{cls} .sw{{background:{bg};border-color:{fg}}}"
            f"body.hide-{cls} li.{cls}{{display:none}}"
            f"body.hide-{cls} mark.{cls}{{background:none}}"
            f"body.hide-{cls} mark.u{cls[1:]}{{border-bottom:none}}"
        )
    return _BASE_CSS + "".join(cat_rules)


_BASE_CSS = """
*{box-sizing:border-box}
body{margin:0;font:16px/1.7 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC",
"Microsoft YaHei",sans-serif;color:#1a1a1a;background:#fff}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.2rem 0 .6rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem;
word-break:break-all}
table.summary{border-collapse:collapse;margin:.5rem 0}
.summary th,.summary td{border:1px solid #ccc;padding:.2rem .6rem;text-align:right}
.summary th:first-child{text-align:left;font-weight:normal}
.sw{display:inline-block;width:.9em;height:.9em;border:1px solid;margin-right:.3em;
vertical-align:-.1em}
ol.problems{padding-left:2.6em;margin:.3rem 0}
li.problem{border-left:4px solid #999;padding:.15rem .5rem;margin:.3rem 0;background:#fafafa}
li.problem:target,li.problem.focus{background:#fff8d0}
.where{font-size:.85em;white-space:nowrap}.code{font-family:monospace;font-weight:bold}
.tag{font-size:.8em;color:#555}.match{color:#333;background:#f1f1f1;padding:0 .2em}
.msg{margin:.1rem 0}.sug{color:#1b5e20}
.text{border:1px solid #ddd;border-radius:4px;padding:.5rem 0;margin-top:.6rem}
.ln{display:flex;gap:.6rem;padding:0 .6rem;min-height:1.7em}
.no{flex:0 0 2.6em;text-align:right;color:#999;font-size:.8em;user-select:none;
padding-top:.15em}
.auto{color:#777;white-space:nowrap}
.story{font-size:.75em;color:#fff;background:#777;border-radius:3px;padding:0 .3em;
align-self:flex-start;margin-top:.3em;white-space:nowrap}
.tx{flex:1;white-space:pre-wrap;word-break:break-all;overflow-wrap:anywhere}
mark.hl{color:inherit;cursor:pointer;border-radius:2px;padding:0}
mark.hl.empty::before{content:"\\2038";font-weight:bold}
mark.hl.focus{outline:2px solid #000}
.anchor{scroll-margin-top:40vh}
#pop{position:fixed;left:0;right:0;bottom:0;max-height:45vh;overflow:auto;background:#fff;
border-top:3px solid #333;padding:.6rem 1rem 1rem;box-shadow:0 -4px 16px rgba(0,0,0,.2)}
#pop[hidden]{display:none}#pop ol{padding-left:1.5em;margin:0}#pop button{float:right}
.errors{color:#b71c1c}
details>summary{cursor:pointer;font-weight:bold}
@media (max-width:40rem){body{font-size:15px}main{padding:.5rem}.no{flex-basis:2em}
.summary th,.summary td{padding:.15rem .35rem}}
@media print{body{font-size:11pt}main{max-width:none;padding:0}#pop,.filters input{display:none}
mark.hl,li.problem,.sw{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.anchor::before{content:"[" attr(data-n) "]";font-size:.7em;vertical-align:super}
details>summary{display:none}.ln{break-inside:avoid}a{color:inherit;text-decoration:none}}
"""

_JS = """
(function(){
var pop=document.getElementById('pop'),body=document.getElementById('pop-body');
function clear(){document.querySelectorAll('.focus').forEach(function(e){
e.classList.remove('focus')});}
function marks(n){return Array.prototype.filter.call(document.querySelectorAll('mark.hl'),
function(m){return m.dataset.d.split(' ').indexOf(n)>=0;});}
function show(ids){clear();body.innerHTML='';var ol=document.createElement('ol');
ids.forEach(function(n){var li=document.getElementById('p'+n);if(!li)return;
var c=li.cloneNode(true);c.removeAttribute('id');ol.appendChild(c);
marks(n).forEach(function(m){m.classList.add('focus')});li.classList.add('focus');});
body.appendChild(ol);pop.hidden=false;}
document.addEventListener('click',function(e){var m=e.target.closest('mark.hl');
if(m){show(m.dataset.d.split(' '));return;}
if(e.target.id==='pop-close'){pop.hidden=true;clear();}});
document.addEventListener('keydown',function(e){var m=e.target.closest&&
e.target.closest('mark.hl');if(m&&(e.key==='Enter'||e.key===' ')){e.preventDefault();
show(m.dataset.d.split(' '));}if(e.key==='Escape'){pop.hidden=true;clear();}});
function fromHash(){var h=location.hash.match(/^#d(\\d+)$/);if(h){clear();
marks(h[1]).forEach(function(m){m.classList.add('focus')});}}
window.addEventListener('beforeprint',function(){
document.querySelectorAll('details').forEach(function(d){d.open=true});});
window.addEventListener('hashchange',fromHash);fromHash();
document.querySelectorAll('input[data-cat]').forEach(function(box){
box.addEventListener('change',function(){
document.body.classList.toggle('hide-'+box.dataset.cat,!box.checked);});});
})();
"""

# The page may not fetch anything: no fonts, images, scripts or beacons from the network.
_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)


def chunks(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> Iterator[str]:
    """The page in pieces: a line of text or a problem at a time (the whole page took 5 KB
    per finding). Only references to the findings, grouped by file, are held."""
    by_path: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        by_path[d.path].append(d)
    paths = list(ctx.documents)
    paths += [p for p in by_path if p not in ctx.documents]

    errors = ""
    if ctx.errors:
        items = "".join(f"<li>{esc(p)}: {esc(reason)}</li>" for p, reason in ctx.errors)
        errors = f'<section class="errors"><h2>无法检查的文件</h2><ul>{items}</ul></section>'
    yield (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="generator" content="reportlint">'
        f"<title>reportlint 检查报告</title><style>{_css()}</style></head>"
        f'<body><main><h1>reportlint 检查报告</h1><div class="filters">'
        f"{_summary(diagnostics, len(paths))}</div>{errors}"
    )
    number = 1  # problems are numbered across the whole report
    for doc_id, path in enumerate(paths, start=1):
        found = by_path.get(path, [])
        head = f'<h2 id="f{doc_id}">{esc(path)} <small>({len(found)} 个问题)</small></h2>'
        doc = ctx.documents.get(path)
        if doc is None:
            yield f"<section>{head}"
            yield from _problem_items(Document(path=path, text=""), found, number)
            yield "</section>"
        else:
            yield f'<section class="doc">{head}<div class="text" lang="zh-CN">'
            yield from _text_rows(doc_id, doc, found, number)
            yield "</div>"
            if found:
                # A long list would bury the text on a phone: it starts folded (printing
                # unfolds it).
                fold = "" if len(found) > _OPEN_LIST_MAX else " open"
                yield f"<details{fold}><summary>问题列表（{len(found)}）</summary>"
                yield from _problem_items(doc, found, number)
                yield "</details>"
            yield "</section>"
        number += len(found)

    version = f" {esc(ctx.version)}" if ctx.version else ""
    auto_note = ""
    if any(d.meta.get("docx_numbering") for d in ctx.documents.values()):
        auto_note = "灰色编号为 Word 自动编号，不属于正文文字，不参与检查。"
    yield (
        f'<p class="foot"><small>由 reportlint{version} 生成。点击高亮文字查看问题与建议。'
        f"{auto_note}</small></p></main>"
        '<div id="pop" hidden role="dialog" aria-label="问题详情">'
        '<button type="button" id="pop-close">关闭</button><div id="pop-body"></div></div>'
        f"<script>{_JS}</script></body></html>\n"
    )


def render(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> str:
    return "".join(chunks(diagnostics, ctx))
