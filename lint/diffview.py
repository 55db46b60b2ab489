"""`--diff` output a person can review: a unified diff whose hunk headers say in words what
changed inside the lines.

Fixing a draft typed with ASCII commas changes nearly every line, and each changed line of a
Chinese report is a whole paragraph: a plain diff shows every paragraph twice and leaves the
reader to spot one comma in 600 characters. Here every hunk header carries the changes found
inside its lines (`@@ -3 +3 @@ “,”→“，” 12 处；删除“以下是小编整理的……”`), which patch tools
ignore (it is the place where `diff -p` puts a function name), so the output still applies as a
patch. When most lines change, hunks get no context lines, so that each header describes one
line instead of a run of paragraphs.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter

from lint.visible import visible

# Context lines per hunk normally, and when more than this share of the lines changes.
CONTEXT = 3
MOST_LINES = 0.5
# ... and at least this many lines change: a short diff reads well with its context.
MANY_LINES = 6
HEADER_CHARS = 60


def _chars(before: str, after: str, found: Counter[tuple[str, str]]) -> None:
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            found[(before[i1:i2], after[j1:j2])] += 1


def _changes(removed: list[str], added: list[str]) -> Counter[tuple[str, str]]:
    """(old, new) pieces that differ between the removed and the added lines of a hunk:
    within a line when it was edited, the whole line when it was deleted or inserted."""
    found: Counter[tuple[str, str]] = Counter()
    lines = difflib.SequenceMatcher(None, removed, added, autojunk=False)
    for op, i1, i2, j1, j2 in lines.get_opcodes():
        olds, news = removed[i1:i2], added[j1:j2]
        if op == "equal":
            continue
        # Pair each new line with the next old line it resembles; the rest are whole-line
        # deletions and insertions (a residue line removed next to an edited paragraph).
        k = 0
        for new in news:
            for m in range(k, len(olds)):
                if difflib.SequenceMatcher(None, olds[m], new).ratio() >= 0.5:
                    for old in olds[k:m]:
                        found[(old, "")] += 1
                    _chars(olds[m], new, found)
                    k = m + 1
                    break
            else:
                found[("", new)] += 1
        for old in olds[k:]:
            found[(old, "")] += 1
    return found


def _describe(old: str, new: str) -> str:
    old_v, new_v = visible(old.strip("\r\n") or old, 12), visible(new.strip("\r\n") or new, 12)
    if not new.strip("\r\n"):
        return f"删除“{old_v}”" if old.strip() else "删除空行"
    if not old.strip("\r\n"):
        return f"插入“{new_v}”"
    return f"“{old_v}”→“{new_v}”"


def summarize(removed: list[str], added: list[str]) -> str:
    parts: list[str] = []
    changes = _changes(removed, added)
    for (old, new), count in changes.most_common():
        parts.append(_describe(old, new) + (f" {count} 处" if count > 1 else ""))
    text = ""
    for i, part in enumerate(parts):
        candidate = part if not text else f"{text}；{part}"
        if len(candidate) > HEADER_CHARS and text:
            rest = sum(changes.values()) - sum(c for _, c in changes.most_common(i))
            return f"{text}；另有 {rest} 处"
        text = candidate
    return text


def _range(start: int, stop: int) -> str:
    """A unified-diff line range (as difflib and diff -u write it)."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def _key(line: str) -> str:
    """A line without its punctuation and spaces: a paragraph whose commas were fixed has the
    same key as before, so lines are paired with their own fixed versions, not with the
    paragraph that moved into their place when a residue line above was deleted."""
    return "".join(c for c in line if unicodedata.category(c)[0] not in "PZC")


class _Lines(difflib.SequenceMatcher):  # type: ignore[type-arg]
    """Line opcodes aligned on `_key`, with edited lines as one-line replacements."""

    def __init__(self, a: list[str], b: list[str]) -> None:
        super().__init__(None, [_key(x) for x in a], [_key(x) for x in b], autojunk=False)
        codes: list[tuple[str, int, int, int, int]] = []
        for op, i1, i2, j1, j2 in super().get_opcodes():
            if op != "equal":
                codes.append((op, i1, i2, j1, j2))
                continue
            for k in range(i2 - i1):
                same = a[i1 + k] == b[j1 + k]
                step = ("equal" if same else "replace", i1 + k, i1 + k + 1, j1 + k, j1 + k + 1)
                if codes and codes[-1][0] == step[0] == "equal":
                    codes[-1] = ("equal", codes[-1][1], step[2], codes[-1][3], step[4])
                else:
                    codes.append(step)
        self._codes = codes

    def get_opcodes(self) -> list[tuple[str, int, int, int, int]]:  # type: ignore[override]
        return self._codes


def lf_lines(text: str) -> list[str]:
    """Lines split at LF only, as `patch` splits them: a CR-only file is one line to it."""
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def reviewable_diff(path: str, before: str, after: str) -> str:
    a = lf_lines(before)
    b = lf_lines(after)
    matcher = _Lines(a, b)
    opcodes = matcher.get_opcodes()
    changed = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in opcodes if op != "equal")
    if not changed:
        return ""
    out = [f"--- {path}\n", f"+++ {path}\n"]
    groups: list[list[tuple[str, int, int, int, int]]]
    if changed <= MOST_LINES * len(a) or changed < MANY_LINES:
        groups = [list(g) for g in matcher.get_grouped_opcodes(CONTEXT)]
    else:
        # Most lines change: one hunk per changed line (no context), so that each header
        # describes one paragraph.
        groups = []
        for op, i1, i2, j1, j2 in opcodes:
            if op == "equal":
                continue
            if op == "replace" and i2 - i1 == j2 - j1:
                groups.extend(
                    [[("replace", i1 + k, i1 + k + 1, j1 + k, j1 + k + 1)] for k in range(i2 - i1)]
                )
            else:
                groups.append([(op, i1, i2, j1, j2)])
    for group in groups:
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        body: list[str] = []
        removed: list[str] = []
        added: list[str] = []
        for kind, a1, a2, b1, b2 in group:
            if kind == "equal":
                body.extend(" " + x for x in a[a1:a2])
                continue
            removed.extend(a[a1:a2])
            added.extend(b[b1:b2])
            body.extend("-" + x for x in a[a1:a2])
            body.extend("+" + x for x in b[b1:b2])
        summary = summarize(removed, added)
        header = f"@@ -{_range(i1, i2)} +{_range(j1, j2)} @@"
        out.append(f"{header} {summary}\n" if summary else f"{header}\n")
        out.extend(_terminated(x) for x in body)
    return "".join(out)


def _terminated(line: str) -> str:
    if line.endswith("\n"):
        return line
    return line + "\n\\ No newline at end of file\n"
