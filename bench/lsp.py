#!/usr/bin/env python3
"""Benchmark `reportlint-lsp`: how long re-linting a 10,000-character draft takes after an edit.

    python bench/lsp.py              # 30 edits on each draft
    python bench/lsp.py --edits 100

The installed server is spawned and driven over stdio by pygls's client with debouncing off
(`--debounce 0`). Two drafts of 10,000 characters: the seed page's first 10,000 characters
(a dirty draft: hundreds of findings) and an official text (a clean one). After opening each
(the cold run), every edit inserts a character in the middle and waits for the diagnostics of
that version. Reported: the server's own lint time (from its log message: configuration
lookup, linting, filtering) and the client's round trip (didChange sent → publishDiagnostics
received: adds JSON encoding of every diagnostic and the pipe), median and maximum.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "corpus"
SEED = SHARED / "seed" / "000_edcc395c28bc87b3.txt"
OFFICIAL = SHARED / "official"
SIZE = 10_000
_TOOK = re.compile(r"用时 ([0-9.]+) 毫秒")


def drafts() -> dict[str, str]:
    seed = SEED.read_text(encoding="utf-8")[:SIZE]
    official = ""
    for p in sorted(OFFICIAL.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        if len(text) >= SIZE:
            official = text[:SIZE]
            break
    return {"seed (dirty)": seed, "official (clean)": official}


async def measure(exe: str, folder: Path, name: str, text: str, edits: int) -> None:
    client = LanguageClient("bench", "1")
    published: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()
    logs: asyncio.Queue[float] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait(params)

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def on_log(params: types.LogMessageParams) -> None:
        m = _TOOK.search(params.message)
        if m:
            logs.put_nowait(float(m.group(1)))

    await client.start_io(exe, "--debounce", "0", cwd=str(folder))
    await client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), process_id=None)
    )
    client.initialized(types.InitializedParams())
    path = folder / "draft.txt"
    path.write_text(text, encoding="utf-8")
    uri = from_fs_path(str(path))
    assert uri is not None
    t0 = time.perf_counter()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "plaintext", 1, text))
    )
    first = await published.get()
    cold_trip = (time.perf_counter() - t0) * 1000
    cold = await logs.get()
    middle = text.count("\n") // 2
    server: list[float] = []
    trips: list[float] = []
    for version in range(2, edits + 2):
        change = types.TextDocumentContentChangePartial(
            range=types.Range(types.Position(middle, 0), types.Position(middle, 0)), text="的"
        )
        t0 = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=version), [change]
            )
        )
        while (got := await published.get()).version != version:
            pass
        trips.append((time.perf_counter() - t0) * 1000)
        server.append(await logs.get())
        del got
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    print(
        f"{name}: {len(text)} characters, {len(first.diagnostics)} diagnostics; "
        f"open (cold) {cold:.1f} ms in the server, {cold_trip:.1f} ms round trip"
    )
    print(
        f"  re-lint after an edit ({edits} edits): server median {statistics.median(server):.1f}"
        f" ms, max {max(server):.1f} ms; round trip median {statistics.median(trips):.1f} ms,"
        f" max {max(trips):.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=30)
    args = parser.parse_args()
    exe = shutil.which("reportlint-lsp", path=str(Path(sys.executable).parent))
    if exe is None:
        print("reportlint-lsp is not installed (pip install '.[lsp]')", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in drafts().items():
            asyncio.run(measure(exe, Path(tmp), name, text, args.edits))
    return 0


if __name__ == "__main__":
    sys.exit(main())
