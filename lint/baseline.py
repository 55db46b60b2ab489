"""Baselines: record today's problems so that only new ones are reported.

Drafts carry no suppression markers, and their lines move all the time, so an entry is not a
line number but a *content key*: rule code, path (relative to the baseline file's folder), the
flagged text and a few characters on each side of it on the same line. Matching runs in two
passes: first on the full key, then, for entries still unused, without the context, so an
old problem survives an edit next to it while a new copy of the same phrase elsewhere (which
has other context) is still reported once every old entry is used up. Counts make repeats
work: three identical entries suppress three identical problems, not a fourth.

The same key, plus an occurrence number, gives the stable fingerprints that GitLab Code
Quality and SARIF use to follow a problem across runs.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lint.document import Document
from lint.model import Diagnostic, ReportlintError

VERSION = 1
# Characters of context kept on each side of the flagged text: enough to tell two copies of
# `*月*日` apart, few enough that an edit nearby rarely changes it.
CONTEXT = 8


@dataclass(frozen=True)
class Key:
    code: str
    path: str
    text: str
    before: str
    after: str

    @property
    def loose(self) -> tuple[str, str, str]:
        return (self.code, self.path, self.text)


def relative_path(path: str, base: str | None) -> str:
    """`path` as a '/'-separated path relative to `base` (unchanged for stdin or no base)."""
    if base is None or path in ("-", "") or path.startswith("<"):
        return path.replace(os.sep, "/")
    try:
        rel = os.path.relpath(os.path.abspath(path), base)
    except ValueError:  # pragma: no cover - another drive on Windows
        rel = os.path.abspath(path)
    return rel.replace(os.sep, "/")


def _context(d: Diagnostic, doc: Document | None) -> tuple[str, str]:
    """The text just before and after the flagged text on its line(s), stripped."""
    before = after = ""
    if doc is not None and 0 <= d.start <= d.end <= len(doc.text):
        first = doc.line_of(d.start)
        last = doc.line_of(max(d.start, d.end - 1)) if d.end > d.start else first
        line_start = doc.line_starts[first]
        line_end = doc.line_ends[last]
        before = doc.text[max(line_start, d.start - CONTEXT) : d.start]
        after = doc.text[d.end : min(line_end, d.end + CONTEXT)] if d.end <= line_end else ""
    return before.strip(), after.strip()


def key_for(d: Diagnostic, doc: Document | None, base: str | None = None) -> Key:
    before, after = _context(d, doc)
    return Key(d.code, relative_path(d.path, base), d.text, before, after)


def fingerprints(
    diagnostics: Iterable[Diagnostic],
    documents: Mapping[str, Document],
    base: str | None = None,
) -> Iterator[str]:
    """A stable, unique id per diagnostic, in turn: hash of its key and its occurrence number.

    Reports write them one finding at a time, so only what numbers the occurrences is kept:
    a key's digest and its count (about 100 bytes), not the key's strings. The key's fields
    are hashed as key_for gives them, without a Key per finding, and each path is made
    relative once (it cost two system calls per finding)."""
    seen: Counter[bytes] = Counter()
    relative: dict[str, str] = {}
    sha256 = hashlib.sha256
    for d in diagnostics:
        path = relative.get(d.path)
        if path is None:
            path = relative[d.path] = relative_path(d.path, base)
        before, after = _context(d, documents.get(d.path))
        raw = "\0".join((d.code, path, d.text, before, after, ""))
        digest = sha256(raw.encode("utf-8"))
        of_key = digest.digest()
        seen[of_key] += 1
        digest.update(str(seen[of_key]).encode("ascii"))  # the occurrence ends what was hashed
        yield digest.hexdigest()


@dataclass
class Baseline:
    path: str
    entries: Counter[Key]

    @property
    def base(self) -> str:
        return str(Path(self.path).resolve().parent)

    def filter(
        self, diagnostics: Sequence[Diagnostic], documents: Mapping[str, Document]
    ) -> tuple[list[Diagnostic], int, int]:
        """The diagnostics not in the baseline, how many were suppressed, and how many entries
        for the files linted now matched nothing (problems fixed since: the baseline can
        shrink). Entries for files not linted in this run (pre-commit passes only changed
        files) are not counted."""
        exact = Counter(self.entries)
        keys = [key_for(d, documents.get(d.path), self.base) for d in diagnostics]
        matched = [False] * len(diagnostics)
        for i, key in enumerate(keys):
            if exact[key] > 0:
                exact[key] -= 1
                matched[i] = True
        loose: Counter[tuple[str, str, str]] = Counter()
        for key, n in exact.items():
            if n > 0:
                loose[key.loose] += n
        for i, key in enumerate(keys):
            if not matched[i] and loose[key.loose] > 0:
                loose[key.loose] -= 1
                matched[i] = True
        kept = [d for d, m in zip(diagnostics, matched, strict=True) if not m]
        linted = {relative_path(p, self.base) for p in documents}
        stale = sum(n for (_code, path, _text), n in loose.items() if path in linted and n > 0)
        return kept, len(diagnostics) - len(kept), stale


def build(
    diagnostics: Sequence[Diagnostic], documents: Mapping[str, Document], path: str
) -> dict[str, Any]:
    base = str(Path(path).resolve().parent)
    counts: Counter[Key] = Counter(key_for(d, documents.get(d.path), base) for d in diagnostics)
    entries = [
        {
            "code": k.code,
            "path": k.path,
            "text": k.text,
            "before": k.before,
            "after": k.after,
            **({"count": n} if n > 1 else {}),
        }
        for k, n in sorted(
            counts.items(), key=lambda kv: (kv[0].path, kv[0].code, kv[0].text, kv[0].before)
        )
    ]
    return {"version": VERSION, "tool": "reportlint", "entries": entries}


def save_baseline(
    path: str, diagnostics: Sequence[Diagnostic], documents: Mapping[str, Document]
) -> int:
    data = build(diagnostics, documents, path)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ReportlintError(f"{path}: 无法写入基线文件 ({exc.strerror or exc})") from None
    return len(diagnostics)


def load_baseline(path: str) -> Baseline:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportlintError(f"{path}: 基线文件不存在") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportlintError(f"{path}: 无法读取基线文件 ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ReportlintError(f"{path}:{exc.lineno}: 基线文件不是有效的 JSON ({exc.msg})") from None
    except RecursionError:  # the parser recurses once per nesting level
        raise ReportlintError(f"{path}: 基线文件嵌套层级过深，无法读取") from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ReportlintError(f"{path}: 不是 reportlint 基线文件 (expected version {VERSION})")
    entries: Counter[Key] = Counter()
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list):
        raise ReportlintError(f"{path}: 基线文件缺少 'entries' 列表")
    for i, e in enumerate(raw_entries):
        fields = ("code", "path", "text", "before", "after")
        if not isinstance(e, dict) or not all(isinstance(e.get(f), str) for f in fields):
            raise ReportlintError(f"{path}: entry {i + 1}: expected {', '.join(fields)}")
        count = e.get("count", 1)
        if not isinstance(count, int) or count < 1:
            raise ReportlintError(f"{path}: entry {i + 1}: 'count' must be a positive integer")
        entries[Key(e["code"], e["path"], e["text"], e["before"], e["after"])] += count
    return Baseline(path, entries)
