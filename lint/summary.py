"""What a person reads after the findings: the summary line and the `--statistics` table.

    共 673 个问题（错误 88，警告 570，提示 15），599 个可用 --fix 修复（标有 [*]）；检查了 1 个文件

Machine formats never carry these lines: they are for concise and full output only.
"""

from __future__ import annotations

import json
import operator
import os
from collections import Counter
from collections.abc import Sequence

from lint.model import SEVERITIES, Diagnostic
from lint.words import severity_name

_SEVERITY = operator.attrgetter("severity")
_FIX = operator.attrgetter("fix")
_SAFETY = operator.attrgetter("safety")

# Marks a finding that `--fix` clears, in concise output (the convention of ruff).
FIXABLE_MARK = "[*]"


def safe_fix(d: Diagnostic) -> bool:
    return d.fix is not None and d.fix.safety == "safe"


def summary_line(diagnostics: Sequence[Diagnostic], files: int, unreadable: int = 0) -> str:
    checked = f"检查了 {files} 个文件"
    if unreadable:
        checked += f"，{unreadable} 个文件无法检查"
    if not diagnostics:
        return f"未发现问题（{checked}）"
    # Counted in C (a dirty file has 70,000 findings): severities, and fixes by safety.
    counts = dict.fromkeys(SEVERITIES, 0)
    counts.update(Counter(map(_SEVERITY, diagnostics)))
    fixes = {"safe": 0}
    fixes.update(Counter(map(_SAFETY, filter(None, map(_FIX, diagnostics)))))
    by_severity = "，".join(f"{severity_name(s)} {n}" for s, n in counts.items() if n)
    text = f"共 {len(diagnostics)} 个问题（{by_severity}）"
    safe = fixes.pop("safe")
    unsafe = sum(fixes.values())
    if safe:
        text += f"，{safe} 个可用 --fix 修复（标有 {FIXABLE_MARK}）"
    if unsafe:
        text += f"，另有 {unsafe} 个可用 --fix --unsafe-fixes 修复（改后请核对）"
    return f"{text}；{checked}"


def statistics(diagnostics: Sequence[Diagnostic], fmt: str) -> str:
    """Counts per rule, most frequent first, with how many `--fix` clears, and a total."""
    rows: dict[str, list[object]] = {}
    for d in diagnostics:
        row = rows.setdefault(d.code, [d.code, d.name, d.severity, 0, 0])
        row[3] = int(str(row[3])) + 1
        row[4] = int(str(row[4])) + int(safe_fix(d))
    ordered = sorted(rows.values(), key=lambda r: (-int(str(r[3])), str(r[0])))
    if fmt in ("json", "json-lines"):
        data = [
            {"code": c, "name": n, "severity": s, "count": k, "fixable": f}
            for c, n, s, k, f in ordered
        ]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    total = sum(int(str(r[3])) for r in ordered)
    fixable = sum(int(str(r[4])) for r in ordered)
    lines = [f"{'数量':>4}  {'可修复':>3}  代码   规则"]
    for code, name, severity, count, fixes in ordered:
        fix_text = str(fixes) if fixes else "-"
        lines.append(
            f"{count:>6}  {fix_text:>6}  {code:<6} {name}（{severity_name(str(severity))}）"
        )
    lines.append(f"{total:>6}  {fixable:>6}  合计   {len(ordered)} 条规则")
    return "\n".join(lines) + "\n"


def nothing_to_check(paths: Sequence[str], excluded: int) -> str:
    """What to say when the paths held no draft at all."""
    if excluded:
        return f"按配置 exclude 跳过了全部 {excluded} 个文件，没有需要检查的文件"
    folders = [p for p in paths if os.path.isdir(p)]
    where = "、".join(folders) if folders else "、".join(paths)
    return f"{where} 中没有可检查的文件（.txt、.md、.docx）"
