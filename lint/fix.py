"""Apply the fixes that diagnostics carry: choose, apply, re-lint, write back safely.

A fix must never lose a character it was not asked to change, so:

- only edits of the allowed safety are collected (`safe`, plus `unsafe` with --unsafe-fixes);
- edits are applied only when they do not overlap an edit already chosen in the same round
  (sorted by start, then end, then replacement, so the choice never depends on rule order);
  identical edits reported by several rules count once;
- after each round the text is linted again, because a skipped edit may still be needed and
  an applied one may expose a new finding; this repeats until nothing changes (at most
  `MAX_ROUNDS` times, so rules that undo each other cannot loop forever);
- fixes that do not settle (a rule that keeps rewriting, rules undoing each other) write
  nothing: the rules are named in an error;
- a file is written only when its text changed, through a temporary file in the same folder
  and `os.replace`, in the encoding, BOM and file mode it was read with, and only while it
  still holds the very bytes that were linted (compared right before the rename). Files that
  are read-only or hard-linked, and forced encodings that do not give back the file's bytes
  (or whose fix would cut a UTF-8/GB18030 character), are refused with one line. Line breaks
  are whatever the decoded text already holds: edits delete whole lines together with the
  line's own break, so a CRLF file stays CRLF.

.docx files are never rewritten: their text is a projection of XML runs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from lint.diffview import lf_lines, reviewable_diff
from lint.document import Document
from lint.engine import Engine
from lint.model import Diagnostic, Edit, ReportlintError
from lint.printable import printable
from lint.profile import Profile
from lint.runner import FileResult, lint_file
from lint.sources import document_from_text
from lint.sources.text import Decoded, decode_bytes, encode_text

MAX_ROUNDS = 10

# Drops or adjusts a document's diagnostics the way the report will (per-file ignores,
# `allow` phrases), so that --fix never changes text the user told reportlint to accept.
Refine = Callable[[Document, list[Diagnostic]], list[Diagnostic]]


def allowed_safeties(unsafe: bool) -> frozenset[str]:
    return frozenset({"safe", "unsafe"}) if unsafe else frozenset({"safe"})


def collect_edits(diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> list[Edit]:
    """Every edit of the allowed safety, each distinct edit once."""
    allowed = allowed_safeties(unsafe)
    edits: dict[Edit, None] = {}
    for d in diagnostics:
        if d.fix is not None and d.fix.safety in allowed:
            edits.update(dict.fromkeys(d.fix.edits))
    return list(edits)


def _conflicts(a: Edit, b: Edit) -> bool:
    """True when applying both would be ambiguous: their ranges share a character, or both
    touch the same point and one is an insertion (whose text would go first is undefined)."""
    if a.start < b.end and b.start < a.end:
        return True
    return a.start == b.start and (a.start == a.end or b.start == b.end)


def choose_edits(edits: Iterable[Edit]) -> list[Edit]:
    """A deterministic, pairwise non-overlapping subset, sorted by position."""
    ordered = sorted(set(edits), key=lambda e: (e.start, e.end, e.replacement))
    chosen: list[Edit] = []
    for e in ordered:
        # Sorted by start, so only the last chosen edit can reach into `e`.
        if chosen and _conflicts(chosen[-1], e):
            continue
        chosen.append(e)
    return chosen


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply sorted, non-overlapping edits (as returned by `choose_edits`)."""
    parts: list[str] = []
    pos = 0
    for e in edits:
        if e.start < pos or e.end < e.start or e.end > len(text):
            raise ValueError(f"edit {e} overlaps or lies outside the text")
        parts.append(text[pos : e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def rebuild(doc: Document, text: str) -> Document:
    """The same kind of Document for new text (Markdown markup is masked again)."""
    return document_from_text(text, doc.path, doc.kind, doc.encoding)


@dataclass
class FixOutcome:
    """What fixing one document did. `diagnostics` are those left after the last round."""

    document: Document
    original: str
    diagnostics: list[Diagnostic]
    applied: int = 0
    rounds: int = 0
    converged: bool = True
    # Codes of the rules whose fixes kept changing the text when it did not converge.
    unsettled: list[str] = field(default_factory=list)
    # The edits applied in each round, in that round's coordinates.
    history: list[list[Edit]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def changed(self) -> bool:
        return self.document.text != self.original


def fix_document(
    doc: Document,
    engine: Engine,
    as_of: dt.date,
    *,
    unsafe: bool = False,
    diagnostics: list[Diagnostic] | None = None,
    refine: Refine | None = None,
    max_rounds: int = MAX_ROUNDS,
) -> FixOutcome:
    """Apply fixes to a fixed point.

    `diagnostics` (already refined) saves the first lint when the caller has it.
    """

    def lint(d: Document) -> list[Diagnostic]:
        found = engine.check(d, as_of).diagnostics
        return refine(d, found) if refine is not None else found

    if diagnostics is None:
        diagnostics = lint(doc)
    outcome = FixOutcome(doc, doc.text, diagnostics)
    # Texts already reached: rules that undo each other would cycle through them.
    seen = {doc.text}
    for _ in range(max_rounds):
        chosen = choose_edits(collect_edits(outcome.diagnostics, unsafe))
        if not chosen:
            return outcome
        new_text = apply_edits(outcome.document.text, chosen)
        if new_text == outcome.document.text:
            return outcome  # every edit rewrote text with itself
        if new_text in seen:
            outcome.converged = False
            outcome.unsettled = _fixing_codes(outcome.diagnostics, chosen, unsafe)
            return outcome
        seen.add(new_text)
        outcome.rounds += 1
        outcome.applied += len(chosen)
        outcome.history.append(chosen)
        outcome.document = rebuild(outcome.document, new_text)
        outcome.diagnostics = lint(outcome.document)
    left = collect_edits(outcome.diagnostics, unsafe)
    outcome.converged = not left
    if left:
        outcome.unsettled = _fixing_codes(outcome.diagnostics, left, unsafe)
    return outcome


def _fixing_codes(
    diagnostics: Iterable[Diagnostic], edits: Iterable[Edit], unsafe: bool
) -> list[str]:
    """Codes of the diagnostics that carry one of `edits` (sorted, each once)."""
    wanted = set(edits)
    allowed = allowed_safeties(unsafe)
    return sorted(
        {
            d.code
            for d in diagnostics
            if d.fix is not None and d.fix.safety in allowed and wanted & set(d.fix.edits)
        }
    )


def fix_text(
    text: str,
    engine: Engine,
    as_of: dt.date,
    *,
    unsafe: bool = False,
    path: str = "-",
    kind: str = "text",
) -> FixOutcome:
    """Convenience for callers holding a string (tests, editors)."""
    return fix_document(document_from_text(text, path, kind), engine, as_of, unsafe=unsafe)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff (as `diff -u` / git print it, with no-newline markers).

    Lines are split at LF only, as `patch` splits them: a CR-only file (or one holding U+2028)
    is a single line to `patch`, and a diff cut at its CRs could not be applied.
    """
    a = lf_lines(before)
    b = lf_lines(after)
    out: list[str] = []
    for line in difflib.unified_diff(a, b, fromfile=path, tofile=path, lineterm="\n"):
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _encode(text: str, decoded: Decoded, path: str) -> bytes:
    try:
        return encode_text(text, decoded)
    except UnicodeEncodeError as exc:
        raise ReportlintError(
            f"{path}: 修复后的文本无法按 {decoded.encoding} 编码，第 {exc.start} 个字符"
            "(fixed text cannot be encoded; file left unchanged)"
        ) from None


def check_writable(path: str) -> None:
    """Refuse files a fix must not replace: ones the user cannot write, and hard links.

    The replacement is a new file renamed over the old name, so it would neither respect a
    read-only mode (the rename needs only the folder) nor reach the file's other names. A
    hard-linked file is refused rather than written in place: an in-place write is not
    atomic, and an interrupted one would lose the text under every name at once.
    """
    target = os.path.realpath(path)
    try:
        st = os.stat(target)
    except OSError as exc:
        raise ReportlintError(f"{path}: 无法写入（{exc.strerror or exc}）") from None
    # A file nobody may write is read-only on purpose, even to root (who passes os.access).
    if not os.access(target, os.W_OK) or not st.st_mode & 0o222:
        raise ReportlintError(f"{path}: 文件为只读，未修复")
    if st.st_nlink > 1:
        raise ReportlintError(
            f"{path}: 文件有 {st.st_nlink} 个硬链接，改写会使其他链接保留旧文本，未修复"
            "（hard-linked file left unchanged）"
        )


def write_atomic(path: str, data: bytes, expected: bytes | None = None) -> None:
    """Replace the file's content atomically, keeping its mode (and owner where allowed).

    With `expected`, the file must still hold exactly those bytes: they are compared after
    the new content is on disk and right before the rename, so an edit saved while the file
    was linted (even one that kept its size and modification time) is never overwritten.
    A symbolic link is followed, so the link stays a link to the fixed file.
    """
    import tempfile  # only a run that writes pays for it

    target = os.path.realpath(path)
    try:
        st = os.stat(target)
        folder = os.path.dirname(target) or "."
        fd, tmp = tempfile.mkstemp(
            prefix="." + os.path.basename(target) + ".", suffix=".reportlint-tmp", dir=folder
        )
    except OSError as exc:
        raise ReportlintError(f"{path}: 无法写入 ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        with contextlib.suppress(OSError):  # only root may give a file away; keep ours
            os.chown(tmp, st.st_uid, st.st_gid)
        if expected is not None and _current_bytes(target) != expected:
            os.unlink(tmp)
            raise ReportlintError(f"{path}: 文件在检查期间被修改，未写入")
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ReportlintError(f"{path}: 无法写入 ({exc.strerror or exc})") from None


def _current_bytes(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def _damaged_encodings(before: bytes, after: bytes) -> list[str]:
    """Encodings the original bytes were valid (non-ASCII) text in but the fixed ones are not.

    A forced single-byte encoding (latin-1) reads UTF-8 text as one character per byte, so a
    fix deleting one of those "characters" cuts a real character in half.
    """
    if before.isascii():
        return []
    damaged = []
    for codec in ("utf-8", "gb18030"):
        try:
            before.decode(codec)
        except UnicodeDecodeError:
            continue
        try:
            after.decode(codec)
        except UnicodeDecodeError:
            damaged.append(codec.upper())
    return damaged


@dataclass
class FileFix:
    """The lint result of one path plus what fixing did to it."""

    result: FileResult
    outcome: FixOutcome | None = None
    # Why the file was linted but not fixed (e.g. .docx): shown as a note, not an error.
    skipped: str | None = None
    written: bool = False


def fix_path(
    path: str,
    engine: Engine,
    profile: Profile,
    today: dt.date,
    *,
    unsafe: bool = False,
    write: bool = True,
) -> FileFix:
    """Lint `path`, fix it to a fixed point, and (with `write`) save it if it changed.

    The profile's per-file ignores and `allow` phrases apply to every round, so --fix never
    changes text the user told reportlint to accept. Standard input ('-') is never written;
    the caller prints `outcome.text` instead. On a write error `result.error` is set and the
    file is left as it was.
    """
    # The bytes as they were before linting: the write goes ahead only if the file still
    # holds exactly these, and only if the decoded text encodes back to them.
    before = _current_bytes(path) if path != "-" and write else None
    result = lint_file(path, engine, profile, today)
    ff = FileFix(result)
    doc = result.document
    if result.error or doc is None or result.as_of is None:
        return ff
    if doc.kind == "docx" or result.decoded is None:
        ff.skipped = f"{result.path}: 不会改写 .docx 文件，请在 Word 中修改"
        return ff

    def refine(d: Document, found: list[Diagnostic]) -> list[Diagnostic]:
        return profile.refine(found, d.text)

    outcome = fix_document(
        doc, engine, result.as_of, unsafe=unsafe, diagnostics=result.diagnostics, refine=refine
    )
    ff.outcome = outcome
    result.document = outcome.document
    result.diagnostics = outcome.diagnostics
    if not outcome.converged:
        # A rule that keeps rewriting (or rules undoing each other) would leave a text
        # nobody reviewed: write nothing and name the rules.
        result.error = (
            f"{result.path}: 规则 {'、'.join(outcome.unsettled) or '?'} 的修复在 {MAX_ROUNDS}"
            f" 轮内未能稳定，未写入任何修改"
        )
        return ff
    if not (write and outcome.changed and path != "-"):
        return ff
    try:
        _write_back(path, outcome, result, before, profile.encoding)
    except ReportlintError as exc:
        result.error = printable(str(exc))
        return ff
    ff.written = True
    return ff


def _write_back(
    path: str,
    outcome: FixOutcome,
    result: FileResult,
    before: bytes | None,
    encoding: str | None,
) -> None:
    """Write the fixed text in the file's encoding, or raise why it must not be written."""
    assert result.decoded is not None
    check_writable(path)
    data = _encode(outcome.text, result.decoded, result.path)
    original = encode_text(outcome.original, result.decoded)
    if before is not None and original != before:
        if _decodes_to(before, outcome.original, result.path, encoding):
            raise ReportlintError(
                f"{result.path}: 按 {result.decoded.encoding} 解码再编码无法还原原始字节，未修复"
            )
        raise ReportlintError(f"{result.path}: 文件在检查期间被修改，未写入")
    damaged = _damaged_encodings(original, data) if encoding else []
    if damaged:
        raise ReportlintError(
            f"{result.path}: 按 --encoding {encoding} 修复会破坏文件中的 {damaged[0]} 字符，未修复"
        )
    write_atomic(path, data, expected=before)


def _decodes_to(data: bytes, text: str, path: str, encoding: str | None) -> bool:
    try:
        return decode_bytes(data, path, encoding).text == text
    except ReportlintError:
        return False


def encoded_output(outcome: FixOutcome, decoded: Decoded, path: str) -> bytes:
    """The fixed text of standard input, in the encoding it came in."""
    return _encode(outcome.text, decoded, path)


class FixStage:
    """The fixing stage of a run (--fix / --diff): fixes each file, remembers what to print.

    Files are fixed one after another in this process: each one is written as soon as it
    is fixed, and a run stopped half way leaves every file either old or new, never mixed.
    """

    def __init__(self, *, unsafe: bool, write: bool) -> None:
        self.unsafe = unsafe
        self.write = write
        self.diffs: list[str] = []
        self.notes: list[str] = []
        self.stdin_output: bytes | None = None
        self.applied = 0
        self.changed_files = 0

    def file(self, path: str, engine: Engine, profile: Profile, today: dt.date) -> FileResult:
        ff = fix_path(path, engine, profile, today, unsafe=self.unsafe, write=self.write)
        result, outcome = ff.result, ff.outcome
        if ff.skipped:
            self.notes.append(ff.skipped)
        if outcome is None or result.error:
            return result
        if outcome.changed:
            self.applied += outcome.applied
            self.changed_files += 1
            if not self.write:
                self.diffs.append(reviewable_diff(result.path, outcome.original, outcome.text))
        if path == "-" and self.write and result.decoded is not None:
            try:
                self.stdin_output = encoded_output(outcome, result.decoded, result.path)
            except ReportlintError as exc:
                result.error = str(exc)
        return result

    def summary(self) -> str:
        if self.write:
            return f"已修复 {self.applied} 处，涉及 {self.changed_files} 个文件"
        return f"可修复 {self.applied} 处，涉及 {self.changed_files} 个文件"
