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
    from lint.ruleset import load_ruleset

    out = []
    for r in sorted(load_ruleset(rules_paths), key=lambda r: r.code):
        dates = ""
        if r.effective_from or r.effective_until:
            dates = f" [{r.effective_from or ''}..{r.effective_until or ''}]"
        fix = f" fix:{r.fix_safety}" if r.fix_safety else ""
        out.append(f"{r.code}\t{r.name}\t{r.category}\t{r.severity}{fix}{dates}")
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
        "per-file-ignores": list(profile.file_ignores),
        "severity": dict(profile.severity),
        "fail-on": profile.fail_on,
        "rules": list(profile.rule_files),
        "exclude": list(config.exclude),
        "allow": list(profile.allow),
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
        f"{len(rules)} 条规则，{examples} 个示例: "
        + (f"{failed} 个失败" if failed else "全部通过")
        + f" ({len(rules)} rules, {examples} examples, {failed} failed)"
    )
    return "\n".join(lines) + "\n", 1 if failed else 0


def statistics(diagnostics: Sequence[Diagnostic], fmt: str) -> str:
    counts: dict[str, list[object]] = {}
    for d in diagnostics:
        row = counts.setdefault(d.code, [d.code, d.name, d.severity, 0])
        row[3] = int(str(row[3])) + 1
    rows = sorted(counts.values(), key=lambda r: (-int(str(r[3])), str(r[0])))
    if fmt in ("json", "json-lines"):
        import json

        data = [{"code": c, "name": n, "severity": s, "count": k} for c, n, s, k in rows]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return "".join(f"{k:>6}  {c:<6} {n} ({s})\n" for c, n, s, k in rows)
