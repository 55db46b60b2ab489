"""The language server: diagnostics while typing, quick fixes, and rule explanations on hover.

Speaks LSP over stdio through pygls 2. Every buffer is linted exactly as `reportlint FILE`
would lint it (nearest configuration, as-of date, rules, per-file ignores), see
`lint/editor.py`; on open at once, on edits after a short pause in typing (debounced), so a
burst of keystrokes costs one run. Positions are converted from the code points the engine
counts to the units the client negotiated (UTF-16 by default).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from lint import __version__
from lint.document import Document
from lint.editor import BufferLinter, BufferResult, fix_all_edits
from lint.explain import explain_rule
from lint.model import Diagnostic, Edit
from lint.visible import visible

# Seconds of quiet after the last keystroke before a buffer is linted again.
DEFAULT_DEBOUNCE = 0.3
LINTED_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
LINTED_LANGUAGES = frozenset({"plaintext", "text", "markdown"})
SOURCE = "reportlint"
FIX_ALL_KIND = "source.fixAll.reportlint"

_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


# --- positions: engine offsets (code points) <-> LSP positions (negotiated units) ---------


def _units(text: str, encoding: str) -> int:
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def to_position(doc: Document, offset: int, encoding: str) -> types.Position:
    line = doc.line_of(offset)
    start = doc.line_starts[line]
    # An offset inside a CRLF pair is reported at the end of its line.
    column_text = doc.text[start : min(offset, doc.line_ends[line])]
    return types.Position(line=line, character=_units(column_text, encoding))


def to_offset(doc: Document, position: types.Position, encoding: str) -> int:
    if position.line >= doc.line_count:
        return len(doc.text)
    start, end = doc.line_span(position.line)
    if encoding == types.PositionEncodingKind.Utf32:
        return min(start + position.character, end)
    units = 0
    for i in range(start, end):
        if units >= position.character:
            return i
        units += _units(doc.text[i], encoding)
    return end


def to_range(doc: Document, start: int, end: int, encoding: str) -> types.Range:
    return types.Range(start=to_position(doc, start, encoding), end=to_position(doc, end, encoding))


# --- what the editor shows ------------------------------------------------------------------


def lsp_diagnostic(doc: Document, d: Diagnostic, encoding: str) -> types.Diagnostic:
    return types.Diagnostic(
        range=to_range(doc, d.start, d.end, encoding),
        message=d.message,
        severity=_SEVERITY.get(d.severity, types.DiagnosticSeverity.Warning),
        code=d.code,
        source=SOURCE,
    )


def describe_edits(doc: Document, edits: tuple[Edit, ...]) -> str:
    """A quick-fix title in words: what is deleted, replaced or inserted."""
    if len(edits) != 1:
        return f"修改 {len(edits)} 处"
    e = edits[0]
    old, new = visible(doc.text[e.start : e.end], 24), visible(e.replacement, 24)
    if not e.replacement:
        return f"删除“{old}”"
    if e.start == e.end:
        return f"插入“{new}”"
    return f"将“{old}”改为“{new}”"


def fix_title(doc: Document, d: Diagnostic) -> str:
    assert d.fix is not None
    what = describe_edits(doc, d.fix.edits)
    if d.fix.safety == "safe":
        return f"{d.code}：{what}"
    return f"{d.code}（不安全修复，改后请核对）：{what}"


@dataclass
class Linted:
    version: int | None
    result: BufferResult
    seconds: float


class ReportlintServer(LanguageServer):
    def __init__(self, as_of: dt.date | None = None, debounce: float = DEFAULT_DEBOUNCE) -> None:
        super().__init__("reportlint", __version__)
        self.linter = BufferLinter(as_of)
        self.debounce = debounce
        self.linted: dict[str, Linted] = {}
        self._pending: dict[str, asyncio.TimerHandle] = {}

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def wants(self, uri: str, language_id: str | None) -> bool:
        path = to_fs_path(uri) or uri
        suffix = Path(path).suffix.lower()
        if suffix:
            return suffix in LINTED_SUFFIXES
        return (language_id or "") in LINTED_LANGUAGES

    def path_for(self, uri: str, language_id: str | None) -> str:
        path = to_fs_path(uri)
        if path is not None:
            return path
        # An unsaved buffer: configuration is looked up from the workspace folder.
        root = self.workspace.root_path or str(Path.cwd())
        suffix = ".md" if language_id == "markdown" else ".txt"
        return str(Path(root) / f"untitled{suffix}")

    def lint_now(self, uri: str) -> None:
        self._pending.pop(uri, None)
        document = self.workspace.get_text_document(uri)
        if not self.wants(uri, document.language_id):
            return
        t0 = time.perf_counter()
        result = self.linter.lint(self.path_for(uri, document.language_id), document.source)
        linted = Linted(document.version, result, time.perf_counter() - t0)
        self.linted[uri] = linted
        self.publish(uri, linted)

    def publish(self, uri: str, linted: Linted) -> None:
        result, enc = linted.result, self.encoding
        items = [lsp_diagnostic(result.document, d, enc) for d in result.diagnostics]
        if result.error is not None:
            # A broken configuration must be visible where the user is looking.
            items.insert(
                0,
                types.Diagnostic(
                    range=types.Range(types.Position(0, 0), types.Position(0, 0)),
                    message=f"无法检查：{result.error}",
                    severity=types.DiagnosticSeverity.Error,
                    source=SOURCE,
                ),
            )
        for kind, problem in result.problems:
            self.window_log_message(
                types.LogMessageParams(types.MessageType.Warning, f"{kind}：{problem}")
            )
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=items, version=linted.version)
        )
        self.window_log_message(
            types.LogMessageParams(
                types.MessageType.Log,
                f"已检查 {uri}：{len(result.diagnostics)} 个问题，"
                f"用时 {linted.seconds * 1000:.1f} 毫秒",
            )
        )

    def schedule(self, uri: str) -> None:
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        loop = asyncio.get_running_loop()
        self._pending[uri] = loop.call_later(self.debounce, self.lint_now, uri)

    def forget(self, uri: str) -> None:
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self.linted.pop(uri, None)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def current(self, uri: str) -> Linted | None:
        """The last result, if it still describes the buffer (no edit since)."""
        linted = self.linted.get(uri)
        if linted is None:
            return None
        if linted.version != self.workspace.get_text_document(uri).version:
            self.lint_now(uri)
            linted = self.linted.get(uri)
        return linted

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        linted = self.current(params.text_document.uri)
        if linted is None:
            return []
        doc, enc, uri = linted.result.document, self.encoding, params.text_document.uri
        lo = to_offset(doc, params.range.start, enc)
        hi = to_offset(doc, params.range.end, enc)
        only = params.context.only
        actions: list[types.CodeAction] = []
        if only is None or any(str(k).startswith(str(types.CodeActionKind.QuickFix)) for k in only):
            for d in linted.result.diagnostics:
                if d.fix is None or d.end < lo or d.start > hi:
                    continue
                edits = [
                    types.TextEdit(to_range(doc, e.start, e.end, enc), e.replacement)
                    for e in d.fix.edits
                ]
                actions.append(
                    types.CodeAction(
                        title=fix_title(doc, d),
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[lsp_diagnostic(doc, d, enc)],
                        is_preferred=d.fix.safety == "safe",
                        edit=types.WorkspaceEdit(changes={uri: edits}),
                    )
                )
        safe = fix_all_edits(linted.result.diagnostics)
        if safe and (
            only is None or any(FIX_ALL_KIND.startswith(str(k)) or str(k) == "source" for k in only)
        ):
            edits = [
                types.TextEdit(to_range(doc, e.start, e.end, enc), e.replacement) for e in safe
            ]
            actions.append(
                types.CodeAction(
                    title=f"修复本文件全部可安全修复的问题（{len(safe)} 处）",
                    kind=FIX_ALL_KIND,
                    edit=types.WorkspaceEdit(changes={uri: edits}),
                )
            )
        return actions

    def hover(self, params: types.HoverParams) -> types.Hover | None:
        linted = self.current(params.text_document.uri)
        if linted is None:
            return None
        doc = linted.result.document
        at = to_offset(doc, params.position, self.encoding)
        here = [
            d for d in linted.result.diagnostics if d.start <= at < d.end or d.start == d.end == at
        ]
        if not here:
            return None
        texts: list[str] = []
        for code in dict.fromkeys(d.code for d in here):
            rule = linted.result.rules.get(code)
            if rule is not None:
                texts.append(explain_rule(rule, location=False))
        if not texts:
            return None
        first = here[0]
        return types.Hover(
            contents=types.MarkupContent(
                kind=types.MarkupKind.PlainText, value="\n".join(texts).rstrip("\n")
            ),
            range=to_range(doc, first.start, first.end, self.encoding),
        )


DocumentParams = (
    types.DidOpenTextDocumentParams
    | types.DidChangeTextDocumentParams
    | types.DidSaveTextDocumentParams
    | types.DidCloseTextDocumentParams
)

# What each event on a document does: lint it at once, after a pause in typing, or forget
# it. A save lints again: a saved configuration may change a draft's findings, and a run is
# cheap.
_DOCUMENT_EVENTS: dict[str, Callable[[ReportlintServer, str], None]] = {
    types.TEXT_DOCUMENT_DID_OPEN: ReportlintServer.lint_now,
    types.TEXT_DOCUMENT_DID_CHANGE: ReportlintServer.schedule,
    types.TEXT_DOCUMENT_DID_SAVE: ReportlintServer.lint_now,
    types.TEXT_DOCUMENT_DID_CLOSE: ReportlintServer.forget,
}


def _on_document(
    server: ReportlintServer, action: Callable[[ReportlintServer, str], None]
) -> Callable[[DocumentParams], None]:
    def handle(params: DocumentParams) -> None:
        action(server, params.text_document.uri)

    return handle


def build_server(
    as_of: dt.date | None = None, debounce: float = DEFAULT_DEBOUNCE
) -> ReportlintServer:
    server = ReportlintServer(as_of, debounce)
    for event, action in _DOCUMENT_EVENTS.items():
        server.feature(event)(_on_document(server, action))

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND],
        ),
    )
    def code_action(ls: ReportlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.code_actions(params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ReportlintServer, params: types.HoverParams) -> types.Hover | None:
        return ls.hover(params)

    return server


class _Parser(argparse.ArgumentParser):
    """argparse's English headings (usage:, options:) in Chinese."""

    def format_help(self) -> str:
        text = super().format_help()
        return text.replace("usage: ", "用法：", 1).replace("选项:\n", "选项：\n", 1)

    def format_usage(self) -> str:
        return super().format_usage().replace("usage: ", "用法：", 1)

    def error(self, message: str) -> NoReturn:
        message = message.removeprefix("argument ").replace(": ", "：", 1)
        self.exit(2, f"reportlint-lsp：参数错误：{message}\n")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为 YYYY-MM-DD 格式的日期，而不是“{value}”") from None


def _seconds(value: str) -> float:
    try:
        return max(0.0, float(value))
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为秒数，而不是“{value}”") from None


def serve(argv: list[str]) -> int:
    parser = _Parser(
        prog="reportlint-lsp",
        description="reportlint 的语言服务器（LSP，经标准输入输出通信），供编辑器边写边查。"
        "配置方法见 docs/editors.md。",
        usage="reportlint-lsp [选项]",
        add_help=False,
    )
    parser._optionals.title = "选项"
    parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    parser.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        type=_date,
        help="按此日期判断提法（默认：配置文件中的 as-of，否则今天）",
    )
    parser.add_argument(
        "--debounce",
        metavar="秒",
        type=_seconds,
        default=DEFAULT_DEBOUNCE,
        help=f"停止输入多久后重新检查（默认 {DEFAULT_DEBOUNCE} 秒）",
    )
    args = parser.parse_args(argv)
    build_server(args.as_of, args.debounce).start_io()
    return 0
