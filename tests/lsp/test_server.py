"""`reportlint-lsp` end to end: the installed executable is spawned and a real LSP client
(pygls's) speaks the protocol to it over stdio, as an editor would."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

EXE = shutil.which("reportlint-lsp", path=str(Path(sys.executable).parent)) or shutil.which(
    "reportlint-lsp"
)
# A character outside the BMP (two UTF-16 units) before the findings: columns must be
# converted, not copied from the engine's code-point counts.
DRAFT = (
    "关于𠀀开展工作的通知\n"
    "会议定于*月*日召开。\n"
    "认真贯彻落实党的十九大和十九届历次全会精神,高效推进文明机关创建工作。\n"
    "发布时间：2026-01-01\n"
)


def _executable() -> str:
    if EXE is None:
        pytest.fail("reportlint-lsp is not installed: pip install -e '.[test]'")
    return EXE


class Session:
    """A client with the diagnostics the server published, per version."""

    def __init__(self) -> None:
        self.client = LanguageClient("reportlint-test", "1")
        self.published: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()
        self.logs: list[str] = []

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.published.put_nowait(params)

        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def on_log(params: types.LogMessageParams) -> None:
            self.logs.append(params.message)

    async def next_diagnostics(self, timeout: float = 30) -> types.PublishDiagnosticsParams:
        return await asyncio.wait_for(self.published.get(), timeout)


def _codes(params: types.PublishDiagnosticsParams) -> list[str]:
    return [str(d.code) for d in params.diagnostics]


async def _session(folder: Path, *args: str) -> None:
    draft = folder / "草稿.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    uri = from_fs_path(str(draft))
    assert uri is not None
    s = Session()
    env = {**os.environ, "REPORTLINT_CACHE_DIR": str(folder / "cache")}
    await s.client.start_io(_executable(), *args, cwd=str(folder), env=env)
    init = await s.client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=from_fs_path(str(folder)),
            process_id=os.getpid(),
        )
    )
    assert init.capabilities.hover_provider
    assert init.capabilities.code_action_provider
    s.client.initialized(types.InitializedParams())

    # didOpen: diagnostics at once, with the folder's configuration (RS is ignored there).
    s.client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=DRAFT)
        )
    )
    first = await s.next_diagnostics()
    assert first.uri == uri and first.version == 1
    codes = _codes(first)
    assert "PH101" in codes and "FM106" in codes and "PU" in "".join(codes)
    assert not any(c.startswith("RS") for c in codes), codes
    ph = next(d for d in first.diagnostics if d.code == "PH101")
    assert ph.range.start == types.Position(line=1, character=4)
    assert ph.severity == types.DiagnosticSeverity.Error and ph.source == "reportlint"

    # didChange: a burst of keystrokes is linted once, for the last version.
    for version, char in ((2, "3"), (3, "")):
        s.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(
                            types.Position(1, 4), types.Position(1, 5 if version == 2 else 6)
                        ),
                        text=char or "3月",
                    )
                ],
            )
        )
    after = await s.next_diagnostics()
    assert after.version == 3
    # 会议定于3月*日召开 → one placeholder left, one character further on.
    ph = [d for d in after.diagnostics if d.code == "PH101"]
    assert [d.range.start.character for d in ph] == [6]

    # codeAction on the half-width comma of line 3: a safe quick fix, an unsafe one marked
    # as such for the outdated wording, and a fix-all source action.
    comma = DRAFT.splitlines()[2].index(",")
    actions = await s.client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(types.Position(2, 0), types.Position(2, comma + 1)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    assert actions is not None
    by_title = {a.title: a for a in actions if isinstance(a, types.CodeAction)}
    safe = [a for a in by_title.values() if a.is_preferred]
    unsafe = [t for t in by_title if "不安全" in t]
    assert any("将“,”改为“，”" in a.title for a in safe), list(by_title)
    assert unsafe and all(not by_title[t].is_preferred for t in unsafe)
    fix_all = [a for a in by_title.values() if a.kind == "source.fixAll.reportlint"]
    assert len(fix_all) == 1 and "全部可安全修复" in fix_all[0].title
    comma_fix = next(a for a in safe if "“,”" in a.title)
    assert comma_fix.edit is not None and comma_fix.edit.changes is not None
    (edit,) = comma_fix.edit.changes[uri]
    assert edit.new_text == "，" and edit.range.start == types.Position(2, comma)

    # hover on the placeholder shows the rule's --explain text.
    hover = await s.client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(1, 6)
        )
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value.startswith("PH101（")
    assert "错误示例：" in hover.contents.value
    nothing = await s.client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(0, 0)
        )
    )
    assert nothing is None

    # didSave lints again (a saved configuration may change the findings); didClose clears.
    s.client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    saved = await s.next_diagnostics()
    assert saved.version == 3 and _codes(saved) == _codes(after)
    s.client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    closed = await s.next_diagnostics()
    assert closed.uri == uri and not closed.diagnostics

    await s.client.shutdown_async(None)
    s.client.exit(None)
    await s.client.stop()
    assert any("用时" in line for line in s.logs)


def test_spawned_server_speaks_lsp(tmp_path: Path) -> None:
    (tmp_path / ".reportlint.yaml").write_text(
        "as-of: 2026-11-26\nignore: [residue]\n", encoding="utf-8"
    )
    asyncio.run(_session(tmp_path))


def test_without_the_extra_it_says_how_to_install_it(tmp_path: Path) -> None:
    # A plain install has no pygls: shadow it with a package that fails to import.
    (tmp_path / "pygls").mkdir()
    (tmp_path / "pygls" / "__init__.py").write_text(
        "raise ImportError('No module named pygls')\n", encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    p = subprocess.run([_executable()], capture_output=True, text=True, env=env, check=False)
    assert p.returncode == 2
    assert p.stdout == ""
    assert p.stderr.count("\n") == 1 and "pip install 'reportlint[lsp]'" in p.stderr


def test_bad_arguments_are_one_chinese_line() -> None:
    p = subprocess.run(
        [_executable(), "--as-of", "2026-13-01"], capture_output=True, text=True, check=False
    )
    assert p.returncode == 2
    assert p.stderr == (
        "reportlint-lsp：参数错误：--as-of：应为 YYYY-MM-DD 格式的日期，而不是“2026-13-01”\n"
    )
