"""`reportlint --explain CODE` and the editor's hover text: what a rule catches, why, when,
examples and where the rule comes from, in Chinese."""

from __future__ import annotations

from collections.abc import Sequence

from lint.checks import partly_unsafe
from lint.model import ReportlintError
from lint.rule import Example, Rule
from lint.ruleset import RuleSet, load_ruleset
from lint.words import SAFETY_NAMES, category_name, severity_name


def find_rule(ruleset: RuleSet | Sequence[Rule], code: str) -> Rule:
    rule = next((r for r in ruleset if r.code == code.upper() or r.name == code), None)
    if rule is None:
        raise ReportlintError(f"{code}：没有这条规则，可用 --list-rules 查看全部规则")
    return rule


def explain(code: str, rules_paths: Sequence[str]) -> str:
    return explain_rule(find_rule(load_ruleset(rules_paths), code))


def _example(rule: Rule, mark: str, e: Example) -> str:
    # A dated rule's examples are judged at a date: show it, or the same sentence could
    # appear as both bad and good with nothing to tell the reader why.
    dated = e.as_of is not None or rule.effective_from or rule.effective_until
    day = e.as_of or rule.example_date()
    # Multi-line examples keep their shape: continuation lines are indented under the text.
    text = e.text.replace("\r\n", "\n").replace("\n", "\n    ")
    return f"  {mark} {text}" + (f"    （按 {day} 判断）" if dated and day else "")


def explain_rule(rule: Rule, *, location: bool = True) -> str:
    lines = [f"{rule.code}（{rule.name}）", ""]
    lines.append(
        f"类别：{category_name(rule.category)}（{rule.category}）    "
        f"级别：{severity_name(rule.severity)}（{rule.severity}）    "
        f"检查方式：{rule.kind}"
    )
    if rule.effective_from or rule.effective_until:
        start = f"自 {rule.effective_from} 起" if rule.effective_from else ""
        until = f"至 {rule.effective_until} 止" if rule.effective_until else ""
        span = "，".join(x for x in (start, until) if x)
        lines.append(f"适用时间：按文档日期判断，{span}")
    if rule.fix_safety:
        fix = SAFETY_NAMES.get(rule.fix_safety, rule.fix_safety)
        if partly_unsafe(rule):
            fix += f"；无法确认无害的修改为{SAFETY_NAMES['unsafe']}"
        lines.append(f"修复：{fix}")
    lines.append("")
    if rule.description:
        lines.append(f"说明：{rule.description.strip()}")
    lines.append(f"提示信息：{rule.message}")
    if rule.suggestion:
        lines.append(f"建议写法：{rule.suggestion}")
    if rule.source:
        lines += ["", f"依据：{rule.source}"]
    from lint.timeref import describe_facts

    facts = describe_facts(rule)
    if facts:
        lines += ["", *facts]
    lines += ["", "错误示例："] + [_example(rule, "✗", e) for e in rule.bad]
    lines += ["正确示例："] + [_example(rule, "✓", e) for e in rule.good]
    if location:
        lines += ["", f"规则定义：{rule.file}:{rule.line}"]
    return "\n".join(lines) + "\n"
