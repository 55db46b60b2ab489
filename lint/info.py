"""What the command prints besides a lint report: --explain, --list-rules, --show-config,
--test-rules and --statistics."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lint.model import Diagnostic

if TYPE_CHECKING:
    from lint.config import ConfigFinder


def explain(code: str, rules_paths: Sequence[str]) -> str:
    from lint.explain import explain as explain_text

    return explain_text(code, rules_paths)


def list_rules(rules_paths: Sequence[str]) -> str:
    from lint.checks import partly_unsafe
    from lint.ruleset import load_ruleset

    # One row per rule, tab-separated under a heading row, so `cut -f1` still gives the codes.
    out = ["代码\t规则名\t类别\t级别\t修复\t适用时间（按文档日期）"]
    for r in sorted(load_ruleset(rules_paths), key=lambda r: r.code):
        dates = "-"
        if r.effective_from or r.effective_until:
            start = f"{r.effective_from} 起" if r.effective_from else ""
            until = f"{r.effective_until} 前" if r.effective_until else ""
            dates = "，".join(x for x in (start, until) if x)
        fix = {"safe": "安全", "unsafe": "需核对"}.get(r.fix_safety or "", "-")
        if partly_unsafe(r):
            fix = "安全，部分需核对"
        out.append(f"{r.code}\t{r.name}\t{r.category}\t{r.severity}\t{fix}\t{dates}")
    return "\n".join(out) + "\n"


def show_config(path: str, finder: ConfigFinder) -> str:
    import yaml

    from lint.config import glob_matches
    from lint.profile import Request, make_profile

    config = finder.for_file(path)
    profile = make_profile(path, config, Request())
    excluded = any(glob_matches(g, path, config.root) for g in config.exclude)
    as_of = profile.as_of if isinstance(profile.as_of, str) else profile.as_of.isoformat()
    data = {
        "file": path,
        "config": config.path or "(none: built-in defaults)",
        "excluded": excluded,
        "as-of": "(today)" if as_of == "today" else as_of,
        "select": list(profile.select) if profile.select is not None else ["ALL"],
        "ignore": list(profile.ignore),
        "extend-select": list(profile.extend_select),
        # Every entry, and whether it applies to this file: a glob that silently matches
        # nothing is the usual reason an ignore "does not work".
        "per-file-ignores": [
            {"pattern": g, "ignore": list(sels), "matches": glob_matches(g, path, config.root)}
            for g, sels in config.per_file_ignores
        ],
        "ignored-here": list(profile.file_ignores),
        "severity": dict(profile.severity),
        "fail-on": profile.fail_on,
        "rules": list(profile.rule_files),
        "exclude": list(config.exclude),
        "allow": list(profile.allow),
        "baseline": profile.baseline,
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def rule_examples_report(paths: Sequence[str]) -> tuple[str, int]:
    """The report of running the examples of the rule files `paths`, and the exit code."""
    from lint.rule_tests import check_rule_examples
    from lint.ruleset import expand_rule_paths, load_ruleset

    files = expand_rule_paths(paths)
    # Loading them together with the built-in rules validates them and catches code clashes.
    ruleset = load_ruleset(files)
    wanted = {str(f.resolve()) for f in files}
    rules = [r for r in ruleset if str(Path(r.file).resolve()) in wanted]
    lines: list[str] = []
    examples = 0
    for rule in rules:
        examples += len(rule.bad) + len(rule.good)
        lines.extend(str(f) for f in check_rule_examples(rule))
    failed = len(lines)
    lines.append(
        f"{len(rules)} 条规则，{examples} 个示例："
        + (f"{failed} 个未通过" if failed else "全部通过")
    )
    return "\n".join(lines) + "\n", 1 if failed else 0


def statistics(diagnostics: Sequence[Diagnostic], fmt: str) -> str:
    from lint.summary import statistics as table

    return table(diagnostics, fmt)
